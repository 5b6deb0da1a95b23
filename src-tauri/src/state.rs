//! What the shell holds between commands: the open store, the running watch of the active
//! folder, and the last tag change (for undo).

use crate::error::{IpcError, IpcResult};
use crate::forward;
use dossier_core::events::CancelToken;
use dossier_core::extract::pool::ExtractorConfig;
use dossier_core::watch::Watch;
use dossier_core::{Dossier, TagChange};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use tauri::{AppHandle, Manager};

pub struct Shell {
    db: PathBuf,
    dossier: Mutex<Dossier>,
    watch: Mutex<Option<Watch>>,
    last_change: Mutex<Option<TagChange>>,
    startup_error: Mutex<Option<IpcError>>,
    pub sample_folder: PathBuf,
    /// Cancels the running export.
    pub export_cancel: CancelToken,
    /// What this run exported: the only paths outside the evidence folder the app reveals.
    exported: Mutex<Vec<PathBuf>>,
}

/// A poisoned lock only means another command panicked mid-way; the data is still usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shell {
    /// Opens the store (`$DOSSIER_DB`, else the app data dir) and, if a folder was open
    /// last time, reopens it: its watch first reconciles what changed while the app was closed.
    pub fn open(app: &AppHandle) -> Result<Self, Box<dyn std::error::Error>> {
        let db = match std::env::var_os("DOSSIER_DB").filter(|v| !v.is_empty()) {
            Some(p) => PathBuf::from(p),
            None => app.path().app_data_dir()?.join("dossier.sqlite"),
        };
        let dossier = Dossier::open(&db)?;
        let last = dossier.active_folder().ok();
        let shell = Self {
            db,
            dossier: Mutex::new(dossier),
            watch: Mutex::new(None),
            last_change: Mutex::new(None),
            startup_error: Mutex::new(None),
            sample_folder: sample_folder(app),
            export_cancel: CancelToken::default(),
            exported: Mutex::new(Vec::new()),
        };
        if let Some(root) = last.filter(|r| r.path.is_dir()) {
            if let Err(e) = shell.open_folder(app, &root.path) {
                shell.set_startup_error(e);
            }
        }
        Ok(shell)
    }

    pub fn dossier(&self) -> MutexGuard<'_, Dossier> {
        lock(&self.dossier)
    }

    /// Makes `folder` the active folder and starts watching it (which scans it first).
    pub fn open_folder(
        &self,
        app: &AppHandle,
        folder: &Path,
    ) -> IpcResult<dossier_core::evidence::root::Root> {
        let root = self.dossier().open_folder(folder)?;
        app.asset_protocol_scope()
            .allow_directory(&root.path, true)
            .map_err(|e| IpcError::new("folder_unreadable", e.to_string()))?;
        let extractor = ExtractorConfig::current_exe()
            .map_err(|e| IpcError::new("extractor_unavailable", e.to_string()))?;
        // Stop the old watch before the new one scans, so two scans never race.
        drop(lock(&self.watch).take());
        let watch = Watch::start(
            &self.db,
            &root.path,
            extractor,
            forward::to_window(app.clone()),
        )?;
        *lock(&self.watch) = Some(watch);
        *lock(&self.last_change) = None;
        Ok(root)
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

/// The bundled sample folder: `$DOSSIER_SAMPLE_FOLDER`, the installed resource, or the
/// repository's copy when run from a checkout.
fn sample_folder(app: &AppHandle) -> PathBuf {
    if let Some(p) = std::env::var_os("DOSSIER_SAMPLE_FOLDER").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    app.path()
        .resource_dir()
        .map(|d| d.join("sample-evidence"))
        .ok()
        .filter(|d| d.is_dir())
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/sample-evidence"))
}
