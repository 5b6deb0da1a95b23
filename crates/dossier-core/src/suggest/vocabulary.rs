//! The curated vocabulary (`assets/suggest/vocabulary.toml`) and the word matching it
//! needs: lower case, word boundaries, and a trailing `*` for any ending.

use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Clone, Deserialize)]
pub struct Concept {
    pub id: String,
    pub label: String,
    /// Words a checklist uses for this kind of evidence.
    pub control: Vec<String>,
    /// Words a document of this kind contains.
    pub document: Vec<String>,
    /// Words its file name usually carries.
    pub name: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Noise {
    pub name: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Vocabulary {
    pub concept: Vec<Concept>,
    pub noise: Noise,
}

/// The vocabulary shipped with Dossier (a test proves it parses).
pub fn builtin() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        toml::from_str(include_str!("../../../../assets/suggest/vocabulary.toml"))
            .unwrap_or_else(|e| panic!("assets/suggest/vocabulary.toml: {e}"))
    })
}

/// Text prepared for word matching: lower case, every run of characters other than letters,
/// digits, `-`, `/` and `&` turned into one space, padded with a space at both ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Haystack(String);

impl Haystack {
    pub fn new(text: &str) -> Self {
        let mut out = String::with_capacity(text.len() + 2);
        out.push(' ');
        let mut space = true;
        for c in text.chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() || matches!(c, '-' | '/' | '&') {
                out.push(c);
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        }
        if !space {
            out.push(' ');
        }
        Self(out)
    }

    /// Whether `term` occurs as whole words (`prefix*`: as the start of a word).
    pub fn contains(&self, term: &str) -> bool {
        match term.strip_suffix('*') {
            Some(prefix) => self.0.contains(&format!(" {prefix}")),
            None => self.0.contains(&format!(" {term} ")),
        }
    }

    /// How many times `term` occurs (see `contains`).
    pub fn count(&self, term: &str) -> usize {
        let (word, whole) = match term.strip_suffix('*') {
            Some(prefix) => (prefix, false),
            None => (term, true),
        };
        let needle = format!(" {word}");
        self.0
            .match_indices(&needle)
            .filter(|(at, _)| !whole || self.0[at + needle.len()..].starts_with(' '))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_vocabulary_parses_and_every_concept_has_words() {
        let v = builtin();
        assert!(v.concept.len() >= 25);
        for c in &v.concept {
            assert!(
                !c.control.is_empty() && !c.document.is_empty() && !c.name.is_empty(),
                "{}",
                c.id
            );
        }
    }

    #[test]
    fn words_match_at_boundaries_and_stars_match_endings() {
        let h = Haystack::new("Root-cause analysis: Timeline, corrective actions (RTO/RPO).");
        assert!(h.contains("root-cause") && h.contains("timeline"));
        assert!(h.contains("corrective action*"));
        assert!(h.contains("rto/rpo"));
        assert!(!h.contains("cause analysis:"));
        assert!(!h.contains("line"), "inside a word");
        assert!(!h.contains("corrective actions taken"));
        assert_eq!(Haystack::new("RTO, rto and RTO/RPO").count("rto"), 2);
    }
}
