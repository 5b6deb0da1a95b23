//! A markdown copy of a checklist page (a wiki, Notion or Google Docs export) turned into the
//! indented published text the parser reads.
//!
//! Markdown marks what the parser otherwise infers: headings, list nesting, emphasis. Headings
//! become plain lines; a heading that is itself a control or a numbered prerequisite
//! (`#### ARC-001 - Title`, `#### 1.1 Software Path`) becomes a list item with the text under
//! it indented below, the shape the indented layout gives controls. Emphasis, escapes
//! (`\-`, `\_`) and link targets are removed, so titles read as published.

/// Link text and targets are looked for at most this far ahead.
const MAX_LINK_TEXT: usize = 2000;

/// Whether a checklist's text should be read as markdown: it is named so, or it has a
/// markdown heading or a bold control line (`* **ECS-001 \- Title**`).
pub fn looks_like_markdown(file_name: &str, text: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    if [".md", ".markdown", ".mdown"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return true;
    }
    text.lines().any(|line| {
        let line = line.trim_start();
        heading(line).is_some() || strip_list_marker(line).1.starts_with("**")
    })
}

/// The checklist text of a markdown document, in the indented layout.
pub fn to_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    // Indentation of text under a heading that became a list item.
    let mut under_item = 0;
    let mut fenced = false;
    for raw in markdown.lines().flat_map(split_breaks) {
        let trimmed = raw.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            push_line(&mut out, under_item, trimmed);
            continue;
        }
        if trimmed.is_empty() || is_rule(trimmed) || is_table_separator(trimmed) {
            out.push('\n');
            continue;
        }
        if let Some(text) = heading(trimmed) {
            let text = inline(text);
            out.push('\n');
            if starts_item(&text) {
                push_line(&mut out, 2, &format!("• {text}"));
                under_item = 4;
            } else {
                push_line(&mut out, 0, &text);
                under_item = 0;
            }
            out.push('\n');
            continue;
        }
        let indent = under_item + (raw.len() - raw.trim_start().len());
        let (marker, rest) = strip_list_marker(trimmed);
        let text = inline(&table_row(rest));
        match marker {
            Some(Marker::Bullet) => push_line(&mut out, indent, &format!("• {text}")),
            Some(Marker::Number(n)) => push_line(&mut out, indent, &format!("{n}. {text}")),
            None => push_line(&mut out, indent, &text),
        }
    }
    out
}

fn push_line(out: &mut String, indent: usize, text: &str) {
    out.extend(std::iter::repeat_n(' ', indent));
    out.push_str(text);
    out.push('\n');
}

/// `<br>` inside a line is a line break in exports from rich-text editors.
fn split_breaks(line: &str) -> impl Iterator<Item = &str> {
    line.split("<br>")
        .flat_map(|part| part.split("<br/>"))
        .flat_map(|part| part.split("<br />"))
}

/// The text of an ATX heading (`## Title ##`), if the line is one.
fn heading(line: &str) -> Option<&str> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(rest.trim().trim_end_matches('#').trim_end())
}

/// A heading that is a control (`ARC-001 - Title`) or a numbered prerequisite (`1.1 Title`).
fn starts_item(text: &str) -> bool {
    let id_len = text
        .bytes()
        .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'-')
        .count();
    let is_control = id_len > 0
        && text[..id_len].contains('-')
        && [" - ", " – ", " — "]
            .iter()
            .any(|separator| text[id_len..].starts_with(separator));
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let major = digits(text);
    let is_prerequisite = major > 0
        && text[major..].strip_prefix('.').is_some_and(|rest| {
            let minor = digits(rest);
            minor > 0 && rest[minor..].starts_with(|c: char| c == ' ' || c.is_uppercase())
        });
    is_control || is_prerequisite
}

enum Marker {
    Bullet,
    Number(String),
}

fn strip_list_marker(line: &str) -> (Option<Marker>, &str) {
    for bullet in ["* ", "- ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return (Some(Marker::Bullet), rest.trim_start());
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        if let Some(rest) = line[digits..]
            .strip_prefix(". ")
            .or_else(|| line[digits..].strip_prefix(") "))
        {
            return (
                Some(Marker::Number(line[..digits].to_string())),
                rest.trim_start(),
            );
        }
    }
    (None, line)
}

fn is_rule(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|&c| compact.chars().all(|x| x == c))
}

