import type { FileEntry } from "./generated/FileEntry";

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
