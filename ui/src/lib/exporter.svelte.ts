// The export dialog's state: a format, a destination folder the user picks, and one export
// at a time with its progress. The core names the file and never overwrites anything.
import * as api from "./api";
import type { ExportFormat, ExportProgress, ExportSummary, IpcError } from "./api";
import { app } from "./app.svelte";

class ExportState {
  open = $state(false);
  format = $state<ExportFormat>("html");
  /**
   * Absolute path of the destination folder: the documents folder until the user picks one in
   * the native dialog (the shell accepts no other).
   */
  folder = $state("");
  running = $state(false);
  cancelling = $state(false);
  progress = $state.raw<ExportProgress | null>(null);
  result = $state.raw<ExportSummary | null>(null);
  error = $state.raw<IpcError | null>(null);

  /** Opens the dialog, with the folder of the last export or else the documents folder. */
  async show(): Promise<void> {
    this.open = true;
    this.result = null;
    this.error = null;
    if (this.folder) return;
    try {
      const folder = await api.defaultExportFolder();
      if (!this.folder) this.folder = folder;
    } catch (e) {
      this.error = e as IpcError;
    }
  }

  /** Closes the dialog; an export still copying is cancelled. */
  close(): void {
    if (this.running) void this.cancel();
    this.open = false;
  }

  async choose(): Promise<void> {
    try {
      const folder = await api.chooseExportFolder();
      if (folder) this.folder = folder;
    } catch (e) {
      this.error = e as IpcError;
    }
  }

  async run(checklist: string): Promise<void> {
    const folder = this.folder.trim();
    if (this.running || !folder) return;
    this.running = true;
    this.cancelling = false;
    this.progress = null;
    this.result = null;
    this.error = null;
    let unlisten: (() => void) | null = null;
    try {
      unlisten = await api.onExportProgress((p) => (this.progress = p));
      this.result = await api.exportChecklist(checklist, this.format, folder);
    } catch (e) {
      this.error = e as IpcError;
    } finally {
      unlisten?.();
      this.running = false;
      this.cancelling = false;
      this.progress = null;
    }
  }

  async cancel(): Promise<void> {
    this.cancelling = true;
    try {
      await api.cancelExport();
    } catch (e) {
      app.notifyError(e as IpcError);
    }
  }

  async reveal(): Promise<void> {
    if (!this.result) return;
    try {
      await api.revealExport(this.result.path);
    } catch (e) {
      app.notifyError(e as IpcError);
    }
  }
}

export const exporter = new ExportState();
