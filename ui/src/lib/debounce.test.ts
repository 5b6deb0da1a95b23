import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Debouncer } from "./debounce";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("Debouncer", () => {
  it("runs only the latest task, once the input pauses", () => {
    const runs: string[] = [];
    const d = new Debouncer(500);
    d.schedule(() => runs.push("a"));
    vi.advanceTimersByTime(300);
    d.schedule(() => runs.push("ab"));
    vi.advanceTimersByTime(300);
    expect(runs).toEqual([]);
    expect(d.pending).toBe(true);
    vi.advanceTimersByTime(200);
    expect(runs).toEqual(["ab"]);
    expect(d.pending).toBe(false);
  });

  it("flushes a waiting task now, and once", () => {
    const runs: number[] = [];
    const d = new Debouncer(500);
    d.schedule(() => runs.push(1));
    d.flush();
    d.flush();
    vi.advanceTimersByTime(1000);
    expect(runs).toEqual([1]);
  });

  it("drops a cancelled task", () => {
    const runs: number[] = [];
    const d = new Debouncer(500);
    d.schedule(() => runs.push(1));
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(runs).toEqual([]);
  });
});
