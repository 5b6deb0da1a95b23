//! `scan FOLDER`: bring the index in line with the folder on disk.
//!
//! Incremental: a file whose size, mtime and inode match its row is not read again. New
//! and changed files are hashed and sent to the extraction workers on all cores; results
//! are written in short transactions, so a crash mid-scan leaves a consistent database
//! and the next scan simply carries on. Files that vanished are matched to files that
//! appeared (see [`super::reconcile`]) before anything is reported missing. A cloud
//! placeholder (see [`super::residency`]) is indexed from its metadata and never read.

use super::identity::{hash_file, FileStat};
use super::index::{self, FileRow, Observed};
use super::kind::FileKind;
use super::reconcile::Vanished;
use super::residency::{OsProbe, Residency, ResidencyProbe};
use super::status::FileStatus;
use super::walk::{walk, Found};
use crate::events::{CancelToken, EventSink, IndexEvent};
use crate::extract::pool::ExtractorPool;
use crate::store::Store;
use crossbeam_channel::TryRecvError;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ScanSummary {
    /// Files present in the folder after the scan.
    #[ts(type = "number")]
    pub files: usize,
    #[ts(type = "number")]
    pub new: usize,
    #[ts(type = "number")]
    pub changed: usize,
    /// Files renamed or moved, tags carried along.
    #[ts(type = "number")]
    pub moved: usize,
    /// Tagged files that are gone from the folder (missing evidence).
    #[ts(type = "number")]
    pub missing: usize,
    /// Present files that could not be fully read (see their status).
    #[ts(type = "number")]
    pub unreadable: usize,
    /// Present files that are cloud placeholders, not on this laptop (not read).
    #[ts(type = "number")]
    pub online_only: usize,
    #[ts(type = "number")]
    pub unchanged: usize,
    /// Untagged files that vanished and were dropped from the index.
    #[ts(type = "number")]
    pub removed: usize,
    /// Groups of files with identical content.
    #[ts(type = "number")]
    pub duplicates: usize,
    /// The scan was cancelled; what was read so far is kept.
    pub cancelled: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("the evidence folder {0} does not exist (was it moved, renamed or unmounted?)")]
    FolderMissing(PathBuf),
    #[error("{0} is not a folder")]
    NotAFolder(PathBuf),
    #[error("cannot open the evidence folder {path}: {source}")]
    FolderUnreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error during the scan: {0}")]
    Store(#[from] rusqlite::Error),
}

/// Resolves the evidence folder the user named to the canonical path the store keys on.
pub fn canonical_folder(folder: &Path) -> Result<PathBuf, ScanError> {
    let path = folder.canonicalize().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ScanError::FolderMissing(folder.to_path_buf()),
        _ => ScanError::FolderUnreadable {
            path: folder.to_path_buf(),
            source: e,
        },
    })?;
    if !path.is_dir() {
        return Err(ScanError::NotAFolder(folder.to_path_buf()));
    }
    Ok(path)
}

/// Scans `folder` into `store`, reading new and changed files with `pool`.
pub fn scan(
    store: &mut Store,
    folder: &Path,
    pool: &ExtractorPool,
    cancel: &CancelToken,
    sink: EventSink,
) -> Result<ScanSummary, ScanError> {
    scan_with(store, folder, pool, &OsProbe, cancel, sink)
}

