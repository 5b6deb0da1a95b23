//! Text extraction from evidence files, run inside the isolated worker process.
//!
//! Everything here may be slow, panic or even abort on hostile input (pdf-extract does),
//! so the scanner never calls it in its own process: see [`worker`] and [`pool`].

use crate::evidence::kind::FileKind;
use std::path::Path;

mod archive;
mod diagram;
#[cfg(windows)]
mod job;
mod legacy;
mod lifeline;
pub(crate) mod normalize;
pub mod ocr;
mod office;
mod pdf;
pub mod pdf_repair;
pub mod pdf_text;
pub mod pool;
mod sheet;
mod text;
mod visio;
pub mod worker;
mod xml;

/// The most decompressed content read from any one file: zip parts, inflated
/// draw.io pages, text. A few kilobytes of zip or deflate can inflate to gigabytes,
/// so past this a file is refused (or, for plain text, cut) rather than allowed to
/// exhaust the worker's memory.
pub const MAX_CONTENT_BYTES: u64 = 64 * 1024 * 1024;

/// What the user is told about a format Dossier has no text reader for.
pub const NOT_READ_DETAIL: &str = "Dossier does not read text from this format; tag it by hand";

/// Formats Dossier recognises as documents but has no text reader for: OpenDocument
/// text and slides, RTF, Keynote, Pages and binary Visio (`.vsd`).
const WITHOUT_READER: &[&str] = &["vsd", "odt", "odp", "rtf", "key", "pages"];

/// Why a file yielded no searchable text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// A PDF with pages but no text layer (a scan): it needs tagging by hand.
    #[error("no text layer")]
    NoTextLayer,
    #[error("encrypted")]
    Encrypted,
    /// A format without a text reader, or binary bytes behind a text file's name.
    #[error("no text reader for this format")]
    NotRead,
    /// `reason` is for the user, in plain words; `cause` is the reader's own error, for
    /// the log only.
    #[error("{reason}")]
    Unreadable { reason: String, cause: String },
}

impl ExtractError {
    pub(crate) fn unreadable(reason: impl Into<String>, cause: impl std::fmt::Display) -> Self {
        Self::Unreadable {
            reason: reason.into(),
            cause: cause.to_string(),
        }
    }
}

/// Extracts the searchable text of `path`, NFKC-normalised. Images yield an empty
/// string (a picture has no text to read without OCR); formats without a reader are
/// [`ExtractError::NotRead`].
pub fn extract(path: &Path, kind: FileKind) -> Result<String, ExtractError> {
    read(path, kind, None).map(|read| read.text)
}

/// A file's text, and what the user is told about how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    /// Set when the text (or its absence) came from OCR, e.g. "text read by OCR".
    pub detail: Option<String>,
}

/// [`extract`], reading images and image-only PDFs with `ocr` when it is given.
pub fn read(
    path: &Path,
    kind: FileKind,
    ocr: Option<&ocr::Ocr>,
) -> Result<Extracted, ExtractError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if WITHOUT_READER.contains(&extension.as_str()) {
        return Err(ExtractError::NotRead);
    }
    let mut detail = None;
    let raw = match (kind, extension.as_str()) {
        (FileKind::Image, _) => ocr::image(ocr, path, &mut detail),
        (FileKind::Pdf, _) => {
            pdf::extract(path).or_else(|e| ocr::scanned_pdf(ocr, path, e, &mut detail))?
        }
        (FileKind::Word, "docx") => office::docx(path)?,
        (FileKind::Word, "doc") => legacy::doc(path)?,
        (FileKind::Slides, "pptx") => office::pptx(path)?,
        (FileKind::Slides, "ppt") => legacy::ppt(path)?,
        (FileKind::Spreadsheet, "csv") | (FileKind::Text, _) => text::read_document(path)?,
        (FileKind::Spreadsheet, _) => sheet::extract(path)?,
        (FileKind::Diagram, "drawio" | "dio") => diagram::drawio(&text::read(path)?)?,
        (FileKind::Diagram, "svg") => diagram::svg(&text::read(path)?)?,
        (FileKind::Diagram, "vsdx") => visio::vsdx(path)?,
        (FileKind::Other, _) => text::read_if_text(path)?,
        _ => return Err(ExtractError::NotRead),
    };
    Ok(Extracted {
        text: normalize::normalize(&raw),
        detail,
    })
}

fn io_error(error: std::io::Error) -> ExtractError {
    let reason = match error.kind() {
        std::io::ErrorKind::PermissionDenied => "cannot read the file: permission denied",
        std::io::ErrorKind::NotFound => "cannot read the file: it is no longer there",
        _ => "cannot read the file",
    };
    ExtractError::unreadable(reason, error)
}

fn too_much_content() -> ExtractError {
    ExtractError::unreadable(
        format!(
            "holds more than {} MiB once unpacked; not read for text",
            MAX_CONTENT_BYTES >> 20
        ),
        "decompression budget exceeded",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_without_a_reader_are_not_read_and_images_have_no_text() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "network.vsd",
            "proposal.odt",
            "deck.odp",
            "deck.key",
            "brief.pages",
            "letter.rtf",
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, b"some bytes that are not parsed").unwrap();
            assert_eq!(
                extract(&path, FileKind::from_path(&path)),
                Err(ExtractError::NotRead),
                "{name}"
            );
        }
        let photo = dir.path().join("photo.png");
        std::fs::write(&photo, b"\x89PNG\r\n\x1a\n").unwrap();
        assert_eq!(extract(&photo, FileKind::Image).unwrap(), "");
    }
}
