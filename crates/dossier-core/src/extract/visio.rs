//! Visio (VSDX) text: page names and the text of every shape on every page, read
//! from the package's page XML like the other Office Open XML formats.
//!
//! A shape with no text of its own may show its master's (a stencil's default
//! label); that text is left out, as it is the stencil's, not the author's words.

use super::archive::Package;
use super::{xml, ExtractError};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::path::Path;

const VISIO: &str = "Visio drawing";
const PAGES: &str = "visio/pages/pages.xml";

/// Each page's name, then the text of its shapes (grouped shapes included), a
/// line per shape, in the order the drawing lists its pages.
pub(super) fn vsdx(path: &Path) -> Result<String, ExtractError> {
    let mut package = Package::open(path, VISIO)?;
    let pages = package.read(PAGES)?.ok_or_else(|| {
        ExtractError::unreadable(format!("not a valid {VISIO}"), format!("no part {PAGES}"))
    })?;
    let relationships = package
        .read("visio/pages/_rels/pages.xml.rels")?
        .unwrap_or_default();
    let targets = relationship_targets(&relationships)?;
    let mut text = String::new();
    for (name, id) in page_list(&pages)? {
        text.push_str(&name);
        text.push('\n');
        let part = id.and_then(|id| targets.get(&id));
        if let Some(content) = part.map(|part| package.read(part)).transpose()?.flatten() {
            text.push_str(&shape_text(&content)?);
        }
    }
    Ok(text)
}

/// Relationship ids of `pages.xml` to part names within the package.
fn relationship_targets(relationships: &str) -> Result<HashMap<String, String>, ExtractError> {
    let mut targets = HashMap::new();
    let mut reader = Reader::from_str(relationships);
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Start(element) | Event::Empty(element)
                if element.local_name().as_ref() == "Relationship" =>
            {
                if let (Some(id), Some(target)) = (
                    xml::attribute(&element, "Id"),
                    xml::attribute(&element, "Target"),
                ) {
                    targets.insert(id, part_name(&target));
                }
            }
            Event::Eof => return Ok(targets),
            _ => {}
        }
    }
}

/// A relationship target as a part name: absolute within the package, or
/// relative to `visio/pages/`.
fn part_name(target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut segments = vec!["visio", "pages"];
    for segment in target.split('/') {
        match segment {
            ".." => {
                segments.pop();
            }
            "." | "" => {}
            segment => segments.push(segment),
        }
    }
    segments.join("/")
}

/// Each page's name and the relationship id of its contents, in document order.
fn page_list(pages: &str) -> Result<Vec<(String, Option<String>)>, ExtractError> {
    let mut list: Vec<(String, Option<String>)> = Vec::new();
    let mut reader = Reader::from_str(pages);
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Start(element) | Event::Empty(element) => match element.local_name().as_ref() {
                "Page" => {
                    let name = xml::attribute(&element, "Name")
                        .or_else(|| xml::attribute(&element, "NameU"))
                        .unwrap_or_default();
                    list.push((name, None));
                }
                "Rel" => {
                    if let Some(page) = list.last_mut() {
                        page.1 = xml::attribute(&element, "r:id");
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(list),
            _ => {}
        }
    }
}

/// The content of every `<Text>` element of a page, a line per shape. Text runs
/// hold the words directly, with empty `<cp>`, `<pp>` and `<tp>` marks where
/// formatting changes; a field (`<fld>`) holds the value it shows.
fn shape_text(page: &str) -> Result<String, ExtractError> {
    let mut reader = Reader::from_str(page);
    let mut text = String::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(damaged)? {
            Event::Start(element) if element.local_name().as_ref() == "Text" => depth += 1,
            Event::End(element) if element.local_name().as_ref() == "Text" => {
                depth = depth.saturating_sub(1);
                text.push('\n');
            }
            Event::Text(content) if depth > 0 => text.push_str(&content),
            Event::CData(content) if depth > 0 => text.push_str(&content),
            Event::GeneralRef(reference) if depth > 0 => xml::push_reference(&mut text, &reference),
            Event::Eof => return Ok(text),
            _ => {}
        }
    }
}

