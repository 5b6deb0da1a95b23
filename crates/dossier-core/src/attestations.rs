//! Evidence items that are not files: a presentation delivered on the day, a verbal
//! description, a demonstration. They are answered by an attestation (who will do it, and a
//! note), shown apart from file evidence.

use rusqlite::{params, Connection};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Attestation {
    pub control: String,
    pub item: u32,
    /// Who will present or demonstrate it, e.g. "Dana Lee, BD executive".
    pub presenter: String,
    pub note: Option<String>,
}

pub fn of_root(conn: &Connection, root_id: i64) -> rusqlite::Result<Vec<Attestation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT control_id, item, presenter, note FROM attestations WHERE root_id = ?1
         ORDER BY control_id, item",
    )?;
    let rows = stmt.query_map([root_id], |r| {
        Ok(Attestation {
            control: r.get(0)?,
            item: r.get(1)?,
            presenter: r.get(2)?,
            note: r.get(3)?,
        })
    })?;
    rows.collect()
}

/// Records (or replaces) the attestation of one item; `None` removes it.
pub fn set(
    conn: &Connection,
    root_id: i64,
    control: &str,
    item: u32,
    attestation: Option<(&str, Option<&str>)>,
) -> rusqlite::Result<()> {
    match attestation {
        Some((presenter, note)) => conn.execute(
            "INSERT INTO attestations(root_id, control_id, item, presenter, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(root_id, control_id, item) DO UPDATE SET presenter = excluded.presenter,
               note = excluded.note",
            params![root_id, control, item, presenter, note, crate::store::now()],
        ),
        None => conn.execute(
            "DELETE FROM attestations WHERE root_id = ?1 AND control_id = ?2 AND item = ?3",
            params![root_id, control, item],
        ),
    }
    .map(drop)
}
