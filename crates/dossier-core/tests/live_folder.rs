//! The watcher keeps the index current while the folder changes under it: new files
//! appear, renamed tagged files keep their tags, deleted ones are reported missing.

mod support;

use crossbeam_channel::Receiver;
use dossier_core::events::IndexEvent;
use std::time::{Duration, Instant};
use support::{watch, Env};

/// Waits (generously: this is not a latency assertion) for an event matching `want`.
fn wait_for(rx: &Receiver<IndexEvent>, want: impl Fn(&IndexEvent) -> bool) -> IndexEvent {
    let deadline = Instant::now() + Duration::from_secs(20);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(e) if want(&e) => return e,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    panic!("the expected event never came");
}

#[test]
fn watch_applies_creates_renames_and_deletes_as_they_happen() {
    let mut env = Env::new();
    env.write("sow.md", "Statement of work");
    env.scan();
    env.tag("sow.md", &["PRJ-003"]);
    // Changed while "closed": reconciled when the watch starts.
    env.write(
        "closed-while-away.md",
        "added while Dossier was not running",
    );

    let (watch, rx) = watch(&env);
    wait_for(
        &rx,
        |e| matches!(e, IndexEvent::FileAdded { path } if path == "closed-while-away.md"),
    );
    wait_for(&rx, |e| matches!(e, IndexEvent::ScanFinished { .. }));

    env.write("Ops/runbook.md", "Runbook");
    wait_for(
        &rx,
        |e| matches!(e, IndexEvent::FileAdded { path } if path == "Ops/runbook.md"),
    );

    std::fs::rename(env.path("sow.md"), env.path("Ops/SOW v2.md")).unwrap();
    wait_for(
        &rx,
        |e| matches!(e, IndexEvent::FileMoved { from, to } if from == "sow.md" && to == "Ops/SOW v2.md"),
    );
    assert_eq!(env.file("Ops/SOW v2.md").tags, ["PRJ-003"]);

    std::fs::remove_file(env.path("Ops/SOW v2.md")).unwrap();
    wait_for(
        &rx,
        |e| matches!(e, IndexEvent::FileMissing { path } if path == "Ops/SOW v2.md"),
    );
    watch.stop().unwrap();

    let missing = env.file("Ops/SOW v2.md");
    assert_eq!(missing.status.as_str(), "missing");
    assert_eq!(missing.tags, ["PRJ-003"]);
}

#[test]
fn the_watch_does_not_rescan_because_of_its_own_reads() {
    let env = Env::new();
    for i in 0..50 {
        env.write(&format!("doc-{i}.md"), "Runbook text");
    }
    let (watch, rx) = watch(&env);
    wait_for(&rx, |e| matches!(e, IndexEvent::ScanFinished { .. }));
    // Reading 50 files raised inotify access events; well past the debounce window, none of
    // them may have started another scan.
    std::thread::sleep(Duration::from_millis(1500));
    watch.stop().unwrap();
    let rescans = rx
        .try_iter()
        .filter(|e| matches!(e, IndexEvent::ScanStarted { .. }))
        .count();
    assert_eq!(rescans, 0, "the watch's own reads started another scan");
}
