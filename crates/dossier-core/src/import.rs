//! Bringing in a checklist that is not built in, or a new version of one: read it, show
//! what was found and what changed against the version it follows, then save it.
//!
//! Tags are keyed by control ID, so a new version's controls find their evidence at once;
//! the tags of controls it drops stay in the store and show on its dashboard under "no
//! longer in this version" (`coverage::retired`).

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use crate::api::{Dossier, Error};
use crate::catalog::bounds::{Counted, TooMany};
use crate::catalog::diff::{diff, ChecklistDiff};
use crate::catalog::findings::{self, Findings};
use crate::catalog::imported::{self, ImportedChecklist, StoredChecklistError};
use crate::catalog::naming::{family, version_key};
use crate::catalog::source::{Source, SourceError, SourceFormat};
use crate::catalog::{self, Checklist, ParseError};
use crate::coverage::DroppedControl;
use crate::tags;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(
        "{id} is built in, and this text differs from it in {changes} control(s): Dossier \
         keeps the built-in text. A newer revision states a newer version or date under its \
         title; run `dossier diff {id} FILE` to see the differences"
    )]
    BuiltinConflict { id: String, changes: usize },
    #[error("{0} is built in; only imported checklists can be removed")]
    BuiltIn(String),
    #[error("cannot save the checklist: {0}")]
    Store(#[from] StoredChecklistError),
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Source(SourceError::Unreadable { .. }) => "import_unreadable",
            Self::Source(SourceError::NotAFile { .. }) => "import_not_a_file",
            Self::Source(SourceError::TooLarge { .. }) => "import_too_large",
            Self::Source(SourceError::TooDeep { .. }) => "import_too_deep",
            Self::Source(SourceError::TooMany { source, .. }) => too_many(source),
            Self::Source(SourceError::Parse { source, .. }) => match source {
                ParseError::Empty => "empty_checklist",
                ParseError::NotText { .. } => "not_text",
                ParseError::NoControls => "no_controls",
                ParseError::DuplicateControl { .. } => "duplicate_control",
                ParseError::OutsideSection { .. } => "outside_section",
                ParseError::TooMany(over) => too_many(over),
            },
            Self::Source(SourceError::DataFile(catalog::LoadError::DuplicateControl {
                ..
            })) => "duplicate_control",
            Self::Source(SourceError::DataFile(_)) => "bad_checklist_file",
            Self::Source(SourceError::BadId { .. }) => "bad_checklist_id",
            Self::BuiltinConflict { .. } => "builtin_conflict",
            Self::BuiltIn(_) => "builtin_checklist",
            Self::Store(_) => "store",
        }
    }
}

fn too_many(over: &TooMany) -> &'static str {
    match over.what {
        Counted::Controls => "import_too_many_controls",
        Counted::Prerequisites => "import_too_many_prerequisites",
        Counted::EvidenceItems { .. } => "import_too_many_evidence_items",
        Counted::Headings => "import_too_many_headings",
    }
}

/// What importing a source does, or did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[ts(export)]
pub enum ImportOutcome {
    /// A checklist the catalog has no version of.
    New,
    /// A version of a checklist already in the catalog; `diff` compares with `previous`.
    NewVersion { previous: String },
    /// The same id as an earlier import, with changes; `diff` compares with it.
    Replaces,
    /// Identical to a checklist already in the catalog: nothing to save.
    Unchanged { builtin: bool },
}

/// How the tags of the active folder fare under the new version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TagCarry {
    /// Tags on controls both versions have: they count for the new version as they are.
    #[ts(type = "number")]
    pub carried: usize,
    /// Tags on controls the new version drops: kept, shown as "no longer in this version".
    #[ts(type = "number")]
    pub on_removed: usize,
    /// Controls whose evidence items changed and that have tags on items by number
    /// (`OPE-002#3`): worth checking the numbers still point at the right item.
    pub item_tags_to_check: Vec<String>,
}

/// What was found in a source, shown before saving and returned after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportPreview {
    pub checklist: Checklist,
    /// The file name, or "pasted text".
    pub source: String,
    pub format: SourceFormat,
    pub findings: Findings,
    pub outcome: ImportOutcome,
    pub diff: Option<ChecklistDiff>,
    pub tags: TagCarry,
    /// Whether the checklist is now in the catalog (false for a dry run or no change).
    pub saved: bool,
}

