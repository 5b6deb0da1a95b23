//! Validation day: the reviewer walks a checklist, the lead records each outcome. Saved as
//! it happens: a crash or a closed lid loses nothing, and the walk resumes where it was.

mod support;

use dossier_core::session::{Outcome, PaceStatus};
use dossier_core::Dossier;
use support::Env;

const GENAI: &str = "generative-ai-2025-08";

#[test]
fn outcomes_and_the_position_survive_a_restart_and_follow_ups_gather_into_an_action_list() {
    let mut env = Env::new();
    env.write("Delivery/sow.md", "Statement of work");
    env.scan();
    let s = env.dossier.start_session(GENAI, 45).unwrap();
    assert_eq!(s.planned_minutes, 45);
    assert!(s.presenting, "a new session hides private notes and paths");
    let controls: Vec<String> = env
        .dossier
        .checklist(GENAI)
        .unwrap()
        .controls()
        .map(|c| c.control.id.clone())
        .collect();

    env.dossier
        .record_outcome(
            s.id,
            &controls[2],
            Some((Outcome::FollowUp, Some("send the v2 diagram"))),
        )
        .unwrap();
    env.dossier
        .record_outcome(s.id, &controls[0], Some((Outcome::Met, Some("  "))))
        .unwrap();
    env.dossier
        .record_outcome(s.id, &controls[1], Some((Outcome::NotMet, None)))
        .unwrap();
    env.dossier
        .move_session(s.id, &controls[2].to_lowercase())
        .unwrap();
    env.dossier.set_presenting(s.id, false).unwrap();

    // The app dies; a new process opens the same store.
    drop(std::mem::replace(
        &mut env.dossier,
        Dossier::open(&env.db).unwrap(),
    ));
    env.dossier.open_folder(&env.folder).unwrap();
    let resumed = env
        .dossier
        .open_session(GENAI)
        .unwrap()
        .expect("the session is still running");
    assert_eq!(resumed.id, s.id);
    assert_eq!(
        resumed.current_control.as_deref(),
        Some(controls[2].as_str())
    );
    assert!(!resumed.presenting);
    let recorded: Vec<(&str, Outcome, Option<&str>)> = resumed
        .outcomes
        .iter()
        .map(|o| (o.control.as_str(), o.outcome, o.note.as_deref()))
        .collect();
    assert_eq!(
        recorded,
        [
            (controls[0].as_str(), Outcome::Met, None),
            (controls[1].as_str(), Outcome::NotMet, None),
            (
                controls[2].as_str(),
                Outcome::FollowUp,
                Some("send the v2 diagram")
            ),
        ],
        "in checklist order, blank notes dropped"
    );
    assert_eq!(resumed.follow_ups.len(), 1);
    assert_eq!(resumed.follow_ups[0].control, controls[2]);
    assert_eq!(resumed.pace.recorded, 3);
    assert_eq!(resumed.pace.remaining, controls.len() - 3);

    let cleared = env
        .dossier
        .record_outcome(s.id, &controls[2], None)
        .unwrap();
    assert!(cleared.follow_ups.is_empty());

    let ended = env.dossier.end_session(s.id).unwrap();
    assert!(ended.ended_at.is_some());
    assert!(env.dossier.open_session(GENAI).unwrap().is_none());
    let next = env.dossier.start_session(GENAI, 60).unwrap();
    assert_ne!(
        next.id, s.id,
        "a new session starts once the last one ended"
    );
    assert!(next.outcomes.is_empty());
}

#[test]
fn starting_twice_resumes_the_running_session() {
    let mut env = Env::new();
    env.scan();
    let a = env.dossier.start_session(GENAI, 60).unwrap();
    let b = env.dossier.start_session(GENAI, 90).unwrap();
    assert_eq!((b.id, b.planned_minutes), (a.id, 60));
}

#[test]
fn waived_and_not_applicable_controls_need_no_outcome_to_finish_the_walk() {
    let mut env = Env::new();
    env.scan();
    let walked = env.dossier.checklist(GENAI).unwrap().control_count();
    let first = env
        .dossier
        .checklist(GENAI)
        .unwrap()
        .controls()
        .next()
        .unwrap()
        .control
        .id
        .clone();
    env.dossier
        .set_not_applicable(GENAI, &first, Some("No such workload"))
        .unwrap();
    let s = env.dossier.start_session(GENAI, 60).unwrap();
    assert_eq!(s.pace.controls, walked - 1);
    assert_eq!(s.pace.status, PaceStatus::OnTrack);
}

#[test]
fn bad_session_input_is_refused_with_a_code() {
    let mut env = Env::new();
    env.scan();
    assert_eq!(
        env.dossier.start_session(GENAI, 0).unwrap_err().code(),
        "bad_duration"
    );
    assert_eq!(
        env.dossier.start_session("nope", 60).unwrap_err().code(),
        "unknown_checklist"
    );
    let s = env.dossier.start_session(GENAI, 60).unwrap();
    let err = env
        .dossier
        .record_outcome(s.id, "PRJ-03", Some((Outcome::Met, None)))
        .unwrap_err();
    assert_eq!(err.code(), "unknown_control");
    assert!(err.to_string().contains("PRJ-003"), "{err}");
    assert_eq!(
        env.dossier.session(s.id + 99).unwrap_err().code(),
        "unknown_session"
    );

    // A session belongs to the folder it was started in.
    let other = env.dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    env.dossier.open_folder(&other).unwrap();
    assert_eq!(
        env.dossier.session(s.id).unwrap_err().code(),
        "unknown_session"
    );
}
