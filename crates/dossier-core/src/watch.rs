//! Keeping the index current while the folder changes: a debounced filesystem watcher
//! whose bursts of events each trigger an incremental scan.
//!
//! Rescanning (rather than applying raw events) means one code path decides what changed,
//! renames included, whether Dossier saw the change live or was closed at the time.

use crate::api::{Dossier, Error};
use crate::events::{CancelToken, IndexEvent};
use crate::evidence::walk::is_skipped_name;
use crate::extract::pool::{ExtractorConfig, ExtractorPool};
// Access events (opens and reads, our own scan's included) never change the folder.
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long the folder must be quiet before a burst of changes is applied.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// A running watch; dropping it (or calling [`Watch::stop`]) ends it.
pub struct Watch {
    stop: CancelToken,
    scan: CancelToken,
    thread: Option<JoinHandle<Result<(), Error>>>,
}

impl Watch {
    /// Reconciles `folder` with the index (changes made while Dossier was closed), then
    /// keeps it current on a background thread, reporting every change to `sink`.
    pub fn start(
        db: &Path,
        folder: &Path,
        extractor: ExtractorConfig,
        sink: Box<dyn FnMut(IndexEvent) + Send>,
    ) -> Result<Self, Error> {
        let root = crate::evidence::scan::canonical_folder(folder)?;
        let dossier = Dossier::open(db)?;
        let stop = CancelToken::default();
        let scan = CancelToken::default();
        let tokens = (stop.clone(), scan.clone());
        let thread = std::thread::Builder::new()
            .name("dossier-watch".into())
            .spawn(move || run(dossier, root, ExtractorPool::new(extractor), tokens, sink))
            .map_err(|e| {
                Error::Scan(crate::evidence::scan::ScanError::FolderUnreadable {
                    path: folder.to_path_buf(),
                    source: e,
                })
            })?;
        Ok(Self {
            stop,
            scan,
            thread: Some(thread),
        })
    }

    /// Cancels the scan in progress, keeping what it read; watching goes on, and the next
    /// change in the folder scans again.
    pub fn cancel_scan(&self) {
        self.scan.cancel();
    }

    /// Stops watching and returns how the watch ended.
    pub fn stop(mut self) -> Result<(), Error> {
        self.stop.cancel();
        self.scan.cancel();
        self.thread
            .take()
            .map_or(Ok(()), |t| t.join().unwrap_or(Ok(())))
    }

    /// Blocks until the watch ends by itself (it only does on a database error).
    pub fn wait(mut self) -> Result<(), Error> {
        self.thread
            .take()
            .map_or(Ok(()), |t| t.join().unwrap_or(Ok(())))
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.cancel();
        self.scan.cancel();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(
    mut dossier: Dossier,
    root: PathBuf,
    pool: ExtractorPool,
    (stop, scan): (CancelToken, CancelToken),
    mut sink: Box<dyn FnMut(IndexEvent) + Send>,
) -> Result<(), Error> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(|e| watch_failed(&root, e))?;
    debouncer
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| watch_failed(&root, e))?;
    let mut rescan = true;
    while !stop.is_cancelled() {
        if rescan {
            rescan = false;
            scan.reset();
            if stop.is_cancelled() {
                break;
            }
            match dossier.scan(&root, &pool, &scan, &mut *sink) {
                Ok(_) => {}
                Err(Error::Scan(e)) => sink(IndexEvent::FolderUnavailable {
                    reason: e.to_string(),
                }),
                Err(e) => return Err(e),
            }
        }
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(Ok(events)) => {
                rescan = events
                    .iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                    .flat_map(|e| e.paths.iter())
                    .any(|p| is_relevant(&root, p));
            }
            // The watcher lost events (queue overflow): only a full rescan is sure.
            Ok(Err(_)) => rescan = true,
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Ok(())
}

/// Changes to hidden files (editor swap files, `.git`) or Office lock files never matter.
fn is_relevant(root: &Path, path: &Path) -> bool {
    match path.strip_prefix(root) {
        Ok(rel) => !rel.components().any(|c| is_skipped_name(c.as_os_str())),
        Err(_) => true,
    }
}

fn watch_failed(root: &Path, e: impl std::fmt::Display) -> Error {
    Error::Scan(crate::evidence::scan::ScanError::FolderUnreadable {
        path: root.to_path_buf(),
        source: std::io::Error::other(format!("cannot watch the folder: {e}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_and_lock_files_are_not_relevant() {
        let root = Path::new("/e");
        assert!(is_relevant(root, Path::new("/e/a/SOW.docx")));
        assert!(!is_relevant(root, Path::new("/e/.git/index")));
        assert!(!is_relevant(root, Path::new("/e/a/~$SOW.docx")));
        assert!(!is_relevant(root, Path::new("/e/a/.runbook.md.swp")));
    }
}
