//! The app and the CLI used at the same time on one store: a scan in one connection never
//! makes tagging in another fail, and one instance's folder is never redirected by another.

mod support;

use dossier_core::events::CancelToken;
use dossier_core::{Dossier, FileQuery};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use support::Env;

#[test]
fn tagging_while_a_big_scan_runs_never_fails() {
    let mut env = Env::new();
    env.write(
        "Runbooks/on-call runbook.md",
        "Escalation and on-call runbook",
    );
    env.scan();
    for i in 0..4_000 {
        env.write(
            &format!("Archive/{:02}/note {i}.md", i % 40),
            &format!("meeting note {i} about delivery"),
        );
    }

    // The watcher's scan runs on its own connection, as in the app.
    let scanning = Arc::new(AtomicBool::new(true));
    let scanner = {
        let (db, folder, scanning) = (env.db.clone(), env.folder.clone(), scanning.clone());
        std::thread::spawn(move || {
            let mut other = Dossier::open(&db).unwrap();
            let pool = dossier_core::extract::pool::ExtractorPool::new(support::extractor());
            let summary = other.scan(&folder, &pool, &CancelToken::default(), &mut |_| {});
            scanning.store(false, Ordering::SeqCst);
            summary.unwrap()
        })
    };
    while env.files().len() < 100 && scanning.load(Ordering::SeqCst) {
        std::thread::yield_now();
    }

    let runbook = Path::new("Runbooks/on-call runbook.md");
    let target = ["OPE-002".parse().unwrap()];
    let mut during_scan = 0;
    for i in 0..40 {
        let result = if i % 2 == 0 {
            env.dossier.tag(&[runbook], &target, None, None)
        } else {
            env.dossier.untag(&[runbook], &target)
        };
        if let Err(e) = result {
            panic!("tag {i} failed during the scan: {e}");
        }
        during_scan += usize::from(scanning.load(Ordering::SeqCst));
    }
    let summary = scanner.join().unwrap();
    assert_eq!(summary.new, 4_000);
    assert!(during_scan > 0, "the tags were made while the scan ran");
    assert!(env.file("Runbooks/on-call runbook.md").tags.is_empty());
}

#[test]
fn a_second_instance_scanning_another_folder_does_not_move_this_ones_tags() {
    let mut env = Env::new();
    env.write("SOW.md", "Statement of Work for the data platform");
    env.scan();
    let other_folder = env.dir.path().join("other-practice");
    std::fs::create_dir(&other_folder).unwrap();
    std::fs::write(other_folder.join("SOW.md"), "Statement of Work, other").unwrap();

    // A CLI `dossier scan` of another folder, on the same store.
    let mut cli = Dossier::open(&env.db).unwrap();
    cli.scan(
        &other_folder,
        &env.pool,
        &CancelToken::default(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(
        cli.active_folder().unwrap().path,
        other_folder.canonicalize().unwrap()
    );

    env.tag("SOW.md", &["PRJ-003"]);
    assert_eq!(
        env.dossier.active_folder().unwrap().path,
        env.folder.canonicalize().unwrap()
    );
    assert_eq!(env.file("SOW.md").tags, ["PRJ-003"]);
    let in_other = cli.files(&FileQuery::default()).unwrap();
    assert!(
        in_other.iter().all(|f| f.tags.is_empty()),
        "the tag went to the other folder: {in_other:?}"
    );
    // A new instance with no folder of its own takes the most recently opened one.
    let fresh = Dossier::open(&env.db).unwrap();
    assert_eq!(
        fresh.active_folder().unwrap().path,
        other_folder.canonicalize().unwrap()
    );
}
