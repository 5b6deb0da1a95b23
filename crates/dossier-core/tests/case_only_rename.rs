//! A case-only rename (`sow.md` → `SOW.md`) keeps the file's tags. On a case-insensitive
//! volume (APFS and HFS+ by default, NTFS) the old name still "exists" after such a rename,
//! so nothing in the scan may ask the file system whether the old path is there: it matches
//! the walk's exact names to the indexed ones, byte for byte, and a name the walk no longer
//! lists is vanished whatever `exists` would say. These tests run on a case-sensitive volume
//! and check that contract; the walk lists a name as the directory stores it, which after a
//! case-only rename is the new case on every file system.

mod support;

use std::path::Path;
use support::Env;

/// Whether the directory lists `name` as stored. Wine maps a case-only rename onto a
/// case-sensitive Linux folder as a no-op, so under Wine the rename never happens.
fn renamed(dir: &Path, name: &str) -> bool {
    let listed = std::fs::read_dir(dir)
        .unwrap()
        .any(|e| e.unwrap().file_name() == name);
    assert!(
        listed || cfg!(windows),
        "{name} not listed after the rename"
    );
    if !listed {
        eprintln!("skipped: this file system did not change the case of the name (Wine)");
    }
    listed
}

#[test]
fn a_case_only_rename_moves_the_tags_to_the_new_name() {
    let mut env = Env::new();
    env.write("Delivery/sow.md", "statement of work");
    env.scan();
    env.tag("Delivery/sow.md", &["PRJ-003"]);

    std::fs::rename(env.path("Delivery/sow.md"), env.path("Delivery/SOW.md")).unwrap();
    if !renamed(&env.path("Delivery"), "SOW.md") {
        return;
    }
    let (summary, _) = env.scan();

    assert_eq!((summary.moved, summary.missing, summary.new), (1, 0, 0));
    let files = env.files();
    assert_eq!(files.keys().collect::<Vec<_>>(), ["Delivery/SOW.md"]);
    assert_eq!(files["Delivery/SOW.md"].tags, ["PRJ-003"]);
}

#[test]
fn a_case_only_rename_with_an_edit_keeps_the_tags_by_file_identity() {
    let mut env = Env::new();
    env.write("runbook.md", "restore steps");
    env.scan();
    env.tag("runbook.md", &["OPE-002"]);

    std::fs::rename(env.path("runbook.md"), env.path("Runbook.md")).unwrap();
    if !renamed(&env.folder, "Runbook.md") {
        return;
    }
    std::fs::write(env.path("Runbook.md"), "restore steps, reviewed").unwrap();
    let (summary, _) = env.scan();

    assert_eq!((summary.moved, summary.missing), (1, 0));
    assert_eq!(env.file("Runbook.md").tags, ["OPE-002"]);
}
