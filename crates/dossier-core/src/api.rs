//! The one surface the CLI, the desktop app and the tests drive: open a store, scan a
//! folder, tag, list, measure coverage, search. Each call is short except `scan`, which
//! reports progress through events and can be cancelled (the app runs it on a thread).

use crate::attestations;
use crate::catalog::{self, Checklist};
use crate::coverage::{self, Coverage};
use crate::events::{CancelToken, EventSink};
use crate::evidence::index::{self, FileRow};
use crate::evidence::kind::FileKind;
use crate::evidence::residency::{OsProbe, ResidencyProbe};
use crate::evidence::root::{self, Root};
use crate::evidence::scan::{self, ScanError, ScanSummary};
use crate::evidence::status::FileStatus;
use crate::evidence::walk;
use crate::examples::{self, CustomerExample};
use crate::exemptions::{self, WaiverKind};
use crate::export::report::{self, Report};
use crate::export::{ExportError, ExportFormat, ExportProgress, ExportSummary};
use crate::extract::pool::ExtractorPool;
use crate::freshness;
use crate::import::ImportError;
use crate::prerequisites::{self, PrerequisiteState, PrerequisiteStatus};
use crate::preview::{self, Preview};
use crate::readiness::{self, Readiness};
use crate::search::{self, SearchError, SearchHit};
use crate::session::{self, Outcome, Session, SessionRow};
use crate::store::{Store, StoreError};
use crate::tags::{self, ControlTarget, TagError};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

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
    #[error("unknown checklist {given:?}; checklists: {known}")]
    UnknownChecklist { given: String, known: String },
    #[error("{path} is outside the evidence folder {root}")]
    OutsideFolder { path: PathBuf, root: PathBuf },
    #[error("{path} is not a file of the evidence folder {root}{hint}")]
    FileNotIndexed {
        path: String,
        root: PathBuf,
        hint: String,
    },
    #[error("{path} is missing from the evidence folder (moved out or deleted)")]
    FileMissing { path: String },
    #[error("{path} cannot be used as evidence: {reason}")]
    NotEvidence { path: String, reason: String },
    #[error("{0} is required")]
    MissingText(String),
    #[error("{0} is not something presented or demonstrated (a presentation, a verbal description, a demonstration): tag a file to it instead")]
    NotAttestable(String),
    #[error("{0:?} is not a date: write it as YYYY-MM-DD")]
    BadDate(String),
    #[error("no prerequisite {given:?} in this checklist; it has {known}")]
    UnknownPrerequisite { given: String, known: String },
    #[error("no customer example is named {given:?}; known: {known}")]
    UnknownExample { given: String, known: String },
    #[error("no session {0} in this evidence folder")]
    UnknownSession(i64),
    #[error("a session lasts 1 to 600 minutes, not {0}")]
    BadDuration(u32),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl Error {
    /// Stable machine-readable code, e.g. `unknown_control`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
            Self::Sql(_) | Self::Scan(ScanError::Store(_)) => "store",
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
            Self::FileMissing { .. } => "file_missing",
            Self::NotEvidence { .. } => "not_evidence",
            Self::MissingText(_) => "missing_text",
            Self::UnknownExample { .. } => "unknown_example",
            Self::NotAttestable(_) => "not_attestable",
            Self::BadDate(_) => "bad_date",
            Self::UnknownPrerequisite { .. } => "unknown_prerequisite",
            Self::UnknownSession(_) => "unknown_session",
            Self::BadDuration(_) => "bad_duration",
            Self::Export(e) => e.code(),
            Self::Import(e) => e.code(),
        }
    }
}

/// A file of the evidence folder as listed to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FileEntry {
    /// Relative to the evidence folder, `/`-separated.
    pub path: String,
    pub kind: FileKind,
    pub status: FileStatus,
    /// Why the status is not `ok`, in words.
    pub detail: Option<String>,
    #[ts(type = "number")]
    pub size: u64,
    /// Modification time, seconds since the Unix epoch.
    #[ts(type = "number")]
    pub modified: i64,
    pub hash: Option<String>,
    /// Control IDs, `CSN-001#2` for a tag on one evidence item.
    pub tags: Vec<String>,
    /// Other files of the folder with identical content.
    pub copies: Vec<String>,
    /// Notes the user left on this file's tags.
    pub notes: Vec<TagNote>,
    /// The date the content is from, when the user set one (`YYYY-MM-DD`).
    pub effective_date: Option<String>,
    /// The user confirmed the file is current although older than a checklist window.
    pub fresh_confirmed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TagNote {
    pub tag: String,
    pub note: String,
}

