//! How deep a saved page nests its elements, measured before the page is parsed.
//!
//! The HTML tree builder walks its stack of open elements for many tags (every `<div>`
//! looks for an open `<p>`), so parsing a page nested 200,000 levels deep takes hours. This
//! scan reads only the tags, in one pass, and keeps its own stack of open elements with the
//! tree builder's rules for which tags close open elements: the usual ones (an end tag
//! closing what is open above it within its scope, `<li>`, `<p>`, `<td>` … closing the
//! previous one, a tag breaking out of `<svg>`). Where a rule is not modelled it keeps the
//! element open, so it counts at least as deep as the tree builder nests, up to the implied
//! `<tbody>`/`<tr>` of tables. It stops as soon as the limit is passed, so it never walks a
//! stack deeper than the limit: the scan is linear, and so is the parse of a page it lets by.

/// Whether `html` nests elements more than `limit` levels deep.
pub fn exceeds(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut stack = Stack::default();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let lt = at + offset;
        at = match bytes.get(lt + 1) {
            Some(b'!') => markup_declaration_end(bytes, lt + 2),
            Some(b'?') => bogus_comment_end(bytes, lt + 2),
            Some(b'/') => match bytes.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => match tag(bytes, lt + 2) {
                    Some(end) => {
                        stack.close(&end.name);
                        end.end
                    }
                    None => return false,
                },
                Some(b'>') => lt + 3,
                Some(_) => bogus_comment_end(bytes, lt + 2),
                None => return false,
            },
            Some(c) if c.is_ascii_alphabetic() => match tag(bytes, lt + 1) {
                Some(start) => {
                    if stack.open(&start) > limit {
                        return true;
                    }
                    match RAW_TEXT.contains(&start.name.as_str()) && !stack.in_foreign() {
                        true => match raw_text_end(bytes, start.end, &start.name) {
                            Some(end) => end,
                            None => return false,
                        },
                        false => start.end,
                    }
                }
                None => return false,
            },
            _ => lt + 1,
        };
    }
    false
}

/// Elements whose content is text up to their end tag, never tags. Others of the kind
/// (`<xmp>`, `<noscript>` …) are read as markup, which can only count deeper.
const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];

/// Formatting elements: closed out of order, the ones above them are rebuilt, not closed.
const FORMATTING: [&str; 14] = [
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

const VOID: [&str; 19] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// The HTML elements the tree builder treats as "special": an end tag of another element
/// does not close them, and they stop the `<li>` walk.
const SPECIAL: [&str; 83] = [
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// SVG and MathML elements that hold HTML again; special, and bounds of every scope.
const FOREIGN_SPECIAL: [&str; 9] = [
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
    "foreignobject",
    "desc",
    "title",
];

/// Start tags that close an open `<p>` first.
const CLOSES_P: [&str; 35] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "hr",
];

/// End tags that close their element and everything open above it, if it is in scope.
const CLOSES_IN_SCOPE: [&str; 40] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
    "p",
    "li",
    "dd",
    "dt",
    "applet",
    "marquee",
    "object",
    "caption",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
];

const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

