//! Story tests for the causes of lost or garbled PDF text seen on real files, each on a
//! small PDF written here, read through `extract` as the worker reads it.

use crate::evidence::kind::FileKind;
use crate::extract::{extract, ExtractError};
use std::io::Write;

/// Monospaced widths (500 per code, 32..=126): positions in the tests are easy to compute.
fn widths() -> String {
    format!(
        "/FirstChar 32 /LastChar 126 /Widths [{}]",
        "500 ".repeat(95)
    )
}

fn simple_font() -> String {
    format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding {} >>",
        widths()
    )
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// A one-page PDF of `content` (shown with font /F1, object 4).
fn pdf(font: &str, content: &[u8]) -> Vec<u8> {
    pdf_with(font, stream("", content), &[], "", "")
}

/// A one-page PDF: object 4 is font /F1, object 5 the content stream, `extra` objects are
/// numbered from 6; `resources` and `page` add entries to the page's dictionaries.
fn pdf_with(
    font: &str,
    content: Vec<u8>,
    extra: &[Vec<u8>],
    resources: &str,
    page: &str,
) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 4 0 R >> {resources} >> /Contents 5 0 R {page} >>"
        )
        .into_bytes(),
        font.as_bytes().to_vec(),
        content,
    ];
    objects.extend_from_slice(extra);
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn text_of(bytes: &[u8]) -> Result<String, ExtractError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evidence.pdf");
    std::fs::write(&path, bytes).unwrap();
    extract(&path, FileKind::Pdf)
}

/// A CID font (Identity-H, two-byte codes) mapping codes 1..=n to `letters`.
fn cid_font(letters: &str, widths: &str) -> (String, Vec<Vec<u8>>) {
    let mut map = String::new();
    for (i, c) in letters.chars().enumerate() {
        map.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, c as u32));
    }
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
         {} beginbfchar\n{map}endbfchar\nendcmap end end",
        letters.chars().count()
    );
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H \
                /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>"
        .to_string();
    let descendant = format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
         /DW 1000 /W [1 [{widths}]] >>"
    );
    (
        font,
        vec![stream("", cmap.as_bytes()), descendant.into_bytes()],
    )
}

#[test]
fn a_word_drawn_piece_by_piece_stays_whole() {
    // Google Docs exports place every few glyphs on their own, each exactly where the last
    // ended; pdf-extract broke "Example document" into "Exa mp le do cumen t".
    let (font, extra) = cid_font("Example documnt", &"500 ".repeat(15));
    // Codes: E=1 x=2 a=3 m=4 p=5 l=6 e=7 ' '=8 d=9 o=10 c=11 u=12 n=14 t=15.
    let content = b"BT /F1 20 Tf 72 700 Td\n\
        [<000100020003>] TJ 30 0 Td [<00040005>] TJ 20 0 Td [<00060007>] TJ 20 0 Td\n\
        [<0008>] TJ 10 0 Td [<0009000A>] TJ 20 0 Td [<000B000C00040007000E>] TJ 50 0 Td\n\
        [<000F>] TJ ET";
    assert_eq!(
        text_of(&pdf_with(&font, stream("", content), &extra, "", "")).unwrap(),
        "Example document"
    );
}

#[test]
fn words_on_turned_text_keep_their_space() {
    // Text set sideways (a text matrix turned a quarter) with its word gaps as TJ offsets
    // and no space characters; pdf-extract ran the words together ("CARDAIRFARE").
    let content = b"BT 0 -10 10 0 300 700 Tm /F1 1 Tf\n\
        [(CARD) -250 (AIRFARE) -250 (FOR) -250 (JOHNSON)] TJ ET";
    assert_eq!(
        text_of(&pdf(&simple_font(), content)).unwrap(),
        "CARD AIRFARE FOR JOHNSON"
    );
}

#[test]
fn the_quote_operators_show_text_on_new_lines() {
    // `'` and `"` are "next line, then show": a page written only with them is no scan.
    let content = b"BT /F1 12 Tf 14 TL 72 700 Td (Statement of Work) '\n\
        2 0 (Acceptance criteria) \" ET";
    assert_eq!(
        text_of(&pdf(&simple_font(), content)).unwrap(),
        "Statement of Work\nAcceptance criteria"
    );
}

