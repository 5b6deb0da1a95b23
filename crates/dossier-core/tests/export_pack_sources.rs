//! Only the evidence folder's own regular files go into an evidence pack. The check is made
//! again when each file is copied, whatever the index recorded at the last scan: a tagged
//! file swapped for a link to a private file outside the folder (even one with the very
//! same content) is left out, and the pack's report says so and why.

#![cfg(unix)]

mod support;

use dossier_core::export::{ExportFormat, ExportSummary};
use std::path::PathBuf;
use support::{pack_files, snapshot, Env};

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

/// Exports to `name`, proving the evidence folder untouched by it.
fn export(env: &Env, format: ExportFormat, name: &str) -> (PathBuf, ExportSummary) {
    let before = snapshot(&env.folder);
    let exported = env.export(DA, format, name);
    assert_eq!(snapshot(&env.folder), before);
    exported
}

#[test]
fn a_tagged_file_swapped_for_a_link_outside_the_folder_is_not_packed_and_the_report_says_why() {
    let env = swapped();
    for (name, format) in [
        ("pack", ExportFormat::Pack),
        ("pack.zip", ExportFormat::Zip),
    ] {
        let (out, summary) = export(&env, format, name);
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
    let (out, _) = export(&env, ExportFormat::Pack, "pack");
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", out.join("index.pdf").to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Not in this pack"), "{text}");
    assert!(text.contains("Delivery/SOW.md"));
    assert!(text.contains("outside the evidence folder"));
}
