//! Coverage of a checklist by the tagged evidence: the dashboard's numbers, computed here
//! and only here (the UI renders them, it never recomputes them).
//!
//! A control is `covered` when every evidence item has at least one present file (a tag on
//! the control as a whole answers all of its items), `partial` when some do, `gap` when
//! none do. Missing (deleted) files never count. Tags are keyed by control ID, so a file
//! tagged PRJ-003 counts for PRJ-003 in every checklist that has it.

use crate::attestations::Attestation;
use crate::catalog::{Checklist, ControlRef, EvidenceItem, ScopeRule};
use crate::evidence::status::FileStatus;
use crate::examples::{by_folder, CustomerExample};
use crate::exemptions::{Exempt, Exemptions};
use crate::freshness;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ControlStatus {
    Covered,
    Partial,
    Gap,
    /// Waived by a switch the checklist offers (see `exemptions`).
    Waived,
    /// Marked not applicable by the user, with a justification.
    NotApplicable,
}

impl ControlStatus {
    /// Whether the control still needs evidence (and so counts toward readiness).
    pub fn is_required(self) -> bool {
        !matches!(self, Self::Waived | Self::NotApplicable)
    }
}

/// One tagged file, as coverage sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedEvidence {
    pub control: String,
    pub item: Option<u32>,
    pub path: String,
    pub status: FileStatus,
    pub note: Option<String>,
    /// The customer example this evidence is for: the tag's own, else by the file's folder.
    pub example: Option<String>,
    /// When the content dates from (effective date, else modification time), epoch seconds.
    pub dated: i64,
    /// The user confirmed the file is current even if older than a checklist window.
    pub confirmed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Coverage {
    pub checklist: String,
    pub name: String,
    pub version: String,
    /// Readiness: the share of evidence items answered, over all controls, 0–100.
    pub percent: f64,
    #[ts(type = "number")]
    pub covered: usize,
    #[ts(type = "number")]
    pub partial: usize,
    #[ts(type = "number")]
    pub gap: usize,
    #[ts(type = "number")]
    pub waived: usize,
    #[ts(type = "number")]
    pub not_applicable: usize,
    /// IDs of the controls with status `gap`, in checklist order.
    pub gaps: Vec<String>,
    /// Customer examples whose go-live is older than the checklist's case-study window.
    pub stale_examples: Vec<String>,
    pub sections: Vec<SectionCoverage>,
    pub controls: Vec<ControlCoverage>,
    /// Controls of earlier versions that this version no longer has, with their evidence:
    /// shown under "no longer in this version", never counted.
    pub retired: Vec<RetiredControl>,
}

/// A control an earlier version of the checklist had, with the files still tagged to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RetiredControl {
    pub id: String,
    pub title: String,
    /// The latest version that had the control.
    pub version: String,
    pub files: Vec<String>,
    pub missing_files: Vec<String>,
}

