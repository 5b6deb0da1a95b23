//! A second PDF text reader: walks a page's text operators over lopdf and places every
//! string where the page draws it, so word breaks come from the gaps between glyphs (as in
//! poppler) rather than from how a producer happened to split its strings. It reads what
//! pdf-extract refuses or panics on (fonts without widths or encodings, damaged content
//! streams), the `'` and `"` operators, text inside form XObjects and filled-in form fields.

mod cmap;
mod font;
#[cfg(test)]
mod tests;

use crate::extract::MAX_CONTENT_BYTES;
use font::Font;
use pdf_extract::content::{Content, Operation};
use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

/// Most operators read from one file, whatever its pages and forms repeat: a bound on
/// the work a hostile file can ask for.
const MAX_OPERATIONS: usize = 20_000_000;
/// Forms drawn inside forms, deeper than any real file nests them.
const MAX_DEPTH: usize = 12;
/// A gap wider than this share of the font size is a word break. Kerning stays well under
/// it, the narrowest space of common fonts (about a quarter em) well over it.
const SPACE_GAP: f32 = 0.15;

/// Every page's text through this reader alone. The fuzz target calls it: unlike
/// pdf-extract, this reader may run in process, its content and font parsing included.
pub fn page_texts(bytes: &[u8]) -> Vec<String> {
    let Ok(doc) = Document::load_mem(bytes) else {
        return Vec::new();
    };
    let mut walker = Walker::new(&doc);
    doc.get_pages()
        .values()
        .map(|&id| walker.page(id))
        .collect()
}

/// Reads the text of pages, sharing the operator budget between them.
pub(super) struct Walker<'a> {
    doc: &'a Document,
    operations: usize,
}

impl<'a> Walker<'a> {
    pub(super) fn new(doc: &'a Document) -> Self {
        Walker { doc, operations: 0 }
    }

    /// The text of one page, its content first and then its filled-in form fields.
    pub(super) fn page(&mut self, page_id: ObjectId) -> String {
        let doc = self.doc;
        let mut resources = Vec::new();
        if let Ok((own, inherited)) = doc.get_page_resources(page_id) {
            resources.extend(own);
            resources.extend(
                inherited
                    .iter()
                    .filter_map(|id| doc.get_dictionary(*id).ok()),
            );
        }
        let mut page = Page::default();
        let mut content = Vec::new();
        for id in doc.get_page_contents(page_id) {
            if let Some(data) = doc
                .get_object(id)
                .ok()
                .and_then(|s| plain(doc, s.as_stream().ok()?))
            {
                content.extend_from_slice(&data);
                content.push(b'\n');
            }
        }
        self.run(&content, &resources, IDENTITY, 0, &mut page);
        for appearance in self.field_appearances(page_id) {
            page.line_break();
            self.form(appearance, &resources, IDENTITY, 0, &mut page);
        }
        page.text
    }

