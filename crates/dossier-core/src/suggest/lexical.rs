//! The checklist's own words as a second signal: how much of a control's distinctive
//! vocabulary (its title, requirement and evidence items, weighted by how rare each word is
//! across all controls) a document uses. It tells apart controls the curated concepts
//! group together ("failover test report" vs "architecture diagram"), and serves
//! checklists the vocabulary has never seen.

use crate::catalog::Checklist;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A control's distinctive words with their weights, summing to 1.
#[derive(Debug, Clone)]
pub struct Profile {
    pub id: String,
    pub words: Vec<(String, f64)>,
}

pub fn profiles(checklists: &[Checklist]) -> Vec<Profile> {
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    for c in checklists.iter().flat_map(|c| c.controls()) {
        let text = texts.entry(c.control.id.clone()).or_default();
        // The title and evidence items say what to show; the requirement says why.
        for _ in 0..2 {
            text.push_str(&format!(
                " {} {}",
                c.control.title,
                c.control.evidence_texts().collect::<Vec<_>>().join(" ")
            ));
        }
        text.push_str(&format!(" {}", c.control.requirement));
    }
    let counts: Vec<(String, HashMap<String, usize>)> = texts
        .into_iter()
        .map(|(id, text)| {
            let mut tf = HashMap::new();
            for w in words(&text) {
                *tf.entry(w).or_insert(0) += 1;
            }
            (id, tf)
        })
        .collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for (_, tf) in &counts {
        for w in tf.keys() {
            *df.entry(w).or_insert(0) += 1;
        }
    }
    let n = counts.len() as f64;
    counts
        .iter()
        .map(|(id, tf)| {
            let mut weighted: Vec<(String, f64)> = tf
                .iter()
                .map(|(w, &count)| {
                    let idf = (n / df[w.as_str()] as f64).ln();
                    (w.clone(), (1.0 + (count as f64).ln()) * idf)
                })
                .filter(|(_, weight)| *weight > 0.0)
                .collect();
            let total: f64 = weighted.iter().map(|(_, w)| w).sum();
            for (_, w) in &mut weighted {
                *w /= total.max(f64::EPSILON);
            }
            weighted.sort_by(|a, b| b.1.total_cmp(&a.1));
            Profile {
                id: id.clone(),
                words: weighted,
            }
        })
        .collect()
}

/// The share (0–1) of a control's weighted vocabulary found among `present` words.
pub fn coverage(profile: &Profile, present: &HashSet<String>) -> f64 {
    profile
        .words
        .iter()
        .filter(|(w, _)| present.contains(w))
        .map(|(_, weight)| weight)
        .sum()
}

/// Lower-case words of three letters or more, common words left out, plural and verb
/// endings trimmed so "runbooks" meets "runbook" and "tested" meets "testing".
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .map(|w| stem(&w))
}

fn stem(word: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.len() >= 4 {
                return base.to_string();
            }
        }
    }
    word.to_string()
}

const STOP: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "that",
    "this",
    "are",
    "from",
    "their",
    "have",
    "has",
    "was",
    "were",
    "will",
    "which",
    "what",
    "how",
    "all",
    "any",
    "can",
    "may",
    "must",
    "should",
    "such",
    "other",
    "into",
    "each",
    "also",
    "not",
    "but",
    "been",
    "its",
    "our",
    "your",
    "they",
    "them",
    "these",
    "those",
    "there",
    "where",
    "when",
    "who",
    "use",
    "used",
    "using",
    "include",
    "including",
    "includes",
    "provide",
    "provided",
    "example",
    "examples",
    "evidence",
    "partner",
    "partners",
    "aws",
    "customer",
    "customers",
    "following",
    "least",
    "one",
    "two",
    "four",
    "please",
    "description",
    "documentation",
    "document",
    "documents",
    "process",
    "processes",
    "etc",
    "within",
    "per",
    "via",
    "following",
    "amazon",
    "services",
    "service",
    "based",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::load::builtin;

    #[test]
    fn a_control_is_most_similar_to_a_text_in_its_own_words() {
        let present: HashSet<String> = words(
            "Load test and failover test report: we ran the load tests, then tested failover of the database.",
        )
        .collect();
        let best = profiles(builtin())
            .into_iter()
            .max_by(|a, b| coverage(a, &present).total_cmp(&coverage(b, &present)))
            .map(|p| p.id);
        assert_eq!(best.as_deref(), Some("PRTST-001"));
    }

    #[test]
    fn endings_are_trimmed_and_common_words_dropped() {
        let w: Vec<String> = words("The runbooks were tested and testing continues").collect();
        assert_eq!(w, ["runbook", "test", "test", "continu"]);
    }
}
