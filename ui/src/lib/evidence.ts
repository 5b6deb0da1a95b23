// Where the window loads a previewed image or PDF from: the shell's `evidence:` protocol,
// which asks the core again at each request whether the file belongs to the folder open now
// (Tauri's asset protocol would serve any file of a folder once allowed, for the whole run).
import { convertFileSrc } from "@tauri-apps/api/core";

const PROTOCOL = "evidence";

/** The URL of a file the core previewed as an image or a PDF (`Preview.path`). */
export const evidenceUrl = (path: string) => convertFileSrc(path, PROTOCOL);

/**
 * What to say when the protocol refuses a file: its body is the refusal's code
 * (`not_evidence` for a link that leaves the folder, say).
 */
export function refusalMessage(status: number, code: string): string {
  const why = code.trim();
  switch (why) {
    case "not_evidence":
      return "Dossier does not show this file: it is not evidence of the open folder.";
    case "too_large":
      return "The file is too large to show here: open it in its own application.";
    default:
      return `Dossier could not read the file (${why || `HTTP ${status}`}).`;
  }
}
