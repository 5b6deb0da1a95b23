//! Scanning a folder: what gets listed, what gets read, and what a rescan re-reads.

mod support;

use dossier_core::events::IndexEvent;
use dossier_core::evidence::kind::FileKind;
use dossier_core::evidence::status::FileStatus;
use support::Env;

#[test]
fn scan_lists_every_file_with_its_kind_and_status() {
    let mut env = Env::new();
    env.write(
        "Runbooks/ops-runbook.md",
        "# Runbook\nEscalation and recovery steps.",
    );
    env.write("diagrams/arch.svg", "<svg><text>VPC</text></svg>");
    env.write("photo.png", "not really a png");
    let (summary, _) = env.scan();
    assert_eq!((summary.files, summary.new), (3, 3));
    let files = env.files();
    assert_eq!(files["Runbooks/ops-runbook.md"].kind, FileKind::Text);
    assert_eq!(files["diagrams/arch.svg"].kind, FileKind::Diagram);
    assert_eq!(files["photo.png"].kind, FileKind::Image);
    assert!(
        files.values().all(|f| f.status == FileStatus::Ok),
        "{files:?}"
    );
    assert!(files
        .values()
        .all(|f| f.hash.as_ref().is_some_and(|h| h.len() == 64)));
}

#[test]
fn rescan_reads_only_new_and_changed_files() {
    let mut env = Env::new();
    env.write("a.md", "alpha");
    env.write("b.md", "beta");
    env.scan();
    let (again, events) = env.scan();
    assert_eq!((again.unchanged, again.new, again.changed), (2, 0, 0));
    assert!(!events
        .iter()
        .any(|e| matches!(e, IndexEvent::FileChanged { .. })));

    env.write("b.md", "beta, now longer");
    env.write("c.md", "gamma");
    let (third, events) = env.scan();
    assert_eq!((third.unchanged, third.changed, third.new), (1, 1, 1));
    assert!(events.contains(&IndexEvent::FileChanged {
        path: "b.md".into()
    }));
    assert!(events.contains(&IndexEvent::FileAdded {
        path: "c.md".into()
    }));
    let hits = env.dossier.search("longer", 10).unwrap();
    assert_eq!(hits.len(), 1, "the changed text is searchable");
}

#[test]
fn hidden_files_and_office_lock_files_are_skipped() {
    let mut env = Env::new();
    env.write(".git/config", "[core]");
    env.write(".DS_Store", "x");
    env.write("SOW/~$SOW.docx", "lock");
    env.write("SOW/SOW.md", "Statement of work");
    env.scan();
    assert_eq!(env.files().keys().collect::<Vec<_>>(), ["SOW/SOW.md"]);
}

#[test]
fn search_finds_words_in_names_and_text_with_ligatures_normalised() {
    let mut env = Env::new();
    env.write(
        "rca/2024-incident.md",
        "Root cause: a certiﬁcate expired. Corrective actions follow.",
    );
    env.write("notes.md", "Nothing relevant here.");
    env.scan();
    let hits = env.dossier.search("root cause certificate", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].path, "rca/2024-incident.md");
    assert!(
        hits[0].snippet.contains('['),
        "matches are marked: {}",
        hits[0].snippet
    );
    let by_name = env.dossier.search("incident", 10).unwrap();
    assert_eq!(by_name[0].path, "rca/2024-incident.md");
}

#[test]
fn a_folder_that_vanished_is_a_clear_error() {
    let mut env = Env::new();
    let gone = env.dir.path().join("gone");
    let err = env
        .dossier
        .scan(&gone, &env.pool, &Default::default(), &mut |_| {})
        .unwrap_err();
    assert_eq!(err.code(), "folder_missing");
    assert!(err.to_string().contains("does not exist"), "{err}");
}

#[test]
fn commands_before_any_scan_say_to_scan_first() {
    let env = Env::new();
    let err = env.dossier.files(&Default::default()).unwrap_err();
    assert_eq!(err.code(), "no_folder");
    assert!(err.to_string().contains("dossier scan"));
}

#[test]
fn previews_and_paths_are_only_given_for_files_inside_the_folder() {
    let mut env = Env::new();
    env.write("runbook.md", "# Runbook\nEscalation");
    env.write("gone.md", "soon deleted");
    env.scan();
    env.tag("gone.md", &["OPE-002"]);
    std::fs::remove_file(env.path("gone.md")).unwrap();
    env.scan();

    let preview = env
        .dossier
        .preview(std::path::Path::new("runbook.md"))
        .unwrap();
    assert_eq!(
        preview,
        dossier_core::preview::Preview::Markdown {
            text: "# Runbook\nEscalation".into(),
            truncated: false
        }
    );
    for outside in ["../secret.md", "/etc/passwd"] {
        let err = env
            .dossier
            .absolute_path(std::path::Path::new(outside))
            .unwrap_err();
        assert_eq!(err.code(), "outside_folder", "{outside}");
    }
    let err = env
        .dossier
        .preview(std::path::Path::new("gone.md"))
        .unwrap_err();
    assert_eq!(err.code(), "file_missing");
}
