//! Bringing a new store into being where there was none.
//!
//! The schema is built in a staging file beside the store and published under the store's
//! name only when complete, without replacing anything. So a file at the store's path is
//! always a finished store: an empty or half-made one there means damage, never "new",
//! and two processes starting together never see each other's half-built store.

use super::{configure, migrations, StoreError};
use rusqlite::Connection;
use std::fs::OpenOptions;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// Creates a fully migrated store at `path`, which held nothing; if another process
/// published one there meanwhile, that one is kept.
pub(super) fn create(path: &Path) -> Result<(), StoreError> {
    refuse_orphaned_log(path)?;
    let staging = reserve_staging(path)?;
    let result = build(&staging, path).and_then(|()| publish(&staging, path));
    // Only the files this call created; the store itself, once published, stays.
    for part in PARTS {
        let _ = std::fs::remove_file(sidecar(&staging, part));
    }
    result
}

/// A write-ahead log without its database is what is left of a store (the main file was
/// deleted or lost); a new store would replay its pages, so it is damage to look at.
fn refuse_orphaned_log(path: &Path) -> Result<(), StoreError> {
    let log = sidecar(path, "-wal");
    match log.metadata() {
        Ok(m) if m.len() > 0 => Err(StoreError::Damaged {
            path: path.to_path_buf(),
            reason: format!(
                "the database file is missing but its journal {} is still there",
                log.display()
            ),
        }),
        _ => Ok(()),
    }
}

/// Creates an empty staging file under a name no one else holds.
fn reserve_staging(path: &Path) -> Result<PathBuf, StoreError> {
    let mut last = None;
    for n in 0..100u32 {
        let staging = sidecar(path, &format!(".new-{}-{n}", std::process::id()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&staging)
        {
            Ok(_) => return Ok(staging),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => {
                last = Some(e);
                break;
            }
        }
    }
    Err(StoreError::Create {
        path: path.to_path_buf(),
        source: last.unwrap_or_else(|| ErrorKind::AlreadyExists.into()),
    })
}

/// Migrates the staging file to the current schema and closes it, which folds the
/// write-ahead log back into the one file.
fn build(staging: &Path, path: &Path) -> Result<(), StoreError> {
    let open_error = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let mut conn = Connection::open(staging).map_err(open_error)?;
    configure(&conn)?;
    migrations::migrate(&mut conn, path)?;
    conn.close().map_err(|(_, e)| open_error(e))
}

/// Gives the staging file the store's name, never replacing a file that got there first.
fn publish(staging: &Path, path: &Path) -> Result<(), StoreError> {
    match std::fs::hard_link(staging, path) {
        Ok(()) => Ok(()),
        // Another process created the store meanwhile: use theirs.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        // A file system without hard links: rename, checking first.
        Err(_) if !path.exists() => {
            std::fs::rename(staging, path).map_err(|source| StoreError::Create {
                path: path.to_path_buf(),
                source,
            })
        }
        Err(_) => Ok(()),
    }
}

/// `path` with `suffix` appended to its file name (`dossier.sqlite` → `dossier.sqlite-wal`).
pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// The suffixes of a database file and of the log and shared-memory files SQLite keeps
/// beside it.
pub(super) const PARTS: [&str; 3] = ["", "-wal", "-shm"];
