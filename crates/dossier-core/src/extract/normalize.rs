//! One canonical form for all extracted text, so a search matches whatever quirks
//! the source format had.

use unicode_normalization::UnicodeNormalization;

/// NFKC-normalises `text` (ligatures such as "ﬁ" become "fi", full-width letters
/// plain ones), drops invisible formatting characters that would split words, and
/// collapses each run of whitespace or control characters to one space, or to one
/// newline if the run broke a line, so snippets keep their paragraphs. The result
/// is trimmed.
pub(super) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = None;
    for c in text.nfkc() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            let breaks_line = matches!(c, '\n' | '\r' | '\x0C' | '\u{2028}' | '\u{2029}');
            pending_space = Some(if breaks_line || pending_space == Some('\n') {
                '\n'
            } else {
                ' '
            });
            continue;
        }
        if let Some(space) = pending_space.take() {
            if !out.is_empty() {
                out.push(space);
            }
        }
        out.push(c);
    }
    out
}

/// Soft hyphens, zero-width spaces and joiners, and byte-order marks: PDF and
/// Word text is full of them, and inside a word they would hide it from search.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn ligatures_and_full_width_letters_fold_to_plain_ones() {
        assert_eq!(normalize("ﬁnancial ｆｉｌｅ"), "financial file");
    }

    #[test]
    fn whitespace_runs_collapse_and_line_breaks_survive() {
        assert_eq!(
            normalize("  Statement\t\u{A0} of\r\n\n  Work \u{0}\u{7} done  "),
            "Statement of\nWork done"
        );
    }

    #[test]
    fn invisible_characters_no_longer_split_words() {
        assert_eq!(
            normalize("\u{FEFF}Ama\u{AD}zon Sage\u{200B}Maker"),
            "Amazon SageMaker"
        );
    }

    #[test]
    fn blank_text_normalises_to_nothing() {
        assert_eq!(normalize(" \n\t "), "");
    }
}
