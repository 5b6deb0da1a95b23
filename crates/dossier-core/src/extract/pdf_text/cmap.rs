//! A font's ToUnicode map, read tolerantly and within bounds. Our own because the parsers at
//! hand fail the wrong way: lopdf's refuses maps that leave out metadata many producers omit,
//! and adobe-cmap-parser (pdf-extract's) panics on malformed maps and expands any range it is
//! given, four billion codes included.

use std::collections::HashMap;

/// Codes one `bfrange` line may map: a whole two-byte code space.
const MAX_RANGE: u32 = 0x1_0000;
/// Codes one map may hold, whatever its ranges ask for.
const MAX_CODES: usize = 0x4_0000;

/// Code to text, from the `bfchar` and `bfrange` sections; whatever cannot be read is skipped.
pub(super) fn parse(data: &[u8]) -> HashMap<u32, String> {
    let tokens = tokens(data);
    let mut map = HashMap::new();
    let mut i = 0;
    while i < tokens.len() && map.len() < MAX_CODES {
        match &tokens[i] {
            Token::Operator(op) if op == b"beginbfchar" => {
                i += 1;
                while let [Token::Hex(code), target @ (Token::Hex(_) | Token::Array(_)), ..] =
                    &tokens[i.min(tokens.len())..]
                {
                    if let Some(text) = text_of(target) {
                        map.insert(code_of(code), text);
                    }
                    i += 2;
                }
            }
            Token::Operator(op) if op == b"beginbfrange" => {
                i += 1;
                while let [Token::Hex(low), Token::Hex(high), target @ (Token::Hex(_) | Token::Array(_)), ..] =
                    &tokens[i.min(tokens.len())..]
                {
                    insert_range(&mut map, code_of(low), code_of(high), target);
                    i += 3;
                }
            }
            _ => i += 1,
        }
    }
    map
}

fn insert_range(map: &mut HashMap<u32, String>, low: u32, high: u32, target: &Token) {
    if high < low {
        return;
    }
    let count = (high - low).min(MAX_RANGE - 1) + 1;
    for offset in 0..count {
        if map.len() >= MAX_CODES {
            return;
        }
        let text = match target {
            // The first code's text; each next code adds one to its last UTF-16 unit.
            Token::Hex(start) => {
                let mut units = utf16_units(start);
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add(offset as u16);
                }
                Some(char::decode_utf16(units).filter_map(Result::ok).collect())
            }
            Token::Array(texts) => texts.get(offset as usize).and_then(text_of),
            Token::Operator(_) => None,
        };
        if let Some(text) = text {
            map.insert(low + offset, text);
        }
    }
}

fn text_of(token: &Token) -> Option<String> {
    match token {
        Token::Hex(bytes) => Some(
            char::decode_utf16(utf16_units(bytes))
                .filter_map(Result::ok)
                .collect(),
        ),
        _ => None,
    }
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|u| u16::from_be_bytes([u[0], *u.get(1).unwrap_or(&0)]))
        .collect()
}

/// Codes are at most four bytes; longer strings keep their last four.
fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0u32, |code, b| code.wrapping_shl(8) | u32::from(*b))
}

#[derive(Debug, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    /// Hex strings between `[` and `]`.
    Array(Vec<Token>),
    /// Any other word: operators, numbers, names. Only the section operators matter.
    Operator(Vec<u8>),
}

fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut array: Option<Vec<Token>> = None;
    let mut i = 0;
    while i < data.len() {
        let byte = data[i];
        let token = match byte {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                i += 2;
                continue;
            }
            b'<' => {
                let end = data[i..]
                    .iter()
                    .position(|b| *b == b'>')
                    .map_or(data.len(), |p| i + p);
                let token = Token::Hex(hex(&data[i + 1..end]));
                i = end + 1;
                token
            }
            b'(' => {
                i = skip_literal(data, i);
                continue;
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
                continue;
            }
            b']' => {
                i += 1;
                match array.take() {
                    Some(items) => Token::Array(items),
                    None => continue,
                }
            }
            b if b.is_ascii_whitespace() || b"{}>/)".contains(&b) => {
                i += 1;
                continue;
            }
            _ => {
                let end = data[i..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || b"<>[]()/%{}".contains(b))
                    .map_or(data.len(), |p| i + p);
                let token = Token::Operator(data[i..end].to_vec());
                i = end;
                token
            }
        };
        match (&mut array, token) {
            (Some(items), token @ Token::Hex(_)) => items.push(token),
            (Some(_), _) => array = None,
            (None, token) => out.push(token),
        }
    }
    out
}

/// Hex digits to bytes, whitespace ignored, an odd last digit taken as followed by 0.
fn hex(digits: &[u8]) -> Vec<u8> {
    let nibbles: Vec<u8> = digits
        .iter()
        .filter_map(|d| (*d as char).to_digit(16))
        .map(|n| n as u8)
        .collect();
    nibbles
        .chunks(2)
        .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
        .collect()
}

/// The index just past a literal string starting at `start`, nested parentheses and escapes
/// included.
fn skip_literal(data: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < data.len() {
        match data[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    data.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
        /CMapName /Adobe-Identity-UCS def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n";

    fn map(body: &str) -> HashMap<u32, String> {
        parse(
            format!(
                "{HEADER}{body}\nendcmap CMapName currentdict /CMap defineresource pop end end"
            )
            .as_bytes(),
        )
    }

    #[test]
    fn chars_ranges_and_arrays_are_read() {
        let map = map("2 beginbfchar <0003> <0020> <0011> <00660066> endbfchar\n\
             2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0078> <D835DC00>] endbfrange");
        assert_eq!(map[&3], " ");
        assert_eq!(map[&0x11], "ff");
        assert_eq!(
            [map[&0x24].as_str(), &map[&0x25], &map[&0x26]],
            ["A", "B", "C"]
        );
        assert_eq!(map[&0x30], "x");
        assert_eq!(map[&0x31], "\u{1D400}");
        assert_eq!(map.len(), 7);
    }

    #[test]
    fn a_map_without_its_metadata_or_with_a_wrong_count_is_still_read() {
        let map = parse(b"9 beginbfchar <01> <0041>\n<02><0042> endbfchar");
        assert_eq!((map[&1].as_str(), map[&2].as_str()), ("A", "B"));
    }

    #[test]
    fn malformed_maps_give_what_they_can_and_never_panic() {
        // The shapes that made adobe-cmap-parser panic or run away: an odd operand count,
        // a range backwards, a target of the wrong length, a range over all 32-bit codes.
        let map = parse(
            b"1 beginbfchar <0001> endbfchar 1 beginbfrange <0010> <0001> <0041> endbfrange \
              1 beginbfrange <0001> <0002> <41> endbfrange \
              1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange",
        );
        assert!(map.len() <= MAX_CODES);
        assert_eq!(map[&0], "A");
        for data in [
            &b"beginbfrange <00"[..],
            b"[<01> beginbfchar ((",
            b"<",
            b")",
            b"]",
        ] {
            let _ = parse(data);
        }
    }
}
