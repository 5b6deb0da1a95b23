//! Cold index and warm rescan on a fresh database, next to the reference tools on the
//! same tree. Every timed run starts from a warm page cache, as the reference tools do.

use crate::generate::{Mixed, Small};
use crate::reference;
use crate::report::{self, count, mib, note, row, secs};
use dossier_core::events::CancelToken;
use dossier_core::extract::pool::{ExtractorConfig, ExtractorPool};
use dossier_core::Dossier;
use std::path::Path;
use std::time::{Duration, Instant};

/// Indexes the mixed folder cold, then rescans it; returns the open index for the
/// sections that query it.
pub fn mixed(db: &Path, made: &Mixed, extractor: &ExtractorConfig) -> anyhow::Result<Dossier> {
    report::section(&format!(
        "{} mixed files ({:.1} MiB, {} PDFs, {} of them with a broken xref table) in {}",
        count(made.files),
        mib(made.bytes),
        count(made.pdfs.len()),
        count(made.pdfs.iter().filter(|p| p.damaged).count()),
        made.folder.display()
    ));
    let (dossier, cold, warm) = cold_then_warm(db, &made.folder, made.files, extractor)?;
    let hash = reference::hash_all(&made.folder);
    let text = reference::pdftotext_all(&made.folder);
    let both = hash.zip(text).map(|(h, t)| h + t);
    row(
        "cold index (walk + hash + extract)",
        &secs(cold),
        &shown(both),
        "≤ 0.6× ref",
        both.map(|r| cold.as_secs_f64() <= 0.6 * r.as_secs_f64()),
    );
    if let Some(r) = both {
        note(&format!(
            "{:.2}× the reference; {}; text read by {} isolated worker processes",
            cold.as_secs_f64() / r.as_secs_f64(),
            report::throughput(cold, made.files, made.bytes),
            extractor.workers
        ));
    }
    let cores = reference::cores();
    note(&format!(
        "reference = find | xargs -P{cores} b3sum ({}) + xargs -P{cores} pdftotext over the {} PDFs ({})",
        shown(hash),
        count(made.pdfs.len()),
        shown(text)
    ));
    warm_row(&made.folder, warm, Some(Duration::from_millis(300)));
    Ok(dossier)
}

/// Indexes the small-files folder cold, then rescans it.
pub fn small(db: &Path, made: &Small, extractor: &ExtractorConfig) -> anyhow::Result<()> {
    report::section(&format!(
        "{} small files ({:.1} MiB, no text) in {}",
        count(made.files),
        mib(made.bytes),
        made.folder.display()
    ));
    let (_, cold, warm) = cold_then_warm(db, &made.folder, made.files, extractor)?;
    let hash = reference::hash_all(&made.folder);
    row(
        "cold index (walk + hash)",
        &secs(cold),
        &shown(hash),
        "< 60 s",
        Some(cold < Duration::from_secs(60)),
    );
    note(&format!(
        "{}; reference = find | xargs -P{} b3sum",
        report::throughput(cold, made.files, made.bytes),
        reference::cores()
    ));
    warm_row(&made.folder, warm, None);
    Ok(())
}

fn warm_row(folder: &Path, warm: Duration, target: Option<Duration>) {
    let stat = reference::stat_all(folder);
    row(
        "warm rescan (nothing changed)",
        &secs(warm),
        &shown(stat),
        &target.map_or(String::new(), |t| format!("≤ {}", secs(t))),
        target.map(|t| warm <= t),
    );
    note("reference = find -printf '%s %T@' (stat only)");
}

/// Scans `folder` into a fresh database twice: cold (everything read), then warm.
fn cold_then_warm(
    db: &Path,
    folder: &Path,
    files: usize,
    extractor: &ExtractorConfig,
) -> anyhow::Result<(Dossier, Duration, Duration)> {
    remove_db(db)?;
    reference::read_all(folder);
    let mut dossier = Dossier::open(db)?;
    let pool = ExtractorPool::new(extractor.clone());
    let mut timed = || -> anyhow::Result<Duration> {
        let t = Instant::now();
        let s = dossier.scan(folder, &pool, &CancelToken::default(), &mut |_| {})?;
        let took = t.elapsed();
        if s.files != files || s.unreadable > 0 {
            note(&format!(
                "indexed {} of {} files, {} unreadable",
                count(s.files),
                count(files),
                count(s.unreadable)
            ));
        }
        Ok(took)
    };
    let cold = timed()?;
    let warm = timed()?;
    Ok((dossier, cold, warm))
}

/// Removes a database and its WAL files, so the next open starts from nothing.
pub fn remove_db(db: &Path) -> std::io::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

fn shown(took: Option<Duration>) -> String {
    took.map_or("not installed".into(), secs)
}
