//! Versioned schema migrations, tracked in SQLite's `user_version`.
//!
//! Hand-rolled because every rusqlite_migration release requires rusqlite 0.42, which the
//! package registry here cannot resolve. Migrations are append-only: never edit a shipped one.

use super::StoreError;
use rusqlite::Connection;
use std::path::Path;

const MIGRATIONS: &[&str] = &[
    include_str!("schema_v1.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_v4.sql"),
    include_str!("schema_v5.sql"),
    include_str!("schema_v6.sql"),
];

pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if current > known {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: current,
            known,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        super::super::tokenizer::register(&conn).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let err = migrate(&mut conn, &path).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    }

    #[test]
    fn upgrading_a_first_release_database_keeps_its_tags() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        super::super::tokenizer::register(&conn).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO roots(id, path, opened_at) VALUES (1, '/e', 1);
             INSERT INTO files(id, root_id, raw_path, path, kind, size, mtime_ns, status, indexed_at)
               VALUES (7, 1, x'736f772e6d64', 'sow.md', 'text', 1, 1, 'ok', 1);
             INSERT INTO tags(file_id, control_id, item, note, created_at)
               VALUES (7, 'PRJ-003', NULL, 'v2 template', 1);",
        )
        .unwrap();
        migrate(&mut conn, &path).unwrap();
        let (control, note, example): (String, String, Option<i64>) = conn
            .query_row("SELECT control_id, note, example_id FROM tags", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(
            (control.as_str(), note.as_str(), example),
            ("PRJ-003", "v2 template", None)
        );
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        super::super::tokenizer::register(&conn).unwrap();
        migrate(&mut conn, &path).unwrap();
        migrate(&mut conn, &path).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, MIGRATIONS.len() as i64);
    }

    #[test]
    fn upgrading_indexes_stored_text_anew_and_keeps_tags() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        super::super::tokenizer::register(&conn).unwrap();
        for sql in &MIGRATIONS[..5] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 5).unwrap();
        conn.execute_batch(
            "INSERT INTO roots(id, path, opened_at) VALUES (1, '/e', 1);
             INSERT INTO files(id, root_id, raw_path, path, kind, size, mtime_ns, status, indexed_at)
               VALUES (7, 1, x'6a612e747874', 'ja.txt', 'text', 1, 1, 'ok', 1);
             INSERT INTO tags(file_id, control_id, item, note, created_at)
               VALUES (7, 'PRJ-003', NULL, NULL, 1);
             INSERT INTO file_text(rowid, name, body) VALUES (7, 'ja txt', '本社は東京都にあります');",
        )
        .unwrap();
        let found = |conn: &Connection| -> i64 {
            conn.query_row(
                "SELECT count(*) FROM file_text WHERE file_text MATCH '\"東京\"'",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(found(&conn), 0);
        migrate(&mut conn, &path).unwrap();
        assert_eq!(found(&conn), 1);
        let (body, tags): (String, i64) = conn
            .query_row(
                "SELECT body, (SELECT count(*) FROM tags) FROM file_text WHERE rowid = 7",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((body.as_str(), tags), ("本社は東京都にあります", 1));
    }
}
