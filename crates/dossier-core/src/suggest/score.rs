//! Scoring one file against every control: which concepts of the vocabulary the control's
//! own text asks for, and how strongly the file's text, name and folders show them.
//! Every score comes with the words that made it, so the reason shown is the real one.

use super::lexical;
use super::vocabulary::{Concept, Haystack, Vocabulary};
use crate::catalog::Checklist;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A control as suggestions see it: the concepts its text asks for, with how central each
/// is (named in the title > in an evidence item > in the requirement).
#[derive(Debug, Clone)]
pub struct ControlProfile {
    pub id: String,
    pub concepts: Vec<(usize, f64)>,
    /// The control's own distinctive words, weighted.
    pub words: lexical::Profile,
}

/// Every control ID of `checklists` once, with its concepts.
pub fn profiles(checklists: &[Checklist], vocabulary: &Vocabulary) -> Vec<ControlProfile> {
    let mut lexical: HashMap<String, lexical::Profile> = lexical::profiles(checklists)
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let mut texts: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for c in checklists.iter().flat_map(|c| c.controls()) {
        let entry = texts.entry(c.control.id.clone()).or_default();
        entry.0.push_str(&format!(" {}", c.control.title));
        entry.1.push_str(&format!(
            " {}",
            c.control.evidence_texts().collect::<Vec<_>>().join(" ")
        ));
        entry.2.push_str(&format!(" {}", c.control.requirement));
    }
    texts
        .into_iter()
        .map(|(id, (title, items, requirement))| {
            let (title, items, requirement) = (
                Haystack::new(&title),
                Haystack::new(&items),
                Haystack::new(&requirement),
            );
            let concepts = vocabulary
                .concept
                .iter()
                .enumerate()
                .filter_map(|(i, k)| {
                    let asks = |h: &Haystack| k.control.iter().any(|w| h.contains(w));
                    let strength = if asks(&title) {
                        1.0
                    } else if asks(&items) {
                        0.85
                    } else if asks(&requirement) {
                        0.55
                    } else {
                        return None;
                    };
                    Some((i, strength))
                })
                .collect();
            let words = lexical.remove(&id).unwrap_or(lexical::Profile {
                id: id.clone(),
                words: Vec::new(),
            });
            ControlProfile {
                id,
                concepts,
                words,
            }
        })
        .collect()
}

/// What is known of a file: its text (if any), its name and the names of its folders.
pub struct FileView<'a> {
    pub path: &'a str,
    pub text: Option<&'a str>,
}

/// How one concept shows in a file.
#[derive(Debug, Clone, PartialEq)]
struct Evidence {
    /// The concept's words found in the text, most frequent first.
    text_words: Vec<String>,
    /// 0–1: how much of the text is about this concept (distinct words and repeats).
    text: f64,
    name_word: Option<String>,
    in_folder: bool,
}

/// A control's score for a file, with its reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub control: String,
    pub confidence: f64,
    pub reason: String,
}

/// The most of a document read for suggestions: enough for any real document's gist.
const MAX_TEXT: usize = 200_000;

