//! The watcher on the indexed mixed folder: a burst of files created at once must all be
//! indexed, and a single new file must show up through the core's change events quickly.
//! It runs on a copy of the index, in a scratch folder inside the tree, removed afterwards.

use crate::report::{self, count, note, percentile, row, secs};
use crate::scan::remove_db;
use dossier_core::events::IndexEvent;
use dossier_core::extract::pool::ExtractorConfig;
use dossier_core::watch::Watch;
use dossier_core::{Dossier, FileQuery};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// The scratch folder's name inside the watched tree.
pub const SCRATCH: &str = "bench-watch";

/// Time between single creations: well past the watcher's debounce, so each is alone.
const SPACING: Duration = Duration::from_millis(1500);

/// Longer than any plausible latency; a file not seen by then counts as missed.
const GIVE_UP: Duration = Duration::from_secs(60);

/// What the sink passes on: files added, and the end of each scan.
enum Seen {
    Added(String, Instant),
    ScanFinished,
}

pub fn run(
    indexed_db: &Path,
    folder: &Path,
    extractor: ExtractorConfig,
    burst: usize,
    samples: usize,
) -> anyhow::Result<()> {
    report::section(&format!(
        "watcher on the {} folder",
        folder.file_name().unwrap_or_default().to_string_lossy()
    ));
    let db = indexed_db.with_file_name("watch.sqlite");
    copy_db(indexed_db, &db)?;
    let scratch = folder.join(SCRATCH);
    remove_scratch(folder)?;
    std::fs::create_dir_all(scratch.join("burst"))?;

    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    let watch = Watch::start(
        &db,
        folder,
        extractor,
        Box::new(move |e| {
            let seen = match e {
                IndexEvent::FileAdded { path } => Seen::Added(path, Instant::now()),
                IndexEvent::ScanFinished { .. } => Seen::ScanFinished,
                _ => return,
            };
            let _ = tx.send(seen);
        }),
    )?;
    wait_for(&rx, |s| matches!(s, Seen::ScanFinished))
        .ok_or_else(|| anyhow::anyhow!("the watch's first scan never finished"))?;
    note(&format!(
        "first scan on start (reconciling a copy of the index): {}",
        secs(started.elapsed())
    ));

    burst_row(&rx, &db, &scratch, burst)?;
    latency_rows(&rx, &scratch, samples)?;
    watch.stop()?;
    remove_scratch(folder)?;
    Ok(())
}

/// Creates `burst` files as fast as possible; counts the FileAdded events and the files
/// listed afterwards.
fn burst_row(rx: &Receiver<Seen>, db: &Path, scratch: &Path, burst: usize) -> anyhow::Result<()> {
    let started = Instant::now();
    for i in 0..burst {
        std::fs::write(
            scratch.join(format!("burst/note-{i:04}.md")),
            format!("# Handover note {i}\n\nEscalation runbook for customer {i}.\n"),
        )?;
    }
    let written = started.elapsed();
    let prefix = format!("{SCRATCH}/burst/");
    let mut added = std::collections::HashSet::new();
    let mut last = started;
    while added.len() < burst {
        match rx.recv_timeout(GIVE_UP) {
            Ok(Seen::Added(path, at)) if path.starts_with(&prefix) => {
                added.insert(path);
                last = at;
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    // Events are sent once their batch is committed: every file reported is listed.
    let listed = Dossier::open(db)?
        .files(&FileQuery::default())?
        .iter()
        .filter(|f| f.path.starts_with(&prefix))
        .count();
    let label = format!("{} created at once", count(burst));
    for (what, seen) in [("FileAdded events", added.len()), ("files listed", listed)] {
        row(
            &format!("{label}: {what}"),
            &format!("{}/{}", count(seen), count(burst)),
            "",
            "none missed",
            Some(seen == burst),
        );
    }
    note(&format!(
        "written in {}; the last one reported {} after the first write",
        secs(written),
        secs(last.duration_since(started))
    ));
    Ok(())
}

/// Creates `samples` files one at a time and times each from creation to its FileAdded.
fn latency_rows(rx: &Receiver<Seen>, scratch: &Path, samples: usize) -> anyhow::Result<()> {
    let mut latencies = Vec::with_capacity(samples);
    let mut missed = 0;
    for i in 0..samples {
        std::thread::sleep(SPACING);
        while rx.try_recv().is_ok() {}
        let name = format!("single-{i:02}.md");
        let created = Instant::now();
        std::fs::write(scratch.join(&name), format!("# Change record {i}\n"))?;
        let want = format!("{SCRATCH}/{name}");
        match wait_for(rx, |s| matches!(s, Seen::Added(p, _) if *p == want)) {
            Some(Seen::Added(_, at)) => latencies.push(at.duration_since(created)),
            _ => missed += 1,
        }
    }
    let label = "single new file → FileAdded";
    if latencies.is_empty() {
        row(label, "none seen", "", "p95 ≤ 1 s", Some(false));
        return Ok(());
    }
    let p50 = percentile(&mut latencies, 50.0);
    let p95 = percentile(&mut latencies, 95.0);
    row(&format!("{label}, p50"), &secs(p50), "", "", None);
    row(
        &format!("{label}, p95"),
        &secs(p95),
        "",
        "≤ 1 s",
        Some(p95 <= Duration::from_secs(1) && missed == 0),
    );
    note(&format!(
        "{samples} files, at least {} s apart; max {}; {missed} missed",
        SPACING.as_secs_f64(),
        secs(*latencies.last().expect("not empty"))
    ));
    Ok(())
}

/// The next event `want` accepts, or None after [`GIVE_UP`].
fn wait_for(rx: &Receiver<Seen>, want: impl Fn(&Seen) -> bool) -> Option<Seen> {
    let deadline = Instant::now() + GIVE_UP;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        match rx.recv_timeout(left) {
            Ok(s) if want(&s) => return Some(s),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

/// Copies the closed index (SQLite checkpoints its WAL on close; a WAL left behind is
/// copied too) so the watch starts warm without touching the original.
fn copy_db(from: &Path, to: &Path) -> std::io::Result<()> {
    remove_db(to)?;
    for suffix in ["", "-wal"] {
        let (mut src, mut dst) = (from.as_os_str().to_owned(), to.as_os_str().to_owned());
        src.push(suffix);
        dst.push(suffix);
        if Path::new(&src).exists() {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

/// Removes what an earlier, interrupted run may have left inside the cached folder.
pub fn remove_scratch(folder: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(folder.join(SCRATCH)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
