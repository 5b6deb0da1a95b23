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
      ["tag", { paths: ["a.md"], controls: ["CSN-001#2"], note: null, example: null }],
      ["coverage", { checklist: "data-analytics-7.1" }],
      ["open_file", { path: "a.md" }],
    ]);
  });

  it("sends customer examples, waivers and not-applicable marks by their Rust names", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === "examples" ? [] : null;
    });
    const example = {
      id: 0,
      name: "Example A",
      customer: "Acme",
      industry: "Retail",
      case_study_url: null,
      go_live: "2025-03-01",
      folder: "Customers/Acme",
      wafr_report: null,
    };
    await api.tag(["a.md"], ["CSN-001"], "note", "Example A");
    await expect(api.examples()).resolves.toEqual([]);
    await api.saveExample(example);
    await api.removeExample("Example A");
    await api.exemptions("data-analytics-7.1");
    await api.setWaiver("data-analytics-7.1", "msp", "approved MSP", null);
    await api.setNotApplicable("data-analytics-7.1", "PRJ-003", null);
    expect(calls).toEqual([
      ["tag", { paths: ["a.md"], controls: ["CSN-001"], note: "note", example: "Example A" }],
      ["examples", {}],
      ["save_example", { example }],
      ["remove_example", { name: "Example A" }],
      ["exemptions", { checklist: "data-analytics-7.1" }],
      [
        "set_waiver",
        { checklist: "data-analytics-7.1", kind: "msp", reason: "approved MSP", reference: null },
      ],
      [
        "set_not_applicable",
        { checklist: "data-analytics-7.1", control: "PRJ-003", justification: null },
      ],
    ]);
  });

  it("asks for suggested tags and rejects one by their Rust names", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === "reject_suggestion" ? null : [];
    });
    await expect(api.suggestions(null)).resolves.toEqual([]);
    await api.suggestions("Delivery/SOW.docx");
    await expect(api.suggestionsFor("PRJ-003")).resolves.toEqual([]);
    await api.rejectSuggestion("Delivery/SOW.docx", "OPE-001");
    expect(calls).toEqual([
      ["suggestions", { path: null }],
      ["suggestions", { path: "Delivery/SOW.docx" }],
      ["suggestions_for", { control: "PRJ-003" }],
      ["reject_suggestion", { path: "Delivery/SOW.docx", control: "OPE-001" }],
    ]);
  });

  it("sends attestations, freshness and prerequisites by their Rust names", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === "prerequisites" ? [] : null;
    });
    await api.setAttestation("POV-001#1", "Dana Lee, BD executive", null);
    await api.setAttestation("POV-001#1", null, null);
    await api.setFreshness("Ops/runbook.md", "2025-01-31", false);
    await api.setFreshness("Ops/runbook.md", null, true);
    await expect(api.prerequisites("data-analytics-7.1")).resolves.toEqual([]);
    await api.setPrerequisite("data-analytics-7.1", "4.1", "met", "4 certified", null);
    expect(calls).toEqual([
      ["set_attestation", { item: "POV-001#1", presenter: "Dana Lee, BD executive", note: null }],
      ["set_attestation", { item: "POV-001#1", presenter: null, note: null }],
      ["set_freshness", { path: "Ops/runbook.md", effectiveDate: "2025-01-31", confirmed: false }],
      ["set_freshness", { path: "Ops/runbook.md", effectiveDate: null, confirmed: true }],
      ["prerequisites", { checklist: "data-analytics-7.1" }],
      [
        "set_prerequisite",
        {
          checklist: "data-analytics-7.1",
          id: "4.1",
          state: "met",
          value: "4 certified",
          note: null,
        },
      ],
    ]);
  });

  it("sends session and export commands by their Rust names", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === "default_export_folder" ? "/home/lead/Documents" : null;
    });
    await api.openSession("data-analytics-7.1");
    await api.startSession("data-analytics-7.1", 45);
    await api.session(7);
    await api.recordOutcome(7, "PRJ-003", "follow_up", "send the signed SOW");
    await api.recordOutcome(7, "PRJ-003", null, null);
    await api.moveSession(7, "PRJ-004");
    await api.setPresenting(7, false);
    await api.endSession(7);
    await expect(api.defaultExportFolder()).resolves.toBe("/home/lead/Documents");
    await api.chooseExportFolder();
    await api.exportChecklist("data-analytics-7.1", "zip", "/tmp/out");
    await api.cancelExport();
    await api.revealExport("/tmp/out/pack.zip");
    expect(calls).toEqual([
      ["open_session", { checklist: "data-analytics-7.1" }],
      ["start_session", { checklist: "data-analytics-7.1", plannedMinutes: 45 }],
      ["session", { id: 7 }],
      [
        "record_outcome",
        { id: 7, control: "PRJ-003", outcome: "follow_up", note: "send the signed SOW" },
      ],
      ["record_outcome", { id: 7, control: "PRJ-003", outcome: null, note: null }],
      ["move_session", { id: 7, control: "PRJ-004" }],
      ["set_presenting", { id: 7, presenting: false }],
      ["end_session", { id: 7 }],
      ["default_export_folder", {}],
      ["choose_export_folder", {}],
      ["export", { checklist: "data-analytics-7.1", format: "zip", folder: "/tmp/out" }],
      ["cancel_export", {}],
      ["reveal_export", { path: "/tmp/out/pack.zip" }],
    ]);
  });

  it("sends checklist imports and removals by their Rust names, one source at a time", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === "imported_checklists" ? [] : null;
    });
    await api.chooseChecklistFile();
    await api.previewImport({ path: "/home/lead/security-2026-02.txt" });
    await api.previewImport({ text: "AWS Security Competency" });
    await api.importChecklist({ path: "/home/lead/security-2026-02.txt" });
    await expect(api.importedChecklists()).resolves.toEqual([]);
    await api.removeChecklist("security-2026-02");
    expect(calls).toEqual([
      ["choose_checklist_file", {}],
      ["preview_import", { path: "/home/lead/security-2026-02.txt" }],
      ["preview_import", { text: "AWS Security Competency" }],
      ["import_checklist", { path: "/home/lead/security-2026-02.txt" }],
      ["imported_checklists", {}],
      ["remove_checklist", { id: "security-2026-02" }],
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

  it("delivers export progress to the listener until it unlistens", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const seen: number[] = [];
    const unlisten = await api.onExportProgress((p) => seen.push(p.done));
    await emit("export-progress", { done: 10, total: 40, current: "PRJ-003/sow.docx" });
    unlisten();
    await emit("export-progress", { done: 40, total: 40, current: "" });
    expect(seen).toEqual([10]);
  });
});