/// [`scan`], asking `probe` which files are cloud placeholders: the operating system in the
/// app, a stand-in in tests (Linux has no placeholders).
pub fn scan_with(
    store: &mut Store,
    folder: &Path,
    pool: &ExtractorPool,
    probe: &dyn ResidencyProbe,
    cancel: &CancelToken,
    sink: EventSink,
) -> Result<ScanSummary, ScanError> {
    let root = canonical_folder(folder)?;
    let conn = store.conn_mut();
    let root_id = super::root::open(conn, &root)?.id;
    sink(IndexEvent::ScanStarted {
        root: root.display().to_string(),
    });

    let mut throttle = Throttle::new();
    let found = walk(&root, |dir| {
        if throttle.ready() {
            sink(IndexEvent::Progress {
                done: 0,
                total: 0,
                current: dir.display().to_string(),
            });
        }
    });
    let mut known: HashMap<Vec<u8>, FileRow> = index::all(conn, root_id)?
        .into_iter()
        .map(|r| (r.raw_path.clone(), r))
        .collect();

    let mut summary = ScanSummary::default();
    let mut jobs = Vec::new();
    for f in found {
        let raw = index::raw_path(&f.rel);
        let row = known.remove(&raw);
        // Only the metadata: asking never downloads a placeholder.
        let residency = match &f.outcome {
            Ok(_) => probe.residency(&root.join(&f.rel)),
            Err(_) => Residency::Local,
        };
        match row {
            Some(row)
                if is_unchanged(&row, &f, residency)
                    && !pool.reads_more_now(row.kind, row.status, row.detail.as_deref()) =>
            {
                summary.unchanged += 1
            }
            row => jobs.push(Job {
                found: f,
                raw,
                row,
                residency,
            }),
        }
    }
    let incoming = jobs
        .iter()
        .filter(|j| j.row.is_none())
        .filter_map(|j| j.found.outcome.as_ref().ok()?.node);
    let mut vanished = Vanished::new(known.into_values(), incoming);
    sink(IndexEvent::Walked {
        files: summary.unchanged + jobs.len(),
        to_read: jobs.len(),
    });

    let total = jobs.len();
    let mut batch = Batch::new(conn);
    let mut done = 0;
    read_all(&root, jobs, pool, cancel, |next| {
        let Some((job, observed)) = next else {
            // Nothing is ready: let others write while the readers work.
            batch.commit_open()?.into_iter().for_each(&mut *sink);
            return Ok(());
        };
        done += 1;
        let event = apply(
            batch.writer()?,
            root_id,
            job,
            &observed,
            &mut vanished,
            &mut summary,
        )?;
        batch.record(event);
        if throttle.ready() || done == total {
            sink(IndexEvent::Progress {
                done,
                total,
                current: parent_of(&observed.path),
            });
        }
        batch.wrote()?.into_iter().for_each(&mut *sink);
        Ok(())
    })?;

    summary.cancelled = cancel.is_cancelled();
    if !summary.cancelled {
        settle_vanished(&mut batch, &root, probe, vanished, &mut summary)?;
    }
    batch.commit()?.into_iter().for_each(&mut *sink);
    count_totals(conn, root_id, &mut summary)?;
    sink(IndexEvent::ScanFinished {
        summary: summary.clone(),
    });
    Ok(summary)
}

struct Job {
    found: Found,
    raw: Vec<u8>,
    row: Option<FileRow>,
    residency: Residency,
}

/// A placeholder keeps its size and time once downloaded (and a downloaded file once its
/// space is freed), so a change of residency alone makes the file changed.
fn is_unchanged(row: &FileRow, f: &Found, residency: Residency) -> bool {
    let stat = match &f.outcome {
        Ok(stat) => stat,
        // Still refused for the same reason (a broken link, say): nothing new to record.
        Err(refused) => {
            return row.missing_since.is_none()
                && row.status == refused.status
                && row.detail.as_deref() == Some(refused.reason.as_str())
        }
    };
    let same_inode = match (row.node, stat.node) {
        (Some(a), Some(b)) => a.ino == b.ino && a.dev == b.dev,
        _ => true,
    };
    let was_online_only = row.status == FileStatus::OnlineOnly;
    row.missing_since.is_none()
        && row.size == stat.size
        && row.mtime_ns == stat.mtime_ns
        && same_inode
        && !row.status.retry_on_rescan()
        && was_online_only == (residency == Residency::OnlineOnly)
}

