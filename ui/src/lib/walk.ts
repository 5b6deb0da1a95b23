// Walking a checklist in a validation session: which control comes next, how outcomes and
// the pace read, what the keys do. The pace itself is the core's answer, shown as it is.
import type { ControlStatus } from "./generated/ControlStatus";
import type { Outcome } from "./generated/Outcome";
import type { OutcomeRecord } from "./generated/OutcomeRecord";
import type { PaceStatus } from "./generated/PaceStatus";
import type { TagNote } from "./generated/TagNote";

export const OUTCOMES: readonly Outcome[] = ["met", "not_met", "follow_up"];

export const OUTCOME_LABEL: Record<Outcome, string> = {
  met: "Met",
  not_met: "Not met",
  follow_up: "Needs follow-up",
};

/** The coverage colours an outcome borrows: met reads like covered, not met like a gap. */
export const OUTCOME_TONE: Record<Outcome, ControlStatus> = {
  met: "covered",
  not_met: "gap",
  follow_up: "partial",
};

export const PACE_LABEL: Record<PaceStatus, string> = {
  ahead: "Ahead",
  on_track: "On track",
  behind: "Behind",
  overtime: "Over time",
  done: "All recorded",
};

export const PACE_TONE: Record<PaceStatus, ControlStatus> = {
  ahead: "covered",
  on_track: "covered",
  behind: "partial",
  overtime: "gap",
  done: "covered",
};

type Walked = { id: string; status: ControlStatus };

/** Waived and not-applicable controls need no outcome, so the walk passes them by. */
export function needsOutcome(status: ControlStatus): boolean {
  return status !== "waived" && status !== "not_applicable";
}

/** The control to show first: the remembered one, else the first that needs an outcome. */
export function startControl(controls: readonly Walked[], remembered: string | null) {
  if (remembered && controls.some((c) => c.id === remembered)) return remembered;
  return (controls.find((c) => needsOutcome(c.status)) ?? controls[0])?.id ?? null;
}

/**
 * The next (`delta` 1) or previous (-1) control that needs an outcome, in checklist order;
 * `current` itself at either end.
 */
export function step(controls: readonly Walked[], current: string, delta: 1 | -1): string {
  const at = controls.findIndex((c) => c.id === current);
  if (at < 0) return startControl(controls, null) ?? current;
  for (let i = at + delta; i >= 0 && i < controls.length; i += delta) {
    if (needsOutcome(controls[i].status)) return controls[i].id;
  }
  return current;
}

/** The user's notes on a file's tags that concern `control` (the control or one of its items). */
export function notesFor(notes: readonly TagNote[], control: string): string[] {
  return notes
    .filter((n) => n.tag === control || n.tag.startsWith(`${control}#`))
    .map((n) => n.note);
}

/** "2 met · 1 not met · 1 needs follow-up", leaving out outcomes nobody gave. */
export function outcomeCounts(outcomes: readonly OutcomeRecord[]): string {
  return OUTCOMES.map((o) => [o, outcomes.filter((r) => r.outcome === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${n} ${OUTCOME_LABEL[o].toLowerCase()}`)
    .join(" · ");
}

export type SessionAction =
  | { type: "step"; delta: 1 | -1 }
  | { type: "file"; delta: 1 | -1 }
  | { type: "record"; outcome: Outcome }
  | { type: "jump" }
  | { type: "note" }
  | { type: "open" }
  | { type: "preview" };

const PLAIN_KEYS: Record<string, SessionAction> = {
  ArrowRight: { type: "step", delta: 1 },
  j: { type: "step", delta: 1 },
  ArrowLeft: { type: "step", delta: -1 },
  k: { type: "step", delta: -1 },
  ArrowDown: { type: "file", delta: 1 },
  ArrowUp: { type: "file", delta: -1 },
  "1": { type: "record", outcome: "met" },
  "2": { type: "record", outcome: "not_met" },
  "3": { type: "record", outcome: "follow_up" },
  "/": { type: "jump" },
  n: { type: "note" },
  Enter: { type: "open" },
  o: { type: "open" },
  p: { type: "preview" },
  " ": { type: "preview" },
};

/**
 * What a key does in the session view, null for nothing. `mod` is Ctrl (⌘ on a Mac): only
 * Ctrl+K means something with it.
 */
export function sessionAction(key: string, mod: boolean, alt = false): SessionAction | null {
  if (mod) return key.toLowerCase() === "k" && !alt ? { type: "jump" } : null;
  if (alt) return null;
  return Object.hasOwn(PLAIN_KEYS, key) ? PLAIN_KEYS[key] : null;
}
