// The export formats as the export dialog offers them, and how an export's outcome reads.
import { formatSize, plural } from "./format";
import type { ExportFormat } from "./generated/ExportFormat";
import type { ExportProgress } from "./generated/ExportProgress";
import type { ExportSummary } from "./generated/ExportSummary";

export interface FormatChoice {
  format: ExportFormat;
  label: string;
  /** One line on what it holds and who it is for. */
  explain: string;
}

export const EXPORT_FORMATS: readonly FormatChoice[] = [
  {
    format: "xlsx",
    label: "Self-assessment spreadsheet (.xlsx)",
    explain: "Every control with its status, files, your notes and the session outcome.",
  },
  {
    format: "html",
    label: "Evidence index report (.html)",
    explain: "One page for the reviewer: each control's evidence and outcome, no private notes.",
  },
  {
    format: "pdf",
    label: "Evidence index report (.pdf)",
    explain: "The same report as a PDF, to attach or print.",
  },
  {
    format: "pack",
    label: "Evidence pack (folder)",
    explain: "A folder per control with verified copies of its files, and the report.",
  },
  {
    format: "zip",
    label: "Evidence pack (.zip)",
    explain: "The evidence pack as one ZIP file, ready to send.",
  },
];

/** Packs copy the evidence files: they report progress and can be cancelled. */
export function copiesFiles(format: ExportFormat): boolean {
  return format === "pack" || format === "zip";
}

/** Share of the bytes copied so far, 0–1. */
export function progressShare(progress: ExportProgress | null): number {
  if (!progress || progress.total <= 0) return 0;
  return Math.min(1, progress.done / progress.total);
}

/** "49 controls · 12 files · 3.4 MB"; files only for a pack, which copies them. */
export function summaryLine(summary: ExportSummary): string {
  const parts = [plural(summary.controls, "control")];
  if (copiesFiles(summary.format)) parts.push(plural(summary.files, "file"));
  parts.push(formatSize(summary.bytes));
  return parts.join(" · ");
}