/// A control of an earlier version that the checklist dropped (see `RetiredControl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedControl {
    pub id: String,
    pub title: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SectionCoverage {
    pub title: String,
    pub percent: f64,
    #[ts(type = "number")]
    pub covered: usize,
    #[ts(type = "number")]
    pub partial: usize,
    #[ts(type = "number")]
    pub gap: usize,
    #[ts(type = "number")]
    pub waived: usize,
    #[ts(type = "number")]
    pub not_applicable: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ControlCoverage {
    pub id: String,
    pub title: String,
    pub section: String,
    pub category: String,
    pub status: ControlStatus,
    /// Share of the control's evidence answered, 0–1 (partial credit per customer example).
    pub progress: f64,
    pub items: Vec<ItemCoverage>,
    /// Texts of the evidence items no present file answers yet.
    pub missing_items: Vec<String>,
    /// Present files tagged to the control (any item), relative paths.
    pub files: Vec<String>,
    /// Tagged files that are gone from the folder, or are links that leave it: shown,
    /// never counted.
    pub missing_files: Vec<String>,
    /// Per customer example, for controls whose text states an example scope (once the
    /// application has customer examples).
    pub examples: Option<ExampleMatrix>,
    /// Why a waived or not-applicable control needs no evidence.
    pub exempt_reason: Option<String>,
}

/// A control × customer-example row: how many examples must show the evidence, and what
/// each example shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ExampleMatrix {
    /// Examples that must show the evidence ("4 of 4", "1 of 4").
    pub required: u32,
    pub examples: Vec<ExampleCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ExampleCell {
    pub example: String,
    /// The example's deployment is older than the checklist allows: its files do not count.
    pub stale: bool,
    /// Present files tagged for this example (explicitly or by its folder).
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ItemCoverage {
    /// 1-based, as in `CSN-001#2`.
    pub number: u32,
    pub text: String,
    pub covered: bool,
    pub files: Vec<String>,
    /// For an item shown per customer example: how many examples show it.
    pub examples_covered: Option<u32>,
    /// Something shown or said rather than a document: an attestation can answer it.
    pub attestable: bool,
    pub attestation: Option<Attestation>,
    /// Tagged files older than the window the item states, not confirmed: not counted.
    pub stale_files: Vec<String>,
}

/// Reads every tag of the root with its file's path and status, and the customer example
/// it is for: the tag's own, else the example whose folder holds the file.
pub fn tagged_evidence(
    conn: &Connection,
    root_id: i64,
    examples: &[CustomerExample],
) -> rusqlite::Result<Vec<TaggedEvidence>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.control_id, t.item, f.path, f.status, f.missing_since IS NOT NULL, t.note, t.example_id,
                f.effective_date, f.mtime_ns, f.fresh_confirmed
         FROM tags t JOIN files f ON f.id = t.file_id WHERE f.root_id = ?1",
    )?;
    let rows = stmt.query_map([root_id], |r| {
        let missing: bool = r.get(4)?;
        let status = FileStatus::parse(&r.get::<_, String>(3)?).unwrap_or(FileStatus::Unreadable);
        let path: String = r.get(2)?;
        let example = match r.get::<_, Option<i64>>(6)? {
            Some(id) => examples.iter().find(|e| e.id == id),
            None => by_folder(examples, &path),
        };
        Ok(TaggedEvidence {
            control: r.get(0)?,
            item: r.get(1)?,
            status: if missing { FileStatus::Missing } else { status },
            note: r.get(5)?,
            example: example.map(|e| e.name.clone()),
            dated: r
                .get::<_, Option<String>>(7)?
                .and_then(|d| freshness::parse_date(&d))
                .unwrap_or(r.get::<_, i64>(8)?.div_euclid(1_000_000_000)),
            confirmed: r.get(9)?,
            path,
        })
    })?;
    rows.collect()
}

/// What an application brings to coverage besides the checklist itself.
#[derive(Debug, Clone, Default)]
pub struct Application {
    pub evidence: Arc<Vec<TaggedEvidence>>,
    pub exemptions: Exemptions,
    /// Names of the application's customer examples.
    pub examples: Vec<String>,
    pub attestations: Vec<Attestation>,
    /// Customer examples with a clean WAFR report present in the folder: (example, report).
    pub wafr_reports: Vec<(String, String)>,
    /// Customer examples whose go-live is older than the checklist's case-study window:
    /// their evidence does not count.
    pub stale_examples: Vec<String>,
    /// "Now" for the checklists' time windows, seconds since the epoch.
    pub now: i64,
    /// Controls earlier versions had and this one does not.
    pub dropped: Vec<DroppedControl>,
}

/// Computes the coverage of `checklist` for `app`: tagged evidence, exemptions, customer
/// example scopes, attestations and time windows.
pub fn compute(checklist: &Checklist, app: &Application) -> Coverage {
    // Grouped once: tens of thousands of tags would otherwise be scanned once per control.
    // Sorting here, per control, is cheaper than one SQL sort of every tag.
    let mut by_control: HashMap<String, Vec<&TaggedEvidence>> = HashMap::new();
    for e in app.evidence.iter() {
        by_control
            .entry(e.control.to_ascii_uppercase())
            .or_default()
            .push(e);
    }
    for tagged in by_control.values_mut() {
        tagged.sort_by(|a, b| a.path.cmp(&b.path));
    }
    let controls: Vec<ControlCoverage> = checklist
        .controls()
        .map(|c| {
            let tagged = by_control
                .get(&c.control.id.to_ascii_uppercase())
                .map_or(&[][..], Vec::as_slice);
            let mut cov = control_coverage(c, app, tagged);
            match app.exemptions.of(&c) {
                Some(Exempt::NotApplicable(why)) => {
                    cov.status = ControlStatus::NotApplicable;
                    cov.exempt_reason = Some(why.to_string());
                }
                Some(Exempt::Waived(w)) => {
                    cov.status = ControlStatus::Waived;
                    cov.exempt_reason = Some(w.reason.clone());
                }
                None => {}
            }
            cov
        })
        .collect();
    let sections = checklist
        .sections
        .iter()
        .map(|s| {
            let of_section: Vec<_> = controls.iter().filter(|c| c.section == s.title).collect();
            let t = Tally::of(of_section.iter().copied());
            SectionCoverage {
                title: s.title.clone(),
                percent: percent(of_section.iter().copied()),
                covered: t.covered,
                partial: t.partial,
                gap: t.gap,
                waived: t.waived,
                not_applicable: t.not_applicable,
            }
        })
        .collect();
    let t = Tally::of(controls.iter());
    Coverage {
        checklist: checklist.id.clone(),
        name: checklist.name.clone(),
        version: checklist.version.clone(),
        percent: percent(controls.iter()),
        covered: t.covered,
        partial: t.partial,
        gap: t.gap,
        waived: t.waived,
        not_applicable: t.not_applicable,
        gaps: controls
            .iter()
            .filter(|c| c.status == ControlStatus::Gap)
            .map(|c| c.id.clone())
            .collect(),
        stale_examples: app.stale_examples.clone(),
        sections,
        controls,
        retired: retired(&app.dropped, &by_control),
    }
}

