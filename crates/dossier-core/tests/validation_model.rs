//! The rest of the reviewer's questions: items answered by a presenter rather than a file,
//! evidence too old for the checklist's window, the prerequisites panel, and a clean WAFR
//! report standing in for a customer example's evidence.

mod support;

use dossier_core::coverage::{ControlCoverage, ControlStatus};
use dossier_core::examples::CustomerExample;
use dossier_core::prerequisites::PrerequisiteState;
use dossier_core::Dossier;
use std::path::Path;
use support::Env;

const DA: &str = "data-analytics-7.1";
const GENAI: &str = "generative-ai-2025-08";

fn control(env: &Env, checklist: &str, id: &str) -> ControlCoverage {
    let cov = env.dossier.coverage(checklist).unwrap();
    cov.controls.into_iter().find(|c| c.id == id).unwrap()
}

#[test]
fn a_presentation_is_answered_by_who_will_deliver_it() {
    let mut env = Env::new();
    env.scan();
    let pov = control(&env, DA, "POV-001");
    assert!(pov.items[0].attestable, "{}", pov.items[0].text);
    assert_eq!(pov.status, ControlStatus::Gap);
    env.dossier
        .set_attestation(
            &"POV-001#1".parse().unwrap(),
            Some(("Dana Lee, BD executive", Some("15-minute deck"))),
        )
        .unwrap();
    let pov = control(&env, DA, "POV-001");
    assert_eq!(pov.status, ControlStatus::Covered);
    assert_eq!(
        pov.items[0].attestation.as_ref().unwrap().presenter,
        "Dana Lee, BD executive"
    );
    assert!(pov.files.is_empty(), "shown apart from file evidence");

    let err = env
        .dossier
        .set_attestation(&"PRJ-003#1".parse().unwrap(), Some(("someone", None)))
        .unwrap_err();
    assert_eq!(err.code(), "not_attestable", "a SOW template is a document");
    env.dossier
        .set_attestation(&"POV-001#1".parse().unwrap(), None)
        .unwrap();
    assert_eq!(control(&env, DA, "POV-001").status, ControlStatus::Gap);
}

#[test]
fn evidence_older_than_the_checklist_window_does_not_count_until_confirmed() {
    let mut env = Env::new();
    env.write("events-2023.md", "Lunch and learn log");
    env.scan();
    env.tag("events-2023.md", &["POV-002#1"]);
    let file = Path::new("events-2023.md");
    env.dossier
        .set_freshness(file, Some("2023-05-01"), false)
        .unwrap();
    let pov = control(&env, DA, "POV-002");
    assert!(
        !pov.items[0].covered,
        "\"in last 12 months\": a 2023 log is stale"
    );
    assert_eq!(pov.items[0].stale_files, ["events-2023.md"]);

    env.dossier
        .set_freshness(file, Some("2023-05-01"), true)
        .unwrap();
    assert!(
        control(&env, DA, "POV-002").items[0].covered,
        "confirmed current by the user"
    );
    env.dossier.set_freshness(file, None, false).unwrap();
    assert!(
        control(&env, DA, "POV-002").items[0].covered,
        "modified just now: fresh"
    );
    let err = env
        .dossier
        .set_freshness(file, Some("May 2023"), false)
        .unwrap_err();
    assert_eq!(err.code(), "bad_date");
}

#[test]
fn prerequisites_are_a_panel_kept_across_restarts() {
    let mut env = Env::new();
    env.scan();
    let panel = env.dossier.prerequisites(DA).unwrap();
    assert_eq!(panel.len(), 12);
    assert!(panel.iter().all(|p| p.state == PrerequisiteState::Unknown));
    env.dossier
        .set_prerequisite(
            DA,
            "4.1",
            PrerequisiteState::Met,
            Some("4 certified: see roster, expiry 2027"),
            None,
        )
        .unwrap();
    let reopened = Dossier::open(&env.db).unwrap();
    let p41 = reopened
        .prerequisites(DA)
        .unwrap()
        .into_iter()
        .find(|p| p.id == "4.1")
        .unwrap();
    assert_eq!(
        (p41.state, p41.value.as_deref()),
        (
            PrerequisiteState::Met,
            Some("4 certified: see roster, expiry 2027")
        )
    );
    let err = env
        .dossier
        .set_prerequisite(DA, "9.9", PrerequisiteState::Met, None, None)
        .unwrap_err();
    assert_eq!(err.code(), "unknown_prerequisite");
}

#[test]
fn a_clean_wafr_report_replaces_an_examples_common_customer_example_evidence() {
    let mut env = Env::new();
    env.write(
        "Customers/Acme/wafr-export.pdf.md",
        "WAFR: 0 HRIs in Security, OpEx, Reliability",
    );
    env.scan();
    let acme = CustomerExample {
        id: 0,
        name: "Acme".into(),
        customer: "Acme Corp".into(),
        industry: "Retail".into(),
        case_study_url: None,
        go_live: Some("2026-02-01".into()),
        folder: Some("Customers/Acme".into()),
        wafr_report: None,
    };
    env.dossier.save_example(&acme).unwrap();
    assert_eq!(control(&env, GENAI, "OPE-002").status, ControlStatus::Gap);
    env.dossier
        .save_example(&CustomerExample {
            wafr_report: Some("Customers/Acme/wafr-export.pdf.md".into()),
            ..acme
        })
        .unwrap();
    let ope = control(&env, GENAI, "OPE-002");
    assert_eq!(
        ope.status,
        ControlStatus::Covered,
        "the GenAI checklist accepts the WAFR report"
    );
    assert_eq!(
        ope.examples.unwrap().examples[0].files,
        ["Customers/Acme/wafr-export.pdf.md"]
    );
    assert_eq!(
        control(&env, DA, "OPE-002").status,
        ControlStatus::Gap,
        "the Data and Analytics checklist offers no WAFR waiver"
    );
}

