import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as api from "./api";
import type { IndexEvent } from "./generated/IndexEvent";

beforeAll(() => {
  // The mocks install Tauri's internals on `window`; Node's global object stands in for it.
  (globalThis as { window?: unknown }).window ??= globalThis;
});
afterEach(() => clearMocks());

describe("api", () => {
  it("invokes each command by its Rust name with camelCase arguments", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === "tag" ? { paths: ["a.md"], delta: 1 } : null;
    });
    await expect(api.tag(["a.md"], ["CSN-001#2"], null)).resolves.toEqual({
      paths: ["a.md"],
      delta: 1,
    });
    await api.coverage("data-analytics-7.1");
    await api.openFile("a.md");
    expect(calls).toEqual([
      ["tag", { paths: ["a.md"], controls: ["CSN-001#2"], note: null }],
      ["coverage", { checklist: "data-analytics-7.1" }],
      ["open_file", { path: "a.md" }],
    ]);
  });

  it("rejects with the Rust side's IpcError as it is", async () => {
    mockIPC(() => {
      throw { code: "unknown_control", message: "unknown control PRJ-03; did you mean PRJ-003?" };
    });
    await expect(api.tag(["a.md"], ["PRJ-03"], null)).rejects.toEqual({
      code: "unknown_control",
      message: "unknown control PRJ-03; did you mean PRJ-003?",
    });
  });

  it("turns Tauri's own string rejections into an IpcError", async () => {
    mockIPC(() => {
      throw "command undo not allowed";
    });
    await expect(api.undo()).rejects.toEqual({ code: "ipc", message: "command undo not allowed" });
  });

  it("delivers index event batches to the listener", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const seen: IndexEvent[][] = [];
    await api.onIndexEvents((batch) => seen.push(batch));
    const batch: IndexEvent[] = [{ type: "file_added", path: "Operations/new-runbook.md" }];
    await emit("index-events", batch);
    expect(seen).toEqual([batch]);
  });
});
