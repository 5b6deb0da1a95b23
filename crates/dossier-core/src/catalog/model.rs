//! The shape of a validation checklist, as stored in `assets/checklists/*.toml`.
//!
//! Sections hold categories, categories hold controls: the same nesting the published
//! checklists use, so a person editing a data file sees the document's own structure.

use serde::{Deserialize, Serialize};

use super::item::EvidenceItem;

/// One version of one AWS validation checklist.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Checklist {
    /// Stable identifier used on the command line and in the store, e.g. `data-analytics-7.1`.
    pub id: String,
    /// Program name as published, e.g. "AWS Data and Analytics Competency".
    pub name: String,
    /// Version as published, e.g. "7.1" or "August 2025".
    pub version: String,
    /// Publication date line as published, e.g. "February 2024".
    #[serde(default)]
    pub published: String,
    #[serde(default)]
    pub prerequisites: Vec<Prerequisite>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// A numbered prerequisite item (1.1 … 4.6), validated by the program team before the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Prerequisite {
    /// Item number, e.g. "4.1".
    pub id: String,
    /// Group heading with its number, e.g. "4.0 Data and Analytics Prerequisites".
    pub group: String,
    pub title: String,
    /// The item's text, paragraphs separated by blank lines, bullets as `- ` lines.
    pub text: String,
}

/// A top-level requirements section, e.g. "Common Customer Example Requirements".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Section {
    pub title: String,
    /// The section's introduction paragraph(s).
    #[serde(default)]
    pub intro: String,
    /// Waiver wording that applies to the whole section (the FTR waiver), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
    /// Customer-example scope the section's text states for all its controls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<ExampleScope>,
    #[serde(default)]
    pub categories: Vec<Category>,
}

/// A category inside a section, e.g. "Operational Excellence".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Category {
    pub title: String,
    #[serde(default)]
    pub intro: String,
    /// Customer-example scope stated by the category's heading or introduction, e.g.
    /// "Requirements applicable to all customer examples".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<ExampleScope>,
    #[serde(default)]
    pub controls: Vec<Control>,
}

/// One control the reviewer walks, e.g. `PRJ-003 - Statement of Work`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Control {
    /// Control ID, e.g. "PRJ-003". Shared IDs across checklists name one practice artefact.
    pub id: String,
    /// Title exactly as published, without the waiver suffix.
    pub title: String,
    /// Requirement text, paragraphs separated by blank lines, bullets as `- ` lines.
    pub requirement: String,
    /// Each bullet of "Please provide the following as evidence" / "Evidence expected", or
    /// each "Evidence must be in the form of …" sentence, with the facts its wording states.
    #[serde(default)]
    pub evidence_items: Vec<EvidenceItem>,
    /// Control-level waiver wording, verbatim, e.g. "Waived if AWS Partner is approved AWS MSP".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
    /// Customer-example scope stated by the control's own text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<ExampleScope>,
}

/// How many of the submitted customer examples a control's evidence must cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ExampleScope {
    pub rule: ScopeRule,
    /// The sentence of the checklist that states the scope, verbatim.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[ts(export)]
pub enum ScopeRule {
    /// Required for every provided customer example.
    All,
    /// Required in at least `count` of the `of` submitted examples.
    AtLeast { count: u32, of: u32 },
}

/// A control together with where it sits in its checklist.
#[derive(Debug, Clone, Copy)]
pub struct ControlRef<'a> {
    pub section: &'a Section,
    pub category: &'a Category,
    pub control: &'a Control,
}

impl ControlRef<'_> {
    /// "Section › Category", the path a reviewer reads on the checklist.
    pub fn location(&self) -> String {
        format!("{} › {}", self.section.title, self.category.title)
    }

    /// The scope that applies: the most specific wording wins (control, category, section).
    pub fn scope(&self) -> Option<&ExampleScope> {
        self.control
            .scope
            .as_ref()
            .or(self.category.scope.as_ref())
            .or(self.section.scope.as_ref())
    }

    /// The waiver that applies: the control's own, else its section's.
    pub fn waiver(&self) -> Option<&str> {
        self.control
            .waiver
            .as_deref()
            .or(self.section.waiver.as_deref())
    }
}

impl Control {
    /// The texts of its evidence items, in order.
    pub fn evidence_texts(&self) -> impl Iterator<Item = &str> {
        self.evidence_items.iter().map(|item| item.text.as_str())
    }
}

impl Checklist {
    /// Every control in document order, with its section and category.
    pub fn controls(&self) -> impl Iterator<Item = ControlRef<'_>> {
        self.sections.iter().flat_map(|section| {
            section.categories.iter().flat_map(move |category| {
                category.controls.iter().map(move |control| ControlRef {
                    section,
                    category,
                    control,
                })
            })
        })
    }

    pub fn control(&self, id: &str) -> Option<ControlRef<'_>> {
        self.controls()
            .find(|c| c.control.id.eq_ignore_ascii_case(id))
    }

    pub fn control_count(&self) -> usize {
        self.controls().count()
    }
}

/// A small checklist for unit tests: one section, one category, controls with the given
/// numbers of evidence items.
#[cfg(test)]
pub(crate) fn sample(controls: &[(&str, usize)]) -> Checklist {
    Checklist {
        id: "t".into(),
        name: "T".into(),
        version: "1".into(),
        sections: vec![Section {
            title: "S".into(),
            categories: vec![Category {
                title: "C".into(),
                controls: controls
                    .iter()
                    .map(|(id, items)| Control {
                        id: id.to_string(),
                        title: format!("{id} title"),
                        evidence_items: (1..=*items)
                            .map(|i| EvidenceItem::read(&format!("{id} item {i}")))
                            .collect(),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            }],
            ..Default::default()
        }],
        ..Default::default()
    }
}
