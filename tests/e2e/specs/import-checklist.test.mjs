// Importing checklists in the real app: a new checklist from a file path, checked before it
// is saved; a new version of a built-in checklist pasted as text, with the differences and
// how the tags carry over, and the dashboard keeping the evidence of a control it dropped;
// text without controls refused with nothing saved; an imported checklist removed again.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { launch, screenshot } from "../harness.mjs";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/checklists");
const SECURITY = resolve(FIXTURES, "security-2026-02.txt");
const GENAI_NEXT = resolve(FIXTURES, "generative-ai-2026-02.txt");
const SALES = "Practice/sales-engagement-process.md";
const WAIT = { timeout: 20000, interval: 100 };

let app;
let $;
let $$;

const row = (path) => $(`[data-testid="file-row"][data-path="${path}"]`);
const control = (id) => $(`[data-testid="control"][data-control="${id}"]`);
const dialog = () => $('[data-testid="import-dialog"]');
const preview = () => $('[data-testid="import-preview"]');
const select = () => $('[data-testid="checklist-select"]');
const diffEntry = (kind, id) =>
  $(`[data-testid="diff-group"][data-kind="${kind}"] [data-testid="diff-entry"][data-control="${id}"]`);

/** The text as laid out, including text cut short by an ellipsis (which getText leaves out). */
const rendered = (selector) => $(selector).getProperty("innerText");

async function show(tab) {
  await $(`[data-testid="nav-${tab}"]`).click();
}

/** `read` of each element `selector` finds, in order. */
async function each(selector, read) {
  const out = [];
  for (const el of await $$(selector)) out.push(await read(el));
  return out;
}

const options = () => each('[data-testid="checklist-select"] option', (o) => o.getAttribute("value"));

/** Opens the import dialog from the dashboard's checklist selector, or from the toolbar. */
async function openDialog(mode, from = "dashboard") {
  if (from === "dashboard") {
    await show("dashboard");
    await $('[data-testid="import-open"]').click();
  } else {
    await $('[data-testid="toolbar-import"]').click();
  }
  await dialog().waitForDisplayed(WAIT);
  await $(`[data-testid="import-mode-${mode}"]`).click();
}

/** Puts text into the paste box the way a paste does: the value at once, then one input event. */
async function paste(text) {
  const box = await $('[data-testid="import-text"]');
  await box.waitForDisplayed(WAIT);
  await app.browser.execute(
    (el, value) => {
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    box,
    text,
  );
}

/** Scrolls an element into view within whatever scrolls it (the dialog body, the dashboard),
 * and waits until that is painted. */
async function reveal(selector, block) {
  await app.browser.execute(
    (el, block) => {
      el.scrollIntoView({ block });
      return new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));
    },
    await $(selector),
    block,
  );
}

/** Clears the toasts of earlier steps off a screenshot (behind a dialog too). */
async function dismissToasts() {
  await app.browser.execute(() =>
    document.querySelectorAll('.toasts [aria-label="Dismiss"]').forEach((b) => b.click()),
  );
  await $(".toasts .toast").waitForExist({ ...WAIT, reverse: true });
}

async function shows(id) {
  await app.browser.waitUntil(async () => (await select().getValue()) === id, {
    ...WAIT,
    timeoutMsg: `the dashboard never showed ${id}`,
  });
}

before(async () => {
  app = await launch();
  $ = (sel) => app.browser.$(sel);
  $$ = (sel) => app.browser.$$(sel);
  await $('[data-testid="open-sample"]').waitForDisplayed(WAIT);
  await $('[data-testid="open-sample"]').click();
  await row(SALES).waitForExist(WAIT);
});

after(async () => {
  await app?.close();
});

