//! The words of a reference text that are looked up with Dossier's search: runs of Unicode
//! letters and digits, as the search box splits a query, of at least [`MIN_CHARS`]
//! characters, once each per file, and at most [`CAP`] spread evenly over the text.

use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

pub const MIN_CHARS: usize = 3;
pub const CAP: usize = 300;

/// The probe words of `text`, lower-cased, in text order. Words that begin a word of the
/// file's `path` are left out: the search matches names too, so those would be found
/// whatever the reader made of the text.
pub fn probe_words(text: &str, path: &str) -> Vec<String> {
    let name_words = words(path);
    let mut seen = HashSet::new();
    let all: Vec<String> = words(text)
        .into_iter()
        .filter(|w| w.chars().count() >= MIN_CHARS)
        .filter(|w| !name_words.iter().any(|n| n.starts_with(w.as_str())))
        .filter(|w| seen.insert(w.clone()))
        .collect();
    spread(all, CAP)
}

/// NFKC-normalised (as the search normalises a query), lower-cased runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    let normalised: String = text.nfkc().collect();
    normalised
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// `cap` items taken at even steps over `items`, first included.
fn spread(items: Vec<String>, cap: usize) -> Vec<String> {
    let n = items.len();
    if n <= cap {
        return items;
    }
    let mut items: Vec<Option<String>> = items.into_iter().map(Some).collect();
    (0..cap).filter_map(|i| items[i * n / cap].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_letter_digit_runs_of_three_deduplicated_in_order() {
        let words = probe_words(
            "The RCA, the rca: 2024-Q3 ok ﬁnance Größe 東京都",
            "docs/x.pdf",
        );
        assert_eq!(words, ["the", "rca", "2024", "finance", "größe", "東京都"]);
    }

    #[test]
    fn words_that_begin_a_name_word_are_left_out() {
        let words = probe_words("runbook for billing incidents", "ops/Runbooks_billing.docx");
        assert_eq!(words, ["for", "incidents"]);
    }

    #[test]
    fn long_texts_give_at_most_the_cap_spread_over_the_text() {
        let text: String = (0..1000).map(|i| format!("w{i:04} ")).collect();
        let words = probe_words(&text, "a.pdf");
        assert_eq!(words.len(), CAP);
        assert_eq!(words.first().map(String::as_str), Some("w0000"));
        assert!(words.last().unwrap().as_str() > "w0990");
    }
}
