//! Architecture diagrams: draw.io files (plain or compressed) and SVG exports.

use crate::xml_escape;
use base64::Engine;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::io::{self, Write};
use std::path::Path;

/// The characters JavaScript's `encodeURIComponent` leaves alone, which draw.io
/// uses before deflating a diagram.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// Writes a one-page draw.io file with a shape per label.
///
/// Labels are stored as draw.io stores them with its default `html=1` style:
/// HTML-escaped inside a `<div>`, newlines as `<br>`. Every second shape is a
/// `UserObject` (a shape with custom properties), whose text is in `label`, not
/// `value`. With `compressed`, the page is stored as draw.io's older default and
/// many files in the wild have it: URI-encoded, raw-deflated, then base64.
pub fn write_drawio(path: &Path, labels: &[&str], compressed: bool) -> io::Result<()> {
    let model = graph_model(labels);
    let diagram = if compressed { compress(&model)? } else { model };
    std::fs::write(
        path,
        format!(
            r#"<mxfile host="app.diagrams.net" agent="dossier-fixtures" version="24.7.17"><diagram id="page-1" name="Architecture">{diagram}</diagram></mxfile>"#
        ),
    )
}

fn graph_model(labels: &[&str]) -> String {
    let mut cells = String::from(r#"<mxCell id="0"/><mxCell id="1" parent="0"/>"#);
    for (index, label) in labels.iter().enumerate() {
        let html = format!("<div>{}</div>", xml_escape(label).replace('\n', "<br>"));
        let html = xml_escape(&html);
        let geometry = format!(
            r#"<mxGeometry x="{}" y="40" width="120" height="60" as="geometry"/>"#,
            40 + 160 * index
        );
        let style = "rounded=1;whiteSpace=wrap;html=1;";
        if index % 2 == 0 {
            cells.push_str(&format!(
                r#"<mxCell id="c{index}" value="{html}" style="{style}" vertex="1" parent="1">{geometry}</mxCell>"#
            ));
        } else {
            cells.push_str(&format!(
                r#"<UserObject label="{html}" owner="platform-team" id="c{index}"><mxCell style="{style}" vertex="1" parent="1">{geometry}</mxCell></UserObject>"#
            ));
        }
    }
    format!(
        r#"<mxGraphModel dx="1422" dy="794" grid="1" gridSize="10" page="1" pageWidth="1169" pageHeight="827"><root>{cells}</root></mxGraphModel>"#
    )
}

/// draw.io's compressed page encoding: base64(deflate-raw(encodeURIComponent(xml))).
fn compress(xml: &str) -> io::Result<String> {
    let encoded = utf8_percent_encode(xml, URI_COMPONENT).to_string();
    let mut deflater = DeflateEncoder::new(Vec::new(), Compression::default());
    deflater.write_all(encoded.as_bytes())?;
    Ok(base64::engine::general_purpose::STANDARD.encode(deflater.finish()?))
}

/// Writes an SVG export with a titled, described drawing and a box per label;
/// each line of a label is its own `<tspan>`, as diagram tools lay them out.
pub fn write_svg(path: &Path, labels: &[&str]) -> io::Result<()> {
    let mut shapes = String::new();
    for (index, label) in labels.iter().enumerate() {
        let x = 40 + 160 * index;
        let spans: String = label
            .lines()
            .map(|line| {
                format!(
                    r#"<tspan x="{}" dy="1.2em">{}</tspan>"#,
                    x + 10,
                    xml_escape(line)
                )
            })
            .collect();
        shapes.push_str(&format!(
            r##"<g><rect x="{x}" y="40" width="140" height="60" fill="#dae8fc" stroke="#6c8ebf"/><text x="{}" y="50" font-family="Helvetica" font-size="12">{spans}</text></g>"##,
            x + 10
        ));
    }
    std::fs::write(
        path,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="140" viewBox="0 0 {width} 140"><title>Architecture diagram</title><desc>Exported for AWS Competency evidence</desc>{shapes}</svg>"#,
            width = 80 + 160 * labels.len()
        ),
    )
}
