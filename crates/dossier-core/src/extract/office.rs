//! Word (DOCX) and PowerPoint (PPTX) text, read straight from their XML parts.

use super::archive::Package;
use super::{xml, ExtractError};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::path::Path;

const WORD: &str = "Word document";
const POWERPOINT: &str = "PowerPoint presentation";

/// The body text of a Word document, a line per paragraph (table cells included).
pub(super) fn docx(path: &Path) -> Result<String, ExtractError> {
    let mut package = Package::open(path, WORD)?;
    let document = package
        .read("word/document.xml")?
        .ok_or_else(|| missing_part(WORD, "word/document.xml"))?;
    paragraphs(&document, WORD)
}

/// The text of every slide, in the order the presentation shows them.
pub(super) fn pptx(path: &Path) -> Result<String, ExtractError> {
    let mut package = Package::open(path, POWERPOINT)?;
    let mut text = String::new();
    for part in slide_parts(&mut package)? {
        if let Some(slide) = package.read(&part)? {
            text.push_str(&paragraphs(&slide, POWERPOINT)?);
        }
    }
    Ok(text)
}

/// Slide part names in presentation order. Part names (`slide3.xml`) keep the
/// order slides were created in; the order shown is the list of relationship ids
/// in `presentation.xml`, which its relationships map to parts.
fn slide_parts(package: &mut Package) -> Result<Vec<String>, ExtractError> {
    let presentation = package
        .read("ppt/presentation.xml")?
        .ok_or_else(|| missing_part(POWERPOINT, "ppt/presentation.xml"))?;
    let relationships = package
        .read("ppt/_rels/presentation.xml.rels")?
        .unwrap_or_default();
    let mut targets = HashMap::new();
    for_each_element(&relationships, POWERPOINT, |element| {
        if element.local_name().as_ref() == "Relationship" {
            if let (Some(id), Some(target)) = (
                xml::attribute(element, "Id"),
                xml::attribute(element, "Target"),
            ) {
                targets.insert(id, target);
            }
        }
    })?;
    let mut parts = Vec::new();
    for_each_element(&presentation, POWERPOINT, |element| {
        if element.local_name().as_ref() == "sldId" {
            let target = xml::attribute(element, "r:id").and_then(|id| targets.get(&id));
            if let Some(target) = target {
                // Targets are relative to ppt/, or absolute within the package.
                parts.push(match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_owned(),
                    None => format!("ppt/{target}"),
                });
            }
        }
    })?;
    Ok(parts)
}

/// The text of WordprocessingML or DrawingML: the content of `t` elements (`w:t`,
/// `a:t`), a newline after each paragraph `p` and for each line break, a tab for
/// each tab. Runs inside a paragraph join without a space, as Word splits runs
/// anywhere, even mid-word. Deleted text (`w:delText`) and field codes stay out.
fn paragraphs(xml_text: &str, what: &str) -> Result<String, ExtractError> {
    let mut reader = Reader::from_str(xml_text);
    let mut text = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event().map_err(|error| damaged(what, error))? {
            Event::Start(element) | Event::Empty(element) => {
                let name = element.local_name();
                in_text = name.as_ref() == "t";
                match name.as_ref() {
                    "br" | "cr" => text.push('\n'),
                    "tab" => text.push('\t'),
                    _ => {}
                }
            }
            Event::End(element) => match element.local_name().as_ref() {
                "t" => in_text = false,
                "p" => text.push('\n'),
                _ => {}
            },
            Event::Text(content) if in_text => text.push_str(&content),
            Event::CData(content) if in_text => text.push_str(&content),
            Event::GeneralRef(reference) if in_text => xml::push_reference(&mut text, &reference),
            Event::Eof => return Ok(text),
            _ => {}
        }
    }
}

