//! The commands the UI invokes. Each validates its input (see `input`) and makes one call
//! into the core; none holds business logic.

use crate::about::{self, About};
use crate::chosen::Purpose;
use crate::dialogs;
use crate::error::{IpcError, IpcResult};
use crate::input;
use crate::state::Shell;
use dossier_core::catalog::imported::ImportedChecklist;
use dossier_core::catalog::Checklist;
use dossier_core::coverage::Coverage;
use dossier_core::evidence::root::Root;
use dossier_core::examples::CustomerExample;
use dossier_core::exemptions::{Exemptions, WaiverKind};
use dossier_core::export::{self, ExportFormat, ExportProgress, ExportSummary};
use dossier_core::import::{ImportPreview, ParsedChecklist, RemovedChecklist};
use dossier_core::prerequisites::{PrerequisiteState, PrerequisiteStatus};
use dossier_core::preview::Preview;
use dossier_core::readiness::Readiness;
use dossier_core::search::SearchHit;
use dossier_core::session::{Outcome, Session};
use dossier_core::suggest::{ControlSuggestion, FileSuggestions};
use dossier_core::{FileEntry, FileQuery};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_opener::OpenerExt;

/// The event export progress travels on; its payload is `ExportProgress`.
pub const EXPORT_PROGRESS: &str = "export-progress";

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ShellState {
    /// The active evidence folder, if one is open.
    pub folder: Option<Root>,
    /// Folders opened before, most recent first.
    pub recent: Vec<Root>,
    pub sample_folder: String,
    /// Why the store could not be opened (`store_damaged`, `store_too_new`, `store`): then
    /// nothing else works until it is resolved. Otherwise a folder given at start that
    /// could not be opened (reported once).
    pub startup_error: Option<IpcError>,
}

/// What `move_damaged_store_aside` did.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StoreMovedAside {
    /// Where the damaged database now is (beside the store, renamed, never deleted).
    pub moved_to: String,
    /// The shell with its fresh store.
    pub state: ShellState,
}

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TagSummary {
    pub paths: Vec<String>,
    /// Tags added (positive) or removed (negative).
    #[ts(type = "number")]
    pub delta: i64,
}

#[tauri::command]
pub async fn shell_state(shell: State<'_, Shell>) -> IpcResult<ShellState> {
    current_state(&shell)
}

fn current_state(shell: &Shell) -> IpcResult<ShellState> {
    let sample_folder = shell.sample_folder.display().to_string();
    let d = match shell.dossier() {
        Ok(d) => d,
        Err(store_error) => {
            return Ok(ShellState {
                folder: None,
                recent: Vec::new(),
                sample_folder,
                startup_error: Some(store_error),
            })
        }
    };
    Ok(ShellState {
        folder: d.active_folder().ok().filter(|r| r.path.is_dir()),
        recent: d.recent_folders()?,
        sample_folder,
        startup_error: shell.take_startup_error(),
    })
}

/// The About view: this build's version and date, and the licences it ships under.
#[tauri::command]
pub async fn about(app: AppHandle) -> IpcResult<About> {
    let version = app.package_info().version.to_string();
    Ok(about::about(&version, about::build_epoch()))
}

/// Moves a damaged database aside and starts a fresh one; refused with `store_not_damaged`
/// unless `shell_state` reported `store_damaged`.
#[tauri::command]
pub async fn move_damaged_store_aside(shell: State<'_, Shell>) -> IpcResult<StoreMovedAside> {
    let moved = shell.move_damaged_store_aside()?;
    Ok(StoreMovedAside {
        moved_to: moved.display().to_string(),
        state: current_state(&shell)?,
    })
}

/// Shows the native folder dialog and opens the chosen folder; `None` if cancelled.
#[tauri::command]
pub async fn pick_folder(app: AppHandle, shell: State<'_, Shell>) -> IpcResult<Option<Root>> {
    let Some(path) = dialogs::pick_folder(&app)? else {
        return Ok(None);
    };
    shell.chosen.remember(Purpose::Folder, &path);
    shell.open_folder(&app, &path).map(Some)
}

