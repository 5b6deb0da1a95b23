//! App start-up and resident memory need the real app, driven over WebDriver: measured by
//! tests/e2e/bench-start.mjs on the mixed folder's index, which prints its own rows.

use crate::reference::on_path;
use crate::report::{self, count, note, row};
use std::path::Path;
use std::process::Command;

pub fn run(db: &Path, files: usize, runs: usize) -> anyhow::Result<()> {
    report::section(&format!("desktop app with {} files indexed", count(files)));
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/e2e");
    if !on_path("node") || !e2e.join("node_modules/webdriverio").exists() {
        row("start → evidence list interactive", "", "", "≤ 1.5 s", None);
        note("not measured: needs node and `npm --prefix tests/e2e ci` (scripts/bench does both)");
        return Ok(());
    }
    let status = Command::new("node")
        .arg(e2e.join("bench-start.mjs"))
        .arg(db.canonicalize()?)
        .arg(runs.to_string())
        .status()?;
    if !status.success() {
        note(&format!("bench-start.mjs failed ({status})"));
    }
    Ok(())
}
