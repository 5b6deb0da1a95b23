//! What the shell holds between commands: the open store (or why it could not be opened),
//! the running watch of the active folder, the paths the user chose, and the last tag change
//! (for undo).

use crate::chosen::{Chosen, Purpose};
use crate::error::{IpcError, IpcResult};
use crate::forward;
use dossier_core::events::CancelToken;
use dossier_core::extract::pool::ExtractorConfig;
use dossier_core::watch::Watch;
use dossier_core::{Dossier, TagChange};
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use tauri::{AppHandle, Manager};

pub struct Shell {
    /// Where the store lives; an error when not even that could be found.
    db: IpcResult<PathBuf>,
    /// The open store, or why it could not be opened: the window starts either way and
    /// shows the error, and nothing that needs the store runs until it is resolved.
    dossier: Mutex<IpcResult<Dossier>>,
    watch: Mutex<Option<Watch>>,
    last_change: Mutex<Option<TagChange>>,
    startup_error: Mutex<Option<IpcError>>,
    pub sample_folder: PathBuf,
    /// The paths the user chose in this run's dialogs: the only ones the window may name.
    pub chosen: Chosen,
    /// Cancels the running export.
    pub export_cancel: CancelToken,
    /// What this run exported: the only paths outside the evidence folder the app reveals.
    exported: Mutex<Vec<PathBuf>>,
}

/// A poisoned lock only means another command panicked mid-way; the data is still usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The open store, locked. Only built over an open store (see `Shell::dossier`).
pub struct DossierGuard<'a>(MutexGuard<'a, IpcResult<Dossier>>);

impl Deref for DossierGuard<'_> {
    type Target = Dossier;
    fn deref(&self) -> &Dossier {
        match &*self.0 {
            Ok(d) => d,
            Err(_) => unreachable!("a DossierGuard is only made over an open store"),
        }
    }
}

impl DerefMut for DossierGuard<'_> {
    fn deref_mut(&mut self) -> &mut Dossier {
        match &mut *self.0 {
            Ok(d) => d,
            Err(_) => unreachable!("a DossierGuard is only made over an open store"),
        }
    }
}

