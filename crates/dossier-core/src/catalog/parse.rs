//! Reads the published text of an AWS validation checklist into a [`Checklist`].
//!
//! The checklists are web pages; copied as text they come in two shapes that carry the same
//! structure (title, numbered prerequisites, then sections › categories › controls):
//!
//! * **flat**: every paragraph and list item on its own line, no blank lines, no list
//!   markers, long lines sometimes wrapped onto the next line;
//! * **indented**: blank lines between paragraphs, `•` bullets, numbered prerequisites
//!   (`1. 1.1Program Guidelines`) and controls as indented bullets (`  • POV-001 - Title`).
//!
//! One parser reads both. It works on lines that keep their indentation and markers, and only
//! two steps look at the layout: joining wrapped lines, and finding where a control's text
//! ends. In the indented layout that is simply the first line indented no deeper than the
//! control; in the flat layout nothing marks it, so headings are recognised by their shape
//! (see `Parser::flat_run_start`).
//!
//! Section headings are taken from the checklist's own "Requirements Overview" list, which
//! every AWS Specialization checklist has, so no section, category or control name is
//! hard-coded here.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::bounds::{Counted, TooMany, MAX_CONTROLS};
use super::item::EvidenceItem;
use super::model::{Category, Checklist, Control, ExampleScope, Prerequisite, ScopeRule, Section};

/// Why a text could not be read as a checklist.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("the checklist text is empty")]
    Empty,
    #[error("the input is not text ({reason}); expected the checklist copied as plain text")]
    NotText { reason: String },
    #[error("no controls found: expected lines like `ABC-123 - Title`")]
    NoControls,
    #[error("control {id} appears twice, on lines {first} and {second}")]
    DuplicateControl {
        id: String,
        first: usize,
        second: usize,
    },
    #[error(
        "control {id} on line {line} comes before any requirements section heading \
         (e.g. `Common AWS Partner Practice Requirements`)"
    )]
    OutsideSection { id: String, line: usize },
    #[error(transparent)]
    TooMany(#[from] TooMany),
}

/// Parses checklist text given as bytes, e.g. read from a file of unknown content.
pub fn parse_bytes(id: &str, bytes: &[u8]) -> Result<Checklist, ParseError> {
    parse(id, &text_of(bytes)?)
}

/// The text in `bytes`: UTF-8, or UTF-16 with its byte-order mark (what Windows editors
/// save as "Unicode"). Anything else, a PDF or an image, is refused as not text.
pub fn text_of(bytes: &[u8]) -> Result<Cow<'_, str>, ParseError> {
    if bytes.starts_with(b"%PDF") {
        return Err(ParseError::NotText {
            reason: "it is a PDF; save the checklist page as text or HTML instead".into(),
        });
    }
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => Cow::Owned(utf16(rest, u16::from_le_bytes)?),
        [0xFE, 0xFF, rest @ ..] => Cow::Owned(utf16(rest, u16::from_be_bytes)?),
        _ => Cow::Borrowed(std::str::from_utf8(bytes).map_err(|e| ParseError::NotText {
            reason: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        })?),
    };
    checked(&text)?;
    Ok(text)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ParseError> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| ParseError::NotText {
            reason: "invalid UTF-16".into(),
        })
}

/// Parses the published text of one checklist; `id` becomes [`Checklist::id`], since the
/// text itself carries no stable identifier.
pub fn parse(id: &str, text: &str) -> Result<Checklist, ParseError> {
    read(id, text).map(|reading| reading.checklist)
}

/// A checklist read from text, with the lines the reading could not place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub checklist: Checklist,
    /// Lines that look like a control but were not read as one, in words (line number and
    /// text), so a partial import can be told from a complete one.
    pub unplaced: Vec<String>,
}

/// Reads the published text of one checklist, saying what it could not place.
pub fn read(id: &str, text: &str) -> Result<Reading, ParseError> {
    let parser = Parser::new(lex(checked(text)?));
    let checklist = parser.checklist(id)?;
    let unplaced = parser.unplaced(&checklist);
    Ok(Reading {
        checklist,
        unplaced,
    })
}

/// The text without its byte-order mark, once it is known to be non-empty text.
fn checked(text: &str) -> Result<&str, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(offset) = text.find(is_binary_char) {
        return Err(ParseError::NotText {
            reason: format!("control character at byte {offset}"),
        });
    }
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(text)
}

/// NUL and the other C0 controls never occur in copied text; binary files are full of them.
fn is_binary_char(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')
}

/// How a line starts, once its indentation is removed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    None,
    Bullet,
    /// An ordered-list number such as `2.`, kept because the text refers to the order.
    Number(String),
}

/// One non-blank line of the source.
#[derive(Debug, Clone)]
struct Line {
    /// 1-based line number in the source, for error messages.
    number: usize,
    indent: usize,
    marker: Marker,
    /// The text without indentation, marker or trailing spaces.
    text: String,
    /// Whether a blank line precedes it: the paragraph break of the indented layout.
    blank_before: bool,
}

impl Line {
    fn is_plain(&self) -> bool {
        self.marker == Marker::None
    }

    /// The line as one item of a list of strings, keeping an ordered-list number.
    fn item(&self) -> String {
        match &self.marker {
            Marker::Number(n) => format!("{n} {}", self.text),
            _ => self.text.clone(),
        }
    }
}

const BULLETS: [char; 3] = ['•', '◦', '▪'];

fn lex(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut blank_before = false;
    for (index, raw) in text.lines().enumerate() {
        let content = raw.trim();
        if content.is_empty() {
            blank_before = true;
            continue;
        }
        let (marker, text) = split_marker(content);
        lines.push(Line {
            number: index + 1,
            indent: raw.len() - raw.trim_start().len(),
            marker,
            text: text.to_string(),
            blank_before,
        });
        blank_before = false;
    }
    lines
}

