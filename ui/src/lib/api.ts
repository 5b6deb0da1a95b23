// The one place that talks to the Rust side: one typed function per command.
// Every rejection is normalised to an IpcError; callers branch on `code`, show `message`.
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { About } from "./generated/About";
import type { Checklist } from "./generated/Checklist";
import type { ImportedChecklist } from "./generated/ImportedChecklist";
import type { ImportPreview } from "./generated/ImportPreview";
import type { RemovedChecklist } from "./generated/RemovedChecklist";
import type { ControlSuggestion } from "./generated/ControlSuggestion";
import type { Coverage } from "./generated/Coverage";
import type { CustomerExample } from "./generated/CustomerExample";
import type { Exemptions } from "./generated/Exemptions";
import type { ExportFormat } from "./generated/ExportFormat";
import type { ExportProgress } from "./generated/ExportProgress";
import type { ExportSummary } from "./generated/ExportSummary";
import type { FileEntry } from "./generated/FileEntry";
import type { FileSuggestions } from "./generated/FileSuggestions";
import type { IndexEvent } from "./generated/IndexEvent";
import type { IpcError } from "./generated/IpcError";
import type { Outcome } from "./generated/Outcome";
import type { PrerequisiteState } from "./generated/PrerequisiteState";
import type { PrerequisiteStatus } from "./generated/PrerequisiteStatus";
import type { Readiness } from "./generated/Readiness";
import type { Preview } from "./generated/Preview";
import type { Root } from "./generated/Root";
import type { SearchHit } from "./generated/SearchHit";
import type { Session } from "./generated/Session";
import type { ShellState } from "./generated/ShellState";
import type { StoreMovedAside } from "./generated/StoreMovedAside";
import type { TagSummary } from "./generated/TagSummary";
import type { WaiverKind } from "./generated/WaiverKind";
import { toIpcError } from "./errors";

export type {
  About,
  ControlSuggestion,
  CustomerExample,
  Exemptions,
  ExportFormat,
  ExportProgress,
  ExportSummary,
  FileSuggestions,
  ImportedChecklist,
  ImportPreview,
  IpcError,
  Outcome,
  PrerequisiteState,
  PrerequisiteStatus,
  Readiness,
  RemovedChecklist,
  Session,
  ShellState,
  StoreMovedAside,
  TagSummary,
  WaiverKind,
};

const INDEX_EVENTS = "index-events";
const EXPORT_PROGRESS = "export-progress";

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

export const shellState = () => call<ShellState>("shell_state");
/** This build's version and date, and the licences it ships under. */
export const about = () => call<About>("about");
/**
 * Renames a damaged store beside itself (never deletes it) and starts a fresh one; refused
 * with `store_not_damaged` unless `shell_state` reported `store_damaged`.
 */
export const moveDamagedStoreAside = () => call<StoreMovedAside>("move_damaged_store_aside");
export const pickFolder = () => call<Root | null>("pick_folder");
export const openFolder = (path: string) => call<Root>("open_folder", { path });
export const openSampleFolder = () => call<Root>("open_sample_folder");
export const catalog = () => call<Checklist[]>("catalog");
export const files = () => call<FileEntry[]>("files");
export const coverage = (checklist: string) => call<Coverage>("coverage", { checklist });
/** The readiness check before validation day: tagged files that may not open on the day. */
export const readiness = (checklist: string) => call<Readiness>("readiness", { checklist });
export const search = (query: string) => call<SearchHit[]>("search", { query });
/** `example` null: the example whose folder holds each file, or the practice as a whole. */
export const tag = (
  paths: string[],
  controls: string[],
  note: string | null,
  example: string | null = null,
) => call<TagSummary>("tag", { paths, controls, note, example });
export const untag = (paths: string[], controls: string[]) =>
  call<TagSummary>("untag", { paths, controls });
export const undo = () => call<boolean>("undo");
export const preview = (path: string) => call<Preview>("preview", { path });
export const openFile = (path: string) => call<null>("open_file", { path });
export const revealFile = (path: string) => call<null>("reveal_file", { path });
export const cancelScan = () => call<null>("cancel_scan");

// Suggested tags: the core proposes, the user accepts (with `tag`) or rejects; never applied
// on their own.
/**
 * `path` null: every present file of the folder. The core scores every file then, so call
 * it once per refresh, never per row.
 */
export const suggestions = (path: string | null) =>
  call<FileSuggestions[]>("suggestions", { path });
/** Files not tagged with `control` that look like evidence for it, best first. */
export const suggestionsFor = (control: string) =>
  call<ControlSuggestion[]>("suggestions_for", { control });
/** Never suggests `control` for the file again. */
export const rejectSuggestion = (path: string, control: string) =>
  call<null>("reject_suggestion", { path, control });

// Customer examples of the active folder; keyed by name (send id 0 for a new one).
export const examples = () => call<CustomerExample[]>("examples");
export const saveExample = (example: CustomerExample) => call<null>("save_example", { example });
export const removeExample = (name: string) => call<null>("remove_example", { name });

