//! The reference tools on the same tree: what a shell user would run to stat, hash and
//! read the folder, using every core. `None` means the tool is not installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// `find -printf '%s %T@'`: stats every file, reads nothing (the warm rescan's floor).
pub fn stat_all(folder: &Path) -> Option<Duration> {
    time(
        "find",
        &format!(
            "find '{}' -type f -printf '%s %T@\\n' >/dev/null",
            folder.display()
        ),
    )
}

/// `find | xargs -P<cores> b3sum`: hashes every file.
pub fn hash_all(folder: &Path) -> Option<Duration> {
    time(
        "b3sum",
        &format!(
            "find '{}' -type f -print0 | xargs -0 -P{} -n 64 b3sum >/dev/null",
            folder.display(),
            cores()
        ),
    )
}

/// `find -name '*.pdf' | xargs -P<cores> pdftotext`: reads the text of every PDF.
pub fn pdftotext_all(folder: &Path) -> Option<Duration> {
    time(
        "pdftotext",
        &format!(
            "find '{}' -name '*.pdf' -print0 | xargs -0 -P{} -I{{}} pdftotext -q {{}} /dev/null",
            folder.display(),
            cores()
        ),
    )
}

/// Reads every file once, untimed, so each timed run starts from the same warm page cache.
pub fn read_all(folder: &Path) {
    let script = format!(
        "find '{}' -type f -print0 | xargs -0 cat >/dev/null",
        folder.display()
    );
    let _ = Command::new("sh").arg("-c").arg(script).status();
}

/// Whether `pdftotext` gets any text (non-blank output) out of each PDF, on every core.
pub fn pdftotext_reads(pdfs: &[PathBuf]) -> Option<Vec<bool>> {
    if !on_path("pdftotext") {
        return None;
    }
    let next = AtomicUsize::new(0);
    let reads: Vec<AtomicBool> = pdfs.iter().map(|_| AtomicBool::new(false)).collect();
    std::thread::scope(|s| {
        for _ in 0..cores() {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(pdf) = pdfs.get(i) else { break };
                let out = Command::new("pdftotext")
                    .args(["-q".as_ref(), pdf.as_os_str(), "-".as_ref()])
                    .stderr(Stdio::null())
                    .output();
                let text = out.is_ok_and(|o| o.stdout.iter().any(|b| !b.is_ascii_whitespace()));
                reads[i].store(text, Ordering::Relaxed);
            });
        }
    });
    Some(reads.into_iter().map(AtomicBool::into_inner).collect())
}

pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Wall time of `script` under `sh -c`. Exit codes are ignored: `xargs` reports 123 when one
/// damaged file fails, and the time is still the time of reading the folder.
fn time(tool: &str, script: &str) -> Option<Duration> {
    if !on_path(tool) {
        return None;
    }
    let t = Instant::now();
    Command::new("sh").arg("-c").arg(script).status().ok()?;
    Some(t.elapsed())
}

pub fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
}