/// Reads every job on all worker threads and hands each result to `write`, in the
/// calling thread, as it arrives; `write(None)` says none is ready and the caller is about
/// to wait (a slow extraction may take many seconds). Stops early when cancelled.
fn read_all(
    root: &Path,
    jobs: Vec<Job>,
    pool: &ExtractorPool,
    cancel: &CancelToken,
    mut write: impl FnMut(Option<(Job, Observed)>) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let threads = pool.config().workers.max(1);
    let (job_tx, job_rx) = crossbeam_channel::unbounded::<Job>();
    let (done_tx, done_rx) = crossbeam_channel::bounded::<(Job, Observed)>(threads * 4);
    for job in jobs {
        // Cannot fail: the receiver is alive until the scope below ends.
        let _ = job_tx.send(job);
    }
    drop(job_tx);
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (job_rx, done_tx) = (job_rx.clone(), done_tx.clone());
            s.spawn(move || {
                for job in job_rx {
                    if cancel.is_cancelled() {
                        break;
                    }
                    let observed = observe(root, &job, pool);
                    if done_tx.send((job, observed)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let fail = |e| {
            cancel.cancel();
            // Drain so the workers can finish.
            done_rx.iter().for_each(drop);
            Err(e)
        };
        loop {
            let done = match done_rx.try_recv() {
                Ok(done) => done,
                Err(TryRecvError::Disconnected) => return Ok(()),
                Err(TryRecvError::Empty) => {
                    if let Err(e) = write(None) {
                        return fail(e);
                    }
                    match done_rx.recv() {
                        Ok(done) => done,
                        Err(_) => return Ok(()),
                    }
                }
            };
            if let Err(e) = write(Some(done)) {
                return fail(e);
            }
        }
    })
}

/// Hashes and extracts one file; every failure becomes a status, never an error.
fn observe(root: &Path, job: &Job, pool: &ExtractorPool) -> Observed {
    let path = index::display_path(&job.raw);
    let kind = FileKind::from_path(&job.found.rel);
    let mut observed = Observed {
        raw_path: job.raw.clone(),
        path,
        kind,
        size: 0,
        mtime_ns: 0,
        node: None,
        hash: None,
        status: FileStatus::Unreadable,
        detail: None,
        text: String::new(),
    };
    let stat: FileStat = match &job.found.outcome {
        Ok(stat) => *stat,
        Err(refused) => {
            observed.status = refused.status;
            observed.detail = Some(refused.reason.clone());
            return observed;
        }
    };
    observed.size = stat.size;
    observed.mtime_ns = stat.mtime_ns;
    observed.node = stat.node;
    // Read the file checked now, not whatever the link points to since the walk.
    let abs = match super::walk::readable_file(root, &job.found.rel) {
        Ok(canonical) => canonical,
        Err(refused) => {
            observed.status = refused.status;
            observed.detail = Some(refused.reason);
            return observed;
        }
    };
    if job.residency == Residency::OnlineOnly {
        observed.status = FileStatus::OnlineOnly;
        observed.detail = Some(ONLINE_ONLY.into());
        return observed;
    }
    match hash_file(&abs, stat.size) {
        Ok(h) => observed.hash = Some(h),
        Err(e) => {
            observed.status = e.status();
            observed.detail = Some(e.to_string());
            return observed;
        }
    }
    let extraction = if stat.size == 0 {
        crate::extract::pool::Extraction {
            status: FileStatus::Ok,
            detail: Some("empty file".into()),
            text: String::new(),
        }
    } else {
        pool.extract(&abs, kind, stat.size)
    };
    observed.status = extraction.status;
    observed.detail = extraction.detail.or_else(|| {
        let target = job.found.link_to.as_ref()?;
        Some(format!(
            "link to {}",
            index::display_path(&index::raw_path(target))
        ))
    });
    observed.text = extraction.text;
    observed
}

/// Why a placeholder is listed but not read, in the words the user sees.
const ONLINE_ONLY: &str = "not on this laptop: the file is kept online only by its cloud \
     service; make it available offline and Dossier reads it at the next scan";

/// Writes one result: an update of a known row, a move of a vanished one, or a new row.
fn apply(
    conn: &Connection,
    root_id: i64,
    job: Job,
    observed: &Observed,
    vanished: &mut Vanished,
    summary: &mut ScanSummary,
) -> rusqlite::Result<IndexEvent> {
    let path = observed.path.clone();
    if let Some(row) = job.row {
        index::update(conn, row.id, observed)?;
        return Ok(if row.missing_since.is_some() {
            summary.changed += 1;
            IndexEvent::FileRestored { path }
        } else {
            summary.changed += 1;
            IndexEvent::FileChanged { path }
        });
    }
    if let Some(row) = vanished.claim(observed.hash.as_deref(), observed.node) {
        index::update(conn, row.id, observed)?;
        summary.moved += 1;
        return Ok(IndexEvent::FileMoved {
            from: row.path,
            to: path,
        });
    }
    index::insert(conn, root_id, observed)?;
    summary.new += 1;
    Ok(IndexEvent::FileAdded { path })
}

/// Files no new file claimed are gone: tagged ones stay as missing evidence, untagged ones
/// (and missing ones whose tags the user removed) leave the index. A file evicted to its
/// online-only stub is not gone: it stays, online only, with its tags.
fn settle_vanished(
    batch: &mut Batch<'_>,
    root: &Path,
    probe: &dyn ResidencyProbe,
    vanished: Vanished,
    summary: &mut ScanSummary,
) -> rusqlite::Result<()> {
    for row in vanished.into_remaining() {
        if probe.evicted(&index::absolute(root, &row.raw_path)) {
            if row.status != FileStatus::OnlineOnly || row.missing_since.is_some() {
                index::update(batch.writer()?, row.id, &evicted(&row))?;
                summary.changed += 1;
                batch.record(IndexEvent::FileChanged { path: row.path });
            }
            continue;
        }
        let conn = batch.writer()?;
        if index::has_tags(conn, row.id)? {
            if row.missing_since.is_none() {
                index::mark_missing(conn, row.id)?;
                batch.record(IndexEvent::FileMissing { path: row.path });
            }
        } else {
            index::delete(conn, row.id)?;
            summary.removed += 1;
            if row.missing_since.is_none() {
                batch.record(IndexEvent::FileRemoved { path: row.path });
            }
        }
    }
    Ok(())
}

/// What the index keeps of a file evicted to a stub: the last name, size and time seen.
fn evicted(row: &FileRow) -> Observed {
    Observed {
        raw_path: row.raw_path.clone(),
        path: row.path.clone(),
        kind: row.kind,
        size: row.size,
        mtime_ns: row.mtime_ns,
        node: row.node,
        hash: None,
        status: FileStatus::OnlineOnly,
        detail: Some(ONLINE_ONLY.into()),
        text: String::new(),
    }
}

fn count_totals(conn: &Connection, root_id: i64, s: &mut ScanSummary) -> rusqlite::Result<()> {
    let (files, missing, unreadable, online_only): (i64, i64, i64, i64) = conn.query_row(
        "SELECT count(*) FILTER (WHERE missing_since IS NULL),
                count(*) FILTER (WHERE missing_since IS NOT NULL),
                count(*) FILTER (WHERE missing_since IS NULL AND status NOT IN ('ok', ?2)),
                count(*) FILTER (WHERE missing_since IS NULL AND status = ?2)
         FROM files WHERE root_id = ?1",
        rusqlite::params![root_id, FileStatus::OnlineOnly.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    s.files = files as usize;
    s.missing = missing as usize;
    s.unreadable = unreadable as usize;
    s.online_only = online_only as usize;
    s.duplicates = index::duplicate_groups(conn, root_id)?.len();
    Ok(())
}

fn parent_of(path: &str) -> String {
    path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string()
}

/// Limits progress events to a few per second.
struct Throttle(Option<Instant>);

impl Throttle {
    fn new() -> Self {
        Self(None)
    }

    fn ready(&mut self) -> bool {
        let now = Instant::now();
        match self.0 {
            Some(last) if now.duration_since(last) < Duration::from_millis(100) => false,
            _ => {
                self.0 = Some(now);
                true
            }
        }
    }
}

/// The longest a batch holds the write lock: a tag made during a scan waits at most this.
const BATCH_TIME: Duration = Duration::from_millis(50);

/// Groups writes into short transactions: few fsyncs, and a crash loses at most one batch.
/// A batch begins at its first write, not right after the previous commit, so the app's
/// own writes (tagging during a long scan) get the lock between batches. The events of a
/// batch are held back until it commits: whoever reacts to one reads the change.
struct Batch<'c> {
    conn: &'c Connection,
    open: Option<(usize, Instant)>,
    events: Vec<IndexEvent>,
}

impl<'c> Batch<'c> {
    fn new(conn: &'c Connection) -> Self {
        Self {
            conn,
            open: None,
            events: Vec::new(),
        }
    }

    /// The connection to write with, inside the current batch.
    fn writer(&mut self) -> rusqlite::Result<&'c Connection> {
        if self.open.is_none() {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.open = Some((0, Instant::now()));
        }
        Ok(self.conn)
    }

    fn record(&mut self, event: IndexEvent) {
        self.events.push(event);
    }

    /// Counts a write; when the batch is big or old enough, commits it and returns its events.
    fn wrote(&mut self) -> rusqlite::Result<Vec<IndexEvent>> {
        match &mut self.open {
            Some((writes, since)) => {
                *writes += 1;
                if *writes >= 500 || since.elapsed() > BATCH_TIME {
                    return self.commit_open();
                }
                Ok(Vec::new())
            }
            None => Ok(Vec::new()),
        }
    }

    fn commit_open(&mut self) -> rusqlite::Result<Vec<IndexEvent>> {
        if self.open.take().is_some() {
            self.conn.execute_batch("COMMIT")?;
        }
        Ok(std::mem::take(&mut self.events))
    }

    /// Commits what is left and returns the events not yet handed out.
    fn commit(mut self) -> rusqlite::Result<Vec<IndexEvent>> {
        self.commit_open()
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if self.open.is_some() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}
