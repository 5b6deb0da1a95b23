//! The reference text of a real document, what Dossier's text is measured against: poppler's
//! `pdftotext` for PDF, Debian's catdoc tools for Office 97–2003, and for the XML formats the
//! text parts read here. These readers are deliberately small and written apart from
//! dossier-core's extractors, so the benchmark never measures a reader against itself.

use base64::Engine;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Formats in the order the report lists them.
pub const FORMATS: &[&str] = &[
    "pdf", "docx", "xlsx", "pptx", "drawio", "vsdx", "vsd", "svg", "doc", "xls", "ppt", "other",
];

/// The format a file is counted under, from its extension (macro-enabled and template
/// variants with their format).
pub fn format_of(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "pdf",
        "docx" | "docm" | "dotx" | "dotm" => "docx",
        "xlsx" | "xlsm" | "xltx" | "xltm" => "xlsx",
        "pptx" | "pptm" | "potx" | "ppsx" => "pptx",
        "drawio" | "dio" => "drawio",
        "vsdx" | "vsdm" => "vsdx",
        "vsd" => "vsd",
        "svg" => "svg",
        "doc" | "dot" => "doc",
        "xls" | "xlt" => "xls",
        "ppt" | "pps" | "pot" => "ppt",
        _ => "other",
    }
}

/// What the reference made of a file.
pub enum Reference {
    /// The text, and the tool or parts it came from.
    Text { text: String, source: &'static str },
    /// No reference exists for the format (or its tool is not installed).
    Missing(&'static str),
    /// The reference tool failed on this file: the file is not counted in the text figures.
    Failed(String),
}

/// A reference tool gets this long per file; a hung one is killed and the file not counted.
const TOOL_TIMEOUT: Duration = Duration::from_secs(60);

/// Decompressed XML parts larger than this are cut: a reference, not a zip-bomb test.
const PART_CAP: u64 = 256 * 1024 * 1024;

pub fn read(path: &Path, format: &str) -> Reference {
    let tool = |program: &'static str, args: &[&str]| match run_tool(program, args, path) {
        Ok(text) => Reference::Text {
            text,
            source: program,
        },
        Err(ToolError::NotInstalled) => Reference::Missing("tool not installed"),
        Err(ToolError::Failed(why)) => Reference::Failed(why),
    };
    let xml = |source: &'static str, result: Result<String, String>| match result {
        Ok(text) => Reference::Text { text, source },
        Err(why) => Reference::Failed(why),
    };
    match format {
        "pdf" => tool("pdftotext", &["-q", "-enc", "UTF-8"]),
        "doc" => tool("catdoc", &["-d", "utf-8", "-w"]),
        "ppt" => tool("catppt", &["-d", "utf-8"]),
        "xls" => tool("xls2csv", &["-d", "utf-8"]),
        "docx" => xml("word/*.xml", docx(path)),
        "xlsx" => xml("xl/*.xml", xlsx(path)),
        "pptx" => xml("ppt/slides", pptx(path)),
        "vsdx" => xml("visio/pages", vsdx(path)),
        "drawio" => xml(
            "labels",
            std::fs::read(path)
                .map_err(|e| e.to_string())
                .map(|b| drawio(&lossy(b))),
        ),
        "svg" => xml(
            "<text>",
            std::fs::read(path)
                .map_err(|e| e.to_string())
                .map(|b| svg(&lossy(b))),
        ),
        _ => Reference::Missing("no reference for this format"),
    }
}

enum ToolError {
    NotInstalled,
    Failed(String),
}

/// Runs `program ARGS FILE` (text on stdout), killed after [`TOOL_TIMEOUT`].
fn run_tool(program: &str, args: &[&str], file: &Path) -> Result<String, ToolError> {
    if !crate::reference::on_path(program) {
        return Err(ToolError::NotInstalled);
    }
    let mut cmd = Command::new(program);
    cmd.args(args).arg(file);
    if program == "pdftotext" {
        cmd.arg("-");
    }
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| ToolError::Failed(format!("{program}: {e}")))?;
    let mut stdout = child.stdout.take().expect("stdout is piped");
    // Read on a thread so a large output never blocks the child on a full pipe.
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).map(|_| out)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TOOL_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = reader.join();
                return Err(ToolError::Failed(format!("{program}: timed out")));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(ToolError::Failed(format!("{program}: {e}"))),
        }
    };
    let out = reader
        .join()
        .map_err(|_| ToolError::Failed(format!("{program}: output lost")))?
        .map_err(|e| ToolError::Failed(format!("{program}: {e}")))?;
    if !status.success() {
        return Err(ToolError::Failed(format!("{program}: {status}")));
    }
    Ok(lossy(out))
}

fn lossy(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Which XML elements hold the text of a part.
struct TextRule {
    /// Local names of the elements whose text content is the document's text.
    text: &'static [&'static str],
    /// Local names whose content is left out even inside a text element.
    skip: &'static [&'static str],
    /// Local names that end a word where they open or close (paragraphs, breaks, tabs).
    breaks: &'static [&'static str],
}

