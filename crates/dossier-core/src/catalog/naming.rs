//! Checklist identifiers and versions: how an imported checklist gets its id, and which
//! checklists are versions of one another.
//!
//! An id is the program name without the words every program shares, then the version:
//! "AWS Data and Analytics Competency", "7.1" → `data-analytics-7.1`;
//! "AWS Generative AI Competency", "August 2025" → `generative-ai-2025-08`. The part before
//! the version is the checklist's *family*: two checklists of one family are versions.

use super::parse::MONTHS;

/// Words left out of an id: they name every program, or join words.
const COMMON_WORDS: [&str; 8] = [
    "aws",
    "amazon",
    "competency",
    "specialization",
    "and",
    "the",
    "of",
    "for",
];

/// The id an imported checklist is stored under; `fallback` names it when the text has no
/// title line (e.g. the file name).
pub fn derive_id(name: &str, version: &str, fallback: &str) -> String {
    let family = slug_words(name, true);
    let family = if family.is_empty() {
        slug_words(fallback, false)
    } else {
        family
    };
    let family = if family.is_empty() {
        "checklist".to_string()
    } else {
        family
    };
    match version_slug(version) {
        Some(v) => format!("{family}-{v}"),
        None => family,
    }
}

/// The id up to its version: `generative-ai-2025-08` → `generative-ai`.
pub fn family(id: &str) -> &str {
    id.match_indices('-')
        .find(|(i, _)| id[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
        .map_or(id, |(i, _)| &id[..i])
}

/// Orders versions of one family: "7.1" → [7, 1]; "August 2025" → [2025, 8]. `None` for a
/// version that is neither, which then cannot be placed before or after another.
pub fn version_key(version: &str) -> Option<Vec<u32>> {
    if let Some((year, month)) = month_and_year(version) {
        return Some(vec![year, month]);
    }
    let parts: Option<Vec<u32>> = version
        .trim()
        .trim_start_matches(['v', 'V'])
        .split('.')
        .map(|p| p.parse().ok())
        .collect();
    parts.filter(|p| !p.is_empty())
}

fn slug_words(text: &str, drop_common: bool) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !drop_common || !COMMON_WORDS.contains(&w.as_str()))
        .filter(|w| w.is_ascii())
        .collect::<Vec<_>>()
        .join("-")
}

/// "7.1" stays; "August 2025" becomes "2025-08"; anything else is slugged.
fn version_slug(version: &str) -> Option<String> {
    if let Some((year, month)) = month_and_year(version) {
        return Some(format!("{year}-{month:02}"));
    }
    let slug: String = version
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches('-').to_string();
    (!slug.is_empty()).then_some(slug)
}

/// The first "Month YYYY" in `text`, as (year, month number).
fn month_and_year(text: &str) -> Option<(u32, u32)> {
    MONTHS
        .iter()
        .zip(1..)
        .filter_map(|(month, number)| {
            let start = text.find(month)?;
            let year = text[start + month.len()..].trim_start();
            let digits: String = year.chars().take_while(char::is_ascii_digit).collect();
            let year = (digits.len() == 4).then(|| digits.parse().ok())??;
            Some((start, year, number))
        })
        .min()
        .map(|(_, year, month)| (year, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_ids_are_what_import_derives() {
        assert_eq!(
            derive_id("AWS Data and Analytics Competency", "7.1", "x"),
            "data-analytics-7.1"
        );
        assert_eq!(
            derive_id("AWS Generative AI Competency", "August 2025", "x"),
            "generative-ai-2025-08"
        );
    }

    #[test]
    fn ids_without_a_name_or_version() {
        assert_eq!(derive_id("", "", "My Checklist.txt"), "my-checklist-txt");
        assert_eq!(derive_id("AWS Security Competency", "", "x"), "security");
        assert_eq!(derive_id("", "", "…"), "checklist");
    }

    #[test]
    fn family_is_the_id_before_its_version() {
        assert_eq!(family("generative-ai-2025-08"), "generative-ai");
        assert_eq!(family("data-analytics-7.1"), "data-analytics");
        assert_eq!(family("security"), "security");
    }

    #[test]
    fn versions_order_by_number_or_date() {
        assert!(version_key("7.1") > version_key("7.0"));
        assert!(version_key("7.10") > version_key("7.9"));
        assert!(version_key("February 2026") > version_key("August 2025"));
        assert_eq!(version_key("draft"), None);
    }
}
