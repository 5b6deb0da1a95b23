// What the window says about files Dossier does not read and about a store it cannot open,
// in the real app: a link that leaves the evidence folder is listed as "Outside the folder"
// and never previewed, opened or tagged; a format without a reader is "Not read"; each has a
// filter; a link to a file of the folder says where it points; previews load through the
// `evidence:` protocol; typed paths are gone from the dialogs; and an empty (damaged) store
// fills the window with its error until it is moved aside.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { launch, screenshot } from "../harness.mjs";

const WAIT = { timeout: 20000, interval: 100 };
const OUTSIDE = "Links/aws-credentials";
const INSIDE = "Links/Current SOW.docx";
const SOW = "Delivery/Templates/SOW Template - Data and Analytics v3.2.docx";
const DOC = "Delivery/Legacy network 2019.vsd";
const RUNBOOK = "Operations/Runbooks/acme-retail-data-platform-runbook.md";
const PDF = "Operations/RCA/RCA-2025-017 Acme Retail nightly ETL outage.pdf";

describe("a folder with links and a format without a reader", () => {
  let app;
  let $;
  const row = (path) => $(`[data-testid="file-row"][data-path="${path}"]`);
  const listed = async () => {
    const paths = [];
    for (const r of await app.browser.$$('[data-testid="file-row"]')) paths.push(await r.getAttribute("data-path"));
    return paths;
  };
  // WebKitWebDriver reads no text from the list's truncated cells: take their text content.
  const status = async (path) => (await row(path).$('[data-testid="file-status"]').getProperty("textContent")).trim();
  const filter = async (quick) => {
    await $(`[data-testid="quick-${quick}"]`).click();
    await app.browser.waitUntil(
      async () => (await $(`[data-testid="quick-${quick}"]`).getAttribute("aria-pressed")) === "true",
      WAIT,
    );
  };

  before(async () => {
    app = await launch({
      prepare: ({ work, env }) => {
        const folder = env.DOSSIER_SAMPLE_FOLDER;
        const secret = join(work, "private/credentials");
        mkdirSync(dirname(secret), { recursive: true });
        writeFileSync(secret, "[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG\n");
        mkdirSync(join(folder, "Links"));
        symlinkSync(secret, join(folder, OUTSIDE));
        symlinkSync(join("..", SOW), join(folder, INSIDE));
        writeFileSync(join(folder, DOC), randomBytes(8192));
      },
    });
    $ = (sel) => app.browser.$(sel);
    await $('[data-testid="open-sample"]').waitForDisplayed(WAIT);
    await $('[data-testid="open-sample"]').click();
    await app.browser.waitUntil(
      async () => (await row(DOC).isExisting()) && (await row(DOC).getAttribute("data-status")) === "not_read",
      { ...WAIT, timeoutMsg: "the .vsd was never listed as not read" },
    );
  });

  after(async () => {
    await app?.close();
  });

  test("the list shows 'Outside the folder', 'Not read' and where a link of the folder points", async () => {
    await row(OUTSIDE).waitForExist(WAIT);
    assert.equal(await row(OUTSIDE).getAttribute("data-status"), "outside_folder");
    assert.equal(await status(OUTSIDE), "Outside the folder");
    assert.equal(await status(DOC), "Not read");
    assert.match(
      await row(DOC).$('[data-testid="file-status"]').getAttribute("title"),
      /does not read text from this format; tag it by hand/,
    );
    assert.equal(await row(INSIDE).getAttribute("data-status"), "ok");
    assert.equal(await status(INSIDE), "Link to SOW Template - Data and Analytics v3.2.docx");
  });

  test("filters find the files not read and the links that leave the folder", async () => {
    await filter("not_read");
    assert.deepEqual(await listed(), [DOC]);
    await filter("outside");
    assert.deepEqual(await listed(), [OUTSIDE]);
    await filter("unreadable");
    const problems = await listed();
    assert.ok(problems.includes(OUTSIDE), `a link that leaves the folder is a problem: ${problems}`);
    assert.ok(!problems.includes(DOC), `a format without a reader is not: ${problems}`);
    await filter("all");
  });

  test("a link that leaves the folder offers no preview, open or tag, and says why", async () => {
    await row(OUTSIDE).click();
    const note = await $('[data-testid="outside-note"]');
    await note.waitForDisplayed(WAIT);
    assert.match(await note.getText(), /outside the evidence folder/);
    const inspector = await $('aside[aria-label="Selected files"]');
    const texts = [];
    for (const b of await inspector.$$("button")) texts.push((await b.getProperty("textContent")).trim());
    for (const label of ["Preview", "Open", "Show in folder", "Add tag"]) {
      assert.ok(!texts.some((t) => t.startsWith(label)), `no ${label} button: ${texts}`);
    }
    await screenshot(app.browser, "statuses");

    await row(OUTSIDE).doubleClick();
    await app.browser.keys("t");
    await app.browser.pause(500); // nothing may open: give a wrong panel the time to show
    assert.equal(await $('[data-testid="preview"]').isExisting(), false, "no preview");
    assert.equal(await $('[data-testid="tag-picker-input"]').isExisting(), false, "no tag picker");

    // Should a caller ask anyway, the core refuses with a code.
    const opened = await app.browser.execute(
      (path) =>
        window.__TAURI_INTERNALS__.invoke("open_file", { path }).then(
          () => "opened",
          (e) => e.code,
        ),
      OUTSIDE,
    );
    assert.equal(opened, "not_evidence");
  });

  test("a link to a file of the folder jumps to that file", async () => {
    await row(INSIDE).click();
    const target = await $('[data-testid="link-target"]');
    await target.waitForDisplayed(WAIT);
    assert.equal((await target.getProperty("textContent")).trim(), `Link to ${SOW}`);
    await target.click();
    await app.browser.waitUntil(async () => (await row(SOW).getAttribute("aria-selected")) === "true", {
      ...WAIT,
      timeoutMsg: "the link's target was never selected",
    });
  });

  test("the not-read file needs a look: Dossier cannot read its text", async () => {
    await row(DOC).click();
    const look = await $('[data-testid="needs-a-look"]');
    await look.waitForDisplayed(WAIT);
    assert.match(await look.getText(), /Dossier cannot read this file's text: tag it by hand/);
  });

  test("a PDF previews through the evidence protocol", async () => {
    await row(PDF).doubleClick();
    await $('[data-testid="preview"] canvas').waitForExist({ ...WAIT, timeoutMsg: "no page was drawn" });
    await app.browser.keys("Escape");
    await $('[data-testid="preview"]').waitForExist({ ...WAIT, reverse: true });
    await row(RUNBOOK).click();
  });

  test("the import dialog's path is chosen, never typed", async () => {
    await $('[data-testid="nav-dashboard"]').click();
    await $('[data-testid="import-open"]').click();
    await $('[data-testid="import-mode-file"]').click();
    const field = await $('[data-testid="import-path"]');
    await field.waitForDisplayed(WAIT);
    assert.notEqual(await field.getAttribute("readonly"), null, "the path field is read-only");
    await app.browser.keys("Escape");
    await $('[data-testid="nav-evidence"]').click();
  });
});

describe("a damaged store", () => {
  let app;
  let $;

  before(async () => {
    app = await launch({
      prepare: ({ env }) => {
        mkdirSync(dirname(env.DOSSIER_DB), { recursive: true });
        writeFileSync(env.DOSSIER_DB, "");
      },
    });
    $ = (sel) => app.browser.$(sel);
  });

  after(async () => {
    await app?.close();
  });

  test("fills the window with its error and offers to move it aside", async () => {
    const screen = await $('[data-testid="store-error"]');
    await screen.waitForDisplayed(WAIT);
    assert.equal(await screen.getAttribute("data-code"), "store_damaged");
    assert.match(await screen.getText(), /damaged/);
    assert.equal(await $('[data-testid="first-launch"]').isExisting(), false);
    await screenshot(app.browser, "damaged-store");
  });

  test("moving it aside leads to first launch, which says where the old store was kept", async () => {
    await $('[data-testid="move-store-aside"]').click();
    await $('[data-testid="first-launch"]').waitForDisplayed(WAIT);
    const moved = await $('[data-testid="store-moved"]').getText();
    assert.match(moved, /Your old store was kept at .*dossier/);
    assert.equal(await $('[data-testid="store-error"]').isExisting(), false);
    await $('[data-testid="open-sample"]').click();
    await $('[data-testid="file-row"]').waitForExist(WAIT);
  });
});