/// Body, headers, footers, footnotes and endnotes: `<w:t>` runs, joined within a paragraph.
const WORD: TextRule = TextRule {
    text: &["t"],
    skip: &["delText", "instrText"],
    breaks: &["p", "tab", "br", "cr"],
};
/// Shared strings and inline strings; phonetic guides (`<rPh>`) are not cell text.
const SHEET: TextRule = TextRule {
    text: &["t"],
    skip: &["rPh"],
    breaks: &["si", "is"],
};
const SLIDE: TextRule = TextRule {
    text: &["t"],
    skip: &[],
    breaks: &["p", "br", "tab"],
};
const VISIO: TextRule = TextRule {
    text: &["Text"],
    skip: &[],
    breaks: &["Text"],
};
const SVG: TextRule = TextRule {
    text: &["text"],
    skip: &[],
    breaks: &["text", "tspan"],
};

fn docx(path: &Path) -> Result<String, String> {
    zip_parts(path, WORD, |name| {
        name == "word/document.xml"
            || name == "word/footnotes.xml"
            || name == "word/endnotes.xml"
            || in_folder(name, "word/", "header")
            || in_folder(name, "word/", "footer")
    })
}

fn xlsx(path: &Path) -> Result<String, String> {
    zip_parts(path, SHEET, |name| {
        name == "xl/sharedStrings.xml" || in_folder(name, "xl/worksheets/", "")
    })
}

fn pptx(path: &Path) -> Result<String, String> {
    zip_parts(path, SLIDE, |name| in_folder(name, "ppt/slides/", "slide"))
}

fn vsdx(path: &Path) -> Result<String, String> {
    zip_parts(path, VISIO, |name| in_folder(name, "visio/pages/", "page"))
}

fn svg(xml: &str) -> String {
    xml_text(xml, &SVG)
}

/// `folder/PREFIX*.xml` directly in `folder` (not its `_rels`).
fn in_folder(name: &str, folder: &str, prefix: &str) -> bool {
    name.strip_prefix(folder).is_some_and(|rest| {
        !rest.contains('/') && rest.starts_with(prefix) && rest.ends_with(".xml")
    })
}

/// The text of every part of the zip at `path` that `wanted` names, in name order.
fn zip_parts(path: &Path, rule: TextRule, wanted: impl Fn(&str) -> bool) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip =
        zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| format!("zip: {e}"))?;
    let mut names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .filter(|n| wanted(n))
        .collect();
    names.sort_by_key(|n| natural_key(n));
    let mut text = String::new();
    for name in names {
        let part = zip.by_name(&name).map_err(|e| format!("{name}: {e}"))?;
        let mut bytes = Vec::new();
        part.take(PART_CAP)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name}: {e}"))?;
        text.push_str(&xml_text(&lossy(bytes), &rule));
        text.push('\n');
    }
    Ok(text)
}

/// `slide10.xml` after `slide9.xml`.
fn natural_key(name: &str) -> (String, u64) {
    let stem = name.trim_end_matches(".xml");
    let digits = stem.len() - stem.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (head, number) = stem.split_at(stem.len() - digits);
    (head.to_owned(), number.parse().unwrap_or(0))
}

