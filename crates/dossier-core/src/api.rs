//! The one surface the CLI, the desktop app and the tests drive: open a store, scan a
//! folder, tag, list, measure coverage, search. Each call is short except `scan`, which
//! reports progress through events and can be cancelled (the app runs it on a thread).

use crate::catalog::{self, Checklist};
use crate::coverage::{self, Coverage};
use crate::events::{CancelToken, EventSink};
use crate::evidence::index::{self, FileRow};
use crate::evidence::kind::FileKind;
use crate::evidence::root::{self, Root};
use crate::evidence::scan::{self, ScanError, ScanSummary};
use crate::evidence::status::FileStatus;
use crate::extract::pool::ExtractorPool;
use crate::search::{self, SearchError, SearchHit};
use crate::store::{Store, StoreError};
use crate::tags::{self, ControlTarget, TagError};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Everything that can go wrong at the API boundary, each with a stable code the UI and
/// scripts can act on (`Error::code`), and a message that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Scan(#[from] ScanError),
    #[error(transparent)]
    Tag(#[from] TagError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("no evidence folder has been scanned yet: run `dossier scan FOLDER` first")]
    NoFolder,
    #[error("unknown checklist {given:?}; built-in checklists: {known}")]
    UnknownChecklist { given: String, known: String },
    #[error("{path} is outside the evidence folder {root}")]
    OutsideFolder { path: PathBuf, root: PathBuf },
    #[error("{path} is not a file of the evidence folder {root}{hint}")]
    FileNotIndexed {
        path: String,
        root: PathBuf,
        hint: String,
    },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl Error {
    /// Stable machine-readable code, e.g. `unknown_control`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Store(StoreError::TooNew { .. }) => "store_too_new",
            Self::Store(_) | Self::Sql(_) | Self::Scan(ScanError::Store(_)) => "store",
            Self::Tag(TagError::Store(_)) | Self::Search(SearchError::Store(_)) => "store",
            Self::Scan(ScanError::FolderMissing(_)) => "folder_missing",
            Self::Scan(ScanError::NotAFolder(_)) => "not_a_folder",
            Self::Scan(ScanError::FolderUnreadable { .. }) => "folder_unreadable",
            Self::Tag(TagError::UnknownControl { .. }) => "unknown_control",
            Self::Tag(TagError::NoSuchItem { .. }) => "no_such_item",
            Self::Tag(TagError::BadTarget(_)) => "bad_control_id",
            Self::Search(SearchError::EmptyQuery) => "empty_query",
            Self::NoFolder => "no_folder",
            Self::UnknownChecklist { .. } => "unknown_checklist",
            Self::OutsideFolder { .. } => "outside_folder",
            Self::FileNotIndexed { .. } => "file_not_indexed",
        }
    }
}

/// A file of the evidence folder as listed to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileEntry {
    /// Relative to the evidence folder, `/`-separated.
    pub path: String,
    pub kind: FileKind,
    pub status: FileStatus,
    /// Why the status is not `ok`, in words.
    pub detail: Option<String>,
    pub size: u64,
    /// Modification time, seconds since the Unix epoch.
    pub modified: i64,
    pub hash: Option<String>,
    /// Control IDs, `CSN-001#2` for a tag on one evidence item.
    pub tags: Vec<String>,
    /// Other files of the folder with identical content.
    pub copies: Vec<String>,
}

/// Which files `files` lists.
#[derive(Debug, Clone, Default)]
pub struct FileQuery {
    /// Only files tagged with this control.
    pub control: Option<String>,
}

/// A store opened on behalf of one user.
pub struct Dossier {
    store: Store,
}

