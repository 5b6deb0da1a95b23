//! Plain text, Markdown and CSV: UTF-8 as written, UTF-16 and legacy 8-bit files
//! decoded rather than rejected; binary bytes behind a text file's name are not read.

use super::{io_error, ExtractError, MAX_CONTENT_BYTES};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// How much of a file of unknown kind is read when it turns out to be text: a log
/// or config is worth indexing, but its first megabytes say what it is about.
const UNKNOWN_TEXT_BYTES: u64 = 4 * 1024 * 1024;

/// How much of a file's start is looked at to tell text from binary.
const SNIFF_BYTES: usize = 8 * 1024;

/// Reads `path` as text; anything past [`MAX_CONTENT_BYTES`] is not indexed.
pub(super) fn read(path: &Path) -> Result<String, ExtractError> {
    Ok(decode(&read_capped(path, MAX_CONTENT_BYTES)?))
}

/// Reads a file named as a text document (`.md`, `.txt`, `.csv` …). Binary bytes
/// under such a name (a renamed export, a corrupt sync) are [`ExtractError::NotRead`]:
/// decoded as Latin-1 they would only fill the index with noise.
pub(super) fn read_document(path: &Path) -> Result<String, ExtractError> {
    let bytes = read_capped(path, MAX_CONTENT_BYTES)?;
    if looks_binary(&bytes) {
        return Err(ExtractError::NotRead);
    }
    Ok(decode(&bytes))
}

/// Reads a file of unknown kind as text only if it is valid UTF-8 without NUL
/// bytes; anything else is a format without a reader.
pub(super) fn read_if_text(path: &Path) -> Result<String, ExtractError> {
    let bytes = read_capped(path, UNKNOWN_TEXT_BYTES)?;
    utf8_prefix(&bytes)
        .filter(|text| !text.contains('\0'))
        .map(str::to_owned)
        .ok_or(ExtractError::NotRead)
}

/// Whether the start of `bytes` is binary: a NUL byte, or more than one byte in
/// sixteen a control character no text file uses. UTF-16 (with its byte-order mark)
/// is text, NULs and all.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !b"\t\n\r\x0c\x1b".contains(&b)) || b == 0x7F)
        .count();
    head.contains(&0) || controls * 16 > head.len()
}

/// Reads at most the first `cap` bytes of `path`.
pub(super) fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ExtractError> {
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|file| file.take(cap).read_to_end(&mut bytes))
        .map_err(io_error)?;
    Ok(bytes)
}

/// Decodes by byte-order mark if there is one (Windows Notepad writes UTF-16 with
/// one), otherwise as UTF-8, falling back to Latin-1 for legacy 8-bit files.
fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match utf8_prefix(bytes) {
        Some(text) => text.to_owned(),
        // Windows-1252 and Latin-1, the usual non-UTF-8 sources, agree on every
        // letter, so accented words stay searchable; other encodings come out as
        // wrong letters rather than as an error.
        None => bytes.iter().map(|&byte| char::from(byte)).collect(),
    }
}

/// `bytes` as UTF-8 if they are, allowing the last character to be cut short by
/// a size cap.
fn utf8_prefix(bytes: &[u8]) -> Option<&str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(error) if error.error_len().is_none() => {
            std::str::from_utf8(&bytes[..error.valid_up_to()]).ok()
        }
        Err(_) => None,
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::kind::FileKind;
    use crate::extract::extract;

    fn write(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn markdown_round_trips_normalised() {
        let (_dir, path) = write(
            "runbook.md",
            "# Runbook\n\nRestore the **ﬁnancial** database   from backup.\n".as_bytes(),
        );
        assert_eq!(
            extract(&path, FileKind::Text).unwrap(),
            "# Runbook\nRestore the **financial** database from backup."
        );
    }

    #[test]
    fn latin1_text_keeps_its_accented_words() {
        let (_dir, path) = write("notes.txt", b"Caf\xE9 r\xE9sum\xE9 for the client");
        assert_eq!(
            extract(&path, FileKind::Text).unwrap(),
            "Café résumé for the client"
        );
    }

    #[test]
    fn utf16_with_byte_order_mark_is_decoded() {
        let mut little = vec![0xFF, 0xFE];
        let mut big = vec![0xFE, 0xFF];
        for unit in "Disaster recovery".encode_utf16() {
            little.extend(unit.to_le_bytes());
            big.extend(unit.to_be_bytes());
        }
        for bytes in [little, big] {
            let (_dir, path) = write("dr.txt", &bytes);
            assert_eq!(extract(&path, FileKind::Text).unwrap(), "Disaster recovery");
        }
    }

    #[test]
    fn utf8_byte_order_mark_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFOwner: ops"), "Owner: ops");
    }

    #[test]
    fn a_character_cut_by_the_cap_does_not_make_text_binary() {
        assert_eq!(utf8_prefix(&"café".as_bytes()[..4]), Some("caf"));
        assert_eq!(utf8_prefix(b"caf\xE9 au lait"), None);
    }

    #[test]
    fn unknown_files_are_read_only_when_they_are_text() {
        let (_dir, log) = write("deploy.log", b"deployed release 42 to eu-west-1");
        assert_eq!(
            extract(&log, FileKind::Other).unwrap(),
            "deployed release 42 to eu-west-1"
        );
        let (_dir, binary) = write("blob.bin", b"\x7FELF\x02\x01\x01\0\0\0release");
        assert_eq!(
            extract(&binary, FileKind::Other),
            Err(ExtractError::NotRead)
        );
        let (_dir, latin1) = write("legacy.dat", b"r\xE9sum\xE9");
        assert_eq!(
            extract(&latin1, FileKind::Other),
            Err(ExtractError::NotRead)
        );
    }

    #[test]
    fn binary_bytes_under_a_text_name_are_not_read() {
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for name in ["notes.md", "export.txt", "costs.csv"] {
            let (_dir, path) = write(name, &noise);
            assert_eq!(
                extract(&path, FileKind::from_path(&path)),
                Err(ExtractError::NotRead),
                "{name}"
            );
        }
        let (_dir, controls) = write("notes.md", &[b'a', 0x01, 0x02, 0x03].repeat(64));
        assert_eq!(
            extract(&controls, FileKind::Text),
            Err(ExtractError::NotRead)
        );
    }

    #[test]
    fn a_missing_file_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let error = extract(&dir.path().join("gone.md"), FileKind::Text).unwrap_err();
        assert!(
            matches!(&error, ExtractError::Unreadable { reason, .. } if reason == "cannot read the file: it is no longer there"),
            "{error:?}"
        );
    }
}
