// How a checklist import reads: its source, outcome, the changes from the version it follows
// and what happens to the folder's tags. The core decides all of it; these only put it in
// words and groups for the import dialog.
import type { ImportSource } from "./api";
import { plural } from "./format";
import type { ChecklistDiff } from "./generated/ChecklistDiff";
import type { ImportOutcome } from "./generated/ImportOutcome";
import type { ImportPreview } from "./generated/ImportPreview";
import type { RemovedChecklist } from "./generated/RemovedChecklist";
import type { SourceFormat } from "./generated/SourceFormat";
import type { TagCarry } from "./generated/TagCarry";

/** Where the checklist comes from: a file on disk, or text pasted into the dialog. */
export type ImportMode = "file" | "text";

/** What to send for the chosen file or the pasted text; null while there is nothing. */
export function importSource(mode: ImportMode, path: string, text: string): ImportSource | null {
  if (mode === "file") {
    const trimmed = path.trim();
    return trimmed ? { path: trimmed } : null;
  }
  return text.trim() ? { text } : null;
}

/** What to say when Check is pressed with nothing to check. */
export function nothingToCheck(mode: ImportMode): string {
  return mode === "file" ? "Choose a checklist file first." : "Paste the checklist's text first.";
}

export const FORMAT_LABEL: Record<SourceFormat, string> = {
  text: "Published text",
  html: "Saved web page",
  markdown: "Markdown copy",
  data_file: "Data file (TOML)",
};

export function outcomeLabel(outcome: ImportOutcome): string {
  switch (outcome.kind) {
    case "new":
      return "New checklist";
    case "new_version":
      return `New version of ${outcome.previous}`;
    case "replaces":
      return "Replaces the earlier import";
    case "unchanged":
      return outcome.builtin
        ? "Built into Dossier already — nothing to import"
        : "Already in your catalog — nothing to import";
  }
}

/** An unchanged checklist has nothing to save. */
export const canImport = (preview: ImportPreview) => preview.outcome.kind !== "unchanged";

/** The toast after an import. */
export function importedMessage(done: ImportPreview): string {
  const what = `${done.checklist.name} ${done.checklist.version}`;
  if (!done.saved) return `${what} is already in your catalog; nothing was imported.`;
  switch (done.outcome.kind) {
    case "new_version":
      return `Imported ${what}, a new version of ${done.outcome.previous}.`;
    case "replaces":
      return `Updated ${what} from ${done.source}.`;
    default:
      return `Imported ${what}.`;
  }
}

/** The toast after a removal: the tags stay in the store either way. */
export function removedMessage(removed: RemovedChecklist, label: string): string {
  const n = removed.orphaned_tags;
  return n === 0
    ? `Removed ${label} from the catalog. Your tags are kept.`
    : `Removed ${label} from the catalog. Your tags are kept: ${plural(n, "tag")} on its own ` +
        `controls ${n === 1 ? "comes" : "come"} back if you import it again.`;
}

export type DiffKind = "added" | "removed" | "retitled" | "evidence" | "requirement" | "moved";

export interface DiffEntry {
  id: string;
  /** The control's title (the new one when it was retitled). */
  title: string;
  /** What changed besides: the title it had, or where it was and is now. */
  detail?: string;
  /** Evidence items the new version asks for, and no longer asks for. */
  itemsAdded?: string[];
  itemsRemoved?: string[];
}

export interface DiffGroup {
  kind: DiffKind;
  label: string;
  entries: DiffEntry[];
}

/** The changes of a diff by kind, in a fixed order; kinds without changes are left out. */
export function diffGroups(diff: ChecklistDiff): DiffGroup[] {
  const brief = (c: { id: string; title: string }): DiffEntry => ({ id: c.id, title: c.title });
  const groups: DiffGroup[] = [
    { kind: "added", label: "Added", entries: diff.added.map(brief) },
    { kind: "removed", label: "Removed", entries: diff.removed.map(brief) },
    {
      kind: "retitled",
      label: "Retitled",
      entries: diff.retitled.map((r) => ({
        id: r.id,
        title: r.after,
        detail: `was “${r.before}”`,
      })),
    },
    {
      kind: "evidence",
      label: "Evidence items changed",
      entries: diff.evidence_changed.map((e) => ({
        ...brief(e),
        itemsAdded: e.added,
        itemsRemoved: e.removed,
      })),
    },
    {
      kind: "requirement",
      label: "Requirement text changed",
      entries: diff.requirement_changed.map(brief),
    },
    {
      kind: "moved",
      label: "Moved",
      entries: diff.moved.map((m) => ({ ...brief(m), detail: `${m.before} → ${m.after}` })),
    },
  ];
  return groups.filter((g) => g.entries.length > 0);
}

/** How the folder's tags fare under the imported version, one sentence each. */
export function tagCarryLines(tags: TagCarry): string[] {
  const lines: string[] = [];
  const { carried, on_removed: removed, item_tags_to_check: items } = tags;
  if (carried === 1) lines.push("1 tag carries over to the new version as it is.");
  else if (carried > 1)
    lines.push(`${plural(carried, "tag")} carry over to the new version as they are.`);
  const shown = "visible under “No longer in this version”.";
  if (removed === 1) lines.push(`1 tag is on a removed control and stays ${shown}`);
  else if (removed > 1)
    lines.push(`${plural(removed, "tag")} are on removed controls and stay ${shown}`);
  if (items.length > 0)
    lines.push(
      `Check the tags on numbered evidence items of ${items.join(", ")}: ` +
        "the items changed, so a number may now point at another item.",
    );
  if (lines.length === 0) lines.push("No tags of this folder are on these controls yet.");
  return lines;
}
