// Starts the real Dossier app under Xvfb, driven through tauri-driver and WebKitWebDriver,
// with its own database and its own copy of the sample evidence folder.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { remote } from "webdriverio";

const repo = resolve(import.meta.dirname, "../..");
export const appBinary = process.env.DOSSIER_APP ?? join(repo, "target/debug/dossier-app");

function waitForPort(port, child, name) {
  return (async () => {
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/status`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`${name} did not listen on ${port}`);
  })();
}

/** Launches Xvfb (unless a display exists), tauri-driver and one app session.
 * `prepare({ work, env })`, if given, runs before the app starts (to plant a store, say).
 * `bundledSample`: the app finds its own sample folder (through Tauri's resource dir, as an
 * installed app does) instead of being given a copy.
 * `answerDialog(path)` makes the app's next native dialogs choose `path` (null: cancel): a
 * seam of debug builds only (DOSSIER_E2E_DIALOG_ANSWERS), as tests cannot click through a
 * native dialog and the app accepts no path the user did not choose. */
export async function launch({ prepare, bundledSample = false } = {}) {
  if (!existsSync(appBinary)) {
    throw new Error(`the app is not built: ${appBinary} is missing (run scripts/test)`);
  }
  const work = mkdtempSync(join(tmpdir(), "dossier-e2e-"));
  const folder = join(work, "evidence");
  cpSync(join(repo, "assets/sample-evidence"), folder, { recursive: true });
  const env = {
    ...process.env,
    DOSSIER_DB: join(work, "data/dossier.sqlite"),
    DOSSIER_SAMPLE_FOLDER: folder,
    XDG_DATA_HOME: join(work, "xdg"),
    XDG_CONFIG_HOME: join(work, "xdg-config"),
    DOSSIER_E2E_DIALOG_ANSWERS: join(work, "dialog-answer"),
  };
  if (bundledSample) delete env.DOSSIER_SAMPLE_FOLDER;
  const answerDialog = (path) => writeFileSync(env.DOSSIER_E2E_DIALOG_ANSWERS, path ?? "");
  await prepare?.({ work, env });
  let xvfb = null;
  if (!process.env.DISPLAY) {
    const display = `:${90 + Math.floor(Math.random() * 9)}`;
    xvfb = spawn("Xvfb", [display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"], {
      stdio: "ignore",
    });
    env.DISPLAY = display;
    await sleep(500);
  }
  const port = 4444 + Math.floor(Math.random() * 500);
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1000)], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForPort(port, driver, "tauri-driver");
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    capabilities: {
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: appBinary },
    },
  });
  await browser.setWindowSize?.(1366, 768).catch(() => {});
  const close = async () => {
    await browser.deleteSession().catch(() => {});
    // SIGTERM, never SIGKILL: tauri-driver must stop WebKitWebDriver on its way out.
    driver.kill("SIGTERM");
    await new Promise((r) => (driver.exitCode !== null ? r() : driver.once("exit", r)));
    xvfb?.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  };
  return { browser, folder, env, work, answerDialog, close };
}

/** Invokes a command the way the UI does and returns `{ ok: true, value }` or
 * `{ ok: false, error }` (as JSON text in between: WebKitWebDriver does not pass a rejected
 * promise's object back). */
export async function invoke(browser, cmd, args = {}) {
  const json = await browser.execute(
    (cmd, args) =>
      window.__TAURI_INTERNALS__.invoke(cmd, args).then(
        (value) => JSON.stringify({ ok: true, value }),
        (error) => JSON.stringify({ ok: false, error }),
      ),
    cmd,
    args,
  );
  return JSON.parse(json);
}

/** Saves a PNG of the app window into docs/screenshots when SCREENSHOTS is set. */
export async function screenshot(browser, name) {
  if (!process.env.SCREENSHOTS) return;
  await browser.saveScreenshot(join(repo, "docs/screenshots", `${name}.png`));
}

export { execFileSync };
