import type { IndexEvent } from "./generated/IndexEvent";
import type { ScanSummary } from "./generated/ScanSummary";

export interface ScanProgress {
  /** Files read so far, and of how many; total is 0 until the walk has counted them. */
  done: number;
  total: number;
  /** Folder being read, relative. */
  current: string;
  /** Files found by the walk, before reading starts. */
  found: number;
}

export interface BatchOutcome {
  /** The scan in progress after this batch, null when none is. */
  scan: ScanProgress | null;
  /** Files or coverage may have changed: refetch them. */
  refetch: boolean;
  finished: ScanSummary | null;
  unavailable: string | null;
  /** Live updates of the folder stopped, and why: the watch sends nothing more. */
  stopped: string | null;
}

const CHANGES = new Set<IndexEvent["type"]>([
  "file_added",
  "file_changed",
  "file_moved",
  "file_restored",
  "file_missing",
  "file_removed",
  "scan_finished",
]);

/** Folds one batch of index events into the scan state and what the UI must do next. */
export function applyBatch(scan: ScanProgress | null, batch: readonly IndexEvent[]): BatchOutcome {
  const out: BatchOutcome = {
    scan,
    refetch: false,
    finished: null,
    unavailable: null,
    stopped: null,
  };
  for (const event of batch) {
    if (CHANGES.has(event.type)) out.refetch = true;
    switch (event.type) {
      case "scan_started":
        out.scan = { done: 0, total: 0, current: "", found: 0 };
        out.finished = null;
        break;
      case "walked":
        out.scan = { ...(out.scan ?? idle()), found: event.files, total: event.to_read };
        break;
      case "progress":
        out.scan = {
          ...(out.scan ?? idle()),
          done: event.done,
          total: event.total,
          current: event.current,
        };
        break;
      case "scan_finished":
        out.scan = null;
        out.finished = event.summary;
        break;
      case "folder_unavailable":
        out.scan = null;
        out.unavailable = event.reason;
        break;
      case "watch_stopped":
        out.scan = null;
        out.stopped = event.reason;
        break;
    }
  }
  return out;
}

function idle(): ScanProgress {
  return { done: 0, total: 0, current: "", found: 0 };
}