test("a checklist file is checked before import: its sections, counts and controls without evidence", async () => {
  await openDialog("file");
  app.answerDialog(SECURITY);
  await $('[data-testid="import-choose"]').click();
  await preview().waitForDisplayed(WAIT);

  assert.equal(await $('[data-testid="import-outcome"]').getText(), "New checklist");
  assert.match(await $('[data-testid="import-name"]').getText(), /AWS Security Competency/);
  assert.equal(await $('[data-testid="import-id"]').getText(), "security-2026-02");
  assert.equal(await $('[data-testid="import-controls"]').getText(), "24");
  const sections = await each('[data-testid="import-section"]', async (r) => [
    await r.getAttribute("data-title"),
    Number(await r.getAttribute("data-controls")),
    (await r.getText()).includes(await r.getAttribute("data-title")),
  ]);
  assert.deepEqual(sections, [
    ["Common AWS Partner Practice Requirements", 6, true],
    ["Security Practice Requirements", 9, true],
    ["Common Customer Example Requirements", 4, true],
    ["Security Customer Example Requirements", 5, true],
  ]);
  assert.match(await $('[data-testid="import-no-evidence"]').getText(), /IR-002\s+Automated Containment and Forensics/);
  assert.ok(!(await options()).includes("security-2026-02"), "a preview saves nothing");
});

test("importing it shows its dashboard, marked as imported", async () => {
  await $('[data-testid="import-run"]').click();
  await dialog().waitForExist({ ...WAIT, reverse: true });
  await shows("security-2026-02");
  const option = $('[data-testid="checklist-select"] option[value="security-2026-02"]');
  assert.ok(await option.isSelected());
  assert.match(await option.getText(), /^Security February 2026 · imported$/);
  assert.match(await rendered('[data-testid="checklist-imported"]'), /imported from security-2026-02\.txt/);
  assert.match(await rendered(".which .pub"), /AWS Security Competency · published February 2026-August 2026/);
  await control("SECPR-001").waitForExist(WAIT);
  assert.ok(await control("IR-002").isExisting());
  const titles = await each(".section h2", (h) => h.getText());
  assert.deepEqual(titles, [
    "Common AWS Partner Practice Requirements",
    "Security Practice Requirements",
    "Common Customer Example Requirements",
    "Security Customer Example Requirements",
  ]);
});

test("a new version pasted as text shows what changed and how the tags carry over", async () => {
  await show("evidence");
  await row(SALES).click();
  await app.browser.keys("t");
  await $('[data-testid="tag-picker-input"]').waitForDisplayed(WAIT);
  await $('[data-testid="tag-picker-input"]').setValue("PS-004");
  await $('[data-testid="tag-picker-option"][data-control="PS-004"]').waitForDisplayed(WAIT);
  await app.browser.keys("Enter");
  await row(SALES).$('[data-testid="tag-chip"][data-tag="PS-004"]').waitForExist(WAIT);

  await openDialog("text");
  await paste(readFileSync(GENAI_NEXT, "utf8"));
  await $('[data-testid="import-check"]').click();
  await preview().waitForDisplayed(WAIT);

  assert.equal(await $('[data-testid="import-outcome"]').getText(), "New version of generative-ai-2025-08");
  assert.match(await diffEntry("added", "GENAIPR-007").getText(), /Model Evaluation and Monitoring/);
  assert.match(await diffEntry("removed", "PS-004").getText(), /Customer Opportunity Registered Details/);
  assert.match(
    await diffEntry("retitled", "CO-002").getText(),
    /Continuous Improvement and Feedback Loops\s+was “Continuous Improvement”/,
  );
  const ope = await diffEntry("evidence", "OPE-002").getText();
  assert.match(ope, /Standardized documents or runbook met the criteria defined above\./);
  assert.match(ope, /Runbook entries for the generative AI components/);
  assert.ok(await diffEntry("requirement", "PRJ-001").isExisting());
  assert.match(
    await $('[data-testid="import-tags"]').getText(),
    /1 tag is on a removed control and stays visible under “No longer in this version”/,
  );
  await dismissToasts();
  await reveal('[data-testid="import-preview"]', "start");
  await screenshot(app.browser, "import-checklist");
});

test("its dashboard keeps the dropped control's evidence under “No longer in this version”", async () => {
  await $('[data-testid="import-run"]').click();
  await dialog().waitForExist({ ...WAIT, reverse: true });
  await shows("generative-ai-2026-02");
  await control("GENAIPR-007").waitForExist(WAIT);
  assert.equal(await control("PS-004").isExisting(), false, "a dropped control is not counted");
  const retired = $('[data-testid="retired"] [data-testid="retired-control"][data-control="PS-004"]');
  await retired.waitForExist(WAIT);
  assert.match(await $('[data-testid="retired"]').getText(), /^No longer in this version/);
  const text = await retired.getProperty("innerText");
  assert.match(text, /Customer Opportunity Registered Details/);
  assert.match(text, /in August 2025/);
  assert.match(text, /sales-engagement-process\.md/);
  await dismissToasts();
  await reveal('[data-testid="retired"]', "end");
  await screenshot(app.browser, "retired-controls");
});

