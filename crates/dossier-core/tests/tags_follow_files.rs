//! "Nothing is lost": tags survive renames and moves, deleted evidence stays visible as
//! missing, identical copies are duplicates, never merged.

mod support;

use dossier_core::events::IndexEvent;
use dossier_core::evidence::status::FileStatus;
use std::fs;
use std::path::Path;
use support::Env;

#[test]
fn rename_while_closed_keeps_tags() {
    let mut env = Env::new();
    env.write(
        "SOW template.md",
        "Statement of work: scope, deliverables, fees.",
    );
    env.scan();
    env.tag("SOW template.md", &["PRJ-003"]);
    fs::rename(env.path("SOW template.md"), env.path("SOW-template-v2.md")).unwrap();
    let (summary, events) = env.scan();
    assert_eq!((summary.moved, summary.new, summary.missing), (1, 0, 0));
    assert!(events.contains(&IndexEvent::FileMoved {
        from: "SOW template.md".into(),
        to: "SOW-template-v2.md".into()
    }));
    assert_eq!(env.file("SOW-template-v2.md").tags, ["PRJ-003"]);
}

#[test]
fn move_into_another_folder_keeps_tags() {
    let mut env = Env::new();
    env.write("inbox/runbook.md", "Runbook for operations");
    env.scan();
    env.tag("inbox/runbook.md", &["OPE-002", "OPE-001#1"]);
    fs::create_dir_all(env.path("Operations/2024")).unwrap();
    fs::rename(
        env.path("inbox/runbook.md"),
        env.path("Operations/2024/runbook.md"),
    )
    .unwrap();
    env.scan();
    let files = env.files();
    assert!(!files.contains_key("inbox/runbook.md"));
    assert_eq!(
        files["Operations/2024/runbook.md"].tags,
        ["OPE-001#1", "OPE-002"]
    );
}

#[cfg(target_os = "linux")]
#[test]
fn rename_and_edit_while_closed_keeps_tags_by_file_identity() {
    let mut env = Env::new();
    env.write("rca.md", "RCA draft");
    env.scan();
    env.tag("rca.md", &["PRFM-001"]);
    fs::rename(env.path("rca.md"), env.path("rca-final.md")).unwrap();
    fs::write(
        env.path("rca-final.md"),
        "RCA final, with corrective actions",
    )
    .unwrap();
    let (summary, _) = env.scan();
    assert_eq!(summary.moved, 1, "same inode and birth time: the same file");
    assert_eq!(env.file("rca-final.md").tags, ["PRFM-001"]);
}

#[test]
fn deleted_tagged_file_is_reported_missing_until_untagged() {
    let mut env = Env::new();
    env.write("diagram.svg", "<svg><text>ALB</text></svg>");
    env.write("scratch.md", "untagged");
    env.scan();
    env.tag("diagram.svg", &["DOC-001"]);
    fs::remove_file(env.path("diagram.svg")).unwrap();
    fs::remove_file(env.path("scratch.md")).unwrap();
    let (summary, events) = env.scan();
    assert_eq!((summary.missing, summary.removed), (1, 1));
    assert!(events.contains(&IndexEvent::FileMissing {
        path: "diagram.svg".into()
    }));
    let missing = env.file("diagram.svg");
    assert_eq!(
        (missing.status, missing.tags.as_slice()),
        (FileStatus::Missing, &["DOC-001".to_string()][..])
    );
    assert!(
        !env.files().contains_key("scratch.md"),
        "untagged deleted files leave the index"
    );

    // A later scan does not forget it either.
    env.scan();
    assert_eq!(env.file("diagram.svg").status, FileStatus::Missing);

    let removed = env
        .dossier
        .untag(&[Path::new("diagram.svg")], &["DOC-001".parse().unwrap()])
        .unwrap()
        .delta;
    assert_eq!(removed, -1);
    env.scan();
    assert!(
        !env.files().contains_key("diagram.svg"),
        "untagged missing file is dropped"
    );
}

#[test]
fn a_missing_file_that_comes_back_gets_its_tags_back() {
    let mut env = Env::new();
    env.write("plan.md", "Training plan");
    env.scan();
    env.tag("plan.md", &["POV-005"]);
    let saved = fs::read(env.path("plan.md")).unwrap();
    fs::remove_file(env.path("plan.md")).unwrap();
    env.scan();
    fs::create_dir(env.path("restored")).unwrap();
    fs::write(env.path("restored/plan.md"), saved).unwrap();
    let (summary, _) = env.scan();
    assert_eq!((summary.moved, summary.missing), (1, 0));
    assert_eq!(env.file("restored/plan.md").tags, ["POV-005"]);
}

