// Multi-selection over an ordered list of paths, the way file managers behave.

export interface Selection {
  paths: ReadonlySet<string>;
  /** Where a shift-range starts. */
  anchor: string | null;
  /** The row the keyboard is on. */
  focus: string | null;
}

export const EMPTY_SELECTION: Selection = { paths: new Set(), anchor: null, focus: null };

export interface Modifiers {
  shift: boolean;
  /** Ctrl on Linux/Windows, Cmd on macOS. */
  toggle: boolean;
}

function range(order: readonly string[], from: string | null, to: string): string[] {
  const end = order.indexOf(to);
  const start = from === null ? -1 : order.indexOf(from);
  if (start < 0) return [to];
  return order.slice(Math.min(start, end), Math.max(start, end) + 1);
}

export function clickSelect(
  sel: Selection,
  order: readonly string[],
  path: string,
  mods: Modifiers,
): Selection {
  if (mods.shift) {
    const span = range(order, sel.anchor, path);
    const paths = mods.toggle ? new Set([...sel.paths, ...span]) : new Set(span);
    return { paths, anchor: sel.anchor ?? path, focus: path };
  }
  if (mods.toggle) {
    const paths = new Set(sel.paths);
    if (paths.has(path)) paths.delete(path);
    else paths.add(path);
    return { paths, anchor: path, focus: path };
  }
  return { paths: new Set([path]), anchor: path, focus: path };
}

/**
 * Arrow keys: move the focus by `delta` rows. Plain moves select the new row, shift extends
 * the range from the anchor, and with `keep` the selection stays so Space can add rows.
 */
export function moveFocus(
  sel: Selection,
  order: readonly string[],
  delta: number,
  mode: "select" | "extend" | "keep",
): Selection {
  if (order.length === 0) return sel;
  const at = sel.focus === null ? -1 : order.indexOf(sel.focus);
  const next = at < 0 ? (delta > 0 ? 0 : order.length - 1) : clamp(at + delta, order.length);
  const focus = order[next];
  if (mode === "keep") return { ...sel, focus };
  if (mode === "extend")
    return { paths: new Set(range(order, sel.anchor, focus)), anchor: sel.anchor ?? focus, focus };
  return { paths: new Set([focus]), anchor: focus, focus };
}

function clamp(i: number, length: number): number {
  return Math.min(Math.max(i, 0), length - 1);
}

/** Space: add or remove the focused row. */
export function toggleFocused(sel: Selection): Selection {
  if (sel.focus === null) return sel;
  return clickSelect(sel, [], sel.focus, { shift: false, toggle: true });
}

export function selectAll(order: readonly string[], sel: Selection): Selection {
  return { paths: new Set(order), anchor: order[0] ?? null, focus: sel.focus ?? order[0] ?? null };
}

/** Forgets paths that are no longer listed, e.g. after a file was removed or moved. */
export function prune(sel: Selection, exists: (path: string) => boolean): Selection {
  const paths = [...sel.paths].filter(exists);
  if (paths.length === sel.paths.size) return sel;
  return {
    paths: new Set(paths),
    anchor: sel.anchor !== null && exists(sel.anchor) ? sel.anchor : null,
    focus: sel.focus !== null && exists(sel.focus) ? sel.focus : null,
  };
}
