// The practice lead's first session, end to end, in the real app: open the sample folder,
// tag a file and watch the control turn from gap to covered, then change the folder from
// outside and see the app follow without a refresh.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, screenshot } from "../harness.mjs";

const SOW = "Delivery/Templates/SOW Template - Data and Analytics v3.2.docx";
const SOW_RENAMED = "Delivery/SOW Template (current).docx";
const WAIT = { timeout: 20000, interval: 100 };

let app;
let $;

const row = (path) => $(`[data-testid="file-row"][data-path="${path}"]`);
const control = (id) => $(`[data-testid="control"][data-control="${id}"]`);

async function show(tab) {
  await $(`[data-testid="nav-${tab}"]`).click();
}

before(async () => {
  app = await launch();
  $ = (sel) => app.browser.$(sel);
});

after(async () => {
  await app?.close();
});

test("first launch offers the sample folder and opens it", async () => {
  await $('[data-testid="first-launch"]').waitForDisplayed(WAIT);
  await screenshot(app.browser, "first-launch");
  await $('[data-testid="open-sample"]').click();
  await $('[data-testid="active-folder"]').waitForDisplayed(WAIT);
  await row(SOW).waitForExist(WAIT);
  const rows = await app.browser.$$('[data-testid="file-row"]');
  assert.ok(rows.length >= 15, `the sample folder's files are listed (${rows.length})`);
});

test("tagging a file turns its control from gap to covered", async () => {
  await show("dashboard");
  await $('[data-testid="checklist-select"]').selectByAttribute("value", "data-analytics-7.1");
  await control("PRJ-003").waitForExist(WAIT);
  assert.equal(await control("PRJ-003").getAttribute("data-status"), "gap");

  await show("evidence");
  await row(SOW).click();
  await app.browser.keys("t");
  const picker = await $('[data-testid="tag-picker-input"]');
  await picker.waitForDisplayed(WAIT);
  await picker.setValue("PRJ-003");
  await $('[data-testid="tag-picker-option"][data-control="PRJ-003"]').waitForDisplayed(WAIT);
  await app.browser.keys("Enter");
  await row(SOW).$('[data-testid="tag-chip"][data-tag="PRJ-003"]').waitForExist(WAIT);
  await screenshot(app.browser, "evidence");

  await show("dashboard");
  await app.browser.waitUntil(
    async () => (await control("PRJ-003").getAttribute("data-status")) === "covered",
    { ...WAIT, timeoutMsg: "PRJ-003 never turned covered" },
  );
  const percent = Number(await $('[data-testid="readiness"]').getAttribute("data-percent"));
  assert.ok(percent > 0, `readiness rose above 0 (${percent})`);
  await control("PRJ-003").click();
  await $('[data-testid="control-detail"]').waitForDisplayed(WAIT);
  await screenshot(app.browser, "dashboard");
});

test("a file created outside the app appears without a refresh", async () => {
  await show("evidence");
  writeFileSync(join(app.folder, "Operations/new-rca-2026-02.md"), "# RCA\nRoot cause: expired certificate.");
  await row("Operations/new-rca-2026-02.md").waitForExist(WAIT);
});

test("a renamed tagged file keeps its tags, a deleted one is reported missing", async () => {
  renameSync(join(app.folder, SOW), join(app.folder, SOW_RENAMED));
  await row(SOW_RENAMED).$('[data-testid="tag-chip"][data-tag="PRJ-003"]').waitForExist(WAIT);
  assert.equal(await row(SOW).isExisting(), false, "the old path is gone from the list");

  unlinkSync(join(app.folder, SOW_RENAMED));
  await app.browser.waitUntil(
    async () => (await row(SOW_RENAMED).getAttribute("data-status")) === "missing",
    { ...WAIT, timeoutMsg: "the deleted file was never reported missing" },
  );
  await show("dashboard");
  await app.browser.waitUntil(
    async () => (await control("PRJ-003").getAttribute("data-status")) === "gap",
    { ...WAIT, timeoutMsg: "missing evidence still counted" },
  );
});