#[test]
fn identical_copies_are_reported_as_duplicates_not_merged() {
    let mut env = Env::new();
    env.write("a/SOW.md", "same bytes");
    env.scan();
    env.tag("a/SOW.md", &["PRJ-003"]);
    env.write("b/SOW copy.md", "same bytes");
    let (summary, _) = env.scan();
    assert_eq!((summary.new, summary.moved, summary.duplicates), (1, 0, 1));
    let files = env.files();
    assert_eq!(files["a/SOW.md"].copies, ["b/SOW copy.md"]);
    assert_eq!(files["a/SOW.md"].tags, ["PRJ-003"]);
    assert!(
        files["b/SOW copy.md"].tags.is_empty(),
        "the copy has its own (no) tags"
    );
}

#[test]
fn two_identical_tagged_files_moved_together_keep_their_own_tags() {
    let mut env = Env::new();
    env.write("x/one.md", "twin");
    env.write("x/two.md", "twin");
    env.scan();
    env.tag("x/one.md", &["PRJ-001"]);
    env.tag("x/two.md", &["PRJ-002"]);
    fs::rename(env.path("x"), env.path("y")).unwrap();
    let (summary, _) = env.scan();
    assert_eq!(summary.moved, 2);
    let mut tags: Vec<_> = env.files().into_values().flat_map(|f| f.tags).collect();
    tags.sort();
    assert_eq!(tags, ["PRJ-001", "PRJ-002"], "no tag lost or doubled");
}

#[test]
fn tagging_an_unknown_control_is_refused_with_the_closest_ids() {
    let mut env = Env::new();
    env.write("sow.md", "x");
    env.scan();
    let err = env
        .dossier
        .tag(
            &[Path::new("sow.md")],
            &["PRJ-03".parse().unwrap()],
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(err.code(), "unknown_control");
    assert!(err.to_string().contains("PRJ-003"), "{err}");
    assert!(env.file("sow.md").tags.is_empty(), "nothing written");
}

#[test]
fn files_are_named_relative_or_absolute_but_never_outside_the_folder() {
    let mut env = Env::new();
    env.write("docs/sow.md", "x");
    env.scan();
    let abs = env.path("docs/sow.md");
    env.dossier
        .tag(
            &[&abs],
            &["PRJ-003".parse().unwrap()],
            Some("v2 template"),
            None,
        )
        .unwrap();
    assert_eq!(env.file("docs/sow.md").tags, ["PRJ-003"]);
    let outside = env.dir.path().join("elsewhere.md");
    fs::write(&outside, "x").unwrap();
    let err = env
        .dossier
        .tag(&[&outside], &["PRJ-003".parse().unwrap()], None, None)
        .unwrap_err();
    assert_eq!(err.code(), "outside_folder");
    let err = env
        .dossier
        .tag(
            &[Path::new("docs/sow.mdx")],
            &["PRJ-003".parse().unwrap()],
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(err.code(), "file_not_indexed");
    assert!(
        err.to_string().contains("did you mean docs/sow.md"),
        "{err}"
    );
}

#[test]
fn tagging_many_files_at_once_can_be_undone_exactly() {
    let mut env = Env::new();
    env.write("a.md", "a");
    env.write("b.md", "b");
    env.scan();
    let note = Some("reviewed");
    let first = env
        .dossier
        .tag(
            &[Path::new("a.md")],
            &["PRJ-003".parse().unwrap()],
            note,
            None,
        )
        .unwrap();
    assert_eq!(first.delta, 1);
    let change = env
        .dossier
        .tag(
            &[Path::new("a.md"), Path::new("b.md")],
            &["PRJ-003".parse().unwrap(), "PRJ-002".parse().unwrap()],
            Some("batch"),
            None,
        )
        .unwrap();
    assert_eq!((change.delta, change.paths.len()), (3, 2));
    assert_eq!(env.file("b.md").tags, ["PRJ-002", "PRJ-003"]);
    env.dossier.undo(&change).unwrap();
    assert_eq!(env.file("a.md").tags, ["PRJ-003"]);
    assert!(env.file("b.md").tags.is_empty());
    let notes = env.file("a.md").notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].tag.as_str(), notes[0].note.as_str()),
        ("PRJ-003", "reviewed"),
        "the old note is back"
    );
}
