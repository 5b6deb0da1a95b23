//! The report's links lead exactly to the file they name: a `\` in a file name stays part
//! of that name (on systems where it is one) instead of becoming a folder separator, and
//! a pack's report never links outside the pack.

#![cfg(unix)]

mod support;

use dossier_core::export::ExportFormat;
use std::path::{Component, Path, PathBuf};
use support::Env;

const DA: &str = "data-analytics-7.1";
const BACKSLASHED: [&str; 2] = ["x\\..\\..\\outside.md", "Delivery\\SOW.md"];

fn tagged() -> Env {
    let mut env = Env::new();
    for name in BACKSLASHED {
        env.write(name, &format!("evidence named {name}"));
    }
    env.write("Delivery/SOW.md", "the SOW in its folder");
    std::fs::write(env.dir.path().join("outside.md"), "not evidence").unwrap();
    env.scan();
    for name in BACKSLASHED {
        env.tag(name, &["PRJ-003"]);
    }
    env
}

/// The `href`s of the evidence links of a report page, decoded.
fn links(page: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(page);
    let a = scraper::Selector::parse("div.control a").unwrap();
    doc.select(&a)
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            percent_encoding::percent_decode_str(href)
                .decode_utf8()
                .unwrap()
                .into_owned()
        })
        .collect()
}

/// `base` joined with a relative URL path, `..` resolved without touching the disk.
fn resolve(base: &Path, href: &str) -> PathBuf {
    let mut path = base.to_path_buf();
    for part in Path::new(href).components() {
        match part {
            Component::ParentDir => {
                path.pop();
            }
            Component::Normal(p) => path.push(p),
            other => panic!("{href}: unexpected {other:?}"),
        }
    }
    path
}

#[test]
fn a_backslash_in_a_file_name_stays_in_the_name_of_the_link() {
    let env = tagged();
    let (out, _) = env.export(DA, ExportFormat::Html, "index.html");
    let base = out.parent().unwrap().canonicalize().unwrap();
    let mut targets: Vec<PathBuf> = links(&std::fs::read_to_string(&out).unwrap())
        .iter()
        .map(|href| resolve(&base, href))
        .collect();
    targets.sort();
    let folder = env.folder.canonicalize().unwrap();
    let mut expected: Vec<PathBuf> = BACKSLASHED.iter().map(|n| folder.join(n)).collect();
    expected.sort();
    assert_eq!(targets, expected);
}

#[test]
fn every_link_of_a_pack_report_leads_to_a_copy_inside_the_pack() {
    let env = tagged();
    let (out, _) = env.export(DA, ExportFormat::Pack, "pack");
    let links = links(&std::fs::read_to_string(out.join("index.html")).unwrap());
    assert_eq!(links.len(), 2);
    for href in links {
        let target = resolve(&out, &href);
        assert!(target.starts_with(&out) && target.is_file(), "{href}");
        assert!(
            std::fs::read_to_string(&target)
                .unwrap()
                .starts_with("evidence named"),
            "{href}"
        );
    }
}
