import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Coalescer } from "./coalesce";

describe("Coalescer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A task that takes `ms` to finish and counts how often it ran and overlapped. */
  function slowTask(ms: number) {
    const stats = { runs: 0, active: 0, overlaps: 0 };
    const task = async () => {
      stats.runs++;
      stats.active++;
      if (stats.active > 1) stats.overlaps++;
      await new Promise((r) => setTimeout(r, ms));
      stats.active--;
    };
    return { stats, task };
  }

  it("runs at once when idle", async () => {
    const { stats, task } = slowTask(10);
    new Coalescer(task, 300).request();
    expect(stats.runs).toBe(1);
  });

  it("collapses a burst into one follow-up run after the interval", async () => {
    const { stats, task } = slowTask(10);
    const c = new Coalescer(task, 300);
    for (let i = 0; i < 50; i++) c.request();
    expect(stats.runs).toBe(1);
    await vi.advanceTimersByTimeAsync(299);
    expect(stats.runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(stats.runs).toBe(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(stats.runs).toBe(2);
  });

  it("never overlaps a slow task and runs at most about 3 times a second", async () => {
    const { stats, task } = slowTask(500);
    const c = new Coalescer(task, 334);
    for (let t = 0; t < 3000; t += 10) {
      c.request();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(stats.overlaps).toBe(0);
    expect(stats.runs).toBeLessThanOrEqual(7);
    expect(stats.runs).toBeGreaterThanOrEqual(5);
  });

  it("keeps going after a failing task", async () => {
    let runs = 0;
    const c = new Coalescer(async () => {
      runs++;
      throw new Error("boom");
    }, 100);
    c.request();
    await vi.advanceTimersByTimeAsync(0);
    c.request();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
  });

  it("drops a waiting run on cancel", async () => {
    const { stats, task } = slowTask(10);
    const c = new Coalescer(task, 300);
    c.request();
    c.request();
    c.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(stats.runs).toBe(1);
  });
});
