//! `dossier-bench`: generates deterministic evidence folders and prints, in one run, every
//! benchmark figure of Dossier next to its reference tool and its target: cold index, warm
//! rescan, text recovered, small files, watcher, queries, app start-up and memory; and, with
//! `--documents DIR`, the text Dossier gets out of a folder of real documents.
//! Figures are printed, never asserted.

mod app;
mod doc_reference;
mod documents;
mod generate;
mod probe_words;
mod queries;
mod reference;
mod report;
mod scan;
mod tagging;
mod text;
mod watcher;

use clap::{Parser, ValueEnum};
use dossier_core::extract::pool::ExtractorConfig;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Parser)]
#[command(about = "Benchmark Dossier on generated evidence folders, next to the reference tools")]
struct Args {
    /// Mixed files to generate (PDF, DOCX, Markdown, images, other).
    #[arg(long, default_value_t = 10_000)]
    files: usize,
    /// Small binary files to generate for the many-files run.
    #[arg(long, default_value_t = 100_000)]
    small_files: usize,
    /// Files created at once for the watcher's burst.
    #[arg(long, default_value_t = 1_000)]
    burst: usize,
    /// Single files created one by one for the watcher's latency.
    #[arg(long, default_value_t = 30)]
    latency_samples: usize,
    /// Runs of each coverage and search query.
    #[arg(long, default_value_t = 20)]
    query_runs: usize,
    /// App launches for start-up time and memory.
    #[arg(long, default_value_t = 3)]
    app_runs: usize,
    /// Run only these parts (comma-separated). With --documents, the generated-folder
    /// parts run only when named here.
    #[arg(long, value_delimiter = ',')]
    only: Vec<Part>,
    /// Skip these parts (comma-separated).
    #[arg(long, value_delimiter = ',')]
    skip: Vec<Part>,
    /// Where the folders are generated (kept between runs) and the databases written.
    #[arg(long, default_value = "target/bench-evidence")]
    dir: PathBuf,
    /// A folder of real documents, read in place: per format, files read, text found and
    /// reference words (pdftotext, catdoc, the XML parts) found by search.
    #[arg(long, value_name = "DIR")]
    documents: Option<PathBuf>,
    /// With --documents: write one TSV line per file (status, words, misses) to FILE.
    #[arg(long, value_name = "FILE", requires = "documents")]
    documents_detail: Option<PathBuf>,
}

/// The parts of a run. All but `small` work on the mixed folder's index, so `index` runs
/// whenever one of them does.
#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Part {
    /// Cold index and warm rescan next to find, b3sum and pdftotext.
    Index,
    /// Share of PDFs with text, of those pdftotext reads.
    Text,
    /// Coverage and search times with two tags on every file.
    Queries,
    /// Tag calls answered while a cold scan runs on another connection.
    Tagging,
    /// Burst of new files and single-file latency through the watcher.
    Watch,
    /// Cold index of the small-files folder.
    Small,
    /// App start-up and memory (needs the built app).
    App,
}

impl Args {
    fn wants(&self, part: Part) -> bool {
        let chosen = if self.only.is_empty() {
            self.documents.is_none()
        } else {
            self.only.contains(&part)
        };
        chosen && !self.skip.contains(&part)
    }
}

fn main() -> anyhow::Result<()> {
    dossier_core::extract::worker::serve_if_requested();
    let args = Args::parse();
    let extractor = ExtractorConfig::current_exe()?;
    println!(
        "machine: {} cores, load average {} (other work skews every figure)",
        reference::cores(),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    if let Some(dir) = &args.documents {
        documents::run(dir, args.documents_detail.as_deref(), &extractor)?;
    }
    if !(args.documents.is_some() && args.only.is_empty()) {
        println!("targets are stated for the default sizes (--files 10000 --small-files 100000)");
    }
    let db_dir = args.dir.join("db");
    std::fs::create_dir_all(&db_dir)?;
    let mixed_db = db_dir.join(format!("mixed-{}.sqlite", args.files));
    let on_mixed = [
        Part::Index,
        Part::Text,
        Part::Queries,
        Part::Tagging,
        Part::Watch,
        Part::App,
    ];
    if on_mixed.into_iter().any(|p| args.wants(p)) {
        mixed(&args, &mixed_db, &extractor)?;
    }
    if args.wants(Part::Small) {
        let folder = args.dir.join(format!("small-{}", args.small_files));
        let made = ready("small-files", || generate::small(&folder, args.small_files))?;
        let db = db_dir.join(format!("small-{}.sqlite", args.small_files));
        scan::small(&db, &made, &extractor)?;
    }
    if args.wants(Part::App) {
        app::run(&mixed_db, args.files, args.app_runs)?;
    }
    Ok(())
}

/// The mixed folder's parts, on one index, closed before the watcher copies it (SQLite
/// folds its WAL back in on close) and before the app opens it.
fn mixed(args: &Args, db: &Path, extractor: &ExtractorConfig) -> anyhow::Result<()> {
    let folder = args.dir.join(format!("mixed-{}", args.files));
    watcher::remove_scratch(&folder)?;
    let made = ready("mixed", || generate::mixed(&folder, args.files))?;
    let mut dossier = scan::mixed(db, &made, extractor)?;
    if args.wants(Part::Text) {
        text::recovered(&dossier, &made)?;
    }
    if args.wants(Part::Queries) {
        queries::run(&mut dossier, args.query_runs)?;
    }
    drop(dossier);
    if args.wants(Part::Tagging) {
        let db = db.with_file_name(format!("tagging-{}.sqlite", args.files));
        tagging::run(&db, &made, extractor)?;
    }
    if args.wants(Part::Watch) {
        watcher::run(
            db,
            &folder,
            extractor.clone(),
            args.burst,
            args.latency_samples,
        )?;
    }
    Ok(())
}

/// Generates (or finds cached) a folder, saying how long that took.
fn ready<T>(name: &str, generate: impl FnOnce() -> std::io::Result<T>) -> std::io::Result<T> {
    let started = Instant::now();
    let made = generate()?;
    println!(
        "\n{name} folder ready in {}",
        report::secs(started.elapsed())
    );
    Ok(made)
}
