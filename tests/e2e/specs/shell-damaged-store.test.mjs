// A damaged database (here an empty file where the store should be): the window still opens
// and reports it with its code, nothing is created over it, and moving it aside keeps the
// damaged file under a new name and starts a fresh store the app works with.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { invoke, launch } from "../harness.mjs";

const WAIT = { timeout: 20000, interval: 100 };

let app;
let db;

before(async () => {
  app = await launch({
    prepare: ({ env }) => {
      db = env.DOSSIER_DB;
      mkdirSync(dirname(db), { recursive: true });
      writeFileSync(db, "");
    },
  });
  await app.browser.waitUntil(() => app.browser.execute(() => Boolean(window.__TAURI_INTERNALS__)), {
    ...WAIT,
    timeoutMsg: "the window never opened",
  });
});

after(async () => {
  await app?.close();
});

test("the window opens on a damaged database and reports it with its code", async () => {
  for (let i = 0; i < 2; i++) {
    const state = await invoke(app.browser, "shell_state");
    assert.equal(state.ok, true, JSON.stringify(state));
    assert.equal(state.value.startup_error?.code, "store_damaged", JSON.stringify(state.value));
    assert.equal(state.value.folder, null);
  }
  for (const cmd of ["files", "open_sample_folder"]) {
    const res = await invoke(app.browser, cmd);
    assert.equal(res.error?.code, "store_damaged", `${cmd}: ${JSON.stringify(res)}`);
  }
  assert.equal(statSync(db).size, 0, "nothing was created over the damaged store");
});

test("moving it aside keeps the damaged file and starts a fresh store the app works with", async () => {
  const moved = await invoke(app.browser, "move_damaged_store_aside");
  assert.equal(moved.ok, true, JSON.stringify(moved));
  const { moved_to, state } = moved.value;
  assert.notEqual(moved_to, db);
  assert.equal(dirname(moved_to), dirname(db), "moved beside the store");
  assert.ok(existsSync(moved_to), "the damaged file is kept");
  assert.equal(statSync(moved_to).size, 0, "the damaged file is kept as it was");
  assert.equal(state.startup_error, null, JSON.stringify(state));
  assert.ok(statSync(db).size > 0, "a fresh store is in place");

  const opened = await invoke(app.browser, "open_sample_folder");
  assert.equal(opened.ok, true, JSON.stringify(opened));
  await app.browser.waitUntil(async () => ((await invoke(app.browser, "files")).value ?? []).length > 0, {
    ...WAIT,
    timeoutMsg: "the sample folder was never indexed in the fresh store",
  });
  const again = await invoke(app.browser, "move_damaged_store_aside");
  assert.equal(again.error?.code, "store_not_damaged", JSON.stringify(again));
});
