//! One owner for how text becomes searchable: the canonical form every extracted text and
//! every query is put in ([`normalize`]), and the words FTS5 indexes and looks up
//! ([`for_each_token`], used by the store's `dossier` tokenizer on both sides).
//!
//! Canonical text is what the user reads (snippets, previews): it keeps what shapes the
//! script, such as the zero-width non-joiner of Persian and the joiner of emoji and Indic
//! text. Tokens are what is compared: case, Latin accents, optional Arabic and Hebrew vowel
//! points, the kashida and invisible marks are folded away there, so the display text is
//! never changed to make a match.

use std::ops::Range;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The zero-width non-joiner: in Persian, Kurdish and Urdu it sits inside a word between
/// morphemes ("می‌خواهم"), and people type it, a space, or nothing.
const ZWNJ: char = '\u{200C}';

/// NFKC-normalises `text` (ligatures such as "ﬁ" become "fi", full-width letters
/// plain ones), drops invisible characters that carry no letter (soft hyphens,
/// zero-width spaces, byte-order marks, bidi controls), and collapses each run of
/// whitespace or control characters to one space, or to one newline if the run broke a
/// line, so snippets keep their paragraphs. The result is trimmed.
pub(crate) fn normalize(text: &str) -> String {
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

/// Soft hyphens, zero-width spaces, word joiners, byte-order marks and bidi controls:
/// PDF and Word text is full of them (right-to-left text above all), and inside a word
/// they would hide it from search. The joiner and non-joiner are not among them: they
/// change how Persian, Indic and emoji text looks, so they are kept and folded in tokens.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{61C}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Whether `c` belongs to a word (a query is split into words where it does not):
/// letters, digits, combining marks, private-use characters and the characters a
/// token folds away. Everything else separates words.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || is_combining_mark(c)
        || is_folded_away(c)
        || c == ZWNJ
        || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..)
}

/// Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
/// Myanmar) and Korean, whose particles cling to the word ("서울에서"). No word list can
/// split them offline, so each character (with its combining marks) is a token of its
/// own and a query run becomes a phrase of characters: any word or substring a user
/// types is found, in order, wherever it stands in the sentence.
pub(crate) fn is_own_token(c: char) -> bool {
    matches!(
        c,
        '\u{0E00}'..='\u{0EFF}'      // Thai, Lao
            | '\u{1000}'..='\u{109F}' // Myanmar
            | '\u{1100}'..='\u{11FF}' // Hangul Jamo
            | '\u{1780}'..='\u{17FF}' // Khmer
            | '\u{19E0}'..='\u{19FF}' // Khmer symbols
            | '\u{2E80}'..='\u{2FDF}' // CJK and Kangxi radicals
            | '\u{3005}'..='\u{3007}' // 々 〆 〇
            | '\u{3021}'..='\u{3029}' // Hangzhou numerals
            | '\u{3031}'..='\u{3035}' // kana repeat marks
            | '\u{3038}'..='\u{303C}'
            | '\u{3040}'..='\u{31FF}' // kana, Bopomofo, Hangul compatibility Jamo
            | '\u{3400}'..='\u{4DBF}' // CJK extension A
            | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
            | '\u{A960}'..='\u{A97F}' // Hangul Jamo extended A
            | '\u{AA60}'..='\u{AA7F}' // Myanmar extended A
            | '\u{AC00}'..='\u{D7FF}' // Hangul syllables, Jamo extended B
            | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
            | '\u{FF66}'..='\u{FFDC}' // half-width kana and Hangul
            | '\u{20000}'..='\u{3FFFF}' // CJK extensions B and later
    )
}

/// Characters inside a word that a token drops: what [`normalize`] drops (names are not
/// normalised, and older stores hold text normalised before the bidi controls were), the
/// joiner, the Arabic kashida (a stretch, not a letter) and variation selectors (a glyph
/// choice for the same ideograph).
fn is_folded_away(c: char) -> bool {
    is_invisible(c)
        || matches!(
            c,
            '\u{200D}' | '\u{0640}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}'
        )
}

/// Vowel points and cantillation marks of Hebrew and Arabic: most text leaves them out
/// and nobody types them in a search, so a pointed word must match the bare one.
fn is_optional_point(c: char) -> bool {
    matches!(
        c,
        '\u{0591}'..='\u{05BD}'
            | '\u{05BF}'
            | '\u{05C1}'..='\u{05C2}'
            | '\u{05C4}'..='\u{05C5}'
            | '\u{05C7}'
            | '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E4}'
            | '\u{06E7}'..='\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
    )
}

