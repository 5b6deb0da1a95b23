import { describe, expect, it } from "vitest";
import type { ChecklistDiff } from "./generated/ChecklistDiff";
import {
  canImport,
  diffGroups,
  importedMessage,
  importSource,
  nothingToCheck,
  outcomeLabel,
  removedMessage,
  tagCarryLines,
} from "./imports";
import { securityPreview as preview } from "./test-data";

const EMPTY_DIFF: ChecklistDiff = {
  from: "generative-ai-2025-08",
  to: "generative-ai-2026-02",
  added: [],
  removed: [],
  retitled: [],
  evidence_changed: [],
  requirement_changed: [],
  moved: [],
};

describe("importSource", () => {
  it("sends the trimmed path of a file, or the pasted text as it is", () => {
    expect(importSource("file", "  /home/lead/security.txt ", "ignored")).toEqual({
      path: "/home/lead/security.txt",
    });
    expect(importSource("text", "/ignored", "AWS Security Competency\n")).toEqual({
      text: "AWS Security Competency\n",
    });
  });

  it("has nothing to send for an empty path or blank text, and says what is missing", () => {
    expect(importSource("file", "  ", "text")).toBeNull();
    expect(importSource("text", "/a.txt", " \n\t")).toBeNull();
    expect(nothingToCheck("file")).toMatch(/Choose a checklist file/);
    expect(nothingToCheck("text")).toMatch(/Paste/);
  });
});

describe("outcomes", () => {
  it("says in words what importing does", () => {
    expect(outcomeLabel({ kind: "new" })).toBe("New checklist");
    expect(outcomeLabel({ kind: "new_version", previous: "generative-ai-2025-08" })).toBe(
      "New version of generative-ai-2025-08",
    );
    expect(outcomeLabel({ kind: "replaces" })).toBe("Replaces the earlier import");
    expect(outcomeLabel({ kind: "unchanged", builtin: false })).toBe(
      "Already in your catalog — nothing to import",
    );
    expect(outcomeLabel({ kind: "unchanged", builtin: true })).toMatch(/nothing to import$/);
  });

  it("imports anything but an unchanged checklist", () => {
    expect(canImport(preview())).toBe(true);
    expect(canImport(preview({ outcome: { kind: "replaces" } }))).toBe(true);
    expect(canImport(preview({ outcome: { kind: "unchanged", builtin: true } }))).toBe(false);
  });

  it("reports the import, naming the version it follows", () => {
    expect(importedMessage(preview({ saved: true }))).toBe(
      "Imported AWS Security Competency February 2026.",
    );
    const next = preview({
      saved: true,
      outcome: { kind: "new_version", previous: "security-2025-08" },
    });
    expect(importedMessage(next)).toBe(
      "Imported AWS Security Competency February 2026, a new version of security-2025-08.",
    );
    expect(importedMessage(preview({ saved: true, outcome: { kind: "replaces" } }))).toBe(
      "Updated AWS Security Competency February 2026 from security-2026-02.txt.",
    );
    expect(importedMessage(preview({ outcome: { kind: "unchanged", builtin: false } }))).toMatch(
      /already in your catalog; nothing was imported/,
    );
  });

  it("says the tags are kept when a checklist is removed", () => {
    const label = "Security February 2026";
    expect(removedMessage({ id: "security-2026-02", orphaned_tags: 0 }, label)).toBe(
      "Removed Security February 2026 from the catalog. Your tags are kept.",
    );
    expect(removedMessage({ id: "security-2026-02", orphaned_tags: 3 }, label)).toMatch(
      /Your tags are kept: 3 tags on its own controls come back if you import it again\.$/,
    );
    expect(removedMessage({ id: "security-2026-02", orphaned_tags: 1 }, label)).toMatch(
      /1 tag on its own controls comes back/,
    );
  });
});

describe("diffGroups", () => {
  it("groups the changes by kind in a fixed order, leaving out kinds without any", () => {
    const groups = diffGroups({
      ...EMPTY_DIFF,
      moved: [{ id: "OPE-002", title: "Runbook", before: "A › B", after: "A › C" }],
      added: [{ id: "GENAIPR-007", title: "Model Evaluation and Monitoring" }],
      removed: [{ id: "PS-004", title: "Customer Opportunity Registered Details" }],
      retitled: [
        {
          id: "CO-002",
          before: "Continuous Improvement",
          after: "Continuous Improvement and Feedback Loops",
        },
      ],
    });
    expect(groups.map((g) => [g.kind, g.label])).toEqual([
      ["added", "Added"],
      ["removed", "Removed"],
      ["retitled", "Retitled"],
      ["moved", "Moved"],
    ]);
    expect(groups[2].entries).toEqual([
      {
        id: "CO-002",
        title: "Continuous Improvement and Feedback Loops",
        detail: "was “Continuous Improvement”",
      },
    ]);
    expect(groups[3].entries[0].detail).toBe("A › B → A › C");
  });

  it("keeps the evidence items a control gained and lost, and requirement changes", () => {
    const groups = diffGroups({
      ...EMPTY_DIFF,
      evidence_changed: [
        { id: "OPE-002", title: "Runbook", added: ["Rollback steps"], removed: ["Old item"] },
      ],
      requirement_changed: [{ id: "PRJ-001", title: "Expected Outcomes" }],
    });
    expect(groups.map((g) => g.kind)).toEqual(["evidence", "requirement"]);
    expect(groups[0].entries[0]).toMatchObject({
      id: "OPE-002",
      itemsAdded: ["Rollback steps"],
      itemsRemoved: ["Old item"],
    });
    expect(diffGroups(EMPTY_DIFF)).toEqual([]);
  });
});

describe("tagCarryLines", () => {
  it("says how many tags carry over and how many stay on removed controls", () => {
    expect(tagCarryLines({ carried: 12, on_removed: 1, item_tags_to_check: [] })).toEqual([
      "12 tags carry over to the new version as they are.",
      "1 tag is on a removed control and stays visible under “No longer in this version”.",
    ]);
    expect(tagCarryLines({ carried: 1, on_removed: 2, item_tags_to_check: [] })).toEqual([
      "1 tag carries over to the new version as it is.",
      "2 tags are on removed controls and stay visible under “No longer in this version”.",
    ]);
  });

  it("names the controls whose numbered item tags are worth checking", () => {
    const lines = tagCarryLines({ carried: 0, on_removed: 0, item_tags_to_check: ["OPE-002"] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Check the tags on numbered evidence items of OPE-002:/);
  });

  it("says so when no tag is affected", () => {
    expect(tagCarryLines({ carried: 0, on_removed: 0, item_tags_to_check: [] })).toEqual([
      "No tags of this folder are on these controls yet.",
    ]);
  });
});
