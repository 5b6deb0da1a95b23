//! Links, pipes, devices and operating-system litter in a real folder: nothing outside the
//! folder is ever read as evidence, and no entry can hang a scan.
#![cfg(unix)]

mod support;

use dossier_core::evidence::status::FileStatus;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;
use support::Env;

/// Runs a scan on another thread and fails (instead of hanging the test run) if it does
/// not end: a hang is the bug these tests guard against.
fn scan_or_fail(mut env: Env) -> Env {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        env.scan();
        let _ = tx.send(env);
    });
    rx.recv_timeout(Duration::from_secs(120))
        .expect("the scan never finished")
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

#[test]
fn a_link_that_leaves_the_folder_is_listed_but_never_read_tagged_opened_or_found() {
    let mut env = Env::new();
    let outside = env.dir.path().join("home/.aws/credentials");
    std::fs::create_dir_all(outside.parent().unwrap()).unwrap();
    std::fs::write(&outside, "aws_secret_access_key = zebrasecretvalue").unwrap();
    env.write(
        "Runbooks/on-call runbook.md",
        "Escalation and on-call runbook",
    );
    symlink(&outside, env.path("Runbooks/credentials.txt")).unwrap();
    symlink("/etc/passwd", env.path("passwd.txt")).unwrap();
    env = scan_or_fail(env);

    for rel in ["Runbooks/credentials.txt", "passwd.txt"] {
        let f = env.file(rel);
        assert_eq!(f.status, FileStatus::OutsideFolder, "{rel}");
        assert_eq!(f.hash, None, "{rel} was hashed");
        let detail = f.detail.unwrap();
        assert!(detail.contains("outside the evidence folder"), "{detail}");
        assert!(
            !detail.contains(".aws") && !detail.contains("/etc"),
            "the target is not named: {detail}"
        );
    }
    assert!(env
        .dossier
        .search("zebrasecretvalue", 10)
        .unwrap()
        .is_empty());
    assert!(
        env.dossier.search("credentials", 10).unwrap().is_empty(),
        "not even found by name"
    );
    assert_eq!(env.dossier.search("runbook", 10).unwrap().len(), 1);

    let link = Path::new("Runbooks/credentials.txt");
    let tag = env
        .dossier
        .tag(&[link], &["OPE-002".parse().unwrap()], None, None);
    assert_eq!(tag.unwrap_err().code(), "not_evidence");
    assert_eq!(
        env.dossier.absolute_path(link).unwrap_err().code(),
        "not_evidence"
    );
    assert_eq!(
        env.dossier.preview(link).unwrap_err().code(),
        "not_evidence"
    );
    let suggested = env.dossier.suggestions(None).unwrap();
    assert!(suggested
        .iter()
        .all(|s| s.path != "Runbooks/credentials.txt"));
    assert!(suggested
        .iter()
        .any(|s| s.path == "Runbooks/on-call runbook.md"));
}

#[test]
fn a_link_to_a_file_of_the_folder_is_evidence_and_says_where_it_leads() {
    let mut env = Env::new();
    env.write(
        "Templates/SOW.md",
        "Statement of Work template: scope, deliverables",
    );
    std::fs::create_dir_all(env.path("Current")).unwrap();
    symlink("../Templates/SOW.md", env.path("Current/SOW.md")).unwrap();
    env = scan_or_fail(env);

    let link = env.file("Current/SOW.md");
    assert_eq!(link.status, FileStatus::Ok);
    assert_eq!(link.detail.as_deref(), Some("link to Templates/SOW.md"));
    assert_eq!(link.hash, env.file("Templates/SOW.md").hash);
    env.tag("Current/SOW.md", &["PRJ-003"]);
    assert!(env
        .dossier
        .absolute_path(Path::new("Current/SOW.md"))
        .is_ok());
}

#[test]
fn links_to_a_device_or_a_pipe_and_pipes_themselves_never_hang_the_scan() {
    let mut env = Env::new();
    env.write("RCA/rca.md", "Root cause analysis");
    symlink("/dev/zero", env.path("zero.pdf")).unwrap();
    mkfifo(&env.path("pipe.md"));
    symlink("pipe.md", env.path("to-pipe.md")).unwrap();
    env = scan_or_fail(env);

    let files = env.files();
    assert_eq!(files["zero.pdf"].status, FileStatus::OutsideFolder);
    assert_eq!(files["to-pipe.md"].status, FileStatus::Unreadable);
    assert!(files["to-pipe.md"]
        .detail
        .as_deref()
        .unwrap()
        .contains("pipe or device"));
    assert!(!files.contains_key("pipe.md"), "a pipe is not a document");
    assert_eq!(files["RCA/rca.md"].status, FileStatus::Ok);
}

#[test]
fn operating_system_litter_is_not_evidence() {
    let mut env = Env::new();
    env.write("Diagrams/arch.svg", "<svg/>");
    env.write("Diagrams/Thumbs.db", "thumbnail cache");
    env.write("desktop.ini", "[.ShellClassInfo]");
    env.write("Icon\r", "");
    env.write("$RECYCLE.BIN/S-1-5-21/old SOW.md", "Statement of Work");
    env.write("System Volume Information/tracking.log", "x");
    env.write(".Trashes/501/runbook.md", "runbook");
    env = scan_or_fail(env);
    assert_eq!(
        env.files().keys().collect::<Vec<_>>(),
        ["Diagrams/arch.svg"]
    );
}

#[test]
fn a_file_swapped_for_an_outside_link_after_the_scan_is_refused_when_opened() {
    let mut env = Env::new();
    env.write("SOW.md", "Statement of Work");
    env = scan_or_fail(env);
    env.tag("SOW.md", &["PRJ-003"]);
    let outside = env.dir.path().join("private.md");
    std::fs::write(&outside, "private").unwrap();
    std::fs::remove_file(env.path("SOW.md")).unwrap();
    symlink(&outside, env.path("SOW.md")).unwrap();

    let sow = Path::new("SOW.md");
    assert_eq!(
        env.dossier.absolute_path(sow).unwrap_err().code(),
        "not_evidence"
    );
    assert_eq!(env.dossier.preview(sow).unwrap_err().code(), "not_evidence");

    env = scan_or_fail(env);
    let cov = env.dossier.coverage("data-analytics-7.1").unwrap();
    let prj = cov.controls.iter().find(|c| c.id == "PRJ-003").unwrap();
    assert!(prj.files.is_empty(), "an outside link covers nothing");
    assert_eq!(prj.missing_files, ["SOW.md"], "the tag is kept and shown");
}
