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

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

/** The time of day of `seconds` since the Unix epoch, e.g. "14:05". */
export function formatTime(seconds: number): string {
  return timeFormat.format(seconds * 1000);
}

/** A duration in seconds as a clock: "4:05", "1:02:09"; negative durations read "0:00". */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
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
  reader_failed: "Reader failed",
  timed_out: "Timed out",
  too_large: "Too large",
  not_read: "Not read",
  outside_folder: "Outside the folder",
  online_only: "Not on this laptop",
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
