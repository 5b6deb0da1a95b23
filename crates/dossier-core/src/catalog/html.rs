//! A saved web page of a checklist, turned into the indented published text the parser
//! reads: paragraphs separated by blank lines, `•` and `N.` list items indented by nesting.
//!
//! Only the page's content is read: `<main>` (or `[role=main]`, else `<article>`, else the
//! body), starting at its first `<h1>`, the checklist's title. Scripts, styles, navigation
//! and the like are skipped.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use super::bounds::MAX_NESTING;
use super::nesting;

/// Elements whose text is never part of the checklist.
const SKIPPED: [&str; 12] = [
    "head", "script", "style", "noscript", "template", "svg", "nav", "aside", "button", "select",
    "iframe", "footer",
];

/// Elements that start a paragraph of their own.
const PARAGRAPHS: [&str; 21] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "figure",
    "figcaption",
    "details",
    "summary",
    "dl",
    "hr",
];

/// Elements that start a new line without a paragraph break.
const LINES: [&str; 5] = ["br", "tr", "dt", "dd", "caption"];

/// A page nested deeper than [`MAX_NESTING`] levels: parsing it would take hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the page nests its elements more than {MAX_NESTING} levels deep, far more than a \
     checklist page does; save the checklist page again, or copy its text and paste it"
)]
pub struct TooDeep;

/// The page's checklist text, in the indented layout; a page too deep to parse in
/// reasonable time is refused before it is parsed.
pub fn to_text(html: &str) -> Result<String, TooDeep> {
    if nesting::exceeds(html, MAX_NESTING) {
        return Err(TooDeep);
    }
    let document = Html::parse_document(html);
    let root = content_root(&document);
    let start = Selector::parse("h1")
        .ok()
        .and_then(|h1| root.select(&h1).next())
        .map(|h1| h1.id());
    let has_lists = Selector::parse("li")
        .ok()
        .is_some_and(|li| root.select(&li).next().is_some());
    let mut writer = Writer {
        flat: !has_lists,
        ..Writer::default()
    };
    let mut started = start.is_none();
    let mut skipping = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if Some(node.id()) == start {
                    started = true;
                }
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if skipping > 0 || SKIPPED.contains(&name) || is_hidden(element) {
                        skipping += 1;
                    } else if started {
                        writer.open(name);
                    }
                } else if let Node::Text(text) = node.value() {
                    if skipping == 0 && started {
                        writer.text(text);
                    }
                }
            }
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if started {
                        writer.close(element.name());
                    }
                }
            }
        }
    }
    Ok(writer.finish())
}

/// Whether a page's text should be taken as HTML: it names itself so, or starts like a page.
pub fn looks_like_html(file_name: &str, text: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return true;
    }
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

fn content_root(document: &Html) -> ElementRef<'_> {
    ["main, [role=main]", "article", "body"]
        .iter()
        .filter_map(|css| Selector::parse(css).ok())
        .find_map(|selector| document.select(&selector).next())
        .unwrap_or_else(|| document.root_element())
}

fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true")
}

/// Builds the text line by line as elements open and close.
#[derive(Default)]
struct Writer {
    /// A page without lists gives the flat layout: one line per block, no blank lines, as
    /// copying such a page gives, so the parser can rejoin lines the page split.
    flat: bool,
    lines: Vec<String>,
    /// Inline text of the line being built.
    line: String,
    /// The marker (`• ` or `3. `) the next line starts with: the open list item's.
    marker: Option<String>,
    /// Open lists: `None` for a bulleted one, the last number for a numbered one.
    lists: Vec<Option<u32>>,
    /// Open list items' depths, so their later lines are indented under their marker.
    items: Vec<usize>,
    /// A paragraph break is due before the next line.
    blank: bool,
}

impl Writer {
    fn open(&mut self, name: &str) {
        match name {
            "ul" | "ol" => {
                self.flush();
                self.lists.push((name == "ol").then_some(0));
            }
            "li" => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(Some(number)) => {
                        *number += 1;
                        format!("{number}. ")
                    }
                    _ => "• ".to_string(),
                };
                self.marker = Some(marker);
                self.items.push(self.lists.len().max(1));
            }
            _ if PARAGRAPHS.contains(&name) => self.paragraph(),
            _ if LINES.contains(&name) => self.flush(),
            "td" | "th" => self.space(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "ul" | "ol" => {
                self.flush();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.blank = true;
                }
            }
            "li" => {
                self.flush();
                self.items.pop();
                self.marker = None;
            }
            _ if PARAGRAPHS.contains(&name) => self.paragraph(),
            _ if LINES.contains(&name) => self.flush(),
            _ => {}
        }
    }

    /// Appends text with its whitespace collapsed, as a browser shows it.
    fn text(&mut self, text: &str) {
        let mut words = text.split(|c: char| c.is_whitespace());
        if text.starts_with(char::is_whitespace) {
            self.space();
        }
        if let Some(first) = words.next() {
            self.line.push_str(first);
        }
        for word in words {
            self.space();
            self.line.push_str(word);
        }
    }

    fn space(&mut self) {
        if !self.line.is_empty() && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
    }

    fn paragraph(&mut self) {
        self.flush();
        self.blank = true;
    }

    /// Ends the current line, indented two spaces per list level (the published layout).
    fn flush(&mut self) {
        let text = self.line.trim().to_string();
        self.line.clear();
        if text.is_empty() {
            return;
        }
        if self.blank && !self.flat && !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.blank = false;
        let depth = self.items.last().copied().unwrap_or(0);
        let line = match self.marker.take() {
            Some(marker) => format!("{}{marker}{text}", "  ".repeat(depth)),
            None if depth > 0 => format!("{}{text}", "  ".repeat(depth + 1)),
            None => text,
        };
        self.lines.push(line);
    }

    fn finish(mut self) -> String {
        self.flush();
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_become_indented_bullets_and_numbers() {
        let html = "<html><body><nav>Home</nav><main><h1>AWS X Competency</h1>\
            <p>Intro &amp; more</p><ol><li><span>1.0</span><span>Group</span>\
            <ol><li>1.1Item<p>Text of it.</p></li></ol></li></ol>\
            <ul><li>ABC-001 - Title<p>Requirement.</p><ul><li>One</li><li>Two</li></ul></li></ul>\
            </main><footer>© AWS</footer></body></html>";
        assert_eq!(
            to_text(html).unwrap(),
            "AWS X Competency\n\nIntro & more\n\n  1. 1.0Group\n    1. 1.1Item\n\n      Text of it.\n\n  • ABC-001 - Title\n\n    Requirement.\n\n    • One\n    • Two\n"
        );
    }

    #[test]
    fn skips_everything_before_the_title_and_outside_the_content() {
        let html = "<body><header>AWS Partner Network<nav><a>Programs</a></nav></header>\
            <script>var x = '<p>no</p>';</script><h1>Title</h1><p>Body</p>\
            <footer>Privacy</footer></body>";
        assert_eq!(to_text(html).unwrap(), "Title\nBody\n");
    }

    #[test]
    fn recognises_pages() {
        assert!(looks_like_html("c.HTM", "anything"));
        assert!(looks_like_html("pasted", "  <!DOCTYPE html><html>"));
        assert!(!looks_like_html("c.txt", "AWS Security Competency\n"));
    }
}
