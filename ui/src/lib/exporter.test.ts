import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeAll, describe, expect, it } from "vitest";
import type { ExportSummary } from "./generated/ExportSummary";

// The export dialog's state against a scripted backend.
const calls: [string, unknown][] = [];
let finish: ((summary: ExportSummary) => void) | null = null;
let fail: ((error: unknown) => void) | null = null;
/** What the native folder dialog answers: null when the user cancels it. */
let chosen: string | null = null;

function backend(cmd: string, args?: unknown): unknown {
  calls.push([cmd, args]);
  switch (cmd) {
    case "default_export_folder":
      return "/home/lead/Documents";
    case "choose_export_folder":
      return chosen;
    case "export":
      return new Promise((resolve, reject) => {
        finish = resolve;
        fail = reject;
      });
  }
  return null;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

beforeAll(() => {
  (globalThis as { window?: unknown }).window ??= globalThis;
  mockIPC(backend, { shouldMockEvents: true });
});

describe("export state", async () => {
  const { exporter } = await import("./exporter.svelte");

  it("opens on the documents folder and keeps it when the folder dialog is cancelled", async () => {
    await exporter.show();
    expect(exporter.open).toBe(true);
    expect(exporter.folder).toBe("/home/lead/Documents");
    await exporter.choose();
    expect(exporter.folder).toBe("/home/lead/Documents");
  });

  it("exports into the chosen folder, shows progress, then the result", async () => {
    chosen = "/tmp/out";
    await exporter.choose();
    expect(exporter.folder).toBe("/tmp/out");
    exporter.format = "zip";
    const running = exporter.run("data-analytics-7.1");
    await tick();
    expect(exporter.running).toBe(true);
    expect(calls.at(-1)).toEqual([
      "export",
      { checklist: "data-analytics-7.1", format: "zip", folder: "/tmp/out" },
    ]);
    await emit("export-progress", { done: 5, total: 20, current: "PRJ-003/sow.docx" });
    expect(exporter.progress?.done).toBe(5);
    const summary = { format: "zip", path: "/tmp/out/pack.zip", controls: 49, files: 3, bytes: 20 };
    finish!(summary as ExportSummary);
    await running;
    expect(exporter.running).toBe(false);
    expect(exporter.progress).toBeNull();
    expect(exporter.result).toEqual(summary);
  });

  it("cancels a running export, and closing the dialog cancels too", async () => {
    calls.length = 0;
    const running = exporter.run("data-analytics-7.1");
    await tick();
    exporter.close();
    expect(exporter.open).toBe(false);
    await tick();
    fail!({ code: "cancelled", message: "export cancelled; nothing was left at the destination" });
    await running;
    expect(calls.map(([c]) => c)).toEqual(["export", "cancel_export"]);
    expect(exporter.error?.code).toBe("cancelled");
    expect(exporter.result).toBeNull();
  });

  it("reopens on the last folder without asking for the default again", async () => {
    calls.length = 0;
    await exporter.show();
    expect(exporter.folder).toBe("/tmp/out");
    expect(exporter.error).toBeNull();
    expect(calls).toEqual([]);
  });
});