fn split_marker(content: &str) -> (Marker, &str) {
    if let Some(rest) = content.strip_prefix(BULLETS) {
        return (Marker::Bullet, rest.trim_start());
    }
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    match content[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => (
            Marker::Number(content[..=digits].to_string()),
            rest.trim_start(),
        ),
        _ => (Marker::None, content),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Flat,
    Indented,
}

/// `ABC-123 - Title` → (`ABC-123`, `Title`); the ID is an uppercase prefix (letters, then
/// letters or digits, as in `S3-001`), a dash and digits; the separator a hyphen, en or em dash.
fn control_header(text: &str) -> Option<(&str, &str)> {
    let (id, title) = [" - ", " – ", " — "]
        .iter()
        .find_map(|separator| text.split_once(separator))?;
    let (letters, digits) = id.split_once('-')?;
    let valid = letters.starts_with(|c: char| c.is_ascii_uppercase())
        && letters
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !title.trim().is_empty();
    valid.then_some((id, title.trim()))
}

fn is_control(line: &Line) -> bool {
    control_header(&line.text).is_some()
}

/// `1.0APN Program Membership` → (1, 0, `APN Program Membership`); the published text has
/// no space between number and title, so none is required.
fn prerequisite_number(line: &Line) -> Option<(u32, u32, &str)> {
    let text = line.text.as_str();
    let major_len = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = text[major_len..].strip_prefix('.')?;
    let minor_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let title = rest[minor_len..].trim_start();
    if !title.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let major = text[..major_len].parse().ok()?;
    let minor = rest[..minor_len].parse().ok()?;
    Some((major, minor, title))
}

/// The line that opens the evidence list of a control, in the wordings AWS checklists use
/// ("Please provide the following as evidence:", "Evidence expected:", …).
fn is_evidence_header(line: &Line) -> bool {
    let text = line.text.to_ascii_lowercase();
    // Markdown exports sometimes make the header a bullet of its own.
    !matches!(line.marker, Marker::Number(_))
        && ((text.starts_with("please provide the following") && text.contains("evidence"))
            || text.contains("provide the following as evidence")
            || [
                "evidence expected",
                "evidence required",
                "required evidence",
            ]
            .iter()
            .any(|opening| text.starts_with(opening)))
}

/// Headings of the trailing part after the last control.
const TRAILERS: [&str; 6] = [
    "Resources",
    "Appendix",
    "Change Log",
    "Changelog",
    "Version History",
    "Revision History",
];

/// The trailing part after the last control ("Resources", "Changes between versions", …).
fn is_trailer(line: &Line) -> bool {
    line.is_plain()
        && (TRAILERS.contains(&line.text.trim_end_matches(':'))
            || line.text.starts_with("Changes between"))
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', ':', ';', '?', '!'])
}

/// A short line without closing punctuation: the shape of every heading.
fn is_heading_like(line: &Line) -> bool {
    line.is_plain()
        && !ends_sentence(&line.text)
        && !line.text.ends_with(',')
        && line.text.split_whitespace().count() <= 12
        && line
            .text
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !is_control(line)
        && !is_evidence_header(line)
}

/// Words a title leaves in lower case.
const MINOR_WORDS: [&str; 14] = [
    "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
];

/// A heading-like line in Title Case. The flat layout needs this stricter test, because
/// there a short list item ("Default SOW template") sits right before a control exactly as
/// a category heading ("Customer Satisfaction") does.
fn is_title_heading(line: &Line) -> bool {
    is_heading_like(line)
        && line.text.split_whitespace().all(|word| {
            !word.starts_with(char::is_alphabetic)
                || word.starts_with(char::is_uppercase)
                || MINOR_WORDS.contains(&word)
        })
}

/// Words that never end a sentence: a flat line ending in one was wrapped. "Amazon" is one
/// in these texts, where it always precedes a service name ("Amazon" / "Timestream, …").
const JOINING_WORDS: [&str; 17] = [
    "a", "about", "amazon", "an", "and", "around", "as", "at", "by", "for", "from", "in", "of",
    "on", "or", "the", "to",
];

/// Whether `next` continues `prev`, a long flat line wrapped by the page's layout. Only
/// evident wraps are joined: `prev` has no closing punctuation and either `next` starts in
/// lower case or `prev` ends with a comma or a word that cannot end a sentence. So
/// "Detailed written description on" + "how the right …" become one line, while list items
/// ("Company history", "Office locations") stay apart.
fn continues(prev: &Line, next: &Line) -> bool {
    let last_word = prev.text.rsplit(' ').next().unwrap_or_default();
    prev.is_plain()
        && next.is_plain()
        && !next.blank_before
        && prev.indent == next.indent
        && !ends_sentence(&prev.text)
        && !is_control(next)
        && prerequisite_number(next).is_none()
        && (next.text.starts_with(char::is_lowercase)
            || prev.text.ends_with(',')
            || JOINING_WORDS.contains(&last_word.to_ascii_lowercase().as_str()))
}

/// A page copied from the browser puts a prerequisite's number on a line of its own (`1.1`,
/// then `Program Guidelines`): joined back into `1.1Program Guidelines`, as published.
fn join_split_numbers(lines: Vec<Line>) -> Vec<Line> {
    let mut joined: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        match joined.last_mut() {
            Some(prev) if is_bare_number(prev) && line.is_plain() && !is_control(&line) => {
                prev.text.push_str(&line.text);
            }
            _ => joined.push(line),
        }
    }
    joined
}

/// `1.0` or `2.1` alone on a line.
fn is_bare_number(line: &Line) -> bool {
    line.is_plain()
        && line.text.split_once('.').is_some_and(|(major, minor)| {
            !major.is_empty()
                && !minor.is_empty()
                && major.len() <= 2
                && minor.len() <= 2
                && major
                    .bytes()
                    .chain(minor.bytes())
                    .all(|b| b.is_ascii_digit())
        })
}

/// Where the checklist starts: its title, the line before "… Validation Checklist" when a
/// dated line ("Validity Period: …", "January 2024 - 4.0") follows within two lines. Text
/// copied from the browser has the site's header and navigation before it, which would
/// otherwise name the checklist and list its sections twice. 0 when no such title is found
/// before the first control.
fn title_start(lines: &[Line]) -> usize {
    let first_control = lines.iter().position(is_control).unwrap_or(lines.len());
    (1..first_control)
        .find(|&i| {
            lines[i].text.to_ascii_lowercase().ends_with("checklist")
                && lines[i + 1..]
                    .iter()
                    .take(2)
                    .any(|l| month_year(&l.text).is_some())
        })
        .map_or(0, |i| i - 1)
}

fn join_wrapped(lines: Vec<Line>) -> Vec<Line> {
    let mut joined: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        match joined.last_mut() {
            Some(prev) if continues(prev, &line) => {
                prev.text.push(' ');
                prev.text.push_str(&line.text);
            }
            _ => joined.push(line),
        }
    }
    joined
}

/// Section titles listed under "Requirements Overview" as `Title - These requirements …`,
/// except the prerequisites, which are not a requirements section.
fn overview_sections(lines: &[Line]) -> Vec<String> {
    let Some(start) = lines
        .iter()
        .position(|l| l.text.eq_ignore_ascii_case("Requirements Overview"))
    else {
        return Vec::new();
    };
    lines[start + 1..]
        .iter()
        .skip_while(|l| !l.text.contains(" - "))
        .map_while(|l| l.text.split_once(" - ").map(|(title, _)| title.trim()))
        .filter(|title| !title.ends_with("Prerequisites"))
        .map(str::to_string)
        .collect()
}

/// For a checklist whose controls stand under a heading that is neither listed in a
/// "Requirements Overview" nor ends in "Requirements" (the Foundational Technical Review's
/// "Architectural and Operational Controls"): the nearest heading before the first control.
fn untitled_section(lines: &[Line]) -> Option<String> {
    let first_control = lines.iter().position(is_control)?;
    let before = &lines[..first_control];
    let titled = before
        .iter()
        .any(|l| is_title_heading(l) && l.text.ends_with(" Requirements"));
    if titled {
        return None;
    }
    // The first line is the checklist's name, never a section.
    before
        .iter()
        .skip(1)
        .rev()
        .find(|l| is_heading_like(l) && prerequisite_number(l).is_none())
        .map(|l| l.text.clone())
}

/// A category's introduction in the flat layout is at most this many sentences long.
const MAX_INTRO_SENTENCES: usize = 3;

/// A full sentence that can introduce a category ("Reference architectures can be re-used
/// between sections if they are broad enough to apply.").
fn is_intro_sentence(line: &Line) -> bool {
    line.is_plain() && line.text.ends_with('.') && line.text.split_whitespace().count() >= 6
}

/// Renders lines as the model's text: paragraphs separated by a blank line, list items as
/// `- ` lines (indented two spaces per nesting level), numbered items with their number.
fn render(lines: &[Line], layout: Layout) -> String {
    let lines = match layout {
        Layout::Flat => mark_flat_lists(lines),
        Layout::Indented => lines.to_vec(),
    };
    let base = lines.iter().map(|l| l.indent).min().unwrap_or(0);
    let mut out = String::new();
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            out.push_str(if line.blank_before { "\n\n" } else { "\n" });
        }
        let pad = "  ".repeat(line.indent.saturating_sub(base) / 2);
        match &line.marker {
            Marker::None => out.push_str(&line.text),
            Marker::Bullet => out.push_str(&format!("{pad}- {}", line.text)),
            Marker::Number(n) => out.push_str(&format!("{pad}{n} {}", line.text)),
        }
    }
    out
}