test("text without controls is refused with a clear message, and nothing is saved", async () => {
  const before = await options();
  await show("evidence");
  await openDialog("text", "toolbar");
  await paste("just some notes\nno controls here");
  await $('[data-testid="import-check"]').click();
  const error = $('[data-testid="import-error"]');
  await error.waitForDisplayed(WAIT);
  assert.equal(await error.getAttribute("data-code"), "no_controls");
  assert.match(await error.getText(), /control/i);
  assert.equal(await preview().isExisting(), false);
  assert.equal(await $('[data-testid="import-run"]').isExisting(), false, "nothing to import");
  await app.browser.keys("Escape");
  await dialog().waitForExist({ ...WAIT, reverse: true });
  await show("dashboard");
  assert.deepEqual(await options(), before);
});

test("an imported checklist can be removed; the built-in ones cannot", async () => {
  await select().selectByAttribute("value", "data-analytics-7.1");
  await shows("data-analytics-7.1");
  assert.equal(await $('[data-testid="checklist-remove"]').isExisting(), false);

  await select().selectByAttribute("value", "security-2026-02");
  await shows("security-2026-02");
  await $('[data-testid="checklist-remove"]').click();
  await $('[data-testid="checklist-remove-confirm"]').click();
  await app.browser.waitUntil(async () => !(await options()).includes("security-2026-02"), {
    ...WAIT,
    timeoutMsg: "the removed checklist is still listed",
  });
  await app.browser.waitUntil(async () => /Your tags are kept/.test(await rendered(".toasts")), {
    ...WAIT,
    timeoutMsg: "no word that the tags are kept",
  });
  assert.notEqual(await select().getValue(), "security-2026-02");
  assert.ok((await options()).includes("generative-ai-2026-02"), "the other import stays");
});

test("a markdown copy of a checklist page is read as the checklist, with what its evidence wording says", async () => {
  await openDialog("file");
  app.answerDialog(resolve(FIXTURES, "security-2026-02.md"));
  await $('[data-testid="import-choose"]').click();
  await preview().waitForDisplayed(WAIT);
  assert.equal(await $('[data-testid="import-outcome"]').getText(), "New checklist");
  assert.match(await $('[data-testid="import-source"]').getText(), /security-2026-02\.md · Markdown copy/);
  assert.match(await $('[data-testid="import-name"]').getText(), /AWS Security Competency/);
  assert.equal(await $('[data-testid="import-controls"]').getText(), "24");
  assert.match(await $('[data-testid="import-attestable"]').getText(), /POV-001#1/);
  assert.match(await $('[data-testid="import-windows"]').getText(), /POV-002#1: 12 months/);
  assert.equal(await $('[data-testid="import-unplaced"]').isExisting(), false, "every control placed");
  await dismissToasts();
  await reveal('[data-testid="import-item-facts"]', "center");
  await screenshot(app.browser, "import-markdown");
  await app.browser.keys("Escape");
  await dialog().waitForExist({ ...WAIT, reverse: true });
});

test("text copied from the browser, site header first, is pasted and imported", async () => {
  await openDialog("text");
  await paste(readFileSync(resolve(FIXTURES, "security-2026-02.browser.txt"), "utf8"));
  await $('[data-testid="import-check"]').click();
  await preview().waitForDisplayed(WAIT);
  assert.match(await $('[data-testid="import-name"]').getText(), /AWS Security Competency/);
  assert.equal(await $('[data-testid="import-id"]').getText(), "security-2026-02");
  assert.match(await $('[data-testid="import-totals"]').getText(), /9 prerequisites/);
  assert.equal(await $('[data-testid="import-controls"]').getText(), "24");
  await $('[data-testid="import-run"]').click();
  await dialog().waitForExist({ ...WAIT, reverse: true });
  await shows("security-2026-02");
  await control("IR-002").waitForExist(WAIT);
});
