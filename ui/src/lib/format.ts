import type { FileKind } from "./generated/FileKind";
import type { FileStatus } from "./generated/FileStatus";

const UNITS = ["KB", "MB", "GB", "TB"];

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});

/** `seconds` since the Unix epoch, as the Rust side sends modification times. */
export function formatDate(seconds: number): string {
  return dateFormat.format(seconds * 1000);
}

export function formatDateTime(seconds: number): string {
  return dateTimeFormat.format(seconds * 1000);
}

const numberFormat = new Intl.NumberFormat();
export const formatCount = (n: number) => numberFormat.format(n);

export function formatPercent(percent: number): string {
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

export const STATUS_LABEL: Record<FileStatus, string> = {
  ok: "Indexed",
  no_text_layer: "No text layer",
  encrypted: "Encrypted",
  unreadable: "Unreadable",
  timed_out: "Timed out",
  too_large: "Too large",
  missing: "Missing",
};

export const KIND_LABEL: Record<FileKind, string> = {
  pdf: "PDF",
  word: "Word document",
  spreadsheet: "Spreadsheet",
  slides: "Slides",
  image: "Image",
  diagram: "Diagram",
  text: "Text",
  other: "Other",
};

export function plural(n: number, one: string, many = one + "s"): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
