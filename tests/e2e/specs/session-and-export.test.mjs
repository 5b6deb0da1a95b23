// Validation day in the real app: walk three controls with the reviewer, recording met, not
// met and a follow-up with its note; leave the session view and come back to the same place;
// then export the evidence index report and the evidence pack into a folder the user types,
// end the session, and open the report as the reviewer will.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, screenshot } from "../harness.mjs";

const WAIT = { timeout: 20000, interval: 100 };
const EVENTS_LOG = "Practice/education-events-log.md";
const PRIVATE_NOTE = "Ask Priya for the March meetup slides";
const FOLLOW_UP = "Send the seller enablement deck by Friday";

let app;
let $;
let exports;
let report;

const row = (path) => $(`[data-testid="file-row"][data-path="${path}"]`);
const view = () => $('[data-testid="session-view"]');
const recorded = () => $('[data-testid="outcome-recorded"]');
const sessionFile = (path) => $(`[data-testid="session-file"][data-path="${path}"]`);

async function shows(control) {
  await app.browser.waitUntil(async () => (await view().getAttribute("data-control")) === control, {
    ...WAIT,
    timeoutMsg: `the session never showed ${control}`,
  });
}

async function records(outcome) {
  await app.browser.keys({ met: "1", not_met: "2", follow_up: "3" }[outcome]);
  await app.browser.waitUntil(async () => (await recorded().getAttribute("data-outcome")) === outcome, {
    ...WAIT,
    timeoutMsg: `${outcome} was never recorded`,
  });
}

async function exportAs(format, folder) {
  await $(`[data-testid="export-format-${format}"]`).click();
  app.answerDialog(folder);
  await $('[data-testid="export-choose"]').click();
  await app.browser.waitUntil(async () => (await $('[data-testid="export-folder"]').getValue()) === folder, WAIT);
  await $('[data-testid="export-run"]').click();
}

async function exported(extension) {
  const result = () => $('[data-testid="export-result"]');
  await app.browser.waitUntil(async () => (await result().getAttribute("data-path"))?.endsWith(extension), {
    ...WAIT,
    timeoutMsg: `no ${extension} export was reported`,
  });
  return result().getAttribute("data-path");
}

before(async () => {
  app = await launch();
  $ = (sel) => app.browser.$(sel);
  exports = join(dirname(app.folder), "exports");
  mkdirSync(exports);
  await $('[data-testid="open-sample"]').waitForDisplayed(WAIT);
  await $('[data-testid="open-sample"]').click();
  await row(EVENTS_LOG).waitForExist(WAIT);
});

after(async () => {
  await app?.close();
});

test("a file tagged with a private note, then a session started from the dashboard", async () => {
  await row(EVENTS_LOG).click();
  await app.browser.keys("t");
  await $('[data-testid="tag-picker-input"]').waitForDisplayed(WAIT);
  await $('[data-testid="tag-picker-input"]').setValue("POV-002");
  await $('[data-testid="tag-picker-option"][data-control="POV-002"]').waitForDisplayed(WAIT);
  await $('[data-testid="tag-picker-note"]').setValue(PRIVATE_NOTE);
  await app.browser.keys("Enter");
  await row(EVENTS_LOG).$('[data-testid="tag-chip"][data-tag="POV-002"]').waitForExist(WAIT);

  await $('[data-testid="nav-dashboard"]').click();
  await $('[data-testid="checklist-select"]').selectByAttribute("value", "data-analytics-7.1");
  const start = $('[data-testid="session-start"]');
  await start.waitForDisplayed(WAIT);
  assert.equal(await start.getAttribute("data-running"), "false");
  await start.click();
  await $('[data-testid="session-minutes"]').setValue("30");
  await $('[data-testid="session-start-confirm"]').click();
  await view().waitForDisplayed(WAIT);
  await shows("POV-001");
  assert.equal(await $('[data-testid="nav-dashboard"]').isClickable(), false, "the app's tabs are covered");
  assert.equal(await $('[data-testid="presenting-toggle"]').isSelected(), true, "presenting by default");
});

test("three controls walked: met, not met, and a follow-up with its note", async () => {
  const remaining = $('[data-testid="session-remaining"]');
  const controls = Number(await remaining.getAttribute("data-controls"));

  await records("not_met");
  await app.browser.keys("ArrowRight");
  await shows("POV-002");
  await records("met");
  await app.browser.keys("j");
  await shows("POV-003");
  await records("follow_up");
  await app.browser.keys("n");
  const note = $('[data-testid="outcome-note"]');
  assert.equal(await note.isFocused(), true, "n focuses the note");
  await note.setValue(FOLLOW_UP);
  await app.browser.keys("Enter");

  const item = $('[data-testid="action-item"][data-control="POV-003"]');
  await item.$('[data-testid="action-note"]').waitForExist(WAIT);
  assert.equal(await item.$('[data-testid="action-note"]').getText(), FOLLOW_UP);
  assert.equal(await $('[data-testid="action-count"]').getText(), "1");
  assert.equal(Number(await remaining.getAttribute("data-remaining")), controls - 3);
});