// Waivers and not-applicable marks of one checklist.
export const exemptions = (checklist: string) => call<Exemptions>("exemptions", { checklist });
/** `reason` null switches the waiver off. */
export const setWaiver = (
  checklist: string,
  kind: WaiverKind,
  reason: string | null,
  reference: string | null,
) => call<null>("set_waiver", { checklist, kind, reason, reference });
/** `justification` null makes the control applicable again. */
export const setNotApplicable = (
  checklist: string,
  control: string,
  justification: string | null,
) => call<null>("set_not_applicable", { checklist, control, justification });

// Evidence that is not a document, and how current a file is.
/** `item` as `POV-001#1`; `presenter` null removes the attestation. Attestable items only. */
export const setAttestation = (item: string, presenter: string | null, note: string | null) =>
  call<null>("set_attestation", { item, presenter, note });
/**
 * `effectiveDate` (`YYYY-MM-DD`): the date the file's content is from, null for its
 * modification time; `confirmed`: current although older than a checklist's window.
 */
export const setFreshness = (path: string, effectiveDate: string | null, confirmed: boolean) =>
  call<null>("set_freshness", { path, effectiveDate, confirmed });

// The prerequisites panel of one checklist.
export const prerequisites = (checklist: string) =>
  call<PrerequisiteStatus[]>("prerequisites", { checklist });
export const setPrerequisite = (
  checklist: string,
  id: string,
  state: PrerequisiteState,
  value: string | null,
  note: string | null,
) => call<null>("set_prerequisite", { checklist, id, state, value, note });

// Validation sessions: the running one of a checklist, walked control by control. Every
// change is written at once; the pace is computed by the core at each call.
/** The running session of a checklist, to resume it; null when none runs. */
export const openSession = (checklist: string) =>
  call<Session | null>("open_session", { checklist });
/** Starts a session planned for 1–600 minutes, or returns the one already running. */
export const startSession = (checklist: string, plannedMinutes: number) =>
  call<Session>("start_session", { checklist, plannedMinutes });
export const session = (id: number) => call<Session>("session", { id });
/** `outcome` null clears the control's outcome (and its note). */
export const recordOutcome = (
  id: number,
  control: string,
  outcome: Outcome | null,
  note: string | null,
) => call<Session>("record_outcome", { id, control, outcome, note });
/** Remembers the control on screen, so the session reopens there. */
export const moveSession = (id: number, control: string) =>
  call<null>("move_session", { id, control });
export const setPresenting = (id: number, presenting: boolean) =>
  call<null>("set_presenting", { id, presenting });
export const endSession = (id: number) => call<Session>("end_session", { id });

// Exports, written only into a folder the user picks (never inside the evidence folder).
export const defaultExportFolder = () => call<string>("default_export_folder");
/** The native folder dialog; null when the user cancels it. */
export const chooseExportFolder = () => call<string | null>("choose_export_folder");
/**
 * The core names the file inside `folder` and never overwrites; pack and zip report
 * progress (see onExportProgress), and a cancelled export rejects with code `cancelled`.
 */
export const exportChecklist = (checklist: string, format: ExportFormat, folder: string) =>
  call<ExportSummary>("export", { checklist, format, folder });
export const cancelExport = () => call<null>("cancel_export");
/** Shows an export of this run in its folder; other paths are refused. */
export const revealExport = (path: string) => call<null>("reveal_export", { path });

// Checklists beyond the built-in ones: imported from a file or pasted text, after a preview.
/** A checklist to import: a file (absolute path) or pasted text, never both. */
export type ImportSource = { path: string } | { text: string };
/** The native file dialog for a checklist file; null when the user cancels it. */
export const chooseChecklistFile = () => call<string | null>("choose_checklist_file");
/** What importing would do; saves nothing. Unreadable or malformed input rejects. */
export const previewImport = (source: ImportSource) =>
  call<ImportPreview>("preview_import", source);
/** Imports into the catalog (`saved` false when it was already there, unchanged). */
export const importChecklist = (source: ImportSource) =>
  call<ImportPreview>("import_checklist", source);
export const importedChecklists = () => call<ImportedChecklist[]>("imported_checklists");
/** Removes an imported checklist; its tags are kept. Built-in ones are refused. */
export const removeChecklist = (id: string) => call<RemovedChecklist>("remove_checklist", { id });

async function subscribe<T>(event: string, handler: (payload: T) => void): Promise<UnlistenFn> {
  try {
    return await listen<T>(event, (e) => handler(e.payload));
  } catch (e) {
    throw toIpcError(e);
  }
}

export const onIndexEvents = (handler: (batch: IndexEvent[]) => void) =>
  subscribe(INDEX_EVENTS, handler);
export const onExportProgress = (handler: (progress: ExportProgress) => void) =>
  subscribe(EXPORT_PROGRESS, handler);
