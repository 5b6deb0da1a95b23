//! Text from real documents (`--documents DIR`): per format, how many files Dossier reads,
//! in how many it finds the text, and what share of the reference's words its search finds.
//! DIR is read in place and never written: it is indexed by the real scan (worker pool)
//! into a temporary store, and each probe word is looked up with `Dossier::search`, the
//! call behind `dossier search` and the search box.

use crate::doc_reference::{self, Reference, FORMATS};
use crate::probe_words::{self, probe_words};
use crate::reference;
use crate::report::{self, count, note, row};
use dossier_core::events::CancelToken;
use dossier_core::evidence::index::{self, FileRow};
use dossier_core::extract::pool::{ExtractorConfig, ExtractorPool};
use dossier_core::Dossier;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Missed words listed per file in the detail file, enough to see why.
const MISSED_SHOWN: usize = 12;

/// One file's outcome.
struct Outcome {
    path: String,
    format: &'static str,
    row: Option<FileRow>,
    reference: Reference,
    words: Vec<String>,
    found: Vec<bool>,
}

impl Outcome {
    fn read_ok(&self) -> bool {
        self.row
            .as_ref()
            .is_some_and(|r| r.status == dossier_core::evidence::status::FileStatus::Ok)
    }

    fn found_count(&self) -> usize {
        self.found.iter().filter(|&&f| f).count()
    }
}

pub fn run(dir: &Path, detail: Option<&Path>, extractor: &ExtractorConfig) -> anyhow::Result<()> {
    anyhow::ensure!(
        dir.is_dir(),
        "--documents: {} is not a folder",
        dir.display()
    );
    let files = walk(dir)?;
    report::section(&format!(
        "text from {} real documents in {}",
        count(files.len()),
        dir.display()
    ));

    let started = Instant::now();
    let references = read_references(&files);
    note(&format!(
        "reference text read in {} (pdftotext, catdoc/catppt/xls2csv, the XML parts)",
        report::secs(started.elapsed())
    ));

    let store = tempfile::tempdir()?;
    let db = store.path().join("documents.sqlite");
    let mut dossier = Dossier::open(&db)?;
    let pool = ExtractorPool::new(extractor.clone());
    let started = Instant::now();
    let summary = dossier.scan(dir, &pool, &CancelToken::default(), &mut |_| {})?;
    note(&format!(
        "indexed by the real scan in {} ({} isolated workers)",
        report::secs(started.elapsed()),
        extractor.workers
    ));
    let root = dossier.active_folder()?;
    let mut rows: HashMap<String, FileRow> = index::all(dossier.store().conn(), root.id)?
        .into_iter()
        .map(|r| (r.path.clone(), r))
        .collect();

    let mut outcomes: Vec<Outcome> = files
        .iter()
        .zip(references)
        .map(|((rel, abs), reference)| {
            let words = match &reference {
                Reference::Text { text, .. } => probe_words(text, rel),
                _ => Vec::new(),
            };
            Outcome {
                path: rel.clone(),
                format: doc_reference::format_of(abs),
                row: rows.remove(rel),
                reference,
                words,
                found: Vec::new(),
            }
        })
        .collect();

    let started = Instant::now();
    let searches = search_all(&db, &mut outcomes, summary.files.max(files.len()))?;
    note(&format!(
        "{} distinct probe words searched in {} (words of ≥ {} letters or digits, at most {} per file, none that begins a word of the file's name)",
        count(searches),
        report::secs(started.elapsed()),
        probe_words::MIN_CHARS,
        probe_words::CAP
    ));

    print_figures(&outcomes);
    if let Some(detail) = detail {
        write_detail(detail, &outcomes)?;
        note(&format!("per-file detail in {}", detail.display()));
    }
    Ok(())
}

