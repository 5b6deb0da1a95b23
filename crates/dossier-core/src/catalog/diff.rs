//! What changed between two checklists, usually two versions of one program: the controls
//! a practice lead must look at again after a revision.

use serde::Serialize;

use super::model::{Checklist, ControlRef};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ChecklistDiff {
    /// The checklist compared from (usually the earlier version) and to.
    pub from: String,
    pub to: String,
    pub added: Vec<ControlBrief>,
    pub removed: Vec<ControlBrief>,
    pub retitled: Vec<Retitled>,
    pub evidence_changed: Vec<EvidenceChange>,
    /// Controls whose requirement text changed (title and evidence items aside).
    pub requirement_changed: Vec<ControlBrief>,
    /// Controls now in another section or category.
    pub moved: Vec<Moved>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ControlBrief {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Retitled {
    pub id: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct EvidenceChange {
    pub id: String,
    pub title: String,
    /// Evidence items only the later version asks for.
    pub added: Vec<String>,
    /// Evidence items the later version no longer asks for.
    pub removed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Moved {
    pub id: String,
    pub title: String,
    /// "Section › Category" before and after.
    pub before: String,
    pub after: String,
}

impl ChecklistDiff {
    /// No control changed in any way this diff reports.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.retitled.is_empty()
            && self.evidence_changed.is_empty()
            && self.requirement_changed.is_empty()
            && self.moved.is_empty()
    }

    /// How many controls changed, each counted once.
    pub fn changed_controls(&self) -> usize {
        let mut ids: Vec<&str> = self
            .added
            .iter()
            .chain(&self.removed)
            .chain(&self.requirement_changed)
            .map(|c| c.id.as_str())
            .chain(self.retitled.iter().map(|c| c.id.as_str()))
            .chain(self.evidence_changed.iter().map(|c| c.id.as_str()))
            .chain(self.moved.iter().map(|c| c.id.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// The controls that differ from `from` to `to`, matched by control ID, each list in the
/// order of the checklist the control is in.
pub fn diff(from: &Checklist, to: &Checklist) -> ChecklistDiff {
    let mut diff = ChecklistDiff {
        from: from.id.clone(),
        to: to.id.clone(),
        ..Default::default()
    };
    for old in from.controls() {
        if to.control(&old.control.id).is_none() {
            diff.removed.push(brief(&old));
        }
    }
    for new in to.controls() {
        let Some(old) = from.control(&new.control.id) else {
            diff.added.push(brief(&new));
            continue;
        };
        compare(&old, &new, &mut diff);
    }
    diff
}

fn compare(old: &ControlRef<'_>, new: &ControlRef<'_>, diff: &mut ChecklistDiff) {
    let (before, after) = (old.control, new.control);
    if before.title != after.title {
        diff.retitled.push(Retitled {
            id: after.id.clone(),
            before: before.title.clone(),
            after: after.title.clone(),
        });
    }
    let (after_items, before_items): (Vec<String>, Vec<String>) = (
        after.evidence_texts().map(String::from).collect(),
        before.evidence_texts().map(String::from).collect(),
    );
    let added = missing_from(&after_items, &before_items);
    let removed = missing_from(&before_items, &after_items);
    if !added.is_empty() || !removed.is_empty() {
        diff.evidence_changed.push(EvidenceChange {
            id: after.id.clone(),
            title: after.title.clone(),
            added,
            removed,
        });
    }
    if before.requirement != after.requirement {
        diff.requirement_changed.push(brief(new));
    }
    if old.location() != new.location() {
        diff.moved.push(Moved {
            id: after.id.clone(),
            title: after.title.clone(),
            before: old.location(),
            after: new.location(),
        });
    }
}

/// Items of `items` that `other` does not have (as many times as they occur).
fn missing_from(items: &[String], other: &[String]) -> Vec<String> {
    let mut left: Vec<&String> = other.iter().collect();
    items
        .iter()
        .filter(|item| match left.iter().position(|o| o == item) {
            Some(i) => {
                left.swap_remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

fn brief(c: &ControlRef<'_>) -> ControlBrief {
    ControlBrief {
        id: c.control.id.clone(),
        title: c.control.title.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::sample;

    #[test]
    fn reports_each_kind_of_change() {
        let before = sample(&[("PRJ-001", 2), ("PRJ-002", 1), ("PRJ-003", 1)]);
        let mut after = sample(&[("PRJ-001", 2), ("PRJ-003", 1), ("PRJ-004", 1)]);
        let controls = &mut after.sections[0].categories[0].controls;
        controls[0].evidence_items[1] = "A new item".into();
        controls[1].title = "Statement of Work".into();
        controls[1].requirement = "Changed.".into();
        let d = diff(&before, &after);
        assert_eq!(
            d.added.iter().map(|c| &c.id).collect::<Vec<_>>(),
            ["PRJ-004"]
        );
        assert_eq!(
            d.removed.iter().map(|c| &c.id).collect::<Vec<_>>(),
            ["PRJ-002"]
        );
        assert_eq!(d.retitled[0].after, "Statement of Work");
        assert_eq!(d.evidence_changed[0].added, ["A new item"]);
        assert_eq!(d.evidence_changed[0].removed, ["PRJ-001 item 2"]);
        assert_eq!(d.requirement_changed[0].id, "PRJ-003");
        assert!(d.moved.is_empty());
        assert_eq!(d.changed_controls(), 4);
    }

    #[test]
    fn a_checklist_does_not_differ_from_itself() {
        let c = sample(&[("PRJ-001", 2)]);
        assert!(diff(&c, &c).is_empty());
    }
}
