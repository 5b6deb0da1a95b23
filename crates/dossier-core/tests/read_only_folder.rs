//! The evidence folder is read-only to Dossier: scanning, tagging and searching leave
//! every byte, timestamp and permission of it as it was.

mod support;

use std::os::unix::fs::PermissionsExt;
use support::{snapshot, Env};

#[test]
fn scanning_a_read_only_folder_leaves_it_byte_for_byte_unchanged() {
    let mut env = Env::new();
    env.write("SOW/sow.md", "Statement of work");
    env.write("Ops/runbook.md", "Runbook");
    env.write("Ops/diagram.svg", "<svg><text>VPC</text></svg>");
    for entry in walkdir::WalkDir::new(&env.folder) {
        let entry = entry.unwrap();
        let mode = if entry.file_type().is_dir() {
            0o555
        } else {
            0o444
        };
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
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
