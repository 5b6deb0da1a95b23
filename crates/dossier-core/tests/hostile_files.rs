//! Bad input gets a status and a reason, never a crash or a hang: every hostile file is
//! listed, and the good files beside them are fully indexed.

mod support;

use dossier_core::evidence::status::FileStatus;
use dossier_core::extract::pool::ExtractorPool;
use dossier_fixtures as fx;
use std::time::Duration;
use support::Env;

#[test]
fn hostile_files_get_a_status_and_the_rest_of_the_folder_is_indexed() {
    let mut env = Env::new();
    let mut config = support::extractor();
    config.timeout = Duration::from_secs(3);
    config.max_file_bytes = 1 << 20;
    env.pool = ExtractorPool::new(config);

    let p = |rel: &str| env.path(rel);
    std::fs::create_dir_all(p("bad")).unwrap();
    std::fs::create_dir_all(p("good")).unwrap();
    fx::write_truncated_pdf(&p("bad/truncated.pdf")).unwrap();
    fx::write_broken_xref_pdf(&p("bad/broken-xref.pdf")).unwrap();
    fx::write_encrypted_pdf(&p("bad/encrypted.pdf")).unwrap();
    fx::write_image_only_pdf(&p("bad/scan.pdf")).unwrap();
    fx::write_not_a_zip_docx(&p("bad/not-a-zip.docx")).unwrap();
    std::fs::write(p("bad/empty.pdf"), b"").unwrap();
    fx::write_parent_cycle_pdf(&p("bad/loops.pdf")).unwrap();
    fx::write_pdf(&p("bad/huge.pdf"), &[&"padding ".repeat(300_000)]).unwrap();
    // Making a link on Windows takes a privilege (or Developer Mode) a user rarely has.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("loop-b", p("bad/loop-a")).unwrap();
        std::os::unix::fs::symlink("loop-a", p("bad/loop-b")).unwrap();
        std::os::unix::fs::symlink("nowhere", p("bad/dangling")).unwrap();
    }
    let links = if cfg!(unix) { 3 } else { 0 };
    fx::write_pdf(
        &p("good/rca.pdf"),
        &["Root cause analysis: timeline and corrective actions"],
    )
    .unwrap();
    fx::write_docx(
        &p("good/sow.docx"),
        &["Statement of Work", "Scope and deliverables"],
    )
    .unwrap();
    env.write("good/runbook.md", "Runbook: escalation paths");

    let (summary, _) = env.scan();
    let files = env.files();
    let status = |rel: &str| {
        let f = &files[rel];
        (f.status, f.detail.clone().unwrap_or_default())
    };
    assert_eq!(status("bad/truncated.pdf").0, FileStatus::Unreadable);
    assert_eq!(
        status("bad/broken-xref.pdf").0,
        FileStatus::Ok,
        "read with its xref table rebuilt"
    );
    assert_eq!(status("bad/encrypted.pdf").0, FileStatus::Encrypted);
    assert_eq!(status("bad/scan.pdf").0, FileStatus::NoTextLayer);
    assert!(status("bad/not-a-zip.docx")
        .1
        .contains("not a valid Word document"));
    assert_eq!(
        status("bad/empty.pdf"),
        (FileStatus::Ok, "empty file".into())
    );
    assert_eq!(status("bad/loops.pdf").0, FileStatus::TimedOut);
    assert_eq!(status("bad/huge.pdf").0, FileStatus::TooLarge);
    if links > 0 {
        assert_eq!(
            status("bad/loop-a"),
            (FileStatus::Unreadable, "symbolic link loop".into())
        );
        assert_eq!(
            status("bad/dangling"),
            (FileStatus::Unreadable, "broken symbolic link".into())
        );
    }
    for good in ["good/rca.pdf", "good/sow.docx", "good/runbook.md"] {
        assert_eq!(
            files[good].status,
            FileStatus::Ok,
            "{good}: {:?}",
            files[good].detail
        );
    }
    assert_eq!(summary.files, 11 + links);
    assert_eq!(
        env.dossier.search("corrective actions", 5).unwrap()[0].path,
        "good/rca.pdf"
    );
    assert_eq!(
        env.dossier.search("deliverables", 5).unwrap()[0].path,
        "good/sow.docx"
    );
    assert_eq!(
        env.dossier.search("billing platform", 5).unwrap()[0].path,
        "bad/broken-xref.pdf"
    );

    // A timeout is retried on the next scan (it may have been load); nothing else is re-read.
    let (again, _) = env.scan();
    assert_eq!((again.changed, again.unchanged), (1, 10 + links));
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_indexed_and_taggable() {
    use std::os::unix::ffi::OsStrExt;
    let mut env = Env::new();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-runbook.md");
    std::fs::write(env.folder.join(name), "Runbook for the café").unwrap();
    env.scan();
    let files = env.files();
    let (path, entry) = files.iter().next().unwrap();
    assert_eq!(
        path, "caf\u{fffd}-runbook.md",
        "shown with a replacement character"
    );
    assert_eq!(entry.status, FileStatus::Ok);
    let targets = ["OPE-002".parse().unwrap()];
    env.dossier
        .tag(&[&env.folder.join(name)], &targets, None, None)
        .unwrap();
    assert_eq!(env.files()[path].tags, ["OPE-002"]);
}

#[test]
#[cfg_attr(
    windows,
    ignore = "Wine 8 fails paths over 512 characters (os error 234); run it on Windows"
)]
fn deep_long_huge_empty_and_hidden_files_are_handled() {
    let mut env = Env::new();
    let deep: String = (1..=50).map(|i| format!("level-{i:02}/")).collect();
    env.write(&format!("{deep}runbook.md"), "Runbook fifty folders down");
    // A path of about 4,000 characters: the limit of what Linux can open is 4,096.
    let segment = "s".repeat(205);
    let long: String = (0..19).map(|i| format!("{segment}{i:02}/")).collect();
    let long_file = format!("{long}sow.md");
    assert!(env.path(&long_file).to_string_lossy().len() > 3_900);
    env.write(&long_file, "Statement of work behind a very long path");
    // 200 MB, sparse: hashed, listed as too large to read, and nothing else is slowed.
    std::fs::create_dir_all(env.path("exports")).unwrap();
    let big = std::fs::File::create(env.path("exports/archive.bin")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    std::fs::write(env.path("empty.md"), b"").unwrap();
    env.write(".hidden-notes.md", "private");
    env.write(".git/config", "[core]");

    let (summary, _) = env.scan();
    let files = env.files();
    assert_eq!(summary.files, 4, "listed: {:?}", files.keys());
    assert!(
        files.keys().all(|k| !k.starts_with('.')),
        "hidden files are not evidence"
    );
    assert_eq!(files[&format!("{deep}runbook.md")].status, FileStatus::Ok);
    assert_eq!(files[&long_file].status, FileStatus::Ok);
    assert_eq!(files["empty.md"].detail.as_deref(), Some("empty file"));
    let archive = &files["exports/archive.bin"];
    assert_eq!(archive.size, 200 * 1024 * 1024);
    assert!(archive.hash.is_some());
    assert_eq!(
        env.dossier.search("fifty folders", 5).unwrap()[0].path,
        format!("{deep}runbook.md")
    );
    env.tag(&long_file, &["PRJ-003"]);
    assert_eq!(env.file(&long_file).tags, ["PRJ-003"]);
}
