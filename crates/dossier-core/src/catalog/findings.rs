//! What an import found in a checklist, shown before it is saved so the user can check the
//! text was read as intended: counts per section, controls without evidence items, and
//! anything odd a careless copy or an unusual page could cause.

use std::collections::BTreeMap;

use serde::Serialize;

use super::item::EvidenceItem;
use super::model::Checklist;
use super::naming::family;

/// A control title longer than this has probably swallowed the line after it.
const LONG_TITLE: usize = 160;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Findings {
    #[ts(type = "number")]
    pub prerequisites: usize,
    pub sections: Vec<SectionFindings>,
    #[ts(type = "number")]
    pub controls: usize,
    #[ts(type = "number")]
    pub evidence_items: usize,
    /// Controls and sections with waiver wording.
    #[ts(type = "number")]
    pub waivers: usize,
    /// Control IDs with no evidence list: the reviewer judges them from the requirement alone.
    pub without_evidence: Vec<String>,
    /// Things worth a look before saving, in words.
    pub oddities: Vec<String>,
    /// Lines of the source that look like a control but were not read as one ("line 212:
    /// ECS-035 Title"): the import is partial while there are any.
    pub unplaced: Vec<String>,
    /// Evidence items an attestation answers (a presentation, a verbal description, a
    /// demonstration), as `POV-001#1`.
    pub attestable: Vec<String>,
    /// Evidence items with a time window, as `POV-002#1: 12 months`.
    pub windows: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SectionFindings {
    pub title: String,
    #[ts(type = "number")]
    pub categories: usize,
    #[ts(type = "number")]
    pub controls: usize,
    #[ts(type = "number")]
    pub evidence_items: usize,
}

/// Looks `checklist` over; `others` are the checklists already in the catalog, against
/// which shared control IDs are checked.
pub fn find(checklist: &Checklist, others: &[Checklist]) -> Findings {
    let sections = checklist
        .sections
        .iter()
        .map(|s| SectionFindings {
            title: s.title.clone(),
            categories: s.categories.len(),
            controls: s.categories.iter().map(|c| c.controls.len()).sum(),
            evidence_items: s
                .categories
                .iter()
                .flat_map(|c| &c.controls)
                .map(|c| c.evidence_items.len())
                .sum(),
        })
        .collect::<Vec<_>>();
    let controls = checklist.controls().collect::<Vec<_>>();
    Findings {
        prerequisites: checklist.prerequisites.len(),
        controls: controls.len(),
        evidence_items: sections.iter().map(|s| s.evidence_items).sum(),
        waivers: controls
            .iter()
            .filter(|c| c.control.waiver.is_some())
            .count()
            + checklist
                .sections
                .iter()
                .filter(|s| s.waiver.is_some())
                .count(),
        without_evidence: controls
            .iter()
            .filter(|c| c.control.evidence_items.is_empty())
            .map(|c| c.control.id.clone())
            .collect(),
        oddities: oddities(checklist, others),
        unplaced: Vec::new(),
        attestable: items(checklist)
            .filter(|(_, item)| item.attestable)
            .map(|(at, _)| at)
            .collect(),
        windows: items(checklist)
            .filter_map(|(at, item)| item.window_months.map(|m| format!("{at}: {m} months")))
            .collect(),
        sections,
    }
}

/// Every evidence item with its reference, `POV-001#1`.
fn items(checklist: &Checklist) -> impl Iterator<Item = (String, &EvidenceItem)> {
    checklist.controls().flat_map(|c| {
        c.control
            .evidence_items
            .iter()
            .enumerate()
            .map(move |(i, item)| (format!("{}#{}", c.control.id, i + 1), item))
    })
}

/// Words a checklist's title line has; a first line without any is likely page debris.
const TITLE_WORDS: [&str; 5] = [
    "competency",
    "specialization",
    "service delivery",
    "program",
    "checklist",
];

fn oddities(checklist: &Checklist, others: &[Checklist]) -> Vec<String> {
    let mut notes = Vec::new();
    let name = checklist.name.to_lowercase();
    if !TITLE_WORDS.iter().any(|w| name.contains(w)) {
        notes.push(format!(
            "The first line, “{}”, is taken as the checklist's name: check that the text starts \
             with the checklist's title.",
            checklist.name
        ));
    }
    if checklist.version.is_empty() {
        notes.push(
            "No version or date line was found under the title, so versions of this checklist \
             cannot be told apart."
                .to_string(),
        );
    }
    if checklist.prerequisites.is_empty() {
        notes.push("No numbered prerequisites (1.1, 1.2, …) were found.".to_string());
    }
    for section in &checklist.sections {
        for category in &section.categories {
            if category.controls.is_empty() {
                notes.push(format!(
                    "Category “{}” in “{}” has no controls.",
                    category.title, section.title
                ));
            }
        }
        if section.categories.iter().all(|c| c.controls.is_empty()) {
            notes.push(format!("Section “{}” has no controls.", section.title));
        }
    }
    for c in checklist.controls() {
        let control = c.control;
        if control.requirement.trim().is_empty() {
            notes.push(format!("{} has no requirement text.", control.id));
        }
        if control.title.chars().count() > LONG_TITLE {
            notes.push(format!(
                "{}'s title is {} characters long: the line after it may have joined it.",
                control.id,
                control.title.chars().count()
            ));
        }
    }
    notes.extend(numbering_gaps(checklist, others));
    notes.extend(shared_titles_that_differ(checklist, others));
    notes
}

/// `PRJ-001, PRJ-003` skips PRJ-002: a lost line can cause that. A number another checklist
/// has is no loss: programs share common controls, and a revision may drop one.
fn numbering_gaps(checklist: &Checklist, others: &[Checklist]) -> Vec<String> {
    let mut numbers: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for c in checklist.controls() {
        if let Some((prefix, n)) = c.control.id.rsplit_once('-') {
            if let Ok(n) = n.parse() {
                numbers.entry(prefix).or_default().push(n);
            }
        }
    }
    numbers
        .into_iter()
        .filter_map(|(prefix, mut found)| {
            found.sort_unstable();
            let last = *found.last()?;
            let skipped: Vec<String> = (1..last)
                .filter(|n| found.binary_search(n).is_err())
                .map(|n| format!("{prefix}-{n:03}"))
                .filter(|id| others.iter().all(|o| o.control(id).is_none()))
                .collect();
            (!skipped.is_empty()).then(|| {
                format!(
                    "The numbering skips {}: check that the text lost nothing.",
                    skipped.join(", ")
                )
            })
        })
        .collect()
}

/// A control ID is one tag in every checklist that has it, so the same ID under another
/// title in another program is worth knowing about.
fn shared_titles_that_differ(checklist: &Checklist, others: &[Checklist]) -> Vec<String> {
    let own_family = family(&checklist.id);
    checklist
        .controls()
        .filter_map(|c| {
            let id = &c.control.id;
            let other = others
                .iter()
                .filter(|o| o.id != checklist.id && family(&o.id) != own_family)
                .find_map(|o| {
                    o.control(id)
                        .filter(|r| !r.control.title.eq_ignore_ascii_case(&c.control.title))
                        .map(|r| (o, r.control.title.as_str()))
                })?;
            Some(format!(
                "{id} is “{}” here but “{}” in {}: its tags count in both.",
                c.control.title, other.1, other.0.id
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::sample;

    #[test]
    fn counts_and_controls_without_evidence() {
        let checklist = sample(&[("PRJ-001", 2), ("PRJ-002", 0), ("PRJ-004", 1)]);
        let found = find(&checklist, &[]);
        assert_eq!(found.controls, 3);
        assert_eq!(found.evidence_items, 3);
        assert_eq!(found.sections[0].controls, 3);
        assert_eq!(found.without_evidence, ["PRJ-002"]);
        assert!(found.attestable.is_empty() && found.windows.is_empty());
        assert!(
            found.oddities.iter().any(|o| o.contains("skips PRJ-003")),
            "{:?}",
            found.oddities
        );
        assert!(found.oddities.iter().any(|o| o.contains("prerequisites")));
        assert!(found
            .oddities
            .iter()
            .any(|o| o.contains("“T”, is taken as")));
    }

    #[test]
    fn a_number_another_checklist_has_is_no_gap() {
        let ours = sample(&[("PRJ-001", 1), ("PRJ-003", 1)]);
        let mut theirs = sample(&[("PRJ-002", 1)]);
        theirs.id = "other-1".into();
        assert!(find(&ours, &[theirs])
            .oddities
            .iter()
            .all(|o| !o.contains("skips")));
    }

    #[test]
    fn a_shared_id_with_another_title_is_noted() {
        let mut ours = sample(&[("PRJ-003", 1)]);
        ours.id = "security-1".into();
        let mut theirs = sample(&[("PRJ-003", 1)]);
        theirs.id = "data-analytics-7.1".into();
        theirs.sections[0].categories[0].controls[0].title = "Statement of Work".into();
        let found = find(&ours, &[theirs]);
        assert!(
            found
                .oddities
                .iter()
                .any(|o| o.contains("PRJ-003") && o.contains("Statement of Work")),
            "{:?}",
            found.oddities
        );
    }
}
