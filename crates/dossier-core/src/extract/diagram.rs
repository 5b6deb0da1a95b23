//! Diagram text: the labels of draw.io files and the text of SVG drawings.

use super::{too_much_content, xml, ExtractError, MAX_CONTENT_BYTES};
use base64::Engine;
use flate2::read::DeflateDecoder;
use percent_encoding::percent_decode;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::Read;

/// The page names and shape labels of a draw.io file, compressed pages included.
pub(super) fn drawio(file: &str) -> Result<String, ExtractError> {
    let (mut text, mut budget) = (String::new(), MAX_CONTENT_BYTES);
    scan_drawio(file, &mut text, Some(&mut budget))?;
    Ok(text)
}

/// Appends the labels in `xml_text` to `text`. A `<diagram>` page holds either
/// the graph itself or, compressed, text to inflate (charged to `budget`) and
/// scan in turn. Inflated pages are scanned without a budget, so that a page
/// cannot nest compressed pages of its own.
fn scan_drawio(
    xml_text: &str,
    text: &mut String,
    mut budget: Option<&mut u64>,
) -> Result<(), ExtractError> {
    let mut reader = Reader::from_str(xml_text);
    let mut in_diagram = false;
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Start(element) | Event::Empty(element) => {
                in_diagram = element.local_name().as_ref() == "diagram";
                push_labels(&element, text);
            }
            Event::End(_) => in_diagram = false,
            Event::Text(content) if in_diagram && !content.trim().is_empty() => {
                if let Some(budget) = budget.as_deref_mut() {
                    let page = inflate_page(content.trim(), budget)?;
                    scan_drawio(&page, text, None)?;
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Appends the text an element shows: a page's name, or a shape's label, kept in
/// `value` on plain cells and in `label` on shapes with custom properties.
fn push_labels(element: &BytesStart, text: &mut String) {
    let attributes: &[&str] = match element.local_name().as_ref() {
        "diagram" => &["name"],
        "mxCell" | "UserObject" | "object" => &["value", "label"],
        _ => &[],
    };
    for label in attributes
        .iter()
        .filter_map(|name| xml::attribute(element, name))
    {
        text.push_str(&html_text(&label));
        text.push('\n');
    }
}

/// Decodes a compressed draw.io page: base64, then raw deflate, then the
/// URI-encoding draw.io applies to the XML before compressing it.
fn inflate_page(data: &str, budget: &mut u64) -> Result<String, ExtractError> {
    let compact: String = data.split_whitespace().collect();
    let deflated = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|error| damaged_page(&error))?;
    let mut encoded = Vec::new();
    DeflateDecoder::new(deflated.as_slice())
        .take(*budget + 1)
        .read_to_end(&mut encoded)
        .map_err(|error| damaged_page(&error))?;
    *budget = budget
        .checked_sub(encoded.len() as u64)
        .ok_or_else(too_much_content)?;
    Ok(percent_decode(&encoded).decode_utf8_lossy().into_owned())
}

/// The visible text of a draw.io label, which under the default `html=1` style
/// is an HTML fragment: tags dropped (those that break lines become a space),
/// common entities decoded. A `<` that opens no tag stays as text.
fn html_text(label: &str) -> String {
    let mut text = String::with_capacity(label.len());
    let mut rest = label;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>') {
                if breaks_line(&rest[1..end]) {
                    text.push(' ');
                }
                rest = &rest[end + 1..];
                continue;
            }
        }
        if c == '&' {
            let entity = rest
                .find(';')
                .and_then(|end| Some((html_entity(&rest[1..end])?, end)));
            if let Some((decoded, end)) = entity {
                text.push(decoded);
                rest = &rest[end + 1..];
                continue;
            }
        }
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    text
}

/// Whether an HTML tag (its text between `<` and `>`) separates words.
fn breaks_line(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "br" | "div" | "p" | "li" | "tr" | "td" | "th" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
    )
}

/// Decodes the entities draw.io writes: the XML five, `nbsp`, and numeric ones.
fn html_entity(name: &str) -> Option<char> {
    if name == "nbsp" {
        return Some(' ');
    }
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    resolve_xml_entity(name)?.chars().next()
}

/// The text of an SVG drawing: its `<title>`, `<desc>` and `<text>` content. A
/// `<tspan>` positioned on its own starts a new line; one without a position
/// continues the word before it, as exporters split words for kerning. A draw.io export
/// also carries its source diagram in the root's `content` attribute, whose
/// labels are read too: draw.io's own SVG text is HTML in `<foreignObject>`.
pub(super) fn svg(file: &str) -> Result<String, ExtractError> {
    let mut reader = Reader::from_str(file);
    let mut text = String::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Start(element) => match element.local_name().as_ref() {
                "svg" => {
                    let source = xml::attribute(&element, "content")
                        .filter(|source| source.trim_start().starts_with("<mxfile"));
                    if let Some(source) = source {
                        let mut budget = MAX_CONTENT_BYTES;
                        scan_drawio(&source, &mut text, Some(&mut budget))?;
                    }
                }
                "text" | "title" | "desc" => depth += 1,
                "tspan" => {
                    if ["x", "y", "dy"]
                        .iter()
                        .any(|name| xml::attribute(&element, name).is_some())
                    {
                        text.push('\n');
                    }
                    depth += 1;
                }
                _ => {}
            },
            Event::End(element) => match element.local_name().as_ref() {
                "text" | "title" | "desc" => {
                    depth = depth.saturating_sub(1);
                    text.push('\n');
                }
                "tspan" => depth = depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(content) if depth > 0 => text.push_str(&content),
            Event::CData(content) if depth > 0 => text.push_str(&content),
            Event::GeneralRef(reference) if depth > 0 => xml::push_reference(&mut text, &reference),
            Event::Eof => return Ok(text),
            _ => {}
        }
    }
}

