import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import catalogJson from "./generated/catalog.json";
import type { IndexEvent } from "./generated/IndexEvent";
import { entry } from "./test-data";

// The store against a scripted backend: which commands it calls, and how often.
const calls: string[] = [];
const tagged: unknown[] = [];
let files = [entry("Operations/runbook.md"), entry("Delivery/SOW.docx", { tags: ["PRJ-003"] })];
let examples = [
  {
    id: 1,
    name: "Example 1",
    customer: "Acme",
    industry: "Retail",
    case_study_url: null as string | null,
    go_live: null as string | null,
    folder: "Customers/Acme" as string | null,
    wafr_report: null,
  },
];
const prerequisites = [
  { id: "4.1", group: "4.0 Prerequisites", title: "Certified staff", text: "", state: "unknown" },
  { id: "9.9", group: "4.0 Prerequisites", title: "Rejected", text: "", state: "unknown" },
].map((p) => ({ ...p, value: null, note: null }));
const root = { id: 1, path: "/home/lead/Evidence", opened_at: 0 };
const why = (reason: string) => ({ reason, example: "Example 1", example_reason: "in Acme" });
let suggestions = [
  {
    path: "Operations/runbook.md",
    needs_a_look: false,
    suggestions: [
      { control: "OPE-002", confidence: 0.9, reason: "runbook" },
      { control: "OPE-001", confidence: 0.5, reason: "monitoring" },
    ],
    ...why("runbook"),
  },
];

function backend(cmd: string, args?: unknown): unknown {
  calls.push(cmd);
  switch (cmd) {
    case "shell_state":
      return { folder: root, recent: [root], sample_folder: "/opt/sample", startup_error: null };
    case "catalog":
      return catalogJson;
    case "files":
      return files;
    case "coverage":
      return { checklist: (args as { checklist: string }).checklist, controls: [], sections: [] };
    case "readiness":
      return {
        checklist: (args as { checklist: string }).checklist,
        online_only: [
          { path: "Delivery/SOW.docx", status: "online_only", detail: null, tags: ["PRJ-003"] },
        ],
        missing: [],
        unreadable: [],
        outside_folder: [],
        ready: false,
      };
    case "tag":
      tagged.push(args);
      return { paths: (args as { paths: string[] }).paths, delta: 1 };
    case "suggestions":
      return suggestions;
    case "undo":
      return true;
    case "open_folder":
      return root;
    case "examples":
      return examples;
    case "save_example":
      examples = [...examples, (args as { example: (typeof examples)[number] }).example];
      return null;
    case "exemptions":
      return { waivers: [], not_applicable: {} };
    case "search":
      throw { code: "invalid_query", message: "unbalanced quotes" };
    case "prerequisites":
      return prerequisites;
    case "set_prerequisite":
      if ((args as { id: string }).id === "9.9")
        throw { code: "unknown_prerequisite", message: "unknown prerequisite 9.9" };
      return null;
    case "set_attestation":
      if ((args as { item: string }).item === "PRJ-003#1")
        throw { code: "not_attestable", message: "PRJ-003#1 is a document" };
      return null;
  }
  return null;
}

const count = (cmd: string) => calls.filter((c) => c === cmd).length;
const send = (batch: IndexEvent[]) => emit("index-events", batch);
/** A file changed on disk, and the index events have settled. */
async function changed(path: string) {
  await send([{ type: "file_changed", path }]);
  await vi.advanceTimersByTimeAsync(1000);
}

beforeAll(() => {
  (globalThis as { window?: unknown }).window ??= globalThis;
  vi.useFakeTimers();
  mockIPC(backend, { shouldMockEvents: true });
});
afterAll(() => vi.useRealTimers());

