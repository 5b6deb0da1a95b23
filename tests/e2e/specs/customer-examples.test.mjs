// A reviewer asks for an architecture diagram for *each* of the four customer examples:
// set the examples up in the real app and watch DOC-001 go from 1 of 4 to 4 of 4.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, screenshot } from "../harness.mjs";

const WAIT = { timeout: 20000, interval: 100 };
const ACME = "Customers/Acme Retail";
const OTHERS = ["Globex", "Initech", "Umbrella"];
const diagram = (c) => `Customers/${c}/architecture.svg`;

let app;
let $;

const row = (path) => $(`[data-testid="file-row"][data-path="${path}"]`);
const doc001 = () => $('[data-testid="control"][data-control="DOC-001"]');

before(async () => {
  app = await launch();
  $ = (sel) => app.browser.$(sel);
  for (const c of OTHERS) {
    mkdirSync(join(app.folder, "Customers", c), { recursive: true });
    writeFileSync(join(app.folder, diagram(c)), `<svg><text>${c} VPC</text></svg>`);
  }
  await $('[data-testid="open-sample"]').waitForDisplayed(WAIT);
  await $('[data-testid="open-sample"]').click();
  await row(diagram("Umbrella")).waitForExist(WAIT);
});

after(async () => {
  await app?.close();
});

async function addExample(name, folder) {
  await $('[data-testid="example-add"]').click();
  await $('[data-testid="example-name"]').setValue(name);
  await $('[data-testid="example-customer"]').setValue(`${name} Inc`);
  await $('[data-testid="example-folder"]').selectByAttribute("value", folder);
  await $('[data-testid="example-save"]').click();
  await $(`[data-testid="example-row"][data-name="${name}"]`).waitForExist(WAIT);
}

async function tagDoc001(path) {
  await $('[data-testid="nav-evidence"]').click();
  await row(path).click();
  await app.browser.keys("t");
  const picker = await $('[data-testid="tag-picker-input"]');
  await picker.waitForDisplayed(WAIT);
  await picker.setValue("DOC-001");
  await $('[data-testid="tag-picker-option"][data-control="DOC-001"]').waitForDisplayed(WAIT);
  await app.browser.keys("Enter");
  await row(path).$('[data-testid="tag-chip"][data-tag="DOC-001"]').waitForExist(WAIT);
}

async function examplesShown() {
  await $('[data-testid="nav-dashboard"]').click();
  await doc001().waitForExist(WAIT);
  return doc001().getAttribute("data-examples");
}

test("four customer examples set up in the app", async () => {
  await $('[data-testid="examples-button"]').click();
  await $('[data-testid="examples-dialog"]').waitForDisplayed(WAIT);
  await addExample("Acme Retail", ACME);
  for (const c of OTHERS) await addExample(c, `Customers/${c}`);
  await screenshot(app.browser, "customer-examples");
  await app.browser.keys("Escape");
});

test("DOC-001 needs a diagram for each example: 1 of 4, then 4 of 4", async () => {
  await tagDoc001(`${ACME}/acme-retail-analytics-architecture.svg`);
  await app.browser.waitUntil(async () => (await examplesShown()) === "1/4", {
    ...WAIT,
    timeoutMsg: "DOC-001 never showed 1 of 4",
  });
  assert.equal(await doc001().getAttribute("data-status"), "partial");

  for (const c of OTHERS) await tagDoc001(diagram(c));
  await app.browser.waitUntil(async () => (await examplesShown()) === "4/4", {
    ...WAIT,
    timeoutMsg: "DOC-001 never showed 4 of 4",
  });
  assert.equal(await doc001().getAttribute("data-status"), "covered");
  const matrix = $('[data-testid="example-matrix-toggle"]');
  await matrix.click();
  await screenshot(app.browser, "example-matrix");
  await matrix.click();
});
