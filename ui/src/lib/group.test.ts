import { describe, expect, it } from "vitest";
import { countBy, groupBy } from "./group";

describe("groupBy", () => {
  it("keeps first-seen order of groups and items", () => {
    const groups = groupBy(["b1", "a1", "b2", "c1", "a2"], (s) => s[0]);
    expect([...groups.keys()]).toEqual(["b", "a", "c"]);
    expect(groups.get("a")).toEqual(["a1", "a2"]);
  });
});

describe("countBy", () => {
  it("counts occurrences", () => {
    expect([...countBy(["PRJ-003", "OPE-002", "PRJ-003"])]).toEqual([
      ["PRJ-003", 2],
      ["OPE-002", 1],
    ]);
  });
});