/// What a tag or untag call did, and how to undo it.
#[derive(Debug, Clone)]
pub struct TagChange {
    /// The files changed, relative to the evidence folder.
    pub paths: Vec<String>,
    /// Tags added (positive) or removed (negative).
    pub delta: i64,
    before: tags::TagSnapshot,
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
    /// The built-in checklists, then the imported ones (`import`).
    catalog: Vec<Checklist>,
    /// The tagged evidence coverage last read, and the store version it was read at: the
    /// dashboard asks again after every event, and most events change no tag.
    evidence: RefCell<Option<(StoreVersion, Arc<Vec<coverage::TaggedEvidence>>)>>,
    /// The folder this instance opened or scanned. It belongs to the instance, not the
    /// store: another window or a CLI scan of another folder must not redirect this one's
    /// tags and exports. Unset, the most recently opened folder of the store is used.
    folder: Option<Root>,
}

/// Changes when anything is written: by another connection (the watcher's, SQLite's
/// `data_version`) or by this one (`total_changes`), in the given folder.
type StoreVersion = (i64, i64, u64);

impl Dossier {
    pub fn open(db: &Path) -> Result<Self, Error> {
        let store = Store::open(db)?;
        let mut dossier = Self {
            store,
            catalog: Vec::new(),
            evidence: RefCell::new(None),
            folder: None,
        };
        dossier.reload_catalog()?;
        Ok(dossier)
    }