/// Scores `file` against every profile; the best first, weak ones left out.
pub fn score(
    file: &FileView,
    profiles: &[ControlProfile],
    vocabulary: &Vocabulary,
    minimum: f64,
) -> Vec<Scored> {
    let (folders, name) = match file.path.rsplit_once('/') {
        Some((dir, name)) => (dir, name),
        None => ("", file.path),
    };
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let name_hay = Haystack::new(&stem.replace(['_', '.'], " "));
    let folder_hay = Haystack::new(&folders.replace(['_', '.'], " "));
    let text = file.text.map(|t| {
        let end = t.char_indices().nth(MAX_TEXT).map_or(t.len(), |(i, _)| i);
        Haystack::new(&t[..end])
    });
    let shown: Vec<Evidence> = vocabulary
        .concept
        .iter()
        .map(|k| evidence(k, text.as_ref(), &name_hay, &folder_hay))
        .collect();
    let noise = noise_reason(vocabulary, &name_hay, &folder_hay, file.text);
    let dominant = shown.iter().map(|e| e.text).fold(0.0, f64::max);

    let lexical_text = format!("{} {} {}", stem, folders, file.text.unwrap_or_default());
    let present: HashSet<String> = lexical::words(&lexical_text).collect();
    let lexical: Vec<f64> = profiles
        .iter()
        .map(|p| lexical::coverage(&p.words, &present))
        .collect();
    let lexical_best = lexical.iter().copied().fold(0.0, f64::max);

    let mut scored: Vec<Scored> = profiles
        .iter()
        .zip(&lexical)
        .filter_map(|(p, &lex)| {
            let concept = p
                .concepts
                .iter()
                .map(|&(i, strength)| (strength * strength_of(&shown[i], dominant), i))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let (concept_score, concept) = concept.unwrap_or((0.0, usize::MAX));
            // The control's own words: relative to the best-matching control of this file,
            // and only once the file uses a fair share of them.
            let relative = if lexical_best > 0.0 {
                lex / lexical_best
            } else {
                0.0
            };
            let words_score = relative.powi(2) * (lex / 0.25).min(1.0);
            let mut confidence = 1.0 - (1.0 - concept_score) * (1.0 - 0.9 * words_score);
            let mut reason = match vocabulary.concept.get(concept) {
                Some(k) if concept_score >= 0.8 * words_score => describe(k, &shown[concept]),
                _ => format!("uses the checklist's words ({})", own_words(p, &present)),
            };
            if let Some(noise) = &noise {
                confidence *= 0.35;
                reason = format!("{reason} — but {noise}");
            }
            (confidence >= minimum).then(|| Scored {
                control: p.id.clone(),
                confidence: (confidence * 100.0).round() / 100.0,
                reason,
            })
        })
        .collect();
    scored.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then_with(|| a.control.cmp(&b.control))
    });
    scored
}

fn evidence(k: &Concept, text: Option<&Haystack>, name: &Haystack, folders: &Haystack) -> Evidence {
    let mut found: Vec<(usize, &String)> = text
        .map(|t| {
            k.document
                .iter()
                .map(|w| (t.count(w), w))
                .filter(|(n, _)| *n > 0)
                .collect()
        })
        .unwrap_or_default();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    // Distinct words count most; repeats a little (a word said five times is not five
    // words of evidence).
    let weight: f64 = found
        .iter()
        .map(|(n, _)| 1.0 + 0.25 * ((*n).min(5) as f64 - 1.0))
        .sum();
    let text_words = found
        .iter()
        .map(|(_, w)| w.trim_end_matches('*').to_string())
        .collect();
    let in_name = k.name.iter().find(|w| name.contains(w));
    let in_folder = k.name.iter().find(|w| folders.contains(w));
    Evidence {
        text_words,
        text: 1.0 - (-weight / 2.5).exp(),
        in_folder: in_name.is_none() && in_folder.is_some(),
        name_word: in_name
            .or(in_folder)
            .map(|w| w.trim_end_matches('*').to_string()),
    }
}

/// 0–1: a file name that says what the file is and text full of the concept's words are
/// strong; one word in passing is weak. `dominant` is the strongest text evidence of any
/// concept in this file: a concept the text only touches beside its main subject is damped.
fn strength_of(e: &Evidence, dominant: f64) -> f64 {
    let relative = if dominant > 0.0 {
        e.text / dominant
    } else {
        0.0
    };
    let text = e.text * (0.4 + 0.6 * relative);
    let name = match (&e.name_word, e.in_folder) {
        (None, _) => 0.0,
        (Some(_), true) => 0.45,
        (Some(_), false) => 1.0,
    };
    1.0 - (1.0 - 0.85 * text) * (1.0 - 0.75 * name)
}