impl Dossier {
    pub fn open(db: &Path) -> Result<Self, Error> {
        Ok(Self {
            store: Store::open(db)?,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The built-in checklists.
    pub fn checklists(&self) -> &'static [Checklist] {
        catalog::load::builtin()
    }

    pub fn checklist(&self, id: &str) -> Result<&'static Checklist, Error> {
        let all = self.checklists();
        all.iter()
            .find(|c| c.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| Error::UnknownChecklist {
                given: id.to_string(),
                known: all
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Indexes `folder` (incrementally) and makes it the active folder.
    pub fn scan(
        &mut self,
        folder: &Path,
        pool: &ExtractorPool,
        cancel: &CancelToken,
        sink: EventSink,
    ) -> Result<ScanSummary, Error> {
        Ok(scan::scan(&mut self.store, folder, pool, cancel, sink)?)
    }

    pub fn active_folder(&self) -> Result<Root, Error> {
        root::active(self.store.conn())?.ok_or(Error::NoFolder)
    }

    pub fn recent_folders(&self) -> Result<Vec<Root>, Error> {
        Ok(root::recent(self.store.conn())?)
    }

    /// Finds the indexed file `arg` names: a path relative to the evidence folder, or an
    /// absolute path inside it. Missing files are found too, so their tags can be removed.
    pub fn resolve_file(&self, arg: &Path) -> Result<FileRow, Error> {
        let root = self.active_folder()?;
        let rel = relative_to_root(arg, &root.path)?;
        let raw = index::raw_path(&rel);
        index::by_raw_path(self.store.conn(), root.id, &raw)?.ok_or_else(|| {
            let wanted = index::display_path(&raw);
            Error::FileNotIndexed {
                hint: self.similar_paths_hint(root.id, &wanted),
                path: wanted,
                root: root.path.clone(),
            }
        })
    }

    fn similar_paths_hint(&self, root_id: i64, wanted: &str) -> String {
        let name = wanted.rsplit('/').next().unwrap_or(wanted).to_lowercase();
        let Ok(rows) = index::all(self.store.conn(), root_id) else {
            return String::new();
        };
        let mut scored: Vec<(f64, String)> = rows
            .into_iter()
            .map(|r| {
                let other = r.path.rsplit('/').next().unwrap_or(&r.path).to_lowercase();
                (strsim::jaro_winkler(&name, &other), r.path)
            })
            .filter(|(s, _)| *s > 0.8)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        match scored.first() {
            Some((_, p)) => format!("; did you mean {p}?"),
            None => {
                "; run `dossier scan FOLDER` if it is new, or `dossier files` to list the files"
                    .into()
            }
        }
    }

    /// Tags the file with each target, after checking every target against the catalog
    /// (nothing is written if one is unknown).
    pub fn tag(
        &mut self,
        file: &Path,
        targets: &[ControlTarget],
        note: Option<&str>,
    ) -> Result<FileRow, Error> {
        let row = self.resolve_file(file)?;
        for t in targets {
            tags::validate(t, self.checklists())?;
        }
        let tx = self.store.conn_mut().transaction()?;
        for t in targets {
            tags::add(&tx, row.id, t, note)?;
        }
        tx.commit()?;
        Ok(row)
    }

    /// Removes the tags; returns how many were removed. A missing file left with no tags
    /// leaves the index at the next scan.
    pub fn untag(&mut self, file: &Path, targets: &[ControlTarget]) -> Result<usize, Error> {
        let row = self.resolve_file(file)?;
        let tx = self.store.conn_mut().transaction()?;
        let mut removed = 0;
        for t in targets {
            removed += tags::remove(&tx, row.id, t)?;
        }
        tx.commit()?;
        Ok(removed)
    }

    /// Files of the active folder, missing ones included (status `missing`).
    pub fn files(&self, query: &FileQuery) -> Result<Vec<FileEntry>, Error> {
        let root = self.active_folder()?;
        let conn = self.store.conn();
        let mut tags_by_file: HashMap<i64, Vec<String>> = HashMap::new();
        for t in tags::of_root(conn, root.id)? {
            let label = ControlTarget {
                control: t.control,
                item: t.item,
            }
            .to_string();
            tags_by_file.entry(t.file_id).or_default().push(label);
        }
        let rows = index::all(conn, root.id)?;
        let mut by_hash: HashMap<&str, Vec<&str>> = HashMap::new();
        for r in rows
            .iter()
            .filter(|r| r.missing_since.is_none() && r.size > 0)
        {
            if let Some(h) = &r.hash {
                by_hash.entry(h).or_default().push(&r.path);
            }
        }
        let wanted = query.control.as_deref().map(str::to_ascii_uppercase);
        let entries = rows
            .iter()
            .map(|r| {
                let tags = tags_by_file.remove(&r.id).unwrap_or_default();
                let copies = match (&r.hash, r.missing_since) {
                    (Some(h), None) if r.size > 0 => by_hash[h.as_str()]
                        .iter()
                        .filter(|p| **p != r.path)
                        .map(|p| p.to_string())
                        .collect(),
                    _ => Vec::new(),
                };
                FileEntry {
                    path: r.path.clone(),
                    kind: r.kind,
                    status: r.effective_status(),
                    detail: r.detail.clone(),
                    size: r.size,
                    modified: r.mtime_ns.div_euclid(1_000_000_000),
                    hash: r.hash.clone(),
                    tags,
                    copies,
                }
            })
            .filter(|e| match &wanted {
                Some(c) => e
                    .tags
                    .iter()
                    .any(|t| t.split('#').next() == Some(c.as_str())),
                None => true,
            })
            .collect();
        Ok(entries)
    }

    pub fn coverage(&self, checklist: &str) -> Result<Coverage, Error> {
        let checklist = self.checklist(checklist)?;
        let root = self.active_folder()?;
        let evidence = coverage::tagged_evidence(self.store.conn(), root.id)?;
        Ok(coverage::compute(checklist, &evidence))
    }

    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, Error> {
        let root = self.active_folder()?;
        Ok(search::search(self.store.conn(), root.id, query, limit)?)
    }
}

/// `arg` as a path relative to `root`, refusing anything that escapes it.
fn relative_to_root(arg: &Path, root: &Path) -> Result<PathBuf, Error> {
    let outside = || Error::OutsideFolder {
        path: arg.to_path_buf(),
        root: root.to_path_buf(),
    };
    let rel = if arg.is_absolute() {
        // Resolve symlinked parents (e.g. /tmp) the way the root was resolved; a missing
        // file cannot be canonicalised, so fall back to its parent folder.
        let abs = arg
            .canonicalize()
            .ok()
            .or_else(|| {
                let parent = arg.parent()?.canonicalize().ok()?;
                Some(parent.join(arg.file_name()?))
            })
            .unwrap_or_else(|| arg.to_path_buf());
        abs.strip_prefix(root).map_err(|_| outside())?.to_path_buf()
    } else {
        arg.to_path_buf()
    };
    let mut clean = PathBuf::new();
    for c in rel.components() {
        match c {
            Component::Normal(p) => clean.push(p),
            Component::CurDir => {}
            _ => return Err(outside()),
        }
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_may_not_climb_out_of_the_folder() {
        let root = Path::new("/e");
        assert_eq!(
            relative_to_root(Path::new("./a/b.md"), root).unwrap(),
            PathBuf::from("a/b.md")
        );
        assert!(matches!(
            relative_to_root(Path::new("../secret"), root),
            Err(Error::OutsideFolder { .. })
        ));
        assert!(matches!(
            relative_to_root(Path::new("/etc/passwd"), root),
            Err(Error::OutsideFolder { .. })
        ));
    }
}
