//! PowerPoint 97–2003 (`.ppt`) text, read from the records of the "PowerPoint
//! Document" stream ([MS-PPT] 2.3). Slide, note and master text sits in text atoms,
//! either in the slide list or in the drawings' text boxes, nested in containers
//! at any depth; every record starts with the same 8-byte header.

use super::compound::{damaged, Compound};
use crate::extract::ExtractError;
use std::path::Path;

const POWERPOINT: &str = "PowerPoint 97–2003 presentation";

/// `recVer` of a container: its body is more records.
const CONTAINER: u16 = 0x000F;
/// Record types ([MS-PPT] 2.13.24).
const TEXT_CHARS_ATOM: u16 = 0x0FA0;
const TEXT_BYTES_ATOM: u16 = 0x0FA8;
const CRYPT_SESSION: u16 = 0x2F14;
/// `headerToken` of the "Current User" stream's atom in an encrypted presentation.
const ENCRYPTED_TOKEN: u32 = 0xF3D1_C4DF;

/// The text of every text atom in the presentation, a line per paragraph.
pub(in crate::extract) fn ppt(path: &Path) -> Result<String, ExtractError> {
    let mut compound = Compound::open(path, POWERPOINT)?;
    // The "Current User" atom says whether the records are encrypted: its header
    // (8 bytes) and size (4) come before the token.
    let current_user = compound.read("Current User")?.unwrap_or_default();
    if current_user.get(12..16) == Some(&ENCRYPTED_TOKEN.to_le_bytes()) {
        return Err(ExtractError::Encrypted);
    }
    let stream = compound.require("PowerPoint Document")?;
    records_text(&stream)
}

/// Walks the records in file order. A container's header is followed by its
/// children, so stepping into it is stepping over its header alone; an atom is
/// stepped over whole. Each step moves at least 8 bytes, so a hostile length can
/// end the walk early but never loop it.
fn records_text(stream: &[u8]) -> Result<String, ExtractError> {
    if stream.len() < 8 {
        return Err(damaged(POWERPOINT, "no record in the stream"));
    }
    let mut text = String::new();
    let mut at = 0usize;
    while let Some(header) = stream.get(at..at + 8) {
        let version = u16::from_le_bytes([header[0], header[1]]) & 0x000F;
        let kind = u16::from_le_bytes([header[2], header[3]]);
        let length = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let body_start = at + 8;
        if kind == CRYPT_SESSION {
            return Err(ExtractError::Encrypted);
        }
        if version == CONTAINER {
            at = body_start;
            continue;
        }
        let body_end = body_start.saturating_add(length).min(stream.len());
        let body = &stream[body_start..body_end];
        match kind {
            TEXT_CHARS_ATOM => push_paragraphs(
                &mut text,
                char::decode_utf16(
                    body.chunks_exact(2)
                        .map(|pair| u16::from_le_bytes([pair[0], pair[1]])),
                )
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)),
            ),
            // The low bytes of UTF-16 code units whose high bytes are all zero: Latin-1.
            TEXT_BYTES_ATOM => push_paragraphs(&mut text, body.iter().map(|&b| char::from(b))),
            _ => {}
        }
        at = body_end;
    }
    Ok(text)
}

/// Appends one text atom: `\r` ends a paragraph and a vertical tab breaks a line.
fn push_paragraphs(text: &mut String, chars: impl Iterator<Item = char>) {
    text.extend(chars.map(|c| match c {
        '\r' | '\u{0B}' => '\n',
        c => c,
    }));
    text.push('\n');
}

#[cfg(test)]
pub(in crate::extract) mod tests {
    use super::*;
    use crate::evidence::kind::FileKind;
    use crate::extract::extract;
    use std::io::Write;

    fn record(version: u16, kind: u16, body: &[u8]) -> Vec<u8> {
        let mut bytes = version.to_le_bytes().to_vec();
        bytes.extend(kind.to_le_bytes());
        bytes.extend((body.len() as u32).to_le_bytes());
        bytes.extend(body);
        bytes
    }

