//! The text extractors of every format but PDF (pdf-extract is known to loop and abort on
//! hostile input; the worker processes contain that, see `extract::pool`). The first byte
//! picks the format, the rest is the file.
#![no_main]

use dossier_core::evidence::kind::FileKind;
use dossier_core::extract::extract;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const FORMATS: [(&str, FileKind); 11] = [
    ("docx", FileKind::Word),
    ("pptx", FileKind::Slides),
    ("xlsx", FileKind::Spreadsheet),
    ("csv", FileKind::Spreadsheet),
    ("drawio", FileKind::Diagram),
    ("svg", FileKind::Diagram),
    ("md", FileKind::Text),
    ("bin", FileKind::Other),
    ("vsdx", FileKind::Diagram),
    ("doc", FileKind::Word),
    ("ppt", FileKind::Slides),
];

fn dir() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temp dir"))
        .path()
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    let (ext, kind) = FORMATS[pick as usize % FORMATS.len()];
    let path = dir().join(format!("evidence.{ext}"));
    std::fs::write(&path, content).expect("write the input");
    let _ = extract(&path, kind);
});