/// Opens a folder the user chose before in this run, a recent folder or the sample folder;
/// any other path is refused with `path_not_chosen`.
#[tauri::command]
pub async fn open_folder(app: AppHandle, shell: State<'_, Shell>, path: String) -> IpcResult<Root> {
    let path = input::path(&path)?;
    shell.require_chosen_folder(&path)?;
    shell.open_folder(&app, &path)
}

#[tauri::command]
pub async fn open_sample_folder(app: AppHandle, shell: State<'_, Shell>) -> IpcResult<Root> {
    shell.open_folder(&app, &shell.sample_folder)
}

#[tauri::command]
pub async fn catalog(shell: State<'_, Shell>) -> IpcResult<Vec<Checklist>> {
    Ok(shell.dossier()?.checklists().to_vec())
}

#[tauri::command]
pub async fn files(shell: State<'_, Shell>) -> IpcResult<Vec<FileEntry>> {
    Ok(shell.dossier()?.files(&FileQuery::default())?)
}

#[tauri::command]
pub async fn coverage(shell: State<'_, Shell>, checklist: String) -> IpcResult<Coverage> {
    Ok(shell.dossier()?.coverage(&checklist)?)
}

/// The readiness check before validation day, for one checklist's tags.
#[tauri::command]
pub async fn readiness(shell: State<'_, Shell>, checklist: String) -> IpcResult<Readiness> {
    let checklist = input::checklist_id(&checklist)?;
    Ok(shell.dossier()?.readiness(Some(&checklist))?)
}

#[tauri::command]
pub async fn search(shell: State<'_, Shell>, query: String) -> IpcResult<Vec<SearchHit>> {
    Ok(shell.dossier()?.search(input::query(&query)?, 200)?)
}

#[tauri::command]
pub async fn tag(
    shell: State<'_, Shell>,
    paths: Vec<String>,
    controls: Vec<String>,
    note: Option<String>,
    example: Option<String>,
) -> IpcResult<TagSummary> {
    let (paths, targets, note) = (
        input::paths(&paths)?,
        input::controls(&controls)?,
        input::note(note)?,
    );
    let example = input::short_text("an example name", example)?;
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let change = shell
        .dossier()?
        .tag(&refs, &targets, note.as_deref(), example.as_deref())?;
    Ok(summarise(&shell, change))
}

#[tauri::command]
pub async fn untag(
    shell: State<'_, Shell>,
    paths: Vec<String>,
    controls: Vec<String>,
) -> IpcResult<TagSummary> {
    let (paths, targets) = (input::paths(&paths)?, input::controls(&controls)?);
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let change = shell.dossier()?.untag(&refs, &targets)?;
    Ok(summarise(&shell, change))
}

fn summarise(shell: &Shell, change: dossier_core::TagChange) -> TagSummary {
    let summary = TagSummary {
        paths: change.paths.clone(),
        delta: change.delta,
    };
    shell.remember_change(change);
    summary
}

/// Undoes the last tag change; `false` when there is nothing to undo.
#[tauri::command]
pub async fn undo(shell: State<'_, Shell>) -> IpcResult<bool> {
    match shell.take_last_change() {
        Some(change) => shell
            .dossier()?
            .undo(&change)
            .map(|()| true)
            .map_err(Into::into),
        None => Ok(false),
    }
}

#[tauri::command]
pub async fn preview(shell: State<'_, Shell>, path: String) -> IpcResult<Preview> {
    Ok(shell.dossier()?.preview(&input::path(&path)?)?)
}

#[tauri::command]
pub async fn open_file(app: AppHandle, shell: State<'_, Shell>, path: String) -> IpcResult<()> {
    let abs = shell.dossier()?.absolute_path(&input::path(&path)?)?;
    app.opener()
        .open_path(abs.to_string_lossy(), None::<&str>)
        .map_err(|e| IpcError::new("open_failed", format!("cannot open {path}: {e}")))
}

#[tauri::command]
pub async fn reveal_file(app: AppHandle, shell: State<'_, Shell>, path: String) -> IpcResult<()> {
    let abs = shell.dossier()?.absolute_path(&input::path(&path)?)?;
    app.opener().reveal_item_in_dir(&abs).map_err(|e| {
        IpcError::new(
            "open_failed",
            format!("cannot show {path} in its folder: {e}"),
        )
    })
}