    fn container(kind: u16, children: &[Vec<u8>]) -> Vec<u8> {
        record(CONTAINER, kind, &children.concat())
    }

    fn chars_atom(text: &str) -> Vec<u8> {
        let body: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        record(0, TEXT_CHARS_ATOM, &body)
    }

    /// A presentation's records: slide text in the slide list (UTF-16 and 8-bit
    /// atoms), a text box's text inside a drawing, and an atom of another kind whose
    /// body looks like a text atom, which must be stepped over whole.
    pub(in crate::extract) fn presentation() -> Vec<u8> {
        let decoy = chars_atom("Hidden decoy");
        container(
            0x03E8,
            &[
                record(0, 0x03E9, &[0; 40]),
                container(
                    0x0FF0,
                    &[
                        record(0, 0x0F9F, &[0; 4]),
                        chars_atom("Migration plan\rWave 1:\u{0B}web tier"),
                        record(0, 0x0F9F, &[1, 0, 0, 0]),
                        record(0, TEXT_BYTES_ATOM, b"Caf\xE9 cutover runbook"),
                    ],
                ),
                record(0, 0x1007, &decoy),
                container(
                    0xF002,
                    &[container(0xF00D, &[chars_atom("Lessons learned – Ωmega")])],
                ),
            ],
        )
    }

    pub(in crate::extract) fn write_ppt(path: &Path, stream: &[u8]) {
        write_ppt_with_token(path, stream, 0xE391_C05F);
    }

    fn write_ppt_with_token(path: &Path, stream: &[u8], token: u32) {
        let mut current_user = record(0, 0x0FF6, &[0; 20]);
        current_user[8..12].copy_from_slice(&20u32.to_le_bytes());
        current_user[12..16].copy_from_slice(&token.to_le_bytes());
        let mut file = cfb::create(path).unwrap();
        file.create_stream("/Current User")
            .unwrap()
            .write_all(&current_user)
            .unwrap();
        file.create_stream("/PowerPoint Document")
            .unwrap()
            .write_all(stream)
            .unwrap();
        file.flush().unwrap();
    }

    #[test]
    fn ppt_text_atoms_at_any_depth_are_read_and_other_records_skipped_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deck.ppt");
        write_ppt(&path, &presentation());
        assert_eq!(
            extract(&path, FileKind::Slides).unwrap(),
            "Migration plan\nWave 1:\nweb tier\nCafé cutover runbook\nLessons learned – Ωmega"
        );
    }

    #[test]
    fn a_ppt_marked_encrypted_by_its_current_user_is_encrypted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deck.ppt");
        write_ppt_with_token(&path, &presentation(), ENCRYPTED_TOKEN);
        assert_eq!(
            extract(&path, FileKind::Slides),
            Err(ExtractError::Encrypted)
        );
    }

    #[test]
    fn an_encryption_record_makes_a_ppt_encrypted() {
        let stream = container(0x03E8, &[record(CONTAINER, CRYPT_SESSION, &[0; 16])]);
        assert_eq!(records_text(&stream), Err(ExtractError::Encrypted));
    }

    #[test]
    fn a_record_claiming_more_than_the_stream_ends_the_walk() {
        let mut stream = chars_atom("Kickoff");
        let length = stream.len() + 4;
        stream.extend(record(0, TEXT_BYTES_ATOM, b"agenda"));
        stream[length..length + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(records_text(&stream).unwrap(), "Kickoff\nagenda\n");
    }

    #[test]
    fn a_ppt_without_its_document_stream_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deck.ppt");
        let mut file = cfb::create(&path).unwrap();
        file.create_stream("/Current User").unwrap();
        file.flush().unwrap();
        drop(file);
        assert_eq!(
            extract(&path, FileKind::Slides),
            Err(ExtractError::unreadable(
                "not a valid PowerPoint 97–2003 presentation",
                "no stream PowerPoint Document"
            ))
        );
    }
}
