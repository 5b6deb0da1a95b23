//! The checklist data file loader: any text gives a checklist or a clear error, and a
//! checklist it accepts writes back to TOML and loads again unchanged.
#![no_main]

use dossier_core::catalog::load::{from_toml, to_toml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(checklist) = from_toml("fuzz.toml", text) {
        let again = to_toml(&checklist).expect("an accepted checklist serialises");
        assert_eq!(from_toml("fuzz.toml", &again).ok(), Some(checklist));
    }
});
