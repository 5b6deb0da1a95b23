//! Text recovered: of the PDFs `pdftotext` gets text out of, how many Dossier indexed with
//! text. Damaged-but-readable PDFs are counted apart, since they are where readers differ.

use crate::generate::Mixed;
use crate::reference;
use crate::report::{self, count, note, row};
use dossier_core::evidence::index;
use dossier_core::Dossier;
use std::collections::HashMap;
use std::path::PathBuf;

pub fn recovered(dossier: &Dossier, made: &Mixed) -> anyhow::Result<()> {
    report::section("text recovered from PDFs");
    let paths: Vec<PathBuf> = made.pdfs.iter().map(|p| p.path.clone()).collect();
    let Some(reads) = reference::pdftotext_reads(&paths) else {
        row("PDFs with text found", "", "not installed", "≥ 95%", None);
        return Ok(());
    };
    let conn = dossier.store().conn();
    let root = dossier.active_folder()?;
    let ids: HashMap<String, i64> = index::all(conn, root.id)?
        .into_iter()
        .map(|r| (r.path, r.id))
        .collect();
    let mut found = Vec::with_capacity(paths.len());
    for path in &paths {
        let rel = path.strip_prefix(&made.folder)?.to_string_lossy();
        let text = match ids.get(rel.as_ref()) {
            Some(id) => index::text(conn, *id)?,
            None => None,
        };
        found.push(text.is_some_and(|t| !t.trim().is_empty()));
    }
    // (pdftotext reads, Dossier finds text too), over all the PDFs or the damaged ones.
    let tally = |damaged_only: bool| {
        let considered = || (0..paths.len()).filter(|&i| !damaged_only || made.pdfs[i].damaged);
        (
            considered().filter(|&i| reads[i]).count(),
            considered().filter(|&i| reads[i] && found[i]).count(),
        )
    };
    let (read, both) = tally(false);
    let share = if read == 0 {
        0.0
    } else {
        100.0 * both as f64 / read as f64
    };
    row(
        "PDFs with text found, of those pdftotext reads",
        &format!("{share:.1}% ({}/{})", count(both), count(read)),
        &format!("{} of {}", count(read), count(paths.len())),
        "≥ 95%",
        Some(share >= 95.0),
    );
    let (damaged_read, damaged_both) = tally(true);
    note(&format!(
        "broken xref tables: pdftotext reads {} of {}, Dossier finds text in {} of those",
        count(damaged_read),
        count(made.pdfs.iter().filter(|p| p.damaged).count()),
        count(damaged_both)
    ));
    let only_dossier = (0..paths.len()).filter(|&i| found[i] && !reads[i]).count();
    if only_dossier > 0 {
        note(&format!(
            "Dossier finds text in {} PDFs pdftotext does not read",
            count(only_dossier)
        ));
    }
    Ok(())
}
