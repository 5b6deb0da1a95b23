//! Change events the index emits while it works: the desktop app forwards them to the UI,
//! the CLI's `watch` prints them.

use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum IndexEvent {
    ScanStarted {
        root: String,
    },
    /// The walk is done: `files` found, `to_read` of them new or changed.
    Walked {
        #[ts(type = "number")]
        files: usize,
        #[ts(type = "number")]
        to_read: usize,
    },
    /// `done` of `total` files read; `current` is the folder being read.
    Progress {
        #[ts(type = "number")]
        done: usize,
        #[ts(type = "number")]
        total: usize,
        current: String,
    },
    FileAdded {
        path: String,
    },
    FileChanged {
        path: String,
    },
    /// A file was renamed or moved; its tags went with it.
    FileMoved {
        from: String,
        to: String,
    },
    /// A missing file is back at its old path.
    FileRestored {
        path: String,
    },
    /// A tagged file vanished: its tags stay and it is reported as missing evidence.
    FileMissing {
        path: String,
    },
    /// An untagged file vanished and was dropped from the index.
    FileRemoved {
        path: String,
    },
    ScanFinished {
        summary: crate::evidence::scan::ScanSummary,
    },
    /// A scan could not run (the folder was deleted or unmounted, the database was busy);
    /// watching goes on and the next change in the folder scans again.
    FolderUnavailable {
        reason: String,
    },
    /// Live updates ended (the folder cannot be watched, the database failed): the last
    /// event of a watch. `reason` is a sentence for the window.
    WatchStopped {
        reason: String,
    },
}

/// Receives events; called from the thread that runs the scan.
pub type EventSink<'a> = &'a mut dyn FnMut(IndexEvent);

/// Asks a running scan to stop at the next file; what was read so far is kept.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Re-arms the token for the next run of a repeated job.
    pub fn reset(&self) {
        self.0.store(false, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}
