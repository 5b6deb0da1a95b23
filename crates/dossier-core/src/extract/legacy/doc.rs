//! Word 97–2003 (`.doc`) text, read from the WordDocument stream through its
//! piece table ([MS-DOC] 2.4.1). Word saves text in pieces, each either 8-bit
//! (Windows-1252) or UTF-16, in any order; the piece table maps the document's
//! character positions to them. Word 6 and 95 files, older than the piece table's
//! separate table stream, are read from their one text range.

use super::compound::{damaged, Compound};
use crate::extract::ExtractError;
use encoding_rs::WINDOWS_1252;
use std::path::Path;

const WORD: &str = "Word 97–2003 document";

/// The `wIdent` every Word 6 and later file starts with.
const WORD_SIGNATURE: u16 = 0xA5EC;
/// `nFib` of Word 97; the Word 6 and 95 versions are below it.
const WORD_97: u16 = 0x00C0;
/// Flags in `FibBase`.
const FLAG_ENCRYPTED: u16 = 0x0100;
const FLAG_TABLE_1: u16 = 0x0200;
/// `fCompressed` in a piece's file offset: its characters are 8-bit, at half the offset.
const FLAG_COMPRESSED: u32 = 0x4000_0000;
/// The `FibRgFcLcb97` pair that locates the piece table (`fcClx`/`lcbClx`).
const CLX_PAIR: usize = 33;

/// The text of a Word 97–2003 document: the main text, then footnotes, headers,
/// comments and text boxes, a line per paragraph; field codes left out.
pub(in crate::extract) fn doc(path: &Path) -> Result<String, ExtractError> {
    let mut compound = Compound::open(path, WORD)?;
    let document = compound.require("WordDocument")?;
    let fib = Fib::parse(&document)?;
    if fib.flags & FLAG_ENCRYPTED != 0 {
        return Err(ExtractError::Encrypted);
    }
    let mut raw = String::new();
    if fib.version < WORD_97 {
        // Word 6 and 95: 8-bit text between fcMin and fcMac.
        let range = at_u32(&document, 0x18)? as usize..at_u32(&document, 0x1C)? as usize;
        let bytes = document
            .get(range)
            .ok_or_else(|| damaged(WORD, "text range past the stream"))?;
        raw.push_str(&WINDOWS_1252.decode_without_bom_handling(bytes).0);
    } else {
        let table_name = if fib.flags & FLAG_TABLE_1 != 0 {
            "1Table"
        } else {
            "0Table"
        };
        let table = compound.require(table_name)?;
        let (offset, length) = fib.clx(&document)?;
        let clx = table
            .get(offset..offset.saturating_add(length))
            .ok_or_else(|| damaged(WORD, "piece table past the table stream"))?;
        // Pieces never overlap in a real file, so together they hold no more than
        // the stream; a hostile table repeating one huge piece stops there.
        let mut budget = document.len();
        for piece in pieces(clx)? {
            push_piece(&mut raw, &document, &piece, &mut budget);
        }
    }
    Ok(visible_text(&raw))
}

/// The start of the File Information Block.
struct Fib {
    version: u16,
    flags: u16,
}

impl Fib {
    fn parse(document: &[u8]) -> Result<Self, ExtractError> {
        if at_u16(document, 0)? != WORD_SIGNATURE {
            return Err(ExtractError::unreadable(
                format!("not a valid {WORD}"),
                "no Word signature in the WordDocument stream",
            ));
        }
        Ok(Self {
            version: at_u16(document, 2)?,
            flags: at_u16(document, 0x0A)?,
        })
    }

    /// Offset and length of the piece table (`Clx`) in the table stream. The FIB's
    /// arrays after its 32-byte base each start with their count, so the pair is
    /// found by walking them rather than at a fixed offset.
    fn clx(&self, document: &[u8]) -> Result<(usize, usize), ExtractError> {
        let words = 32;
        let longs = words + 2 + 2 * at_u16(document, words)? as usize;
        let pairs = longs + 2 + 4 * at_u16(document, longs)? as usize;
        if (at_u16(document, pairs)? as usize) <= CLX_PAIR {
            return Err(damaged(WORD, "no piece table in the FIB"));
        }
        let pair = pairs + 2 + 8 * CLX_PAIR;
        Ok((
            at_u32(document, pair)? as usize,
            at_u32(document, pair + 4)? as usize,
        ))
    }
}

/// A run of characters stored together: `chars` of them at `offset` in the
/// WordDocument stream, 8-bit if `compressed`, else UTF-16LE.
#[derive(Debug, PartialEq, Eq)]
struct Piece {
    chars: usize,
    offset: usize,
    compressed: bool,
}

/// The pieces of a `Clx`: property runs (`Prc`, skipped) then the piece table
/// (`Pcdt`): n+1 character positions, then n 8-byte piece descriptors.
fn pieces(clx: &[u8]) -> Result<Vec<Piece>, ExtractError> {
    let mut at = 0;
    loop {
        match clx.get(at) {
            Some(1) => at += 3 + at_u16(clx, at + 1)? as usize,
            Some(2) => {
                let length = at_u32(clx, at + 1)? as usize;
                let table = clx
                    .get(at + 5..(at + 5).saturating_add(length))
                    .ok_or_else(|| damaged(WORD, "piece table past its Clx"))?;
                return Ok(piece_descriptors(table));
            }
            _ => return Err(damaged(WORD, "no piece table in the Clx")),
        }
    }
}

