//! Evidence folders known to the store. The most recently opened one is the active folder
//! that `tag`, `files` and `coverage` work on.

use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Root {
    #[ts(type = "number")]
    pub id: i64,
    pub path: PathBuf,
    #[ts(type = "number")]
    pub opened_at: i64,
}

/// Records `path` (already canonical) as opened now and returns its row.
pub fn open(conn: &Connection, path: &Path) -> rusqlite::Result<Root> {
    let text = path.to_string_lossy();
    let now = crate::store::now();
    conn.execute(
        "INSERT INTO roots(path, opened_at) VALUES (?1, ?2)
         ON CONFLICT(path) DO UPDATE SET opened_at = max(excluded.opened_at, roots.opened_at + 1)",
        params![text, now],
    )?;
    conn.query_row(
        "SELECT id, path, opened_at FROM roots WHERE path = ?1",
        [text],
        row_to_root,
    )
}

/// The active evidence folder, if any folder was ever scanned.
pub fn active(conn: &Connection) -> rusqlite::Result<Option<Root>> {
    conn.query_row(
        "SELECT id, path, opened_at FROM roots ORDER BY opened_at DESC, id DESC LIMIT 1",
        [],
        row_to_root,
    )
    .optional()
}

/// Known folders, most recent first: the app's "recent folders".
pub fn recent(conn: &Connection) -> rusqlite::Result<Vec<Root>> {
    let mut stmt =
        conn.prepare("SELECT id, path, opened_at FROM roots ORDER BY opened_at DESC, id DESC")?;
    let rows = stmt.query_map([], row_to_root)?;
    rows.collect()
}

fn row_to_root(r: &rusqlite::Row<'_>) -> rusqlite::Result<Root> {
    Ok(Root {
        id: r.get(0)?,
        path: PathBuf::from(r.get::<_, String>(1)?),
        opened_at: r.get(2)?,
    })
}
