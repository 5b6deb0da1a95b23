// The window can only reach files inside the open evidence folder, and bad input over IPC
// is refused with a coded error, never a crash: checked against the real app's commands.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { invoke, launch } from "../harness.mjs";

const CHECKLIST = resolve(import.meta.dirname, "../../fixtures/checklists/security-2026-02.txt");

let app;

before(async () => {
  app = await launch();
  await app.browser.$('[data-testid="open-sample"]').waitForDisplayed({ timeout: 20000 });
  await app.browser.$('[data-testid="open-sample"]').click();
  await app.browser.$('[data-testid="active-folder"]').waitForDisplayed({ timeout: 20000 });
});

after(async () => {
  await app?.close();
});

test("paths outside the evidence folder are refused", async () => {
  for (const path of ["/etc/passwd", "../../etc/passwd"]) {
    for (const cmd of ["open_file", "reveal_file", "preview"]) {
      const res = await invoke(app.browser, cmd, { path });
      assert.equal(res.ok, false, `${cmd} ${path} must be refused`);
      assert.equal(res.error.code, "outside_folder", `${cmd} ${path}: ${JSON.stringify(res.error)}`);
    }
  }
});

test("unknown controls and oversized input get coded errors", async () => {
  const files = await invoke(app.browser, "files", {});
  const path = files.value[0].path;
  const unknown = await invoke(app.browser, "tag", { paths: [path], controls: ["PRJ-03"], note: null });
  assert.equal(unknown.error.code, "unknown_control");
  assert.match(unknown.error.message, /PRJ-003/);
  const huge = await invoke(app.browser, "tag", { paths: [path], controls: ["PRJ-003"], note: "x".repeat(10000) });
  assert.equal(huge.error.code, "invalid_input");
  const longPath = await invoke(app.browser, "preview", { path: "a/".repeat(3000) });
  assert.equal(longPath.error.code, "invalid_input");
  const checklist = await invoke(app.browser, "coverage", { checklist: "no-such-checklist" });
  assert.equal(checklist.error.code, "unknown_checklist");
});

test("sessions and exports refuse bad input with coded errors", async () => {
  const zero = await invoke(app.browser, "start_session", { checklist: "data-analytics", plannedMinutes: 0 });
  assert.equal(zero.error.code, "bad_duration");
  const session = await invoke(app.browser, "start_session", { checklist: "data-analytics", plannedMinutes: 30 });
  assert.equal(session.ok, true, JSON.stringify(session));
  const id = session.value.id;
  const unknown = await invoke(app.browser, "record_outcome", {
    id,
    control: "PRJ-03",
    outcome: "met",
    note: null,
  });
  assert.equal(unknown.error.code, "unknown_control");
  const other = await invoke(app.browser, "session", { id: id + 1000 });
  assert.equal(other.error.code, "unknown_session");
  const longNote = await invoke(app.browser, "record_outcome", {
    id,
    control: "PRJ-003",
    outcome: "follow_up",
    note: "x".repeat(10000),
  });
  assert.equal(longNote.error.code, "invalid_input");
  const state = await invoke(app.browser, "shell_state", {});
  app.answerDialog(state.value.folder.path);
  await invoke(app.browser, "choose_export_folder", {});
  const inside = await invoke(app.browser, "export", {
    checklist: "data-analytics",
    format: "html",
    folder: state.value.folder.path,
  });
  assert.equal(inside.error.code, "export_inside_evidence_folder");
  const reveal = await invoke(app.browser, "reveal_export", { path: "/etc/passwd" });
  assert.equal(reveal.error.code, "outside_folder");
  await invoke(app.browser, "end_session", { id });
});

test("suggested tags refuse paths outside the folder and unknown controls", async () => {
  const files = await invoke(app.browser, "files", {});
  const path = files.value[0].path;
  for (const [cmd, args] of [
    ["suggestions", { path: "/etc/passwd" }],
    ["reject_suggestion", { path: "../../etc/passwd", control: "PRJ-003" }],
  ]) {
    const res = await invoke(app.browser, cmd, args);
    assert.equal(res.error?.code, "outside_folder", `${cmd}: ${JSON.stringify(res)}`);
  }
  for (const [cmd, args] of [
    ["suggestions_for", { control: "PRJ-03" }],
    ["reject_suggestion", { path, control: "PRJ-03" }],
  ]) {
    const res = await invoke(app.browser, cmd, args);
    assert.equal(res.error?.code, "unknown_control", `${cmd}: ${JSON.stringify(res)}`);
  }
});

