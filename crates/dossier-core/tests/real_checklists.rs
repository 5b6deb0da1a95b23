//! Real published checklists, in every form they reach a practice lead: the published text,
//! a saved page, a markdown copy, text copied from the browser. The six shared checklists are
//! compared with a hand count written by reading them (`tests/fixtures/checklists/
//! shared-counts/README.md`); those tests are skipped where `../shared` is absent.

use std::path::{Path, PathBuf};

use dossier_core::catalog::source::{Source, SourceFormat};
use dossier_core::catalog::{self, Checklist};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// A shared checklist, used in place; `None` where the shared material is absent.
fn shared(file: &str) -> Option<PathBuf> {
    let path = repo("../shared/real-world/checklists").join(file);
    path.is_file().then_some(path)
}

fn read(path: &Path) -> (Checklist, SourceFormat, Vec<String>) {
    let source = Source::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (reading, format) = source
        .checklist()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (reading.checklist, format, reading.unplaced)
}

/// One control as the hand count states it.
#[derive(Debug, PartialEq)]
struct Counted {
    id: String,
    title: String,
    section: String,
    category: String,
    evidence_items: usize,
    waiver: bool,
}

fn tsv_rows(file: &str) -> Vec<Vec<String>> {
    let path = repo("tests/fixtures/checklists/shared-counts").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn hand_count(stem: &str) -> (Vec<Counted>, Vec<(String, String)>) {
    let controls = tsv_rows(&format!("{stem}.tsv"))
        .into_iter()
        .map(|row| Counted {
            id: row[0].clone(),
            title: row[1].clone(),
            section: row[2].clone(),
            category: row[3].clone(),
            evidence_items: row[4].parse().unwrap(),
            waiver: row[5] == "y",
        })
        .collect();
    let prerequisites = tsv_rows(&format!("{stem}.prerequisites.tsv"))
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect();
    (controls, prerequisites)
}

fn as_counted(checklist: &Checklist) -> Vec<Counted> {
    checklist
        .controls()
        .map(|c| Counted {
            id: c.control.id.clone(),
            title: c.control.title.clone(),
            section: c.section.title.clone(),
            category: c.category.title.clone(),
            evidence_items: c.control.evidence_items.len(),
            waiver: c.control.waiver.is_some(),
        })
        .collect()
}

#[test]
fn the_six_shared_checklists_import_exactly_as_hand_counted() {
    let cases = [
        (
            "devops-competency.txt",
            "AWS DevOps Competency",
            "4.0",
            SourceFormat::Text,
        ),
        (
            "energy-competency.txt",
            "AWS Energy Competency",
            "2.0",
            SourceFormat::Text,
        ),
        (
            "security-competency.txt",
            "AWS Security Competency",
            "3.1",
            SourceFormat::Text,
        ),
        (
            "waf-service-delivery.html",
            "AWS WAF",
            "February 2025",
            SourceFormat::Html,
        ),
        (
            "ecs-service-delivery.md",
            "Amazon ECS",
            "February 2025",
            SourceFormat::Markdown,
        ),
        (
            "ftr-partner-hosted.md",
            "Partner Hosted Foundational Technical Review",
            "February 2026",
            SourceFormat::Markdown,
        ),
    ];
    for (file, name, version, form) in cases {
        let Some(path) = shared(file) else {
            eprintln!("skipped: the shared checklists are absent");
            return;
        };
        let stem = file.rsplit_once('.').unwrap().0;
        let (checklist, format, unplaced) = read(&path);
        let (controls, prerequisites) = hand_count(stem);
        assert_eq!(
            (checklist.name.as_str(), checklist.version.as_str()),
            (name, version),
            "{file}"
        );
        assert_eq!(format, form, "{file}");
        let got = as_counted(&checklist);
        for (expected, got) in controls.iter().zip(&got) {
            assert_eq!(got, expected, "{file}");
        }
        assert_eq!(got.len(), controls.len(), "{file}: number of controls");
        let got_prerequisites: Vec<_> = checklist
            .prerequisites
            .iter()
            .map(|p| (p.id.clone(), p.title.clone()))
            .collect();
        assert_eq!(got_prerequisites, prerequisites, "{file}");
        assert!(unplaced.is_empty(), "{file}: {unplaced:?}");
    }
}

/// Every control whose text says what evidence to bring has at least one evidence item.
#[test]
fn every_control_that_states_its_evidence_has_an_item() {
    let files = [
        "devops-competency.txt",
        "energy-competency.txt",
        "security-competency.txt",
        "waf-service-delivery.html",
        "ecs-service-delivery.md",
        "ftr-partner-hosted.md",
    ];
    for file in files {
        let Some(path) = shared(file) else {
            eprintln!("skipped: the shared checklists are absent");
            return;
        };
        let (checklist, _, _) = read(&path);
        for c in checklist.controls() {
            let text = c.control.requirement.to_lowercase();
            let states = [
                "provide the following",
                "evidence must be",
                "evidence expected",
            ]
            .iter()
            .any(|w| text.contains(w));
            assert!(
                !states || !c.control.evidence_items.is_empty(),
                "{file} {}: states its evidence but has no item",
                c.control.id
            );
        }
    }
}

/// A markdown export of a checklist (bold controls, escaped `\-` and `\_`, headings, lists two
/// spaces shallower) reads exactly as its published text does.
#[test]
fn a_markdown_copy_reads_as_the_published_text() {
    let fixtures = repo("tests/fixtures/checklists");
    let (text, text_format, _) = read(&fixtures.join("security-2026-02.txt"));
    let (markdown, markdown_format, unplaced) = read(&fixtures.join("security-2026-02.md"));
    assert_eq!(
        (text_format, markdown_format),
        (SourceFormat::Text, SourceFormat::Markdown)
    );
    assert_eq!(markdown, text);
    assert!(unplaced.is_empty(), "{unplaced:?}");
}

/// Text selected and copied from the checklist page in a browser: the site's header first, a
/// prerequisite's number on a line of its own, no list markers. It reads as the page does:
/// same name, version, prerequisites, controls, categories and evidence items.
#[test]
fn text_copied_from_the_browser_reads_as_the_page() {
    let fixtures = repo("tests/fixtures/checklists");
    let (security, _, _) = read(&fixtures.join("security-2026-02.txt"));
    let builtin = catalog::find(catalog::builtin(), "generative-ai-2025-08").unwrap();
    for (copy, page) in [
        ("generative-ai-2025-08.browser.txt", builtin),
        ("security-2026-02.browser.txt", &security),
    ] {
        let (copied, format, unplaced) = read(&fixtures.join(copy));
        assert_eq!(format, SourceFormat::Text);
        assert_eq!(copied.id, page.id, "{copy}");
        assert_eq!(copied.name, page.name, "{copy}");
        assert_eq!(copied.published, page.published, "{copy}");
        let prerequisites = |c: &Checklist| -> Vec<(String, String, String)> {
            c.prerequisites
                .iter()
                .map(|p| (p.id.clone(), p.group.clone(), p.title.clone()))
                .collect()
        };
        assert_eq!(prerequisites(&copied), prerequisites(page), "{copy}");
        assert_eq!(as_counted(&copied), as_counted(page), "{copy}");
        assert!(unplaced.is_empty(), "{copy}: {unplaced:?}");
    }
}
