//! Writes realistic evidence documents for Dossier's tests and benchmarks.
//!
//! Every document is built programmatically, so tests need no binary files checked
//! in and a benchmark can generate thousands of distinct files. The formats follow
//! what real tools write closely enough that extractors meet the same structure
//! (split Word runs, reordered slides, compressed draw.io pages), and the damaged
//! PDFs reproduce the failures found in real evidence folders.
//!
//! Deliberately independent of `dossier-core`: the fixtures describe the outside
//! world, not Dossier's idea of it.

mod diagram;
mod office;
mod pdf;

pub use diagram::{write_drawio, write_svg};
pub use office::{write_docx, write_not_a_zip_docx, write_pptx, write_xlsx};
pub use pdf::{
    write_broken_xref_pdf, write_broken_xref_text_pdf, write_encrypted_pdf,
    write_encrypted_pdf_with, write_image_only_pdf, write_lying_widths_pdf, write_parent_cycle_pdf,
    write_pdf, write_truncated_pdf, Xref,
};

/// Escapes text for XML character data and attribute values.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}
