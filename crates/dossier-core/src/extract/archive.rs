//! Bounded reading of the zip packages behind DOCX, PPTX and XLSX files.
//!
//! A few kilobytes of zip can inflate to gigabytes, so all parts read from one
//! package share a budget of [`MAX_CONTENT_BYTES`] decompressed bytes.

use super::text::read_capped;
use super::{io_error, too_much_content, ExtractError, MAX_CONTENT_BYTES};
use std::fs::File;
use std::io::Read;
use std::path::Path;
use zip::result::ZipError;
use zip::ZipArchive;

/// The signature of an OLE2 compound file, the container of legacy Office files
/// and of password-protected modern ones.
const COMPOUND_FILE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub(super) struct Package {
    zip: ZipArchive<File>,
    budget: u64,
}

impl Package {
    /// Opens `path` as a zip package; `what` names the format in the error a
    /// person reads, e.g. "Word document".
    pub(super) fn open(path: &Path, what: &str) -> Result<Self, ExtractError> {
        let file = File::open(path).map_err(io_error)?;
        match ZipArchive::new(file) {
            Ok(zip) => Ok(Self {
                zip,
                budget: MAX_CONTENT_BYTES,
            }),
            Err(_) if is_password_protected(path)? => Err(ExtractError::Encrypted),
            Err(error) => Err(ExtractError::unreadable(
                format!("not a valid {what}"),
                error,
            )),
        }
    }

    /// Reads part `name` as text, or `None` if the package has no such part.
    pub(super) fn read(&mut self, name: &str) -> Result<Option<String>, ExtractError> {
        let part = match self.zip.by_name(name) {
            Ok(part) => part,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(error) => return Err(damaged_part(name, error)),
        };
        let mut bytes = Vec::new();
        part.take(self.budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| damaged_part(name, error))?;
        self.budget = self
            .budget
            .checked_sub(bytes.len() as u64)
            .ok_or_else(too_much_content)?;
        Ok(Some(String::from_utf8(bytes).unwrap_or_else(|error| {
            String::from_utf8_lossy(error.as_bytes()).into_owned()
        })))
    }

    /// Fails unless the XML parts together declare no more than the budget. For
    /// packages another crate (calamine) reads itself: zip refuses to inflate a
    /// part past its declared size, so declared sizes bound what it can inflate.
    pub(super) fn ensure_xml_fits(&self) -> Result<(), ExtractError> {
        let declared: u64 = (0..self.zip.len())
            .filter_map(|index| self.zip.by_index_data(index).ok())
            .filter(|part| part.name().is_ok_and(|name| name.ends_with(".xml")))
            .map(|part| part.size())
            .fold(0, u64::saturating_add);
        if declared > self.budget {
            return Err(too_much_content());
        }
        Ok(())
    }
}

fn damaged_part(name: &str, error: impl std::fmt::Display) -> ExtractError {
    ExtractError::unreadable(
        "this file is damaged: a part of it cannot be unpacked",
        format!("part {name}: {error}"),
    )
}

/// Whether `path` is a password-protected Office file: Office encrypts a DOCX,
/// XLSX or PPTX by wrapping it, as a stream named "EncryptedPackage", in a
/// compound file instead of a zip.
fn is_password_protected(path: &Path) -> Result<bool, ExtractError> {
    let bytes = read_capped(path, MAX_CONTENT_BYTES)?;
    // Directory entry names in a compound file are UTF-16LE.
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    Ok(bytes.starts_with(COMPOUND_FILE) && bytes.windows(name.len()).any(|window| window == name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::kind::FileKind;
    use crate::extract::extract;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    /// A zip whose single part `name` inflates to one byte past the budget, from
    /// well under a megabyte on disk.
    fn write_zip_bomb(path: &Path, name: &str) {
        let mut zip = zip::ZipWriter::new(File::create(path).unwrap());
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..MAX_CONTENT_BYTES / chunk.len() as u64 {
            zip.write_all(&chunk).unwrap();
        }
        zip.write_all(b" ").unwrap();
        zip.finish().unwrap();
        assert!(std::fs::metadata(path).unwrap().len() < 1024 * 1024);
    }

    #[test]
    fn a_part_past_the_budget_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.docx");
        write_zip_bomb(&path, "word/document.xml");
        assert_eq!(extract(&path, FileKind::Word), Err(too_much_content()));
    }

    #[test]
    fn a_spreadsheet_declaring_too_much_xml_is_refused_before_parsing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.xlsx");
        write_zip_bomb(&path, "xl/worksheets/sheet1.xml");
        assert_eq!(
            extract(&path, FileKind::Spreadsheet),
            Err(too_much_content())
        );
    }

    #[test]
    fn the_budget_is_shared_by_all_parts_of_a_package() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deck.pptx");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        for name in ["a.xml", "b.xml"] {
            zip.start_file(name, SimpleFileOptions::default()).unwrap();
            zip.write_all(b"<x>twelve bytes</x>").unwrap();
        }
        zip.finish().unwrap();
        let mut package = Package::open(&path, "test package").unwrap();
        package.budget = 30;
        assert!(package.read("a.xml").unwrap().is_some());
        assert_eq!(package.read("b.xml"), Err(too_much_content()));
        assert_eq!(package.read("missing.xml"), Ok(None));
    }
}
