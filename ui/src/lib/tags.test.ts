import { describe, expect, it } from "vitest";
import { hasControl, makeTag, parseTag } from "./tags";

describe("tags", () => {
  it("parses whole-control and item tags", () => {
    expect(parseTag("PRJ-003")).toEqual({ control: "PRJ-003", item: null });
    expect(parseTag("CSN-001#2")).toEqual({ control: "CSN-001", item: 2 });
    expect(parseTag("CSN-001#x")).toEqual({ control: "CSN-001", item: null });
  });

  it("builds tags back", () => {
    expect(makeTag("CSN-001", 2)).toBe("CSN-001#2");
    expect(makeTag("PRJ-003", null)).toBe("PRJ-003");
  });

  it("matches a control by whole or item tag, never by prefix", () => {
    expect(hasControl(["CSN-001#2"], "CSN-001")).toBe(true);
    expect(hasControl(["PRJ-0031"], "PRJ-003")).toBe(false);
    expect(hasControl([], "PRJ-003")).toBe(false);
  });
});
