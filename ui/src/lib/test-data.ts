import type { FileEntry } from "./generated/FileEntry";
import type { ImportPreview } from "./generated/ImportPreview";

/** A file entry for tests, with plausible defaults. */
export function entry(path: string, over: Partial<FileEntry> = {}): FileEntry {
  return {
    path,
    kind: "text",
    status: "ok",
    detail: null,
    size: 1000,
    modified: 1_700_000_000,
    hash: null,
    tags: [],
    copies: [],
    notes: [],
    effective_date: null,
    fresh_confirmed: false,
    ...over,
  };
}

/**
 * What the core previews for importing a new checklist from a text file, for the tests of the
 * import helpers and of the import dialog's state; a fresh one each call.
 */
export function securityPreview(over: Partial<ImportPreview> = {}): ImportPreview {
  return {
    checklist: {
      id: "security-2026-02",
      name: "AWS Security Competency",
      version: "February 2026",
      published: "February 2026-August 2026",
      prerequisites: [],
      sections: [],
    },
    source: "security-2026-02.txt",
    format: "text",
    findings: {
      prerequisites: 9,
      sections: [],
      controls: 24,
      evidence_items: 46,
      waivers: 5,
      without_evidence: ["IR-002"],
      oddities: [],
      unplaced: [],
      attestable: [],
      windows: [],
    },
    outcome: { kind: "new" },
    diff: null,
    tags: { carried: 0, on_removed: 0, item_tags_to_check: [] },
    saved: false,
    ...over,
  };
}
