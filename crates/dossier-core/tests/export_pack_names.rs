//! Every tagged file gets a name in the pack that the user's system can hold: a name with
//! nothing left after cleaning gets a placeholder instead of vanishing, and long names are
//! cut by bytes, below the 255-byte limit of a file name, before the ` (2)` that keeps
//! two copies apart.

// Unix only: Windows cannot hold a file named with spaces alone, which this folder needs
// (long names and device names are covered on Windows by `export::names`' unit tests).
#![cfg(unix)]

mod support;

use dossier_core::export::ExportFormat;
use std::collections::BTreeMap;
use std::path::Path;
use support::Env;

const DA: &str = "data-analytics-7.1";

/// 63 four-byte emoji and `.md`: 255 bytes, the longest name a file can have.
fn long_name() -> String {
    format!("{}.md", "📄".repeat(63))
}

fn awkward() -> Env {
    let mut env = Env::new();
    env.write(&format!("Customer A/{}", long_name()), "SOW for customer A");
    env.write(&format!("Customer B/{}", long_name()), "SOW for customer B");
    env.write("Odd/  ", "a file named with two spaces");
    env.scan();
    for rel in [
        format!("Customer A/{}", long_name()),
        format!("Customer B/{}", long_name()),
        "Odd/  ".to_string(),
    ] {
        env.tag(&rel, &["PRJ-003"]);
    }
    env
}

/// Pack-relative path → content of every copy (not the report).
fn copies(format: ExportFormat, out: &Path) -> BTreeMap<String, String> {
    support::pack_files(format, out)
        .into_iter()
        .filter(|(name, _)| !name.starts_with("index."))
        .map(|(name, bytes)| (name, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

#[test]
fn long_and_empty_names_are_packed_under_names_the_system_can_hold() {
    let env = awkward();
    for (name, format) in [
        ("pack", ExportFormat::Pack),
        ("pack.zip", ExportFormat::Zip),
    ] {
        let (out, summary) = env.export(DA, format, name);
        assert_eq!(summary.files, 3, "{format:?}");
        let files = copies(format, &out);
        let mut contents: Vec<&str> = files.values().map(String::as_str).collect();
        contents.sort();
        assert_eq!(
            contents,
            [
                "SOW for customer A",
                "SOW for customer B",
                "a file named with two spaces"
            ],
            "{format:?}: {:?}",
            files.keys()
        );
        for path in files.keys() {
            for part in path.split('/') {
                assert!(
                    !part.trim().is_empty() && part.len() <= 255,
                    "{format:?}: {part:?} ({} bytes)",
                    part.len()
                );
            }
        }
        let numbered = files
            .keys()
            .filter(|k| k.ends_with(" (2).md") && k.contains("📄"))
            .count();
        assert_eq!(numbered, 1, "{format:?}: {:?}", files.keys());
    }
}
