//! A crash mid-scan leaves a consistent database: the indexer is killed (SIGKILL) at
//! different points of a scan, and after each kill the database passes SQLite's integrity
//! check, no tag is lost, and the next scan completes.

use dossier_core::store::Store;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn dossier(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.env("DOSSIER_DB", db);
    c
}

fn integrity(db: &Path) -> String {
    let store = Store::open(db).unwrap();
    store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn killing_the_indexer_mid_scan_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("evidence");
    let db = dir.path().join("dossier.sqlite");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("sow.md"), "Statement of work").unwrap();
    assert!(dossier(&db)
        .arg("scan")
        .arg(&folder)
        .status()
        .unwrap()
        .success());
    assert!(dossier(&db)
        .args(["tag", "sow.md", "PRJ-003"])
        .status()
        .unwrap()
        .success());

    for round in 0..6u64 {
        // New content each round, so every scan has real work to be killed in.
        for i in 0..400 {
            let body = format!("# Note {i} round {round}\n{}", "evidence text ".repeat(200));
            std::fs::write(folder.join(format!("note-{i:03}.md")), body).unwrap();
        }
        let mut child = dossier(&db).arg("scan").arg(&folder).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(20 + round * 45));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(integrity(&db), "ok", "round {round}");
    }

    let out = dossier(&db)
        .args(["scan", "--json"])
        .arg(&folder)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["files"], 401);
    let out = dossier(&db)
        .args(["files", "--control", "PRJ-003", "--json"])
        .output()
        .unwrap();
    let tagged: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tagged[0]["path"], "sow.md", "the tag survived every kill");
}
