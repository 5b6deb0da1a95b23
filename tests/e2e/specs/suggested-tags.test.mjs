// Suggested tags in the real app: Dossier proposes the controls a file looks like evidence
// for and says why; the practice lead accepts one, rejects another (remembered across a
// reload), and walks the untagged files in bulk review by keyboard. Confidences move while
// the scoring is tuned, so only what is suggested is asserted, never a percentage.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, screenshot } from "../harness.mjs";

const SOW = "Delivery/Templates/SOW Template - Data and Analytics v3.2.docx";
const RUNBOOK = "Operations/Runbooks/acme-retail-data-platform-runbook.md";
const WAIT = { timeout: 20000, interval: 100 };

let app;
let $;

const row = (path) => $(`[data-testid="file-row"][data-path="${path}"]`);
const suggestions = (path) => $(`[data-testid="suggestions"][data-path="${path}"]`);
const suggested = (path, control) =>
  suggestions(path).$(`[data-testid="suggestion"][data-control="${control}"]`);
const review = () => $('[data-testid="review"]');

async function show(tab) {
  await $(`[data-testid="nav-${tab}"]`).click();
}

before(async () => {
  app = await launch();
  $ = (sel) => app.browser.$(sel);
  await $('[data-testid="open-sample"]').waitForDisplayed(WAIT);
  await $('[data-testid="open-sample"]').click();
  await row(SOW).waitForExist(WAIT);
});

after(async () => {
  await app?.close();
});

test("the inspector suggests PRJ-003 for the SOW template, and says why", async () => {
  await row(SOW).click();
  const prj003 = suggested(SOW, "PRJ-003");
  await prj003.waitForDisplayed(WAIT);
  assert.match(await prj003.$('[data-testid="suggestion-reason"]').getText(), /\w{3}/);
  assert.match(await prj003.getText(), /\d+%/, "the confidence shows as a percentage");
  assert.equal(
    await row(SOW).$('[data-testid="tag-chip"][data-tag="PRJ-003"]').isExisting(),
    false,
    "a suggestion is never applied on its own",
  );
  await screenshot(app.browser, "suggestions");
});

test("accepting it tags the file, and PRJ-003 turns covered", async () => {
  await suggested(SOW, "PRJ-003").$('[data-testid="suggestion-accept"]').click();
  await row(SOW).$('[data-testid="tag-chip"][data-tag="PRJ-003"]').waitForExist(WAIT);
  await suggested(SOW, "PRJ-003").waitForExist({ ...WAIT, reverse: true });

  await show("dashboard");
  await $('[data-testid="checklist-select"]').selectByAttribute("value", "data-analytics-7.1");
  const prj003 = $('[data-testid="control"][data-control="PRJ-003"]');
  await app.browser.waitUntil(async () => (await prj003.getAttribute("data-status")) === "covered", {
    ...WAIT,
    timeoutMsg: "PRJ-003 never turned covered",
  });
});

test("a rejected suggestion does not come back after a reload", async () => {
  await show("evidence");
  await row(RUNBOOK).click();
  const first = suggestions(RUNBOOK).$('[data-testid="suggestion"]');
  await first.waitForDisplayed(WAIT);
  const control = await first.getAttribute("data-control");
  await suggested(RUNBOOK, control).$('[data-testid="suggestion-reject"]').click();
  await suggested(RUNBOOK, control).waitForExist({ ...WAIT, reverse: true });

  await app.browser.refresh();
  await row(RUNBOOK).waitForExist(WAIT);
  await row(RUNBOOK).click();
  await suggestions(RUNBOOK).$('[data-testid="suggestion"]').waitForDisplayed(WAIT);
  assert.equal(await suggested(RUNBOOK, control).isExisting(), false, `${control} came back`);
});

test("bulk review: accept a suggestion by keyboard, then on to the next file", async () => {
  await $('[data-testid="review-open"]').click();
  await review().waitForDisplayed(WAIT);
  const path = await review().getAttribute("data-path");
  assert.match(await $('[data-testid="review-progress"]').getText(), /^1 of \d+/);
  const first = review().$('[data-testid="suggestion"]');
  const control = await first.getAttribute("data-control");

  await app.browser.keys("1");
  await app.browser.waitUntil(async () => (await first.getAttribute("data-state")) === "accepted", {
    ...WAIT,
    timeoutMsg: `${control} was never accepted`,
  });
  await review().$(`[data-testid="tag-chip"][data-tag="${control}"]`).waitForExist(WAIT);
  assert.match(await $('[data-testid="review-progress"]').getText(), /1 tagged/);
  await screenshot(app.browser, "review-suggestions");

  await app.browser.keys("j");
  await app.browser.waitUntil(async () => (await review().getAttribute("data-index")) === "1", {
    ...WAIT,
    timeoutMsg: "the review never moved to the next file",
  });
  assert.notEqual(await review().getAttribute("data-path"), path);
  assert.match(await $('[data-testid="review-progress"]').getText(), /^2 of \d+/);

  await app.browser.keys("Escape");
  await review().waitForExist({ ...WAIT, reverse: true });
  await row(path).$(`[data-testid="tag-chip"][data-tag="${control}"]`).waitForExist(WAIT);
});