/// Start tags that close every open SVG or MathML element above the nearest HTML one.
const BREAKOUT: [&str; 44] = [
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// The tree builder's scopes: where the search for an open element stops.
#[derive(Clone, Copy)]
enum Scope {
    Default,
    Button,
    ListItem,
    Table,
    /// Inside `<select>` only options and option groups are passed.
    Select,
}

impl Scope {
    fn of_end_tag(name: &str) -> Self {
        match name {
            "p" => Self::Button,
            "li" => Self::ListItem,
            "caption" | "table" | "tbody" | "tfoot" | "thead" | "tr" | "td" | "th" => Self::Table,
            "select" => Self::Select,
            _ => Self::Default,
        }
    }

    fn bounded_by(self, element: &Open) -> bool {
        let name = element.name.as_str();
        if let Self::Select = self {
            return !element.is_html(&["option", "optgroup"]);
        }
        if element.foreign {
            return !matches!(self, Self::Table) && FOREIGN_SPECIAL.contains(&name);
        }
        match (self, name) {
            (_, "html" | "table" | "template") => true,
            (Self::Table, _) => false,
            (_, "applet" | "caption" | "td" | "th" | "marquee" | "object") => true,
            (Self::Button, "button") => true,
            (Self::ListItem, "ol" | "ul") => true,
            _ => false,
        }
    }
}

struct Open {
    name: String,
    /// An SVG or MathML element.
    foreign: bool,
}

impl Open {
    fn is_special(&self) -> bool {
        let list: &[&str] = if self.foreign {
            &FOREIGN_SPECIAL
        } else {
            &SPECIAL
        };
        list.contains(&self.name.as_str())
    }

    fn is_html(&self, names: &[&str]) -> bool {
        !self.foreign && names.contains(&self.name.as_str())
    }
}

#[derive(Default)]
struct Stack(Vec<Open>);

impl Stack {
    /// Whether new elements go into SVG or MathML content.
    fn in_foreign(&self) -> bool {
        self.0
            .last()
            .is_some_and(|top| top.foreign && !FOREIGN_SPECIAL.contains(&top.name.as_str()))
    }

    /// Applies a start tag; returns the depth after it.
    fn open(&mut self, tag: &Tag) -> usize {
        let name = tag.name.as_str();
        // The tree builder opens these at most once each, whatever the page says.
        if matches!(name, "html" | "head" | "body" | "frameset") {
            return self.0.len();
        }
        if self.in_foreign() && BREAKOUT.contains(&name) {
            while self.0.last().is_some_and(|top| top.foreign) {
                self.0.pop();
            }
        }
        let foreign = self.in_foreign() || name == "svg" || name == "math";
        if !foreign {
            self.implied_closes(name);
            if VOID.contains(&name) {
                return self.0.len();
            }
        } else if tag.self_closing {
            return self.0.len();
        }
        self.0.push(Open {
            name: tag.name.clone(),
            foreign,
        });
        self.0.len()
    }

    /// What an HTML start tag closes before it opens.
    fn implied_closes(&mut self, name: &str) {
        match name {
            "li" => self.close_item(&["li"]),
            "dd" | "dt" => self.close_item(&["dd", "dt"]),
            "td" | "th" => self.close_in_scope(&["td", "th"], Scope::Table),
            "tr" => self.close_in_scope(&["tr"], Scope::Table),
            "tbody" | "thead" | "tfoot" => {
                self.close_in_scope(&["tbody", "thead", "tfoot"], Scope::Table)
            }
            "option" => self.close_top(&["option"]),
            "optgroup" => {
                self.close_top(&["option"]);
                self.close_top(&["optgroup"]);
            }
            _ => {}
        }
        if CLOSES_P.contains(&name) || matches!(name, "li" | "dd" | "dt") {
            self.close_in_scope(&["p"], Scope::Button);
        }
        if HEADINGS.contains(&name) {
            self.close_top(&HEADINGS);
        }
    }

    /// Applies an end tag.
    fn close(&mut self, name: &str) {
        if matches!(name, "html" | "head" | "body" | "frameset" | "br") {
            return;
        }
        let Some(top) = self.0.last() else {
            return;
        };
        if top.name == name {
            self.0.pop();
            return;
        }
        // In SVG or MathML an end tag closes the nearest foreign element of its name.
        for index in (0..self.0.len()).rev() {
            let element = &self.0[index];
            if !element.foreign {
                break;
            }
            if element.name == name {
                self.0.truncate(index);
                return;
            }
        }
        if HEADINGS.contains(&name) {
            self.close_in_scope(&HEADINGS, Scope::Default);
        } else if CLOSES_IN_SCOPE.contains(&name) || matches!(name, "td" | "th" | "select") {
            self.close_in_scope(&[name], Scope::of_end_tag(name));
        } else if !SPECIAL.contains(&name) {
            // Any other element: the nearest of its name, unless a special one is above it.
            for index in (0..self.0.len()).rev() {
                let element = &self.0[index];
                if element.is_html(&[name]) && FORMATTING.contains(&name) {
                    // A misnested formatting end tag: the tree builder closes this one and
                    // rebuilds the formatting elements above it, so they stay open here.
                    self.0.remove(index);
                    return;
                }
                if element.is_html(&[name]) {
                    self.0.truncate(index);
                    return;
                }
                if element.is_special() {
                    return;
                }
            }
        }
    }

    /// Closes the nearest open element named in `names` and all above it, if it is in scope.
    fn close_in_scope(&mut self, names: &[&str], scope: Scope) {
        for index in (0..self.0.len()).rev() {
            let element = &self.0[index];
            if element.is_html(names) {
                self.0.truncate(index);
                return;
            }
            if scope.bounded_by(element) {
                return;
            }
        }
    }

    /// A new list item closes the open one, unless a special element other than `<div>`,
    /// `<p>` or `<address>` lies between.
    fn close_item(&mut self, names: &[&str]) {
        for index in (0..self.0.len()).rev() {
            let element = &self.0[index];
            if element.is_html(names) {
                self.0.truncate(index);
                return;
            }
            if element.is_special() && !element.is_html(&["address", "div", "p"]) {
                return;
            }
        }
    }

    fn close_top(&mut self, names: &[&str]) {
        if self.0.last().is_some_and(|top| top.is_html(names)) {
            self.0.pop();
        }
    }
}

/// A start or end tag: its lower-case name, whether it ends in `/>`, and where it ends.
struct Tag {
    name: String,
    self_closing: bool,
    end: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Reads the tag whose name starts at `start`, attributes and their quotes as the HTML
/// tokenizer does; `None` if the page ends inside it (the tokenizer then drops it).
fn tag(bytes: &[u8], start: usize) -> Option<Tag> {
    let name_end = bytes[start..]
        .iter()
        .position(|&b| is_space(b) || b == b'/' || b == b'>')
        .map_or(bytes.len(), |n| start + n);
    let name = String::from_utf8_lossy(&bytes[start..name_end]).to_ascii_lowercase();
    let mut i = name_end;
    let mut self_closing = false;
    loop {
        match *bytes.get(i)? {
            b'>' => {
                return Some(Tag {
                    name,
                    self_closing,
                    end: i + 1,
                })
            }
            b'/' => {
                i += 1;
                self_closing = bytes.get(i) == Some(&b'>');
            }
            b if is_space(b) => i += 1,
            _ => i = attribute_end(bytes, i)?,
        }
    }
}

/// The end of the attribute starting at `start` (a name, then maybe `=` and a value).
fn attribute_end(bytes: &[u8], start: usize) -> Option<usize> {
    let after = |from: usize, stop: fn(u8) -> bool| {
        bytes[from..]
            .iter()
            .position(|&b| stop(b))
            .map_or(bytes.len(), |n| from + n)
    };
    // The first character belongs to the name even if it is `=`.
    let mut i = after(start + 1, |b| {
        is_space(b) || b == b'/' || b == b'>' || b == b'='
    });
    i = after(i, |b| !is_space(b));
    if bytes.get(i) != Some(&b'=') {
        return Some(i);
    }
    i = after(i + 1, |b| !is_space(b));
    match *bytes.get(i)? {
        quote @ (b'"' | b'\'') => {
            let close = bytes[i + 1..].iter().position(|&b| b == quote)?;
            Some(i + 1 + close + 1)
        }
        b'>' => Some(i),
        _ => Some(after(i, |b| is_space(b) || b == b'>')),
    }
}

/// After `<!`: a comment ends at `-->` (or `--!>`, or at once with `<!-->`), anything else
/// (a doctype, CDATA) at the first `>`.
fn markup_declaration_end(bytes: &[u8], start: usize) -> usize {
    let rest = &bytes[start..];
    if !rest.starts_with(b"--") {
        return bogus_comment_end(bytes, start);
    }
    let body = start + 2;
    if bytes[body..].starts_with(b">") {
        return body + 1;
    }
    if bytes[body..].starts_with(b"->") {
        return body + 2;
    }
    let mut i = body;
    while let Some(n) = find(&bytes[i..], b"--") {
        let dashes = i + n;
        for end in [&b"-->"[..], &b"--!>"[..]] {
            if bytes[dashes..].starts_with(end) {
                return dashes + end.len();
            }
        }
        i = dashes + 1;
    }
    bytes.len()
}

fn bogus_comment_end(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|&b| b == b'>')
        .map_or(bytes.len(), |n| start + n + 1)
}

/// Where the end tag of raw-text element `name` starts; `None` if the page ends first.
fn raw_text_end(bytes: &[u8], start: usize, name: &str) -> Option<usize> {
    let mut i = start;
    loop {
        let lt = i + find(&bytes[i..], b"</")?;
        let after = lt + 2 + name.len();
        let named = bytes
            .get(lt + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let delimited = bytes
            .get(after)
            .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>');
        if named && delimited {
            return Some(lt);
        }
        i = lt + 2;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, depth: usize) -> String {
        format!(
            "<!doctype html><html><body>{}x{}</body></html>",
            open.repeat(depth),
            close.repeat(depth)
        )
    }

    #[test]
    fn counts_nesting_up_to_the_limit() {
        assert!(!exceeds(&nested("<div>", "</div>", 256), 256));
        assert!(exceeds(&nested("<div>", "</div>", 257), 256));
        assert!(exceeds(&nested("<div>", "</div>", 200_000), 256));
    }

    #[test]
    fn closed_siblings_do_not_add_up() {
        let page = "<div><p>a</p><ul><li>b</li></ul></div>".repeat(10_000);
        assert!(!exceeds(&page, 4));
        assert!(exceeds(&page, 2));
    }

    #[test]
    fn implied_end_tags_close_as_in_a_browser() {
        let sloppy = "<div><p>one<p>two<ul><li>a<li>b</ul><table><tr><td>1<td>2<tr><td>3</table>\
            <dl><dt>t<dd>d</dl><select><option>a<option>b</select><span><b>x</div>"
            .repeat(5_000);
        assert!(!exceeds(&sloppy, 8), "siblings left open close each other");
    }

    #[test]
    fn an_end_tag_blocked_by_an_open_block_does_not_close() {
        // The tree builder keeps both open: `</span>` cannot close across the `<div>`.
        let page = "<span><div></span>".repeat(1_000);
        assert!(exceeds(&page, 256));
    }

    #[test]
    fn misnested_formatting_tags_count_as_deep_as_the_tree_builder_rebuilds_them() {
        // `</b>` closes the `<b>`, and the tree builder reopens every `<i>` above it.
        let page: String = (0..300).map(|k| format!("<b><i id={k}></b>x")).collect();
        assert!(exceeds(&page, 256));
        assert!(!exceeds(&"<b><i>x</b></i>".repeat(10_000), 3));
    }

    #[test]
    fn voids_scripts_comments_and_attributes_are_not_nesting() {
        let page = "<br><img src='a>b'><input value=\"<div>\"><!-- <div><div> --><!-->\
            <script>var s = '<div><div></script>';</script><style>p>a{}</style><svg><path/></svg>\
            <!doctype x><?pi <div>?><p title=<div>>t</p>"
            .repeat(1_000);
        assert!(!exceeds(&page, 3));
    }

    #[test]
    fn self_closing_html_elements_still_nest() {
        assert!(exceeds(&"<div/>".repeat(300), 256));
        assert!(exceeds(&"<svg><div><path/>".repeat(300), 256));
    }

    #[test]
    fn a_page_ending_inside_a_tag_or_comment_is_not_deep() {
        assert!(!exceeds("<div><div a=\"", 1));
        assert!(!exceeds("<p><!-- <div><div><div>", 1));
    }
}