#[tauri::command]
pub async fn cancel_scan(shell: State<'_, Shell>) -> IpcResult<()> {
    shell.cancel_scan();
    Ok(())
}

#[tauri::command]
pub async fn examples(shell: State<'_, Shell>) -> IpcResult<Vec<CustomerExample>> {
    Ok(shell.dossier()?.examples()?)
}

#[tauri::command]
pub async fn save_example(shell: State<'_, Shell>, example: CustomerExample) -> IpcResult<()> {
    let example = input::example(example)?;
    shell.dossier()?.save_example(&example)?;
    Ok(())
}

#[tauri::command]
pub async fn remove_example(shell: State<'_, Shell>, name: String) -> IpcResult<()> {
    Ok(shell.dossier()?.remove_example(&name)?)
}

#[tauri::command]
pub async fn exemptions(shell: State<'_, Shell>, checklist: String) -> IpcResult<Exemptions> {
    Ok(shell.dossier()?.exemptions(&checklist)?)
}

/// Switches a waiver on when `reason` is given, off when it is null.
#[tauri::command]
pub async fn set_waiver(
    shell: State<'_, Shell>,
    checklist: String,
    kind: WaiverKind,
    reason: Option<String>,
    reference: Option<String>,
) -> IpcResult<()> {
    let reason = input::note(reason)?;
    let reference = input::short_text("a reference", reference)?;
    let on = reason.as_deref().map(|r| (r, reference.as_deref()));
    Ok(shell.dossier()?.set_waiver(&checklist, kind, on)?)
}

/// Marks a control not applicable when `justification` is given, applicable when null.
#[tauri::command]
pub async fn set_not_applicable(
    shell: State<'_, Shell>,
    checklist: String,
    control: String,
    justification: Option<String>,
) -> IpcResult<()> {
    let justification = input::note(justification)?;
    Ok(shell
        .dossier()?
        .set_not_applicable(&checklist, &control, justification.as_deref())?)
}

/// Records who presents an item that is not a document (`POV-001#1`); null removes it.
#[tauri::command]
pub async fn set_attestation(
    shell: State<'_, Shell>,
    item: String,
    presenter: Option<String>,
    note: Option<String>,
) -> IpcResult<()> {
    let target = input::controls(&[item])?.remove(0);
    let presenter = input::short_text("a presenter", presenter)?;
    let note = input::note(note)?;
    let on = presenter.as_deref().map(|p| (p, note.as_deref()));
    Ok(shell.dossier()?.set_attestation(&target, on)?)
}

#[tauri::command]
pub async fn set_freshness(
    shell: State<'_, Shell>,
    path: String,
    effective_date: Option<String>,
    confirmed: bool,
) -> IpcResult<()> {
    let date = input::short_text("a date", effective_date)?;
    Ok(shell
        .dossier()?
        .set_freshness(&input::path(&path)?, date.as_deref(), confirmed)?)
}

#[tauri::command]
pub async fn prerequisites(
    shell: State<'_, Shell>,
    checklist: String,
) -> IpcResult<Vec<PrerequisiteStatus>> {
    Ok(shell.dossier()?.prerequisites(&checklist)?)
}

#[tauri::command]
pub async fn set_prerequisite(
    shell: State<'_, Shell>,
    checklist: String,
    id: String,
    state: PrerequisiteState,
    value: Option<String>,
    note: Option<String>,
) -> IpcResult<()> {
    let value = input::note(value)?;
    let note = input::note(note)?;
    Ok(shell.dossier()?.set_prerequisite(
        &checklist,
        &id,
        state,
        value.as_deref(),
        note.as_deref(),
    )?)
}

/// The session of a checklist still running, to resume it.
#[tauri::command]
pub async fn open_session(
    shell: State<'_, Shell>,
    checklist: String,
) -> IpcResult<Option<Session>> {
    Ok(shell.dossier()?.open_session(&checklist)?)
}

/// Starts a validation session, or returns the one already running for the checklist.
#[tauri::command]
pub async fn start_session(
    shell: State<'_, Shell>,
    checklist: String,
    planned_minutes: u32,
) -> IpcResult<Session> {
    Ok(shell
        .dossier()?
        .start_session(&checklist, planned_minutes)?)
}