#[test]
fn a_case_study_older_than_eighteen_months_does_not_count() {
    let mut env = Env::new();
    env.write("Customers/Old/architecture.svg", "<svg/>");
    env.scan();
    let old = CustomerExample {
        id: 0,
        name: "Old".into(),
        customer: "Old Co".into(),
        industry: "Retail".into(),
        case_study_url: None,
        go_live: Some("2023-01-15".into()),
        folder: Some("Customers/Old".into()),
        wafr_report: None,
    };
    env.dossier.save_example(&old).unwrap();
    env.tag("Customers/Old/architecture.svg", &["DOC-001"]);
    let cov = env.dossier.coverage(DA).unwrap();
    assert_eq!(
        cov.stale_examples,
        ["Old"],
        "deployments within the past 18 months only"
    );
    let doc = cov.controls.iter().find(|c| c.id == "DOC-001").unwrap();
    assert_eq!(doc.status, ControlStatus::Gap);
    assert!(doc.examples.as_ref().unwrap().examples[0].stale);

    env.dossier
        .save_example(&CustomerExample {
            go_live: Some("2026-06-01".into()),
            ..old
        })
        .unwrap();
    assert_eq!(control(&env, DA, "DOC-001").status, ControlStatus::Covered);
}

/// One application as a practice lead would set it up, with every rule of the validation
/// model in play, and the exact status of each control it touches.
#[test]
fn a_realistic_application_gets_the_status_a_reviewer_would_give() {
    use dossier_core::exemptions::WaiverKind;
    let mut env = Env::new();
    let customers = ["Acme", "Globex", "Initech", "Umbrella"];
    for c in customers {
        env.write(&format!("Customers/{c}/architecture.svg"), "<svg/>");
    }
    env.write("Customers/Globex/wafr-report.md", "WAFR export: 0 HRIs");
    env.write("Security/account-governance-sop.md", "SOP");
    env.write("Practice/events-2023.md", "Education events of 2023");
    env.scan();
    for (c, go_live) in
        customers
            .iter()
            .zip(["2026-02-01", "2026-03-01", "2026-04-01", "2023-01-01"])
    {
        env.dossier
            .save_example(&CustomerExample {
                id: 0,
                name: c.to_string(),
                customer: format!("{c} Corp"),
                industry: "Retail".into(),
                case_study_url: None,
                go_live: Some(go_live.into()),
                folder: Some(format!("Customers/{c}")),
                wafr_report: (*c == "Globex")
                    .then(|| "Customers/Globex/wafr-report.md".to_string()),
            })
            .unwrap();
    }
    for c in customers {
        env.tag(&format!("Customers/{c}/architecture.svg"), &["DOC-001"]);
    }
    env.tag("Security/account-governance-sop.md", &["ACCT-001#1"]);
    env.tag("Practice/events-2023.md", &["POV-002#1"]);
    env.dossier
        .set_freshness(
            Path::new("Practice/events-2023.md"),
            Some("2023-06-01"),
            false,
        )
        .unwrap();
    env.dossier
        .set_attestation(
            &"POV-001#1".parse().unwrap(),
            Some(("Dana Lee, BD executive", None)),
        )
        .unwrap();
    env.dossier
        .set_waiver(GENAI, WaiverKind::Msp, Some(("Approved AWS MSP", None)))
        .unwrap();

    let status = |id: &str| control(&env, GENAI, id).status;
    // Umbrella's deployment is older than 18 months: 3 of 4 diagrams count.
    assert_eq!(status("DOC-001"), ControlStatus::Partial);
    assert_eq!(control(&env, GENAI, "DOC-001").progress, 0.75);
    // Globex's clean WAFR report stands in for its common customer-example evidence:
    // ACCT-001 needs the SOP (tagged) and one example (Globex, by WAFR).
    assert_eq!(status("ACCT-001"), ControlStatus::Covered);
    assert_eq!(status("OPE-002"), ControlStatus::Covered);
    // The presentation is attested.
    assert_eq!(status("POV-001"), ControlStatus::Covered);
    // A 2023 events log is outside "in last 12 months": POV-002 has nothing that counts.
    assert_eq!(status("POV-002"), ControlStatus::Gap);
    let cov = env.dossier.coverage(GENAI).unwrap();
    assert_eq!(cov.stale_examples, ["Umbrella"]);
    // The MSP switch only waives controls whose text offers it: none in this checklist,
    // five in Data and Analytics.
    assert_eq!(cov.waived, 0);
    env.dossier
        .set_waiver(DA, WaiverKind::Msp, Some(("Approved AWS MSP", None)))
        .unwrap();
    assert_eq!(env.dossier.coverage(DA).unwrap().waived, 5);
}
