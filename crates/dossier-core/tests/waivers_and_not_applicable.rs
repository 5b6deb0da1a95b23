//! Waivers the checklists offer and controls marked not applicable: visible with their
//! reason, counted apart from gaps, and kept in the store across restarts.

mod support;

use dossier_core::coverage::ControlStatus;
use dossier_core::exemptions::WaiverKind;
use dossier_core::Dossier;
use support::Env;

const DA: &str = "data-analytics-7.1";

fn statuses(env: &Env, checklist: &str, status: ControlStatus) -> Vec<String> {
    let cov = env.dossier.coverage(checklist).unwrap();
    cov.controls
        .into_iter()
        .filter(|c| c.status == status)
        .map(|c| c.id)
        .collect()
}

#[test]
fn the_msp_switch_waives_exactly_the_controls_whose_text_says_so() {
    let mut env = Env::new();
    env.scan();
    env.dossier
        .set_waiver(
            DA,
            WaiverKind::Msp,
            Some(("Approved AWS MSP since 2024", Some("MSP-123"))),
        )
        .unwrap();
    assert_eq!(
        statuses(&env, DA, ControlStatus::Waived),
        [
            "PRID-002",
            "PRID-003",
            "PRNET-001",
            "PRSVT-001",
            "EXMON-001"
        ]
    );
    let cov = env.dossier.coverage(DA).unwrap();
    let prid = cov.controls.iter().find(|c| c.id == "PRID-002").unwrap();
    assert_eq!(
        prid.exempt_reason.as_deref(),
        Some("Approved AWS MSP since 2024")
    );
    assert_eq!((cov.waived, cov.gap), (5, 44));
    assert!(!cov.gaps.contains(&"PRID-002".to_string()));

    env.dossier.set_waiver(DA, WaiverKind::Msp, None).unwrap();
    assert!(
        statuses(&env, DA, ControlStatus::Waived).is_empty(),
        "switched off again"
    );
}

#[test]
fn the_ftr_switch_waives_the_common_practice_section_in_that_checklist_only() {
    let mut env = Env::new();
    env.scan();
    env.dossier
        .set_waiver(
            DA,
            WaiverKind::Ftr,
            Some(("FTR approved for the offering", Some("FTR-2026-0042"))),
        )
        .unwrap();
    let cov = env.dossier.coverage(DA).unwrap();
    let waived: Vec<_> = cov
        .controls
        .iter()
        .filter(|c| c.status == ControlStatus::Waived)
        .collect();
    assert!(!waived.is_empty());
    assert!(waived
        .iter()
        .all(|c| c.section == "Common AWS Partner Practice Requirements"));
    let section = cov
        .sections
        .iter()
        .find(|s| s.title == "Common AWS Partner Practice Requirements")
        .unwrap();
    assert_eq!(
        (section.waived, section.gap, section.percent),
        (waived.len(), 0, 100.0)
    );
    assert!(statuses(&env, "generative-ai-2025-08", ControlStatus::Waived).is_empty());
}

#[test]
fn not_applicable_is_kept_across_restarts_and_refuses_unknown_controls() {
    let mut env = Env::new();
    env.scan();
    env.dossier
        .set_not_applicable(
            DA,
            "prdo-008",
            Some("No data governance engagements in scope"),
        )
        .unwrap();
    let reopened = Dossier::open(&env.db).unwrap();
    let cov = reopened.coverage(DA).unwrap();
    let prdo = cov.controls.iter().find(|c| c.id == "PRDO-008").unwrap();
    assert_eq!(prdo.status, ControlStatus::NotApplicable);
    assert_eq!(cov.not_applicable, 1);

    let err = env
        .dossier
        .set_not_applicable(DA, "PRDO-09", Some("x"))
        .unwrap_err();
    assert_eq!(err.code(), "unknown_control");
    let err = env
        .dossier
        .set_not_applicable(DA, "PRDO-008", Some("  "))
        .unwrap_err();
    assert_eq!(err.code(), "missing_text");
    let err = env
        .dossier
        .set_not_applicable(DA, "GENAIPR-001", Some("not in this checklist"))
        .unwrap_err();
    assert_eq!(
        err.code(),
        "unknown_control",
        "a control of another checklist is refused"
    );

    env.dossier
        .set_not_applicable(DA, "PRDO-008", None)
        .unwrap();
    assert!(statuses(&env, DA, ControlStatus::NotApplicable).is_empty());
}