#[tauri::command]
pub async fn session(shell: State<'_, Shell>, id: i64) -> IpcResult<Session> {
    Ok(shell.dossier()?.session(id)?)
}

/// Records the reviewer's outcome for a control; `outcome` null clears it.
#[tauri::command]
pub async fn record_outcome(
    shell: State<'_, Shell>,
    id: i64,
    control: String,
    outcome: Option<Outcome>,
    note: Option<String>,
) -> IpcResult<Session> {
    let control = input::controls(&[control])?.remove(0).to_string();
    let note = input::note(note)?;
    let outcome = outcome.map(|o| (o, note.as_deref()));
    Ok(shell.dossier()?.record_outcome(id, &control, outcome)?)
}

#[tauri::command]
pub async fn move_session(shell: State<'_, Shell>, id: i64, control: String) -> IpcResult<()> {
    let control = input::controls(&[control])?.remove(0).to_string();
    Ok(shell.dossier()?.move_session(id, &control)?)
}

#[tauri::command]
pub async fn set_presenting(shell: State<'_, Shell>, id: i64, presenting: bool) -> IpcResult<()> {
    Ok(shell.dossier()?.set_presenting(id, presenting)?)
}

#[tauri::command]
pub async fn end_session(shell: State<'_, Shell>, id: i64) -> IpcResult<Session> {
    Ok(shell.dossier()?.end_session(id)?)
}

/// Where exports go unless the user picks another folder: the documents folder.
#[tauri::command]
pub async fn default_export_folder(app: AppHandle) -> IpcResult<String> {
    Ok(default_export_dir(&app)?.display().to_string())
}

fn default_export_dir(app: &AppHandle) -> IpcResult<PathBuf> {
    app.path()
        .document_dir()
        .or_else(|_| app.path().home_dir())
        .map_err(|e| IpcError::new("no_destination", e.to_string()))
}

/// Shows the native folder dialog for an export's destination; `None` if cancelled.
#[tauri::command]
pub async fn choose_export_folder(
    app: AppHandle,
    shell: State<'_, Shell>,
) -> IpcResult<Option<String>> {
    let Some(path) = dialogs::pick_folder(&app)? else {
        return Ok(None);
    };
    shell.chosen.remember(Purpose::ExportFolder, &path);
    Ok(Some(path.display().to_string()))
}

/// Exports a checklist into `folder` (the default export folder or one chosen with
/// `choose_export_folder`, else `path_not_chosen`) under a name that does not exist yet. The
/// snapshot is taken under the store's lock; the writing (and a pack's copying) runs without
/// it, with progress sent as `export-progress` events.
#[tauri::command]
pub async fn export(
    app: AppHandle,
    shell: State<'_, Shell>,
    checklist: String,
    format: ExportFormat,
    folder: String,
) -> IpcResult<ExportSummary> {
    let folder = input::path(&folder)?;
    let default = default_export_dir(&app).ok();
    let offered: Vec<&Path> = default.iter().map(PathBuf::as_path).collect();
    shell
        .chosen
        .require(Purpose::ExportFolder, &folder, &offered)?;
    let report = shell.dossier()?.report(&checklist)?;
    let out = export::default_path(&report, format, &folder);
    let cancel = shell.export_cancel.clone();
    cancel.reset();
    let emitter = app.clone();
    let summary = tauri::async_runtime::spawn_blocking(move || {
        let mut progress = |p: ExportProgress| {
            let _ = emitter.emit(EXPORT_PROGRESS, p);
        };
        export::write(&report, format, &out, &mut progress, &cancel)
    })
    .await
    .map_err(|e| IpcError::new("export_write", e.to_string()))?
    .map_err(|e| IpcError::new(e.code(), e.to_string()))?;
    shell.remember_export(summary.path.clone());
    Ok(summary)
}

#[tauri::command]
pub async fn cancel_export(shell: State<'_, Shell>) -> IpcResult<()> {
    shell.export_cancel.cancel();
    Ok(())
}

