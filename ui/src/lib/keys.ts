// Keyboard helpers shared by the app-wide shortcuts and the session view.

export const isMac = navigator.platform.startsWith("Mac");

const NOT_TYPED = new Set(["checkbox", "radio", "button", "submit", "reset"]);

/** True when keys go into a field: shortcuts must leave them alone. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type);
  return target.isContentEditable || ["TEXTAREA", "SELECT"].includes(target.tagName);
}

/** True when Enter or Space belongs to the focused control (a button, a checkbox). */
export function activatesFocused(e: KeyboardEvent): boolean {
  return (
    (e.key === "Enter" || e.key === " ") &&
    e.target instanceof Element &&
    e.target.closest("button, a[href], input, select, textarea, summary") !== null
  );
}
