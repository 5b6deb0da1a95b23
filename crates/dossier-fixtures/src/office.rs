//! Office Open XML documents (Word, PowerPoint, Excel) and a fake one.
//!
//! Word and PowerPoint packages carry the parts a text extractor reads (content
//! types, relationships, the document or slides), not the styles and themes a full
//! editor would add: those hold no evidence text. Excel files come from
//! `rust_xlsxwriter`, so they match what real tools write, shared strings included.

use crate::xml_escape;
use rust_xlsxwriter::Workbook;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

const RELS_TYPE: &str = "application/vnd.openxmlformats-package.relationships+xml";
const OFFICE_DOCUMENT_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const SLIDE_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const P_NS: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// Writes a Word document with one paragraph per entry.
///
/// Each paragraph is split into two runs in the middle of its text, as Word does
/// after edits or spell-checking, so an extractor must join runs without a space.
pub fn write_docx(path: &Path, paragraphs: &[&str]) -> io::Result<()> {
    let mut body = String::new();
    for paragraph in paragraphs {
        let middle = paragraph
            .char_indices()
            .map(|(i, _)| i)
            .nth(paragraph.chars().count() / 2)
            .unwrap_or(paragraph.len());
        let (first, second) = paragraph.split_at(middle);
        body.push_str(&format!(
            r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            xml_escape(first),
            xml_escape(second)
        ));
    }
    let document = format!(
        r#"{XML_DECL}<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    write_package(
        path,
        &[Part {
            name: "word/document.xml".to_owned(),
            content_type:
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            body: document,
        }],
    )
}

/// Writes a PowerPoint deck: one slide per entry, one text box per string on it.
///
/// Slide parts are named in reverse (`slide1.xml` is the last slide), as in a deck
/// whose slides were reordered: only `presentation.xml` tells the real order.
pub fn write_pptx(path: &Path, slides: &[&[&str]]) -> io::Result<()> {
    let mut slide_ids = String::new();
    let mut rels = String::new();
    let mut slide_parts = Vec::new();
    for (index, texts) in slides.iter().enumerate() {
        let number = slides.len() - index;
        slide_ids.push_str(&format!(
            r#"<p:sldId id="{}" r:id="rId{}"/>"#,
            256 + index,
            index + 1
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="{SLIDE_REL}" Target="slides/slide{number}.xml"/>"#,
            index + 1
        ));
        slide_parts.push(Part {
            name: format!("ppt/slides/slide{number}.xml"),
            content_type: "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
            body: slide_xml(texts),
        });
    }
    let presentation = format!(
        r#"{XML_DECL}<p:presentation xmlns:p="{P_NS}" xmlns:r="{R_NS}"><p:sldIdLst>{slide_ids}</p:sldIdLst><p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>"#
    );
    let mut parts = vec![
        Part {
            name: "ppt/presentation.xml".to_owned(),
            content_type:
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
            body: presentation,
        },
        Part {
            name: "ppt/_rels/presentation.xml.rels".to_owned(),
            content_type: RELS_TYPE,
            body: relationships(&rels),
        },
    ];
    parts.extend(slide_parts);
    write_package(path, &parts)
}

/// One slide whose text boxes hold `texts`; a newline starts a new paragraph.
fn slide_xml(texts: &[&str]) -> String {
    let mut shapes = String::new();
    for (index, text) in texts.iter().enumerate() {
        let paragraphs: String = text
            .split('\n')
            .map(|line| {
                format!(
                    r#"<a:p><a:r><a:rPr lang="en-US"/><a:t>{}</a:t></a:r></a:p>"#,
                    xml_escape(line)
                )
            })
            .collect();
        shapes.push_str(&format!(
            r#"<p:sp><p:nvSpPr><p:cNvPr id="{}" name="TextBox {}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</p:txBody></p:sp>"#,
            index + 2,
            index + 1
        ));
    }
    format!(
        r#"{XML_DECL}<p:sld xmlns:a="{A_NS}" xmlns:p="{P_NS}" xmlns:r="{R_NS}"><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{shapes}</p:spTree></p:cSld></p:sld>"#
    )
}

/// Writes an Excel workbook with one sheet, "Evidence", holding `rows`.
///
/// Cells that parse as numbers are stored as numbers, as a person typing them
/// into Excel would get; everything else is a shared string.
pub fn write_xlsx(path: &Path, rows: &[&[&str]]) -> io::Result<()> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Evidence").map_err(io::Error::other)?;
    for (row, cells) in rows.iter().enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            let (row, col) = (row as u32, col as u16);
            match cell.parse::<f64>() {
                Ok(number) => sheet.write_number(row, col, number),
                Err(_) => sheet.write_string(row, col, *cell),
            }
            .map_err(io::Error::other)?;
        }
    }
    workbook.save(path).map_err(io::Error::other)
}

/// Writes a legacy Word 97 file (an OLE2 compound file, not a zip) under whatever
/// name `path` has: what a `.doc` renamed to `.docx` looks like.
pub fn write_not_a_zip_docx(path: &Path) -> io::Result<()> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend_from_slice(b"Statement of Work (legacy Word 97 format)");
    std::fs::write(path, bytes)
}

/// One file inside an OPC (zip) package.
struct Part {
    name: String,
    content_type: &'static str,
    body: String,
}

/// Writes an OPC package: `parts`, whose first is the main document, plus
/// `[Content_Types].xml` and the root relationship pointing at that main part.
fn write_package(path: &Path, parts: &[Part]) -> io::Result<()> {
    let overrides: String = parts
        .iter()
        .filter(|part| part.content_type != RELS_TYPE)
        .map(|part| {
            format!(
                r#"<Override PartName="/{}" ContentType="{}"/>"#,
                part.name, part.content_type
            )
        })
        .collect();
    let content_types = format!(
        r#"{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="{RELS_TYPE}"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>"#
    );
    let main = parts.first().map_or("", |part| part.name.as_str());
    let root_rels = relationships(&format!(
        r#"<Relationship Id="rId1" Type="{OFFICE_DOCUMENT_REL}" Target="{main}"/>"#
    ));
    let fixed = [
        ("[Content_Types].xml", content_types.as_str()),
        ("_rels/.rels", root_rels.as_str()),
    ];
    let parts = parts
        .iter()
        .map(|part| (part.name.as_str(), part.body.as_str()));

    let mut zip = ZipWriter::new(File::create(path)?);
    for (name, body) in fixed.into_iter().chain(parts) {
        zip.start_file(name, SimpleFileOptions::default())?;
        zip.write_all(body.as_bytes())?;
    }
    zip.finish()?;
    Ok(())
}

fn relationships(entries: &str) -> String {
    format!(
        r#"{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{entries}</Relationships>"#
    )
}