fn damaged(error: quick_xml::Error) -> ExtractError {
    ExtractError::unreadable("this diagram is damaged", error)
}

fn damaged_page(error: &dyn std::fmt::Display) -> ExtractError {
    ExtractError::unreadable("a page of this draw.io diagram is damaged", error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::kind::FileKind;
    use crate::extract::extract;
    use dossier_fixtures as fixtures;

    const LABELS: &[&str] = &["Amazon VPC", "R&D\nsubnet", "NAT gateway"];
    const EXPECTED: &str = "Architecture\nAmazon VPC\nR&D subnet\nNAT gateway";

    fn drawio_text(compressed: bool) -> Result<String, ExtractError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("architecture.drawio");
        fixtures::write_drawio(&path, LABELS, compressed).unwrap();
        extract(&path, FileKind::Diagram)
    }

    #[test]
    fn plain_drawio_labels_round_trip() {
        assert_eq!(drawio_text(false).unwrap(), EXPECTED);
    }

    #[test]
    fn compressed_drawio_labels_round_trip() {
        assert_eq!(drawio_text(true).unwrap(), EXPECTED);
    }

    #[test]
    fn html_labels_lose_their_markup() {
        assert_eq!(
            html_text("Amazon&nbsp;<b>VPC</b><br>10.0.0.0/16 &lt;private&gt; caf&#233;&#x21;"),
            "Amazon VPC 10.0.0.0/16 <private> café!"
        );
        assert_eq!(html_text("a < b & c"), "a < b & c");
        assert_eq!(html_text("<div>Cloud<i>Front</i></div>"), " CloudFront ");
    }

    #[test]
    fn a_page_that_is_not_base64_is_unreadable() {
        let file = r#"<mxfile><diagram name="P">not base64!</diagram></mxfile>"#;
        let error = drawio(file).unwrap_err();
        assert!(
            matches!(&error, ExtractError::Unreadable { reason, .. } if reason == "a page of this draw.io diagram is damaged"),
            "{error:?}"
        );
    }

    #[test]
    fn a_page_inflating_past_the_budget_is_refused() {
        use flate2::write::DeflateEncoder;
        use std::io::Write;
        let mut deflater = DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        deflater.write_all(&[b'A'; 100]).unwrap();
        let page = base64::engine::general_purpose::STANDARD.encode(deflater.finish().unwrap());
        assert!(inflate_page(&page, &mut 100).is_ok());
        assert_eq!(inflate_page(&page, &mut 99), Err(too_much_content()));
    }

    #[test]
    fn svg_text_title_and_description_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("architecture.svg");
        fixtures::write_svg(&path, &["Amazon VPC", "R&D\nsubnet"]).unwrap();
        assert_eq!(
            extract(&path, FileKind::Diagram).unwrap(),
            "Architecture diagram\nExported for AWS Competency evidence\nAmazon VPC\nR&D\nsubnet"
        );
    }

    #[test]
    fn svg_tspans_without_a_position_continue_the_word() {
        let file = r#"<svg><text><tspan x="0">Cloud</tspan><tspan>Front</tspan><tspan x="0" dy="1em">edge</tspan></text></svg>"#;
        assert_eq!(svg(file).unwrap(), "\nCloudFront\nedge\n");
    }

    #[test]
    fn a_drawio_svg_export_yields_its_source_labels() {
        let file = r#"<svg content="&lt;mxfile&gt;&lt;diagram name=&quot;Serverless&quot;&gt;&lt;mxGraphModel&gt;&lt;root&gt;&lt;mxCell id=&quot;2&quot; value=&quot;AWS Lambda&quot;/&gt;&lt;/root&gt;&lt;/mxGraphModel&gt;&lt;/diagram&gt;&lt;/mxfile&gt;"><foreignObject><div>AWS Lambda</div></foreignObject></svg>"#;
        assert_eq!(svg(file).unwrap(), "Serverless\nAWS Lambda\n");
    }

    #[test]
    fn malformed_diagram_xml_is_unreadable() {
        let error = svg("<svg><text>VPC</tspan></svg>").unwrap_err();
        assert!(
            matches!(&error, ExtractError::Unreadable { reason, .. } if reason == "this diagram is damaged"),
            "{error:?}"
        );
    }
}
