//! Scans and screenshots read by OCR when `tesseract` is installed: a screenshot and a
//! scanned PDF (one JPEG per page, as scanners write them) are found by their words and
//! say "text read by OCR"; without `tesseract` on `PATH` they stay as they always were.
//!
//! The pictures are made here: a PDF with real text, rasterised by poppler's `pdftoppm`.
//! Tests needing a tool that is absent say so and skip; CI installs both.

mod support;

use dossier_core::evidence::status::FileStatus;
use dossier_core::extract::ocr;
use dossier_core::extract::pool::{ExtractorConfig, ExtractorPool};
use dossier_fixtures as fx;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::Env;

const WORDS: &str = "Quarterly failover drill approved by Harriet Okonkwo";
/// The screenshot and the scanned PDF [`scans`] writes, in path order.
const SCANS: [&str; 2] = [
    "Operations/console screenshot.png",
    "Operations/signed drill.pdf",
];

fn installed(program: &str) -> bool {
    let found = Command::new(program).arg("-v").output().is_ok();
    if !found {
        eprintln!("skipped: `{program}` is not installed");
    }
    found
}

/// A page with [`WORDS`], written as a PDF in `dir` (outside the evidence folder) and
/// rasterised at 200 dpi as `format` (`png` or `jpeg`); the picture's path.
fn page_picture(dir: &Path, format: &str) -> PathBuf {
    let pdf = dir.join("page.pdf");
    fx::write_pdf(&pdf, &[WORDS]).unwrap();
    let stem = dir.join(format!("page-{format}"));
    let status = Command::new("pdftoppm")
        .args([&format!("-{format}"), "-r", "200", "-singlefile"])
        .arg(&pdf)
        .arg(&stem)
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm failed");
    stem.with_extension(if format == "jpeg" { "jpg" } else { format })
}

/// A one-page PDF whose page is `jpeg` and nothing else, as a scanner writes it.
fn scanned_pdf(jpeg: &[u8], width: u32, height: u32) -> Vec<u8> {
    let content = b"q 612 0 0 792 0 0 cm /Scan Do Q";
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
           /Resources << /XObject << /Scan 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        stream("", content),
        stream(
            &format!(
                "/Type /XObject /Subtype /Image /Width {width} /Height {height} \
                 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode"
            ),
            jpeg,
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", index + 1).bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// Puts a screenshot (PNG) and a scanned PDF (JPEG inside) of [`WORDS`] in the folder.
fn scans(env: &Env) {
    let png = page_picture(env.dir.path(), "png");
    let jpeg = page_picture(env.dir.path(), "jpeg");
    std::fs::create_dir_all(env.path("Operations")).unwrap();
    std::fs::copy(png, env.path("Operations/console screenshot.png")).unwrap();
    // US Letter at 200 dpi.
    let pdf = scanned_pdf(&std::fs::read(jpeg).unwrap(), 1700, 2200);
    std::fs::write(env.path("Operations/signed drill.pdf"), pdf).unwrap();
}

fn found(env: &Env, query: &str) -> Vec<String> {
    let mut paths: Vec<String> = env
        .dossier
        .search(query, 10)
        .unwrap()
        .into_iter()
        .map(|hit| hit.path)
        .collect();
    paths.sort();
    paths
}

#[test]
fn a_screenshot_and_a_scanned_pdf_are_found_by_their_words_read_by_ocr() {
    if !installed("tesseract") || !installed("pdftoppm") {
        return;
    }
    let mut env = Env::new();
    assert!(
        env.pool.config().ocr.is_some(),
        "tesseract is on PATH, so the workers use it"
    );
    scans(&env);
    // A scan whose only image is a 2x2 checkerboard: nothing to read.
    fx::write_image_only_pdf(&env.path("blank scan.pdf")).unwrap();
    env.scan();
    assert_read_by_ocr(&env);
    assert_eq!(found(&env, "failover"), SCANS);
    assert_eq!(found(&env, "Okonkwo quarterly"), SCANS);
    let blank = env.file("blank scan.pdf");
    assert_eq!(
        (blank.status, blank.detail.as_deref()),
        (
            FileStatus::NoTextLayer,
            Some("pages but no text layer, and OCR found no text: tag it by hand")
        )
    );
    let (summary, _) = env.scan();
    assert_eq!(summary.unchanged, 3, "read once, not at every scan");
}

/// The screenshot and the scan of [`scans`] say they were read by OCR.
fn assert_read_by_ocr(env: &Env) {
    for name in SCANS {
        let file = env.file(name);
        assert_eq!(
            (file.status, file.detail.as_deref()),
            (FileStatus::Ok, Some(ocr::READ_BY_OCR)),
            "{name}"
        );
    }
}

#[test]
fn without_tesseract_on_path_scans_are_listed_as_before_and_read_once_it_is_installed() {
    if !installed("pdftoppm") {
        return;
    }
    let mut env = Env::new();
    let empty = tempfile::tempdir().unwrap();
    let path = std::env::join_paths([empty.path()]).unwrap();
    let tesseract = ocr::find_in(&path);
    assert_eq!(tesseract, None);
    env.pool = ExtractorPool::new(ExtractorConfig {
        ocr: tesseract,
        ..support::extractor()
    });
    scans(&env);
    env.scan();
    let screenshot = env.file("Operations/console screenshot.png");
    assert_eq!(
        (screenshot.status, screenshot.detail.as_deref()),
        (FileStatus::Ok, None)
    );
    let scan = env.file("Operations/signed drill.pdf");
    assert_eq!(
        (scan.status, scan.detail.as_deref()),
        (
            FileStatus::NoTextLayer,
            Some("pages but no text layer (a scan?): tag it by hand")
        )
    );
    assert!(found(&env, "failover").is_empty());

    if !installed("tesseract") {
        return;
    }
    // Installed since: the unchanged files are read again, once.
    env.pool = ExtractorPool::new(support::extractor());
    env.scan();
    assert_read_by_ocr(&env);
    assert_eq!(found(&env, "failover"), SCANS);
    let (summary, _) = env.scan();
    assert_eq!(summary.unchanged, SCANS.len());
}
