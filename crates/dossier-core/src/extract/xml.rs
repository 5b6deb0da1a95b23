//! quick-xml helpers shared by the Office and diagram extractors.

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesRef, BytesStart};
use quick_xml::XmlVersion;

/// Appends the text a reference in character data stands for: quick-xml reports
/// `&amp;` or `&#233;` as events of their own, apart from the text around them.
/// Entities no parser could know (from a DTD) are dropped.
pub(super) fn push_reference(text: &mut String, reference: &BytesRef) {
    match reference.resolve_char_ref() {
        Ok(Some(c)) => text.push(c),
        _ => text.push_str(resolve_xml_entity(reference).unwrap_or_default()),
    }
}

/// The unescaped value of the attribute with qualified name `name`, if present
/// and well-formed.
pub(super) fn attribute(element: &BytesStart, name: &str) -> Option<String> {
    element
        .attributes()
        .filter_map(Result::ok)
        .find(|attribute| attribute.key.as_ref() == name)
        .and_then(|attribute| attribute.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|value| value.into_owned())
}
