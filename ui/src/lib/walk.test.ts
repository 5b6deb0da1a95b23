import { describe, expect, it } from "vitest";
import type { OutcomeRecord } from "./generated/OutcomeRecord";
import { notesFor, outcomeCounts, sessionAction, startControl, step } from "./walk";

const controls = [
  { id: "POV-001", status: "gap" },
  { id: "POV-002", status: "waived" },
  { id: "POV-003", status: "covered" },
  { id: "PRJ-001", status: "not_applicable" },
  { id: "PRJ-002", status: "partial" },
  { id: "PRJ-003", status: "waived" },
] as const;

const record = (control: string, outcome: OutcomeRecord["outcome"]): OutcomeRecord => ({
  control,
  outcome,
  note: null,
  recorded_at: 1_700_000_000,
});

describe("walk", () => {
  it("starts at the remembered control, else the first that needs an outcome", () => {
    expect(startControl(controls, "PRJ-002")).toBe("PRJ-002");
    expect(startControl(controls, "GONE-001")).toBe("POV-001");
    expect(startControl(controls.slice(1, 2), null)).toBe("POV-002");
    expect(startControl([], null)).toBeNull();
  });

  it("steps over waived and not-applicable controls, and stays put at either end", () => {
    expect(step(controls, "POV-001", 1)).toBe("POV-003");
    expect(step(controls, "POV-003", 1)).toBe("PRJ-002");
    expect(step(controls, "PRJ-002", 1)).toBe("PRJ-002");
    expect(step(controls, "PRJ-002", -1)).toBe("POV-003");
    expect(step(controls, "POV-001", -1)).toBe("POV-001");
  });

  it("steps on from an exempt control reached by a jump", () => {
    expect(step(controls, "POV-002", 1)).toBe("POV-003");
    expect(step(controls, "POV-002", -1)).toBe("POV-001");
    expect(step(controls, "GONE-001", 1)).toBe("POV-001");
  });

  it("keeps the notes of tags on the control and on its items only", () => {
    const notes = [
      { tag: "PRJ-003", note: "signed copy" },
      { tag: "PRJ-003#2", note: "page 4" },
      { tag: "PRJ-0031", note: "not this one" },
      { tag: "OPE-002", note: "other control" },
    ];
    expect(notesFor(notes, "PRJ-003")).toEqual(["signed copy", "page 4"]);
  });

  it("counts outcomes in the reviewer's words", () => {
    expect(outcomeCounts([])).toBe("");
    expect(
      outcomeCounts([
        record("POV-001", "met"),
        record("POV-003", "follow_up"),
        record("PRJ-002", "met"),
      ]),
    ).toBe("2 met · 1 needs follow-up");
  });

  it("maps keys to session actions", () => {
    expect(sessionAction("ArrowRight", false)).toEqual({ type: "step", delta: 1 });
    expect(sessionAction("k", false)).toEqual({ type: "step", delta: -1 });
    expect(sessionAction("3", false)).toEqual({ type: "record", outcome: "follow_up" });
    expect(sessionAction("/", false)).toEqual({ type: "jump" });
    expect(sessionAction("K", true)).toEqual({ type: "jump" });
    expect(sessionAction(" ", false)).toEqual({ type: "preview" });
    expect(sessionAction("Enter", false)).toEqual({ type: "open" });
    expect(sessionAction("1", true)).toBeNull();
    expect(sessionAction("j", false, true)).toBeNull();
    expect(sessionAction("x", false)).toBeNull();
    expect(sessionAction("constructor", false)).toBeNull();
  });
});