/// The flat layout marks no lists; the lines after one ending in `:` ("Overview
/// presentations contain:") are its items, up to the next line ending in `:`. Every other
/// line is a paragraph of its own.
fn mark_flat_lists(lines: &[Line]) -> Vec<Line> {
    let mut in_list = false;
    let mut previous_was_item = false;
    lines
        .iter()
        .map(|line| {
            let mut line = line.clone();
            let lead_in = line.text.ends_with(':');
            let item = in_list && !lead_in && line.is_plain();
            if item {
                line.marker = Marker::Bullet;
            }
            line.blank_before = !(item && previous_was_item);
            in_list = in_list || lead_in;
            previous_was_item = item;
            line
        })
        .collect()
}

/// The sentence around byte `at` of `text`, within its paragraph.
fn sentence_around(text: &str, at: usize) -> &str {
    let (start, end) = sentence_bounds(text, at);
    text[start..end].trim()
}

/// Byte range of the sentence around byte `at`, never crossing a paragraph break.
fn sentence_bounds(text: &str, at: usize) -> (usize, usize) {
    let paragraph_start = text[..at].rfind("\n\n").map_or(0, |i| i + 2);
    let paragraph_end = text[at..].find("\n\n").map_or(text.len(), |i| at + i);
    let start = sentence_starts(&text[paragraph_start..paragraph_end])
        .map(|i| paragraph_start + i)
        .take_while(|&i| i <= at)
        .last()
        .unwrap_or(paragraph_start);
    let end = sentence_starts(&text[at..paragraph_end])
        .find(|&i| i > 0)
        .map_or(paragraph_end, |i| at + i);
    (start, end)
}

/// Byte offsets where sentences start: after `.`, `?` or `!` and spaces, at a capital.
fn sentence_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.char_indices().filter_map(move |(i, c)| {
        let rest = text[i + c.len_utf8()..].trim_start_matches(' ');
        let spaced = rest.len() < text.len() - i - c.len_utf8();
        (matches!(c, '.' | '?' | '!') && spaced && rest.starts_with(char::is_uppercase))
            .then(|| text.len() - rest.len())
    })
}

/// The waiver wording in `text`: from the sentence containing one of `phrases` to the end
/// of its paragraph, so a waiver's condition ("Please upload … instead") stays with it.
fn waiver_in(text: &str, phrases: &[&str]) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = phrases.iter().filter_map(|p| lower.find(p)).min()?;
    let (start, _) = sentence_bounds(text, at);
    let end = text[at..].find("\n\n").map_or(text.len(), |i| at + i);
    Some(text[start..end].trim().to_string())
}

/// A control's own waiver, published as a title suffix: `Title (Waived if …)`.
fn split_title_waiver(title: &str) -> (String, Option<String>) {
    let lower = title.to_ascii_lowercase();
    match lower.rfind("(waived") {
        Some(at) if title.ends_with(')') => (
            title[..at].trim().to_string(),
            Some(title[at + 1..title.len() - 1].trim().to_string()),
        ),
        _ => (title.to_string(), None),
    }
}

/// A word of `text` with its byte offset, lower-cased and stripped of closing punctuation.
struct Word {
    at: usize,
    text: String,
}

fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                let word = text[s..i].trim_end_matches([',', '.', ';', ':']);
                words.push(Word {
                    at: s,
                    text: word.to_ascii_lowercase(),
                });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    words
}

const NUMBER_WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

/// `four`, `(4)` or `4` → 4.
fn number(word: &str) -> Option<u32> {
    let digits = word.trim_start_matches('(').trim_end_matches(')');
    digits.parse().ok().or_else(|| {
        NUMBER_WORDS
            .iter()
            .position(|w| *w == word)
            .and_then(|i| u32::try_from(i + 1).ok())
    })
}

/// A count written "one (1)", "(1)" or "one", read backwards from just before `end`:
/// returns the count and the index of its first word.
fn count_before(words: &[Word], end: usize) -> Option<(u32, usize)> {
    let mut first = end;
    let mut value = None;
    while first > 0 && end - first < 2 {
        match number(&words[first - 1].text) {
            Some(n) => {
                value = value.or(Some(n));
                first -= 1;
            }
            None => break,
        }
    }
    value.map(|n| (n, first))
}

fn is_customer_examples(words: &[Word], at: usize) -> bool {
    words.get(at).is_some_and(|w| w.text == "customer")
        && words
            .get(at + 1)
            .is_some_and(|w| w.text.starts_with("example"))
}

/// "all/each/every [provided|submitted] customer example(s)" at word `i`.
fn all_at(words: &[Word], i: usize) -> bool {
    if !matches!(words[i].text.as_str(), "all" | "each" | "every") {
        return false;
    }
    let qualified = words
        .get(i + 1)
        .is_some_and(|w| matches!(w.text.as_str(), "provided" | "submitted"));
    is_customer_examples(words, i + 1 + usize::from(qualified))
}

/// "N of the [M] submitted customer examples" anchored at "submitted"/"provided" (word `i`):
/// returns N, M when stated, and the index of the first word of N.
fn at_least_at(words: &[Word], i: usize) -> Option<(u32, Option<u32>, usize)> {
    if !matches!(words[i].text.as_str(), "submitted" | "provided")
        || !is_customer_examples(words, i + 1)
    {
        return None;
    }
    let (of, the) = match count_before(words, i) {
        Some((m, first)) => (Some(m), first),
        None => (None, i),
    };
    let framed = the >= 2 && words[the - 1].text == "the" && words[the - 2].text == "of";
    let (count, first) = count_before(words, the.checked_sub(2).filter(|_| framed)?)?;
    Some((count, of, first))
}

/// The customer-example scope `text` states, with its sentence verbatim. A count without a
/// total ("in one (1) of the submitted customer examples") takes the total the checklist
/// states elsewhere (`examples`); without one, no scope can be stated faithfully.
fn scope_in(text: &str, examples: Option<u32>) -> Option<ExampleScope> {
    let words = words(text);
    (0..words.len()).find_map(|i| {
        let rule = if all_at(&words, i) {
            Some((ScopeRule::All, words[i].at))
        } else {
            at_least_at(&words, i).and_then(|(count, of, first)| {
                let of = of.or(examples)?;
                Some((ScopeRule::AtLeast { count, of }, words[first].at))
            })
        };
        rule.map(|(rule, at)| ExampleScope {
            rule,
            text: sentence_around(text, at).to_string(),
        })
    })
}

/// The number of customer examples the checklist asks for, from its first statement that
/// names it ("… one of the four submitted customer examples").
fn examples_total(lines: &[Line]) -> Option<u32> {
    lines.iter().find_map(|line| {
        let words = words(&line.text);
        (0..words.len()).find_map(|i| at_least_at(&words, i).and_then(|(_, of, _)| of))
    })
}

/// The reading state: the document's lines and what was learnt about them up front.
struct Parser {
    lines: Vec<Line>,
    layout: Layout,
    sections: Vec<String>,
    examples: Option<u32>,
}

impl Parser {
    fn new(mut lines: Vec<Line>) -> Self {
        lines.drain(..title_start(&lines));
        let lines = join_split_numbers(lines);
        let nested = lines
            .iter()
            .find(|l| is_control(l))
            .is_some_and(|l| l.indent > 0 || l.marker == Marker::Bullet);
        let (layout, lines) = if nested {
            (Layout::Indented, lines)
        } else {
            (Layout::Flat, join_wrapped(lines))
        };
        let mut sections = overview_sections(&lines);
        if sections.is_empty() {
            sections.extend(untitled_section(&lines));
        }
        let examples = examples_total(&lines);
        Parser {
            lines,
            layout,
            sections,
            examples,
        }
    }

    /// A requirements section heading: a title from the overview list, or, for a text
    /// without that list, a short line ending in "Requirements".
    fn is_section(&self, line: &Line) -> bool {
        if self.sections.is_empty() {
            is_title_heading(line) && line.text.ends_with(" Requirements")
        } else {
            line.is_plain() && self.sections.contains(&line.text)
        }
    }

