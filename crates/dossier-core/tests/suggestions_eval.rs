//! Suggested tags measured on a labelled practice folder (`tests/suggest-eval/`): realistic
//! documents with the control IDs a competent reviewer would assign, and hard negatives
//! (meeting notes, invoices, a tracker that lists IDs, photos). Prints precision@1,
//! recall@3 and the noise rate against the targets (`scripts/eval-suggestions`),
//! and fails if a figure falls below the floor reached so far (a regression guard).

mod support;

use dossier_core::suggest::{FileSuggestions, STRONG};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use support::Env;

#[derive(serde::Deserialize)]
struct Labels {
    files: BTreeMap<String, Vec<String>>,
}

struct Metrics {
    precision_at_1: f64,
    recall_at_3: f64,
    quiet_noise: f64,
    evidence: usize,
    noise: usize,
}

fn measure(folder: &Path, labels: &Labels) -> (Metrics, Vec<String>) {
    let mut env = Env::new();
    env.folder = folder.to_path_buf();
    env.scan();
    let suggested: BTreeMap<String, FileSuggestions> = env
        .dossier
        .suggestions(None)
        .unwrap()
        .into_iter()
        .map(|f| (f.path.clone(), f))
        .collect();
    let (mut hits_at_1, mut found_at_3, mut wanted_at_3) = (0, 0, 0);
    let (mut evidence, mut noise, mut quiet) = (0, 0, 0);
    let mut misses = Vec::new();
    for (path, wanted) in &labels.files {
        let got = suggested
            .get(path)
            .unwrap_or_else(|| panic!("{path} is labelled but not indexed"));
        let top: Vec<&str> = got.suggestions.iter().map(|s| s.control.as_str()).collect();
        if wanted.is_empty() {
            noise += 1;
            let strong: Vec<&str> = got
                .suggestions
                .iter()
                .filter(|s| s.confidence >= STRONG)
                .map(|s| s.control.as_str())
                .collect();
            if strong.is_empty() {
                quiet += 1;
            } else {
                misses.push(format!("noise {path}: strong {strong:?}"));
            }
            continue;
        }
        evidence += 1;
        let wanted: HashSet<&str> = wanted.iter().map(String::as_str).collect();
        if top.first().is_some_and(|c| wanted.contains(c)) {
            hits_at_1 += 1;
        } else {
            misses.push(format!(
                "top-1 {path}: got {:?}, wanted {wanted:?}",
                top.first()
            ));
        }
        wanted_at_3 += wanted.len().min(3);
        found_at_3 += top.iter().take(3).filter(|c| wanted.contains(*c)).count();
    }
    let metrics = Metrics {
        precision_at_1: hits_at_1 as f64 / evidence.max(1) as f64,
        recall_at_3: found_at_3 as f64 / wanted_at_3.max(1) as f64,
        quiet_noise: quiet as f64 / noise.max(1) as f64,
        evidence,
        noise,
    };
    (metrics, misses)
}

#[test]
fn suggestions_reach_their_targets_on_the_labelled_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/suggest-eval");
    let labels: Labels =
        toml::from_str(&std::fs::read_to_string(root.join("labels.toml")).unwrap()).unwrap();
    let (m, misses) = measure(&root.join("folder"), &labels);
    println!(
        "suggested tags on tests/suggest-eval ({} evidence files, {} noise files):\n  \
         precision@1 {:.2} (target ≥ 0.80)\n  recall@3    {:.2} (target ≥ 0.80)\n  \
         noise files with no suggestion ≥ {STRONG}: {:.0}% (target ≥ 80%)",
        m.evidence,
        m.noise,
        m.precision_at_1,
        m.recall_at_3,
        m.quiet_noise * 100.0
    );
    for miss in &misses {
        println!("  {miss}");
    }
    assert!(
        m.precision_at_1 >= 0.78,
        "precision@1 {:.2}",
        m.precision_at_1
    );
    assert!(m.recall_at_3 >= 0.77, "recall@3 {:.2}", m.recall_at_3);
    assert!(m.quiet_noise >= 0.8, "quiet noise {:.2}", m.quiet_noise);
}
