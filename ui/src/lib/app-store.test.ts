import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeAll, describe, expect, it } from "vitest";
import catalogJson from "./generated/catalog.json";

// A store that cannot be opened, against a scripted backend: every store-backed command
// fails with the store's error until the damaged store is moved aside.
const calls: string[] = [];
const damaged = {
  code: "store_damaged",
  message: "Dossier's database at /data/dossier.sqlite is damaged: it is empty.",
};
let storeOk = false;
const fresh = { folder: null, recent: [], sample_folder: "/opt/sample", startup_error: null };

function backend(cmd: string): unknown {
  calls.push(cmd);
  if (cmd === "shell_state") return storeOk ? fresh : { ...fresh, startup_error: damaged };
  if (cmd === "move_damaged_store_aside") {
    if (storeOk) throw { code: "store_not_damaged", message: "nothing to move aside" };
    storeOk = true;
    return { moved_to: "/data/dossier.damaged-1.sqlite", state: fresh };
  }
  if (!storeOk) throw damaged;
  if (cmd === "catalog") return catalogJson;
  if (cmd === "imported_checklists") return [];
  return null;
}

beforeAll(() => {
  (globalThis as { window?: unknown }).window ??= globalThis;
  mockIPC(backend, { shouldMockEvents: true });
});

describe("a store that cannot be opened", async () => {
  const { app } = await import("./app.svelte");

  it("stops at the store's error: no other command runs, no toast piles up", async () => {
    await app.start();
    expect(app.started).toBe(true);
    expect(app.storeError).toEqual(damaged);
    expect(app.folder).toBeNull();
    expect(calls.filter((c) => c !== "plugin:event|listen")).toEqual(["shell_state"]);
    expect(app.toasts).toEqual([]);
  });

  it("moves the damaged store aside, then starts afresh and says where the old one is", async () => {
    calls.length = 0;
    await app.moveStoreAside();
    expect(app.storeError).toBeNull();
    expect(app.storeMovedTo).toBe("/data/dossier.damaged-1.sqlite");
    expect(calls).toEqual(["move_damaged_store_aside", "catalog", "imported_checklists"]);
    expect(app.checklists.length).toBeGreaterThan(0);
    expect(app.shell?.startup_error).toBeNull();
  });

  it("carries on when there was nothing left to move aside", async () => {
    app.storeError = damaged;
    calls.length = 0;
    await app.moveStoreAside();
    expect(app.storeError).toBeNull();
    expect(app.moveError).toBeNull();
    expect(calls.slice(0, 2)).toEqual(["move_damaged_store_aside", "shell_state"]);
  });
});