    fn checklist(&self, id: &str) -> Result<Checklist, ParseError> {
        let first_control = self
            .lines
            .iter()
            .position(is_control)
            .ok_or(ParseError::NoControls)?;
        // Counted before any control is built: a text of 100,000 controls is refused at once.
        let controls = self.lines.iter().filter(|l| is_control(l)).count();
        if controls > MAX_CONTROLS {
            return Err(TooMany {
                what: Counted::Controls,
                found: controls,
                limit: MAX_CONTROLS,
            }
            .into());
        }
        let body_start = self
            .lines
            .iter()
            .position(|l| self.is_section(l))
            .filter(|&start| start < first_control)
            .ok_or_else(|| outside_section(&self.lines[first_control]))?;
        let body_end = self.lines[first_control..]
            .iter()
            .position(is_trailer)
            .map_or(self.lines.len(), |i| first_control + i);
        let (version, published) = self.edition();
        Ok(Checklist {
            id: id.to_string(),
            name: self
                .lines
                .first()
                .map(|l| l.text.clone())
                .unwrap_or_default(),
            version,
            published,
            prerequisites: self.prerequisites(&self.lines[..body_start]),
            sections: self.sections(&self.lines[body_start..body_end])?,
        })
    }

    /// Version and publication date from the dated line under the title: "February 2024 -
    /// 7.1" gives ("7.1", "February 2024"); "Validity Period: August 2025-February 2026"
    /// gives ("August 2025", "August 2025-February 2026").
    fn edition(&self) -> (String, String) {
        let Some(line) = self
            .lines
            .iter()
            .take(8)
            .find_map(|l| month_year(&l.text).map(|_| l.text.as_str()))
        else {
            return (String::new(), String::new());
        };
        let dates = line.split_once(": ").map_or(line, |(_, rest)| rest);
        match dates.rsplit_once(" - ") {
            Some((date, version)) if version.starts_with(|c: char| c.is_ascii_digit()) => {
                (version.trim().to_string(), date.trim().to_string())
            }
            _ => {
                let first = month_year(dates).map_or(dates, |(start, end)| &dates[start..end]);
                (first.to_string(), dates.trim().to_string())
            }
        }
    }

    /// Prerequisite items, numbered `N.M` under group headings `N.0`; an item's text runs
    /// to the next group or item.
    fn prerequisites(&self, lines: &[Line]) -> Vec<Prerequisite> {
        let mut items = Vec::new();
        let mut group: Option<(u32, String)> = None;
        let mut open: Option<(Prerequisite, usize)> = None;
        for (index, line) in lines.iter().enumerate() {
            let Some((major, minor, title)) = prerequisite_number(line) else {
                continue;
            };
            let starts_group = minor == 0;
            // A checklist with a single prerequisite publishes no group heading for it (the
            // Foundational Technical Review's "1.1 Software Path Membership"): the heading
            // above it names the group.
            if !starts_group && group.is_none() && items.is_empty() && open.is_none() {
                let heading = lines[..index]
                    .iter()
                    .rev()
                    .find(|l| is_heading_like(l))
                    .map_or(String::new(), |l| l.text.clone());
                group = Some((major, heading));
            }
            let starts_item = !starts_group && group.as_ref().is_some_and(|(g, _)| *g == major);
            if !starts_group && !starts_item {
                continue;
            }
            if let Some((item, start)) = open.take() {
                items.push(self.with_text(item, &lines[start..index]));
            }
            if starts_group {
                group = Some((major, format!("{major}.0 {title}")));
            } else if let Some((_, heading)) = &group {
                let item = Prerequisite {
                    id: format!("{major}.{minor}"),
                    group: heading.clone(),
                    title: title.to_string(),
                    text: String::new(),
                };
                open = Some((item, index));
            }
        }
        if let Some((item, start)) = open {
            items.push(self.with_text(item, &lines[start..]));
        }
        items
    }

    /// The item's text: the lines after its numbered line `lines[0]`; in the indented layout
    /// only those indented below it, so a heading after the last item is not taken in.
    fn with_text(&self, mut item: Prerequisite, lines: &[Line]) -> Prerequisite {
        let Some((number, rest)) = lines.split_first() else {
            return item;
        };
        let end = match self.layout {
            Layout::Indented => rest
                .iter()
                .position(|l| l.indent <= number.indent)
                .unwrap_or(rest.len()),
            Layout::Flat => rest.len(),
        };
        item.text = render(&rest[..end], self.layout);
        item
    }

    /// Sections from `body`, which starts at the first section heading.
    fn sections(&self, body: &[Line]) -> Result<Vec<Section>, ParseError> {
        let headers: Vec<usize> = (0..body.len()).filter(|&i| is_control(&body[i])).collect();
        let mut builder = Builder::default();
        let lead_end = headers.first().copied().unwrap_or(body.len());
        self.open(&mut builder, &body[..lead_end]);
        for (k, &header) in headers.iter().enumerate() {
            let next = headers.get(k + 1).copied().unwrap_or(body.len());
            let gap = &body[header + 1..next];
            let cut = self.run_start(&body[header], gap);
            builder.add(&body[header], self.control(&body[header], &gap[..cut]))?;
            self.open(&mut builder, &gap[cut..]);
        }
        Ok(builder.sections)
    }

    /// Where, in the lines between a control and the next, the control's text ends and the
    /// headings of a new section or category begin (`gap.len()` if none begin).
    fn run_start(&self, header: &Line, gap: &[Line]) -> usize {
        if header.indent > 0 || header.marker == Marker::Bullet {
            let outdented = gap
                .iter()
                .position(|l| l.indent <= header.indent)
                .unwrap_or(gap.len());
            gap[outdented..]
                .iter()
                .position(|l| self.is_section(l) || is_heading_like(l))
                .map_or(gap.len(), |i| outdented + i)
        } else {
            self.flat_run_start(gap)
        }
    }

    /// The flat layout marks no end of a control's text. A known section heading is one;
    /// otherwise a new category shows as a Title Case heading right before the next control,
    /// optionally followed by up to three introduction sentences. A heading never directly
    /// follows "Please provide the following as evidence:", which needs an item, nor ends a
    /// run of Title Case list items ("Integration of …", "Implementation of …").
    fn flat_run_start(&self, gap: &[Line]) -> usize {
        if let Some(section) = gap.iter().position(|l| self.is_section(l)) {
            return section;
        }
        // An evidence header that ends in a colon needs an item after it; one with its item
        // on the same line ("Evidence expected: An example threat model.") does not.
        let first_item = gap
            .iter()
            .position(is_evidence_header)
            .filter(|&i| gap[i].text.ends_with(':'))
            .map(|i| i + 1);
        let in_title_case_list = |i: usize| {
            i >= 2
                && is_title_heading(&gap[i - 1])
                && is_title_heading(&gap[i - 2])
                && gap[..i - 2].iter().any(|l| l.text.ends_with(':'))
        };
        let heading_at =
            |i: usize| is_title_heading(&gap[i]) && Some(i) != first_item && !in_title_case_list(i);
        let n = gap.len();
        let intro = gap
            .iter()
            .rev()
            .take(MAX_INTRO_SENTENCES)
            .take_while(|l| is_intro_sentence(l))
            .count();
        (0..=intro)
            .map(|k| n - k)
            .find(|&end| end >= 1 && heading_at(end - 1))
            .map_or(n, |end| end - 1)
    }