describe("app state", async () => {
  const { app } = await import("./app.svelte");

  it("opens the last folder at start and loads its files and coverage", async () => {
    await app.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(app.folder?.path).toBe(root.path);
    expect(app.folderName).toBe("Evidence");
    expect(app.files).toHaveLength(2);
    expect(count("files")).toBe(1);
    expect(count("coverage")).toBe(1);
    expect(count("suggestions")).toBe(1);
    expect(app.suggestions.get("Operations/runbook.md")?.suggestions).toHaveLength(2);
    expect(app.examples.map((e) => e.name)).toEqual(["Example 1"]);
    expect(app.exemptions).toEqual({ waivers: [], not_applicable: {} });
    expect(app.catalog.controls.length).toBeGreaterThan(60);
  });

  it("shows progress without refetching, and refetches a burst of changes at most ~3×/s", async () => {
    calls.length = 0;
    await send([{ type: "scan_started", root: root.path }]);
    await send([{ type: "progress", done: 5, total: 40, current: "Operations" }]);
    expect(app.scan).toMatchObject({ done: 5, total: 40, current: "Operations" });
    expect(count("files")).toBe(0);

    files = [...files, entry("Operations/new.md")];
    for (let i = 0; i < 10; i++) {
      await send([{ type: "file_added", path: `Operations/new-${i}.md` }]);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(count("files")).toBeGreaterThanOrEqual(2);
    expect(count("files")).toBeLessThanOrEqual(4);
    expect(count("coverage")).toBe(count("files"));
    expect(count("suggestions")).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(app.files).toHaveLength(3);
    expect(count("suggestions")).toBe(1);
  });

  it("ends the scan on scan_finished and refetches once more", async () => {
    calls.length = 0;
    await vi.advanceTimersByTimeAsync(1000);
    const summary = {
      files: 3,
      new: 1,
      changed: 0,
      moved: 0,
      missing: 0,
      unreadable: 0,
      online_only: 0,
    };
    await send([
      {
        type: "scan_finished",
        summary: { ...summary, unchanged: 2, removed: 0, duplicates: 0, cancelled: false },
      },
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(app.scan).toBeNull();
    expect(app.lastScan?.files).toBe(3);
    expect(count("files")).toBe(1);
  });

  it("tags the selection, offers undo, and undoes", async () => {
    app.selection = { paths: new Set(["Operations/runbook.md"]), anchor: null, focus: null };
    app.openPicker();
    expect(app.picker?.paths).toEqual(["Operations/runbook.md"]);
    calls.length = 0;
    await app.tag(app.picker!.paths, ["OPE-002"], null);
    expect(app.toasts.at(-1)).toMatchObject({ kind: "success", undo: true });
    await app.undo();
    expect(calls).toContain("undo");
    expect(app.toasts.some((t) => t.undo)).toBe(false);
  });

  it("shows a search error inline with its code", async () => {
    app.setQuery('"runbook');
    await vi.advanceTimersByTimeAsync(300);
    expect(app.searchError).toEqual({ code: "invalid_query", message: "unbalanced quotes" });
    expect(app.visible).toEqual([]);
    app.setQuery("");
    expect(app.searchError).toBeNull();
    expect(app.visible).toHaveLength(3);
  });

  it("switches the dashboard to the other checklist", async () => {
    calls.length = 0;
    app.setChecklist("generative-ai-2025-08");
    await vi.advanceTimersByTimeAsync(0);
    expect(app.coverage?.checklist).toBe("generative-ai-2025-08");
    expect(app.readiness?.checklist).toBe("generative-ai-2025-08");
    expect(app.readiness?.online_only.map((f) => f.path)).toEqual(["Delivery/SOW.docx"]);
    expect(calls).toEqual(["coverage", "readiness", "exemptions"]);
  });

  it("saves a customer example, then reloads the examples, coverage and suggestions", async () => {
    await vi.advanceTimersByTimeAsync(1000);
    calls.length = 0;
    await app.saveExample({ ...examples[0], id: 0, name: "Example 2", folder: null });
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls[0]).toBe("save_example");
    expect(calls.slice(1).sort()).toEqual(["coverage", "examples", "readiness", "suggestions"]);
    expect(app.examples.map((e) => e.name)).toEqual(["Example 1", "Example 2"]);
  });

  it("switches a waiver and refetches exemptions and coverage", async () => {
    calls.length = 0;
    await app.setWaiver("msp", "Approved AWS MSP since 2023", null);
    await app.setNotApplicable("PRJ-003", null);
    expect(calls).toEqual([
      "set_waiver",
      "exemptions",
      "coverage",
      "readiness",
      "set_not_applicable",
      "exemptions",
      "coverage",
      "readiness",
    ]);
  });

  it("loads the prerequisites when opened and shows an answer before it is saved", async () => {
    calls.length = 0;
    app.openPrerequisites();
    await vi.advanceTimersByTimeAsync(0);
    expect(app.prerequisitesOpen).toBe(true);
    expect(app.prerequisites?.map((p) => p.id)).toEqual(["4.1", "9.9"]);
    const saving = app.setPrerequisite("4.1", "met", "4 certified", null);
    expect(app.prerequisites?.[0]).toMatchObject({ state: "met", value: "4 certified" });
    await expect(saving).resolves.toBe(true);
    expect(calls).toEqual(["prerequisites", "set_prerequisite"]);
  });

  it("reloads the prerequisites and reports an answer the backend refused", async () => {
    calls.length = 0;
    await expect(app.setPrerequisite("9.9", "met", null, null)).resolves.toBe(false);
    expect(calls).toEqual(["set_prerequisite", "prerequisites"]);
    expect(app.prerequisites?.[1].state).toBe("unknown");
    expect(app.toasts.at(-1)).toMatchObject({ kind: "error", code: "unknown_prerequisite" });
  });

  it("records attestations and confirmed files, then refetches coverage", async () => {
    calls.length = 0;
    await app.setAttestation("POV-001", 1, "Dana Lee, BD executive", null);
    await app.confirmFresh("Operations/runbook.md");
    await app.setEffectiveDate("Operations/runbook.md", "2025-01-31");
    expect(calls).toEqual([
      "set_attestation",
      "coverage",
      "readiness",
      "set_freshness",
      "coverage",
      "readiness",
      "set_freshness",
      "coverage",
      "readiness",
    ]);
    await expect(app.setAttestation("PRJ-003", 1, "Dana", null)).rejects.toMatchObject({
      code: "not_attestable",
    });
  });

  it("accepts a suggestion for its folder's example, and drops it before the core answers", async () => {
    await vi.advanceTimersByTimeAsync(1000);
    calls.length = 0;
    tagged.length = 0;
    expect(app.suggestedPaths.has("Operations/runbook.md")).toBe(true);
    expect(app.reviewable.map((e) => e.path)).toEqual(["Operations/runbook.md"]);
    await app.acceptSuggestions("Operations/runbook.md", ["OPE-002"]);
    expect(tagged).toEqual([
      { paths: ["Operations/runbook.md"], controls: ["OPE-002"], note: null, example: "Example 1" },
    ]);
    const left = app.suggestions.get("Operations/runbook.md")?.suggestions;
    expect(left?.map((s) => s.control)).toEqual(["OPE-001"]);
    expect(app.suggestedPaths.has("Operations/runbook.md")).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(count("suggestions")).toBe(1);
  });

  it("rejects a suggestion, says it is remembered, and reloads the suggestions", async () => {
    suggestions = [{ ...suggestions[0], suggestions: [suggestions[0].suggestions[1]] }];
    await changed("Operations/runbook.md");
    expect(app.suggestions.get("Operations/runbook.md")?.suggestions).toHaveLength(1);
    calls.length = 0;
    await expect(app.rejectSuggestion("Operations/runbook.md", "OPE-001")).resolves.toBe(true);
    expect(app.suggestions.get("Operations/runbook.md")?.suggestions).toEqual([]);
    expect(app.toasts.at(-1)?.message).toBe("OPE-001 will not be suggested for runbook.md again.");
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual(["reject_suggestion", "suggestions"]);
  });

  it("opens bulk review on the files it would walk, and keeps them while it runs", async () => {
    const rca = [{ control: "PRFM-001", confidence: 0.81, reason: "root cause analysis" }];
    suggestions = [
      ...suggestions,
      { path: "Operations/new.md", needs_a_look: false, suggestions: rca, ...why("rca") },
    ];
    await changed("Operations/new.md");
    app.openReview();
    const walked = ["Operations/new.md", "Operations/runbook.md"];
    expect(app.review?.map((e) => e.path)).toEqual(walked);
    files = files.map((f) => (f.path === "Operations/new.md" ? { ...f, tags: ["PRFM-001"] } : f));
    await app.tag(["Operations/new.md"], ["PRFM-001"], null);
    await vi.advanceTimersByTimeAsync(1000);
    expect(app.reviewable.map((e) => e.path)).toEqual(["Operations/runbook.md"]);
    expect(app.review?.map((e) => e.path)).toEqual(walked);
    app.closeReview();
    expect(app.review).toBeNull();
  });

  it("keeps a banner when live updates stop, until the folder is reopened", async () => {
    const reason = "Live updates stopped: the database failed. Reopen the folder to try again.";
    await send([{ type: "watch_stopped", reason }]);
    await send([{ type: "scan_started", root: root.path }]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(app.watchStopped).toBe(reason);
    calls.length = 0;
    app.reopenFolder();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[0]).toBe("open_folder");
    expect(app.watchStopped).toBeNull();
    expect(app.folder?.path).toBe(root.path);
  });

  it("never previews or tags a link to a file outside the folder", async () => {
    const creds = entry("Links/credentials", { status: "outside_folder" });
    files = [...files, creds];
    await changed(creds.path);
    expect(app.isEvidence(creds.path)).toBe(false);
    expect(app.isEvidence("Operations/runbook.md")).toBe(true);

    app.showPreview(creds.path);
    expect(app.previewPath).toBeNull();
    expect(app.toasts.at(-1)?.message).toMatch(/outside the evidence folder/);

    // Read through a call: TypeScript would keep `picker` narrowed to the null set above.
    const picker = () => app.picker;
    app.picker = null;
    app.selection = { paths: new Set([creds.path]), anchor: null, focus: null };
    app.openPicker();
    expect(picker()).toBeNull();

    app.selection = {
      paths: new Set([creds.path, "Operations/runbook.md"]),
      anchor: null,
      focus: null,
    };
    app.openPicker();
    expect(picker()?.paths).toEqual(["Operations/runbook.md"]);
    expect(app.toasts.at(-1)?.message).toBe(
      "Left out 1 link to files outside the evidence folder: Dossier does not tag them.",
    );
    app.picker = null;
  });
});
