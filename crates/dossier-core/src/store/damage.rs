//! Telling a damaged store from a sound one when it is opened, and moving a damaged one
//! out of the way so a fresh store can start beside it.
//!
//! Opening checks only what is cheap whatever the store's size: the file's header, the
//! schema (parsed whole by SQLite on the first query) and the schema version. The full
//! `PRAGMA quick_check` reads every page (seconds on a large store, on every CLI command),
//! so it runs only once SQLite has reported damage, to say what is damaged.

use super::create::{sidecar, PARTS};
use super::StoreError;
use rusqlite::{Connection, ErrorCode};
use std::fs::OpenOptions;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

/// The first 16 bytes of every SQLite database.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Refuses a file that cannot be a store at all: empty, or not SQLite.
pub(super) fn check_header(path: &Path) -> Result<(), StoreError> {
    let read_error = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut head = Vec::with_capacity(MAGIC.len());
    std::fs::File::open(path)
        .and_then(|f| f.take(MAGIC.len() as u64).read_to_end(&mut head))
        .map_err(read_error)?;
    let reason = match head.as_slice() {
        [] => "the file is empty",
        h if h == MAGIC => return Ok(()),
        _ => "the file is not a Dossier database",
    };
    Err(damaged(path, reason))
}

/// Refuses a SQLite file that is not (or no longer) a Dossier store. Dossier publishes a
/// store only once migrated, so a schema version of 0 or a missing `roots` table is damage.
pub(super) fn check_schema(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let roots: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'roots'",
        [],
        |r| r.get(0),
    )?;
    if version == 0 || roots == 0 {
        return Err(damaged(
            path,
            "the file is a database, but it holds no Dossier data",
        ));
    }
    Ok(())
}

/// Whether SQLite's error says the file itself is damaged (not busy, locked or unwritable).
pub(super) fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

/// Names the damage SQLite reported, from its integrity check when that can run.
pub(super) fn diagnose(conn: &Connection, e: &rusqlite::Error) -> String {
    let found = conn.prepare("PRAGMA quick_check(3)").and_then(|mut stmt| {
        stmt.query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()
    });
    match found {
        Ok(problems) if problems.iter().any(|p| p != "ok") => format!(
            "its contents are damaged (the integrity check found: {})",
            problems.join("; ")
        ),
        _ => format!("its contents are damaged ({e})"),
    }
}

fn damaged(path: &Path, reason: &str) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// Renames the database at `path`, with its `-wal` and `-shm` files, to a name of its own
/// beside it (`dossier.sqlite.damaged-YYYYMMDD-HHMMSS`, UTC, with `-2`, `-3` … if taken),
/// so the next open starts a fresh store. Nothing is deleted or overwritten; the moved
/// file can be sent for recovery or restored later. Returns the database's new path.
pub fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let move_error = |source| StoreError::MoveAside {
        path: path.to_path_buf(),
        source,
    };
    let present: Vec<&str> = PARTS
        .into_iter()
        .filter(|part| sidecar(path, part).symlink_metadata().is_ok())
        .collect();
    if present.is_empty() {
        return Err(move_error(ErrorKind::NotFound.into()));
    }
    let stamp = stamp(super::now());
    for n in 1..1000u32 {
        let target = match n {
            1 => sidecar(path, &format!(".damaged-{stamp}")),
            _ => sidecar(path, &format!(".damaged-{stamp}-{n}")),
        };
        if !reserve(&target).map_err(move_error)? {
            continue;
        }
        let mut moved = Ok(());
        for part in PARTS {
            let to = sidecar(&target, part);
            if moved.is_ok() && present.contains(&part) {
                moved = std::fs::rename(sidecar(path, part), &to);
                if moved.is_ok() {
                    continue;
                }
            }
            // Nothing was moved onto this placeholder: it is ours to remove.
            let _ = std::fs::remove_file(to);
        }
        return moved.map(|()| target).map_err(move_error);
    }
    Err(move_error(ErrorKind::AlreadyExists.into()))
}

/// Claims `target` and its sidecar names by creating empty placeholders, so a rename onto
/// them can never replace someone else's file. False when one of the names is taken.
fn reserve(target: &Path) -> std::io::Result<bool> {
    let names = PARTS.map(|part| sidecar(target, part));
    for (i, name) in names.iter().enumerate() {
        if let Err(e) = OpenOptions::new().write(true).create_new(true).open(name) {
            for placeholder in &names[..i] {
                let _ = std::fs::remove_file(placeholder);
            }
            return match e.kind() {
                ErrorKind::AlreadyExists => Ok(false),
                _ => Err(e),
            };
        }
    }
    Ok(true)
}

/// `YYYYMMDD-HHMMSS` (UTC) of seconds since the epoch.
fn stamp(secs: i64) -> String {
    let s = secs.rem_euclid(86_400);
    format!(
        "{}-{:02}{:02}{:02}",
        crate::freshness::format_date(secs).replace('-', ""),
        s / 3600,
        (s % 3600) / 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_as_utc_date_and_time() {
        assert_eq!(stamp(0), "19700101-000000");
        assert_eq!(stamp(1_735_785_296), "20250102-023456");
    }
}
