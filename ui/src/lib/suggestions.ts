// Suggested tags as the core proposes them: which files have them, the order bulk review
// walks them in, how they read, what the review keys do. Confidences and reasons are the
// core's answer, shown as they are; nothing here scores a file.
import type { FileEntry } from "./generated/FileEntry";
import type { FileSuggestions } from "./generated/FileSuggestions";
import type { Suggestion } from "./generated/Suggestion";
import { baseName, collator } from "./paths";
import { hasControl } from "./tags";

/** Mirrors dossier_core::suggest::STRONG: a suggestion this confident or more is strong. */
export const STRONG = 0.8;

export type SuggestionMap = ReadonlyMap<string, FileSuggestions>;

export const isStrong = (confidence: number) => confidence >= STRONG;

/** A confidence (0–1) as a whole percentage: "96%". */
export const formatConfidence = (confidence: number) => `${Math.round(confidence * 100)}%`;

export function suggestionMap(list: readonly FileSuggestions[]): Map<string, FileSuggestions> {
  return new Map(list.map((s) => [s.path, s]));
}

/** A file's strong suggestions, best first. */
export function strongOf(entry: FileSuggestions | undefined): Suggestion[] {
  return entry?.suggestions.filter((s) => isStrong(s.confidence)) ?? [];
}

/** Files with at least one strong suggestion: the ones the list marks, and its filter keeps. */
export function strongPaths(map: SuggestionMap): Set<string> {
  return new Set([...map.values()].filter((e) => strongOf(e).length > 0).map((e) => e.path));
}

/**
 * Why a file with `needs_a_look` gets no suggestions: a format Dossier has no reader for, or
 * an image or a scan with no text.
 */
export function lookReason(file: FileEntry | undefined): string {
  return file?.status === "not_read"
    ? "Dossier cannot read this file's text: tag it by hand."
    : "An image or a scan: there is no text to suggest from. Preview it and tag it by hand.";
}

/** "PRJ-003 (96%), CSN-001 (82%)": a file's strong suggestions in a tooltip. */
export function describeStrong(entry: FileSuggestions | undefined): string {
  return strongOf(entry)
    .map((s) => `${s.control} (${formatConfidence(s.confidence)})`)
    .join(", ");
}

/**
 * A copy with one file's suggestions of `controls` left out: an accepted or rejected
 * suggestion goes at once, before the core's next answer confirms it.
 */
export function withoutSuggestions(
  map: SuggestionMap,
  path: string,
  controls: readonly string[],
): Map<string, FileSuggestions> {
  const copy = new Map(map);
  const entry = map.get(path);
  if (entry)
    copy.set(path, {
      ...entry,
      suggestions: entry.suggestions.filter((s) => !controls.includes(s.control)),
    });
  return copy;
}

/**
 * The files bulk review walks: untagged and present, with at least one suggestion. The most
 * confident first, so the quick decisions come first; then by name.
 */
export function reviewQueue(files: readonly FileEntry[], map: SuggestionMap): FileSuggestions[] {
  return files
    .filter((f) => f.tags.length === 0 && f.status !== "missing")
    .flatMap((f) => {
      const entry = map.get(f.path);
      return entry && entry.suggestions.length > 0 ? [entry] : [];
    })
    .sort(
      (a, b) =>
        b.suggestions[0].confidence - a.suggestions[0].confidence ||
        collator.compare(baseName(a.path), baseName(b.path)) ||
        (a.path < b.path ? -1 : 1),
    );
}

export type SuggestionState = "open" | "accepted" | "rejected";

/**
 * Where one suggestion shown in review stands. The file's tags say it was accepted, the
 * reviewer's own decision says so until the tags arrive, and a suggestion the core offers
 * again (after an undo, say) is open again.
 */
export function suggestionState(
  control: string,
  tags: readonly string[],
  live: FileSuggestions | undefined,
  decided: SuggestionState | undefined,
): SuggestionState {
  if (hasControl(tags, control)) return "accepted";
  if (decided === "rejected") return "rejected";
  if (live?.suggestions.some((s) => s.control === control)) return "open";
  return decided ?? "open";
}

/** The first open suggestion from `from` on (wrapping round), or -1 when none is. */
export function nextOpen(states: readonly SuggestionState[], from: number): number {
  for (let i = 0; i < states.length; i++) {
    const at = (from + i) % states.length;
    if (states[at] === "open") return at;
  }
  return -1;
}

export type ReviewAction =
  | { type: "accept"; index: number }
  | { type: "acceptStrong" }
  | { type: "reject" }
  | { type: "step"; delta: 1 | -1 }
  | { type: "select"; delta: 1 | -1 }
  | { type: "preview" }
  | { type: "tag" };

/** What a key does in bulk review; null for keys it leaves alone. */
export function reviewAction(key: string): ReviewAction | null {
  if (/^[1-5]$/.test(key)) return { type: "accept", index: Number(key) - 1 };
  switch (key) {
    case "a":
      return { type: "acceptStrong" };
    case "x":
      return { type: "reject" };
    case "j":
    case "ArrowRight":
      return { type: "step", delta: 1 };
    case "k":
    case "ArrowLeft":
      return { type: "step", delta: -1 };
    case "ArrowDown":
      return { type: "select", delta: 1 };
    case "ArrowUp":
      return { type: "select", delta: -1 };
    case "p":
      return { type: "preview" };
    case "t":
      return { type: "tag" };
  }
  return null;
}
