//! The evidence folder is read-only to Dossier: scanning, tagging and searching leave
//! every byte, timestamp and permission of it as it was.

mod support;

use support::{snapshot, Env};

/// No write permission for anyone: folders r-x, files r--.
#[cfg(unix)]
fn make_read_only(entry: &walkdir::DirEntry) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if entry.file_type().is_dir() {
        0o555
    } else {
        0o444
    };
    std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Windows has no read-only folders (the attribute on a folder means something else):
/// the files get the read-only attribute.
#[cfg(not(unix))]
fn make_read_only(entry: &walkdir::DirEntry) {
    if entry.file_type().is_file() {
        let mut permissions = entry.metadata().unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(entry.path(), permissions).unwrap();
    }
}

#[test]
fn scanning_a_read_only_folder_leaves_it_byte_for_byte_unchanged() {
    let mut env = Env::new();
    env.write("SOW/sow.md", "Statement of work");
    env.write("Ops/runbook.md", "Runbook");
    env.write("Ops/diagram.svg", "<svg><text>VPC</text></svg>");
    for entry in walkdir::WalkDir::new(&env.folder) {
        make_read_only(&entry.unwrap());
    }
    let before = snapshot(&env.folder);

    env.scan();
    env.tag("SOW/sow.md", &["PRJ-003"]);
    env.dossier.search("runbook", 10).unwrap();
    env.scan();

    assert_eq!(snapshot(&env.folder), before);
    assert!(
        env.db.exists() && !env.db.starts_with(&env.folder),
        "the store lives elsewhere"
    );
}
