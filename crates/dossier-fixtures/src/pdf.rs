//! PDFs written byte by byte: healthy ones with a real text layer, and the broken
//! kinds found in evidence folders (scans, encrypted, truncated, bad xref, a page
//! tree that loops, a font that lies about its widths).
//!
//! Writing the bytes directly keeps this crate free of a PDF library and makes the
//! damage exact: each broken variant differs from a valid file in one known way.

use std::io;
use std::path::Path;

/// Characters per line and lines per page of US Letter at 11 pt Helvetica: text
/// past the page edge would be invisible to `pdftotext`, so long text wraps.
const LINE_CHARS: usize = 90;
const PAGE_LINES: usize = 48;

/// The font of text documents: standard Helvetica, which every reader knows.
const HELVETICA: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/// How a PDF's objects are indexed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Xref {
    /// A classic `xref` table and `trailer`.
    Table,
    /// A cross-reference stream (PDF 1.5), whose dictionary is the trailer.
    Stream,
    /// A classic table whose every entry points seven bytes past its object, as a
    /// careless editing tool leaves it: readable only once the table is rebuilt.
    Shifted,
}

/// Writes a PDF with one page per entry of `pages` (more if an entry overflows a
/// page), its text in the standard Helvetica font so any reader can extract it.
pub fn write_pdf(path: &Path, pages: &[&str]) -> io::Result<()> {
    std::fs::write(
        path,
        assemble(&text_objects(HELVETICA, pages), "", Xref::Table),
    )
}

/// Writes a two-page PDF whose pages hold only a grey panel and an image, as a
/// scanner produces: no text layer at all.
pub fn write_image_only_pdf(path: &Path) -> io::Result<()> {
    // A 2x2 greyscale checkerboard: enough to be a real image XObject.
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0x00, 0xFF, 0xFF, 0x00],
    );
    let page = b"q 0.9 g 72 72 468 648 re f Q\nq 300 0 0 200 156 500 cm /Im1 Do Q".to_vec();
    let objects = document(image, "/XObject << /Im1 3 0 R >>", vec![page.clone(), page]);
    std::fs::write(path, assemble(&objects, "", Xref::Table))
}

/// Writes a PDF protected by the standard security handler with an unknown user
/// password: its trailer names an /Encrypt dictionary no empty password opens.
pub fn write_encrypted_pdf(path: &Path) -> io::Result<()> {
    let rc4 = format!(
        "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -3904 /O <{}> /U <{}> >>",
        "5A".repeat(32),
        "C3".repeat(32)
    );
    write_encrypted_pdf_with(path, &rc4, Xref::Table)
}

/// Writes a one-page text PDF whose trailer names `dictionary` as its /Encrypt
/// dictionary (with the /ID the security handler needs), indexed as `xref` says.
pub fn write_encrypted_pdf_with(path: &Path, dictionary: &str, xref: Xref) -> io::Result<()> {
    let mut objects = text_objects(HELVETICA, &["Confidential pricing schedule"]);
    objects.push(dictionary.as_bytes().to_vec());
    let trailer = format!(
        "/Encrypt {} 0 R /ID [<{id}> <{id}>]",
        objects.len(),
        id = "0123456789ABCDEF".repeat(2)
    );
    std::fs::write(path, assemble(&objects, &trailer, xref))
}

/// Writes the first half of a valid two-page PDF, as an interrupted download or
/// copy leaves it: no xref table and no trailer.
pub fn write_truncated_pdf(path: &Path) -> io::Result<()> {
    let whole = assemble(&sample_objects(), "", Xref::Table);
    std::fs::write(path, &whole[..whole.len() / 2])
}

/// Writes a two-page PDF whose objects are intact but whose xref table points
/// seven bytes past each of them, as a careless editing tool leaves it.
pub fn write_broken_xref_pdf(path: &Path) -> io::Result<()> {
    std::fs::write(path, assemble(&sample_objects(), "", Xref::Shifted))
}

/// Writes [`write_pdf`]'s document for `pages` with the damage of
/// [`write_broken_xref_pdf`]: every object intact, every xref entry seven bytes off.
/// Readers that rebuild the table (as `pdftotext` does) still get all the text.
pub fn write_broken_xref_text_pdf(path: &Path, pages: &[&str]) -> io::Result<()> {
    std::fs::write(
        path,
        assemble(&text_objects(HELVETICA, pages), "", Xref::Shifted),
    )
}

/// Writes a one-page PDF whose page tree is its own parent: a reader that follows
/// `/Parent` to inherit page attributes loops forever (pdf-extract does).
pub fn write_parent_cycle_pdf(path: &Path) -> io::Result<()> {
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_vec(),
        stream("", b"BT /F1 12 Tf 72 720 Td (Hello cycle) Tj ET"),
    ];
    std::fs::write(path, assemble(&objects, "", Xref::Table))
}

/// Writes a one-page text PDF whose font lists one width for a range of nine
/// characters: pdf-extract asserts that they agree, and panics.
pub fn write_lying_widths_pdf(path: &Path) -> io::Result<()> {
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 40 /Widths [500] >>";
    let objects = text_objects(font, &["Confidential pricing schedule"]);
    std::fs::write(path, assemble(&objects, "", Xref::Table))
}

