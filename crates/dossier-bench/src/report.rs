//! The printed table: each figure next to its reference and its target, so one run reads
//! like the benchmark page. Verdicts are printed, never asserted. tests/e2e/bench-start.mjs
//! prints its rows in the same columns.

use std::time::Duration;

pub fn section(title: &str) {
    println!("\n{title}");
    row("figure", "dossier", "reference", "target", None);
}

/// One figure; `met` says whether it meets its target, when it has one.
pub fn row(label: &str, dossier: &str, reference: &str, target: &str, met: Option<bool>) {
    let verdict = match met {
        Some(true) => "met",
        Some(false) => "MISSED",
        None => "",
    };
    println!("  {label:<44} {dossier:>18} {reference:>18}   {target:<14} {verdict}");
}

/// A detail under the row above: what the reference ran, per-run values.
pub fn note(text: &str) {
    println!("      {text}");
}

pub fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

pub fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

pub fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// `12345` as `12,345`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Files/s and MiB/s of a run over `files` files of `bytes` bytes.
pub fn throughput(took: Duration, files: usize, bytes: u64) -> String {
    let s = took.as_secs_f64().max(1e-9);
    format!(
        "{} files/s, {:.1} MiB/s",
        count((files as f64 / s) as usize),
        mib(bytes) / s
    )
}

/// The nearest-rank percentile `p` (0–100) of `samples`, sorted in place.
pub fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let rank = ((p / 100.0) * samples.len() as f64).ceil() as usize;
    samples[rank.clamp(1, samples.len()) - 1]
}
