//! The checklist importer: any bytes, taken as published text, a saved page, a markdown copy
//! or a data file (the first byte picks which), give a checklist or a clear error.
#![no_main]

use dossier_core::catalog::source::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((form, bytes)) = data.split_first() else {
        return;
    };
    let names = [
        "checklist.txt",
        "checklist.html",
        "checklist.toml",
        "checklist.md",
    ];
    let name = names[*form as usize % names.len()];
    let source = Source {
        name: name.into(),
        bytes: bytes.to_vec(),
    };
    let _ = source.checklist();
});