/// The dropped controls that still have tagged files, each listed once.
fn retired(
    dropped: &[DroppedControl],
    by_control: &HashMap<String, Vec<&TaggedEvidence>>,
) -> Vec<RetiredControl> {
    dropped
        .iter()
        .filter_map(|d| {
            let tagged = by_control.get(&d.id.to_ascii_uppercase())?;
            let (missing, present): (Vec<_>, Vec<_>) =
                tagged.iter().partition(|e| !e.status.counts_as_evidence());
            let paths = |files: Vec<&&TaggedEvidence>| {
                let mut paths: Vec<String> = files.iter().map(|e| e.path.clone()).collect();
                paths.dedup();
                paths
            };
            Some(RetiredControl {
                id: d.id.clone(),
                title: d.title.clone(),
                version: d.version.clone(),
                files: paths(present),
                missing_files: paths(missing),
            })
        })
        .collect()
}

/// `tagged`: the evidence tagged to this control.
fn control_coverage(
    c: ControlRef<'_>,
    app: &Application,
    tagged: &[&TaggedEvidence],
) -> ControlCoverage {
    let examples = &app.examples;
    let present: Vec<&TaggedEvidence> = tagged
        .iter()
        .copied()
        .filter(|e| e.status.counts_as_evidence())
        .collect();
    // A control without listed items still needs evidence: one implicit item.
    let listed: Vec<EvidenceItem> = if c.control.evidence_items.is_empty() {
        vec![EvidenceItem::read("Evidence for this control")]
    } else {
        c.control.evidence_items.clone()
    };
    let texts: Vec<String> = listed.iter().map(|item| item.text.clone()).collect();
    let scope = c.scope().filter(|_| !examples.is_empty());
    let required = scope.map(|s| match s.rule {
        ScopeRule::All => examples.len(),
        ScopeRule::AtLeast { count, .. } => (count as usize).clamp(1, examples.len()),
    });
    let per_example = scope.is_some().then(|| example_scoped_items(&texts));
    // The section's own text lets a clean WAFR report stand in for an example's evidence.
    let wafr: &[(String, String)] = if c
        .section
        .waiver
        .as_deref()
        .is_some_and(|w| w.contains("Well-Architected Framework Review"))
    {
        &app.wafr_reports
    } else {
        &[]
    };
    let tagged_to = |number: u32| {
        present
            .iter()
            .filter(move |e| e.item.is_none() || e.item == Some(number))
    };

    let mut progress = 0.0;
    let items: Vec<ItemCoverage> = listed
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let number = i as u32 + 1;
            // Files older than the window the item states do not count until confirmed.
            let window = item.window_months;
            let is_stale = |e: &&&TaggedEvidence| {
                window.is_some_and(|m| !e.confirmed && freshness::is_stale(e.dated, m, app.now))
            };
            let stale_files: Vec<String> = tagged_to(number)
                .filter(is_stale)
                .map(|e| e.path.clone())
                .collect();
            let answers = || tagged_to(number).filter(|e| !is_stale(e));
            let files: Vec<String> = answers().map(|e| e.path.clone()).collect();
            let attestable = item.attestable;
            let attestation = app
                .attestations
                .iter()
                .find(|a| {
                    attestable && a.item == number && a.control.eq_ignore_ascii_case(&c.control.id)
                })
                .cloned();
            let scoped = per_example.as_ref().is_some_and(|p| p[i]);
            let shows = |x: &String| {
                !app.stale_examples.contains(x)
                    && (answers().any(|e| e.example.as_deref() == Some(x.as_str()))
                        || wafr.iter().any(|(w, _)| w == x))
            };
            let (covered, share, examples_covered) = match required.filter(|_| scoped) {
                _ if attestation.is_some() => (true, 1.0, None),
                Some(required) => {
                    let n = examples.iter().filter(|x| shows(x)).count();
                    (
                        n >= required,
                        n.min(required) as f64 / required as f64,
                        Some(n as u32),
                    )
                }
                None => (
                    !files.is_empty(),
                    if files.is_empty() { 0.0 } else { 1.0 },
                    None,
                ),
            };
            progress += share;
            ItemCoverage {
                number,
                text: item.text.clone(),
                covered,
                files,
                examples_covered,
                attestable,
                attestation,
                stale_files,
            }
        })
        .collect();
    let progress = progress / items.len() as f64;
    let status = if items.iter().all(|i| i.covered) {
        ControlStatus::Covered
    } else if progress > 0.0 {
        ControlStatus::Partial
    } else {
        ControlStatus::Gap
    };
    let example_matrix = required.map(|required| ExampleMatrix {
        required: required as u32,
        examples: examples
            .iter()
            .map(|x| ExampleCell {
                example: x.clone(),
                stale: app.stale_examples.contains(x),
                files: present
                    .iter()
                    .filter(|e| e.example.as_deref() == Some(x.as_str()))
                    .map(|e| e.path.clone())
                    .chain(wafr.iter().filter(|(w, _)| w == x).map(|(_, r)| r.clone()))
                    .collect(),
            })
            .collect(),
    });
    let mut files: Vec<String> = present.iter().map(|e| e.path.clone()).collect();
    files.dedup();
    let mut missing_files: Vec<String> = tagged
        .iter()
        .filter(|e| !e.status.counts_as_evidence())
        .map(|e| e.path.clone())
        .collect();
    missing_files.dedup();
    ControlCoverage {
        id: c.control.id.clone(),
        title: c.control.title.clone(),
        section: c.section.title.clone(),
        category: c.category.title.clone(),
        status,
        progress,
        missing_items: items
            .iter()
            .filter(|i| !i.covered)
            .map(|i| match (i.examples_covered, required) {
                (Some(n), Some(r)) => format!("{} ({n} of {r} customer examples)", i.text),
                _ => i.text.clone(),
            })
            .collect(),
        items,
        files,
        missing_files,
        examples: example_matrix,
        exempt_reason: None,
    }
}