/// Latin letters lose their accents in a token ("café" matches "cafe"), as SQLite's
/// `unicode61 remove_diacritics 2` did before this tokenizer; other scripts keep their
/// marks, which are often letters of their own (Devanagari vowel signs, Thai tones).
fn is_latin(c: char) -> bool {
    matches!(c, '\0'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// The form a word is compared in: NFKC, lower case, without Latin accents, optional
/// points or the characters [`is_folded_away`] names, recomposed (NFC).
fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let lower: String = word.nfkc().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(lower.len());
    let mut base_is_latin = false;
    for c in lower.nfd() {
        if c == ZWNJ || is_folded_away(c) || is_optional_point(c) {
            continue;
        }
        if is_combining_mark(c) {
            if base_is_latin {
                continue;
            }
        } else {
            base_is_latin = is_latin(c);
        }
        out.push(c);
    }
    out.nfc().collect()
}

/// A token in the making: a run of word characters, or one character that is a token of
/// its own with the marks that follow it.
#[derive(Clone, Copy, PartialEq)]
enum Run {
    Word,
    OwnToken,
}

/// Calls `emit(token, byte range in text, colocated)` for each token of `text`, in order.
/// `colocated` tokens stand at the position of the token before them (an alternative form
/// of it): a word with a zero-width non-joiner is indexed whole, joined, and each of its
/// parts colocated, so "می‌خواهم", "میخواهم" and "می خواهم" all find it. A `query` gets
/// the joined form only, which is what a document holds whichever way it was written.
/// Stops at the first error `emit` returns.
pub(crate) fn for_each_token<E>(
    text: &str,
    query: bool,
    mut emit: impl FnMut(&str, Range<usize>, bool) -> Result<(), E>,
) -> Result<(), E> {
    let mut run: Option<(usize, Run)> = None;
    for (i, c) in text.char_indices() {
        let extends = !c.is_ascii() && (is_combining_mark(c) || is_folded_away(c));
        let own = is_own_token(c) && !extends;
        match run {
            Some((_, Run::Word)) if !own && is_word_char(c) => continue,
            Some((_, Run::OwnToken)) if extends => continue,
            _ => {}
        }
        if let Some((start, kind)) = run.take() {
            emit_run(&text[start..i], start, kind, query, &mut emit)?;
        }
        run = if own {
            Some((i, Run::OwnToken))
        } else if is_word_char(c) {
            Some((i, Run::Word))
        } else {
            None
        };
    }
    if let Some((start, kind)) = run {
        emit_run(&text[start..], start, kind, query, &mut emit)?;
    }
    Ok(())
}

fn emit_run<E>(
    run: &str,
    start: usize,
    kind: Run,
    query: bool,
    emit: &mut impl FnMut(&str, Range<usize>, bool) -> Result<(), E>,
) -> Result<(), E> {
    let whole = fold(run);
    if whole.is_empty() {
        return Ok(());
    }
    emit(&whole, start..start + run.len(), false)?;
    if query || kind == Run::OwnToken || !run.contains(ZWNJ) {
        return Ok(());
    }
    let mut offset = start;
    let parts: Vec<(String, Range<usize>)> = run
        .split(ZWNJ)
        .map(|part| {
            let range = offset..offset + part.len();
            offset = range.end + ZWNJ.len_utf8();
            (fold(part), range)
        })
        .filter(|(folded, _)| !folded.is_empty())
        .collect();
    if parts.len() > 1 {
        for (part, range) in parts {
            emit(&part, range, true)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{for_each_token, normalize};

    /// Tokens of `text` with their source text, `+` marking a colocated one.
    fn tokens(text: &str, query: bool) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token::<()>(text, query, |token, range, colocated| {
            let mark = if colocated { "+" } else { "" };
            out.push(format!("{mark}{token}={}", &text[range]));
            Ok(())
        })
        .unwrap();
        out
    }

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

    #[test]
    fn script_shaping_joiners_stay_and_bidi_controls_go() {
        assert_eq!(
            normalize("\u{200F}می\u{200C}خواهم\u{200E} \u{202B}مرحبا\u{202C} 👩\u{200D}💻"),
            "می\u{200C}خواهم مرحبا 👩\u{200D}💻"
        );
    }

    #[test]
    fn latin_words_fold_case_accents_and_width() {
        assert_eq!(
            tokens("Café ＳＯＷ, OPE-002", false),
            ["cafe=Café", "sow=ＳＯＷ", "ope=OPE", "002=002"]
        );
    }

    #[test]
    fn chinese_and_japanese_characters_are_tokens_of_their_own() {
        assert_eq!(
            tokens("AWS東京リージョン2024年", false),
            [
                "aws=AWS",
                "東=東",
                "京=京",
                "リ=リ",
                "ー=ー",
                "ジ=ジ",
                "ョ=ョ",
                "ン=ン",
                "2024=2024",
                "年=年"
            ]
        );
        // A decomposed voiced kana (as a macOS file name has it) is the composed one.
        assert_eq!(tokens("か\u{3099}", false), ["が=か\u{3099}"]);
        assert_eq!(tokens("葛\u{E0100}", true), ["葛=葛\u{E0100}"]);
    }

    #[test]
    fn thai_and_korean_split_into_characters_with_their_marks() {
        assert_eq!(tokens("ที่นี่", false), ["ที่=ที่", "นี่=นี่"]);
        assert_eq!(
            tokens("서울에서", false),
            ["서=서", "울=울", "에=에", "서=서"]
        );
    }

    #[test]
    fn a_zero_width_non_joiner_word_is_indexed_joined_and_in_parts() {
        assert_eq!(
            tokens("می\u{200C}خواهم", false),
            ["میخواهم=می\u{200C}خواهم", "+می=می", "+خواهم=خواهم"]
        );
        assert_eq!(tokens("می\u{200C}خواهم", true), ["میخواهم=می\u{200C}خواهم"]);
        assert_eq!(tokens("Auf\u{200C}lage", true), ["auflage=Auf\u{200C}lage"]);
    }

    #[test]
    fn arabic_and_hebrew_points_kashida_and_bidi_marks_fold_away() {
        assert_eq!(
            tokens("\u{200F}كَتَبَ الـعربية שָׁלוֹם", false),
            ["كتب=\u{200F}كَتَبَ", "العربية=الـعربية", "שלום=שָׁלוֹם"]
        );
    }

    #[test]
    fn indic_vowel_signs_and_viramas_stay_inside_the_word() {
        assert_eq!(tokens("हिन्दी भाषा", false), ["हिन्दी=हिन्दी", "भाषा=भाषा"]);
    }
}
