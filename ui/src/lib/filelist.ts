import type { FileEntry } from "./generated/FileEntry";
import type { FileStatus } from "./generated/FileStatus";
import { baseName, collator, isInside } from "./paths";
import { hasControl } from "./tags";

export type QuickFilter =
  | "all"
  | "untagged"
  | "suggested"
  | "missing"
  | "unreadable"
  | "not_read"
  | "outside"
  | "online_only";
export type SortKey = "name" | "kind" | "size" | "modified" | "status";
export type SortDir = "asc" | "desc";

export interface FileFilter {
  /** Relative folder to narrow to, '' for all. */
  folder: string;
  quick: QuickFilter;
  /** Control ID the file must be tagged with (whole control or one of its items), '' for any. */
  control: string;
  /** Paths the full-text search returned, null while no search is active. */
  hits: ReadonlySet<string> | null;
  /** Paths of the files with a strong suggested tag (the "suggested" quick filter). */
  suggested: ReadonlySet<string>;
}

export function matchesFilter(file: FileEntry, filter: FileFilter): boolean {
  if (!isInside(file.path, filter.folder)) return false;
  if (filter.hits && !filter.hits.has(file.path)) return false;
  if (filter.control && !hasControl(file.tags, filter.control)) return false;
  switch (filter.quick) {
    case "untagged":
      return file.tags.length === 0;
    case "suggested":
      return filter.suggested.has(file.path);
    case "missing":
      return file.status === "missing";
    case "unreadable":
      return isProblem(file.status);
    case "not_read":
      return file.status === "not_read";
    case "outside":
      return file.status === "outside_folder";
    case "online_only":
      return file.status === "online_only";
    case "all":
      return true;
  }
}

/**
 * Mirrors dossier_core's `FileStatus::is_problem`: what the "Unreadable" filter finds. A format
 * Dossier has no reader for is not a problem of the file, nor is a file kept online only by
 * its cloud service; each has a filter of its own.
 */
export const isProblem = (status: FileStatus) =>
  status !== "ok" && status !== "missing" && status !== "not_read" && status !== "online_only";

/**
 * A link whose target lies outside the evidence folder: listed so the user sees it, never
 * previewed, opened or tagged (the core refuses with `not_evidence`).
 */
export const isOutside = (file: FileEntry | undefined) => file?.status === "outside_folder";

/** How many files each quick filter keeps (search, folder and control filters aside). */
export function quickCounts(
  files: readonly FileEntry[],
  suggested: ReadonlySet<string>,
): Record<QuickFilter, number> {
  const c: Record<QuickFilter, number> = {
    all: 0,
    untagged: 0,
    suggested: 0,
    missing: 0,
    unreadable: 0,
    not_read: 0,
    outside: 0,
    online_only: 0,
  };
  for (const f of files) {
    c.all++;
    if (f.tags.length === 0) c.untagged++;
    if (suggested.has(f.path)) c.suggested++;
    if (f.status === "missing") c.missing++;
    if (isProblem(f.status)) c.unreadable++;
    if (f.status === "not_read") c.not_read++;
    if (f.status === "outside_folder") c.outside++;
    if (f.status === "online_only") c.online_only++;
  }
  return c;
}

/**
 * The detail of an indexed link to another file of the folder ("link to Templates/SOW.pdf"),
 * as the core words it; null for anything else.
 */
export function linkTarget(file: FileEntry): string | null {
  if (file.status !== "ok" || !file.detail?.startsWith(LINK_PREFIX)) return null;
  return file.detail.slice(LINK_PREFIX.length) || null;
}

const LINK_PREFIX = "link to ";

/** Problems first when sorting by status, so they surface at the top. */
const STATUS_ORDER: Record<FileStatus, number> = {
  missing: 0,
  outside_folder: 1,
  unreadable: 2,
  reader_failed: 3,
  encrypted: 4,
  timed_out: 5,
  too_large: 6,
  online_only: 7,
  no_text_layer: 8,
  not_read: 9,
  ok: 10,
};

type Row = { file: FileEntry; name: string };

function compareBy(key: SortKey): (a: Row, b: Row) => number {
  switch (key) {
    case "name":
      return () => 0; // the tie-breakers below sort by name
    case "kind":
      return (a, b) => (a.file.kind < b.file.kind ? -1 : a.file.kind > b.file.kind ? 1 : 0);
    case "size":
      return (a, b) => a.file.size - b.file.size;
    case "modified":
      return (a, b) => a.file.modified - b.file.modified;
    case "status":
      return (a, b) => STATUS_ORDER[a.file.status] - STATUS_ORDER[b.file.status];
  }
}

/**
 * A sorted copy. Ties fall back to the file name, then the full path, so the order is stable
 * and predictable; names compare naturally ("RCA-9" before "RCA-10").
 */
export function sortFiles(files: readonly FileEntry[], key: SortKey, dir: SortDir): FileEntry[] {
  const primary = compareBy(key);
  const sign = dir === "asc" ? 1 : -1;
  const byName = (a: Row, b: Row) =>
    collator.compare(a.name, b.name) || (a.file.path < b.file.path ? -1 : 1);
  return files
    .map((file) => ({ file, name: baseName(file.path) }))
    .sort((a, b) => primary(a, b) * sign || byName(a, b) * (key === "name" ? sign : 1))
    .map((r) => r.file);
}
