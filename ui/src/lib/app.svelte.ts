// The app's state and the actions on it. Components read fields and call methods; all IPC
// goes through ./api, and coverage is always the Rust side's answer, rendered as it is.
import * as api from "./api";
import type {
  CustomerExample,
  Exemptions,
  FileSuggestions,
  ImportedChecklist,
  ImportPreview,
  IpcError,
  PrerequisiteState,
  PrerequisiteStatus,
  ShellState,
  WaiverKind,
} from "./api";
import { checklistLabel, indexCatalog, type CatalogIndex } from "./catalog";
import { Coalescer } from "./coalesce";
import { Debouncer } from "./debounce";
import {
  isOutside,
  matchesFilter,
  sortFiles,
  type FileFilter,
  type QuickFilter,
  type SortDir,
  type SortKey,
} from "./filelist";
import { plural } from "./format";
import type { Checklist } from "./generated/Checklist";
import type { Coverage } from "./generated/Coverage";
import type { Readiness } from "./generated/Readiness";
import type { FileEntry } from "./generated/FileEntry";
import type { IndexEvent } from "./generated/IndexEvent";
import type { Root } from "./generated/Root";
import type { ScanSummary } from "./generated/ScanSummary";
import type { SearchHit } from "./generated/SearchHit";
import { isStoreError } from "./errors";
import { importedMessage, removedMessage } from "./imports";
import { ancestorFolders, baseName, isInside, lastComponent } from "./paths";
import { withAnswer } from "./prerequisites";
import { applyBatch, type ScanProgress } from "./scan";
import { EMPTY_SELECTION, prune, type Selection } from "./selection";
import {
  reviewQueue,
  strongPaths,
  suggestionMap,
  withoutSuggestions,
  type SuggestionMap,
} from "./suggestions";
import { buildTree } from "./tree";

export type View = "evidence" | "dashboard";

export interface Toast {
  id: number;
  kind: "success" | "info" | "error";
  message: string;
  /** Error code, shown small next to the message. */
  code?: string;
  /** Offer Undo for the change this toast reports. */
  undo?: boolean;
}

/** Where the tag picker applies its choice. */
export type PickerTarget = { paths: string[] };

/** Which control the "tag files" dialog adds files to, and for which customer example. */
export type FileTarget = { control: string; item: number | null; example?: string | null };

const REFETCH_INTERVAL = 334; // at most ~3 refetches per second while a scan streams events
// Suggestions score every file of the folder: reloaded once index events have settled.
const SUGGEST_SETTLE = 800;
const SEARCH_DELAY = 200;
/** Why a link to a file outside the evidence folder is listed and never used. */
export const OUTSIDE_NOTE =
  "This is a link to a file outside the evidence folder: Dossier lists it, and never reads, opens, tags or packs it.";
const TOAST_TIME = { success: 8000, info: 4000, error: 10000 } as const;

class AppState {
  // Start-up and the active folder.
  started = $state(false);
  shell = $state.raw<ShellState | null>(null);
  folder = $state.raw<Root | null>(null);
  opening = $state(false);
  openError = $state.raw<IpcError | null>(null);
  /** Why Dossier's store cannot be opened: the whole window says so until it is resolved. */
  storeError = $state.raw<IpcError | null>(null);
  /** Why moving the damaged store aside failed. */
  moveError = $state.raw<IpcError | null>(null);
  movingStore = $state(false);
  /** Where a damaged store was moved aside this run, for the first-launch screen to say. */
  storeMovedTo = $state<string | null>(null);

