import { describe, expect, it } from "vitest";
import type { ScanSummary } from "./generated/ScanSummary";
import { applyBatch } from "./scan";

const summary: ScanSummary = {
  files: 20,
  new: 20,
  changed: 0,
  moved: 0,
  missing: 0,
  unreadable: 1,
  online_only: 0,
  unchanged: 0,
  removed: 0,
  duplicates: 0,
  cancelled: false,
};

describe("applyBatch", () => {
  it("tracks a scan from start through the walk to progress", () => {
    const out = applyBatch(null, [
      { type: "scan_started", root: "/evidence" },
      { type: "walked", files: 120, to_read: 80 },
      { type: "progress", done: 12, total: 80, current: "Operations/RCA" },
    ]);
    expect(out.scan).toEqual({ done: 12, total: 80, current: "Operations/RCA", found: 120 });
    expect(out.refetch).toBe(false);
  });

  it("asks for a refetch when a file changes", () => {
    for (const event of [
      { type: "file_added", path: "a" },
      { type: "file_missing", path: "a" },
      { type: "file_moved", from: "a", to: "b" },
    ] as const) {
      expect(applyBatch(null, [event]).refetch).toBe(true);
    }
  });

  it("ends the scan and refetches on scan_finished", () => {
    const running = { done: 79, total: 80, current: "x", found: 80 };
    const out = applyBatch(running, [{ type: "scan_finished", summary }]);
    expect(out).toMatchObject({ scan: null, refetch: true, finished: summary });
  });

  it("reports that live updates stopped, and why", () => {
    const running = { done: 1, total: 80, current: "x", found: 80 };
    const reason =
      "Live updates stopped: the folder cannot be watched. Reopen the folder to try again.";
    const out = applyBatch(running, [{ type: "watch_stopped", reason }]);
    expect(out).toMatchObject({ scan: null, stopped: reason, unavailable: null, refetch: false });
    expect(applyBatch(null, [{ type: "file_added", path: "a" }]).stopped).toBeNull();
  });

  it("reports an unavailable folder and stops showing progress", () => {
    const running = { done: 1, total: 80, current: "x", found: 80 };
    const out = applyBatch(running, [{ type: "folder_unavailable", reason: "unmounted" }]);
    expect(out).toMatchObject({ scan: null, unavailable: "unmounted", refetch: false });
  });

  it("keeps the state for an empty batch", () => {
    const running = { done: 1, total: 2, current: "", found: 2 };
    expect(applyBatch(running, []).scan).toBe(running);
  });
});
