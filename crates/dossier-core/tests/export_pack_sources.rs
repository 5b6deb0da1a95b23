//! Only the evidence folder's own regular files go into an evidence pack. The check is made
//! again when each file is copied, whatever the index recorded at the last scan: a tagged
//! file swapped for a link to a private file outside the folder (even one with the very
//! same content) is left out, and the pack's report says so and why.

#![cfg(unix)]

mod support;

use dossier_core::events::CancelToken;
use dossier_core::export::{ExportFormat, ExportSummary};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use support::{snapshot, Env};

const DA: &str = "data-analytics-7.1";
const SECRET: &str = "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG";

/// A tagged SOW and RCA record, scanned; then, behind the index's back, the SOW becomes a
/// link to a private file outside the folder with the same bytes (so its hash still
/// matches), and the RCA record a link to an archived copy inside the folder.
fn swapped() -> Env {
    let mut env = Env::new();
    env.write("Delivery/SOW.md", SECRET);
    env.write(
        "Operations/RCA.md",
        "Root cause analysis: timeline, actions",
    );
    env.write("Archive/RCA.md", "Root cause analysis: timeline, actions");
    env.scan();
    env.tag("Delivery/SOW.md", &["PRJ-003"]);
    env.tag("Operations/RCA.md", &["PRFM-001"]);

    let private = env.dir.path().join("credentials");
    std::fs::write(&private, SECRET).unwrap();
    std::fs::remove_file(env.path("Delivery/SOW.md")).unwrap();
    std::os::unix::fs::symlink(&private, env.path("Delivery/SOW.md")).unwrap();
    std::fs::remove_file(env.path("Operations/RCA.md")).unwrap();
    std::os::unix::fs::symlink(env.path("Archive/RCA.md"), env.path("Operations/RCA.md")).unwrap();
    env
}

fn export(env: &Env, format: ExportFormat, out: &Path) -> ExportSummary {
    let before = snapshot(&env.folder);
    let summary = env
        .dossier
        .export(DA, format, out, &mut |_| {}, &CancelToken::default())
        .unwrap_or_else(|e| panic!("{format:?}: {} {e}", e.code()));
    assert_eq!(snapshot(&env.folder), before);
    summary
}

fn out(env: &Env, name: &str) -> PathBuf {
    let dir = env.dir.path().join("exports");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The pack's files by relative path, from a folder or a ZIP.
fn pack_files(format: ExportFormat, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if format == ExportFormat::Zip {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(out).unwrap()).unwrap();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let name = f.name().unwrap().split_once('/').unwrap().1.to_string();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            files.insert(name, bytes);
        }
    } else {
        for e in walkdir::WalkDir::new(out) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(out).unwrap();
                files.insert(
                    rel.to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                );
            }
        }
    }
    files
}

#[test]
fn a_tagged_file_swapped_for_a_link_outside_the_folder_is_not_packed_and_the_report_says_why() {
    let env = swapped();
    for (name, format) in [
        ("pack", ExportFormat::Pack),
        ("pack.zip", ExportFormat::Zip),
    ] {
        let out = out(&env, name);
        let summary = export(&env, format, &out);
        assert_eq!(
            summary.files, 1,
            "{format:?}: only the RCA record is copied"
        );
        let files = pack_files(format, &out);
        for (path, bytes) in &files {
            assert!(
                !String::from_utf8_lossy(bytes).contains("wJalrXUtnFEMI"),
                "{format:?}: {path} carries the private file"
            );
        }
        let copies: Vec<&String> = files.keys().filter(|k| !k.starts_with("index.")).collect();
        assert_eq!(copies.len(), 1, "{copies:?}");
        assert!(copies[0].ends_with("/RCA.md"), "{copies:?}");

        let index = String::from_utf8(files["index.html"].clone()).unwrap();
        let doc = scraper::Html::parse_document(&index);
        let select = |css: &str| scraper::Selector::parse(css).unwrap();
        let reasons: Vec<String> = doc
            .select(&select("#not-copied li"))
            .map(|li| li.text().collect())
            .collect();
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].contains("Delivery/SOW.md")
                && reasons[0].contains("outside the evidence folder"),
            "{reasons:?}"
        );
        let sow = doc.select(&select("#PRJ-003")).next().unwrap();
        assert_eq!(
            sow.select(&select("a")).count(),
            0,
            "no link to a copy not made"
        );
    }
}

#[test]
fn the_pdf_in_the_pack_names_the_file_left_out() {
    let env = swapped();
    let out = out(&env, "pack");
    export(&env, ExportFormat::Pack, &out);
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", out.join("index.pdf").to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Not in this pack"), "{text}");
    assert!(text.contains("Delivery/SOW.md"));
    assert!(text.contains("outside the evidence folder"));
}
