//! Each file's status says what Dossier could make of it, in words a practice lead
//! understands: a format without a reader is "not read", not "ok" with no text; an
//! encrypted PDF is "encrypted", not "damaged"; a reader that crashed is tried again;
//! and no reason is a Rust panic message.

mod support;

use dossier_core::evidence::kind::FileKind;
use dossier_core::evidence::status::FileStatus;
use dossier_core::extract::pool::ExtractorPool;
use dossier_fixtures as fx;
use std::path::{Path, PathBuf};
use support::Env;

const NOT_READ: &str = "Dossier does not read text from this format; tag it by hand";

/// Bytes no reader makes sense of, the same on every run.
fn noise(len: usize) -> Vec<u8> {
    (0..len as u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

fn hex(bytes: usize, digit: &str) -> String {
    format!("<{}>", digit.repeat(bytes * 2))
}

/// Standard security handler dictionaries whose user password is not empty: RC4 with a
/// 40-bit key, AES-128 and AES-256.
fn encryption_dictionaries() -> [(&'static str, String); 3] {
    [
        (
            "RC4-40",
            format!(
                "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -3904 /O {} /U {} >>",
                hex(32, "5A"),
                hex(32, "C3")
            ),
        ),
        (
            "AES-128",
            format!(
                "<< /Filter /Standard /V 4 /R 4 /Length 128 /P -3904 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O {} /U {} >>",
                hex(32, "5A"),
                hex(32, "C3")
            ),
        ),
        (
            "AES-256",
            format!(
                "<< /Filter /Standard /V 5 /R 6 /Length 256 /P -3904 /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF /O {} /U {} /OE {} /UE {} /Perms {} >>",
                hex(48, "5A"),
                hex(48, "C3"),
                hex(32, "11"),
                hex(32, "22"),
                hex(16, "33")
            ),
        ),
    ]
}

/// A real-world corpus file, used in place; `None` where the corpus is absent.
fn real_world(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/real-world/documents")
        .join(rel);
    path.is_file().then_some(path)
}

fn extract_in_place(pool: &ExtractorPool, path: &Path) -> (FileStatus, String) {
    let size = std::fs::metadata(path).unwrap().len();
    let out = pool.extract(path, FileKind::from_path(path), size);
    (out.status, out.detail.unwrap_or_default())
}

#[test]
fn formats_without_a_reader_are_not_read_rather_than_ok_with_no_text() {
    let mut env = Env::new();
    let legacy = [
        "network.vsd",
        "proposal.odt",
        "kickoff.odp",
        "kickoff.key",
        "brief.pages",
    ];
    for name in legacy {
        std::fs::write(env.path(name), noise(2048)).unwrap();
    }
    // Binary bytes under a document's name: a renamed export, a corrupt sync.
    std::fs::write(env.path("renamed-export.md"), noise(4096)).unwrap();
    std::fs::write(env.path("corrupt-sync.txt"), noise(4096)).unwrap();
    std::fs::write(env.path("diagram.png"), noise(512)).unwrap();
    env.write("runbook.md", "Runbook: escalation paths");

    env.scan();
    let files = env.files();
    for name in legacy
        .iter()
        .chain(&["renamed-export.md", "corrupt-sync.txt"])
    {
        let file = &files[*name];
        assert_eq!(
            (file.status, file.detail.as_deref()),
            (FileStatus::NotRead, Some(NOT_READ)),
            "{name}"
        );
    }
    assert_eq!(
        files["diagram.png"].status,
        FileStatus::Ok,
        "a picture has no text to read"
    );
    assert_eq!(files["runbook.md"].status, FileStatus::Ok);
}

#[test]
fn real_legacy_office_and_visio_files_are_read_and_binary_visio_is_not() {
    let env = Env::new();
    let Some(corpus) = real_world("MANIFEST.csv").map(|manifest| manifest.with_file_name(""))
    else {
        eprintln!("skipped: the real-world corpus is absent");
        return;
    };
    for folder in ["doc", "ppt", "vsdx", "vsd"] {
        for entry in std::fs::read_dir(corpus.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let (status, _) = extract_in_place(&env.pool, &path);
            let expected = if folder == "vsd" {
                FileStatus::NotRead
            } else {
                FileStatus::Ok
            };
            assert_eq!(status, expected, "{}", path.display());
        }
    }
}

#[test]
fn encrypted_pdfs_are_encrypted_not_damaged_however_their_xref_is_kept() {
    let mut env = Env::new();
    let mut names = Vec::new();
    for (cipher, dictionary) in encryption_dictionaries() {
        for xref in [fx::Xref::Table, fx::Xref::Stream, fx::Xref::Shifted] {
            let name = format!("{cipher}-{xref:?}.pdf");
            fx::write_encrypted_pdf_with(&env.path(&name), &dictionary, xref).unwrap();
            names.push(name);
        }
    }
    // The same file unencrypted with its table off is read once repaired: the repair is
    // not what makes the others "encrypted".
    fx::write_broken_xref_text_pdf(
        &env.path("plain-Shifted.pdf"),
        &["Confidential pricing schedule"],
    )
    .unwrap();

    env.scan();
    let files = env.files();
    for name in &names {
        let file = &files[name];
        assert_eq!(
            (file.status, file.detail.as_deref()),
            (FileStatus::Encrypted, Some("encrypted; not read for text")),
            "{name}"
        );
    }
    assert_eq!(files["plain-Shifted.pdf"].status, FileStatus::Ok);
    assert_eq!(
        env.dossier.search("pricing schedule", 5).unwrap()[0].path,
        "plain-Shifted.pdf"
    );
}

#[test]
fn real_encrypted_pdfs_are_encrypted() {
    let env = Env::new();
    // Each of these needs a user password (pdftotext refuses them too).
    for rel in [
        "pdf/opf_encryption_openpassword.pdf",
        "pdf/pdfjs_issue3371.pdf",
        "pdf/pdfjs_saslprep-r6.pdf",
        "pdf/pdfminer_aes-256-r6.pdf",
    ] {
        let Some(path) = real_world(rel) else {
            eprintln!("skipped: the real-world corpus is absent");
            return;
        };
        assert_eq!(
            extract_in_place(&env.pool, &path).0,
            FileStatus::Encrypted,
            "{rel}"
        );
    }
}

fn assert_plain_words(detail: &str, what: &str) {
    for rust in [
        "unwrap",
        "panicked",
        "index out of bounds",
        "assertion",
        "Err(",
        "Xref",
    ] {
        assert!(!detail.contains(rust), "{what}: {detail:?} shows {rust:?}");
    }
}

#[test]
fn a_pdf_that_breaks_the_reader_is_explained_in_plain_words() {
    let mut env = Env::new();
    // Its font's widths disagree with its character range: pdf-extract panics on it, and
    // the second reader, which places glyphs without those widths, reads it.
    fx::write_lying_widths_pdf(&env.path("panics.pdf")).unwrap();
    std::fs::write(env.path("garbage.pdf"), b"%PDF-1.4\nnothing here but noise").unwrap();
    std::fs::write(env.path("noise.pdf"), noise(4096)).unwrap();

    env.scan();
    let files = env.files();
    assert_eq!(files["panics.pdf"].status, FileStatus::Ok);
    let found = env.dossier.search("pricing schedule", 10).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    for name in ["garbage.pdf", "noise.pdf"] {
        let f = &files[name];
        assert_eq!(f.status, FileStatus::Unreadable, "{name}: {:?}", f.detail);
        let detail = f.detail.clone().unwrap_or_default();
        assert_eq!(
            detail, "this PDF is damaged; the PDF reader could not read it",
            "{name}"
        );
        assert_plain_words(&detail, name);
    }
}

#[test]
fn real_pdfs_that_break_the_reader_are_explained_in_plain_words() {
    let env = Env::new();
    for rel in [
        "pdf/pdfjs_issue6410.pdf",
        "pdf/pypdf_GeoTopo-komprimiert.pdf",
        "pdf/plumber_empty.pdf",
        "pdf/pdfminer_simple1.pdf",
    ] {
        let Some(path) = real_world(rel) else {
            eprintln!("skipped: the real-world corpus is absent");
            return;
        };
        let (_, detail) = extract_in_place(&env.pool, &path);
        assert_plain_words(&detail, rel);
    }
}

#[cfg(unix)]
#[test]
fn a_file_whose_reader_crashed_is_read_again_at_the_next_scan() {
    use std::os::unix::fs::PermissionsExt;
    let mut env = Env::new();
    env.write("runbook.md", "Runbook: escalation paths");
    let crashing = env.dir.path().join("crashing-reader.sh");
    std::fs::write(&crashing, "#!/bin/sh\nkill -SEGV $$\n").unwrap();
    std::fs::set_permissions(&crashing, std::fs::Permissions::from_mode(0o755)).unwrap();
    let real = std::mem::replace(
        &mut env.pool,
        ExtractorPool::new(dossier_core::extract::pool::ExtractorConfig::with_program(
            &crashing,
        )),
    );

    env.scan();
    let file = env.file("runbook.md");
    assert_eq!(file.status, FileStatus::ReaderFailed);
    assert_eq!(
        file.detail.as_deref(),
        Some("the text reader stopped unexpectedly; Dossier will try again at the next scan")
    );

    env.pool = real;
    let (again, _) = env.scan();
    assert_eq!(
        again.changed, 1,
        "read again although the file did not change"
    );
    assert_eq!(env.file("runbook.md").status, FileStatus::Ok);
    assert_eq!(
        env.dossier.search("escalation", 5).unwrap()[0].path,
        "runbook.md"
    );
}
