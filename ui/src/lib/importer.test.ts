import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeAll, describe, expect, it } from "vitest";
import catalogJson from "./generated/catalog.json";
import type { Checklist } from "./generated/Checklist";
import type { ImportPreview } from "./generated/ImportPreview";
import type { ImportedChecklist } from "./generated/ImportedChecklist";
import { securityPreview } from "./test-data";

// The import dialog's state, and the catalog after an import or a removal, against a
// scripted backend.
const builtin = catalogJson as Checklist[];
const found = securityPreview();
const security = found.checklist;

const calls: [string, unknown][] = [];
let catalog: Checklist[] = builtin;
let imported: ImportedChecklist[] = [];
let answer: (() => unknown) | null = null;

function backend(cmd: string, args?: unknown): unknown {
  calls.push([cmd, args]);
  switch (cmd) {
    case "choose_checklist_file":
      return "/home/lead/security-2026-02.txt";
    case "preview_import":
      return answer ? answer() : found;
    case "import_checklist":
      catalog = [...builtin, security];
      imported = [{ id: security.id, source: found.source, format: "text", imported_at: 0 }];
      return { ...found, saved: true };
    case "remove_checklist":
      catalog = builtin;
      imported = [];
      return { id: security.id, orphaned_tags: 0 };
    case "catalog":
      return catalog;
    case "imported_checklists":
      return imported;
    case "coverage":
      return { checklist: (args as { checklist: string }).checklist, controls: [], retired: [] };
    case "exemptions":
      return { waivers: [], not_applicable: {} };
  }
  return null;
}

const names = () => calls.map(([c]) => c);
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeAll(() => {
  (globalThis as { window?: unknown }).window ??= globalThis;
  mockIPC(backend);
});

describe("import state", async () => {
  const { importer } = await import("./importer.svelte");
  const { app } = await import("./app.svelte");

  it("asks for a file chosen in the dialog before checking anything", async () => {
    importer.show();
    await importer.check();
    expect(calls).toEqual([]);
    expect(importer.error?.message).toBe("Choose a checklist file first.");
    expect(importer.preview).toBeNull();
  });

  it("previews the chosen file at once without saving, and a change drops the preview", async () => {
    await importer.choose();
    expect(names()).toEqual(["choose_checklist_file", "preview_import"]);
    expect(calls[1][1]).toEqual({ path: "/home/lead/security-2026-02.txt" });
    expect(importer.path).toBe("/home/lead/security-2026-02.txt");
    expect(importer.error).toBeNull();
    expect(importer.preview?.checklist.id).toBe("security-2026-02");
    expect(importer.ready).toBe(true);
    importer.setMode("text");
    expect(importer.preview).toBeNull();
    expect(importer.ready).toBe(false);
  });

  it("shows what the core refused, in the dialog", async () => {
    importer.setMode("text");
    importer.text = "just some notes\nno controls here";
    answer = () => {
      throw { code: "no_controls", message: "pasted text: no controls were found" };
    };
    await importer.check();
    expect(calls.at(-1)).toEqual(["preview_import", { text: "just some notes\nno controls here" }]);
    expect(importer.error?.code).toBe("no_controls");
    expect(importer.preview).toBeNull();
    expect(app.toasts).toEqual([]);
  });

  it("drops the answer to an input that was edited while it was read", async () => {
    let release: (p: ImportPreview) => void = () => {};
    answer = () => new Promise((resolve) => (release = resolve));
    const checking = importer.check();
    await tick();
    expect(importer.checking).toBe(true);
    importer.text += " more";
    importer.edited();
    release(found);
    await checking;
    expect(importer.preview).toBeNull();
    expect(importer.checking).toBe(false);
  });

  it("will not import a checklist already in the catalog", async () => {
    answer = () => ({ ...found, outcome: { kind: "unchanged", builtin: true } });
    await importer.check();
    expect(importer.ready).toBe(false);
    calls.length = 0;
    await importer.run();
    expect(calls).toEqual([]);
  });

  it("imports what was previewed, then shows its dashboard and closes", async () => {
    answer = null;
    importer.setMode("file");
    importer.path = "/home/lead/security-2026-02.txt";
    await importer.check();
    calls.length = 0;
    await importer.run();
    await tick();
    expect(names().slice(0, 3)).toEqual(["import_checklist", "catalog", "imported_checklists"]);
    expect(calls[0][1]).toEqual({ path: "/home/lead/security-2026-02.txt" });
    expect(names()).toContain("coverage");
    expect(importer.open).toBe(false);
    expect(app.checklists.map((c) => c.id)).toContain("security-2026-02");
    expect(app.importedIds.has("security-2026-02")).toBe(true);
    expect(app.checklistId).toBe("security-2026-02");
    expect(app.view).toBe("dashboard");
    expect(app.toasts.at(-1)?.message).toBe("Imported AWS Security Competency February 2026.");
  });

  it("removes an imported checklist and goes back to a built-in one", async () => {
    calls.length = 0;
    await expect(app.removeChecklist("security-2026-02")).resolves.toBe(true);
    expect(names().slice(0, 3)).toEqual(["remove_checklist", "catalog", "imported_checklists"]);
    expect(app.checklists.map((c) => c.id)).not.toContain("security-2026-02");
    expect(app.imported).toEqual([]);
    expect(app.checklistId).toBe(builtin[0].id);
    expect(app.toasts.at(-1)?.message).toBe(
      "Removed Security February 2026 from the catalog. Your tags are kept.",
    );
  });
});