fn damaged(error: quick_xml::Error) -> ExtractError {
    ExtractError::unreadable(format!("this {VISIO} is damaged"), error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::kind::FileKind;
    use crate::extract::extract;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    const PAGES_XML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Pages xmlns="http://schemas.microsoft.com/office/visio/2012/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <Page ID="0" NameU="Network" Name="Réseau"><PageSheet><Cell N="PageWidth" V="8.5"/></PageSheet><Rel r:id="rId2"/></Page>
  <Page ID="4" NameU="Data flow"><Rel r:id="rId1"/></Page>
</Pages>"#;

    const RELS_XML: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.microsoft.com/visio/2010/relationships/page" Target="page1.xml"/>
  <Relationship Id="rId2" Type="http://schemas.microsoft.com/visio/2010/relationships/page" Target="/visio/pages/page2.xml"/>
</Relationships>"#;

    /// Page 2 (listed first): a group whose members have text, a label split by
    /// formatting marks mid-word, an entity, a field, and a shape without text.
    const NETWORK_PAGE: &str = r#"<PageContents xmlns="http://schemas.microsoft.com/office/visio/2012/main"><Shapes>
  <Shape ID="1" Type="Group"><Cell N="PinX" V="1"/><Text>Amazon VPC</Text><Shapes>
    <Shape ID="2"><Text><cp IX="0"/>Private sub<cp IX="1"/>net
10.0.1.0/24</Text></Shape>
    <Shape ID="3"><Text><pp IX="0"/>R&amp;D <fld IX="0">Sheet.3</fld></Text></Shape>
  </Shapes></Shape>
  <Shape ID="4" Master="2"><Cell N="Width" V="1"/></Shape>
</Shapes></PageContents>"#;

    const FLOW_PAGE: &str = r#"<PageContents xmlns="http://schemas.microsoft.com/office/visio/2012/main"><Shapes><Shape ID="1"><Text>NAT gateway</Text></Shape></Shapes></PageContents>"#;

    fn write_vsdx(path: &Path, parts: &[(&str, &str)]) {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        for (name, content) in parts {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }

    #[test]
    fn vsdx_page_names_and_shape_text_come_in_page_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("network.vsdx");
        write_vsdx(
            &path,
            &[
                (PAGES, PAGES_XML),
                ("visio/pages/_rels/pages.xml.rels", RELS_XML),
                ("visio/pages/page1.xml", FLOW_PAGE),
                ("visio/pages/page2.xml", NETWORK_PAGE),
            ],
        );
        assert_eq!(
            extract(&path, FileKind::Diagram).unwrap(),
            "Réseau\nAmazon VPC\nPrivate subnet\n10.0.1.0/24\nR&D Sheet.3\nData flow\nNAT gateway"
        );
    }

    #[test]
    fn a_vsdx_without_its_page_list_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("network.vsdx");
        write_vsdx(&path, &[("visio/pages/page1.xml", FLOW_PAGE)]);
        assert_eq!(
            extract(&path, FileKind::Diagram),
            Err(ExtractError::unreadable(
                "not a valid Visio drawing",
                "no part visio/pages/pages.xml"
            ))
        );
    }

    #[test]
    fn malformed_page_xml_is_unreadable() {
        let error = shape_text("<PageContents><Text>VPC</Shape>").unwrap_err();
        assert!(
            matches!(&error, ExtractError::Unreadable { reason, .. } if reason == "this Visio drawing is damaged"),
            "{error:?}"
        );
    }

    #[test]
    fn relationship_targets_resolve_against_the_pages_folder() {
        assert_eq!(part_name("page1.xml"), "visio/pages/page1.xml");
        assert_eq!(part_name("../pages/page3.xml"), "visio/pages/page3.xml");
        assert_eq!(part_name("/visio/pages/page2.xml"), "visio/pages/page2.xml");
    }
}