    /// Normal appearances of the page's visible annotations: a filled-in form shows its
    /// values there, and pdftotext reads them too.
    fn field_appearances(&self, page_id: ObjectId) -> Vec<&'a pdf_extract::Stream> {
        let doc = self.doc;
        let Ok(annots) = doc
            .get_dictionary(page_id)
            .and_then(|p| p.get_deref(b"Annots", doc))
            .and_then(Object::as_array)
        else {
            return Vec::new();
        };
        annots
            .iter()
            .take(10_000)
            .filter_map(|a| doc.dereference(a).ok()?.1.as_dict().ok())
            .filter(|a| {
                let flags = a.get(b"F").and_then(Object::as_i64).unwrap_or(0);
                flags & 2 == 0 // not hidden
            })
            .filter_map(|a| {
                let normal = a.get_deref(b"AP", doc).ok()?.as_dict().ok()?;
                let normal = normal.get_deref(b"N", doc).ok()?;
                match normal {
                    Object::Stream(s) => Some(s),
                    Object::Dictionary(states) => {
                        let state = a.get(b"AS").and_then(Object::as_name).ok()?;
                        states.get_deref(state, doc).ok()?.as_stream().ok()
                    }
                    _ => None,
                }
            })
            .collect()
    }

    fn form(
        &mut self,
        stream: &'a pdf_extract::Stream,
        parent: &[&'a Dictionary],
        ctm: Matrix,
        depth: usize,
        page: &mut Page,
    ) {
        let doc = self.doc;
        let Some(content) = plain(doc, stream) else {
            return;
        };
        let matrix = stream
            .dict
            .get_deref(b"Matrix", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|m| matrix(doc, m))
            .unwrap_or(IDENTITY);
        let mut resources: Vec<&Dictionary> = Vec::new();
        if let Ok(own) = stream
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
        {
            resources.push(own);
        }
        resources.extend_from_slice(parent);
        self.run(&content, &resources, multiply(matrix, ctm), depth + 1, page);
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        ctm: Matrix,
        depth: usize,
        page: &mut Page,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let doc = self.doc;
        let mut fonts: HashMap<Vec<u8>, Option<Font<'a>>> = HashMap::new();
        let mut state = State {
            ctm,
            ..State::default()
        };
        let mut saved = Vec::new();
        for op in operations(content) {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS || page.text.len() as u64 > MAX_CONTENT_BYTES {
                return;
            }
            let args = &op.operands;
            let num = |i: usize| args.get(i).and_then(|o| o.as_float().ok()).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if saved.len() < 1024 => saved.push(state.clone()),
                "Q" => {
                    if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix(doc, args) {
                        state.ctm = multiply(m, state.ctm);
                    }
                }
                "BT" => {
                    state.tm = IDENTITY;
                    state.tlm = IDENTITY;
                }
                "Tc" => state.char_spacing = num(0),
                "Tw" => state.word_spacing = num(0),
                "Tz" => state.h_scale = num(0) / 100.0,
                "TL" => state.leading = num(0),
                "Ts" => state.rise = num(0),
                "Tf" => {
                    state.font_size = num(1);
                    state.font = args
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(<[u8]>::to_vec);
                    if let Some(name) = &state.font {
                        fonts.entry(name.clone()).or_insert_with(|| {
                            font(doc, resources, name).map(|f| Font::new(doc, f))
                        });
                    }
                }
                "Td" => state.next_line(num(0), num(1)),
                "TD" => {
                    state.leading = -num(1);
                    state.next_line(num(0), num(1));
                }
                "Tm" => {
                    if let Some(m) = matrix(doc, args) {
                        state.tm = m;
                        state.tlm = m;
                    }
                }
                "T*" => state.next_line(0.0, -state.leading),
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "\"" {
                        state.word_spacing = num(0);
                        state.char_spacing = num(1);
                    }
                    if op.operator != "Tj" && op.operator != "TJ" {
                        state.next_line(0.0, -state.leading);
                    }
                    let font = state.font.as_ref().and_then(|n| fonts.get(n)?.as_ref());
                    let Some(font) = font else { continue };
                    for operand in args {
                        match operand {
                            Object::String(bytes, _) => state.show(font, bytes, page),
                            Object::Array(items) => {
                                for item in items {
                                    match item {
                                        Object::String(bytes, _) => state.show(font, bytes, page),
                                        other => {
                                            if let Ok(n) = other.as_float() {
                                                let tx =
                                                    -n / 1000.0 * state.font_size * state.h_scale;
                                                state.advance(tx);
                                            }
                                        }
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                "Do" => {
                    let name = args.first().and_then(|o| o.as_name().ok());
                    if let Some(stream) = name.and_then(|n| xobject(doc, resources, n)) {
                        self.form(stream, resources, state.ctm, depth, page);
                    }
                }
                _ => {}
            }
        }
    }
}

/// A page's text as it is laid out, and where the last glyph ended.
#[derive(Default)]
struct Page {
    text: String,
    /// End of the last string shown: device position, writing direction and font size.
    last: Option<Pen>,
}

#[derive(Clone, Copy)]
struct Pen {
    x: f32,
    y: f32,
    dir: (f32, f32),
    size: f32,
}

impl Page {
    fn line_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.last = None;
    }

    /// What separates a string starting at `start` from the one before: nothing, a
    /// space, or a new line.
    fn separate(&mut self, start: Pen) {
        let Some(last) = self.last else { return };
        let (dx, dy) = (start.x - last.x, start.y - last.y);
        let along = dx * last.dir.0 + dy * last.dir.1;
        let across = (last.dir.0 * dy - last.dir.1 * dx).abs();
        let size = last.size.max(start.size).max(f32::EPSILON);
        if across > 0.5 * size {
            self.line_break();
        } else if (along > SPACE_GAP * size || along < -size)
            && !self.text.ends_with(char::is_whitespace)
        {
            self.text.push(' ');
        }
    }
}

/// Text and graphics state the text operators read and change.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    tm: Matrix,
    tlm: Matrix,
    font: Option<Vec<u8>>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: IDENTITY,
            tm: IDENTITY,
            tlm: IDENTITY,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

impl State {
    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = multiply([1.0, 0.0, 0.0, 1.0, tx, ty], self.tlm);
        self.tm = self.tlm;
    }

    fn advance(&mut self, tx: f32) {
        if tx.is_finite() {
            self.tm = multiply([1.0, 0.0, 0.0, 1.0, tx, 0.0], self.tm);
        }
    }

    /// Where the pen is on the device, the direction text runs and the font's height.
    fn pen(&self) -> Pen {
        let m = multiply(self.tm, self.ctm);
        let (x, y) = apply(m, 0.0, self.rise);
        let len = (m[0] * m[0] + m[1] * m[1]).sqrt();
        let dir = if len > 0.0 {
            (m[0] / len, m[1] / len)
        } else {
            (1.0, 0.0)
        };
        let height = (m[2] * m[2] + m[3] * m[3]).sqrt();
        let size = (self.font_size * if height > 0.0 { height } else { len }).abs();
        Pen { x, y, dir, size }
    }

    fn show(&mut self, font: &Font, bytes: &[u8], page: &mut Page) {
        page.separate(self.pen());
        for (code, len) in font.codes(bytes) {
            font.push_text(code, &mut page.text);
            let mut tx = font.width(code) * self.font_size + self.char_spacing;
            if font.is_word_space(code, len) {
                tx += self.word_spacing;
            }
            self.advance(tx * self.h_scale);
        }
        page.last = Some(self.pen());
    }
}

/// `[a b c d e f]`, the PDF affine matrix.
type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: a point maps through `m` first.
fn multiply(m: Matrix, n: Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn matrix(doc: &Document, args: &[Object]) -> Option<Matrix> {
    let mut m = [0.0; 6];
    for (slot, arg) in m.iter_mut().zip(args) {
        *slot = doc.dereference(arg).ok()?.1.as_float().ok()?;
    }
    (args.len() >= 6 && m.iter().all(|v| v.is_finite())).then_some(m)
}

/// The operators of a content stream. A stream lopdf cannot parse whole (a stray byte, a
/// cut) is parsed text object by text object, so one bad spot costs only its own text.
fn operations(content: &[u8]) -> Vec<Operation> {
    // `decode` stops quietly at the first token it cannot parse; `decode_strict` says so.
    if let Ok(whole) = Content::decode_strict(content) {
        return whole.operations;
    }
    let mut ops = Vec::new();
    let mut start = 0;
    for end in text_object_ends(content) {
        if let Ok(part) = Content::decode(&content[start..end]) {
            ops.extend(part.operations);
        }
        start = end;
    }
    if let Ok(part) = Content::decode(&content[start..]) {
        ops.extend(part.operations);
    }
    ops
}

/// Offsets just past each `ET` operator.
fn text_object_ends(content: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let delimiter = |c: Option<&u8>| c.is_none_or(|c| c.is_ascii_whitespace());
    (0..content.len().saturating_sub(1)).filter_map(move |i| {
        let is_et = &content[i..i + 2] == b"ET"
            && (i == 0 || delimiter(content.get(i - 1)))
            && delimiter(content.get(i + 2));
        is_et.then_some(i + 2)
    })
}

/// A stream's decoded bytes. lopdf reads `/Filter` and `/DecodeParms` only when they are
/// written in place; some producers refer to them (`/Filter 3 0 R`), which pdftotext follows.
fn plain(doc: &Document, stream: &pdf_extract::Stream) -> Option<Vec<u8>> {
    let indirect = |key: &[u8]| matches!(stream.dict.get(key), Ok(Object::Reference(_)));
    if !indirect(b"Filter") && !indirect(b"DecodeParms") {
        return stream.get_plain_content().ok();
    }
    let mut copy = stream.clone();
    for key in [&b"Filter"[..], b"DecodeParms"] {
        if let Ok(value) = stream.dict.get_deref(key, doc) {
            copy.dict.set(key, value.clone());
        }
    }
    copy.get_plain_content().ok()
}

fn font<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    name: &[u8],
) -> Option<&'a Dictionary> {
    resource(doc, resources, b"Font", name)?.as_dict().ok()
}

fn xobject<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    name: &[u8],
) -> Option<&'a pdf_extract::Stream> {
    let stream = resource(doc, resources, b"XObject", name)?
        .as_stream()
        .ok()?;
    let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name).ok()?;
    (subtype == b"Form").then_some(stream)
}

/// The first `category`/`name` entry among the resource dictionaries, innermost first.
fn resource<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    category: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    resources.iter().find_map(|r| {
        let entries = r.get_deref(category, doc).ok()?.as_dict().ok()?;
        entries.get_deref(name, doc).ok()
    })
}
