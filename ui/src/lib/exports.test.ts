import { describe, expect, it } from "vitest";
import { EXPORT_FORMATS, copiesFiles, progressShare, summaryLine } from "./exports";

describe("exports", () => {
  it("offers every format once, each with its explanation", () => {
    expect(EXPORT_FORMATS.map((f) => f.format)).toEqual(["xlsx", "html", "pdf", "pack", "zip"]);
    expect(EXPORT_FORMATS.every((f) => f.explain.length > 0)).toBe(true);
  });

  it("shows progress only for packs, which copy files", () => {
    expect(EXPORT_FORMATS.filter((f) => copiesFiles(f.format)).map((f) => f.format)).toEqual([
      "pack",
      "zip",
    ]);
    expect(progressShare(null)).toBe(0);
    expect(progressShare({ done: 0, total: 0, current: "" })).toBe(0);
    expect(progressShare({ done: 250, total: 1000, current: "PRJ-003/sow.docx" })).toBe(0.25);
  });

  it("sums an export up, with files for a pack", () => {
    const base = { path: "/home/lead/Documents/x", controls: 49, files: 12, bytes: 3_500_000 };
    expect(summaryLine({ ...base, format: "html" })).toBe("49 controls · 3.3 MB");
    expect(summaryLine({ ...base, format: "zip" })).toBe("49 controls · 12 files · 3.3 MB");
  });
});
