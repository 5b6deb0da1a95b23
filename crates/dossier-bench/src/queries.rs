//! What the dashboard, the search box and the import dialog wait for: coverage of each
//! built-in checklist, full-text search and an import's preview (with its diff and tag
//! counts), once every file carries two control tags.

use crate::report::{self, count, millis, note, percentile, row};
use dossier_core::catalog::source::Source;
use dossier_core::import::ImportError;
use dossier_core::tags::ControlTarget;
use dossier_core::{Dossier, FileQuery};
use std::path::Path;
use std::time::{Duration, Instant};

/// Queries someone looking for evidence types: words most documents have, a customer's
/// name (a fortieth of the files), a customer and a document type, a prefix, and a word no
/// file has.
const SEARCHES: &[&str] = &[
    "runbook",
    "root cause",
    "globex",
    "globex statement of work",
    "redsh",
    "kubernetes",
];

/// The limit the app asks the search for.
const SEARCH_LIMIT: usize = 200;

pub fn run(dossier: &mut Dossier, runs: usize) -> anyhow::Result<()> {
    let tagged = tag_every_file(dossier)?;
    report::section(&format!(
        "queries, {} tags on {} files (median of {runs} runs, max)",
        count(tagged.tags),
        count(tagged.files)
    ));
    note(&format!("tagging took {}", report::secs(tagged.took)));
    for checklist in dossier.checklists() {
        let mut times = timed(runs, || dossier.coverage(&checklist.id).map(drop))?;
        let median = percentile(&mut times, 50.0);
        row(
            &format!("coverage {}", checklist.id),
            &spread(median, &times),
            "",
            "≤ 10 ms",
            Some(median <= Duration::from_millis(10)),
        );
    }
    for query in SEARCHES {
        let hits = dossier.search(query, SEARCH_LIMIT)?.len();
        let mut times = timed(runs, || dossier.search(query, SEARCH_LIMIT).map(drop))?;
        let median = percentile(&mut times, 50.0);
        row(
            &format!("search \"{query}\" ({} hits)", count(hits)),
            &spread(median, &times),
            "",
            "≤ 50 ms",
            Some(median <= Duration::from_millis(50)),
        );
    }
    for rel in IMPORTS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(rel);
        let mut times = timed(runs, || {
            let source = Source::read(&path).map_err(ImportError::from)?;
            dossier.preview_import(&source).map(drop)
        })?;
        let median = percentile(&mut times, 50.0);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        row(
            &format!("import preview {name}"),
            &spread(median, &times),
            "",
            "≤ 250 ms",
            Some(median <= Duration::from_millis(250)),
        );
    }
    Ok(())
}

/// Checklists to preview: both layouts, a saved page, and a new version (diff + tag counts).
const IMPORTS: &[&str] = &[
    "assets/checklists/source/data-analytics-7.1.txt",
    "assets/checklists/source/generative-ai-2025-08.txt",
    "tests/fixtures/checklists/generative-ai-2025-08.html",
    "tests/fixtures/checklists/generative-ai-2026-02.txt",
];

struct Tagged {
    files: usize,
    tags: usize,
    took: Duration,
}

/// Tags every file with two control IDs, cycling over the built-in checklists' controls.
fn tag_every_file(dossier: &mut Dossier) -> anyhow::Result<Tagged> {
    let mut controls: Vec<String> = dossier
        .checklists()
        .iter()
        .flat_map(|c| c.controls().map(|r| r.control.id.clone()))
        .collect();
    controls.sort();
    controls.dedup();
    let pairs = controls.len() / 2;
    anyhow::ensure!(
        pairs > 0,
        "the built-in checklists have fewer than 2 controls"
    );
    let paths: Vec<String> = dossier
        .files(&FileQuery::default())?
        .into_iter()
        .map(|f| f.path)
        .collect();
    let started = Instant::now();
    let mut tags = 0;
    for pair in 0..pairs {
        let files: Vec<&Path> = paths
            .iter()
            .skip(pair)
            .step_by(pairs)
            .map(Path::new)
            .collect();
        let targets: Vec<ControlTarget> = controls[2 * pair..2 * pair + 2]
            .iter()
            .map(|c| ControlTarget {
                control: c.clone(),
                item: None,
            })
            .collect();
        tags += dossier.tag(&files, &targets, None, None)?.delta;
    }
    Ok(Tagged {
        files: paths.len(),
        tags: usize::try_from(tags)?,
        took: started.elapsed(),
    })
}

fn timed<E: std::error::Error + Send + Sync + 'static>(
    runs: usize,
    mut query: impl FnMut() -> Result<(), E>,
) -> anyhow::Result<Vec<Duration>> {
    (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            query()?;
            Ok(t.elapsed())
        })
        .collect()
}

fn spread(median: Duration, sorted: &[Duration]) -> String {
    let max = sorted.last().copied().unwrap_or_default();
    format!("{} ({})", millis(median), millis(max))
}
