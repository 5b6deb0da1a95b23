//! Suggested tags in use: proposed with a reason, never applied silently, rejections
//! remembered for the file (through renames), images flagged rather than guessed.

mod support;

use dossier_core::examples::CustomerExample;
use dossier_core::suggest::{FileSuggestions, STRONG};
use std::path::Path;
use support::Env;

const RCA: &str = "Incident report. Impact: dashboards stale for six hours. Timeline of events. \
    Root cause: an expired credential. Contributing factors and corrective actions: rotate \
    secrets automatically; lessons learned shared with the team.";

fn of(env: &Env, path: &str) -> FileSuggestions {
    env.dossier
        .suggestions(Some(Path::new(path)))
        .unwrap()
        .remove(0)
}

fn controls(f: &FileSuggestions) -> Vec<&str> {
    f.suggestions.iter().map(|s| s.control.as_str()).collect()
}

#[test]
fn a_rejected_suggestion_stays_rejected_for_that_file_even_renamed() {
    let mut env = Env::new();
    env.write("Operations/RCA - ETL outage.md", RCA);
    env.scan();
    let first = of(&env, "Operations/RCA - ETL outage.md");
    assert_eq!(first.suggestions[0].control, "PRFM-001", "{first:?}");
    assert!(first.suggestions[0].reason.contains("root cause"));
    assert!(
        env.file("Operations/RCA - ETL outage.md").tags.is_empty(),
        "never applied silently"
    );

    env.dossier
        .reject_suggestion(Path::new("Operations/RCA - ETL outage.md"), "prfm-001")
        .unwrap();
    std::fs::rename(
        env.path("Operations/RCA - ETL outage.md"),
        env.path("Operations/rca-2026-03.md"),
    )
    .unwrap();
    env.scan();
    assert!(!controls(&of(&env, "Operations/rca-2026-03.md")).contains(&"PRFM-001"));
}

#[test]
fn tagged_controls_are_not_suggested_again_and_accept_above_takes_only_strong_ones() {
    let mut env = Env::new();
    env.write("Operations/RCA - ETL outage.md", RCA);
    env.write(
        "Meetings/weekly sync.md",
        "We discussed the runbook and the SOW renewal.",
    );
    env.scan();
    let accepted = env.dossier.accept_above(STRONG).unwrap();
    assert_eq!(accepted.len(), 1, "{accepted:?}");
    assert_eq!(accepted[0].0, "Operations/RCA - ETL outage.md");
    assert!(env
        .file("Operations/RCA - ETL outage.md")
        .tags
        .contains(&"PRFM-001".to_string()));
    assert!(env.file("Meetings/weekly sync.md").tags.is_empty());
    assert!(!controls(&of(&env, "Operations/RCA - ETL outage.md")).contains(&"PRFM-001"));
}

#[test]
fn images_need_a_look_and_example_folders_say_which_example() {
    let mut env = Env::new();
    std::fs::create_dir_all(env.path("Customers/Blue Harbor")).unwrap();
    std::fs::write(
        env.path("Customers/Blue Harbor/whiteboard.png"),
        b"\x89PNG\r\n\x1a\n....",
    )
    .unwrap();
    env.write("Customers/Blue Harbor/RCA.md", RCA);
    env.scan();
    env.dossier
        .save_example(&CustomerExample {
            id: 0,
            name: "Blue Harbor".into(),
            customer: "Blue Harbor Bank".into(),
            industry: String::new(),
            case_study_url: None,
            go_live: None,
            folder: Some("Customers/Blue Harbor".into()),
            wafr_report: None,
        })
        .unwrap();
    let image = of(&env, "Customers/Blue Harbor/whiteboard.png");
    assert!(image.needs_a_look && image.suggestions.is_empty());
    let rca = of(&env, "Customers/Blue Harbor/RCA.md");
    assert_eq!(rca.example.as_deref(), Some("Blue Harbor"));
    assert_eq!(
        rca.example_reason.as_deref(),
        Some("in folder 'Customers/Blue Harbor' → customer example Blue Harbor")
    );
    let gap = env.dossier.suggestions_for("PRFM-001").unwrap();
    assert_eq!(gap[0].path, "Customers/Blue Harbor/RCA.md");
    assert_eq!(
        env.dossier.suggestions_for("NOPE-001").unwrap_err().code(),
        "unknown_control"
    );
}
