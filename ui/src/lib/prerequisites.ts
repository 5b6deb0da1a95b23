// The prerequisites panel as the UI shows it: items grouped under their headings, and how many
// are met, not met or not known yet. The states are the user's answers, stored by the Rust side.
import type { PrerequisiteState } from "./generated/PrerequisiteState";
import type { PrerequisiteStatus } from "./generated/PrerequisiteStatus";
import { groupBy } from "./group";

export const PREREQUISITE_STATES: readonly PrerequisiteState[] = ["met", "not_met", "unknown"];

export const PREREQUISITE_LABEL: Record<PrerequisiteState, string> = {
  met: "Met",
  not_met: "Not met",
  unknown: "Unknown",
};

export interface PrerequisiteGroup {
  /** The heading with its number, e.g. "4.0 Data and Analytics Prerequisites". */
  group: string;
  items: PrerequisiteStatus[];
}

/** Groups in the order the checklist lists them, items kept in order within each. */
export function groupPrerequisites(items: readonly PrerequisiteStatus[]): PrerequisiteGroup[] {
  return [...groupBy(items, (p) => p.group)].map(([group, items]) => ({ group, items }));
}

export type StateCounts = Record<PrerequisiteState, number>;

export function countStates(items: readonly PrerequisiteStatus[]): StateCounts {
  const counts: StateCounts = { met: 0, not_met: 0, unknown: 0 };
  for (const p of items) counts[p.state]++;
  return counts;
}

/** "3 met · 1 not met · 8 unknown". */
export function countsLabel(counts: StateCounts): string {
  return PREREQUISITE_STATES.map((s) => `${counts[s]} ${PREREQUISITE_LABEL[s].toLowerCase()}`).join(
    " · ",
  );
}

/** The list with one item's answer replaced, for showing a change before the refetch. */
export function withAnswer(
  items: readonly PrerequisiteStatus[],
  id: string,
  answer: Pick<PrerequisiteStatus, "state" | "value" | "note">,
): PrerequisiteStatus[] {
  return items.map((p) => (p.id === id ? { ...p, ...answer } : p));
}