    /// Opens the section and/or category whose headings start `run`: an optional section
    /// heading and its introduction, then a category heading and its introduction. A section
    /// without a category heading gets one category named after it.
    fn open(&self, builder: &mut Builder, run: &[Line]) {
        let (section, rest) = match run.split_first() {
            Some((first, rest)) if self.is_section(first) => (Some(first), rest),
            _ => (None, run),
        };
        let heading = rest.iter().position(is_heading_like);
        if let Some(title) = section {
            let intro_end = heading.unwrap_or(rest.len());
            builder
                .sections
                .push(self.section(&title.text, &rest[..intro_end]));
        }
        let category = match heading {
            Some(h) => Some((rest[h].text.as_str(), &rest[h + 1..])),
            None => section.map(|s| (s.text.as_str(), &rest[rest.len()..])),
        };
        if let (Some((title, intro)), Some(current)) = (category, builder.sections.last_mut()) {
            current.categories.push(self.category(title, intro));
        }
    }

    fn section(&self, title: &str, intro: &[Line]) -> Section {
        let intro = render(intro, self.layout);
        Section {
            title: title.to_string(),
            waiver: waiver_in(&intro, &["waived", "not required to provide evidence"]),
            scope: scope_in(&intro, self.examples),
            intro,
            categories: Vec::new(),
        }
    }

    fn category(&self, title: &str, intro: &[Line]) -> Category {
        let intro = render(intro, self.layout);
        Category {
            title: title.to_string(),
            scope: scope_in(title, self.examples).or_else(|| scope_in(&intro, self.examples)),
            intro,
            controls: Vec::new(),
        }
    }

    /// A control from its header line and the lines of its text. A waiver on a line of its
    /// own ("Waived if AWS Partner is approved AWS MSP.") is the control's waiver, wherever
    /// it stands, and never an evidence item.
    fn control(&self, header: &Line, body: &[Line]) -> Control {
        let (id, title) = control_header(&header.text).unwrap_or_default();
        let (title, title_waiver) = split_title_waiver(title);
        let waiver_line = body
            .iter()
            .find(|l| is_waiver_line(l))
            .map(|l| l.text.clone());
        let body: Vec<Line> = body
            .iter()
            .filter(|l| !is_waiver_line(l))
            .cloned()
            .collect();
        let evidence = body
            .iter()
            .position(|l| is_evidence_header(l) || is_evidence_statement(l));
        let requirement = render(&body[..evidence.unwrap_or(body.len())], self.layout);
        let (evidence_items, evidence_header) = match evidence {
            Some(at) => (
                evidence_items(&body[at], &body[at + 1..], self.layout),
                Some(&body[at].text),
            ),
            None => (evidence_sentences(&requirement), None),
        };
        let scope = std::iter::once(&requirement)
            .chain(evidence_header)
            .chain(&evidence_items)
            .find_map(|text| scope_in(text, self.examples));
        Control {
            id: id.to_string(),
            title,
            waiver: title_waiver
                .or(waiver_line)
                .or_else(|| waiver_in(&requirement, &["waived"])),
            requirement,
            evidence_items: evidence_items
                .iter()
                .map(|t| EvidenceItem::read(t))
                .collect(),
            scope,
        }
    }

    /// Lines that look like a control but were not read as one: an ID without ` - Title`,
    /// or a control in the trailing part ("Resources", "Change Log"), which is not read.
    fn unplaced(&self, checklist: &Checklist) -> Vec<String> {
        let read: HashSet<&str> = checklist
            .controls()
            .map(|c| c.control.id.as_str())
            .collect();
        let lines: Vec<&Line> = self
            .lines
            .iter()
            .filter(|l| {
                starts_with_control_id(&l.text)
                    && !control_header(&l.text).is_some_and(|(id, _)| read.contains(id))
            })
            .collect();
        let mut named: Vec<String> = lines
            .iter()
            .take(MAX_UNPLACED_SHOWN)
            .map(|l| format!("line {}: {}", l.number, shortened(&l.text)))
            .collect();
        if lines.len() > MAX_UNPLACED_SHOWN {
            named.push(format!(
                "and {} more lines",
                lines.len() - MAX_UNPLACED_SHOWN
            ));
        }
        named
    }
}

fn outside_section(line: &Line) -> ParseError {
    ParseError::OutsideSection {
        id: control_header(&line.text)
            .map(|(id, _)| id.to_string())
            .unwrap_or_default(),
        line: line.number,
    }
}

/// A line of its own that states a waiver: "Waived if …", "This control is waived …".
fn is_waiver_line(line: &Line) -> bool {
    let lower = line.text.to_ascii_lowercase();
    line.is_plain()
        && (lower.starts_with("waived ")
            || lower.starts_with("this control is waived")
            || lower.starts_with("this requirement is waived"))
}

/// Evidence stated as a sentence opening its own line, as older checklists do: "Evidence
/// must be in the form of a verbal description or …". The line is the first item.
fn is_evidence_statement(line: &Line) -> bool {
    line.is_plain() && is_evidence_sentence(&line.text)
}

fn is_evidence_sentence(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    [
        "evidence must be",
        "evidence should be",
        "evidence can be",
        "evidence may be",
    ]
    .iter()
    .any(|opening| lower.starts_with(opening))
}

/// A control states its evidence in a sentence or two; more is not a checklist.
const MAX_EVIDENCE_SENTENCES: usize = 20;

/// At most this many unplaced lines are named; the last entry counts the rest.
const MAX_UNPLACED_SHOWN: usize = 50;

/// Sentences inside a control's text that state its evidence ("… methodology. Evidence must
/// be in the form of …"), each one item.
fn evidence_sentences(requirement: &str) -> Vec<String> {
    let lower = requirement.to_ascii_lowercase();
    let mut items: Vec<String> = Vec::new();
    let mut from = 0;
    // Each sentence is found by scanning its paragraph: the cap keeps a text made of nothing
    // but this phrase from taking quadratic time.
    for _ in 0..MAX_EVIDENCE_SENTENCES {
        let Some(found) = lower[from..].find("evidence must be") else {
            break;
        };
        let at = from + found;
        let sentence = sentence_around(requirement, at);
        if is_evidence_sentence(sentence) && !items.iter().any(|i| i == sentence) {
            items.push(sentence.to_string());
        }
        from = at + "evidence must be".len();
    }
    items
}

