//! Every tagged file gets a name in the pack that the user's system can hold: a name with
//! nothing left after cleaning gets a placeholder instead of vanishing, and long names are
//! cut by bytes, below the 255-byte limit of a file name, before the ` (2)` that keeps
//! two copies apart.

mod support;

use dossier_core::events::CancelToken;
use dossier_core::export::ExportFormat;
use std::collections::BTreeMap;
use std::io::Read;
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
    let mut files = BTreeMap::new();
    if format == ExportFormat::Zip {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(out).unwrap()).unwrap();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let name = f.name().unwrap().split_once('/').unwrap().1.to_string();
            if name.starts_with("index.") {
                continue;
            }
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            files.insert(name, text);
        }
    } else {
        for e in walkdir::WalkDir::new(out) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(out).unwrap();
                let text = std::fs::read(e.path()).unwrap();
                let text = String::from_utf8_lossy(&text).into_owned();
                files.insert(rel.to_string_lossy().into_owned(), text);
            }
        }
    }
    files.retain(|k, _| !k.starts_with("index."));
    files
}

#[test]
fn long_and_empty_names_are_packed_under_names_the_system_can_hold() {
    let env = awkward();
    let dir = env.dir.path().join("exports");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, format) in [
        ("pack", ExportFormat::Pack),
        ("pack.zip", ExportFormat::Zip),
    ] {
        let out = dir.join(name);
        let summary = env
            .dossier
            .export(DA, format, &out, &mut |_| {}, &CancelToken::default())
            .unwrap_or_else(|e| panic!("{format:?}: {} {e}", e.code()));
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
