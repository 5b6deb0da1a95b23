//! How much one imported checklist may hold. Published AWS checklists have fewer than 200
//! controls, a few dozen prerequisites and fewer than 20 evidence items per control; a
//! source far beyond that is not a checklist, and accepting it would slow every later
//! command (each dashboard, export and tag check walks every control).

use std::fmt;

use super::model::Checklist;

/// Ten times the largest published checklist.
pub const MAX_CONTROLS: usize = 2_000;
pub const MAX_PREREQUISITES: usize = 500;
/// Per control.
pub const MAX_EVIDENCE_ITEMS: usize = 200;
/// Sections and categories together.
pub const MAX_HEADINGS: usize = 2_000;
/// How deep a saved page may nest its elements; checklist pages nest a few dozen levels.
pub const MAX_NESTING: usize = 256;

/// What a checklist has too many of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counted {
    Controls,
    Prerequisites,
    /// The evidence items of the named control.
    EvidenceItems {
        control: String,
    },
    Headings,
}

impl fmt::Display for Counted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Controls => write!(f, "controls"),
            Self::Prerequisites => write!(f, "prerequisites"),
            Self::EvidenceItems { control } => write!(f, "evidence items under {control}"),
            Self::Headings => write!(f, "section and category headings"),
        }
    }
}

/// A checklist over one of the limits above.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "it has {found} {what}, and a checklist may have at most {limit} (published AWS \
     checklists have far fewer): this does not look like one checklist"
)]
pub struct TooMany {
    pub what: Counted,
    pub found: usize,
    pub limit: usize,
}

/// Refuses a checklist over any limit.
pub fn check(checklist: &Checklist) -> Result<(), TooMany> {
    let over = |what: Counted, found: usize, limit: usize| match found > limit {
        true => Err(TooMany { what, found, limit }),
        false => Ok(()),
    };
    over(
        Counted::Controls,
        checklist.controls().count(),
        MAX_CONTROLS,
    )?;
    over(
        Counted::Prerequisites,
        checklist.prerequisites.len(),
        MAX_PREREQUISITES,
    )?;
    let headings = checklist.sections.len()
        + checklist
            .sections
            .iter()
            .map(|s| s.categories.len())
            .sum::<usize>();
    over(Counted::Headings, headings, MAX_HEADINGS)?;
    for r in checklist.controls() {
        let control = r.control;
        over(
            Counted::EvidenceItems {
                control: control.id.clone(),
            },
            control.evidence_items.len(),
            MAX_EVIDENCE_ITEMS,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_checklists_are_well_within_the_limits() {
        for checklist in super::super::builtin() {
            assert_eq!(check(checklist), Ok(()), "{}", checklist.id);
        }
    }

    #[test]
    fn too_many_evidence_items_names_the_control() {
        let mut checklist = super::super::builtin()[0].clone();
        let control = &mut checklist.sections[0].categories[0].controls[0];
        control.evidence_items = vec!["item".into(); MAX_EVIDENCE_ITEMS + 1];
        let id = control.id.clone();
        let err = check(&checklist).unwrap_err();
        assert_eq!(
            err.what,
            Counted::EvidenceItems {
                control: id.clone()
            }
        );
        assert!(err
            .to_string()
            .contains(&format!("201 evidence items under {id}")));
    }
}
