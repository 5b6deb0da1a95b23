import { describe, expect, it } from "vitest";
import {
  clickSelect,
  EMPTY_SELECTION,
  moveFocus,
  prune,
  selectAll,
  toggleFocused,
  type Selection,
} from "./selection";

const order = ["a", "b", "c", "d", "e"];
const plain = { shift: false, toggle: false };
const shift = { shift: true, toggle: false };
const toggle = { shift: false, toggle: true };
const sorted = (s: Selection) => [...s.paths].sort();

describe("clickSelect", () => {
  it("selects only the clicked row", () => {
    const s = clickSelect(
      { paths: new Set(["a", "b"]), anchor: "a", focus: "a" },
      order,
      "c",
      plain,
    );
    expect(sorted(s)).toEqual(["c"]);
    expect(s.anchor).toBe("c");
  });

  it("shift-click selects the range from the anchor, both directions", () => {
    const s = clickSelect(clickSelect(EMPTY_SELECTION, order, "b", plain), order, "d", shift);
    expect(sorted(s)).toEqual(["b", "c", "d"]);
    expect(sorted(clickSelect(s, order, "a", shift))).toEqual(["a", "b"]);
  });

  it("ctrl/cmd-click toggles one row and keeps the rest", () => {
    let s = clickSelect(EMPTY_SELECTION, order, "a", plain);
    s = clickSelect(s, order, "c", toggle);
    expect(sorted(s)).toEqual(["a", "c"]);
    s = clickSelect(s, order, "a", toggle);
    expect(sorted(s)).toEqual(["c"]);
  });

  it("ctrl+shift-click adds a range to the selection", () => {
    let s = clickSelect(EMPTY_SELECTION, order, "a", plain);
    s = clickSelect(s, order, "d", toggle);
    s = clickSelect(s, order, "e", { shift: true, toggle: true });
    expect(sorted(s)).toEqual(["a", "d", "e"]);
  });
});

describe("keyboard selection", () => {
  it("arrows move and select, starting at the first or last row", () => {
    expect(sorted(moveFocus(EMPTY_SELECTION, order, 1, "select"))).toEqual(["a"]);
    expect(moveFocus(EMPTY_SELECTION, order, -1, "select").focus).toBe("e");
    const s = moveFocus(clickSelect(EMPTY_SELECTION, order, "e", plain), order, 1, "select");
    expect(s.focus).toBe("e");
  });

  it("shift+arrows extend from the anchor", () => {
    let s = clickSelect(EMPTY_SELECTION, order, "b", plain);
    s = moveFocus(s, order, 1, "extend");
    s = moveFocus(s, order, 1, "extend");
    expect(sorted(s)).toEqual(["b", "c", "d"]);
  });

  it("ctrl+arrows move the focus only, and space adds the focused row", () => {
    let s = clickSelect(EMPTY_SELECTION, order, "a", plain);
    s = moveFocus(s, order, 2, "keep");
    expect(sorted(s)).toEqual(["a"]);
    s = toggleFocused(s);
    expect(sorted(s)).toEqual(["a", "c"]);
    expect(sorted(toggleFocused(s))).toEqual(["a"]);
  });

  it("select all takes every listed row", () => {
    expect(sorted(selectAll(order, EMPTY_SELECTION))).toEqual(order);
  });
});

describe("prune", () => {
  it("drops rows that no longer exist and keeps the same object when nothing changed", () => {
    const s = clickSelect(clickSelect(EMPTY_SELECTION, order, "a", plain), order, "c", shift);
    const pruned = prune(s, (p) => p !== "b" && p !== "a");
    expect(sorted(pruned)).toEqual(["c"]);
    expect(pruned.anchor).toBeNull();
    expect(prune(s, () => true)).toBe(s);
  });
});