/// Shows a file this run exported in its folder.
#[tauri::command]
pub async fn reveal_export(app: AppHandle, shell: State<'_, Shell>, path: String) -> IpcResult<()> {
    let path = input::path(&path)?;
    if !shell.was_exported(&path) {
        return Err(IpcError::new(
            "outside_folder",
            format!("{} is not an export of this session", path.display()),
        ));
    }
    app.opener().reveal_item_in_dir(&path).map_err(|e| {
        IpcError::new(
            "open_failed",
            format!("cannot show {}: {e}", path.display()),
        )
    })
}

/// Suggested tags of every file, or of one (`path`).
#[tauri::command]
pub async fn suggestions(
    shell: State<'_, Shell>,
    path: Option<String>,
) -> IpcResult<Vec<FileSuggestions>> {
    let path = path.map(|p| input::path(&p)).transpose()?;
    Ok(shell.dossier()?.suggestions(path.as_deref())?)
}

/// Files that look like evidence for one control and are not tagged with it.
#[tauri::command]
pub async fn suggestions_for(
    shell: State<'_, Shell>,
    control: String,
) -> IpcResult<Vec<ControlSuggestion>> {
    let control = input::controls(&[control])?.remove(0).to_string();
    Ok(shell.dossier()?.suggestions_for(&control)?)
}

/// Never suggest `control` for the file again.
#[tauri::command]
pub async fn reject_suggestion(
    shell: State<'_, Shell>,
    path: String,
    control: String,
) -> IpcResult<()> {
    let control = input::controls(&[control])?.remove(0).to_string();
    Ok(shell
        .dossier()?
        .reject_suggestion(&input::path(&path)?, &control)?)
}

/// Shows the native file dialog for a checklist to import; `None` if cancelled.
#[tauri::command]
pub async fn choose_checklist_file(
    app: AppHandle,
    shell: State<'_, Shell>,
) -> IpcResult<Option<String>> {
    let Some(path) = dialogs::pick_checklist_file(&app)? else {
        return Ok(None);
    };
    shell.chosen.remember(Purpose::ChecklistFile, &path);
    Ok(Some(path.display().to_string()))
}

/// The checklist to import, read and parsed before the store is locked: a slow parse holds
/// up no other command. The file must be one chosen with `choose_checklist_file` (any other
/// path is refused with `path_not_chosen`); pasted text needs no choosing.
async fn parse_checklist(
    shell: &Shell,
    path: Option<String>,
    text: Option<String>,
) -> IpcResult<ParsedChecklist> {
    let source = input::checklist_source(path, text, |p| {
        shell.chosen.require(Purpose::ChecklistFile, p, &[])
    })?;
    tauri::async_runtime::spawn_blocking(move || source.parse())
        .await
        .map_err(|e| {
            tracing::error!("checklist parse did not finish: {e}");
            IpcError::new("import_failed", "Dossier could not read this checklist.")
        })?
        .map_err(|e| IpcError::from(dossier_core::Error::from(e)))
}

/// What importing a file or pasted text would do; saves nothing.
#[tauri::command]
pub async fn preview_import(
    shell: State<'_, Shell>,
    path: Option<String>,
    text: Option<String>,
) -> IpcResult<ImportPreview> {
    let parsed = parse_checklist(&shell, path, text).await?;
    Ok(shell.dossier()?.preview_parsed(&parsed)?)
}

/// Imports a file or pasted text into the catalog.
#[tauri::command]
pub async fn import_checklist(
    shell: State<'_, Shell>,
    path: Option<String>,
    text: Option<String>,
) -> IpcResult<ImportPreview> {
    let parsed = parse_checklist(&shell, path, text).await?;
    Ok(shell.dossier()?.import_parsed(parsed)?)
}

#[tauri::command]
pub async fn imported_checklists(shell: State<'_, Shell>) -> IpcResult<Vec<ImportedChecklist>> {
    Ok(shell.dossier()?.imported_checklists()?)
}

#[tauri::command]
pub async fn remove_checklist(shell: State<'_, Shell>, id: String) -> IpcResult<RemovedChecklist> {
    Ok(shell
        .dossier()?
        .remove_checklist(&input::checklist_id(&id)?)?)
}
