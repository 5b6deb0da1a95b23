// The About view: reached from the toolbar, it shows this build's version and date and the
// licences, and Esc closes it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, screenshot } from "../harness.mjs";

const WAIT = { timeout: 20000, interval: 100 };
const config = JSON.parse(
  readFileSync(new URL("../../../src-tauri/tauri.conf.json", import.meta.url), "utf8"),
);

let app;
let $;

before(async () => {
  app = await launch();
  $ = (sel) => app.browser.$(sel);
  await $('[data-testid="open-sample"]').waitForDisplayed(WAIT);
  await $('[data-testid="open-sample"]').click();
  await $('[data-testid="active-folder"]').waitForDisplayed(WAIT);
});

after(async () => {
  await app?.close();
});

test("About shows the version, the build date and the licences", async () => {
  await $('[data-testid="about-button"]').click();
  const version = await $('[data-testid="about-version"]');
  await version.waitForDisplayed(WAIT);
  assert.equal(await version.getText(), config.version);
  assert.match(await $('[data-testid="about-build-date"]').getText(), /^\d{4}-\d{2}-\d{2}$/);
  const components = await $('[data-testid="about-components"]').getText();
  for (const name of ["Tauri", "SQLite", "pdf-extract", "Svelte", "pdf.js", "Noto Sans"]) {
    assert.ok(components.includes(name), `${name} is listed: ${components}`);
  }
});

test("Esc closes the About view", async () => {
  await screenshot(app.browser, "about");
  await app.browser.keys("Escape");
  await app.browser.waitUntil(async () => !(await $('[data-testid="about-dialog"]').isExisting()), {
    ...WAIT,
    timeoutMsg: "the About view stayed open",
  });
});
