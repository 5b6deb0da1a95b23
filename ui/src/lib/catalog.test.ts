import { describe, expect, it } from "vitest";
import catalogJson from "./generated/catalog.json";
import {
  checklistControls,
  checklistLabel,
  indexCatalog,
  rankControls,
  scoreControl,
} from "./catalog";
import type { Checklist } from "./generated/Checklist";

const index = indexCatalog(catalogJson as Checklist[]);
const top = (query: string, n = 1) => rankControls(index.controls, query, n).map((c) => c.id);

describe("indexCatalog", () => {
  it("lists every control ID once across both checklists", () => {
    expect(index.placed.get("data-analytics-7.1")?.size).toBe(49);
    expect(index.placed.get("generative-ai-2025-08")?.size).toBe(41);
    expect(index.controls).toHaveLength(49 + 41 - 23);
  });

  it("marks the 23 shared IDs with both checklists", () => {
    const shared = index.controls.filter((c) => c.checklists.length === 2).map((c) => c.id);
    expect(shared).toHaveLength(23);
    expect(shared).toContain("PRJ-003");
    expect(index.byId.get("PRFM-001")?.checklists).toEqual(["data-analytics-7.1"]);
  });

  it("keeps the placement of a shared control per checklist", () => {
    const da = index.placed.get("data-analytics-7.1")?.get("POV-001");
    const genai = index.placed.get("generative-ai-2025-08")?.get("POV-001");
    expect(da?.category.title).toBe("Data and Analytics Practice Overview");
    expect(genai?.category.title).toBe("Generative AI Practice Overview");
  });
});

describe("rankControls", () => {
  it("finds the runbook control by a word of its title", () => {
    expect(top("runbook")).toEqual(["OPE-002"]);
  });

  it("finds controls by the start of an ID, in checklist order", () => {
    expect(top("OPE-00", 3)).toEqual(["OPE-001", "OPE-002", "OPE-003"]);
    expect(top("prj-003")).toEqual(["PRJ-003"]);
  });

  it("ranks a phrase in the title above scattered mentions", () => {
    expect(top("root cause")).toEqual(["PRFM-001"]);
    expect(top("statement of work")).toEqual(["PRJ-003"]);
  });

  it("matches section and category names", () => {
    expect(top("failure management")).toEqual(["PRFM-001"]);
  });

  it("matches evidence item text, ignoring case and accents", () => {
    const entry = index.byId.get("POV-002")!;
    expect(scoreControl(entry, "LUNCH and LEARNS")).toBeGreaterThan(0);
    expect(scoreControl(entry, "lünch")).toBeGreaterThan(0);
  });

  it("needs every word of the query somewhere", () => {
    expect(rankControls(index.controls, "runbook zebra")).toEqual([]);
  });

  it("returns everything in order for an empty query, up to the limit", () => {
    expect(rankControls(index.controls, "  ", 3).map((c) => c.id)).toEqual([
      "POV-001",
      "POV-002",
      "POV-003",
    ]);
  });
});

describe("checklistControls", () => {
  it("lists one checklist's controls in its own order", () => {
    const genai = checklistControls(index, "generative-ai-2025-08");
    expect(genai.map((c) => c.id)).toEqual([...index.placed.get("generative-ai-2025-08")!.keys()]);
    expect(genai.every((c) => c.checklists.includes("generative-ai-2025-08"))).toBe(true);
    expect(rankControls(genai, "PRFM-001")).toEqual([]);
    expect(checklistControls(index, "no-such-checklist")).toEqual([]);
  });
});

describe("checklistLabel", () => {
  it("leaves out the words every program name shares", () => {
    expect(checklistLabel({ name: "AWS Data and Analytics Competency", version: "7.1" })).toBe(
      "Data and Analytics 7.1",
    );
    expect(checklistLabel({ name: "AWS Security Competency", version: "February 2026" })).toBe(
      "Security February 2026",
    );
    expect(checklistLabel({ name: "Internal readiness review", version: "2" })).toBe(
      "Internal readiness review 2",
    );
  });
});
