//! The xref rebuild of damaged PDFs: any bytes give the file back with a table appended, or
//! nothing.
#![no_main]

use dossier_core::extract::pdf_repair::rebuild;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(rebuilt) = rebuild(data) {
        assert!(rebuilt.starts_with(data));
    }
});
