//! Tagging while a cold scan of the mixed folder runs on another connection, as the app's
//! watcher does on first open: every tag must succeed, and answer within 100 ms.

use crate::generate::Mixed;
use crate::report::{self, count, millis, note, percentile, row};
use crate::scan::remove_db;
use dossier_core::events::CancelToken;
use dossier_core::extract::pool::{ExtractorConfig, ExtractorPool};
use dossier_core::{Dossier, FileQuery};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn run(db: &Path, made: &Mixed, extractor: &ExtractorConfig) -> anyhow::Result<()> {
    report::section(&format!(
        "tagging during a cold scan of {} files",
        count(made.files)
    ));
    remove_db(db)?;
    let scanning = Arc::new(AtomicBool::new(true));
    let scanner = {
        let (db, folder, extractor) = (db.to_path_buf(), made.folder.clone(), extractor.clone());
        let scanning = scanning.clone();
        std::thread::spawn(move || -> anyhow::Result<()> {
            let mut dossier = Dossier::open(&db)?;
            let pool = ExtractorPool::new(extractor);
            let scanned = dossier.scan(&folder, &pool, &CancelToken::default(), &mut |_| {});
            scanning.store(false, Ordering::SeqCst);
            scanned.map(drop).map_err(Into::into)
        })
    };
    let mut app = Dossier::open(db)?;
    let file = loop {
        if !scanning.load(Ordering::SeqCst) {
            anyhow::bail!("the scan ended before a file was indexed");
        }
        if app.active_folder().is_ok() {
            if let Some(f) = app.files(&FileQuery::default())?.into_iter().next() {
                break f.path;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let target = ["OPE-002".parse()?];
    let (mut took, mut failed) = (Vec::new(), 0);
    while scanning.load(Ordering::SeqCst) {
        let t = Instant::now();
        let result = if took.len() % 2 == 0 {
            app.tag(&[Path::new(&file)], &target, None, None)
        } else {
            app.untag(&[Path::new(&file)], &target)
        };
        took.push(t.elapsed());
        failed += usize::from(result.is_err());
        std::thread::sleep(Duration::from_millis(25));
    }
    scanner.join().expect("the scan thread panicked")?;
    let calls = took.len();
    let worst = took.iter().max().copied().unwrap_or_default();
    row(
        "tag calls that failed",
        &count(failed),
        "",
        "0",
        Some(failed == 0),
    );
    row(
        "tag answer, p95 / max",
        &format!(
            "{} / {}",
            millis(percentile(&mut took, 95.0)),
            millis(worst)
        ),
        "",
        "< 100 ms",
        Some(worst < Duration::from_millis(100)),
    );
    note(&format!(
        "{} tag and untag calls, one every 25 ms, on the app's connection while another scanned",
        count(calls)
    ));
    Ok(())
}