test("checklist import refuses bad input with coded errors and saves nothing", async () => {
  const before = (await invoke(app.browser, "catalog", {})).value.length;
  for (const path of ["/no/such/checklist.txt", "/etc"]) {
    app.answerDialog(path);
    await invoke(app.browser, "choose_checklist_file", {});
  }
  const cases = [
    [{}, "invalid_input"],
    [{ path: "/no/such/checklist.txt", text: "x" }, "invalid_input"],
    [{ path: "/no/such/checklist.txt" }, "import_unreadable"],
    [{ path: "/etc" }, "import_unreadable"],
    [{ text: "binary\u0000bytes" }, "not_text"],
    [{ text: "AWS Notes\nno controls here" }, "no_controls"],
  ];
  for (const [args, code] of cases) {
    const res = await invoke(app.browser, "import_checklist", args);
    assert.equal(res.ok, false, `${JSON.stringify(args).slice(0, 60)} must be refused`);
    assert.equal(res.error.code, code, JSON.stringify(res.error).slice(0, 300));
  }
  const builtin = await invoke(app.browser, "remove_checklist", { id: "data-analytics-7.1" });
  assert.equal(builtin.error.code, "builtin_checklist");
  assert.equal((await invoke(app.browser, "catalog", {})).value.length, before);
});

test("a folder, an export destination or a checklist file the user did not choose is refused", async () => {
  const open = (await invoke(app.browser, "shell_state", {})).value;
  const elsewhere = dirname(app.folder);
  for (const path of ["/etc", elsewhere]) {
    const res = await invoke(app.browser, "open_folder", { path });
    assert.equal(res.error?.code, "path_not_chosen", `open_folder ${path}: ${JSON.stringify(res)}`);
  }
  const exported = await invoke(app.browser, "export", { checklist: "data-analytics", format: "html", folder: elsewhere });
  assert.equal(exported.error?.code, "path_not_chosen", JSON.stringify(exported));
  for (const cmd of ["preview_import", "import_checklist"]) {
    const res = await invoke(app.browser, cmd, { path: CHECKLIST });
    assert.equal(res.error?.code, "path_not_chosen", `${cmd}: ${JSON.stringify(res)}`);
  }
  assert.equal((await invoke(app.browser, "shell_state", {})).value.folder.path, open.folder.path, "the open folder is unchanged");

  app.answerDialog(CHECKLIST);
  assert.equal((await invoke(app.browser, "choose_checklist_file", {})).value, CHECKLIST);
  const chosen = await invoke(app.browser, "preview_import", { path: CHECKLIST });
  assert.equal(chosen.ok, true, `a chosen checklist file is read: ${JSON.stringify(chosen).slice(0, 300)}`);
  const recent = await invoke(app.browser, "open_folder", { path: open.recent[0].path });
  assert.equal(recent.ok, true, `a recent folder reopens: ${JSON.stringify(recent)}`);
});

/** Fetches `path` the way the preview does; gives the status and the body length. */
async function fetchPreview(path, protocol = "evidence") {
  const json = await app.browser.execute(
    (path, protocol) =>
      fetch(window.__TAURI_INTERNALS__.convertFileSrc(path, protocol)).then(
        async (r) => JSON.stringify({ status: r.status, length: (await r.arrayBuffer()).byteLength }),
        (e) => JSON.stringify({ status: 0, error: String(e) }),
      ),
    path,
    protocol,
  );
  return JSON.parse(json);
}

// Last: this switches the window to another folder.
test("after switching folder, no file of the old folder is served to the window", async () => {
  const old = join(app.folder, "Admin/office.jpg");
  const before = await fetchPreview(old);
  assert.equal(before.status, 200, `the open folder's image is served: ${JSON.stringify(before)}`);
  assert.ok(before.length > 0);
  const outside = await fetchPreview("/etc/passwd");
  assert.notEqual(outside.status, 200, "a file outside the folder is never served");

  const other = join(dirname(app.folder), "other-evidence");
  mkdirSync(other);
  cpSync(old, join(other, "team.jpg"));
  app.answerDialog(other);
  const opened = await invoke(app.browser, "pick_folder", {});
  assert.equal(opened.ok, true, JSON.stringify(opened));
  await app.browser.waitUntil(
    async () => ((await invoke(app.browser, "files", {})).value ?? []).some((f) => f.path === "team.jpg"),
    { timeout: 20000, interval: 100, timeoutMsg: "the new folder was never indexed" },
  );

  assert.equal((await fetchPreview(join(other, "team.jpg"))).status, 200, "the new folder's image is served");
  for (const protocol of ["evidence", "asset"]) {
    const after = await fetchPreview(old, protocol);
    assert.notEqual(after.status, 200, `${protocol}: the old folder's image is still served`);
  }
});
