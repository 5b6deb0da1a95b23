//! An export is built in a staging place of its own beside the destination: whatever the
//! user already keeps there (a `NAME.part` file, folder or link, even the evidence folder
//! itself) is never written, moved or deleted, whether the export succeeds, fails or is
//! cancelled; and a finished export never replaces something that appeared at the
//! destination while it was written.

mod support;

use dossier_core::events::CancelToken;
use dossier_core::export::ExportFormat;
use std::path::{Path, PathBuf};
use support::{snapshot, Env};

const DA: &str = "data-analytics-7.1";

fn tagged() -> Env {
    let mut env = Env::new();
    env.write("Delivery/SOW.md", "Statement of work: scope, fees");
    env.write("Operations/runbook.md", "Runbook: on-call, escalation");
    env.scan();
    env.tag("Delivery/SOW.md", &["PRJ-003"]);
    env.tag("Operations/runbook.md", &["OPE-002"]);
    env
}

fn exports(env: &Env) -> PathBuf {
    let dir = env.dir.path().join("exports");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn export(env: &Env, format: ExportFormat, out: &Path) -> Result<(), dossier_core::Error> {
    env.dossier
        .export(DA, format, out, &mut |_| {}, &CancelToken::default())
        .map(|_| ())
}

/// The user's own things at `NAME.part`, in turn a file, a folder with content, and a link
/// to a file outside the exports folder.
fn plant_parts(env: &Env, names: &[&str]) {
    let dir = exports(env);
    let outside = env.dir.path().join("private.txt");
    std::fs::write(&outside, "my own notes").unwrap();
    for (i, name) in names.iter().enumerate() {
        let part = dir.join(format!("{name}.part"));
        match i % 3 {
            0 => std::fs::write(&part, "half-written draft I keep").unwrap(),
            1 => {
                std::fs::create_dir_all(part.join("inner")).unwrap();
                std::fs::write(part.join("inner/keep.txt"), "keep me").unwrap();
            }
            _ => symlink(&outside, &part),
        }
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path) {
    // Creating links needs a privilege on Windows; a plain copy stands in for it there.
    std::fs::copy(target, link).unwrap();
}

/// What a test compares: what the exports folder holds (links not followed; not the
/// folder's own times, which change with every export) and the private file.
fn state(env: &Env) -> (Vec<(PathBuf, String)>, String) {
    let dir = exports(env);
    (
        snapshot(&dir)
            .into_iter()
            .filter(|(p, _)| *p != dir)
            .collect(),
        std::fs::read_to_string(env.dir.path().join("private.txt")).unwrap(),
    )
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_successful_export_leaves_an_existing_part_file_folder_and_link_byte_for_byte_intact() {
    let env = tagged();
    let cases = [
        ("report.html", ExportFormat::Html),
        ("pack", ExportFormat::Pack),
        ("pack.zip", ExportFormat::Zip),
        ("sheet.xlsx", ExportFormat::Xlsx),
        ("index.pdf", ExportFormat::Pdf),
        ("pack-two", ExportFormat::Pack),
    ];
    let names: Vec<&str> = cases.iter().map(|(n, _)| *n).collect();
    plant_parts(&env, &names);
    let mut before = state(&env);
    for (name, format) in cases {
        let out = exports(&env).join(name);
        export(&env, format, &out).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(out.exists(), "{name} was not written");
        // The new export is the only change.
        let after = state(&env);
        before
            .0
            .extend(after.0.iter().filter(|(p, _)| p.starts_with(&out)).cloned());
        before.0.sort();
        assert_eq!(after, before, "{name}: something beside the export changed");
    }
}

#[test]
fn a_failed_export_removes_only_what_it_created() {
    let env = tagged();
    let names = ["stale-pack", "stale-pack.zip", "stale-pack-3"];
    plant_parts(&env, &names);
    // A file edited since the scan makes every pack fail at copy time.
    env.write("Operations/runbook.md", "Runbook, edited after the scan");
    let before = state(&env);
    for (name, format) in [
        ("stale-pack", ExportFormat::Pack),
        ("stale-pack.zip", ExportFormat::Zip),
        ("stale-pack-3", ExportFormat::Pack),
    ] {
        let e = export(&env, format, &exports(&env).join(name)).unwrap_err();
        assert_eq!(e.code(), "export_copy_mismatch", "{name}: {e}");
        assert_eq!(
            state(&env),
            before,
            "{name}: the failure touched the user's files"
        );
    }
}

#[test]
fn a_cancelled_export_leaves_the_part_file_and_nothing_of_its_own() {
    let env = tagged();
    plant_parts(&env, &["pack.zip", "pack"]);
    let before = state(&env);
    for (name, format) in [
        ("pack.zip", ExportFormat::Zip),
        ("pack", ExportFormat::Pack),
    ] {
        let cancel = CancelToken::default();
        let result = env.dossier.export(
            DA,
            format,
            &exports(&env).join(name),
            &mut |_| cancel.cancel(),
            &cancel,
        );
        assert_eq!(result.unwrap_err().code(), "cancelled");
        assert_eq!(state(&env), before, "{name}");
    }
    assert_eq!(names_in(&exports(&env)), ["pack.part", "pack.zip.part"]);
}

/// The case: the evidence folder itself sits where the old staging path was.
#[test]
fn an_export_next_to_an_evidence_folder_named_like_its_staging_leaves_that_folder_alone() {
    let mut env = Env::new();
    let folder = env.dir.path().join("ev.part");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("SOW.md"), "Statement of work").unwrap();
    std::fs::write(folder.join("runbook.md"), "Runbook").unwrap();
    env.folder = folder.clone();
    env.scan();
    env.tag("SOW.md", &["PRJ-003"]);
    let before = snapshot(&folder);
    for format in [ExportFormat::Html, ExportFormat::Pack] {
        let out = env.dir.path().join("ev");
        let _ = export(&env, format, &out);
        assert_eq!(snapshot(&folder), before, "{format:?}");
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_file(&out);
    }
}

#[test]
fn a_finished_export_never_replaces_what_appeared_at_the_destination_meanwhile() {
    let env = tagged();
    let dir = exports(&env);
    for (name, format, dir_appears) in [
        ("pack.zip", ExportFormat::Zip, false),
        ("pack", ExportFormat::Pack, true),
        ("pack-2", ExportFormat::Pack, false),
    ] {
        let out = dir.join(name);
        let mut planted = false;
        let result = env.dossier.export(
            DA,
            format,
            &out,
            &mut |_| {
                if !planted {
                    if dir_appears {
                        std::fs::create_dir(&out).unwrap();
                    } else {
                        std::fs::write(&out, "someone else's file").unwrap();
                    }
                    planted = true;
                }
            },
            &CancelToken::default(),
        );
        let e = result.unwrap_err();
        assert_eq!(e.code(), "export_destination_taken", "{name}: {e}");
        if dir_appears {
            assert!(out.is_dir() && std::fs::read_dir(&out).unwrap().next().is_none());
        } else {
            assert_eq!(
                std::fs::read_to_string(&out).unwrap(),
                "someone else's file"
            );
        }
    }
    assert_eq!(
        names_in(&dir),
        ["pack", "pack-2", "pack.zip"],
        "staging left behind"
    );
}

#[cfg(unix)]
#[test]
fn an_export_into_the_evidence_folder_through_a_link_is_refused() {
    let env = tagged();
    let link = env.dir.path().join("to-evidence");
    symlink(&env.folder, &link);
    let before = snapshot(&env.folder);
    let e = export(&env, ExportFormat::Pack, &link.join("pack")).unwrap_err();
    assert_eq!(e.code(), "export_inside_evidence_folder");
    assert_eq!(snapshot(&env.folder), before);
}