  // What the Rust side knows.
  checklists = $state.raw<Checklist[]>([]);
  catalog = $state.raw<CatalogIndex>(indexCatalog([]));
  files = $state.raw<FileEntry[]>([]);
  filesLoaded = $state(false);
  coverage = $state.raw<Coverage | null>(null);
  coverageError = $state.raw<IpcError | null>(null);
  /** The core's readiness check for the shown checklist, read with its coverage. */
  readiness = $state.raw<Readiness | null>(null);
  checklistId = $state("data-analytics-7.1");
  /** The checklists of the catalog that were imported (the rest are built in). */
  imported = $state.raw<ImportedChecklist[]>([]);
  examples = $state.raw<CustomerExample[]>([]);
  /** The waivers and not-applicable marks of the shown checklist. */
  exemptions = $state.raw<Exemptions | null>(null);
  /** The prerequisites panel of the shown checklist, loaded when it is opened. */
  prerequisites = $state.raw<PrerequisiteStatus[] | null>(null);
  /** Suggested tags of every present file, by path, as the core last proposed them. */
  suggestions = $state.raw<SuggestionMap>(new Map());

  // The live index.
  scan = $state.raw<ScanProgress | null>(null);
  lastScan = $state.raw<ScanSummary | null>(null);
  unavailable = $state<string | null>(null);
  /** Why live updates of the open folder stopped; cleared when a folder is opened. */
  watchStopped = $state<string | null>(null);

  view = $state<View>("evidence");

  // Evidence view.
  folderFilter = $state("");
  quick = $state<QuickFilter>("all");
  controlFilter = $state("");
  query = $state("");
  hits = $state.raw<SearchHit[] | null>(null);
  searching = $state(false);
  searchError = $state.raw<IpcError | null>(null);
  sortKey = $state<SortKey>("name");
  sortDir = $state<SortDir>("asc");
  selection = $state.raw<Selection>(EMPTY_SELECTION);
  expanded = $state.raw<ReadonlySet<string>>(new Set());

  // Dashboard.
  gapsOnly = $state(false);
  /** Show the control × customer-example matrix instead of the sections. */
  exampleMatrix = $state(false);
  detailId = $state<string | null>(null);

  // Overlays.
  picker = $state.raw<PickerTarget | null>(null);
  fileTarget = $state.raw<FileTarget | null>(null);
  examplesOpen = $state(false);
  prerequisitesOpen = $state(false);
  previewPath = $state<string | null>(null);
  /** Bulk review of suggestions: the files it walks, fixed when it opens; null when closed. */
  review = $state.raw<FileSuggestions[] | null>(null);
  toasts = $state<Toast[]>([]);

  folderName = $derived(this.folder ? lastComponent(this.folder.path) : "");
  importedIds = $derived(new Set(this.imported.map((c) => c.id)));
  byPath = $derived(new Map(this.files.map((f) => [f.path, f])));
  tree = $derived(buildTree(this.files, this.folderName));
  hitByPath = $derived(this.hits && new Map(this.hits.map((h) => [h.path, h])));
  /** Files with a strong suggestion: marked in the list, kept by the "Suggested" filter. */
  suggestedPaths = $derived(strongPaths(this.suggestions));
  /** The files bulk review would walk now. */
  reviewable = $derived(reviewQueue(this.files, this.suggestions));
  filter = $derived<FileFilter>({
    folder: this.folderFilter,
    quick: this.quick,
    control: this.controlFilter,
    hits: this.hitByPath && new Set(this.hitByPath.keys()),
    suggested: this.suggestedPaths,
  });
  visible = $derived(
    sortFiles(
      this.files.filter((f) => matchesFilter(f, this.filter)),
      this.sortKey,
      this.sortDir,
    ),
  );
  /** Selected files that are listed: tags only ever go to files the user can see. */
  selected = $derived(
    this.visible.filter((f) => this.selection.paths.has(f.path)).map((f) => f.path),
  );
  /** The selected files that can be tagged: never a link to a file outside the folder. */
  taggable = $derived(this.selected.filter((p) => this.isEvidence(p)));

