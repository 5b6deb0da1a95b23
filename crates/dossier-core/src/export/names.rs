//! File and folder names an export writes: valid on every desktop system, never empty, and
//! within the 255-byte limit of one name (UTF-16 units on Windows are never more than
//! UTF-8 bytes, so bytes are the stricter measure), numbers included.

use std::collections::HashSet;

/// The longest name, in bytes, one file or folder can have.
pub const MAX_NAME_BYTES: usize = 255;

/// A name that is a valid file name on every desktop system; may be empty.
pub fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    trim(&cleaned).chars().take(120).collect()
}

/// `text` cut to at most `max` bytes, at a character boundary.
pub fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let end = (0..=max).rev().find(|&i| text.is_char_boundary(i));
    &text[..end.unwrap_or(0)]
}

/// Windows drops trailing dots and spaces from names, so they never end one.
fn trim(name: &str) -> &str {
    name.trim().trim_end_matches(['.', ' '])
}

/// The names given in one folder, told apart without regard to case (as on Windows and
/// macOS): `SOW.docx`, `SOW (2).docx`.
#[derive(Debug, Default)]
pub struct Names {
    taken: HashSet<String>,
}

/// An extension longer than this is part of the name, not a file type.
const MAX_EXTENSION_BYTES: usize = 16;

impl Names {
    /// Marks `name` as used, for names the export writes itself (`index.html`).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_lowercase());
    }

    /// A new name for a file called `raw`, its extension kept.
    pub fn file(&mut self, raw: &str) -> String {
        let name = safe_name(raw);
        let (stem, ext) = match name.rsplit_once('.') {
            Some((s, e)) if !trim(s).is_empty() && e.len() < MAX_EXTENSION_BYTES => {
                (trim(s).to_string(), format!(".{e}"))
            }
            _ => (name, String::new()),
        };
        self.unique(&stem, &ext, "unnamed file")
    }

    /// A new name for a folder called `raw`.
    pub fn folder(&mut self, raw: &str) -> String {
        self.unique(&safe_name(raw), "", "unnamed folder")
    }

    /// `stem` + `ext`, or the first of `stem (2)` + `ext`, `stem (3)` + `ext`, … not taken yet,
    /// the stem cut so that the whole name fits; `placeholder` stands in for an empty stem.
    fn unique(&mut self, stem: &str, ext: &str, placeholder: &str) -> String {
        let stem = if stem.is_empty() { placeholder } else { stem };
        (1..)
            .map(|n| {
                let suffix = if n == 1 {
                    String::new()
                } else {
                    format!(" ({n})")
                };
                let room = MAX_NAME_BYTES - suffix.len() - ext.len();
                let stem = match trim(cut(stem, room)) {
                    "" => cut(placeholder, room),
                    cut => cut,
                };
                format!("{stem}{suffix}{ext}")
            })
            .find(|name| self.taken.insert(name.to_lowercase()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clashing_names_in_one_folder_are_numbered() {
        let mut names = Names::default();
        assert_eq!(names.file("sow.docx"), "sow.docx");
        assert_eq!(names.file("SOW.docx"), "SOW (2).docx");
        assert_eq!(names.file("sow.docx"), "sow (3).docx");
        assert_eq!(names.file("README"), "README");
        assert_eq!(names.file("readme"), "readme (2)");
    }

    #[test]
    fn a_name_with_nothing_left_after_cleaning_gets_a_placeholder() {
        let mut names = Names::default();
        assert_eq!(names.file("  "), "unnamed file");
        assert_eq!(names.file("..."), "unnamed file (2)");
        assert_eq!(names.file("\t. "), "unnamed file (3)");
        assert_eq!(names.folder("\u{7}"), "unnamed folder");
    }

    #[test]
    fn long_names_are_cut_by_bytes_before_the_number_and_keep_their_extension() {
        let long = format!("{}.md", "📄".repeat(63));
        assert_eq!(long.len(), 255);
        let mut names = Names::default();
        let first = names.file(&long);
        let second = names.file(&long);
        assert_eq!(first, long);
        assert!(second.len() <= MAX_NAME_BYTES, "{}", second.len());
        assert!(second.ends_with(" (2).md"), "{second}");
        assert!(second.starts_with(&"📄".repeat(61)), "{second}");

        let title = format!("GENAI-001 {}", "é".repeat(300));
        let mut folders = Names::default();
        let a = folders.folder(&title);
        let b = folders.folder(&title);
        assert!(a.len() <= MAX_NAME_BYTES && b.len() <= MAX_NAME_BYTES);
        assert_ne!(a.to_lowercase(), b.to_lowercase());
    }

    #[test]
    fn a_long_extension_is_part_of_the_name() {
        let name = format!("report.{}", "x".repeat(30));
        let mut names = Names::default();
        assert_eq!(names.file(&name), name);
        assert_eq!(names.file(&name), format!("{name} (2)"));
    }

    #[test]
    fn cutting_respects_character_boundaries() {
        assert_eq!(cut("aé", 2), "a");
        assert_eq!(cut("aé", 3), "aé");
        assert_eq!(cut("📄", 3), "");
    }

    #[test]
    fn names_are_valid_everywhere() {
        assert_eq!(safe_name(r#"a/b\c:d*e?f"g<h>i|j"#), "a-b-c-d-e-f-g-h-i-j");
        assert_eq!(safe_name(" Evidence pack. "), "Evidence pack");
        assert_eq!(safe_name(".."), "");
    }
}
