// The app started with no folder and no sample path finds its bundled sample folder through
// Tauri's resource dir, as an installed package must: it opens it, a tag turns a control
// covered. scripts/test-installed runs this against the installed app with
// DOSSIER_EXPECT_SAMPLE_UNDER set to where the package puts its resources.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { invoke, launch } from "../harness.mjs";

const SOW = "Delivery/Templates/SOW Template - Data and Analytics v3.2.docx";
const WAIT = { timeout: 20000, interval: 100 };

let app;
let $;

const row = (path) => $(`[data-testid="file-row"][data-path="${path}"]`);
const control = (id) => $(`[data-testid="control"][data-control="${id}"]`);

before(async () => {
  app = await launch({ bundledSample: true });
  $ = (sel) => app.browser.$(sel);
});

after(async () => {
  await app?.close();
});

test("the sample folder comes from the app's own resources", async () => {
  await $('[data-testid="first-launch"]').waitForDisplayed(WAIT);
  const state = await invoke(app.browser, "shell_state");
  assert.ok(state.ok, JSON.stringify(state));
  const expected = process.env.DOSSIER_EXPECT_SAMPLE_UNDER;
  if (expected) {
    assert.ok(
      state.value.sample_folder.startsWith(`${expected}/`),
      `the sample folder ${state.value.sample_folder} is not under ${expected}`,
    );
  }
  await $('[data-testid="open-sample"]').click();
  await $('[data-testid="active-folder"]').waitForDisplayed(WAIT);
  await row(SOW).waitForExist(WAIT);
});

test("tagging a file of the bundled sample turns its control covered", async () => {
  await $('[data-testid="nav-dashboard"]').click();
  await $('[data-testid="checklist-select"]').selectByAttribute("value", "data-analytics-7.1");
  await control("PRJ-003").waitForExist(WAIT);
  assert.equal(await control("PRJ-003").getAttribute("data-status"), "gap");

  await $('[data-testid="nav-evidence"]').click();
  await row(SOW).click();
  await app.browser.keys("t");
  const picker = await $('[data-testid="tag-picker-input"]');
  await picker.waitForDisplayed(WAIT);
  await picker.setValue("PRJ-003");
  await $('[data-testid="tag-picker-option"][data-control="PRJ-003"]').waitForDisplayed(WAIT);
  await app.browser.keys("Enter");
  await row(SOW).$('[data-testid="tag-chip"][data-tag="PRJ-003"]').waitForExist(WAIT);

  await $('[data-testid="nav-dashboard"]').click();
  await app.browser.waitUntil(
    async () => (await control("PRJ-003").getAttribute("data-status")) === "covered",
    { ...WAIT, timeoutMsg: "PRJ-003 never turned covered" },
  );
});
