//! Suggested tags: the controls a file looks like evidence for, with a confidence and the
//! reason in words. Never applied silently: the user accepts (which tags) or rejects (which
//! is remembered for that file, through renames).
//!
//! Offline and explainable: a curated vocabulary links the checklist's wording to the
//! words documents use (`vocabulary`), and `score` weighs a file's text, name and folders.

mod lexical;
pub mod score;
pub mod vocabulary;

use crate::api::{Dossier, Error, TagChange};
use crate::evidence::index::{self, FileRow};
use crate::evidence::kind::FileKind;
use crate::evidence::status::FileStatus;
use crate::examples;
use crate::tags::{self, ControlTarget};
use rusqlite::{params, Connection};
use score::{profiles, FileView};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;

/// Below this a suggestion is not shown.
pub const MINIMUM: f64 = 0.3;
/// From here a suggestion is strong: the first pass (`suggest --accept-above`) takes these.
pub const STRONG: f64 = 0.8;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Suggestion {
    pub control: String,
    /// 0–1.
    pub confidence: f64,
    /// E.g. "root cause analysis (mentions root cause, timeline and impact; file name: rca)".
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FileSuggestions {
    pub path: String,
    /// An image or a scan: nothing to read, so nothing is guessed; a person should look.
    pub needs_a_look: bool,
    /// Best first; controls the file is already tagged with, or rejected for, left out.
    pub suggestions: Vec<Suggestion>,
    /// The customer example the file's folder belongs to, and why.
    pub example: Option<String>,
    pub example_reason: Option<String>,
}

/// A file that looks like evidence for one control.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ControlSuggestion {
    pub path: String,
    pub confidence: f64,
    pub reason: String,
}

impl Dossier {
    /// Suggestions for every present file of the active folder, or for one file.
    pub fn suggestions(&self, file: Option<&Path>) -> Result<Vec<FileSuggestions>, Error> {
        let root = self.active_folder()?;
        let conn = self.store().conn();
        let rows = match file {
            Some(f) => vec![self.resolve_file(f)?],
            None => index::all(conn, root.id)?,
        };
        let vocabulary = vocabulary::builtin();
        let profiles = profiles(self.checklists(), vocabulary);
        let tagged = tagged_controls(conn, root.id)?;
        let rejected = rejected(conn)?;
        let examples = examples::list(conn, root.id)?;
        let mut out = Vec::new();
        let evidence = rows
            .iter()
            .filter(|r| r.missing_since.is_none() && r.status.is_readable_evidence());
        for row in evidence {
            let needs_a_look = is_unreadable_picture(row);
            let text = if needs_a_look {
                None
            } else {
                index::text(conn, row.id)?.filter(|t| !t.trim().is_empty())
            };
            let skip = |c: &str| {
                tagged.contains(&(row.id, c.to_string()))
                    || rejected.contains(&(row.id, c.to_string()))
            };
            let suggestions = if needs_a_look {
                Vec::new()
            } else {
                let view = FileView {
                    path: &row.path,
                    text: text.as_deref(),
                };
                score::score(&view, &profiles, vocabulary, MINIMUM)
                    .into_iter()
                    .filter(|s| !skip(&s.control))
                    .take(5)
                    .map(|s| Suggestion {
                        control: s.control,
                        confidence: s.confidence,
                        reason: s.reason,
                    })
                    .collect()
            };
            let example = examples::by_folder(&examples, &row.path);
            out.push(FileSuggestions {
                path: row.path.clone(),
                needs_a_look,
                suggestions,
                example_reason: example.map(|e| {
                    format!(
                        "in folder '{}' → customer example {}",
                        e.folder.as_deref().unwrap_or_default(),
                        e.name
                    )
                }),
                example: example.map(|e| e.name.clone()),
            });
        }
        Ok(out)
    }

    /// Files that look like evidence for `control` and are not tagged with it, best first:
    /// "3 files look like evidence for this gap".
    pub fn suggestions_for(&self, control: &str) -> Result<Vec<ControlSuggestion>, Error> {
        let target: ControlTarget = control.parse()?;
        tags::validate(&target, self.checklists())?;
        let mut found: Vec<ControlSuggestion> = self
            .suggestions(None)?
            .into_iter()
            .filter_map(|f| {
                let s = f
                    .suggestions
                    .into_iter()
                    .find(|s| s.control.eq_ignore_ascii_case(&target.control))?;
                Some(ControlSuggestion {
                    path: f.path,
                    confidence: s.confidence,
                    reason: s.reason,
                })
            })
            .collect();
        found.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        Ok(found)
    }

    /// Never suggest `control` for `file` again.
    pub fn reject_suggestion(&mut self, file: &Path, control: &str) -> Result<(), Error> {
        let target: ControlTarget = control.parse()?;
        tags::validate(&target, self.checklists())?;
        let row = self.resolve_file(file)?;
        self.store().conn().execute(
            "INSERT OR IGNORE INTO suggestion_rejections(file_id, control_id) VALUES (?1, ?2)",
            params![row.id, target.control],
        )?;
        Ok(())
    }

    /// Tags every file with its suggestions of at least `threshold`: a first pass the user
    /// then reviews. Returns (file, controls) per file tagged.
    pub fn accept_above(&mut self, threshold: f64) -> Result<Vec<(String, Vec<String>)>, Error> {
        let mut accepted = Vec::new();
        for f in self.suggestions(None)? {
            let controls: Vec<String> = f
                .suggestions
                .iter()
                .filter(|s| s.confidence >= threshold)
                .map(|s| s.control.clone())
                .collect();
            if controls.is_empty() {
                continue;
            }
            let targets = controls
                .iter()
                .map(|c| c.parse())
                .collect::<Result<Vec<ControlTarget>, _>>()?;
            let change: TagChange =
                self.tag(&[Path::new(&f.path)], &targets, None, f.example.as_deref())?;
            if change.delta > 0 {
                accepted.push((f.path, controls));
            }
        }
        Ok(accepted)
    }
}

/// Images, scans and formats Dossier has no reader for have no words to read: they are
/// flagged, not guessed.
fn is_unreadable_picture(row: &FileRow) -> bool {
    row.kind == FileKind::Image
        || matches!(row.status, FileStatus::NoTextLayer | FileStatus::NotRead)
}

/// (file, control) of every tag of the root, whole-control and per-item alike.
fn tagged_controls(conn: &Connection, root_id: i64) -> rusqlite::Result<HashSet<(i64, String)>> {
    Ok(tags::of_root(conn, root_id)?
        .into_iter()
        .map(|t| (t.file_id, t.control))
        .collect())
}

fn rejected(conn: &Connection) -> rusqlite::Result<HashSet<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT file_id, control_id FROM suggestion_rejections")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
