//! The parser of published checklist text: any bytes give a checklist or a clear error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dossier_core::catalog::parse::parse_bytes("fuzz", data);
});
