// The import dialog's state: a file path or pasted text, the core's preview of what it
// holds, then the import itself. Nothing is saved before the user presses Import, and only
// what was previewed is imported: any edit to the input drops the preview.
import * as api from "./api";
import type { ImportPreview, IpcError } from "./api";
import { app } from "./app.svelte";
import { canImport, importSource, nothingToCheck, type ImportMode } from "./imports";

class ImportState {
  open = $state(false);
  mode = $state<ImportMode>("file");
  /** Absolute path of the checklist file chosen in the native dialog (none other is accepted). */
  path = $state("");
  text = $state("");
  checking = $state(false);
  importing = $state(false);
  preview = $state.raw<ImportPreview | null>(null);
  error = $state.raw<IpcError | null>(null);
  #seq = 0;

  busy = $derived(this.checking || this.importing);
  ready = $derived(this.preview !== null && canImport(this.preview) && !this.busy);

  /** Opens the dialog on the input of last time, unchecked. */
  show(): void {
    this.open = true;
    this.edited();
  }

  close(): void {
    this.#seq++;
    this.open = false;
    this.checking = false;
  }

  setMode(mode: ImportMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.edited();
  }

  /** The input changed: a preview or error of the old input no longer applies. */
  edited(): void {
    this.#seq++;
    this.checking = false;
    this.preview = null;
    this.error = null;
  }

  /** The native file dialog; a chosen file is checked at once. */
  async choose(): Promise<void> {
    try {
      const path = await api.chooseChecklistFile();
      if (!path) return;
      this.mode = "file";
      this.path = path;
      this.edited();
      await this.check();
    } catch (e) {
      this.error = e as IpcError;
    }
  }

  /** Asks the core what importing the input would do; saves nothing. */
  async check(): Promise<void> {
    if (this.importing) return;
    const source = importSource(this.mode, this.path, this.text);
    this.edited();
    if (!source) {
      this.error = { code: "invalid_input", message: nothingToCheck(this.mode) };
      return;
    }
    const seq = this.#seq;
    this.checking = true;
    try {
      const preview = await api.previewImport(source);
      if (seq === this.#seq) this.preview = preview;
    } catch (e) {
      if (seq === this.#seq) this.error = e as IpcError;
    } finally {
      if (seq === this.#seq) this.checking = false;
    }
  }

  /** Imports what was previewed, then shows its dashboard and closes. */
  async run(): Promise<void> {
    const source = importSource(this.mode, this.path, this.text);
    if (!this.ready || !source) return;
    this.importing = true;
    this.error = null;
    try {
      const done = await api.importChecklist(source);
      this.open = false;
      this.preview = null;
      await app.showImported(done);
    } catch (e) {
      this.error = e as IpcError;
    } finally {
      this.importing = false;
    }
  }
}

export const importer = new ImportState();