fn sample_objects() -> Vec<Vec<u8>> {
    text_objects(
        HELVETICA,
        &[
            "Statement of Work: migration of the billing platform to AWS",
            "Acceptance criteria and sign-off",
        ],
    )
}

/// The objects of a text document, its font dictionary `font` being object 3.
fn text_objects(font: &str, pages: &[&str]) -> Vec<Vec<u8>> {
    let contents = pages
        .iter()
        .flat_map(|text| layout(text))
        .map(|lines| text_content(&lines))
        .collect();
    document(font.as_bytes().to_vec(), "/Font << /F1 3 0 R >>", contents)
}

/// The objects of a document: catalog (1), page tree (2), the shared resource
/// `shared` (3) that `resources` names, then a page and its content per entry.
fn document(shared: Vec<u8>, resources: &str, contents: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let page_ids: Vec<usize> = (0..contents.len()).map(|index| 4 + 2 * index).collect();
    let kids: Vec<String> = page_ids.iter().map(|id| format!("{id} 0 R")).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        )
        .into_bytes(),
        shared,
    ];
    for (content, page_id) in contents.into_iter().zip(page_ids) {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << {resources} >> /Contents {} 0 R >>",
                page_id + 1
            )
            .into_bytes(),
        );
        objects.push(stream("", &content));
    }
    objects
}

/// Wraps `text` into lines and those into pages of at most [`PAGE_LINES`]; an
/// empty text still makes one (blank) page.
fn layout(text: &str) -> Vec<Vec<String>> {
    let mut lines = Vec::new();
    for source_line in text.lines() {
        let mut line = String::new();
        for word in source_line.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > LINE_CHARS {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        return vec![Vec::new()];
    }
    lines.chunks(PAGE_LINES).map(<[String]>::to_vec).collect()
}

/// A content stream showing `lines` top-down in 11 pt Helvetica.
fn text_content(lines: &[String]) -> Vec<u8> {
    let mut content = b"BT\n/F1 11 Tf\n14 TL\n72 720 Td\n".to_vec();
    for line in lines {
        content.push(b'(');
        content.extend(win_ansi_literal(line));
        content.extend_from_slice(b") Tj\nT*\n");
    }
    content.extend_from_slice(b"ET");
    content
}

/// Encodes `text` for a PDF literal string in WinAnsiEncoding: Latin-1 letters as
/// octal escapes, characters the font lacks as `?`.
fn win_ansi_literal(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match u8::try_from(u32::from(c)) {
            Ok(b'(' | b')' | b'\\') => out.extend([b'\\', c as u8]),
            Ok(byte @ 0x20..=0x7E) => out.push(byte),
            Ok(byte @ 0xA0..=0xFF) => out.extend(format!("\\{byte:03o}").bytes()),
            _ => out.push(b'?'),
        }
    }
    out
}

/// A stream object with extra dictionary entries `dict`.
fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// Serialises `objects` (numbered from 1, the catalog first) indexed as `xref` says,
/// with `trailer_extra` entries in the trailer (or the cross-reference stream's
/// dictionary, which stands in for it).
fn assemble(objects: &[Vec<u8>], trailer_extra: &str, xref: Xref) -> Vec<u8> {
    let version = if xref == Xref::Stream { "1.5" } else { "1.4" };
    // The binary comment marks the file as binary for transfer tools, as the spec advises.
    let mut out = format!("%PDF-{version}\n%").into_bytes();
    out.extend_from_slice(b"\xE2\xE3\xCF\xD3\n");
    let mut offsets = Vec::with_capacity(objects.len());
    for (index, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", index + 1).bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref_start = out.len();
    match xref {
        Xref::Table | Xref::Shifted => {
            let shift = if xref == Xref::Shifted { 7 } else { 0 };
            let size = objects.len() + 1;
            out.extend(format!("xref\n0 {size}\n0000000000 65535 f \n").bytes());
            for offset in offsets {
                out.extend(format!("{:010} 00000 n \n", offset + shift).bytes());
            }
            out.extend(
                format!("trailer\n<< /Size {size} /Root 1 0 R {trailer_extra} >>\n").bytes(),
            );
        }
        Xref::Stream => {
            // Rows of [type, offset (4 bytes), generation (2 bytes)], the stream itself last.
            let size = objects.len() + 2;
            let mut rows = vec![0, 0, 0, 0, 0, 0xFF, 0xFF];
            for offset in offsets.into_iter().chain([xref_start]) {
                rows.push(1);
                rows.extend(
                    u32::try_from(offset)
                        .expect("a test PDF under 4 GiB")
                        .to_be_bytes(),
                );
                rows.extend([0, 0]);
            }
            let dict = format!("/Type /XRef /Size {size} /W [1 4 2] /Root 1 0 R {trailer_extra}");
            out.extend(format!("{} 0 obj\n", size - 1).bytes());
            out.extend(stream(&dict, &rows));
            out.extend_from_slice(b"\nendobj\n");
        }
    }
    out.extend(format!("startxref\n{xref_start}\n%%EOF\n").bytes());
    out
}
