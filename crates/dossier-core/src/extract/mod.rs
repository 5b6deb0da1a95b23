//! Text extraction from evidence files, run inside the isolated worker process.
//!
//! Everything here may be slow, panic or even abort on hostile input (pdf-extract does),
//! so the scanner never calls it in its own process: see [`worker`] and [`pool`].

use crate::evidence::kind::FileKind;
use std::path::Path;

mod archive;
mod diagram;
mod normalize;
mod office;
mod pdf;
pub mod pdf_repair;
pub mod pool;
mod sheet;
mod text;
pub mod worker;
mod xml;

/// The most decompressed content read from any one file: zip parts, inflated
/// draw.io pages, text. A few kilobytes of zip or deflate can inflate to gigabytes,
/// so past this a file is refused (or, for plain text, cut) rather than allowed to
/// exhaust the worker's memory.
pub const MAX_CONTENT_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file yielded no searchable text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// A PDF with pages but no text layer (a scan): it needs tagging by hand.
    #[error("no text layer")]
    NoTextLayer,
    #[error("encrypted")]
    Encrypted,
    #[error("unreadable: {0}")]
    Unreadable(String),
}

/// Extracts the searchable text of `path`, NFKC-normalised. Kinds without text
/// (images, unknown formats) yield an empty string.
pub fn extract(path: &Path, kind: FileKind) -> Result<String, ExtractError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let raw = match (kind, extension.as_str()) {
        (FileKind::Pdf, _) => pdf::extract(path)?,
        (FileKind::Word, "docx") => office::docx(path)?,
        (FileKind::Slides, "pptx") => office::pptx(path)?,
        (FileKind::Spreadsheet, "csv") | (FileKind::Text, _) => text::read(path)?,
        (FileKind::Spreadsheet, _) => sheet::extract(path)?,
        (FileKind::Diagram, "drawio" | "dio") => diagram::drawio(&text::read(path)?)?,
        (FileKind::Diagram, "svg") => diagram::svg(&text::read(path)?)?,
        (FileKind::Other, _) => text::read_if_text(path)?,
        // Images, legacy binary Word and PowerPoint, OpenDocument text and slides,
        // Keynote and Visio: no text this crate can read.
        _ => String::new(),
    };
    Ok(normalize::normalize(&raw))
}

fn io_error(error: std::io::Error) -> ExtractError {
    ExtractError::Unreadable(format!("cannot read the file: {error}"))
}

fn too_much_content() -> ExtractError {
    ExtractError::Unreadable("too much decompressed content".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_without_readable_text_yield_nothing() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["photo.png", "network.vsdx", "proposal.odt"] {
            let path = dir.path().join(name);
            std::fs::write(&path, b"some bytes that are not parsed").unwrap();
            assert_eq!(
                extract(&path, FileKind::from_path(&path)).unwrap(),
                "",
                "{name}"
            );
        }
    }
}