/// The text content of the elements `rule` names, whatever their namespace prefix. A
/// malformed part gives the text read up to the fault.
fn xml_text(xml: &str, rule: &TextRule) -> String {
    let mut reader = Reader::from_str(xml.trim_start_matches('\u{feff}'));
    reader.config_mut().check_end_names = false;
    let mut out = String::new();
    let (mut inside, mut skipped) = (0usize, 0usize);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.local_name();
                let name = name.as_ref();
                if rule.breaks.contains(&name) {
                    out.push(' ');
                }
                inside += usize::from(rule.text.contains(&name));
                skipped += usize::from(rule.skip.contains(&name));
            }
            Ok(Event::Empty(e)) => {
                if rule.breaks.contains(&e.local_name().as_ref()) {
                    out.push(' ');
                }
            }
            Ok(Event::End(e)) => {
                let name = e.local_name();
                let name = name.as_ref();
                if rule.breaks.contains(&name) {
                    out.push(' ');
                }
                if rule.text.contains(&name) {
                    inside = inside.saturating_sub(1);
                }
                if rule.skip.contains(&name) {
                    skipped = skipped.saturating_sub(1);
                }
            }
            Ok(Event::Text(t)) if inside > 0 && skipped == 0 => out.push_str(&t.xml10_content()),
            Ok(Event::CData(t)) if inside > 0 && skipped == 0 => out.push_str(&t.into_inner()),
            Ok(Event::GeneralRef(r)) if inside > 0 && skipped == 0 => {
                if let Some(c) = entity(&r) {
                    out.push(c);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// A character or predefined XML entity reference (`&#233;`, `&amp;`).
fn entity(r: &quick_xml::events::BytesRef) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match &**r {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// A draw.io file's labels: each cell's `value` and each object's `label`, HTML labels as
/// their text, from plain pages and from compressed ones (base64 of raw deflate of the
/// URI-encoded page XML).
fn drawio(xml: &str) -> String {
    let mut reader = Reader::from_str(xml.trim_start_matches('\u{feff}'));
    reader.config_mut().check_end_names = false;
    let mut out = String::new();
    let mut in_diagram = false;
    let mut packed = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "diagram" => {
                in_diagram = true;
                packed.clear();
            }
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let key = match e.local_name().as_ref() {
                    "mxCell" => "value",
                    "UserObject" | "object" => "label",
                    _ => continue,
                };
                for attr in e.attributes().flatten() {
                    if attr.key.local_name().as_ref() == key {
                        if let Ok(v) = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                            out.push_str(&html_text(&v));
                            out.push('\n');
                        }
                    }
                }
            }
            Ok(Event::Text(t)) if in_diagram => packed.push_str(&t.xml10_content()),
            Ok(Event::End(e)) if e.local_name().as_ref() == "diagram" => {
                in_diagram = false;
                if let Some(page) = inflate_page(packed.trim()) {
                    out.push_str(&drawio(&page));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// A compressed draw.io page, or `None` when the text is not one.
fn inflate_page(packed: &str) -> Option<String> {
    if packed.is_empty() || packed.starts_with('<') {
        return None;
    }
    let compact: String = packed.split_whitespace().collect();
    let raw = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .ok()?;
    let mut inflated = Vec::new();
    flate2::read::DeflateDecoder::new(raw.as_slice())
        .take(PART_CAP)
        .read_to_end(&mut inflated)
        .ok()?;
    let encoded = lossy(inflated);
    Some(
        percent_encoding::percent_decode_str(&encoded)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

/// The text of an HTML label: block tags end a word, inline tags do not, and the entities
/// draw.io writes are decoded.
fn html_text(label: &str) -> String {
    const BLOCKS: &[&str] = &[
        "br", "div", "p", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ul",
        "ol", "table",
    ];
    let mut out = String::with_capacity(label.len());
    let mut rest = label;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_html_entities(&rest[..open]));
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&decode_html_entities(&rest[open..]));
            return out;
        };
        let tag = rest[open + 1..open + close].trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCKS.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(&decode_html_entities(rest));
    out
}

fn decode_html_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "nbsp" => Some(' '),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name.strip_prefix('#').and_then(|n| {
                    match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    }
                    .and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_runs_join_within_a_paragraph_and_break_between() {
        let xml = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Exa</w:t></w:r><w:r><w:t>mple</w:t></w:r></w:p><w:p><w:r><w:t>next</w:t><w:tab/><w:t>cell &amp; more</w:t><w:instrText>PAGE</w:instrText></w:r></w:p></w:body></w:document>"#;
        let text = xml_text(xml, &WORD);
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words, ["Example", "next", "cell", "&", "more"]);
    }

    #[test]
    fn sheet_strings_are_read_whatever_the_prefix_and_without_phonetics() {
        let xml = r#"<x:sst xmlns:x="s"><x:si><x:t>Alpha</x:t></x:si><x:si><x:r><x:t>Be</x:t></x:r><x:r><x:t>ta</x:t></x:r><x:rPh><x:t>ふりがな</x:t></x:rPh></x:si></x:sst>"#;
        let text = xml_text(xml, &SHEET);
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["Alpha", "Beta"]
        );
    }

    #[test]
    fn drawio_labels_come_from_plain_and_compressed_pages() {
        use std::io::Write;
        let page = r#"<mxGraphModel><root><mxCell id="2" value="&lt;b&gt;Load&lt;/b&gt;balancer&lt;br&gt;Primary&amp;nbsp;zone"/><UserObject label="Audit trail" id="3"/></root></mxGraphModel>"#;
        let encoded: String =
            percent_encoding::utf8_percent_encode(page, percent_encoding::NON_ALPHANUMERIC)
                .to_string();
        let mut deflate =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        deflate.write_all(encoded.as_bytes()).unwrap();
        let packed = base64::engine::general_purpose::STANDARD.encode(deflate.finish().unwrap());
        let file = format!(
            r#"<mxfile><diagram id="a">{page}</diagram><diagram id="b">{packed}</diagram></mxfile>"#,
            page = page.replace("<mxGraphModel>", "<mxGraphModel><!-- plain -->")
        );
        let text = drawio(&file);
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "Loadbalancer",
                "Primary",
                "zone",
                "Audit",
                "trail",
                "Loadbalancer",
                "Primary",
                "zone",
                "Audit",
                "trail"
            ]
        );
    }

    #[test]
    fn parts_sort_in_number_order() {
        let mut names = vec![
            "ppt/slides/slide10.xml",
            "ppt/slides/slide9.xml",
            "ppt/slides/slide1.xml",
        ];
        names.sort_by_key(|n| natural_key(n));
        assert_eq!(
            names,
            [
                "ppt/slides/slide1.xml",
                "ppt/slides/slide9.xml",
                "ppt/slides/slide10.xml"
            ]
        );
        assert!(in_folder("ppt/slides/slide3.xml", "ppt/slides/", "slide"));
        assert!(!in_folder(
            "ppt/slides/_rels/slide3.xml.rels",
            "ppt/slides/",
            "slide"
        ));
    }
}
