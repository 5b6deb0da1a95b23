import { describe, expect, it } from "vitest";
import type { PrerequisiteStatus } from "./generated/PrerequisiteStatus";
import { countsLabel, countStates, groupPrerequisites, withAnswer } from "./prerequisites";

const item = (id: string, group: string, state: PrerequisiteStatus["state"] = "unknown") => ({
  id,
  group,
  title: `Item ${id}`,
  text: "",
  state,
  value: null,
  note: null,
});

const panel: PrerequisiteStatus[] = [
  item("1.1", "1.0 Partner Program", "met"),
  item("1.2", "1.0 Partner Program", "not_met"),
  item("4.1", "4.0 Data and Analytics Prerequisites"),
  item("1.3", "1.0 Partner Program", "met"),
];

describe("groupPrerequisites", () => {
  it("keeps the checklist's order of groups and items", () => {
    const groups = groupPrerequisites(panel);
    expect(groups.map((g) => g.group)).toEqual([
      "1.0 Partner Program",
      "4.0 Data and Analytics Prerequisites",
    ]);
    expect(groups[0].items.map((p) => p.id)).toEqual(["1.1", "1.2", "1.3"]);
  });

  it("has no groups for no items", () => {
    expect(groupPrerequisites([])).toEqual([]);
  });
});

describe("countStates", () => {
  it("counts each state, zero for absent ones", () => {
    expect(countStates(panel)).toEqual({ met: 2, not_met: 1, unknown: 1 });
    expect(countStates([])).toEqual({ met: 0, not_met: 0, unknown: 0 });
  });

  it("reads as met · not met · unknown", () => {
    expect(countsLabel(countStates(panel))).toBe("2 met · 1 not met · 1 unknown");
  });
});

describe("withAnswer", () => {
  it("replaces one item's answer and leaves the list as it was", () => {
    const next = withAnswer(panel, "4.1", { state: "met", value: "4 certified", note: null });
    expect(next[2]).toMatchObject({ id: "4.1", state: "met", value: "4 certified" });
    expect(panel[2].state).toBe("unknown");
    expect(next[0]).toBe(panel[0]);
  });
});
