//! "A file was renamed, keep its tags": matching files that vanished from their indexed
//! path to files that appeared at a new one.
//!
//! A new file is the same evidence as a vanished row when it has the same content hash
//! (a rename or move, live or while Dossier was closed) or, failing that, the same
//! filesystem identity (renamed and edited). Each vanished row is claimed at most once, so
//! two identical copies that both moved keep their own tags; a new copy of a file that is
//! still present is a duplicate, never a move. When a file was moved and also copied
//! between two scans, the moved file (same identity) is the continuation, not the copy.

use super::identity::NodeId;
use super::index::FileRow;
use std::collections::{HashMap, HashSet};

/// Rows that were indexed but not seen by the current walk.
#[derive(Default)]
pub struct Vanished {
    rows: HashMap<i64, FileRow>,
    /// Identities of the new files of this walk: a vanished row whose identity is among
    /// them is continued by that file, whatever else has its content.
    incoming: HashSet<NodeId>,
}

impl Vanished {
    pub fn new(
        rows: impl IntoIterator<Item = FileRow>,
        incoming: impl IntoIterator<Item = NodeId>,
    ) -> Self {
        Self {
            rows: rows.into_iter().map(|r| (r.id, r)).collect(),
            incoming: incoming.into_iter().collect(),
        }
    }

    /// Claims the vanished row that a new file at another path continues, if any.
    /// Rows that vanished in this walk are preferred over long-missing ones.
    pub fn claim(&mut self, hash: Option<&str>, node: Option<NodeId>) -> Option<FileRow> {
        let same_content = |r: &FileRow| hash.is_some() && r.hash.as_deref() == hash;
        let moved_itself = |r: &FileRow| node.is_some() && r.node == node;
        let continued_elsewhere = |r: &FileRow| {
            r.node
                .is_some_and(|n| Some(n) != node && self.incoming.contains(&n))
        };
        let id = self
            .best(|r| same_content(r) && moved_itself(r))
            .or_else(|| self.best(|r| same_content(r) && !continued_elsewhere(r)))
            .or_else(|| self.best(|r| moved_itself(r)))?;
        self.rows.remove(&id)
    }

    fn best(&self, matches: impl Fn(&FileRow) -> bool) -> Option<i64> {
        self.rows
            .values()
            .filter(|r| matches(r))
            .min_by_key(|r| (r.missing_since.is_some(), r.id))
            .map(|r| r.id)
    }

    /// What is left once every new file has been matched: these are really gone.
    pub fn into_remaining(self) -> impl Iterator<Item = FileRow> {
        let mut rows: Vec<_> = self.rows.into_values().collect();
        rows.sort_by_key(|r| r.id);
        rows.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::{kind::FileKind, status::FileStatus};

    fn row(id: i64, hash: &str, node: Option<NodeId>, missing: bool) -> FileRow {
        FileRow {
            id,
            raw_path: format!("f{id}").into_bytes(),
            path: format!("f{id}"),
            kind: FileKind::Text,
            size: 1,
            mtime_ns: 0,
            node,
            hash: Some(hash.into()),
            status: FileStatus::Ok,
            detail: None,
            missing_since: missing.then_some(1),
            effective_date: None,
            fresh_confirmed: false,
        }
    }

    const NODE: NodeId = NodeId {
        dev: 1,
        ino: 7,
        birth_ns: 42,
    };

    #[test]
    fn content_hash_claims_a_vanished_row_once() {
        let mut v = Vanished::new([row(1, "h", None, false), row(2, "h", None, false)], []);
        let first = v.claim(Some("h"), None).unwrap().id;
        let second = v.claim(Some("h"), None).unwrap().id;
        assert_ne!(first, second, "two moved copies keep their own rows");
        assert!(v.claim(Some("h"), None).is_none());
    }

    #[test]
    fn file_identity_claims_an_edited_rename() {
        let mut v = Vanished::new([row(1, "old", Some(NODE), false)], []);
        assert_eq!(v.claim(Some("new"), Some(NODE)).map(|r| r.id), Some(1));
    }

    #[test]
    fn a_reused_inode_with_another_birth_time_is_not_a_match() {
        let mut v = Vanished::new([row(1, "old", Some(NODE), false)], []);
        let reused = NodeId {
            birth_ns: 99,
            ..NODE
        };
        assert!(v.claim(Some("new"), Some(reused)).is_none());
        assert_eq!(v.into_remaining().count(), 1);
    }

    #[test]
    fn a_moved_file_keeps_its_row_when_a_copy_of_it_appears_in_the_same_scan() {
        let copy = NodeId { ino: 8, ..NODE };
        let mut v = Vanished::new([row(1, "h", Some(NODE), false)], [NODE, copy]);
        assert!(v.claim(Some("h"), Some(copy)).is_none(), "the copy is new");
        assert_eq!(v.claim(Some("h"), Some(NODE)).map(|r| r.id), Some(1));
    }

    #[test]
    fn a_row_that_just_vanished_wins_over_a_long_missing_one() {
        let mut v = Vanished::new([row(1, "h", None, true), row(2, "h", None, false)], []);
        assert_eq!(v.claim(Some("h"), None).map(|r| r.id), Some(2));
    }
}
