//! Keeping the index current while the folder changes: a debounced filesystem watcher
//! whose bursts of events each trigger an incremental scan.
//!
//! Rescanning (rather than applying raw events) means one code path decides what changed,
//! renames included, whether Dossier saw the change live or was closed at the time.
//!
//! The watch never ends in silence: a folder it may not watch is left out (the scan lists it
//! as unreadable) and the rest stays live; when live updates do stop, the last event says so.

use crate::api::{Dossier, Error};
use crate::events::{CancelToken, IndexEvent};
use crate::evidence::scan::ScanError;
use crate::evidence::walk::is_skipped_name;
use crate::extract::pool::{ExtractorConfig, ExtractorPool};
use cover::{Cover, Watches};
// Access events (opens and reads, our own scan's included) never change the folder.
use notify::EventKind;
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, NoCache};
use rusqlite::ErrorCode;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
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
        Self::start_with(db, folder, extractor, sink, debouncer)
    }

    /// [`Watch::start`] with the filesystem watcher `open` makes.
    fn start_with<W: Watches + 'static>(
        db: &Path,
        folder: &Path,
        extractor: ExtractorConfig,
        sink: Box<dyn FnMut(IndexEvent) + Send>,
        open: fn(Sender<DebounceEventResult>) -> notify::Result<W>,
    ) -> Result<Self, Error> {
        let root = crate::evidence::scan::canonical_folder(folder)?;
        let dossier = Dossier::open(db)?;
        let stop = CancelToken::default();
        let scan = CancelToken::default();
        let live = Live {
            dossier,
            root,
            pool: ExtractorPool::new(extractor),
            stop: stop.clone(),
            scan: scan.clone(),
            sink,
        };
        let thread = std::thread::Builder::new()
            .name("dossier-watch".into())
            .spawn(move || live.run(open))
            .map_err(|e| {
                Error::Scan(ScanError::FolderUnreadable {
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

    /// Blocks until the watch ends by itself, after [`IndexEvent::WatchStopped`].
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

/// The platform's watcher, debounced. Links are not followed (a link to another folder
/// must not make Dossier watch it), and no file-ID cache is kept: it would walk through
/// links, and renames are worked out by the rescan anyway.
fn debouncer(tx: Sender<DebounceEventResult>) -> notify::Result<impl Watches> {
    new_debouncer_opt::<_, notify::RecommendedWatcher, NoCache>(
        DEBOUNCE,
        None,
        tx,
        NoCache,
        notify::Config::default().with_follow_symlinks(false),
    )
}

/// What the watch thread owns.
struct Live {
    dossier: Dossier,
    root: PathBuf,
    pool: ExtractorPool,
    stop: CancelToken,
    scan: CancelToken,
    sink: Box<dyn FnMut(IndexEvent) + Send>,
}

/// How a scan went, for the watch: whether it goes on.
enum Verdict {
    Scanned,
    /// Reported to the window; the next change scans again.
    Skipped(String),
    /// Live updates cannot go on.
    Fatal(Error),
}

impl Live {
    fn run<W: Watches>(
        mut self,
        open: fn(Sender<DebounceEventResult>) -> notify::Result<W>,
    ) -> Result<(), Error> {
        let (tx, rx) = mpsc::channel::<DebounceEventResult>();
        let watching = open(tx).and_then(|mut w| Cover::start(&mut w, &self.root).map(|c| (w, c)));
        let (mut watcher, mut cover) = match watching {
            Ok(watching) => watching,
            Err(e) => {
                // List the folder once all the same, so the window is not left empty.
                if let Verdict::Fatal(e) = self.scan() {
                    return self.stopped(e);
                }
                return self.stopped(watch_failed(&self.root, e));
            }
        };
        let mut rescan = true;
        while !self.stop.is_cancelled() {
            if rescan {
                rescan = false;
                // Watch new folders before reading them: a file added meanwhile is then
                // either read by this scan or reported by the watcher.
                cover.refresh(&mut watcher, &self.root);
                match self.scan() {
                    Verdict::Scanned => {}
                    Verdict::Skipped(reason) => {
                        (self.sink)(IndexEvent::FolderUnavailable { reason })
                    }
                    Verdict::Fatal(e) => return self.stopped(e),
                }
            }
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(Ok(events)) => {
                    rescan = events
                        .iter()
                        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                        .flat_map(|e| e.paths.iter())
                        .any(|p| is_relevant(&self.root, p));
                }
                // The watcher lost events (queue overflow, a folder it could not add): only
                // a full rescan is sure.
                Ok(Err(errors)) => {
                    tracing::warn!(?errors, "the folder watcher reported errors");
                    rescan = true;
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    return self.stopped(watch_failed(
                        &self.root,
                        "the system stopped reporting changes",
                    ))
                }
            }
        }
        Ok(())
    }

    fn scan(&mut self) -> Verdict {
        self.scan.reset();
        if self.stop.is_cancelled() {
            return Verdict::Scanned;
        }
        let result = self
            .dossier
            .scan(&self.root, &self.pool, &self.scan, &mut *self.sink);
        match result {
            Ok(_) => Verdict::Scanned,
            Err(Error::Scan(ScanError::Store(e)) | Error::Sql(e)) if is_transient(&e) => {
                tracing::warn!(error = %e, "scan postponed: the database is busy");
                Verdict::Skipped(
                    "Dossier's database is busy (another Dossier window or command is \
                     writing to it), so the latest changes are not listed yet; they will be \
                     at the next change in the folder"
                        .into(),
                )
            }
            Err(Error::Scan(e @ ScanError::Store(_))) => Verdict::Fatal(Error::Scan(e)),
            Err(Error::Scan(e)) => Verdict::Skipped(e.to_string()),
            Err(e) => Verdict::Fatal(e),
        }
    }

    /// Tells the window live updates are over, and why, as the watch's last event.
    fn stopped(&mut self, e: Error) -> Result<(), Error> {
        tracing::error!(error = %e, "live updates stopped");
        let cause = match &e {
            Error::Scan(ScanError::Store(sql)) | Error::Sql(sql) => {
                format!("Dossier's database could not be updated ({sql})")
            }
            Error::Store(store) => format!("Dossier's database could not be used ({store})"),
            other => other.to_string(),
        };
        (self.sink)(IndexEvent::WatchStopped {
            reason: format!("Live updates stopped: {cause}. Reopen the folder to try again."),
        });
        Err(e)
    }
}

/// A database that is busy or locked by another writer will be free again soon.
fn is_transient(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// Changes to hidden files (editor swap files, `.git`) or Office lock files never matter.
fn is_relevant(root: &Path, path: &Path) -> bool {
    match path.strip_prefix(root) {
        Ok(rel) => !rel.components().any(|c| is_skipped_name(c.as_os_str())),
        Err(_) => true,
    }
}

fn watch_failed(root: &Path, e: impl std::fmt::Display) -> Error {
    Error::Scan(ScanError::FolderUnreadable {
        path: root.to_path_buf(),
        source: std::io::Error::other(format!("Dossier cannot watch it for changes: {e}")),
    })
}

/// Which folders the watcher covers: the whole tree in one watch when the system allows,
/// else each folder it may watch on its own. notify's recursive watch fails as a whole when
/// one subfolder refuses (permission denied), which would leave the rest unwatched.
mod cover {
    use crate::evidence::walk::is_skipped_name;
    use notify::RecursiveMode;
    use notify_debouncer_full::{Debouncer, FileIdCache};
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// What the watch needs from a filesystem watcher (a seam for tests to refuse folders).
    pub(super) trait Watches: Send {
        fn watch(&mut self, dir: &Path, mode: RecursiveMode) -> notify::Result<()>;
        fn unwatch(&mut self, dir: &Path);
    }

    impl<T: notify::Watcher + Send, C: FileIdCache + Send> Watches for Debouncer<T, C> {
        fn watch(&mut self, dir: &Path, mode: RecursiveMode) -> notify::Result<()> {
            Debouncer::watch(self, dir, mode)
        }

        fn unwatch(&mut self, dir: &Path) {
            let _ = Debouncer::unwatch(self, dir);
        }
    }

    pub(super) enum Cover {
        Tree,
        /// The folders watched one by one, each without its subfolders.
        Folders(BTreeSet<PathBuf>),
    }

    impl Cover {
        /// Watches `root`; fails only when not even `root` itself can be watched.
        pub(super) fn start(w: &mut impl Watches, root: &Path) -> notify::Result<Self> {
            let Err(e) = w.watch(root, RecursiveMode::Recursive) else {
                return Ok(Self::Tree);
            };
            tracing::warn!(error = %e, "watching folder by folder: the whole tree cannot be watched at once");
            // Drops what the failed recursive watch had already added.
            w.unwatch(root);
            w.watch(root, RecursiveMode::NonRecursive)?;
            let mut cover = Self::Folders(BTreeSet::from([root.to_path_buf()]));
            cover.refresh(w, root);
            Ok(cover)
        }

        /// Watches the folders that appeared or became readable since the last call and
        /// forgets those gone; a folder that still refuses is retried next time.
        pub(super) fn refresh(&mut self, w: &mut impl Watches, root: &Path) {
            let Self::Folders(watched) = self else {
                return;
            };
            let now = folders(root);
            for gone in watched.difference(&now) {
                w.unwatch(gone);
            }
            watched.retain(|dir| now.contains(dir));
            for dir in now {
                if watched.contains(&dir) {
                    continue;
                }
                match w.watch(&dir, RecursiveMode::NonRecursive) {
                    Ok(()) => {
                        watched.insert(dir);
                    }
                    Err(e) => {
                        tracing::debug!(dir = %dir.display(), error = %e, "folder not watched")
                    }
                }
            }
        }
    }

    /// `root` and the folders under it that matter (not hidden ones), without following
    /// links; a folder that cannot be listed is included, its contents are not.
    fn folders(root: &Path) -> BTreeSet<PathBuf> {
        walkdir::WalkDir::new(root)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_skipped_name(e.file_name()))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_dir())
            .map(walkdir::DirEntry::into_path)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::RecursiveMode;

    /// The platform's watcher, refusing any folder named `Locked` as inotify refuses a
    /// folder it may not read: watching it, or a tree that holds it, fails. (Tests run as
    /// root in CI, where permissions cannot make the real watcher refuse.)
    struct Refusing(Box<dyn Watches>);

    impl Watches for Refusing {
        fn watch(&mut self, dir: &Path, mode: RecursiveMode) -> notify::Result<()> {
            let locked = |d: &Path| d.file_name().is_some_and(|n| n == "Locked");
            let refused = match mode {
                RecursiveMode::NonRecursive => locked(dir),
                RecursiveMode::Recursive => walkdir::WalkDir::new(dir)
                    .into_iter()
                    .filter_map(Result::ok)
                    .any(|e| locked(e.path())),
            };
            if refused {
                let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
                return Err(notify::Error::io(denied).add_path(dir.to_path_buf()));
            }
            self.0.watch(dir, mode)
        }

        fn unwatch(&mut self, dir: &Path) {
            self.0.unwatch(dir);
        }
    }

    fn refusing(tx: Sender<DebounceEventResult>) -> notify::Result<Refusing> {
        Ok(Refusing(Box::new(debouncer(tx)?)))
    }

    /// Waits (generously: this is not a latency assertion) for an event matching `want`.
    fn wait_for(rx: &mpsc::Receiver<IndexEvent>, want: impl Fn(&IndexEvent) -> bool) {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(e) if want(&e) => return,
                Ok(IndexEvent::WatchStopped { reason }) => panic!("{reason}"),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("the expected event never came");
    }

    fn added(rx: &mpsc::Receiver<IndexEvent>, rel: &str) {
        wait_for(
            rx,
            |e| matches!(e, IndexEvent::FileAdded { path } if path == rel),
        );
    }

    #[test]
    fn a_folder_the_watcher_may_not_watch_leaves_the_rest_live() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("evidence");
        for sub in ["Locked", "Ops"] {
            std::fs::create_dir_all(folder.join(sub)).unwrap();
        }
        // Images need no extraction worker, which unit tests do not have.
        std::fs::write(folder.join("Locked/old.png"), "png").unwrap();
        let (tx, rx) = mpsc::channel();
        let watch = Watch::start_with(
            &dir.path().join("dossier.sqlite"),
            &folder,
            ExtractorConfig::with_program("/nonexistent/worker"),
            Box::new(move |e| {
                let _ = tx.send(e);
            }),
            refusing,
        )
        .unwrap();
        wait_for(&rx, |e| matches!(e, IndexEvent::ScanFinished { .. }));

        std::fs::write(folder.join("Ops/diagram.png"), "png").unwrap();
        added(&rx, "Ops/diagram.png");
        // A folder made afterwards is watched too.
        std::fs::create_dir(folder.join("New")).unwrap();
        std::fs::write(folder.join("New/first.png"), "png").unwrap();
        added(&rx, "New/first.png");
        std::fs::write(folder.join("New/second.png"), "png").unwrap();
        added(&rx, "New/second.png");
        watch.stop().unwrap();
    }

    #[test]
    fn hidden_and_lock_files_are_not_relevant() {
        let root = Path::new("/e");
        assert!(is_relevant(root, Path::new("/e/a/SOW.docx")));
        assert!(!is_relevant(root, Path::new("/e/.git/index")));
        assert!(!is_relevant(root, Path::new("/e/a/~$SOW.docx")));
        assert!(!is_relevant(root, Path::new("/e/a/.runbook.md.swp")));
    }
}