/// The control's three weightiest words the file uses.
fn own_words(p: &ControlProfile, present: &HashSet<String>) -> String {
    let words: Vec<&str> = p
        .words
        .words
        .iter()
        .filter(|(w, _)| present.contains(w))
        .take(3)
        .map(|(w, _)| w.as_str())
        .collect();
    list(&words)
}

fn describe(k: &Concept, e: &Evidence) -> String {
    let mut parts = Vec::new();
    if !e.text_words.is_empty() {
        let words: Vec<&str> = e.text_words.iter().take(3).map(String::as_str).collect();
        parts.push(format!("mentions {}", list(&words)));
    }
    if let Some(w) = &e.name_word {
        let place = if e.in_folder {
            "folder name"
        } else {
            "file name"
        };
        parts.push(format!("{place}: {w}"));
    }
    format!("{} ({})", k.label, parts.join("; "))
}

fn list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Why a file is likely not evidence although it uses evidence words: its name says it is
/// meeting notes, an invoice…, or its text lists many control IDs (an evidence tracker).
fn noise_reason(
    vocabulary: &Vocabulary,
    name: &Haystack,
    folders: &Haystack,
    text: Option<&str>,
) -> Option<String> {
    if let Some(w) = vocabulary
        .noise
        .name
        .iter()
        .find(|w| name.contains(w) || folders.contains(w))
    {
        return Some(format!("it looks like {}", w.trim_end_matches('*')));
    }
    let ids = text.map_or(0, count_control_ids);
    (ids >= 4).then(|| format!("it lists {ids} control IDs, like a tracker"))
}

/// Distinct `ABC-123`-shaped IDs in the text.
fn count_control_ids(text: &str) -> usize {
    let mut ids: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| {
            let Some((prefix, number)) = w.split_once('-') else {
                return false;
            };
            (2..=6).contains(&prefix.len())
                && prefix.chars().all(|c| c.is_ascii_uppercase())
                && number.len() == 3
                && number.chars().all(|c| c.is_ascii_digit())
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::load::builtin;
    use crate::suggest::vocabulary;

    fn top(path: &str, text: Option<&str>) -> Vec<Scored> {
        let v = vocabulary::builtin();
        score(&FileView { path, text }, &profiles(builtin(), v), v, 0.3)
    }

    #[test]
    fn an_rca_record_is_suggested_for_root_cause_analysis_with_its_words() {
        let s = top(
            "Operations/incidents/2026-03 ETL outage.md",
            Some("Incident summary. Impact: dashboards stale for 6 hours. Timeline of events. Root cause: an expired credential. Corrective actions: rotate secrets automatically."),
        );
        assert_eq!(s[0].control, "PRFM-001", "{s:?}");
        assert!(
            s[0].reason
                .contains("mentions root cause, timeline and impact"),
            "{}",
            s[0].reason
        );
    }

    #[test]
    fn a_file_name_alone_is_a_reason() {
        let s = top("Delivery/SOW - Acme data lake.docx", None);
        assert_eq!(s[0].control, "PRJ-003", "{s:?}");
        assert!(s[0].reason.contains("file name: sow"), "{}", s[0].reason);
    }

    #[test]
    fn meeting_notes_and_trackers_stay_quiet() {
        let notes = top(
            "Meetings/weekly sync 2026-03-02.md",
            Some("Discussed the runbook for Acme and the SOW renewal; escalation path to confirm."),
        );
        assert!(notes.iter().all(|s| s.confidence < 0.5), "{notes:?}");
        let tracker = top(
            "evidence tracker.md",
            Some("POV-001 done. PRJ-003 statement of work, deliverables, fees: done. OPE-002 runbook. PRFM-001 root cause. DOC-001 architecture."),
        );
        assert!(tracker.iter().all(|s| s.confidence < 0.5), "{tracker:?}");
    }

    #[test]
    fn control_ids_are_counted_once() {
        assert_eq!(
            count_control_ids("PRJ-003, PRJ-003 and OPE-002; not abc-123 or AB-12"),
            2
        );
    }
}