/// Calls `visit` with every start or empty element of `xml_text`.
fn for_each_element(
    xml_text: &str,
    what: &str,
    mut visit: impl FnMut(&quick_xml::events::BytesStart),
) -> Result<(), ExtractError> {
    let mut reader = Reader::from_str(xml_text);
    loop {
        match reader.read_event().map_err(|error| damaged(what, error))? {
            Event::Start(element) | Event::Empty(element) => visit(&element),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn missing_part(what: &str, part: &str) -> ExtractError {
    ExtractError::unreadable(format!("not a valid {what}"), format!("no part {part}"))
}

fn damaged(what: &str, error: quick_xml::Error) -> ExtractError {
    ExtractError::unreadable(format!("this {what} is damaged"), error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::kind::FileKind;
    use crate::extract::extract;
    use dossier_fixtures as fixtures;

    fn temp(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        (dir, path)
    }

    #[test]
    fn docx_paragraphs_round_trip_with_split_runs_joined() {
        let (_dir, path) = temp("sow.docx");
        fixtures::write_docx(
            &path,
            &[
                "Statement of Work for Acme Corp",
                "Scope: R&D <platform> on AWS",
            ],
        )
        .unwrap();
        assert_eq!(
            extract(&path, FileKind::Word).unwrap(),
            "Statement of Work for Acme Corp\nScope: R&D <platform> on AWS"
        );
    }

    #[test]
    fn docx_ligatures_are_normalised() {
        let (_dir, path) = temp("sow.docx");
        fixtures::write_docx(&path, &["Quarterly ﬁnancial review"]).unwrap();
        assert_eq!(
            extract(&path, FileKind::Word).unwrap(),
            "Quarterly financial review"
        );
    }

    #[test]
    fn pptx_slides_come_in_presentation_order() {
        let (_dir, path) = temp("deck.pptx");
        let slides: &[&[&str]] = &[
            &["Migration plan", "Wave 1: web tier"],
            &["Cutover runbook"],
            &["Lessons learned"],
        ];
        fixtures::write_pptx(&path, slides).unwrap();
        assert_eq!(
            extract(&path, FileKind::Slides).unwrap(),
            "Migration plan\nWave 1: web tier\nCutover runbook\nLessons learned"
        );
    }

    #[test]
    fn line_breaks_and_tabs_separate_words() {
        let xml = r#"<w:p xmlns:w="w"><w:r><w:t>Owner:</w:t><w:tab/><w:t>ops</w:t><w:br/><w:t>on call</w:t></w:r></w:p>"#;
        assert_eq!(paragraphs(xml, WORD).unwrap(), "Owner:\tops\non call\n");
        let xml = r#"<a:p xmlns:a="a"><a:r><a:t>Amazon</a:t></a:r><a:br><a:rPr/></a:br><a:r><a:t>RDS</a:t></a:r></a:p>"#;
        assert_eq!(paragraphs(xml, POWERPOINT).unwrap(), "Amazon\nRDS\n");
    }

    #[test]
    fn deleted_text_and_field_codes_stay_out() {
        let xml = r#"<w:p xmlns:w="w"><w:r><w:delText>old scope</w:delText></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>new scope</w:t></w:r></w:p>"#;
        assert_eq!(paragraphs(xml, WORD).unwrap(), "new scope\n");
    }

    #[test]
    fn a_docx_that_is_not_a_zip_is_unreadable() {
        let (_dir, path) = temp("sow.docx");
        fixtures::write_not_a_zip_docx(&path).unwrap();
        let error = extract(&path, FileKind::Word).unwrap_err();
        assert!(
            matches!(&error, ExtractError::Unreadable { reason, .. } if reason == "not a valid Word document"),
            "{error:?}"
        );
    }

    #[test]
    fn a_password_protected_docx_is_encrypted() {
        // Office wraps an encrypted package in a compound file; this is the part
        // of one that tells it apart: the signature and the stream's name.
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        bytes.resize(1024, 0);
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let (_dir, path) = temp("sow.docx");
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(extract(&path, FileKind::Word), Err(ExtractError::Encrypted));
    }

    #[test]
    fn a_zip_without_a_document_part_is_unreadable() {
        let (_dir, path) = temp("sow.docx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.finish().unwrap();
        assert_eq!(
            extract(&path, FileKind::Word),
            Err(ExtractError::Unreadable {
                reason: "not a valid Word document".into(),
                cause: "no part word/document.xml".into()
            })
        );
    }

    #[test]
    fn a_broken_compound_file_under_a_legacy_name_is_unreadable() {
        for (name, kind, what) in [
            ("old.doc", FileKind::Word, "Word 97–2003 document"),
            (
                "old.ppt",
                FileKind::Slides,
                "PowerPoint 97–2003 presentation",
            ),
        ] {
            let (_dir, path) = temp(name);
            fixtures::write_not_a_zip_docx(&path).unwrap();
            let error = extract(&path, kind).unwrap_err();
            assert!(
                matches!(&error, ExtractError::Unreadable { reason, .. } if *reason == format!("not a valid {what}")),
                "{name}: {error:?}"
            );
        }
    }
}