fn piece_descriptors(table: &[u8]) -> Vec<Piece> {
    let count = table.len().saturating_sub(4) / 12;
    let position = |index: usize| u32_le(&table[4 * index..]) as usize;
    (0..count)
        .map(|index| {
            let fc = u32_le(&table[4 * (count + 1) + 8 * index + 2..]);
            let compressed = fc & FLAG_COMPRESSED != 0;
            let offset = (fc & 0x3FFF_FFFF) as usize;
            Piece {
                chars: position(index + 1).saturating_sub(position(index)),
                offset: if compressed { offset / 2 } else { offset },
                compressed,
            }
        })
        .collect()
}

/// Appends the characters of `piece`, as many as the stream and `budget` (bytes
/// left to decode) allow.
fn push_piece(text: &mut String, document: &[u8], piece: &Piece, budget: &mut usize) {
    let width = if piece.compressed { 1 } else { 2 };
    let length = piece.chars.saturating_mul(width).min(*budget);
    let end = piece.offset.saturating_add(length).min(document.len());
    let Some(bytes) = document.get(piece.offset..end) else {
        return;
    };
    *budget -= bytes.len();
    if piece.compressed {
        text.push_str(&WINDOWS_1252.decode_without_bom_handling(bytes).0);
    } else {
        let units = bytes
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
        text.extend(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
    }
}

/// The text Word shows: paragraph, line, page and cell marks become breaks;
/// field codes (between a field's begin and separator marks) and Word's object
/// anchors drop out, while a field's result stays.
fn visible_text(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    // One entry per open field: whether it is still in its code part.
    let mut fields: Vec<bool> = Vec::new();
    let mut in_code = 0usize;
    for c in raw.chars() {
        match c {
            '\u{13}' => {
                fields.push(true);
                in_code += 1;
            }
            '\u{14}' => {
                if let Some(code @ true) = fields.last_mut() {
                    *code = false;
                    in_code -= 1;
                }
            }
            '\u{15}' => {
                if fields.pop() == Some(true) {
                    in_code -= 1;
                }
            }
            _ if in_code > 0 => {}
            '\r' | '\u{0B}' | '\u{0C}' | '\u{0E}' => text.push('\n'),
            '\u{07}' | '\t' => text.push('\t'),
            '\u{1E}' => text.push('-'),
            _ if c.is_control() => {}
            _ => text.push(c),
        }
    }
    text
}

fn at_u16(bytes: &[u8], at: usize) -> Result<u16, ExtractError> {
    bytes
        .get(at..at + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .ok_or_else(|| damaged(WORD, format!("structure at byte {at} past the end")))
}

fn at_u32(bytes: &[u8], at: usize) -> Result<u32, ExtractError> {
    bytes
        .get(at..at + 4)
        .map(u32_le)
        .ok_or_else(|| damaged(WORD, format!("structure at byte {at} past the end")))
}

fn u32_le(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

#[cfg(test)]
pub(in crate::extract) mod tests {
    use super::*;
    use crate::evidence::kind::FileKind;
    use crate::extract::extract;
    use std::io::Write;

    /// Writes a Word 97 file whose text is `pieces` in order, each `(text, 8-bit)`.
    /// The pieces are stored in the WordDocument stream last first, so only reading
    /// through the piece table gives the words in order.
    pub(in crate::extract) fn write_doc(path: &Path, pieces: &[(&str, bool)], flags: u16) {
        let mut document = vec![0u8; 32];
        document[0..2].copy_from_slice(&WORD_SIGNATURE.to_le_bytes());
        document[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
        document[0x0A..0x0C].copy_from_slice(&(FLAG_TABLE_1 | flags).to_le_bytes());
        for (count, width) in [(14u16, 2), (22, 4), (93, 8)] {
            document.extend(count.to_le_bytes());
            document.resize(document.len() + count as usize * width, 0);
        }
        let clx_pair = document.len() - 93 * 8 + CLX_PAIR * 8;
        let mut offsets = vec![0u32; pieces.len()];
        for (index, (text, compressed)) in pieces.iter().enumerate().rev() {
            offsets[index] = document.len() as u32;
            if *compressed {
                document.extend_from_slice(&WINDOWS_1252.encode(text).0);
                offsets[index] = (offsets[index] * 2) | FLAG_COMPRESSED;
            } else {
                document.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            }
        }
        let mut positions = vec![0u32];
        for (text, _) in pieces {
            positions.push(positions.last().unwrap() + text.encode_utf16().count() as u32);
        }
        let mut table: Vec<u8> = positions.iter().flat_map(|cp| cp.to_le_bytes()).collect();
        for offset in offsets {
            table.extend([0, 0]);
            table.extend(offset.to_le_bytes());
            table.extend([0, 0]);
        }
        // A property run first, as Word writes one, then the piece table.
        let mut clx = vec![1, 2, 0, 0xAA, 0xBB, 2];
        clx.extend((table.len() as u32).to_le_bytes());
        clx.extend(table);
        document[clx_pair + 4..clx_pair + 8].copy_from_slice(&(clx.len() as u32).to_le_bytes());
        let mut file = cfb::create(path).unwrap();
        file.create_stream("/WordDocument")
            .unwrap()
            .write_all(&document)
            .unwrap();
        file.create_stream("/1Table")
            .unwrap()
            .write_all(&clx)
            .unwrap();
        file.flush().unwrap();
    }

    fn temp(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        (dir, path)
    }

    #[test]
    fn doc_text_comes_through_the_piece_table_in_8_bit_and_utf16_pieces() {
        let (_dir, path) = temp("sow.doc");
        let pieces = [
            ("Statement of Work\rBudget: 1 200 €\r", true),
            (
                "Zürich office \u{2013} Ελλάδα\x0BSee page \x13 PAGE \x14",
                false,
            ),
            ("3\x15 of the annex\x07cell two\x07\r", true),
        ];
        write_doc(&path, &pieces, 0);
        assert_eq!(
            extract(&path, FileKind::Word).unwrap(),
            "Statement of Work\nBudget: 1 200 €\nZürich office \u{2013} Ελλάδα\nSee page 3 of the annex cell two"
        );
    }

    #[test]
    fn a_word_95_doc_is_read_from_its_text_range() {
        let text = b"Statement of Work\rSigned in M\xFCnchen";
        let mut document = vec![0u8; 0x40];
        document[0..2].copy_from_slice(&WORD_SIGNATURE.to_le_bytes());
        document[2..4].copy_from_slice(&0x0068u16.to_le_bytes());
        document[0x18..0x1C].copy_from_slice(&0x40u32.to_le_bytes());
        document[0x1C..0x20].copy_from_slice(&(0x40 + text.len() as u32).to_le_bytes());
        document.extend_from_slice(text);
        document.extend_from_slice(b"trailing bytes that are not text");
        let (_dir, path) = temp("sow.doc");
        let mut file = cfb::create(&path).unwrap();
        file.create_stream("/WordDocument")
            .unwrap()
            .write_all(&document)
            .unwrap();
        file.flush().unwrap();
        drop(file);
        assert_eq!(
            extract(&path, FileKind::Word).unwrap(),
            "Statement of Work\nSigned in München"
        );
    }

    #[test]
    fn an_encrypted_doc_is_encrypted() {
        let (_dir, path) = temp("sow.doc");
        write_doc(&path, &[("secret", true)], FLAG_ENCRYPTED);
        assert_eq!(extract(&path, FileKind::Word), Err(ExtractError::Encrypted));
    }

    #[test]
    fn a_doc_that_is_not_a_compound_file_is_unreadable() {
        let (_dir, path) = temp("sow.doc");
        std::fs::write(&path, b"not a compound file at all, just some bytes").unwrap();
        let error = extract(&path, FileKind::Word).unwrap_err();
        assert!(
            matches!(&error, ExtractError::Unreadable { reason, .. } if reason == "not a valid Word 97–2003 document"),
            "{error:?}"
        );
    }

    #[test]
    fn a_piece_table_pointing_past_its_stream_is_damaged() {
        let (_dir, path) = temp("sow.doc");
        write_doc(&path, &[("Statement", true)], 0);
        let mut file = cfb::open_rw(&path).unwrap();
        let mut clx = Vec::new();
        std::io::Read::read_to_end(&mut file.open_stream("/1Table").unwrap(), &mut clx).unwrap();
        // The Pcdt's length, now far past the end of the table stream.
        clx[6..10].copy_from_slice(&u32::MAX.to_le_bytes());
        file.create_stream("/1Table")
            .unwrap()
            .write_all(&clx)
            .unwrap();
        file.flush().unwrap();
        drop(file);
        let error = extract(&path, FileKind::Word).unwrap_err();
        assert!(
            matches!(&error, ExtractError::Unreadable { reason, .. } if reason == "this Word 97–2003 document is damaged"),
            "{error:?}"
        );
    }

    #[test]
    fn a_hostile_piece_repeating_the_whole_stream_is_read_once() {
        let text = "a".repeat(100);
        let document = text.as_bytes();
        let piece = Piece {
            chars: usize::MAX,
            offset: 0,
            compressed: true,
        };
        let (mut out, mut budget) = (String::new(), document.len());
        for _ in 0..1000 {
            push_piece(&mut out, document, &piece, &mut budget);
        }
        assert_eq!(out, text);
    }

    #[test]
    fn a_docx_saved_as_doc_is_read_and_rtf_saved_as_doc_is_not() {
        let (_dir, path) = temp("sow.doc");
        dossier_fixtures::write_docx(&path, &["Statement of Work"]).unwrap();
        assert_eq!(extract(&path, FileKind::Word).unwrap(), "Statement of Work");
        std::fs::write(&path, b"{\\rtf1\\ansi Statement of Work}").unwrap();
        assert_eq!(extract(&path, FileKind::Word), Err(ExtractError::NotRead));
    }
}
