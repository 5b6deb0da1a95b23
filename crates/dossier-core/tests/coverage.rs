//! Coverage against the built-in checklists, through the same API the app uses.

mod support;

use dossier_core::coverage::ControlStatus;
use support::Env;

fn status(env: &Env, checklist: &str, id: &str) -> ControlStatus {
    let cov = env.dossier.coverage(checklist).unwrap();
    cov.controls.iter().find(|c| c.id == id).unwrap().status
}

#[test]
fn shared_control_counts_in_both_checklists() {
    let mut env = Env::new();
    env.write("Templates/SOW.md", "Default SOW template");
    env.scan();
    assert_eq!(
        status(&env, "data-analytics-7.1", "PRJ-003"),
        ControlStatus::Gap
    );
    env.tag("Templates/SOW.md", &["PRJ-003"]);
    for checklist in ["data-analytics-7.1", "generative-ai-2025-08"] {
        assert_eq!(
            status(&env, checklist, "PRJ-003"),
            ControlStatus::Covered,
            "{checklist}"
        );
    }
}

#[test]
fn item_tags_make_a_control_partial_then_covered() {
    let mut env = Env::new();
    env.write("training.md", "Example customer training documents");
    env.write(
        "sow-acceptance.md",
        "SOW language on handoff and acceptance criteria",
    );
    env.scan();
    let before = env.dossier.coverage("data-analytics-7.1").unwrap();
    env.tag("training.md", &["CSN-001#1"]);
    let cov = env.dossier.coverage("data-analytics-7.1").unwrap();
    let csn = cov.controls.iter().find(|c| c.id == "CSN-001").unwrap();
    assert_eq!(csn.status, ControlStatus::Partial);
    assert_eq!(csn.missing_items.len(), 1);
    assert!(
        csn.missing_items[0].starts_with("SOW language"),
        "{:?}",
        csn.missing_items
    );
    assert!(cov.percent > before.percent);
    assert_eq!(cov.partial, before.partial + 1);

    env.tag("sow-acceptance.md", &["CSN-001#2"]);
    assert_eq!(
        status(&env, "data-analytics-7.1", "CSN-001"),
        ControlStatus::Covered
    );
}

#[test]
fn deleting_the_only_evidence_turns_the_control_back_into_a_gap() {
    let mut env = Env::new();
    env.write("rca.md", "Root cause analysis record");
    env.scan();
    env.tag("rca.md", &["PRFM-001"]);
    assert_eq!(
        status(&env, "data-analytics-7.1", "PRFM-001"),
        ControlStatus::Covered
    );
    std::fs::remove_file(env.path("rca.md")).unwrap();
    env.scan();
    let cov = env.dossier.coverage("data-analytics-7.1").unwrap();
    let prfm = cov.controls.iter().find(|c| c.id == "PRFM-001").unwrap();
    assert_eq!(prfm.status, ControlStatus::Gap);
    assert_eq!(prfm.missing_files, ["rca.md"]);
    assert!(cov.gaps.contains(&"PRFM-001".to_string()));
}

#[test]
fn readiness_is_the_share_of_evidence_items_answered() {
    let mut env = Env::new();
    env.write("all.md", "everything");
    env.scan();
    let checklist = env.dossier.checklist("generative-ai-2025-08").unwrap();
    let ids: Vec<String> = checklist.controls().map(|c| c.control.id.clone()).collect();
    let targets: Vec<_> = ids.iter().map(|id| id.parse().unwrap()).collect();
    env.dossier
        .tag(&[std::path::Path::new("all.md")], &targets, None, None)
        .unwrap();
    let cov = env.dossier.coverage("generative-ai-2025-08").unwrap();
    assert_eq!((cov.percent, cov.covered, cov.gap), (100.0, ids.len(), 0));
    assert!(cov.sections.iter().all(|s| s.percent == 100.0));
}

#[test]
fn an_unknown_checklist_lists_the_known_ones() {
    let env = Env::new();
    let err = env.dossier.coverage("security-1.0").unwrap_err();
    assert_eq!(err.code(), "unknown_checklist");
    assert!(err.to_string().contains("data-analytics-7.1"), "{err}");
}

#[test]
fn coverage_sees_tags_written_by_this_store_and_by_another_one() {
    let mut env = Env::new();
    env.write("sow.md", "Statement of work");
    env.write("runbook.md", "Runbook");
    env.scan();
    assert_eq!(
        status(&env, "data-analytics", "PRJ-003"),
        ControlStatus::Gap
    );
    env.tag("sow.md", &["PRJ-003"]);
    assert_eq!(
        status(&env, "data-analytics", "PRJ-003"),
        ControlStatus::Covered
    );

    // Another connection (as the app's watcher or a second process has) writes a tag.
    let mut other = dossier_core::Dossier::open(&env.db).unwrap();
    other
        .tag(
            &[std::path::Path::new("runbook.md")],
            &["OPE-002".parse().unwrap()],
            None,
            None,
        )
        .unwrap();
    assert_eq!(
        status(&env, "data-analytics", "OPE-002"),
        ControlStatus::Covered
    );
}
