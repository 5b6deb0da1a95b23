//! A damaged database is refused with a coded error and left exactly as it was (every tag
//! may still be recoverable from it); it is never silently replaced by an empty store. Moving
//! it aside keeps its bytes and lets a fresh store start.

mod support;

use dossier_core::store::{move_aside, StoreError};
use dossier_core::Dossier;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::{snapshot, Env};

/// A data folder holding `bytes` where the store should be.
fn data_dir_with(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dossier.sqlite");
    std::fs::write(&db, bytes).unwrap();
    (dir, db)
}

/// The names in the data folder, and the store's bytes, times and permissions.
fn state(db: &Path) -> (Vec<String>, BTreeMap<PathBuf, String>) {
    let mut names: Vec<String> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let store = if db.exists() {
        snapshot(db)
    } else {
        BTreeMap::new()
    };
    (names, store)
}

/// Opens `db`, expecting it refused as damaged, and checks the data folder is untouched.
fn assert_refused_as_damaged(db: &Path) {
    let before = state(db);
    let err = Dossier::open(db).err().expect("a damaged store was opened");
    assert_eq!(err.code(), "store_damaged", "{err}");
    assert!(
        matches!(&err, dossier_core::Error::Store(StoreError::Damaged { path, .. }) if path == db),
        "{err:?}"
    );
    assert_eq!(
        state(db),
        before,
        "refusing the store changed the data folder"
    );
}

#[test]
fn an_empty_database_file_is_refused_not_recreated() {
    let (_dir, db) = data_dir_with(b"");
    assert_refused_as_damaged(&db);
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_as_it_was() {
    let garbage = b"PK\x03\x04 a synced-over spreadsheet, not a store\n".repeat(200);
    let (_dir, db) = data_dir_with(&garbage);
    assert_refused_as_damaged(&db);
    assert_eq!(std::fs::read(&db).unwrap(), garbage);
}

#[test]
fn a_database_of_another_program_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dossier.sqlite");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('Ann');")
        .unwrap();
    assert_refused_as_damaged(&db);
}

#[test]
fn a_store_whose_schema_is_damaged_is_refused() {
    let env = Env::new();
    let db = env.db.clone();
    drop(env.dossier);
    // Page 1 holds the schema's b-tree from byte 100 on: scribble over it.
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[100..1000].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    assert_refused_as_damaged(&db);
}

#[test]
fn a_lost_database_beside_its_journal_is_not_recreated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dossier.sqlite");
    std::fs::write(dir.path().join("dossier.sqlite-wal"), b"journal pages").unwrap();
    assert_refused_as_damaged(&db);
    assert!(!db.exists());
}

#[test]
fn moving_a_damaged_store_aside_keeps_its_bytes_and_a_fresh_store_opens() {
    let garbage = b"half a store".repeat(100);
    let (dir, db) = data_dir_with(&garbage);
    let wal = dir.path().join("dossier.sqlite-wal");
    std::fs::write(&wal, b"journal pages").unwrap();

    let aside = move_aside(&db).unwrap();
    let name = aside.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("dossier.sqlite.damaged-"), "{name}");
    assert_eq!(aside.parent(), db.parent());
    assert_eq!(std::fs::read(&aside).unwrap(), garbage);
    assert_eq!(
        std::fs::read(dir.path().join(format!("{name}-wal"))).unwrap(),
        b"journal pages"
    );
    assert!(!db.exists() && !wal.exists());

    let fresh = Dossier::open(&db).unwrap();
    assert!(fresh.recent_folders().unwrap().is_empty());
    drop(fresh);

    // A second move in the same second gets a name of its own, and nothing is overwritten.
    let again = move_aside(&db).unwrap();
    assert_ne!(again, aside);
    assert_eq!(std::fs::read(&aside).unwrap(), garbage);
    let entries = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(
        entries, 3,
        "the first store, its journal and the fresh store"
    );
}

#[test]
fn moving_aside_a_store_that_is_not_there_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = move_aside(&dir.path().join("dossier.sqlite")).unwrap_err();
    assert!(matches!(err, StoreError::MoveAside { .. }), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_sound_store_opens_again_with_its_tags() {
    let mut env = Env::new();
    env.write("sow.md", "Statement of work");
    env.scan();
    env.tag("sow.md", &["PRJ-003"]);
    env.dossier = Dossier::open(&env.db).unwrap();
    assert_eq!(env.file("sow.md").tags, ["PRJ-003"]);
    let entries: Vec<_> = std::fs::read_dir(env.db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.starts_with("dossier.sqlite"))
        .collect();
    assert!(entries.is_empty(), "staging files left behind: {entries:?}");
}