/// `ABC-123` (letters, then letters or digits, a dash, digits) opening a line, with or
/// without the title that makes it a control.
fn starts_with_control_id(text: &str) -> bool {
    let id_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(text.len());
    let Some((letters, digits)) = text[..id_end].split_once('-') else {
        return false;
    };
    letters.starts_with(|c: char| c.is_ascii_uppercase())
        && letters
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && digits.len() >= 2
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A line as quoted in a message: at most 100 characters.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(100) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Each line after the evidence header is one item, and so is text on the header line
/// itself ("Evidence expected: Written procedures …"). In the indented layout a line
/// shallower than the header, or a bullet beside a bulleted header, is the text's next
/// part, not evidence.
fn evidence_items(header: &Line, rest: &[Line], layout: Layout) -> Vec<String> {
    let inline = if is_evidence_statement(header) {
        Some(header.text.clone()).filter(|text| !text.ends_with(':'))
    } else {
        header
            .text
            .split_once(':')
            .map(|(_, text)| text.trim().to_string())
            .filter(|text| !text.is_empty())
    };
    // A second header in the same control ("Please provide the following as evidence for
    // multi-cluster workloads:") opens more items; only text after its colon is one.
    let is_item = |line: &Line| {
        layout == Layout::Flat
            || line.indent > header.indent
            || (line.indent == header.indent
                && !(header.marker == Marker::Bullet && line.marker == Marker::Bullet))
    };
    let items = rest.iter().flat_map(|line| {
        if is_evidence_header(line) {
            evidence_items(line, &[], layout)
        } else if is_item(line) {
            vec![line.item()]
        } else {
            Vec::new()
        }
    });
    inline.into_iter().chain(items).collect()
}

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Byte range of the first "Month YYYY" in `text`.
fn month_year(text: &str) -> Option<(usize, usize)> {
    MONTHS
        .iter()
        .filter_map(|month| {
            let start = text.find(month)?;
            let year = text[start + month.len()..].strip_prefix(' ')?;
            let digits = year.bytes().take_while(u8::is_ascii_digit).count();
            (digits == 4).then_some((start, start + month.len() + 5))
        })
        .min()
}

/// Accumulates sections in document order and rejects a control ID seen twice.
#[derive(Default)]
struct Builder {
    sections: Vec<Section>,
    seen: HashMap<String, usize>,
}

impl Builder {
    fn add(&mut self, header: &Line, control: Control) -> Result<(), ParseError> {
        if let Some(first) = self.seen.insert(control.id.clone(), header.number) {
            return Err(ParseError::DuplicateControl {
                id: control.id,
                first,
                second: header.number,
            });
        }
        let category = self
            .sections
            .last_mut()
            .and_then(|s| s.categories.last_mut())
            .ok_or_else(|| outside_section(header))?;
        category.controls.push(control);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_wordings_of_the_evidence_header_and_the_trailer() {
        let reference = parse("x", FLAT).unwrap();
        for wording in [
            "Please provide the following evidence:",
            "Evidence required:",
        ] {
            let text = FLAT.replace("Please provide the following as evidence:", wording);
            assert_eq!(parse("x", &text).unwrap(), reference, "{wording}");
        }
        assert!(FLAT.contains("\nResources\n"));
        let appendix = FLAT.replace("\nResources\n", "\nAppendix\n");
        assert_eq!(
            parse("x", &appendix).unwrap(),
            reference,
            "Appendix ends the last control"
        );
    }

    #[test]
    fn control_headers_take_digits_in_the_prefix_and_any_dash() {
        assert_eq!(
            control_header("S3-001 - Buckets"),
            Some(("S3-001", "Buckets"))
        );
        assert_eq!(
            control_header("IAM-002 — Roles"),
            Some(("IAM-002", "Roles"))
        );
        assert_eq!(control_header("PRJ-003 – SOW"), Some(("PRJ-003", "SOW")));
        assert_eq!(control_header("3S-001 - No"), None);
        assert_eq!(control_header("Prj-001 - No"), None);
        assert_eq!(control_header("PRJ-00A - No"), None);
    }

    /// A small checklist in the flat layout, with the traps of the real one: a wrapped
    /// evidence line, an unmarked list, a Title Case evidence item right before a control,
    /// a category heading right after a lower-case evidence item, and a trailing
    /// "Resources" part.
    const FLAT: &str = "\
Example Competency
Service Offering Validation Checklist
March 2023 - 2.0
Requirements Overview
Example Program Prerequisites - These requirements are validated first.
Common Practice Requirements - These requirements validate practices.
Common Customer Example Requirements - These requirements validate examples.
Example Program Prerequisites
1.0Membership
1.1Program Guidelines
Read the guidelines.
2.0Customers
2.1Case Studies
Provide four (4) examples, including:
Customer name
Outcome
Common Practice Requirements
The following requirements validate practices. This section of the requirements are WAIVED if the partner holds another competency.
Practice Overview
ABC-001 - Presentation (Waived if AWS Partner is approved AWS MSP)
The partner has a presentation.
It contains:
Company history
Office locations
Please provide the following as evidence:
Detailed written description on
how the presentation is delivered.
Default SOW template
Customer Satisfaction
ABC-002 - Acceptance
The partner has an acceptance process.
Please provide the following as evidence:
Signed Acceptance Forms
ABC-003 - Satisfaction
Please provide the following as evidence:
Survey results
Common Customer Example Requirements
All of the following requirements must be met by at least one of the four submitted customer examples. See each control.
Documentation
Requirements in this category relate to the documentation.
DEF-001 - Diagram
Provide a diagram.
Please provide the following as evidence for two (2) of the four (4) submitted customer examples.
A diagram.
DEF-002 - Accounts
Please provide the following as evidence:
Description of how accounts are governed in one (1) of the submitted customer examples. Acceptable evidence types are: wikis.
Resources
Program Guide
Provides instructions.";

    /// The same kind of checklist in the indented layout.
    const INDENTED: &str = "\
Example AI Competency

Validity Period: May 2025-November 2025

Requirements Overview

Example Prerequisites - These requirements are validated first.

Practice Requirements - These requirements validate the practice.

Customer Example Requirements - These requirements validate examples.

  1. 1.0Membership

    1. 1.1Tier

      Partner must be Advanced.

      • Tier is \"Advanced\"
      • Solution is \"Active\"

Practice Requirements

The following requirements apply to the practice.

Practice Requirements

  • GEN-001 - Methodology

    The partner has a methodology:

    • Readiness
      • Data
    • Strategy

    Evidence expected: Technical documentation about:

    • Data Management
    • Model versioning
  • GEN-002 - Launch

    Partner launches projects. This requirement can be WAIVED for industry designations.

Customer Example Requirements

If you have completed a WAFR for the customer example, you are not required to provide evidence for the following requirements. Please upload the WAFR report instead.

The following requirements apply to the customer examples.

Requirements applicable to all customer examples

  • GEN-003 - Criteria

    Examples must be in production.

    Please provide the following as evidence:

    1. A statement of work

Resources";

    fn parsed(text: &str) -> Checklist {
        match parse("test", text) {
            Ok(checklist) => checklist,
            Err(error) => panic!("test text does not parse: {error}"),
        }
    }

    fn control<'a>(checklist: &'a Checklist, id: &str) -> &'a Control {
        match checklist.control(id) {
            Some(found) => found.control,
            None => panic!("{id} not found"),
        }
    }

    fn location(checklist: &Checklist, id: &str) -> String {
        checklist
            .control(id)
            .map_or_else(|| format!("{id} not found"), |c| c.location())
    }

    fn at_least(count: u32, of: u32, text: &str) -> Option<ExampleScope> {
        Some(ExampleScope {
            rule: ScopeRule::AtLeast { count, of },
            text: text.to_string(),
        })
    }

    fn all(text: &str) -> Option<ExampleScope> {
        Some(ExampleScope {
            rule: ScopeRule::All,
            text: text.to_string(),
        })
    }

    #[test]
    fn flat_title_version_and_prerequisites() {
        let checklist = parsed(FLAT);
        assert_eq!(checklist.id, "test");
        assert_eq!(checklist.name, "Example Competency");
        assert_eq!(checklist.version, "2.0");
        assert_eq!(checklist.published, "March 2023");
        let ids: Vec<_> = checklist
            .prerequisites
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(ids, ["1.1", "2.1"]);
        let case_studies = &checklist.prerequisites[1];
        assert_eq!(case_studies.group, "2.0 Customers");
        assert_eq!(case_studies.title, "Case Studies");
        assert_eq!(
            case_studies.text,
            "Provide four (4) examples, including:\n\n- Customer name\n- Outcome"
        );
    }

    #[test]
    fn flat_sections_categories_and_controls() {
        let checklist = parsed(FLAT);
        let locations: Vec<_> = checklist
            .controls()
            .map(|c| format!("{} {}", c.control.id, c.location()))
            .collect();
        assert_eq!(
            locations,
            [
                "ABC-001 Common Practice Requirements › Practice Overview",
                "ABC-002 Common Practice Requirements › Customer Satisfaction",
                "ABC-003 Common Practice Requirements › Customer Satisfaction",
                "DEF-001 Common Customer Example Requirements › Documentation",
                "DEF-002 Common Customer Example Requirements › Documentation",
            ]
        );
        let documentation = &checklist.sections[1].categories[0];
        assert_eq!(
            documentation.intro,
            "Requirements in this category relate to the documentation."
        );
    }

    #[test]
    fn flat_control_text_evidence_and_waiver() {
        let checklist = parsed(FLAT);
        let presentation = control(&checklist, "ABC-001");
        assert_eq!(presentation.title, "Presentation");
        assert_eq!(
            presentation.waiver.as_deref(),
            Some("Waived if AWS Partner is approved AWS MSP")
        );
        assert_eq!(
            presentation.requirement,
            "The partner has a presentation.\n\nIt contains:\n\n- Company history\n- Office locations"
        );
        assert_eq!(
            presentation.evidence_texts().collect::<Vec<_>>(),
            [
                "Detailed written description on how the presentation is delivered.",
                "Default SOW template"
            ]
        );
        let acceptance = control(&checklist, "ABC-002");
        assert_eq!(
            acceptance.evidence_texts().collect::<Vec<_>>(),
            ["Signed Acceptance Forms"]
        );
        assert_eq!(acceptance.waiver, None);
    }

    #[test]
    fn flat_trailing_resources_are_not_evidence() {
        let checklist = parsed(FLAT);
        let accounts = control(&checklist, "DEF-002");
        assert_eq!(accounts.evidence_items.len(), 1);
        assert_eq!(accounts.requirement, "");
    }

    #[test]
    fn flat_section_waiver_and_scopes() {
        let checklist = parsed(FLAT);
        assert_eq!(
            checklist.sections[0].waiver.as_deref(),
            Some("This section of the requirements are WAIVED if the partner holds another competency.")
        );
        assert_eq!(checklist.sections[1].waiver, None);
        assert_eq!(
            checklist.sections[1].scope,
            at_least(
                1,
                4,
                "All of the following requirements must be met by at least one of the four submitted customer examples."
            )
        );
        assert_eq!(
            control(&checklist, "DEF-001").scope,
            at_least(
                2,
                4,
                "Please provide the following as evidence for two (2) of the four (4) submitted customer examples."
            )
        );
        assert_eq!(
            control(&checklist, "DEF-002").scope,
            at_least(
                1,
                4,
                "Description of how accounts are governed in one (1) of the submitted customer examples."
            )
        );
    }

    #[test]
    fn indented_title_version_and_prerequisites() {
        let checklist = parsed(INDENTED);
        assert_eq!(checklist.name, "Example AI Competency");
        assert_eq!(checklist.version, "May 2025");
        assert_eq!(checklist.published, "May 2025-November 2025");
        assert_eq!(checklist.prerequisites.len(), 1);
        let tier = &checklist.prerequisites[0];
        assert_eq!(
            (tier.id.as_str(), tier.group.as_str()),
            ("1.1", "1.0 Membership")
        );
        assert_eq!(
            tier.text,
            "Partner must be Advanced.\n\n- Tier is \"Advanced\"\n- Solution is \"Active\""
        );
    }

    #[test]
    fn indented_sections_categories_and_controls() {
        let checklist = parsed(INDENTED);
        let titles: Vec<_> = checklist
            .sections
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        assert_eq!(
            titles,
            ["Practice Requirements", "Customer Example Requirements"]
        );
        let practice = &checklist.sections[0];
        assert_eq!(
            practice.intro,
            "The following requirements apply to the practice."
        );
        assert_eq!(practice.categories[0].title, "Practice Requirements");
        assert_eq!(
            location(&checklist, "GEN-003"),
            "Customer Example Requirements › Requirements applicable to all customer examples"
        );
    }

    #[test]
    fn indented_control_text_and_evidence() {
        let checklist = parsed(INDENTED);
        let methodology = control(&checklist, "GEN-001");
        assert_eq!(
            methodology.requirement,
            "The partner has a methodology:\n\n- Readiness\n  - Data\n- Strategy"
        );
        assert_eq!(
            methodology.evidence_texts().collect::<Vec<_>>(),
            [
                "Technical documentation about:",
                "Data Management",
                "Model versioning"
            ]
        );
        let criteria = control(&checklist, "GEN-003");
        assert_eq!(
            criteria.evidence_texts().collect::<Vec<_>>(),
            ["1. A statement of work"]
        );
        assert_eq!(criteria.requirement, "Examples must be in production.");
    }

    #[test]
    fn indented_waivers_and_scopes() {
        let checklist = parsed(INDENTED);
        assert_eq!(
            control(&checklist, "GEN-002").waiver.as_deref(),
            Some("This requirement can be WAIVED for industry designations.")
        );
        let examples = &checklist.sections[1];
        assert_eq!(
            examples.waiver.as_deref(),
            Some(
                "If you have completed a WAFR for the customer example, you are not required to \
                 provide evidence for the following requirements. Please upload the WAFR report instead."
            )
        );
        assert_eq!(examples.scope, None);
        assert_eq!(
            examples.categories[0].scope,
            all("Requirements applicable to all customer examples")
        );
    }

    #[test]
    fn section_headings_without_overview_end_in_requirements() {
        let checklist = parsed("Tiny Competency\nPractice Requirements\nThe following requirements apply.\nOverview\nABC-001 - One\nText.");
        assert_eq!(checklist.sections.len(), 1);
        assert_eq!(checklist.sections[0].title, "Practice Requirements");
        assert_eq!(
            checklist.sections[0].intro,
            "The following requirements apply."
        );
        assert_eq!(checklist.sections[0].categories[0].title, "Overview");
        assert_eq!(control(&checklist, "ABC-001").requirement, "Text.");
    }

    #[test]
    fn section_without_category_heading_gets_one_named_after_it() {
        let checklist =
            parsed("Tiny\nPractice Requirements\nThe following requirements apply.\nABC-001 - One");
        assert_eq!(
            location(&checklist, "ABC-001"),
            "Practice Requirements › Practice Requirements"
        );
    }

    #[test]
    fn empty_text_is_rejected() {
        assert!(matches!(parse("x", ""), Err(ParseError::Empty)));
        assert!(matches!(parse("x", " \n\n\t\n"), Err(ParseError::Empty)));
    }

    #[test]
    fn text_without_controls_is_rejected() {
        let error = parse(
            "x",
            "Some Competency\nIntroduction\nNothing to validate here.",
        );
        assert!(matches!(error, Err(ParseError::NoControls)));
    }

    #[test]
    fn duplicate_control_ids_are_rejected_with_both_lines() {
        let text = "Tiny\nPractice Requirements\nOverview\nABC-001 - One\nText.\nABC-001 - Again";
        match parse("x", text) {
            Err(ParseError::DuplicateControl { id, first, second }) => {
                assert_eq!((id.as_str(), first, second), ("ABC-001", 4, 6));
            }
            other => panic!("expected a duplicate-control error, got {other:?}"),
        }
    }

    #[test]
    fn control_before_any_section_is_rejected() {
        match parse("x", "Tiny\nABC-001 - One\nText.") {
            Err(ParseError::OutsideSection { id, line }) => {
                assert_eq!((id.as_str(), line), ("ABC-001", 2));
            }
            other => panic!("expected an outside-section error, got {other:?}"),
        }
    }

    #[test]
    fn binary_input_is_rejected() {
        let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00";
        assert!(matches!(
            parse_bytes("x", zip),
            Err(ParseError::NotText { .. })
        ));
        let latin1 = b"Caf\xe9 Requirements";
        match parse_bytes("x", latin1) {
            Err(ParseError::NotText { reason }) => assert_eq!(reason, "invalid UTF-8 at byte 3"),
            other => panic!("expected a not-text error, got {other:?}"),
        }
    }

    #[test]
    fn bytes_of_valid_text_parse_like_the_text() {
        let from_bytes = parse_bytes("test", FLAT.as_bytes()).map_err(|e| e.to_string());
        assert_eq!(from_bytes, Ok(parsed(FLAT)));
    }

    #[test]
    fn error_messages_name_the_problem() {
        let duplicate = ParseError::DuplicateControl {
            id: "ABC-001".into(),
            first: 4,
            second: 6,
        };
        assert_eq!(
            duplicate.to_string(),
            "control ABC-001 appears twice, on lines 4 and 6"
        );
        assert!(ParseError::NoControls
            .to_string()
            .contains("ABC-123 - Title"));
    }

    #[test]
    fn scope_phrases_map_to_rules() {
        let whole = "Please provide the following as evidence (required for all provided customer examples):";
        assert_eq!(scope_in(whole, None), all(whole));
        assert_eq!(
            scope_in("The following requirements apply to each provided customer example. See the guide.", None),
            all("The following requirements apply to each provided customer example.")
        );
        let two = "Please provide the following as evidence for two (2) of the four (4) submitted customer examples.";
        assert_eq!(scope_in(two, None), at_least(2, 4, two));
        let one =
            "Description of how KPIs are implemented in (1) of the submitted customer examples.";
        assert_eq!(scope_in(one, Some(4)), at_least(1, 4, one));
    }

    #[test]
    fn count_without_total_needs_the_checklist_total() {
        let one = "Description of how KPIs are implemented in one (1) of the submitted customer examples.";
        assert_eq!(scope_in(one, None), None);
        assert_eq!(scope_in(one, Some(3)), at_least(1, 3, one));
    }

    #[test]
    fn other_mentions_of_customer_examples_state_no_scope() {
        for text in [
            "Documentation to show that Project Managers were assigned to each of the 4 customer example projects.",
            "The following requirements apply to the customer examples.",
            "Please upload an exported WAFR report for each of the customer example instead.",
        ] {
            assert_eq!(scope_in(text, Some(4)), None, "{text}");
        }
    }

    #[test]
    fn title_waiver_is_split_off() {
        assert_eq!(
            split_title_waiver("Data Encryption (Waived if AWS Partner is approved AWS MSP)"),
            (
                "Data Encryption".to_string(),
                Some("Waived if AWS Partner is approved AWS MSP".to_string())
            )
        );
        assert_eq!(
            split_title_waiver("Recovery Point Objective (RPO)."),
            ("Recovery Point Objective (RPO).".to_string(), None)
        );
    }

    /// An older checklist's control: evidence stated in a sentence, a waiver on its own line.
    const OLDER: &str = "\
Example Machine Learning Competency
Service Offering Validation Checklist
January 2024 - 2.0
Requirements Overview
Common Practice Requirements - These requirements validate practices.
Common Practice Requirements
Partner Engagement
ENG-001 - Engagement Model
AWS Partner has a defined engagement model.
Evidence must be in the form of a verbal description or evidence of AWS Partner engagement model (e.g., SOWs, SLAs, or MSP contracts).
Waived if AWS Partner is approved AWS MSP.
ENG-002 - Methodology
The partner has a methodology. Evidence must be in the form of documented processes used in the last 12 months. It is reviewed yearly.
ENG-003 - Acceptance
Please provide the following as evidence:
Signed acceptance forms
Waived if AWS Partner holds the MSP designation.
";

    #[test]
    fn evidence_stated_in_a_sentence_is_an_item_and_a_waiver_line_is_the_waiver() {
        let checklist = parsed(OLDER);
        let eng1 = control(&checklist, "ENG-001");
        assert_eq!(
            eng1.evidence_texts().collect::<Vec<_>>(),
            [
                "Evidence must be in the form of a verbal description or evidence of AWS Partner \
              engagement model (e.g., SOWs, SLAs, or MSP contracts)."
            ]
        );
        assert_eq!(
            eng1.requirement,
            "AWS Partner has a defined engagement model."
        );
        assert_eq!(
            eng1.waiver.as_deref(),
            Some("Waived if AWS Partner is approved AWS MSP.")
        );
        let eng2 = control(&checklist, "ENG-002");
        assert_eq!(
            eng2.evidence_texts().collect::<Vec<_>>(),
            ["Evidence must be in the form of documented processes used in the last 12 months."]
        );
        assert!(eng2.waiver.is_none());
        let eng3 = control(&checklist, "ENG-003");
        assert_eq!(
            eng3.evidence_texts().collect::<Vec<_>>(),
            ["Signed acceptance forms"]
        );
        assert_eq!(
            eng3.waiver.as_deref(),
            Some("Waived if AWS Partner holds the MSP designation.")
        );
    }

    #[test]
    fn browser_chrome_before_the_title_and_numbers_on_their_own_line_are_read() {
        let copied = format!(
            "AWS Partner Network - Checklist\nPrograms\nExample Machine Learning Competency\n\
             Service Offering Validation Checklist\nIntroduction\n{}",
            OLDER.replacen(
                "Common Practice Requirements\nPartner",
                "Example Prerequisites\n1.0\nProgram Membership\n1.1\nServices Path\n\
                 Be on the path.\nCommon Practice Requirements\nPartner",
                1
            )
        );
        let checklist = parsed(&copied);
        assert_eq!(checklist.name, "Example Machine Learning Competency");
        assert_eq!(checklist.version, "2.0");
        let prerequisites: Vec<_> = checklist
            .prerequisites
            .iter()
            .map(|p| {
                (
                    p.id.as_str(),
                    p.group.as_str(),
                    p.title.as_str(),
                    p.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            prerequisites,
            [(
                "1.1",
                "1.0 Program Membership",
                "Services Path",
                "Be on the path."
            )]
        );
        assert_eq!(checklist.control_count(), 3);
    }

    /// The Foundational Technical Review's shape: controls under a heading that does not end
    /// in "Requirements", one prerequisite without a group heading.
    #[test]
    fn controls_under_a_plain_heading_and_an_ungrouped_prerequisite() {
        let text = "\
Partner Hosted Review

Partner Hosted Validation Checklist

Validity Period: February 2026-August 2026

Review prerequisites

  • 1.1 Software Path Membership

    Be enrolled.

Architectural Controls

Most controls can be bypassed.

  • ARC-001 - Use root user only by exception.

    The root user has unlimited access.

  • IAM-001 - Enable MFA.

    Require MFA.

Resources
";
        let checklist = parsed(text);
        let prerequisite = &checklist.prerequisites[0];
        assert_eq!(
            (
                prerequisite.id.as_str(),
                prerequisite.group.as_str(),
                prerequisite.text.as_str()
            ),
            ("1.1", "Review prerequisites", "Be enrolled.")
        );
        assert_eq!(
            location(&checklist, "ARC-001"),
            "Architectural Controls › Architectural Controls"
        );
        assert_eq!(
            control(&checklist, "ARC-001").title,
            "Use root user only by exception."
        );
        assert_eq!(checklist.control_count(), 2);
    }

    #[test]
    fn lines_that_look_like_controls_but_are_not_read_are_named() {
        let text = format!("{FLAT}\nABC-009 - Listed after the resources\n")
            .replace("ABC-003 - Satisfaction", "ABC-003 Satisfaction");
        let reading = read("x", &text).unwrap();
        assert!(reading.checklist.control("ABC-003").is_none());
        assert_eq!(reading.unplaced.len(), 2, "{:?}", reading.unplaced);
        assert!(reading.unplaced[0].ends_with(": ABC-003 Satisfaction"));
        assert!(reading.unplaced[1].contains("ABC-009 - Listed after the resources"));
        assert!(read("x", FLAT).unwrap().unplaced.is_empty());
        let many: String = (100..160).map(|n| format!("ZZZ-{n} no title\n")).collect();
        let unplaced = read("x", &format!("{FLAT}\n{many}")).unwrap().unplaced;
        assert_eq!(unplaced.len(), MAX_UNPLACED_SHOWN + 1);
        assert_eq!(unplaced.last().unwrap(), "and 10 more lines");
    }
}
