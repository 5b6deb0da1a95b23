//! One evidence item of a control, with what its wording says about the evidence it wants:
//! whether it is something presented, described or demonstrated (an attestation answers it)
//! and the time window it states ("in last 12 months"). Read once, when the checklist is
//! read; coverage and the attestation check use these facts and never re-read the prose.
//!
//! A data file may write an item as its text alone, and the facts are read from the text; or
//! as a table (`{ text = "…", attestable = false }`) to state a fact the wording does not.

use serde::{Deserialize, Serialize};

use crate::freshness;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct EvidenceItem {
    /// The item as published.
    pub text: String,
    /// Presented, described or demonstrated on the day rather than a document.
    pub attestable: bool,
    /// Evidence must fall within this many months before the validation.
    pub window_months: Option<u32>,
}

impl EvidenceItem {
    /// The item with the facts its wording states.
    pub fn read(text: &str) -> Self {
        Self {
            text: text.to_string(),
            attestable: is_attestable(text),
            window_months: freshness::window_months(text),
        }
    }

    /// Whether the facts are those the wording states, so the text alone says it all.
    pub fn is_as_worded(&self) -> bool {
        *self == Self::read(&self.text)
    }
}

impl From<&str> for EvidenceItem {
    fn from(text: &str) -> Self {
        Self::read(text)
    }
}

impl<'de> Deserialize<'de> for EvidenceItem {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ItemForm::deserialize(deserializer).map(Self::from)
    }
}

/// How a data file may write an item.
#[derive(Deserialize)]
#[serde(untagged)]
enum ItemForm {
    Text(String),
    Table {
        text: String,
        attestable: Option<bool>,
        window_months: Option<u32>,
    },
}

impl From<ItemForm> for EvidenceItem {
    fn from(form: ItemForm) -> Self {
        match form {
            ItemForm::Text(text) => Self::read(&text),
            ItemForm::Table {
                text,
                attestable,
                window_months,
            } => {
                let worded = Self::read(&text);
                Self {
                    attestable: attestable.unwrap_or(worded.attestable),
                    window_months: window_months.or(worded.window_months),
                    text,
                }
            }
        }
    }
}

/// Something shown or said rather than a document: a presentation delivered on the day, a
/// verbal description, a demonstration, a walk-through.
fn is_attestable(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "verbal",
        "demonstration",
        "delivery of presentation",
        "demonstrate",
        "walk-through",
        "walkthrough",
    ]
    .iter()
    .any(|w| t.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presentations_descriptions_and_demonstrations_are_attestable_documents_are_not() {
        for text in [
            "Delivery of presentation by a business development executive",
            "A verbal description of methods used to allocate required resources",
            "Evidence must be in the form of technology demonstration and process documentation",
            "Demonstration of billing and cost management tools used",
        ] {
            assert!(EvidenceItem::read(text).attestable, "{text}");
        }
        for text in [
            "Default SOW template",
            "Evidence must be in the form of documented processes",
            "Documentation of change management practices",
        ] {
            assert!(!EvidenceItem::read(text).attestable, "{text}");
        }
    }

    #[test]
    fn the_window_is_read_from_the_wording() {
        let item = EvidenceItem::read("List of education events in last 12 months.");
        assert_eq!(item.window_months, Some(12));
        assert!(item.is_as_worded());
        assert_eq!(EvidenceItem::read("Signed forms").window_months, None);
    }

    #[test]
    fn a_data_file_writes_the_text_alone_or_a_table_that_overrides_a_fact() {
        #[derive(Deserialize)]
        struct Items {
            items: Vec<EvidenceItem>,
        }
        let items: Items = toml::from_str(
            r#"items = [
                "A verbal description of the process",
                { text = "A demonstration recorded on video", attestable = false },
                { text = "Training records", window_months = 6 },
            ]"#,
        )
        .unwrap();
        let facts: Vec<_> = items
            .items
            .iter()
            .map(|i| (i.attestable, i.window_months, i.is_as_worded()))
            .collect();
        assert_eq!(
            facts,
            [
                (true, None, true),
                (false, None, false),
                (false, Some(6), false)
            ]
        );
    }
}