/// An imported checklist that was removed from the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RemovedChecklist {
    pub id: String,
    /// Tags on controls no other checklist has: kept in the store, unseen until a
    /// checklist with those controls is imported again.
    #[ts(type = "number")]
    pub orphaned_tags: usize,
}

/// A source read as a checklist, before the store is consulted: made by [`Source::parse`],
/// which needs no [`Dossier`], so a slow parse never holds the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedChecklist {
    pub checklist: Checklist,
    /// The file name, or "pasted text".
    pub source: String,
    pub format: SourceFormat,
    /// Lines that look like a control but were not read as one.
    pub unplaced: Vec<String>,
}

impl Source {
    /// Reads this source as a checklist, refusing what is malformed or too large.
    pub fn parse(&self) -> Result<ParsedChecklist, ImportError> {
        let (reading, format) = self.checklist()?;
        Ok(ParsedChecklist {
            checklist: reading.checklist,
            source: self.name.clone(),
            format,
            unplaced: reading.unplaced,
        })
    }
}

impl Dossier {
    /// Reads `source` and says what importing it would do, saving nothing.
    pub fn preview_import(&self, source: &Source) -> Result<ImportPreview, Error> {
        self.preview_parsed(&source.parse()?)
    }

    /// Imports `source` into the catalog, unless it changes nothing; says what it found.
    pub fn import_checklist(&mut self, source: &Source) -> Result<ImportPreview, Error> {
        self.import_parsed(source.parse()?)
    }

    /// Says what importing a parsed checklist would do, saving nothing.
    pub fn preview_parsed(&self, parsed: &ParsedChecklist) -> Result<ImportPreview, Error> {
        self.preview_of(parsed.clone())
    }

    /// Imports a parsed checklist into the catalog, unless it changes nothing.
    pub fn import_parsed(&mut self, parsed: ParsedChecklist) -> Result<ImportPreview, Error> {
        let mut preview = self.preview_of(parsed)?;
        if !matches!(preview.outcome, ImportOutcome::Unchanged { .. }) {
            imported::save(
                self.store().conn(),
                &preview.checklist,
                &preview.source,
                preview.format,
            )
            .map_err(ImportError::from)?;
            self.reload_catalog()?;
            preview.saved = true;
        }
        Ok(preview)
    }

    fn preview_of(&self, parsed: ParsedChecklist) -> Result<ImportPreview, Error> {
        let ParsedChecklist {
            checklist,
            source,
            format,
            unplaced,
        } = parsed;
        let builtin = catalog::builtin().iter().find(|c| c.id == checklist.id);
        let existing = self.checklists().iter().find(|c| c.id == checklist.id);
        let (outcome, compared) = match (existing, builtin) {
            (Some(same), _) if *same == checklist => (
                ImportOutcome::Unchanged {
                    builtin: builtin.is_some(),
                },
                None,
            ),
            (_, Some(shipped)) => {
                return Err(ImportError::BuiltinConflict {
                    changes: diff(shipped, &checklist).changed_controls().max(1),
                    id: checklist.id,
                }
                .into());
            }
            (Some(stored), None) => (ImportOutcome::Replaces, Some(stored)),
            (None, None) => match self.previous_version(&checklist) {
                Some(previous) => (
                    ImportOutcome::NewVersion {
                        previous: previous.id.clone(),
                    },
                    Some(previous),
                ),
                None => (ImportOutcome::New, None),
            },
        };
        let diff = compared.map(|before| diff(before, &checklist));
        let tags = match &diff {
            Some(d) => self.tag_carry(d)?,
            None => TagCarry::default(),
        };
        Ok(ImportPreview {
            findings: Findings {
                unplaced,
                ..findings::find(&checklist, self.checklists())
            },
            checklist,
            source,
            format,
            outcome,
            diff,
            tags,
            saved: false,
        })
    }

