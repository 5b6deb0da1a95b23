//! The snapshot every export renders: one checklist's coverage, prerequisites, waivers and
//! session outcomes, with each tagged file's absolute path and hash for copying.

use crate::catalog::Checklist;
use crate::coverage::{ControlCoverage, ControlStatus, Coverage};
use crate::exemptions::Waiver;
use crate::prerequisites::PrerequisiteStatus;
use crate::session::{OutcomeRecord, Session};
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Report {
    pub checklist: String,
    pub name: String,
    pub version: String,
    /// Seconds since the epoch.
    pub generated_at: i64,
    /// The evidence folder, canonical.
    pub root: PathBuf,
    pub percent: f64,
    pub coverage: Coverage,
    pub prerequisites: Vec<PrerequisiteStatus>,
    pub waivers: Vec<Waiver>,
    /// In checklist order.
    pub controls: Vec<ReportControl>,
    /// The latest session of this checklist, if one ran.
    pub session: Option<Session>,
    /// Relative path → the file as indexed, for every file a control lists.
    pub files: HashMap<String, ReportFile>,
    /// Files a control lists that are online-only placeholders: never read, so a pack
    /// cannot copy them and names them instead.
    pub online_only: Vec<String>,
    /// Tagged files a pack left out, with why (empty outside a pack), in path order.
    pub not_copied: Vec<NotCopied>,
}

/// A tagged file a pack did not copy: one that is not the folder's own regular file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCopied {
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct ReportControl {
    pub coverage: ControlCoverage,
    pub requirement: String,
    /// The user's notes on this control's tags: (file, note). Private: the spreadsheet for
    /// the partner team shows them, the report for the reviewer does not.
    pub notes: Vec<(String, String)>,
    pub outcome: Option<OutcomeRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    pub absolute: PathBuf,
    /// blake3 of the content when indexed; a pack copy must hash the same.
    pub hash: Option<String>,
    pub size: u64,
}

impl Report {
    pub fn new(checklist: &Checklist, coverage: Coverage, parts: Parts) -> Self {
        let outcomes: HashMap<&str, &OutcomeRecord> = parts
            .session
            .iter()
            .flat_map(|s| s.outcomes.iter())
            .map(|o| (o.control.as_str(), o))
            .collect();
        let controls = coverage
            .controls
            .iter()
            .map(|c| ReportControl {
                requirement: checklist
                    .control(&c.id)
                    .map(|r| r.control.requirement.clone())
                    .unwrap_or_default(),
                notes: parts.notes.get(&c.id).cloned().unwrap_or_default(),
                outcome: outcomes.get(c.id.as_str()).map(|o| (*o).clone()),
                coverage: c.clone(),
            })
            .collect();
        Self {
            checklist: checklist.id.clone(),
            name: checklist.name.clone(),
            version: checklist.version.clone(),
            generated_at: parts.generated_at,
            root: parts.root,
            percent: coverage.percent,
            prerequisites: parts.prerequisites,
            waivers: parts.waivers,
            controls,
            session: parts.session,
            files: parts.files,
            online_only: parts.online_only,
            not_copied: Vec::new(),
            coverage,
        }
    }

    /// The title of a control of this checklist ("" if it has none by that ID).
    pub fn title_of(&self, id: &str) -> &str {
        self.controls
            .iter()
            .find(|c| c.coverage.id == id)
            .map_or("", |c| c.coverage.title.as_str())
    }

    /// Controls that still lack evidence (gap or partial), in checklist order.
    pub fn open_controls(&self) -> Vec<&ReportControl> {
        self.controls
            .iter()
            .filter(|c| {
                matches!(
                    c.coverage.status,
                    ControlStatus::Gap | ControlStatus::Partial
                )
            })
            .collect()
    }

    /// Present files of one control with the evidence items each answers (empty: the
    /// control as a whole), in path order.
    pub fn files_of(&self, control: &ReportControl) -> Vec<(String, Vec<u32>)> {
        control
            .coverage
            .files
            .iter()
            .map(|f| {
                let items = control
                    .coverage
                    .items
                    .iter()
                    .filter(|i| i.files.contains(f))
                    .map(|i| i.number)
                    .collect();
                (f.clone(), items)
            })
            .collect()
    }
}

/// What the store gives a report besides the coverage.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    pub generated_at: i64,
    pub root: PathBuf,
    pub prerequisites: Vec<PrerequisiteStatus>,
    pub waivers: Vec<Waiver>,
    pub session: Option<Session>,
    /// Control ID → (file, note).
    pub notes: HashMap<String, Vec<(String, String)>>,
    pub files: HashMap<String, ReportFile>,
    /// Files a control lists that are online-only: not in `files`, named by a pack.
    pub online_only: Vec<String>,
}

/// The words a report uses for a status.
pub fn status_label(status: ControlStatus) -> &'static str {
    match status {
        ControlStatus::Covered => "Covered",
        ControlStatus::Partial => "Partial",
        ControlStatus::Gap => "Gap",
        ControlStatus::Waived => "Waived",
        ControlStatus::NotApplicable => "Not applicable",
    }
}

/// The folder name of a control in a pack before it is made unique and cut to fit:
/// `PRJ-003 Statement of Work`.
pub fn control_folder(control: &ControlCoverage) -> String {
    format!("{} {}", control.id, control.title)
}
