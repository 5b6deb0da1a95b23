//! Tags: a file is evidence for a control (or for one evidence item of it).
//!
//! Tags hang off the file's row, never its path, which is why they survive renames and
//! moves (see `evidence::reconcile`). Control IDs are checked against the catalog; an ID
//! shared by several checklists is one tag that counts in each of them.

use crate::catalog::Checklist;
use rusqlite::{params, Connection};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// What a tag points at: `PRJ-003` (the control as a whole) or `CSN-001#2` (its 2nd evidence item).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ControlTarget {
    pub control: String,
    pub item: Option<u32>,
}

impl FromStr for ControlTarget {
    type Err = TagError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (control, item) = match s.split_once('#') {
            Some((c, i)) => {
                let item = i
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| TagError::BadTarget(s.to_string()))?;
                (c, Some(item))
            }
            None => (s, None),
        };
        if control.is_empty() {
            return Err(TagError::BadTarget(s.to_string()));
        }
        Ok(Self {
            control: control.trim().to_ascii_uppercase(),
            item,
        })
    }
}

impl fmt::Display for ControlTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.item {
            Some(i) => write!(f, "{}#{i}", self.control),
            None => f.write_str(&self.control),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TagError {
    #[error("unknown control ID {given}{}", did_you_mean(.closest))]
    UnknownControl { given: String, closest: Vec<String> },
    #[error("{control} has {count} evidence item(s); there is no item {item}")]
    NoSuchItem {
        control: String,
        item: u32,
        count: usize,
    },
    #[error("{0:?} is not a control ID; write it like PRJ-003, or PRJ-003#1 for its first evidence item")]
    BadTarget(String),
    #[error("database error: {0}")]
    Store(#[from] rusqlite::Error),
}

fn did_you_mean(closest: &[String]) -> String {
    if closest.is_empty() {
        "; run `dossier controls CHECKLIST` to list the IDs".into()
    } else {
        format!("; did you mean {}?", closest.join(", "))
    }
}

/// A tag as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    pub file_id: i64,
    pub control: String,
    pub item: Option<u32>,
    pub note: Option<String>,
    /// The customer example the file is evidence for, if the user said so.
    pub example_id: Option<i64>,
}

/// Checks `target` against every checklist: the ID must exist in one of them and the item
/// number must exist in at least one version of the control.
pub fn validate(target: &ControlTarget, checklists: &[Checklist]) -> Result<(), TagError> {
    let controls: Vec<_> = checklists
        .iter()
        .filter_map(|c| c.control(&target.control))
        .collect();
    if controls.is_empty() {
        return Err(TagError::UnknownControl {
            given: target.control.clone(),
            closest: closest_ids(&target.control, checklists),
        });
    }
    if let Some(item) = target.item {
        let count = controls
            .iter()
            .map(|c| c.control.evidence_items.len().max(1))
            .max()
            .unwrap_or(1);
        if item as usize > count {
            return Err(TagError::NoSuchItem {
                control: target.control.clone(),
                item,
                count,
            });
        }
    }
    Ok(())
}

/// The three known IDs nearest to `given`, for "did you mean".
fn closest_ids(given: &str, checklists: &[Checklist]) -> Vec<String> {
    let mut ids: Vec<&str> = checklists
        .iter()
        .flat_map(|c| c.controls().map(|r| r.control.id.as_str()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut scored: Vec<(usize, &str)> = ids
        .into_iter()
        .map(|id| (strsim::levenshtein(given, id), id))
        .filter(|(d, _)| *d <= 3)
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// Tags `file_id` with `target`. Re-tagging keeps one tag; a note given replaces the old one.
pub fn add(
    conn: &Connection,
    file_id: i64,
    target: &ControlTarget,
    note: Option<&str>,
    example_id: Option<i64>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO tags(file_id, control_id, item, note, created_at, example_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(file_id, control_id, ifnull(item, 0), ifnull(example_id, 0)) DO UPDATE SET note = coalesce(excluded.note, tags.note)",
    )?
    .execute(params![file_id, target.control, target.item, note, crate::store::now(), example_id])?;
    Ok(())
}

/// Removes the tag; without an item number, every tag of that control on the file.
pub fn remove(conn: &Connection, file_id: i64, target: &ControlTarget) -> rusqlite::Result<usize> {
    match target.item {
        Some(item) => conn.execute(
            "DELETE FROM tags WHERE file_id = ?1 AND control_id = ?2 AND item = ?3",
            params![file_id, target.control, item],
        ),
        None => conn.execute(
            "DELETE FROM tags WHERE file_id = ?1 AND control_id = ?2",
            params![file_id, target.control],
        ),
    }
}

/// The tags of some files at one moment; restoring it undoes whatever changed them since.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TagSnapshot {
    files: Vec<i64>,
    tags: Vec<Tag>,
}

impl TagSnapshot {
    pub fn len(&self) -> usize {
        self.tags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }
}

pub fn snapshot(conn: &Connection, files: &[i64]) -> rusqlite::Result<TagSnapshot> {
    let mut stmt = conn.prepare_cached(
        "SELECT file_id, control_id, item, note, example_id FROM tags WHERE file_id = ?1 ORDER BY id",
    )?;
    let mut tags = Vec::new();
    for id in files {
        let rows = stmt.query_map([id], tag_from_row)?;
        for t in rows {
            tags.push(t?);
        }
    }
    Ok(TagSnapshot {
        files: files.to_vec(),
        tags,
    })
}

/// Puts the files' tags back exactly as the snapshot saw them.
pub fn restore(conn: &Connection, snapshot: &TagSnapshot) -> rusqlite::Result<()> {
    for id in &snapshot.files {
        conn.execute("DELETE FROM tags WHERE file_id = ?1", [id])?;
    }
    for t in &snapshot.tags {
        let target = ControlTarget {
            control: t.control.clone(),
            item: t.item,
        };
        add(conn, t.file_id, &target, t.note.as_deref(), t.example_id)?;
    }
    Ok(())
}

fn tag_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Tag> {
    Ok(Tag {
        file_id: r.get(0)?,
        control: r.get(1)?,
        item: r.get(2)?,
        note: r.get(3)?,
        example_id: r.get(4)?,
    })
}

/// How many tags of the root's files point at `control`; with `items_only`, only those on
/// one evidence item by number (`OPE-002#1`).
pub fn count(
    conn: &Connection,
    root_id: i64,
    control: &str,
    items_only: bool,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(
        "SELECT count(*) FROM tags t JOIN files f ON f.id = t.file_id
         WHERE f.root_id = ?1 AND t.control_id = ?2 AND (?3 = 0 OR t.item IS NOT NULL)",
    )?
    .query_row(params![root_id, control, items_only], |r| {
        r.get::<_, i64>(0)
    })
    .map(|n| n as usize)
}

/// Every tag on files of the root, ordered by control then file.
pub fn of_root(conn: &Connection, root_id: i64) -> rusqlite::Result<Vec<Tag>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.file_id, t.control_id, t.item, t.note, t.example_id FROM tags t JOIN files f ON f.id = t.file_id
         WHERE f.root_id = ?1 ORDER BY t.control_id, t.item, f.path",
    )?;
    let rows = stmt.query_map([root_id], tag_from_row)?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checklist() -> Checklist {
        crate::catalog::model::sample(&[("PRJ-003", 1), ("CSN-001", 2)])
    }

    #[test]
    fn targets_parse_with_optional_item() {
        let t: ControlTarget = "csn-001#2".parse().unwrap();
        assert_eq!((t.control.as_str(), t.item), ("CSN-001", Some(2)));
        assert_eq!(t.to_string(), "CSN-001#2");
        assert!("CSN-001#0".parse::<ControlTarget>().is_err());
        assert!("#1".parse::<ControlTarget>().is_err());
    }

    #[test]
    fn unknown_control_names_the_closest_ids() {
        let err = validate(&"PRJ-03".parse().unwrap(), &[checklist()]).unwrap_err();
        let TagError::UnknownControl { closest, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(closest.first().map(String::as_str), Some("PRJ-003"));
        assert!(err.to_string().contains("did you mean PRJ-003"), "{err}");
    }

    #[test]
    fn item_numbers_are_checked_against_the_control() {
        let list = [checklist()];
        assert!(validate(&"CSN-001#2".parse().unwrap(), &list).is_ok());
        assert!(matches!(
            validate(&"CSN-001#3".parse().unwrap(), &list),
            Err(TagError::NoSuchItem { count: 2, .. })
        ));
    }
}