    /// Reads the catalog again, after an import or a removal.
    pub(crate) fn reload_catalog(&mut self) -> Result<(), Error> {
        let imported = catalog::imported::all(self.store.conn())?;
        self.catalog = catalog::builtin().to_vec();
        self.catalog
            .extend(imported.into_iter().map(|(_, checklist)| checklist));
        Ok(())
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The built-in checklists, then the imported ones.
    pub fn checklists(&self) -> &[Checklist] {
        &self.catalog
    }

    pub fn checklist(&self, id: &str) -> Result<&Checklist, Error> {
        let all = self.checklists();
        catalog::load::find(all, id).ok_or_else(|| Error::UnknownChecklist {
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
        self.scan_with(folder, pool, &OsProbe, cancel, sink)
    }

    /// [`Dossier::scan`], asking `probe` which files are cloud placeholders (tests mark files
    /// online-only on systems without placeholders).
    pub fn scan_with(
        &mut self,
        folder: &Path,
        pool: &ExtractorPool,
        probe: &dyn ResidencyProbe,
        cancel: &CancelToken,
        sink: EventSink,
    ) -> Result<ScanSummary, Error> {
        let summary = scan::scan_with(&mut self.store, folder, pool, probe, cancel, sink)?;
        self.open_folder(folder)?;
        Ok(summary)
    }

    /// Makes `folder` the active folder of this instance (and the most recent of the
    /// store) without scanning it (the app's watcher scans).
    pub fn open_folder(&mut self, folder: &Path) -> Result<Root, Error> {
        let canonical = scan::canonical_folder(folder)?;
        let root = root::open(self.store.conn(), &canonical)?;
        self.folder = Some(root.clone());
        Ok(root)
    }

    /// The folder this instance opened, else the store's most recently opened one.
    pub fn active_folder(&self) -> Result<Root, Error> {
        match &self.folder {
            Some(root) => Ok(root.clone()),
            None => root::active(self.store.conn())?.ok_or(Error::NoFolder),
        }
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

    /// Tags each file with each target, after checking every target against the catalog
    /// (nothing is written if one file or target is unknown). With `example`, the files are
    /// evidence for that customer example; without, for the example whose folder holds them
    /// (if any) or for the practice as a whole.
    pub fn tag(
        &mut self,
        files: &[&Path],
        targets: &[ControlTarget],
        note: Option<&str>,
        example: Option<&str>,
    ) -> Result<TagChange, Error> {
        for t in targets {
            tags::validate(t, self.checklists())?;
        }
        let example_id = match example {
            Some(name) => Some(self.example_id(name)?),
            None => None,
        };
        for file in files {
            let row = self.resolve_file(file)?;
            if !row.status.counts_as_evidence() {
                return Err(not_evidence(&row));
            }
        }
        self.change_tags(files, |tx, id| {
            targets
                .iter()
                .try_for_each(|t| tags::add(tx, id, t, note, example_id))
        })
    }

    fn example_id(&self, name: &str) -> Result<i64, Error> {
        let root = self.active_folder()?;
        examples::id_of(self.store.conn(), root.id, name)?.ok_or_else(|| Error::UnknownExample {
            given: name.to_string(),
            known: examples::list(self.store.conn(), root.id)
                .map(|all| {
                    all.into_iter()
                        .map(|e| e.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default(),
        })
    }

    /// The customer examples of the active folder.
    pub fn examples(&self) -> Result<Vec<CustomerExample>, Error> {
        let root = self.active_folder()?;
        Ok(examples::list(self.store.conn(), root.id)?)
    }

    /// Adds a customer example, or updates the one with the same name.
    pub fn save_example(&mut self, example: &CustomerExample) -> Result<i64, Error> {
        require_text("an example name", &example.name)?;
        let root = self.active_folder()?;
        Ok(examples::save(self.store.conn(), root.id, example)?)
    }

    /// Removes a customer example; its tags fall back to the practice as a whole.
    pub fn remove_example(&mut self, name: &str) -> Result<(), Error> {
        self.example_id(name)?;
        let root = self.active_folder()?;
        examples::remove(self.store.conn(), root.id, name)?;
        Ok(())
    }

    /// Removes the tags from each file. A missing file left with no tags leaves the index
    /// at the next scan.
    pub fn untag(
        &mut self,
        files: &[&Path],
        targets: &[ControlTarget],
    ) -> Result<TagChange, Error> {
        self.change_tags(files, |tx, id| {
            targets
                .iter()
                .try_for_each(|t| tags::remove(tx, id, t).map(drop))
        })
    }

    /// Undoes a tag change: the files' tags go back to what they were before it.
    pub fn undo(&mut self, change: &TagChange) -> Result<(), Error> {
        let tx = self.write_transaction()?;
        tags::restore(&tx, &change.before)?;
        tx.commit()?;
        Ok(())
    }

    /// A transaction that takes the write lock up front. A deferred one that reads first
    /// fails at once with "database is locked" when it tries to write while a scan holds
    /// the lock; an immediate one waits its turn (the store's busy timeout).
    fn write_transaction(&mut self) -> rusqlite::Result<rusqlite::Transaction<'_>> {
        self.store
            .conn_mut()
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
    }

    fn change_tags(
        &mut self,
        files: &[&Path],
        apply: impl Fn(&rusqlite::Transaction<'_>, i64) -> rusqlite::Result<()>,
    ) -> Result<TagChange, Error> {
        let rows = files
            .iter()
            .map(|f| self.resolve_file(f))
            .collect::<Result<Vec<_>, _>>()?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let tx = self.write_transaction()?;
        let before = tags::snapshot(&tx, &ids)?;
        for id in &ids {
            apply(&tx, *id)?;
        }
        let after = tags::snapshot(&tx, &ids)?.len();
        tx.commit()?;
        Ok(TagChange {
            paths: rows.into_iter().map(|r| r.path).collect(),
            delta: after as i64 - before.len() as i64,
            before,
        })
    }

    /// Files of the active folder, missing ones included (status `missing`).
    pub fn files(&self, query: &FileQuery) -> Result<Vec<FileEntry>, Error> {
        let root = self.active_folder()?;
        let conn = self.store.conn();
        let mut tags_by_file: HashMap<i64, (Vec<String>, Vec<TagNote>)> = HashMap::new();
        for t in tags::of_root(conn, root.id)? {
            let label = ControlTarget {
                control: t.control,
                item: t.item,
            }
            .to_string();
            let entry = tags_by_file.entry(t.file_id).or_default();
            if let Some(note) = t.note {
                entry.1.push(TagNote {
                    tag: label.clone(),
                    note,
                });
            }
            entry.0.push(label);
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
                let (tags, notes) = tags_by_file.remove(&r.id).unwrap_or_default();
                let copies = match (&r.hash, r.missing_since) {
                    (Some(h), None) => by_hash
                        .get(h.as_str())
                        .into_iter()
                        .flatten()
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
                    notes,
                    effective_date: r.effective_date.clone(),
                    fresh_confirmed: r.fresh_confirmed,
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

    /// The absolute path of an indexed, present file whose bytes Dossier may read: the only
    /// paths the app opens. Checked on disk again now, since the folder may have changed
    /// since the scan (a file swapped for a link that leaves the folder, say).
    pub fn absolute_path(&self, file: &Path) -> Result<PathBuf, Error> {
        let root = self.active_folder()?;
        let row = self.resolve_file(file)?;
        refuse_unreadable(&row)?;
        let abs = index::absolute(&root.path, &row.raw_path);
        let rel = abs.strip_prefix(&root.path).unwrap_or(&abs);
        walk::readable_file(&root.path, rel).map_err(|refused| Error::NotEvidence {
            path: row.path.clone(),
            reason: refused.reason,
        })
    }

    /// A preview of an indexed file.
    pub fn preview(&self, file: &Path) -> Result<Preview, Error> {
        let row = self.resolve_file(file)?;
        let abs = self.absolute_path(file)?;
        Ok(preview::of_file(&abs, row.kind, || {
            index::text(self.store.conn(), row.id).ok().flatten()
        }))
    }

    pub fn coverage(&self, checklist: &str) -> Result<Coverage, Error> {
        let checklist = self.checklist(checklist)?;
        let root = self.active_folder()?;
        let conn = self.store.conn();
        let examples = examples::list(conn, root.id)?;
        let mut wafr_reports = Vec::new();
        for e in &examples {
            if let Some(report) = &e.wafr_report {
                let row = index::by_raw_path(conn, root.id, report.as_bytes())?;
                if row.is_some_and(|r| r.missing_since.is_none()) {
                    wafr_reports.push((e.name.clone(), report.clone()));
                }
            }
        }
        let now = crate::store::now();
        let stale_examples = stale_case_studies(checklist, &examples, now);
        let app = coverage::Application {
            evidence: self.tagged_evidence(root.id, &examples)?,
            exemptions: exemptions::load(conn, root.id, &checklist.id)?,
            examples: examples.into_iter().map(|e| e.name).collect(),
            wafr_reports,
            stale_examples,
            attestations: attestations::of_root(conn, root.id)?,
            now,
            dropped: self.dropped_controls(checklist),
        };
        Ok(coverage::compute(checklist, &app))
    }

    fn tagged_evidence(
        &self,
        root_id: i64,
        examples: &[CustomerExample],
    ) -> Result<Arc<Vec<coverage::TaggedEvidence>>, Error> {
        let conn = self.store.conn();
        let data_version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        let version = (root_id, data_version, conn.total_changes());
        if let Some((seen, evidence)) = self.evidence.borrow().as_ref() {
            if *seen == version {
                return Ok(Arc::clone(evidence));
            }
        }
        let evidence = Arc::new(coverage::tagged_evidence(conn, root_id, examples)?);
        *self.evidence.borrow_mut() = Some((version, Arc::clone(&evidence)));
        Ok(evidence)
    }

    /// Records who will present or demonstrate an evidence item that is not a document
    /// (`POV-001#1`), or removes the attestation (`None`).
    pub fn set_attestation(
        &mut self,
        target: &ControlTarget,
        attestation: Option<(&str, Option<&str>)>,
    ) -> Result<(), Error> {
        tags::validate(target, self.checklists())?;
        let item = target
            .item
            .ok_or_else(|| Error::NotAttestable(target.to_string()))?;
        let attestable = self.checklists().iter().any(|c| {
            c.control(&target.control).is_some_and(|r| {
                r.control
                    .evidence_items
                    .get(item as usize - 1)
                    .is_some_and(|i| i.attestable)
            })
        });
        if !attestable {
            return Err(Error::NotAttestable(target.to_string()));
        }
        if let Some((presenter, _)) = attestation {
            require_text("who will present it", presenter)?;
        }
        let root = self.active_folder()?;
        Ok(attestations::set(
            self.store.conn(),
            root.id,
            &target.control,
            item,
            attestation,
        )?)
    }

    /// Sets (or clears) the date a file's content is from, when its modification time is
    /// not it; and whether the user confirmed it is current despite a checklist window.
    pub fn set_freshness(
        &mut self,
        file: &Path,
        effective_date: Option<&str>,
        confirmed: bool,
    ) -> Result<(), Error> {
        if let Some(d) = effective_date {
            freshness::parse_date(d).ok_or_else(|| Error::BadDate(d.to_string()))?;
        }
        let row = self.resolve_file(file)?;
        index::set_freshness(self.store.conn(), row.id, effective_date, confirmed)?;
        Ok(())
    }

    /// The prerequisites panel of a checklist.
    pub fn prerequisites(&self, checklist: &str) -> Result<Vec<PrerequisiteStatus>, Error> {
        let checklist = self.checklist(checklist)?;
        let root = self.active_folder()?;
        Ok(prerequisites::panel(self.store.conn(), root.id, checklist)?)
    }

    pub fn set_prerequisite(
        &mut self,
        checklist: &str,
        id: &str,
        state: PrerequisiteState,
        value: Option<&str>,
        note: Option<&str>,
    ) -> Result<(), Error> {
        let checklist = self.checklist(checklist)?;
        if !checklist.prerequisites.iter().any(|p| p.id == id) {
            return Err(Error::UnknownPrerequisite {
                given: id.to_string(),
                known: checklist
                    .prerequisites
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        let root = self.active_folder()?;
        Ok(prerequisites::set(
            self.store.conn(),
            root.id,
            &checklist.id,
            id,
            state,
            value,
            note,
        )?)
    }

    /// The waivers and not-applicable marks of one checklist in the active folder.
    pub fn exemptions(&self, checklist: &str) -> Result<exemptions::Exemptions, Error> {
        let checklist = self.checklist(checklist)?;
        let root = self.active_folder()?;
        Ok(exemptions::load(self.store.conn(), root.id, &checklist.id)?)
    }

    /// Switches a waiver of one checklist on (with its reason and an optional reference,
    /// e.g. the FTR approval) or off (`None`).
    pub fn set_waiver(
        &mut self,
        checklist: &str,
        kind: WaiverKind,
        on: Option<(&str, Option<&str>)>,
    ) -> Result<(), Error> {
        let checklist = self.checklist(checklist)?;
        if let Some((reason, _)) = on {
            require_text("a waiver reason", reason)?;
        }
        let root = self.active_folder()?;
        Ok(exemptions::set_waiver(
            self.store.conn(),
            root.id,
            &checklist.id,
            kind,
            on,
        )?)
    }

    /// Marks a control of one checklist not applicable, with a justification, or applicable
    /// again (`None`).
    pub fn set_not_applicable(
        &mut self,
        checklist: &str,
        control: &str,
        justification: Option<&str>,
    ) -> Result<(), Error> {
        let checklist = self.checklist(checklist)?;
        let target: ControlTarget = control.parse()?;
        if checklist.control(&target.control).is_none() {
            tags::validate(&target, std::slice::from_ref(checklist))?;
        }
        if let Some(j) = justification {
            require_text("a justification", j)?;
        }
        let root = self.active_folder()?;
        Ok(exemptions::set_not_applicable(
            self.store.conn(),
            root.id,
            &checklist.id,
            &target.control,
            justification,
        )?)
    }

    /// A snapshot of one checklist's application for the exports (see `export`).
    pub fn report(&self, checklist: &str) -> Result<Report, Error> {
        let coverage = self.coverage(checklist)?;
        let checklist = self.checklist(checklist)?;
        let root = self.active_folder()?;
        let session = match session::latest(self.store.conn(), root.id, &checklist.id, false)? {
            Some(row) => Some(self.session_view(row)?),
            None => None,
        };
        let listed: HashSet<&str> = coverage
            .controls
            .iter()
            .flat_map(|c| c.files.iter().map(String::as_str))
            .collect();
        let mut parts = report::Parts {
            generated_at: crate::store::now(),
            prerequisites: self.prerequisites(&checklist.id)?,
            waivers: self.exemptions(&checklist.id)?.waivers,
            session,
            ..Default::default()
        };
        for entry in self.files(&FileQuery::default())? {
            for n in entry.notes {
                let control = n.tag.split('#').next().unwrap_or_default().to_string();
                let note = (entry.path.clone(), n.note);
                parts.notes.entry(control).or_default().push(note);
            }
        }
        for row in index::all(self.store.conn(), root.id)? {
            let packable = row.missing_since.is_none() && row.status.is_readable_evidence();
            if packable && listed.contains(row.path.as_str()) {
                let file = report::ReportFile {
                    absolute: index::absolute(&root.path, &row.raw_path),
                    hash: row.hash,
                    size: row.size,
                };
                parts.files.insert(row.path, file);
            } else if row.status == FileStatus::OnlineOnly
                && row.missing_since.is_none()
                && listed.contains(row.path.as_str())
            {
                parts.online_only.push(row.path);
            }
        }
        parts.root = root.path;
        Ok(Report::new(checklist, coverage, parts))
    }

    /// Writes one export of a checklist at `out` (see `export::write`).
    pub fn export(
        &self,
        checklist: &str,
        format: ExportFormat,
        out: &Path,
        progress: &mut dyn FnMut(ExportProgress),
        cancel: &CancelToken,
    ) -> Result<ExportSummary, Error> {
        let report = self.report(checklist)?;
        Ok(crate::export::write(
            &report, format, out, progress, cancel,
        )?)
    }

    /// The session of a checklist not ended yet, to resume after a restart.
    pub fn open_session(&self, checklist: &str) -> Result<Option<Session>, Error> {
        let checklist = self.checklist(checklist)?;
        let root = self.active_folder()?;
        match session::latest(self.store.conn(), root.id, &checklist.id, true)? {
            Some(row) => Ok(Some(self.session_view(row)?)),
            None => Ok(None),
        }
    }

    /// Starts a validation session for a checklist, or returns the one already running.
    pub fn start_session(
        &mut self,
        checklist: &str,
        planned_minutes: u32,
    ) -> Result<Session, Error> {
        if !(1..=600).contains(&planned_minutes) {
            return Err(Error::BadDuration(planned_minutes));
        }
        if let Some(open) = self.open_session(checklist)? {
            return Ok(open);
        }
        let checklist = self.checklist(checklist)?;
        let root = self.active_folder()?;
        let id = session::start(
            self.store.conn(),
            root.id,
            &checklist.id,
            planned_minutes,
            crate::store::now(),
        )?;
        self.session(id)
    }

    pub fn session(&self, id: i64) -> Result<Session, Error> {
        self.session_view(self.session_row(id)?)
    }

    /// Records the reviewer's outcome for one control of the session's checklist, or clears
    /// it (`None`). Written at once: nothing is lost if the app dies a second later.
    pub fn record_outcome(
        &mut self,
        id: i64,
        control: &str,
        outcome: Option<(Outcome, Option<&str>)>,
    ) -> Result<Session, Error> {
        let control = self.session_control(id, control)?;
        let note = outcome
            .and_then(|(_, n)| n)
            .filter(|n| !n.trim().is_empty());
        session::record(
            self.store.conn(),
            id,
            &control,
            outcome.map(|(o, _)| (o, note)),
            crate::store::now(),
        )?;
        self.session(id)
    }

    /// Remembers the control on screen, so a reopened app resumes there.
    pub fn move_session(&mut self, id: i64, control: &str) -> Result<(), Error> {
        let control = self.session_control(id, control)?;
        Ok(session::set_position(self.store.conn(), id, &control)?)
    }

    /// Hides (or shows again) private notes and folder paths while the screen is shared.
    pub fn set_presenting(&mut self, id: i64, presenting: bool) -> Result<(), Error> {
        self.session_row(id)?;
        Ok(session::set_presenting(self.store.conn(), id, presenting)?)
    }

    pub fn end_session(&mut self, id: i64) -> Result<Session, Error> {
        self.session_row(id)?;
        session::end(self.store.conn(), id, crate::store::now())?;
        self.session(id)
    }

    fn session_row(&self, id: i64) -> Result<SessionRow, Error> {
        let root = self.active_folder()?;
        session::load(self.store.conn(), id)?
            .filter(|s| s.root_id == root.id)
            .ok_or(Error::UnknownSession(id))
    }

    /// The control's ID as the session's checklist spells it; unknown IDs are refused with
    /// the closest ones.
    fn session_control(&self, id: i64, control: &str) -> Result<String, Error> {
        let row = self.session_row(id)?;
        let checklist = self.checklist(&row.checklist)?;
        let target: ControlTarget = control.parse()?;
        tags::validate(&target, std::slice::from_ref(checklist))?;
        checklist
            .control(&target.control)
            .map(|c| c.control.id.clone())
            .ok_or_else(|| {
                Error::Tag(TagError::UnknownControl {
                    given: target.control.clone(),
                    closest: Vec::new(),
                })
            })
    }

    fn session_view(&self, row: SessionRow) -> Result<Session, Error> {
        let coverage = self.coverage(&row.checklist)?;
        let order: Vec<&str> = coverage.controls.iter().map(|c| c.id.as_str()).collect();
        let walked: Vec<&str> = coverage
            .controls
            .iter()
            .filter(|c| c.status.is_required())
            .map(|c| c.id.as_str())
            .collect();
        Ok(Session::new(row, &order, &walked, crate::store::now()))
    }

    /// The readiness check before validation day (see [`readiness`]): the tagged files of
    /// the active folder that are online only, missing, unreadable or outside the folder,
    /// for `checklist`'s controls, or for every tag without one.
    pub fn readiness(&self, checklist: Option<&str>) -> Result<Readiness, Error> {
        let root = self.active_folder()?;
        let checklist = checklist.map(|id| self.checklist(id)).transpose()?;
        Ok(readiness::check(
            self.store.conn(),
            root.id,
            checklist.map(|c| c.id.clone()),
            |control| checklist.is_none_or(|c| c.control(control).is_some()),
        )?)
    }

    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, Error> {
        let root = self.active_folder()?;
        Ok(search::search(self.store.conn(), root.id, query, limit)?)
    }
}

/// Examples whose go-live is older than the window the checklist's prerequisites give for
/// case studies ("deployments … performed within the past 18 months").
fn stale_case_studies(
    checklist: &Checklist,
    examples: &[CustomerExample],
    now: i64,
) -> Vec<String> {
    let window = checklist
        .prerequisites
        .iter()
        .filter(|p| p.text.to_lowercase().contains("case stud"))
        .find_map(|p| {
            p.text
                .split(". ")
                .filter(|s| s.contains("deployment"))
                .find_map(freshness::window_months)
        });
    let Some(months) = window else {
        return Vec::new();
    };
    examples
        .iter()
        .filter(|e| {
            e.go_live
                .as_deref()
                .and_then(freshness::parse_date)
                .is_some_and(|d| freshness::is_stale(d, months, now))
        })
        .map(|e| e.name.clone())
        .collect()
}

/// Missing files and links that leave the folder are never read, opened or tagged.
fn refuse_unreadable(row: &FileRow) -> Result<(), Error> {
    if row.missing_since.is_some() {
        return Err(Error::FileMissing {
            path: row.path.clone(),
        });
    }
    if !row.status.is_readable_evidence() {
        return Err(not_evidence(row));
    }
    Ok(())
}

fn not_evidence(row: &FileRow) -> Error {
    Error::NotEvidence {
        path: row.path.clone(),
        reason: row.detail.clone().unwrap_or_default(),
    }
}

/// Waivers and N/A need a reason a reviewer can read.
fn require_text(what: &str, text: &str) -> Result<(), Error> {
    if text.trim().is_empty() {
        return Err(Error::MissingText(what.to_string()));
    }
    Ok(())
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
