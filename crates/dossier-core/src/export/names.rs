//! File and folder names an export writes: valid on every desktop system, never a Windows
//! device name, never empty, and within the 255-byte limit of one name (UTF-16 units on
//! Windows are never more than UTF-8 bytes, so bytes are the stricter measure), numbers
//! included.

use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

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

/// Whether Windows takes `name` for a device, whatever follows the first dot: `CON`,
/// `aux.txt`, `nul.tar.gz`, `COM1.md`, `LPT¹.pdf`. Writing one would fail, or on older
/// systems write into the device and lose the file.
pub fn is_reserved(name: &str) -> bool {
    let base = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches(' ');
    let base = base.to_uppercase();
    if ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"].contains(&base.as_str()) {
        return true;
    }
    let numbered = base
        .strip_prefix("COM")
        .or_else(|| base.strip_prefix("LPT"));
    let mut rest = numbered.unwrap_or_default().chars();
    matches!(
        (rest.next(), rest.next()),
        (Some('0'..='9' | '¹' | '²' | '³'), None)
    )
}

/// `name` with a `_` after the part Windows reads as a device: `aux.txt` → `aux_.txt`.
fn mark_device_name(name: &str) -> String {
    let dot = name.find('.').unwrap_or(name.len());
    let end = name[..dot].trim_end_matches(' ').len();
    format!("{}_{}", &name[..end], &name[end..])
}

/// What one folder on a case-insensitive system sees as the same name: case folded the
/// way both NTFS (upper case) and APFS (folding, `ß` = `ss`) would, and composed, since
/// APFS and HFS+ treat `é` and `e` + accent as one name. Errs towards seeing a clash.
fn folded(name: &str) -> String {
    let once: String = name.nfc().collect();
    once.to_lowercase()
        .to_uppercase()
        .to_lowercase()
        .nfc()
        .collect()
}

/// The names given in one folder, told apart without regard to case or Unicode form (as
/// on Windows and macOS): `SOW.docx`, `SOW (2).docx`.
#[derive(Debug, Default)]
pub struct Names {
    taken: HashSet<String>,
}

/// An extension longer than this is part of the name, not a file type.
const MAX_EXTENSION_BYTES: usize = 16;

impl Names {
    /// Marks `name` as used, for names the export writes itself (`index.html`).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(folded(name));
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
    /// A device name gets a `_` (`aux_.txt`); device names are short, so it always fits.
    fn unique(&mut self, stem: &str, ext: &str, placeholder: &str) -> String {
        let stem = if stem.is_empty() { placeholder } else { stem };
        (1..)
            .map(|n| {
                let suffix = if n == 1 {
                    String::new()
                } else {
                    format!(" ({n})")
                };
                let fit = |room: usize| {
                    let stem = match trim(cut(stem, room)) {
                        "" => cut(placeholder, room),
                        cut => cut,
                    };
                    format!("{stem}{suffix}{ext}")
                };
                let room = MAX_NAME_BYTES - suffix.len() - ext.len();
                let name = fit(room);
                if is_reserved(&name) {
                    mark_device_name(&fit(room - 1))
                } else {
                    name
                }
            })
            .find(|name| self.taken.insert(folded(name)))
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
    fn windows_device_names_are_never_written() {
        let mut names = Names::default();
        assert_eq!(names.file("aux.txt"), "aux_.txt");
        assert_eq!(names.file("CON"), "CON_");
        assert_eq!(names.file("nul.pdf"), "nul_.pdf");
        assert_eq!(names.file("Com1.tar.gz"), "Com1_.tar.gz");
        assert_eq!(names.file("lpt¹.md"), "lpt¹_.md");
        assert_eq!(names.file("prn .md"), "prn_.md");
        assert_eq!(names.folder("NUL"), "NUL_");
        let long = format!("con.{}", "📄".repeat(100));
        let marked = names.file(&long);
        assert!(marked.starts_with("con_.📄"), "{marked}");
        assert!(marked.len() <= MAX_NAME_BYTES, "{}", marked.len());
        // The same name again is numbered, and a number frees it from being a device.
        assert_eq!(names.file("AUX.txt"), "AUX (2).txt");
        for fine in [
            "console.txt",
            "auxiliary.md",
            "COM10.md",
            "COM.md",
            "nullable",
            "LPT",
        ] {
            assert_eq!(names.file(fine), fine);
            assert!(!is_reserved(fine), "{fine}");
        }
        for device in [
            "con",
            "CONIN$",
            "conout$.log",
            "com0",
            "LPT9.x",
            "nul.tar.gz",
        ] {
            assert!(is_reserved(device), "{device}");
        }
    }

    #[test]
    fn names_that_one_folder_on_windows_or_macos_would_confuse_are_numbered() {
        let mut names = Names::default();
        assert_eq!(names.file("Caf\u{e9}.md"), "Caf\u{e9}.md");
        // The same name with the accent as a combining mark, as macOS writes it.
        assert_eq!(names.file("Cafe\u{301}.md"), "Cafe\u{301} (2).md");
        assert_eq!(names.file("CAF\u{c9}.MD"), "CAF\u{c9} (3).MD");
        assert_eq!(names.file("stra\u{df}e.md"), "stra\u{df}e.md");
        assert_eq!(names.file("STRASSE.md"), "STRASSE (2).md");
        assert_eq!(names.file("\u{17f}ow.md"), "\u{17f}ow.md");
        assert_eq!(names.file("SOW.md"), "SOW (2).md");
        let mut folders = Names::default();
        folders.reserve("index.html");
        assert_eq!(folders.folder("INDEX.HTML"), "INDEX.HTML (2)");
    }

    #[test]
    fn names_are_valid_everywhere() {
        assert_eq!(safe_name(r#"a/b\c:d*e?f"g<h>i|j"#), "a-b-c-d-e-f-g-h-i-j");
        assert_eq!(safe_name(" Evidence pack. "), "Evidence pack");
        assert_eq!(safe_name(".."), "");
    }
}