/// Which evidence items must be shown per customer example. ACCT-001 asks for a
/// practice-level SOP *and* its use "in one (1) of the submitted customer examples": when
/// only some items name customer examples, only those are per example; otherwise all are.
fn example_scoped_items(texts: &[String]) -> Vec<bool> {
    let names = |t: &String| t.to_lowercase().contains("customer example");
    let naming: Vec<bool> = texts.iter().map(names).collect();
    if naming.iter().any(|n| *n) && !naming.iter().all(|n| *n) {
        naming
    } else {
        vec![true; texts.len()]
    }
}

#[derive(Default)]
struct Tally {
    covered: usize,
    partial: usize,
    gap: usize,
    waived: usize,
    not_applicable: usize,
}

impl Tally {
    fn of<'a>(controls: impl Iterator<Item = &'a ControlCoverage>) -> Self {
        let mut t = Self::default();
        for c in controls {
            *match c.status {
                ControlStatus::Covered => &mut t.covered,
                ControlStatus::Partial => &mut t.partial,
                ControlStatus::Gap => &mut t.gap,
                ControlStatus::Waived => &mut t.waived,
                ControlStatus::NotApplicable => &mut t.not_applicable,
            } += 1;
        }
        t
    }
}

/// Mean share of answered items over the controls that still need evidence, as a
/// percentage with one decimal; 100 when every control is waived or not applicable.
fn percent<'a>(controls: impl Iterator<Item = &'a ControlCoverage>) -> f64 {
    let required = controls.filter(|c| c.status.is_required());
    let (sum, n) = required.fold((0.0, 0usize), |(sum, n), c| (sum + c.progress, n + 1));
    if n == 0 {
        return 100.0;
    }
    (sum / n as f64 * 1000.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checklist() -> Checklist {
        crate::catalog::model::sample(&[("PRJ-003", 1), ("CSN-001", 2), ("EXCRI-001", 0)])
    }

    fn app(evidence: &[TaggedEvidence], exemptions: &Exemptions) -> Application {
        Application {
            evidence: Arc::new(evidence.to_vec()),
            exemptions: exemptions.clone(),
            ..Default::default()
        }
    }

    fn tagged(control: &str, item: Option<u32>, path: &str, status: FileStatus) -> TaggedEvidence {
        TaggedEvidence {
            control: control.into(),
            item,
            path: path.into(),
            status,
            note: None,
            example: None,
            dated: 0,
            confirmed: false,
        }
    }

    fn status_of(cov: &Coverage, id: &str) -> ControlStatus {
        cov.controls.iter().find(|c| c.id == id).unwrap().status
    }

    fn exempting(na: &[(&str, &str)], waivers: &[crate::exemptions::Waiver]) -> Exemptions {
        Exemptions {
            waivers: waivers.to_vec(),
            not_applicable: na
                .iter()
                .map(|(c, j)| (c.to_string(), j.to_string()))
                .collect(),
        }
    }

    #[test]
    fn not_applicable_controls_are_shown_with_their_reason_and_leave_readiness() {
        let evidence = [tagged("PRJ-003", None, "sow.md", FileStatus::Ok)];
        let na = exempting(&[("CSN-001", "no projects with acceptance phases")], &[]);
        let cov = compute(&checklist(), &app(&evidence, &na));
        let csn = cov.controls.iter().find(|c| c.id == "CSN-001").unwrap();
        assert_eq!(csn.status, ControlStatus::NotApplicable);
        assert_eq!(
            csn.exempt_reason.as_deref(),
            Some("no projects with acceptance phases")
        );
        assert_eq!((cov.covered, cov.gap, cov.not_applicable), (1, 1, 1));
        // PRJ-003 covered, EXCRI-001 a gap; CSN-001 no longer counts.
        assert_eq!(cov.percent, 50.0);
        assert!(!cov.gaps.contains(&"CSN-001".to_string()));
    }

    #[test]
    fn every_control_exempt_means_nothing_left_to_prove() {
        let na = exempting(
            &[("PRJ-003", "x"), ("CSN-001", "x"), ("EXCRI-001", "x")],
            &[],
        );
        let cov = compute(&checklist(), &app(&[], &na));
        assert_eq!((cov.percent, cov.not_applicable, cov.gap), (100.0, 3, 0));
    }

    #[test]
    fn nothing_tagged_is_all_gaps() {
        let cov = compute(&checklist(), &app(&[], &Exemptions::default()));
        assert_eq!((cov.covered, cov.partial, cov.gap), (0, 0, 3));
        assert_eq!(cov.percent, 0.0);
        assert_eq!(cov.gaps, ["PRJ-003", "CSN-001", "EXCRI-001"]);
    }

    #[test]
    fn one_item_of_two_is_partial_and_names_the_missing_item() {
        let cov = compute(
            &checklist(),
            &app(
                &[tagged("CSN-001", Some(1), "a.pdf", FileStatus::Ok)],
                &Exemptions::default(),
            ),
        );
        let csn = cov.controls.iter().find(|c| c.id == "CSN-001").unwrap();
        assert_eq!(csn.status, ControlStatus::Partial);
        assert_eq!(csn.missing_items, ["CSN-001 item 2"]);
        // (0 + 0.5 + 0) / 3 controls
        assert_eq!(cov.percent, 16.7);
    }

    #[test]
    fn a_control_level_tag_answers_every_item() {
        let cov = compute(
            &checklist(),
            &app(
                &[tagged("CSN-001", None, "a.pdf", FileStatus::Encrypted)],
                &Exemptions::default(),
            ),
        );
        assert_eq!(status_of(&cov, "CSN-001"), ControlStatus::Covered);
    }

    #[test]
    fn missing_evidence_is_listed_but_does_not_count() {
        let cov = compute(
            &checklist(),
            &app(
                &[tagged("PRJ-003", None, "sow.docx", FileStatus::Missing)],
                &Exemptions::default(),
            ),
        );
        let prj = cov.controls.iter().find(|c| c.id == "PRJ-003").unwrap();
        assert_eq!(prj.status, ControlStatus::Gap);
        assert_eq!(prj.missing_files, ["sow.docx"]);
        assert!(prj.files.is_empty());
    }

    #[test]
    fn a_control_without_listed_items_needs_one_file() {
        let cov = compute(
            &checklist(),
            &app(
                &[tagged("EXCRI-001", None, "x.md", FileStatus::Ok)],
                &Exemptions::default(),
            ),
        );
        assert_eq!(status_of(&cov, "EXCRI-001"), ControlStatus::Covered);
        assert_eq!(cov.sections[0].covered, 1);
    }
}
