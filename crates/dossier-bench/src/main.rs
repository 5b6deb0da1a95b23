//! `dossier-bench`: generates a deterministic folder of mixed evidence files and prints
//! Dossier's scan throughput, cold and warm, next to the reference tools on the same tree.
//! Figures are printed, never asserted.

mod generate;

use clap::Parser;
use dossier_core::events::CancelToken;
use dossier_core::extract::pool::{ExtractorConfig, ExtractorPool};
use dossier_core::Dossier;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(about = "Benchmark Dossier's scan on a generated evidence folder")]
struct Args {
    /// Number of files to generate.
    #[arg(long, default_value_t = 10_000)]
    files: usize,
    /// Where to generate the folder (kept between runs; regenerated if the count differs).
    #[arg(long, default_value = "target/bench-evidence")]
    dir: PathBuf,
}

fn main() -> anyhow::Result<()> {
    dossier_core::extract::worker::serve_if_requested();
    let args = Args::parse();
    let folder = args.dir.join(format!("mixed-{}", args.files));
    let started = Instant::now();
    let made = generate::folder(&folder, args.files)?;
    println!(
        "folder: {} ({} files, {:.1} MiB; generated in {:.1} s)",
        folder.display(),
        made.files,
        mib(made.bytes),
        started.elapsed().as_secs_f64()
    );
    println!(
        "machine: {} cores\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:<44} {:>9} {:>11} {:>9}",
        "run", "seconds", "files/s", "MiB/s"
    );

    let db_dir = args.dir.join("db");
    let _ = std::fs::remove_dir_all(&db_dir);
    let mut dossier = Dossier::open(&db_dir.join("bench.sqlite"))?;
    let pool = ExtractorPool::new(ExtractorConfig::current_exe()?);
    for label in [
        "dossier scan, cold (walk+hash+extract)",
        "dossier scan, warm (nothing changed)",
    ] {
        let t = Instant::now();
        let s = dossier.scan(&folder, &pool, &CancelToken::default(), &mut |_| {})?;
        row(label, t.elapsed(), made.files, made.bytes);
        if s.files != made.files {
            println!(
                "  note: indexed {} files, {} unreadable",
                s.files, s.unreadable
            );
        }
    }

    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .to_string();
    let dir = folder.display().to_string();
    reference(
        "find -printf '%s %T@' (stat only)",
        &format!("find '{dir}' -type f -printf '%s %T@\\n' >/dev/null"),
        made.files,
        made.bytes,
    );
    reference(
        &format!("find | xargs -P{cores} b3sum"),
        &format!("find '{dir}' -type f -print0 | xargs -0 -P{cores} -n 64 b3sum >/dev/null"),
        made.files,
        made.bytes,
    );
    reference(
        &format!("xargs -P{cores} pdftotext ({} PDFs)", made.pdfs),
        &format!(
            "find '{dir}' -name '*.pdf' -print0 | xargs -0 -P{cores} -I{{}} pdftotext -q {{}} /dev/null"
        ),
        made.pdfs,
        made.pdf_bytes,
    );
    Ok(())
}

fn row(label: &str, took: Duration, files: usize, bytes: u64) {
    let s = took.as_secs_f64().max(1e-9);
    println!(
        "{label:<44} {s:>9.2} {:>11.0} {:>9.1}",
        files as f64 / s,
        mib(bytes) / s
    );
}

/// Times a reference shell pipeline; says so when its tool is not installed.
fn reference(label: &str, script: &str, files: usize, bytes: u64) {
    let tool = script
        .split_whitespace()
        .find(|w| ["b3sum", "pdftotext"].contains(w));
    if let Some(tool) = tool {
        if !on_path(tool) {
            println!("{label:<44} {:>9}", format!("({tool} not installed)"));
            return;
        }
    }
    let t = Instant::now();
    match Command::new("sh").arg("-c").arg(script).status() {
        Ok(_) => row(label, t.elapsed(), files, bytes),
        Err(e) => println!("{label:<44} failed: {e}"),
    }
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