  #refetcher = new Coalescer(() => this.#refetch(), REFETCH_INTERVAL);
  #suggester = new Coalescer(() => this.#loadSuggestions(), REFETCH_INTERVAL);
  #suggestLater = new Debouncer(SUGGEST_SETTLE);
  #searchTimer: ReturnType<typeof setTimeout> | null = null;
  #searchSeq = 0;
  #coverageSeq = 0;
  #exemptionsSeq = 0;
  #prerequisitesSeq = 0;
  #toastSeq = 0;

  async start(): Promise<void> {
    await this.#attempt(() => api.onIndexEvents((batch) => this.#onEvents(batch)));
    const shell = await this.#attempt(api.shellState);
    if (shell) await this.#arrive(shell);
    else await this.#loadCatalog();
    this.started = true;
  }

  /**
   * Takes the shell's state at start (or after the store was moved aside). A store that
   * cannot be opened stops everything: every other command would fail with the same error.
   */
  async #arrive(shell: ShellState): Promise<void> {
    this.shell = shell;
    if (isStoreError(shell.startup_error)) {
      this.storeError = shell.startup_error;
      return;
    }
    this.storeError = null;
    await this.#loadCatalog();
    if (!this.checklists.some((c) => c.id === this.checklistId) && this.checklists[0])
      this.checklistId = this.checklists[0].id;
    if (shell.folder) this.#enter(shell.folder);
    // A folder named at start that could not be opened: say so wherever the user lands.
    if (shell.startup_error) {
      if (shell.folder) this.notifyError(shell.startup_error);
      else this.openError = shell.startup_error;
    }
  }

  /** Moves the damaged store aside (kept, renamed, never deleted) and starts afresh. */
  async moveStoreAside(): Promise<void> {
    if (this.movingStore) return;
    this.movingStore = true;
    this.moveError = null;
    try {
      const moved = await api.moveDamagedStoreAside();
      this.storeMovedTo = moved.moved_to;
      await this.#arrive(moved.state);
    } catch (e) {
      const error = e as IpcError;
      // Nothing to move any more (another window did it): carry on with the store as it is.
      const shell = error.code === "store_not_damaged" && (await this.#attempt(api.shellState));
      if (shell) await this.#arrive(shell);
      else this.moveError = error;
    } finally {
      this.movingStore = false;
    }
  }

  // ---- Folders -------------------------------------------------------------------------

  pickFolder = () => this.#open(api.pickFolder);
  openSample = () => this.#open(api.openSampleFolder);
  openRecent = (path: string) => this.#open(() => api.openFolder(path));

  async #open(how: () => Promise<Root | null>): Promise<void> {
    if (this.opening) return;
    this.opening = true;
    this.openError = null;
    try {
      const root = await how();
      if (root) this.#enter(root);
    } catch (e) {
      const error = e as IpcError;
      if (this.folder) this.notifyError(error);
      else this.openError = error;
    } finally {
      this.opening = false;
    }
  }

  #enter(root: Root): void {
    this.#refetcher.cancel();
    this.#suggester.cancel();
    this.#suggestLater.cancel();
    this.folder = root;
    this.files = [];
    this.filesLoaded = false;
    this.coverage = null;
    this.readiness = null;
    this.suggestions = new Map();
    this.review = null;
    this.examples = [];
    this.exemptions = null;
    this.examplesOpen = false;
    this.prerequisites = null;
    this.prerequisitesOpen = false;
    this.unavailable = null;
    this.watchStopped = null;
    this.lastScan = null;
    this.folderFilter = "";
    this.quick = "all";
    this.controlFilter = "";
    this.setQuery("");
    this.selection = EMPTY_SELECTION;
    this.expanded = new Set();
    this.detailId = null;
    this.previewPath = null;
    this.#refetcher.request();
    this.#suggester.request();
    void this.#refreshShell();
    void this.loadExamples();
    void this.loadExemptions();
  }

  /** The recent list changes whenever a folder is opened. */
  async #refreshShell(): Promise<void> {
    const shell = await this.#attempt(api.shellState, false);
    if (shell) this.shell = { ...shell, startup_error: null };
  }

  // ---- Data ----------------------------------------------------------------------------

  async #refetch(): Promise<void> {
    if (!this.folder) return;
    const [files] = await Promise.all([this.#attempt(api.files), this.loadCoverage()]);
    if (files) {
      this.files = files;
      this.filesLoaded = true;
      const present = new Set(files.map((f) => f.path));
      this.selection = prune(this.selection, (p) => present.has(p));
    }
    if (this.query.trim()) await this.#runSearch();
  }

  async #loadSuggestions(): Promise<void> {
    const folder = this.folder;
    if (!folder) return;
    const list = await this.#attempt(() => api.suggestions(null));
    if (list && folder === this.folder) this.suggestions = suggestionMap(list);
  }

  async loadCoverage(): Promise<void> {
    const seq = ++this.#coverageSeq;
    try {
      const [coverage, readiness] = await Promise.all([
        api.coverage(this.checklistId),
        api.readiness(this.checklistId),
      ]);
      if (seq !== this.#coverageSeq) return;
      this.coverage = coverage;
      this.readiness = readiness;
      this.coverageError = null;
    } catch (e) {
      if (seq === this.#coverageSeq) this.coverageError = e as IpcError;
    }
  }

  setChecklist(id: string): void {
    if (id === this.checklistId) return;
    this.checklistId = id;
    this.coverage = null;
    this.readiness = null;
    this.exemptions = null;
    this.prerequisites = null;
    void this.loadCoverage();
    void this.loadExemptions();
    if (this.prerequisitesOpen) void this.loadPrerequisites();
  }

  async loadExemptions(): Promise<void> {
    const seq = ++this.#exemptionsSeq;
    const exemptions = await this.#attempt(() => api.exemptions(this.checklistId));
    if (seq === this.#exemptionsSeq && exemptions) this.exemptions = exemptions;
  }

  // ---- The catalog: built-in and imported checklists -----------------------------------

  async #loadCatalog(): Promise<void> {
    const [checklists, imported] = await Promise.all([
      this.#attempt(api.catalog),
      this.#attempt(api.importedChecklists),
    ]);
    if (checklists) {
      this.checklists = checklists;
      this.catalog = indexCatalog(checklists);
    }
    if (imported) this.imported = imported;
  }

  /** After an import: the catalog again, and the imported checklist's dashboard. */
  async showImported(done: ImportPreview): Promise<void> {
    await this.#loadCatalog();
    this.view = "dashboard";
    this.detailId = null;
    this.#showChecklist(done.checklist.id);
    this.#suggester.request(); // new controls, new suggestions
    this.notify("success", importedMessage(done));
  }

  /** Removes an imported checklist from the catalog; the tags stay in the store. */
  async removeChecklist(id: string): Promise<boolean> {
    const checklist = this.checklists.find((c) => c.id === id);
    const removed = await this.#attempt(() => api.removeChecklist(id));
    if (!removed) return false;
    await this.#loadCatalog();
    if (!this.checklists.some((c) => c.id === this.checklistId) && this.checklists[0]) {
      this.detailId = null;
      this.setChecklist(this.checklists[0].id);
    }
    this.#suggester.request();
    this.notify("success", removedMessage(removed, checklist ? checklistLabel(checklist) : id));
    return true;
  }

  /** Shows a checklist's dashboard, reloading it when it is the one shown (it may have changed). */
  #showChecklist(id: string): void {
    if (id !== this.checklistId) {
      this.setChecklist(id);
      return;
    }
    void this.loadCoverage();
    void this.loadExemptions();
    if (this.prerequisitesOpen) void this.loadPrerequisites();
  }

  // ---- Customer examples -----------------------------------------------------------------

  async loadExamples(): Promise<void> {
    const examples = await this.#attempt(api.examples);
    if (examples) this.examples = examples;
  }

  /** Adds or updates an example (by name); rejects with the IpcError for the form to show. */
  async saveExample(example: CustomerExample): Promise<void> {
    await api.saveExample(example);
    this.notify("success", `Saved customer example “${example.name}”.`);
    this.#suggester.request(); // a file's example comes with its suggestions
    await Promise.all([this.loadExamples(), this.loadCoverage()]);
  }

  async removeExample(name: string): Promise<boolean> {
    const done = await this.#attempt(() => api.removeExample(name));
    if (done === undefined) return false;
    this.notify("success", `Removed customer example “${name}”; its tags count for the practice.`);
    this.#suggester.request();
    await Promise.all([this.loadExamples(), this.loadCoverage()]);
    return true;
  }

  // ---- Waivers and not applicable ------------------------------------------------------

  /** Switches a waiver of the shown checklist on (with a reason) or off (reason null). */
  async setWaiver(kind: WaiverKind, reason: string | null, reference: string | null) {
    await api.setWaiver(this.checklistId, kind, reason, reference);
    const what = kind === "msp" ? "AWS MSP waiver" : "FTR waiver";
    this.notify("success", reason === null ? `${what} switched off.` : `${what} switched on.`);
    await Promise.all([this.loadExemptions(), this.loadCoverage()]);
  }

  /** Marks a control of the shown checklist not applicable, or applicable (null). */
  async setNotApplicable(control: string, justification: string | null) {
    await api.setNotApplicable(this.checklistId, control, justification);
    this.notify(
      "success",
      justification === null
        ? `${control} is applicable again.`
        : `${control} marked not applicable.`,
    );
    await Promise.all([this.loadExemptions(), this.loadCoverage()]);
  }

  // ---- Attestations and freshness ------------------------------------------------------

  /**
   * Records who will present or demonstrate an attestable evidence item, or removes that
   * (presenter null); rejects with the IpcError for the form to show.
   */
  async setAttestation(
    control: string,
    item: number,
    presenter: string | null,
    note: string | null,
  ) {
    const target = `${control}#${item}`;
    await api.setAttestation(target, presenter, note);
    this.notify(
      "success",
      presenter === null
        ? `Removed the presenter of ${target}.`
        : `${presenter} presents ${target}.`,
    );
    await this.loadCoverage();
  }

  /** Confirms a file older than a checklist's window is still current, so it counts. */
  async confirmFresh(path: string): Promise<boolean> {
    const date = this.byPath.get(path)?.effective_date ?? null;
    const done = await this.#attempt(() => api.setFreshness(path, date, true));
    if (done === undefined) return false;
    this.notify("success", `Confirmed ${lastComponent(path)} is current; it counts again.`);
    await this.loadCoverage();
    return true;
  }

  /** Sets the date a file's content is from (null: its modification time); rejects on error. */
  async setEffectiveDate(path: string, date: string | null): Promise<void> {
    await api.setFreshness(path, date, this.byPath.get(path)?.fresh_confirmed ?? false);
    this.notify(
      "success",
      date === null
        ? `${lastComponent(path)} dates from its modification time again.`
        : `${lastComponent(path)} dates from ${date}.`,
    );
    await this.loadCoverage();
  }

  // ---- Prerequisites -------------------------------------------------------------------

  openPrerequisites(): void {
    this.prerequisitesOpen = true;
    void this.loadPrerequisites();
  }

  async loadPrerequisites(): Promise<void> {
    const seq = ++this.#prerequisitesSeq;
    const checklist = this.checklistId;
    const list = await this.#attempt(() => api.prerequisites(checklist));
    if (seq === this.#prerequisitesSeq && list) this.prerequisites = list;
  }

  /** Saves one prerequisite's answer, shown at once; on failure says so and reloads. */
  async setPrerequisite(
    id: string,
    state: PrerequisiteState,
    value: string | null,
    note: string | null,
  ): Promise<boolean> {
    const checklist = this.checklistId;
    if (this.prerequisites)
      this.prerequisites = withAnswer(this.prerequisites, id, { state, value, note });
    const done = await this.#attempt(() => api.setPrerequisite(checklist, id, state, value, note));
    if (done !== undefined) return true;
    if (checklist === this.checklistId) await this.loadPrerequisites();
    return false;
  }

  #onEvents(batch: IndexEvent[]): void {
    const out = applyBatch(this.scan, batch);
    this.scan = out.scan;
    if (out.refetch) {
      this.#refetcher.request();
      this.#suggestLater.schedule(() => this.#suggester.request());
    }
    if (out.finished) {
      this.lastScan = out.finished;
      this.unavailable = null;
      if (out.finished.cancelled)
        this.notify(
          "info",
          "Scan cancelled. Files read so far are kept; the rest are read next time.",
        );
    }
    if (out.unavailable) this.unavailable = out.unavailable;
    if (out.stopped) this.watchStopped = out.stopped;
  }

  /** Opens the current folder again, which starts a new watch (and a scan). */
  reopenFolder = () => {
    if (this.folder) void this.openRecent(this.folder.path);
  };

  cancelScan = () => this.#attempt(api.cancelScan);

  // ---- Evidence list -------------------------------------------------------------------

  setQuery(query: string): void {
    this.query = query;
    if (this.#searchTimer !== null) clearTimeout(this.#searchTimer);
    this.#searchTimer = null;
    if (!query.trim()) {
      this.#searchSeq++;
      this.hits = null;
      this.searching = false;
      this.searchError = null;
      return;
    }
    this.searching = true;
    this.#searchTimer = setTimeout(() => void this.#runSearch(), SEARCH_DELAY);
  }

  async #runSearch(): Promise<void> {
    const seq = ++this.#searchSeq;
    try {
      const hits = await api.search(this.query.trim());
      if (seq !== this.#searchSeq) return;
      this.hits = hits;
      this.searchError = null;
    } catch (e) {
      if (seq !== this.#searchSeq) return;
      this.hits = [];
      this.searchError = e as IpcError;
    } finally {
      if (seq === this.#searchSeq) this.searching = false;
    }
  }

  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.sortDir = this.sortDir === "asc" ? "desc" : "asc";
    else {
      this.sortKey = key;
      this.sortDir = key === "modified" || key === "size" ? "desc" : "asc";
    }
  }

  toggleFolder(path: string): void {
    const open = [...this.expanded];
    this.expanded = new Set(
      this.expanded.has(path) ? open.filter((p) => p !== path) : [...open, path],
    );
  }

  /** Selects a file from outside the list (tree, dashboard) and makes sure it is listed. */
  showFile(path: string): void {
    this.view = "evidence";
    const file = this.byPath.get(path);
    if (file && !matchesFilter(file, this.filter)) {
      this.quick = "all";
      this.controlFilter = "";
      this.setQuery("");
      if (!isInside(path, this.folderFilter)) this.folderFilter = "";
    }
    this.expanded = new Set([...this.expanded, ...ancestorFolders(path)]);
    this.selection = { paths: new Set([path]), anchor: path, focus: path };
  }

  // ---- Tags ----------------------------------------------------------------------------

  openPicker(): void {
    if (this.selected.length === 0) {
      this.notify("info", "Select one or more files first, then press T to tag them.");
      return;
    }
    const left = this.selected.length - this.taggable.length;
    if (this.taggable.length === 0) {
      this.notify("info", OUTSIDE_NOTE);
      return;
    }
    if (left > 0)
      this.notify(
        "info",
        `Left out ${plural(left, "link")} to files outside the evidence folder: Dossier does not tag them.`,
      );
    this.picker = { paths: this.taggable };
  }

  async tag(
    paths: string[],
    controls: string[],
    note: string | null,
    example: string | null = null,
  ): Promise<boolean> {
    try {
      const summary = await api.tag(paths, controls, note, example);
      const what =
        `${plural(summary.paths.length, "file")} with ${controls.join(", ")}` +
        (example ? ` for ${example}` : "");
      if (summary.delta === 0) this.notify("info", `Already tagged: ${what}.`);
      else this.notify("success", `Tagged ${what}.`, true);
      this.#refetcher.request();
      this.#suggester.request();
      return true;
    } catch (e) {
      this.notifyError(e as IpcError);
      return false;
    }
  }

  async untag(paths: string[], controls: string[]): Promise<void> {
    try {
      const summary = await api.untag(paths, controls);
      this.notify(
        "success",
        `Removed ${controls.join(", ")} from ${plural(summary.paths.length, "file")}.`,
        summary.delta !== 0,
      );
      this.#refetcher.request();
      this.#suggester.request();
    } catch (e) {
      this.notifyError(e as IpcError);
    }
  }

  async undo(): Promise<void> {
    const undone = await this.#attempt(api.undo);
    if (undone === undefined) return;
    this.dismissUndoToasts();
    this.notify("info", undone ? "Undone." : "Nothing to undo.");
    if (undone) {
      this.#refetcher.request();
      this.#suggester.request();
    }
  }

  // ---- Suggested tags ------------------------------------------------------------------

  /**
   * Tags a file with suggested controls, for the customer example its folder belongs to; the
   * accepted suggestions go from the list at once.
   */
  async acceptSuggestions(path: string, controls: string[]): Promise<boolean> {
    const example = this.suggestions.get(path)?.example ?? null;
    const ok = await this.tag([path], controls, null, example);
    if (ok) this.suggestions = withoutSuggestions(this.suggestions, path, controls);
    return ok;
  }

  /** Rejects a suggestion: the core never proposes that control for the file again. */
  async rejectSuggestion(path: string, control: string): Promise<boolean> {
    const done = await this.#attempt(() => api.rejectSuggestion(path, control));
    if (done === undefined) return false;
    this.suggestions = withoutSuggestions(this.suggestions, path, [control]);
    this.notify("info", `${control} will not be suggested for ${baseName(path)} again.`);
    this.#suggester.request();
    return true;
  }

  openReview(): void {
    if (this.reviewable.length > 0) this.review = this.reviewable;
  }

  closeReview(): void {
    this.review = null;
    this.previewPath = null;
  }

  // ---- Files ---------------------------------------------------------------------------

  /**
   * Whether Dossier may preview, open or tag the file: a link to a file outside the evidence
   * folder is listed, never used (the core refuses it with `not_evidence` anyway).
   */
  isEvidence(path: string): boolean {
    return !isOutside(this.byPath.get(path));
  }

  /** Previews a file of the list; a link that leaves the folder says why it is not shown. */
  showPreview(path: string): void {
    if (this.isEvidence(path)) this.previewPath = path;
    else this.notify("info", OUTSIDE_NOTE);
  }

  openFile = (path: string) => this.#attempt(() => api.openFile(path));
  revealFile = (path: string) => this.#attempt(() => api.revealFile(path));

  // ---- Toasts --------------------------------------------------------------------------

  notify(kind: Toast["kind"], message: string, undo = false, code?: string): void {
    // One undo offer at a time: it always undoes the latest change.
    if (undo) this.dismissUndoToasts();
    if (this.toasts.some((t) => t.message === message && t.code === code)) return;
    const id = ++this.#toastSeq;
    this.toasts = [...this.toasts.slice(-3), { id, kind, message, code, undo }];
    setTimeout(() => this.dismiss(id), TOAST_TIME[kind]);
  }

  notifyError(error: IpcError): void {
    this.notify("error", error.message, false, error.code);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  dismissUndoToasts(): void {
    this.toasts = this.toasts.filter((t) => !t.undo);
  }

  /** Runs a call and reports its error as a toast; undefined when it failed. */
  async #attempt<T>(call: () => Promise<T>, report = true): Promise<T | undefined> {
    try {
      return await call();
    } catch (e) {
      if (report) this.notifyError(e as IpcError);
      return undefined;
    }
  }
}

export const app = new AppState();