impl Shell {
    /// Opens the store (`$DOSSIER_DB`, else the app data dir) and, if a folder was open
    /// last time, reopens it: its watch first reconciles what changed while the app was
    /// closed. A store that cannot be opened is kept as the error to show, not a crash.
    pub fn open(app: &AppHandle) -> Self {
        let db = db_path(app);
        let dossier = db
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|db| Dossier::open(db).map_err(IpcError::from));
        if let Err(e) = &dossier {
            tracing::error!(
                code = e.code.as_str(),
                "the store could not be opened: {}",
                e.message
            );
        }
        let shell = Self {
            db,
            dossier: Mutex::new(dossier),
            watch: Mutex::new(None),
            last_change: Mutex::new(None),
            startup_error: Mutex::new(None),
            sample_folder: sample_folder(app),
            chosen: Chosen::default(),
            export_cancel: CancelToken::default(),
            exported: Mutex::new(Vec::new()),
        };
        shell.reopen_last_folder(app);
        shell
    }

    fn reopen_last_folder(&self, app: &AppHandle) {
        let last = self.dossier().ok().and_then(|d| d.active_folder().ok());
        if let Some(root) = last.filter(|r| r.path.is_dir()) {
            if let Err(e) = self.open_folder(app, &root.path) {
                self.set_startup_error(e);
            }
        }
    }

    /// The open store, or why there is none (`store_damaged`, …).
    pub fn dossier(&self) -> IpcResult<DossierGuard<'_>> {
        let guard = lock(&self.dossier);
        match &*guard {
            Ok(_) => Ok(DossierGuard(guard)),
            Err(e) => Err(e.clone()),
        }
    }

    /// Why the store could not be opened, while it is not.
    pub fn store_error(&self) -> Option<IpcError> {
        lock(&self.dossier).as_ref().err().cloned()
    }

    /// Moves a damaged store aside (the core renames it, never deletes it) and opens a
    /// fresh one in its place; returns where the damaged one went. Refused unless the store
    /// failed to open as damaged: a healthy, newer or locked store is never moved.
    pub fn move_damaged_store_aside(&self) -> IpcResult<PathBuf> {
        let mut slot = lock(&self.dossier);
        match &*slot {
            Err(e) if e.code == "store_damaged" => {}
            Err(e) => return Err(e.clone()),
            Ok(_) => {
                return Err(IpcError::new(
                    "store_not_damaged",
                    "The database opened normally: there is nothing to move aside.",
                ))
            }
        }
        let db = self.db.as_ref().map_err(Clone::clone)?;
        let moved = dossier_core::store::move_aside(db).map_err(dossier_core::Error::from)?;
        tracing::warn!(moved = %moved.display(), "a damaged store was moved aside");
        let fresh = Dossier::open(db).map_err(IpcError::from);
        let opened = fresh.as_ref().map(|_| ()).map_err(Clone::clone);
        *slot = fresh;
        opened.map(|()| moved)
    }

    /// Makes `folder` the active folder and starts watching it (which scans it first).
    pub fn open_folder(
        &self,
        app: &AppHandle,
        folder: &Path,
    ) -> IpcResult<dossier_core::evidence::root::Root> {
        let root = self.dossier()?.open_folder(folder)?;
        let extractor = ExtractorConfig::current_exe()
            .map_err(|e| IpcError::new("extractor_unavailable", e.to_string()))?;
        let db = self.db.as_ref().map_err(Clone::clone)?;
        // Stop the old watch before the new one scans, so two scans never race.
        drop(lock(&self.watch).take());
        let watch = Watch::start(db, &root.path, extractor, forward::to_window(app.clone()))?;
        *lock(&self.watch) = Some(watch);
        *lock(&self.last_change) = None;
        Ok(root)
    }

    /// Accepts a folder to open only if the user chose it, or it is one the window offers:
    /// a recent folder or the sample folder.
    pub fn require_chosen_folder(&self, folder: &Path) -> IpcResult<()> {
        let recent = self.dossier()?.recent_folders()?;
        let mut offered: Vec<&Path> = recent.iter().map(|r| r.path.as_path()).collect();
        offered.push(&self.sample_folder);
        self.chosen.require(Purpose::Folder, folder, &offered)
    }

    pub fn cancel_scan(&self) {
        if let Some(w) = lock(&self.watch).as_ref() {
            w.cancel_scan();
        }
    }

    pub fn remember_change(&self, change: TagChange) {
        *lock(&self.last_change) = Some(change);
    }

    pub fn take_last_change(&self) -> Option<TagChange> {
        lock(&self.last_change).take()
    }

    pub fn remember_export(&self, path: PathBuf) {
        lock(&self.exported).push(path);
    }

    pub fn was_exported(&self, path: &Path) -> bool {
        lock(&self.exported).iter().any(|p| p == path)
    }

    pub fn set_startup_error(&self, e: IpcError) {
        *lock(&self.startup_error) = Some(e);
    }

    pub fn take_startup_error(&self) -> Option<IpcError> {
        lock(&self.startup_error).take()
    }
}

/// `$DOSSIER_DB`, else `dossier.sqlite` in the app's data folder.
fn db_path(app: &AppHandle) -> IpcResult<PathBuf> {
    if let Some(p) = std::env::var_os("DOSSIER_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    app.path()
        .app_data_dir()
        .map(|d| d.join("dossier.sqlite"))
        .map_err(|e| {
            IpcError::new(
                "store",
                format!("Dossier cannot find a folder to keep its database in: {e}"),
            )
        })
}

/// The bundled sample folder: `$DOSSIER_SAMPLE_FOLDER`, else the resource the bundler installs
/// (`/usr/lib/Dossier/sample-evidence`, `Dossier.app/Contents/Resources/…`, beside the `.exe`).
/// Only a dev build falls back to the checkout's copy: an installed app must never depend on
/// the path it was built at, so a missing resource shows as a folder that cannot be opened.
fn sample_folder(app: &AppHandle) -> PathBuf {
    if let Some(p) = std::env::var_os("DOSSIER_SAMPLE_FOLDER").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    let bundled = app
        .path()
        .resource_dir()
        .map(|d| d.join("sample-evidence"))
        .unwrap_or_else(|_| PathBuf::from("sample-evidence"));
    #[cfg(debug_assertions)]
    if !bundled.is_dir() {
        return Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/sample-evidence");
    }
    bundled
}