test("presenting hides the folder path and the private note; the quick jump finds controls", async () => {
  await app.browser.keys("/");
  await $('[data-testid="jump-input"]').waitForDisplayed(WAIT);
  await $('[data-testid="jump-input"]').setValue("education events");
  await $('[data-testid="jump-option"][data-control="POV-002"]').waitForDisplayed(WAIT);
  await $('[data-testid="jump-option"][data-control="POV-002"]').click();
  await shows("POV-002");

  const file = sessionFile(EVENTS_LOG);
  await file.waitForDisplayed(WAIT);
  assert.equal(await file.$("button.name").getText(), "education-events-log.md");
  assert.equal(await file.$('[data-testid="session-file-note"]').isExisting(), false);

  await $('[data-testid="presenting-toggle"]').click();
  await file.$('[data-testid="session-file-note"]').waitForExist(WAIT);
  assert.equal(await file.$('[data-testid="session-file-note"]').getText(), PRIVATE_NOTE);
  assert.equal(await file.$("button.name").getText(), EVENTS_LOG);
  await $('[data-testid="presenting-toggle"]').click();
  await file.$('[data-testid="session-file-note"]').waitForExist({ ...WAIT, reverse: true });
});

test("leaving the session view and resuming keeps the place and the outcomes", async () => {
  await app.browser.keys("Escape");
  await view().waitForExist({ ...WAIT, reverse: true });
  const start = $('[data-testid="session-start"]');
  await start.waitForDisplayed(WAIT);
  assert.equal(await start.getAttribute("data-running"), "true");
  assert.equal(await start.getText(), "Resume session");

  await start.click();
  await view().waitForDisplayed(WAIT);
  await shows("POV-002");
  assert.equal(await recorded().getAttribute("data-outcome"), "met");
  assert.equal(await $('[data-testid="presenting-toggle"]').isSelected(), true);
  await $('[data-testid="action-item"][data-control="POV-003"]').waitForExist(WAIT);
  await screenshot(app.browser, "session-mode");

  await app.browser.keys("ArrowLeft");
  await shows("POV-001");
  assert.equal(await recorded().getAttribute("data-outcome"), "not_met");
  await app.browser.keys("Escape");
  await view().waitForExist({ ...WAIT, reverse: true });
});

test("the evidence index report is exported into the typed folder, never the evidence folder", async () => {
  await $('[data-testid="export-open"]').click();
  await $('[data-testid="export-dialog"]').waitForDisplayed(WAIT);
  assert.notEqual(await $('[data-testid="export-folder"]').getValue(), "", "a default folder is offered");

  await exportAs("html", app.folder);
  const refused = $('[data-testid="export-error"]');
  await refused.waitForExist(WAIT);
  assert.equal(await refused.getAttribute("data-code"), "export_inside_evidence_folder");

  await exportAs("html", exports);
  report = await exported(".html");
  assert.equal(dirname(report), exports);
  const text = readFileSync(report, "utf8");
  assert.match(text, /AWS Data and Analytics Competency/);
  assert.ok(text.includes(FOLLOW_UP), "the report carries the follow-up note");
  assert.ok(!text.includes(PRIVATE_NOTE), "the reviewer's report leaves private notes out");
  await screenshot(app.browser, "export-dialog");
});

test("the evidence pack is exported as a ZIP", async () => {
  await exportAs("zip", exports);
  const zip = await exported(".zip");
  assert.equal(dirname(zip), exports);
  assert.ok(existsSync(zip));
  assert.equal(readFileSync(zip).subarray(0, 2).toString("latin1"), "PK");
});

test("ending the session leaves its outcomes to the reports and offers a new one", async () => {
  await app.browser.keys("Escape");
  await $('[data-testid="export-dialog"]').waitForExist({ ...WAIT, reverse: true });
  await $('[data-testid="session-start"]').click();
  await view().waitForDisplayed(WAIT);
  await $('[data-testid="session-end"]').click();
  await $('[data-testid="session-end-confirm"]').click();
  await view().waitForExist({ ...WAIT, reverse: true });
  await app.browser.waitUntil(
    async () => (await $('[data-testid="session-start"]').getAttribute("data-running")) === "false",
    { ...WAIT, timeoutMsg: "the ended session was still offered for resuming" },
  );
});

// Last: this navigates the app's window away from the app.
test("the exported report opens on its own, with the session's outcomes", async () => {
  await app.browser.url(pathToFileURL(report).href);
  assert.match(await app.browser.getTitle(), /evidence index/);
  assert.ok((await $("body").getText()).includes(FOLLOW_UP));
  await screenshot(app.browser, "report");
});