    /// Removes an imported checklist from the catalog. Its tags stay in the store.
    pub fn remove_checklist(&mut self, id: &str) -> Result<RemovedChecklist, Error> {
        let checklist = self.checklist(id)?.clone();
        if !imported::exists(self.store().conn(), &checklist.id)? {
            return Err(ImportError::BuiltIn(checklist.id).into());
        }
        imported::remove(self.store().conn(), &checklist.id)?;
        self.reload_catalog()?;
        let mut orphaned_tags = 0;
        if let Ok(root) = self.active_folder() {
            for r in checklist.controls() {
                let id = &r.control.id;
                if self.checklists().iter().all(|c| c.control(id).is_none()) {
                    orphaned_tags += tags::count(self.store().conn(), root.id, id, false)?;
                }
            }
        }
        Ok(RemovedChecklist {
            orphaned_tags,
            id: checklist.id,
        })
    }

    /// The imported checklists and where each came from.
    pub fn imported_checklists(&self) -> Result<Vec<ImportedChecklist>, Error> {
        Ok(imported::all(self.store().conn())?
            .into_iter()
            .map(|(info, _)| info)
            .collect())
    }

    /// What changed from checklist `from` to checklist `to`: each a checklist of the
    /// catalog, or a checklist file not imported yet (to see a revision before importing).
    pub fn diff_checklists(&self, from: &str, to: &str) -> Result<ChecklistDiff, Error> {
        Ok(diff(
            &self.checklist_or_file(from)?,
            &self.checklist_or_file(to)?,
        ))
    }

    fn checklist_or_file(&self, arg: &str) -> Result<Checklist, Error> {
        match self.checklist(arg) {
            Ok(checklist) => Ok(checklist.clone()),
            Err(unknown) if !Path::new(arg).is_file() => Err(unknown),
            Err(_) => {
                let source = Source::read(Path::new(arg)).map_err(ImportError::from)?;
                Ok(source.parse()?.checklist)
            }
        }
    }

    /// Controls that versions earlier than `checklist` had and it does not, newest first.
    pub(crate) fn dropped_controls(&self, checklist: &Checklist) -> Vec<DroppedControl> {
        let Some(key) = version_key(&checklist.version) else {
            return Vec::new();
        };
        let mut earlier: Vec<&Checklist> = self
            .checklists()
            .iter()
            .filter(|c| family(&c.id) == family(&checklist.id) && c.id != checklist.id)
            .filter(|c| version_key(&c.version).is_some_and(|k| k < key))
            .collect();
        earlier.sort_by_key(|c| std::cmp::Reverse(version_key(&c.version)));
        let mut seen = HashSet::new();
        earlier
            .iter()
            .flat_map(|c| c.controls().map(move |r| (c, r)))
            .filter(|(_, r)| checklist.control(&r.control.id).is_none())
            .filter(|(_, r)| seen.insert(r.control.id.clone()))
            .map(|(c, r)| DroppedControl {
                id: r.control.id.clone(),
                title: r.control.title.clone(),
                version: c.version.clone(),
            })
            .collect()
    }

    /// The version `checklist` follows: the latest earlier version of its family, else
    /// (for a version older than all, or undated) the latest one in the catalog.
    fn previous_version(&self, checklist: &Checklist) -> Option<&Checklist> {
        let key = version_key(&checklist.version);
        let mut versions: Vec<&Checklist> = self
            .checklists()
            .iter()
            .filter(|c| family(&c.id) == family(&checklist.id) && c.id != checklist.id)
            .collect();
        versions.sort_by_key(|c| version_key(&c.version));
        let earlier = versions
            .iter()
            .rev()
            .find(|c| key.is_some() && version_key(&c.version) < key);
        earlier.or(versions.last()).copied()
    }

    fn tag_carry(&self, diff: &ChecklistDiff) -> Result<TagCarry, Error> {
        let Ok(root) = self.active_folder() else {
            return Ok(TagCarry::default());
        };
        let conn = self.store().conn();
        let count = |id: &str, items_only| tags::count(conn, root.id, id, items_only);
        let removed: HashSet<&str> = diff.removed.iter().map(|c| c.id.as_str()).collect();
        let mut carry = TagCarry::default();
        for r in self.checklist(&diff.from)?.controls() {
            let id = r.control.id.as_str();
            match removed.contains(id) {
                true => carry.on_removed += count(id, false)?,
                false => carry.carried += count(id, false)?,
            }
        }
        for change in &diff.evidence_changed {
            if count(&change.id, true)? > 0 {
                carry.item_tags_to_check.push(change.id.clone());
            }
        }
        Ok(carry)
    }
}
