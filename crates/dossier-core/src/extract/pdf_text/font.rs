//! What a PDF font's codes mean (the text each stands for) and how far each moves the pen
//! (its width), for the text walker in `pdf_text`. Codes are decoded the way poppler
//! does it: the font's ToUnicode map first, then its encoding, and for CID fonts on a
//! predefined Unicode CMap (`UniJIS-UCS2-H` and kin) the code itself.

use super::cmap;
use pdf_extract::{Dictionary, Document, Encoding, Object};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One font of a page's resources, ready to decode the strings shown with it.
pub(super) struct Font<'a> {
    /// ToUnicode map: code to text.
    to_unicode: HashMap<u32, String>,
    encoding: Option<Encoding<'a>>,
    /// CID fonts: codes are two bytes wide.
    two_byte: bool,
    /// CID fonts on a UCS-2 / UTF-16 CMap: the code is the UTF-16 unit.
    code_is_unicode: bool,
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space to text space: 1/1000 except for Type 3 fonts.
    scale: f32,
}

impl<'a> Font<'a> {
    pub(super) fn new(doc: &'a Document, font: &'a Dictionary) -> Self {
        let subtype = name(doc, font, b"Subtype").unwrap_or_default();
        let two_byte = subtype == b"Type0";
        let to_unicode = to_unicode(doc, font);
        let mut this = Font {
            to_unicode,
            encoding: None,
            two_byte,
            code_is_unicode: false,
            widths: HashMap::new(),
            default_width: 500.0,
            scale: 0.001,
        };
        if two_byte {
            let cmap = name(doc, font, b"Encoding").unwrap_or_default();
            this.code_is_unicode =
                contains(&cmap, b"UCS2") || contains(&cmap, b"UTF16") || contains(&cmap, b"UTF-16");
            this.default_width = 1000.0;
            if let Some(descendant) = font
                .get_deref(b"DescendantFonts", doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|d| doc.dereference(d).ok())
                .and_then(|(_, d)| d.as_dict().ok())
            {
                this.read_cid_widths(doc, descendant);
            }
        } else {
            this.encoding = if font.has(b"Encoding") {
                font.get_font_encoding(doc).ok()
            } else {
                // Codes the ToUnicode map leaves out are read in the standard encoding, as
                // poppler does (lopdf would fall back on the ToUnicode map itself).
                STANDARD.get_font_encoding(doc).ok()
            };
            this.read_simple_widths(doc, font);
            if subtype == b"Type3" {
                this.scale = font
                    .get_deref(b"FontMatrix", doc)
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|m| m.first())
                    .and_then(|a| number(doc, a))
                    .filter(|s| s.is_finite() && *s != 0.0)
                    .unwrap_or(0.001);
            }
        }
        this
    }

    /// The codes of a shown string, each with its byte length.
    pub(super) fn codes<'s>(&self, bytes: &'s [u8]) -> impl Iterator<Item = (u32, u8)> + 's {
        let step = if self.two_byte { 2 } else { 1 };
        bytes.chunks(step).map(|chunk| {
            let code = chunk.iter().fold(0u32, |code, b| code << 8 | u32::from(*b));
            (code, chunk.len() as u8)
        })
    }

    /// Appends the text `code` stands for; nothing when the font does not say.
    pub(super) fn push_text(&self, code: u32, out: &mut String) {
        if let Some(text) = self.to_unicode.get(&code) {
            out.push_str(text);
            return;
        }
        if self.code_is_unicode {
            out.extend(char::decode_utf16([code as u16]).filter_map(Result::ok));
        } else if let (Some(encoding), Ok(byte)) = (&self.encoding, u8::try_from(code)) {
            if let Ok(text) = encoding.bytes_to_string(&[byte]) {
                out.extend(text.chars().filter(|c| *c != '\u{FFFD}'));
            }
        }
    }

    /// How far `code` moves the pen, in text space units (before font size).
    pub(super) fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.scale
    }

    /// Whether `code` is the single-byte space, the one code word spacing (`Tw`) applies to.
    pub(super) fn is_word_space(&self, code: u32, len: u8) -> bool {
        code == 32 && len == 1
    }

    fn read_simple_widths(&mut self, doc: &Document, font: &Dictionary) {
        let first = font
            .get_deref(b"FirstChar", doc)
            .ok()
            .and_then(|f| number(doc, f))
            .unwrap_or(0.0) as u32;
        if let Ok(widths) = font.get_deref(b"Widths", doc).and_then(Object::as_array) {
            for (i, w) in widths.iter().enumerate().take(65_536) {
                if let Some(w) = number(doc, w) {
                    self.widths.insert(first + i as u32, w);
                }
            }
        }
        let missing = font
            .get_deref(b"FontDescriptor", doc)
            .and_then(Object::as_dict)
            .and_then(|d| d.get_deref(b"MissingWidth", doc))
            .ok()
            .and_then(|w| number(doc, w))
            .filter(|w| *w > 0.0);
        if let Some(missing) = missing {
            self.default_width = missing;
        } else if !self.widths.is_empty() {
            // An average keeps unknown codes from looking like gaps or overlaps.
            self.default_width = self.widths.values().sum::<f32>() / self.widths.len() as f32;
        }
    }

    /// `/W [c [w1 w2 …] c_first c_last w …]` and `/DW` of a CID font.
    fn read_cid_widths(&mut self, doc: &Document, descendant: &Dictionary) {
        if let Some(dw) = descendant
            .get_deref(b"DW", doc)
            .ok()
            .and_then(|w| number(doc, w))
        {
            self.default_width = dw;
        }
        let Ok(w) = descendant.get_deref(b"W", doc).and_then(Object::as_array) else {
            return;
        };
        let mut i = 0;
        while i + 1 < w.len() && self.widths.len() < 65_536 {
            let Some(first) = number(doc, &w[i]) else {
                break;
            };
            let first = first as u32;
            match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
                Ok(Object::Array(list)) => {
                    for (k, width) in list.iter().enumerate().take(65_536) {
                        if let Some(width) = number(doc, width) {
                            self.widths.insert(first + k as u32, width);
                        }
                    }
                    i += 2;
                }
                Ok(last) => {
                    let (Some(last), Some(width)) =
                        (number(doc, last), w.get(i + 2).and_then(|o| number(doc, o)))
                    else {
                        break;
                    };
                    let last = (last as u32).min(first.saturating_add(65_535));
                    for code in first..=last {
                        self.widths.insert(code, width);
                    }
                    i += 3;
                }
                Err(_) => break,
            }
        }
    }
}

/// The font's ToUnicode map; empty when it has none or it cannot be read.
fn to_unicode(doc: &Document, font: &Dictionary) -> HashMap<u32, String> {
    font.get_deref(b"ToUnicode", doc)
        .and_then(Object::as_stream)
        .ok()
        .and_then(|s| s.get_plain_content().ok())
        .map(|data| cmap::parse(&data))
        .unwrap_or_default()
}

/// A font dictionary that says only "standard encoding", for lopdf to read that encoding from.
static STANDARD: LazyLock<Dictionary> = LazyLock::new(|| {
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", Object::Name(b"StandardEncoding".to_vec()));
    font
});

fn name(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<Vec<u8>> {
    dict.get_deref(key, doc)
        .and_then(Object::as_name)
        .ok()
        .map(<[u8]>::to_vec)
}

fn number(doc: &Document, object: &Object) -> Option<f32> {
    doc.dereference(object)
        .ok()
        .and_then(|(_, o)| o.as_float().ok())
        .filter(|n| n.is_finite())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