/// Every regular file under `dir` (links are not followed), as (path relative to `dir` with
/// `/` separators, absolute path), sorted.
fn walk(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let path = entry.path();
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() {
                let rel = path
                    .strip_prefix(dir)
                    .map_err(std::io::Error::other)?
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((rel, path));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The reference of every file, read on every core (the tools are separate processes).
fn read_references(files: &[(String, PathBuf)]) -> Vec<Reference> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Reference)>> = Mutex::new(Vec::with_capacity(files.len()));
    std::thread::scope(|s| {
        for _ in 0..reference::cores() {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((_, abs)) = files.get(i) else { break };
                let r = doc_reference::read(abs, doc_reference::format_of(abs));
                done.lock()
                    .expect("no reader panics holding the lock")
                    .push((i, r));
            });
        }
    });
    let mut done = done.into_inner().expect("the readers are done");
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Searches each distinct probe word once, on every core (one connection to the store
/// each), and marks, per file, the words whose hits include it. Returns the number of
/// searches.
fn search_all(db: &Path, outcomes: &mut [Outcome], limit: usize) -> anyhow::Result<usize> {
    let distinct: Vec<String> = outcomes
        .iter()
        .flat_map(|o| o.words.iter().cloned())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let next = AtomicUsize::new(0);
    let hits: Mutex<HashMap<String, HashSet<String>>> = Mutex::new(HashMap::new());
    std::thread::scope(|s| -> anyhow::Result<()> {
        let searchers: Vec<_> = (0..reference::cores())
            .map(|_| {
                s.spawn(|| -> anyhow::Result<()> {
                    let dossier = Dossier::open(db)?;
                    loop {
                        let Some(word) = distinct.get(next.fetch_add(1, Ordering::Relaxed)) else {
                            return Ok(());
                        };
                        let paths = dossier
                            .search(word, limit)?
                            .into_iter()
                            .map(|h| h.path)
                            .collect();
                        hits.lock()
                            .expect("no searcher panics holding the lock")
                            .insert(word.clone(), paths);
                    }
                })
            })
            .collect();
        for searcher in searchers {
            searcher.join().expect("a searcher panicked")?;
        }
        Ok(())
    })?;
    let hits = hits.into_inner().expect("the searchers are done");
    for o in outcomes.iter_mut() {
        o.found = o
            .words
            .iter()
            .map(|w| {
                hits.get(w.as_str())
                    .is_some_and(|paths| paths.contains(&o.path))
            })
            .collect();
    }
    Ok(distinct.len())
}

/// The target for a format (text found and words found alike), in percent.
fn target(format: &str) -> Option<f64> {
    match format {
        "pdf" | "docx" | "xlsx" | "pptx" | "drawio" | "svg" | "vsdx" => Some(95.0),
        "doc" | "ppt" => Some(80.0),
        _ => None,
    }
}

#[derive(Default)]
struct Tally {
    files: usize,
    read_ok: usize,
    with_text: usize,
    text_found: usize,
    words: usize,
    words_found: usize,
    statuses: BTreeMap<String, usize>,
    source: Option<&'static str>,
    failed: usize,
    missing: Option<&'static str>,
}

fn print_figures(outcomes: &[Outcome]) {
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for o in outcomes {
        let t = tallies.entry(o.format).or_default();
        t.files += 1;
        t.read_ok += usize::from(o.read_ok());
        let status = o.row.as_ref().map_or("not indexed", |r| r.status.as_str());
        *t.statuses.entry(status.to_owned()).or_default() += 1;
        match &o.reference {
            Reference::Text { source, .. } => t.source = Some(source),
            Reference::Failed(_) => t.failed += 1,
            Reference::Missing(why) => t.missing = Some(why),
        }
        if !o.words.is_empty() {
            t.with_text += 1;
            t.text_found += usize::from(o.found_count() > 0);
            t.words += o.words.len();
            t.words_found += o.found_count();
        }
    }
    for format in FORMATS {
        let Some(t) = tallies.get(format) else {
            note(&format!("{format}: no files"));
            continue;
        };
        row(
            &format!("{format}: files read (status ok)"),
            &share(t.read_ok, t.files),
            &format!("{} files", count(t.files)),
            "",
            None,
        );
        let goal = target(format);
        let verdict = |part: usize, whole: usize| {
            goal.filter(|_| whole > 0)
                .map(|g| 100.0 * part as f64 / whole as f64 >= g)
        };
        let goal_text = goal.map_or(String::new(), |g| format!("≥ {g:.0}%"));
        match t.source {
            Some(source) => {
                row(
                    &format!("{format}: files with text found"),
                    &share(t.text_found, t.with_text),
                    &format!("{} ({source})", count(t.with_text)),
                    &goal_text,
                    verdict(t.text_found, t.with_text),
                );
                row(
                    &format!("{format}: reference words found by search"),
                    &share(t.words_found, t.words),
                    &format!("{} words", count(t.words)),
                    &goal_text,
                    verdict(t.words_found, t.words),
                );
            }
            None => row(
                &format!("{format}: files with text found"),
                "",
                t.missing.unwrap_or("no reference"),
                &goal_text,
                None,
            ),
        }
        let statuses: Vec<String> = t.statuses.iter().map(|(s, n)| format!("{s} {n}")).collect();
        let mut line = format!("statuses: {}", statuses.join(", "));
        if t.failed > 0 {
            line.push_str(&format!(
                "; the reference failed on {} (not counted)",
                t.failed
            ));
        }
        note(&line);
    }
}

/// `97.2% (35)`: the share, and the count it is of (the whole is in the reference column).
fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "none to count".into();
    }
    format!(
        "{:.1}% ({})",
        100.0 * part as f64 / whole as f64,
        count(part)
    )
}

/// One line per file: path, format, status, detail, reference words, found, the reference
/// used (or why none), and the first missed words.
fn write_detail(path: &Path, outcomes: &[Outcome]) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "path\tformat\tstatus\tdetail\treference_words\tfound\treference\tmissed"
    )?;
    for o in outcomes {
        let (status, detail) = match &o.row {
            Some(r) => (r.status.as_str(), r.detail.clone().unwrap_or_default()),
            None => ("not_indexed", String::new()),
        };
        let reference = match &o.reference {
            Reference::Text { source, .. } => (*source).to_owned(),
            Reference::Missing(why) => format!("none: {why}"),
            Reference::Failed(why) => format!("failed: {why}"),
        };
        let missed: Vec<&str> = o
            .words
            .iter()
            .zip(&o.found)
            .filter(|(_, &f)| !f)
            .map(|(w, _)| w.as_str())
            .take(MISSED_SHOWN)
            .collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            field(&o.path),
            o.format,
            status,
            field(&detail),
            o.words.len(),
            o.found_count(),
            field(&reference),
            field(&missed.join(" "))
        )?;
    }
    out.flush()?;
    Ok(())
}

/// A TSV field: tabs and line breaks become spaces.
fn field(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}