#[test]
fn japanese_on_a_predefined_unicode_cmap_is_read() {
    // A CID font on UniJIS-UCS2-H needs no ToUnicode map: each code is the character.
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular \
                /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>";
    let descendant = b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular \
        /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /DW 1000 >>"
        .to_vec();
    // 見積書 (quotation), then a gap, then 承認 (approval).
    let content = b"BT /F1 12 Tf 72 700 Td <898B7A4D66F8> Tj 60 0 Td <627F8A8D> Tj ET";
    assert_eq!(
        text_of(&pdf_with(font, stream("", content), &[descendant], "", "")).unwrap(),
        "見積書 承認"
    );
}

#[test]
fn fonts_pdf_extract_gives_up_on_are_still_read() {
    // Fewer widths than FirstChar..LastChar, and a ToUnicode map without the letters shown
    // and no /Encoding: pdf-extract fails an assertion or panics on "missing unicode map
    // and encoding"; poppler reads the codes in the standard encoding.
    let short_widths = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
        /FirstChar 32 /LastChar 126 /Widths [278 278] >>";
    let content = b"BT /F1 12 Tf 72 700 Td (Migration runbook) Tj ET";
    assert_eq!(
        text_of(&pdf(short_widths, content)).unwrap(),
        "Migration runbook"
    );
    let partial_map = format!(
        "<< /Type /Font /Subtype /TrueType /BaseFont /Arial {} /ToUnicode 6 0 R >>",
        widths()
    );
    let cmap = stream(
        "",
        b"begincmap 1 begincodespacerange <00> <FF> endcodespacerange\n\
          1 beginbfchar <20> <0020> endbfchar endcmap",
    );
    assert_eq!(
        text_of(&pdf_with(
            &partial_map,
            stream("", content),
            &[cmap],
            "",
            ""
        ))
        .unwrap(),
        "Migration runbook"
    );
}

#[test]
fn a_damaged_spot_in_a_content_stream_costs_only_its_own_text() {
    // One unbalanced token stops lopdf's parser for the whole stream; text objects
    // before and after it are read.
    let content = b"BT /F1 12 Tf 72 700 Td (Architecture review) Tj ET\n\
        BT /F1 12 Tf 72 680 Td <zz> Tj ET\n\
        BT /F1 12 Tf 72 660 Td (Signed by the customer) Tj ET";
    assert_eq!(
        text_of(&pdf(&simple_font(), content)).unwrap(),
        "Architecture review\nSigned by the customer"
    );
}

#[test]
fn a_content_stream_whose_filter_is_a_reference_is_decoded() {
    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    deflate
        .write_all(b"BT /F1 12 Tf 72 700 Td (Disaster recovery plan) Tj ET")
        .unwrap();
    let compressed = deflate.finish().unwrap();
    let content = stream("/Filter 6 0 R", &compressed);
    let bytes = pdf_with(&simple_font(), content, &[b"/FlateDecode".to_vec()], "", "");
    assert_eq!(text_of(&bytes).unwrap(), "Disaster recovery plan");
}

#[test]
fn filled_in_form_fields_and_forms_drawn_on_the_page_are_read() {
    let field =
        b"<< /Type /Annot /Subtype /Widget /Rect [100 600 300 620] /AP << /N 7 0 R >> >>".to_vec();
    let value = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 4 0 R >> >>",
        b"/Tx BMC BT /F1 10 Tf 2 5 Td (Lucia Garzas) Tj ET EMC",
    );
    let logo = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 200 20]",
        b"BT /F1 10 Tf 0 0 Td (Partner letterhead) Tj ET",
    );
    let content = b"BT /F1 12 Tf 72 700 Td (First name:) Tj ET q 1 0 0 1 72 740 cm /Fm1 Do Q";
    let bytes = pdf_with(
        &simple_font(),
        stream("", content),
        &[field, value, logo],
        "/XObject << /Fm1 8 0 R >>",
        "/Annots [6 0 R]",
    );
    assert_eq!(
        text_of(&bytes).unwrap(),
        "First name:\nPartner letterhead\nLucia Garzas"
    );
}
