import { describe, expect, it } from "vitest";
import type { FileSuggestions } from "./generated/FileSuggestions";
import {
  describeStrong,
  formatConfidence,
  isStrong,
  lookReason,
  nextOpen,
  reviewAction,
  reviewQueue,
  STRONG,
  strongOf,
  strongPaths,
  suggestionMap,
  suggestionState,
  withoutSuggestions,
} from "./suggestions";
import { entry } from "./test-data";

function suggested(path: string, ...pairs: [string, number][]): FileSuggestions {
  return {
    path,
    needs_a_look: false,
    suggestions: pairs.map(([control, confidence]) => ({ control, confidence, reason: "why" })),
    example: null,
    example_reason: null,
  };
}

const sow = suggested(
  "Delivery/SOW v3.docx",
  ["PRJ-003", 0.96],
  ["CSN-001", 0.82],
  ["OPE-001", 0.5],
);
const rca = suggested("Operations/RCA-10.pdf", ["PRFM-001", 0.81]);
const rca9 = suggested("Operations/RCA-9.pdf", ["PRFM-001", 0.81]);
const notes = suggested("Admin/notes.md", ["OPE-002", 0.5]);
const photo = { ...suggested("Admin/office.jpg"), needs_a_look: true };
const map = suggestionMap([sow, rca, rca9, notes, photo]);

describe("confidence", () => {
  it("is strong from STRONG up and reads as a whole percentage", () => {
    expect(STRONG).toBe(0.8);
    expect(isStrong(0.8)).toBe(true);
    expect(isStrong(0.79)).toBe(false);
    expect(formatConfidence(0.956)).toBe("96%");
    expect(formatConfidence(0.3)).toBe("30%");
  });

  it("picks a file's strong suggestions and the files that have one", () => {
    expect(strongOf(sow).map((s) => s.control)).toEqual(["PRJ-003", "CSN-001"]);
    expect(strongOf(undefined)).toEqual([]);
    expect([...strongPaths(map)]).toEqual([sow.path, rca.path, rca9.path]);
    expect(describeStrong(sow)).toBe("PRJ-003 (96%), CSN-001 (82%)");
    expect(describeStrong(notes)).toBe("");
  });
});

describe("withoutSuggestions", () => {
  it("drops accepted or rejected controls of one file, leaving the map as it was", () => {
    const after = withoutSuggestions(map, sow.path, ["PRJ-003", "OPE-001"]);
    expect(after.get(sow.path)?.suggestions.map((s) => s.control)).toEqual(["CSN-001"]);
    expect(map.get(sow.path)?.suggestions).toHaveLength(3);
    expect(after.get(rca.path)).toBe(rca);
    expect(withoutSuggestions(map, "nowhere.md", ["PRJ-003"]).has("nowhere.md")).toBe(false);
  });
});

describe("reviewQueue", () => {
  it("walks untagged present files with suggestions, most confident first, then by name", () => {
    const files = [
      entry(sow.path),
      entry(rca.path),
      entry(rca9.path),
      entry(notes.path),
      entry(photo.path, { kind: "image" }),
      entry("Delivery/tagged.md", { tags: ["PRJ-004"] }),
      entry("Delivery/gone.md", { status: "missing" }),
      entry("Delivery/unscored.md"),
    ];
    const tagged = suggested("Delivery/tagged.md", ["PRJ-003", 0.9]);
    const gone = suggested("Delivery/gone.md", ["PRJ-003", 0.9]);
    const queue = reviewQueue(files, suggestionMap([sow, rca, rca9, notes, photo, tagged, gone]));
    expect(queue.map((e) => e.path)).toEqual([sow.path, rca9.path, rca.path, notes.path]);
  });
});

describe("suggestionState", () => {
  it("is accepted once the file carries the control, as a whole or through an item", () => {
    expect(suggestionState("PRJ-003", ["PRJ-003"], sow, undefined)).toBe("accepted");
    expect(suggestionState("CSN-001", ["CSN-001#2"], sow, "rejected")).toBe("accepted");
  });

  it("keeps the reviewer's decision until the core's answer catches up", () => {
    const accepted = withoutSuggestions(map, sow.path, ["PRJ-003"]).get(sow.path);
    expect(suggestionState("PRJ-003", [], accepted, "accepted")).toBe("accepted");
    expect(suggestionState("PRJ-003", [], accepted, "rejected")).toBe("rejected");
    expect(suggestionState("CSN-001", [], accepted, undefined)).toBe("open");
  });

  it("is open again when the core suggests it again after an accept was undone", () => {
    expect(suggestionState("PRJ-003", [], sow, "accepted")).toBe("open");
  });
});

describe("nextOpen", () => {
  it("finds the first open suggestion from a position, wrapping round", () => {
    expect(nextOpen(["accepted", "open", "open"], 0)).toBe(1);
    expect(nextOpen(["open", "rejected", "accepted"], 1)).toBe(0);
    expect(nextOpen(["accepted", "rejected"], 0)).toBe(-1);
    expect(nextOpen([], 0)).toBe(-1);
  });
});

describe("reviewAction", () => {
  it("maps the review keys", () => {
    expect(reviewAction("1")).toEqual({ type: "accept", index: 0 });
    expect(reviewAction("3")).toEqual({ type: "accept", index: 2 });
    expect(reviewAction("a")).toEqual({ type: "acceptStrong" });
    expect(reviewAction("x")).toEqual({ type: "reject" });
    expect(reviewAction("j")).toEqual({ type: "step", delta: 1 });
    expect(reviewAction("ArrowRight")).toEqual({ type: "step", delta: 1 });
    expect(reviewAction("k")).toEqual({ type: "step", delta: -1 });
    expect(reviewAction("ArrowLeft")).toEqual({ type: "step", delta: -1 });
    expect(reviewAction("ArrowDown")).toEqual({ type: "select", delta: 1 });
    expect(reviewAction("p")).toEqual({ type: "preview" });
    expect(reviewAction("t")).toEqual({ type: "tag" });
  });

  it("leaves other keys alone", () => {
    expect(reviewAction("0")).toBeNull();
    expect(reviewAction("6")).toBeNull();
    expect(reviewAction("A")).toBeNull();
    expect(reviewAction("Enter")).toBeNull();
  });
});

describe("lookReason", () => {
  it("says a format without a reader is tagged by hand, and an image is looked at", () => {
    const doc = entry("Delivery/old network.vsd", { kind: "diagram", status: "not_read" });
    expect(lookReason(doc)).toBe("Dossier cannot read this file's text: tag it by hand.");
    expect(lookReason(entry(photo.path, { kind: "image" }))).toMatch(/^An image or a scan/);
  });
});
