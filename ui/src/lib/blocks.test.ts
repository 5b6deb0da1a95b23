import { describe, expect, it } from "vitest";
import { textBlocks } from "./blocks";

describe("textBlocks", () => {
  it("splits paragraphs on blank lines and joins wrapped lines", () => {
    expect(textBlocks("First line\ncontinues.\n\nSecond.")).toEqual([
      { type: "p", text: "First line continues." },
      { type: "p", text: "Second." },
    ]);
  });

  it("turns '- ' lines into one list, even right after a paragraph line", () => {
    expect(textBlocks("Evidence must include:\n- a runbook\n- an RCA\n\nThen more.")).toEqual([
      { type: "p", text: "Evidence must include:" },
      { type: "ul", items: ["a runbook", "an RCA"] },
      { type: "p", text: "Then more." },
    ]);
  });

  it("does not take a hyphenated word for a bullet", () => {
    expect(textBlocks("-not a bullet")).toEqual([{ type: "p", text: "-not a bullet" }]);
  });

  it("returns no blocks for empty text", () => {
    expect(textBlocks("  \n\n ")).toEqual([]);
  });
});