fn is_table_separator(line: &str) -> bool {
    line.contains('-')
        && line.contains('|')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A table row's cells as one line, separated by two spaces.
fn table_row(line: &str) -> String {
    if !(line.starts_with('|') && line.ends_with('|') && line.len() > 1) {
        return line.to_string();
    }
    line[1..line.len() - 1]
        .split(" | ")
        .map(str::trim)
        .filter(|cell| !cell.is_empty())
        .collect::<Vec<_>>()
        .join("  ")
}

/// The text of one line without markdown: escapes undone, emphasis and code marks removed,
/// links and images reduced to their text, the common entities decoded.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    // What looking for links may scan in all: a line of unmatched brackets stays linear.
    let mut budget = 2 * chars.len() + 4 * MAX_LINK_TEXT;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\\' if next.is_some_and(|n| n.is_ascii_punctuation()) => {
                out.extend(next);
                i += 2;
            }
            '*' | '`' => i += 1,
            '_' if is_emphasis_underscore(&chars, i) => i += 1,
            '[' | '!' if c == '[' || next == Some('[') => {
                let open = i + usize::from(c == '!');
                match link(&chars, open, &mut budget) {
                    Some((label, end)) => {
                        out.push_str(&inline(&label));
                        i = end;
                    }
                    None => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            '&' => {
                let (decoded, used) = entity(&chars[i..]);
                out.push(decoded);
                i += used;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    collapse_spaces(&out)
}

/// An underscore that opens or closes emphasis (`_word_`, `__bold__`), not one inside a
/// word (`snake_case`).
fn is_emphasis_underscore(chars: &[char], at: usize) -> bool {
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    let before = at.checked_sub(1).and_then(|i| chars.get(i));
    let after = chars.get(at + 1);
    !(word(before) && word(after))
}

/// `[label](target)` starting at `open`: the label and the index after the link. What it
/// scans comes off `budget`; with the budget spent, no more links are looked for.
fn link(chars: &[char], open: usize, budget: &mut usize) -> Option<(String, usize)> {
    let reach = MAX_LINK_TEXT.min(*budget / 2);
    let window = &chars[open + 1..chars.len().min(open + 1 + reach)];
    *budget = budget.saturating_sub(2 * window.len() + 1);
    let mut depth = 0usize;
    let mut escaped = false;
    let close = window.iter().position(|&c| {
        let at_close = !escaped && c == ']' && depth == 0;
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        at_close
    })?;
    let after = open + 1 + close + 1;
    if chars.get(after) != Some(&'(') {
        return None;
    }
    let target_end = chars[after..chars.len().min(after + reach)]
        .iter()
        .position(|&c| c == ')')?;
    Some((window[..close].iter().collect(), after + target_end + 1))
}

/// The character an HTML entity at the start of `chars` stands for, and its length; a bare
/// `&` stands for itself.
fn entity(chars: &[char]) -> (char, usize) {
    const ENTITIES: [(&str, char); 6] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&nbsp;", ' '),
        ("&quot;", '"'),
        ("&#39;", '\''),
    ];
    let head: String = chars.iter().take(6).collect();
    ENTITIES
        .iter()
        .find(|(name, _)| head.starts_with(name))
        .map_or(('&', 1), |(name, c)| (*c, name.len()))
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_emphasis_and_links_are_read_as_text() {
        assert_eq!(
            inline("**ECS-008 \\- Spot and FARGATE\\_SPOT**  "),
            "ECS-008 - Spot and FARGATE_SPOT"
        );
        assert_eq!(
            inline("found \\[here\\](http://aws.amazon.com/x) and [the guide](https://a/b)."),
            "found [here](http://aws.amazon.com/x) and the guide."
        );
        assert_eq!(
            inline("keep snake_case, drop _emphasis_"),
            "keep snake_case, drop emphasis"
        );
        assert_eq!(inline("![diagram](d.png) R&amp;D &x"), "diagram R&D &x");
        assert_eq!(inline("[unclosed (x"), "[unclosed (x");
        let brackets = "[".repeat(100_000);
        assert_eq!(inline(&brackets), brackets, "unmatched brackets stay text");
    }

    /// The non-blank lines of `to_text(markdown)`, with their indentation.
    fn lines(markdown: &str) -> Vec<String> {
        to_text(markdown)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn headings_that_are_controls_become_items_with_their_text_below() {
        let md = "# **Title**\n\n## Section Requirements\n\n#### ARC-001 - Use root.\n\n\
                  Body text.\n\n- a point\n\n#### 1.1 Path\n\nJoin it.\n\n## Resources ##\n";
        assert_eq!(
            lines(md),
            [
                "Title",
                "Section Requirements",
                "  • ARC-001 - Use root.",
                "    Body text.",
                "    • a point",
                "  • 1.1 Path",
                "    Join it.",
                "Resources",
            ]
        );
        assert!(
            to_text(md).contains("\n\n  • ARC-001"),
            "a heading starts a paragraph"
        );
    }

    #[test]
    fn lists_keep_their_nesting_and_tables_their_cells() {
        let md = "* **ECS-001 \\- Title**  \n  Body.  \n  * item\n1. first\n\
                  | a | b |\n|---|---|\n| c | d |\n```\n# not a heading\n```\n";
        assert_eq!(
            lines(md),
            [
                "• ECS-001 - Title",
                "  Body.",
                "  • item",
                "1. first",
                "a b",
                "c d",
                "# not a heading"
            ]
        );
    }

    #[test]
    fn markdown_is_told_from_plain_text() {
        assert!(looks_like_markdown("ecs.md", "anything"));
        assert!(looks_like_markdown("pasted text", "# Amazon ECS\n"));
        assert!(looks_like_markdown("pasted text", "* **ECS-001 \\- T**"));
        assert!(!looks_like_markdown(
            "pasted text",
            "AWS DevOps Competency\nPOV-001 - X\n"
        ));
        assert!(!looks_like_markdown("x.txt", "#hashtag\n"));
    }
}
