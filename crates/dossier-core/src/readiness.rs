//! The readiness check before validation day: the tagged evidence that may not open on the
//! day. Coverage counts a placeholder in a cloud-synced folder, since the document exists,
//! but offline it will not open: this check names it, with the files that are gone,
//! unreadable or links that leave the folder.

use crate::evidence::status::FileStatus;
use crate::tags::ControlTarget;
use rusqlite::Connection;
use serde::Serialize;

/// What to fix before validation day, each list in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Readiness {
    /// The checklist whose tags were checked; `None`: every tag of the folder.
    pub checklist: Option<String>,
    /// Tagged files kept online only by their cloud service: make them available offline.
    pub online_only: Vec<ReadinessFile>,
    /// Tagged files gone from the folder.
    pub missing: Vec<ReadinessFile>,
    /// Tagged files Dossier could not read (no permission, a read that stalled).
    pub unreadable: Vec<ReadinessFile>,
    /// Tagged links whose target lies outside the folder: they count for nothing.
    pub outside_folder: Vec<ReadinessFile>,
    /// None of the above: every tagged file is on this laptop and readable.
    pub ready: bool,
}

/// One tagged file the check names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ReadinessFile {
    /// Relative to the evidence folder, `/`-separated.
    pub path: String,
    pub status: FileStatus,
    /// The reason in words, as the file list shows it.
    pub detail: Option<String>,
    /// Its tags in the checked scope (`PRJ-003`, `CSN-001#2`).
    pub tags: Vec<String>,
}

/// Which list of the check a tagged file with `status` belongs on, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Concern {
    OnlineOnly,
    Missing,
    Unreadable,
    OutsideFolder,
}

fn concern(status: FileStatus) -> Option<Concern> {
    match status {
        FileStatus::OnlineOnly => Some(Concern::OnlineOnly),
        FileStatus::Missing => Some(Concern::Missing),
        FileStatus::OutsideFolder => Some(Concern::OutsideFolder),
        // The bytes could not be read at all; other statuses (no text layer, no reader,
        // a crashed text reader, encrypted, too large) still open in their own app.
        FileStatus::Unreadable | FileStatus::TimedOut => Some(Concern::Unreadable),
        FileStatus::Ok
        | FileStatus::NoTextLayer
        | FileStatus::Encrypted
        | FileStatus::ReaderFailed
        | FileStatus::TooLarge
        | FileStatus::NotRead => None,
    }
}

/// The check over the tagged files of `root_id` whose tag `in_scope` accepts (by control ID).
pub fn check(
    conn: &Connection,
    root_id: i64,
    checklist: Option<String>,
    in_scope: impl Fn(&str) -> bool,
) -> rusqlite::Result<Readiness> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.id, f.path, f.status, f.status_detail, f.missing_since IS NOT NULL,
                t.control_id, t.item
         FROM tags t JOIN files f ON f.id = t.file_id
         WHERE f.root_id = ?1 ORDER BY f.path, f.id, t.control_id, t.item",
    )?;
    let mut rows = stmt.query([root_id])?;
    let mut readiness = Readiness {
        checklist,
        ..Readiness::default()
    };
    let mut last: Option<i64> = None;
    while let Some(r) = rows.next()? {
        let control: String = r.get(5)?;
        if !in_scope(&control) {
            continue;
        }
        let id: i64 = r.get(0)?;
        let status = if r.get::<_, bool>(4)? {
            FileStatus::Missing
        } else {
            FileStatus::parse(&r.get::<_, String>(2)?).unwrap_or(FileStatus::Unreadable)
        };
        let Some(kind) = concern(status) else {
            continue;
        };
        let tag = ControlTarget {
            control,
            item: r.get(6)?,
        }
        .to_string();
        let list = list_of(&mut readiness, kind);
        match last {
            // Rows come grouped by file: another tag of the file just listed.
            Some(seen) if seen == id => {
                if let Some(file) = list.last_mut() {
                    file.tags.push(tag);
                }
            }
            _ => list.push(ReadinessFile {
                path: r.get(1)?,
                status,
                detail: r.get(3)?,
                tags: vec![tag],
            }),
        }
        last = Some(id);
    }
    readiness.ready = readiness.online_only.is_empty()
        && readiness.missing.is_empty()
        && readiness.unreadable.is_empty()
        && readiness.outside_folder.is_empty();
    Ok(readiness)
}

fn list_of(readiness: &mut Readiness, kind: Concern) -> &mut Vec<ReadinessFile> {
    match kind {
        Concern::OnlineOnly => &mut readiness.online_only,
        Concern::Missing => &mut readiness.missing,
        Concern::Unreadable => &mut readiness.unreadable,
        Concern::OutsideFolder => &mut readiness.outside_folder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_that_may_not_open_on_the_day_are_named() {
        assert_eq!(concern(FileStatus::OnlineOnly), Some(Concern::OnlineOnly));
        assert_eq!(concern(FileStatus::Missing), Some(Concern::Missing));
        assert_eq!(concern(FileStatus::TimedOut), Some(Concern::Unreadable));
        assert_eq!(concern(FileStatus::Unreadable), Some(Concern::Unreadable));
        assert_eq!(
            concern(FileStatus::OutsideFolder),
            Some(Concern::OutsideFolder)
        );
        for fine in [
            FileStatus::Ok,
            FileStatus::NotRead,
            FileStatus::NoTextLayer,
            FileStatus::TooLarge,
        ] {
            assert_eq!(concern(fine), None, "{fine:?}");
        }
    }
}
