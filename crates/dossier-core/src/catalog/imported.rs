//! Imported checklists in the store: saved, listed beside the built-in ones, removed.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::load::{from_toml, to_toml, LoadError};
use super::model::Checklist;
use super::source::SourceFormat;

/// Where an imported checklist came from, for the catalog's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportedChecklist {
    pub id: String,
    /// The file name it was imported from, or "pasted text".
    pub source: String,
    pub format: SourceFormat,
    /// Seconds since the Unix epoch.
    #[ts(type = "number")]
    pub imported_at: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum StoredChecklistError {
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
    #[error(transparent)]
    Encode(#[from] LoadError),
}

/// Every imported checklist, by id. One that no longer reads (a store written by a later
/// release, edited by hand) is logged and left out rather than hiding all the others.
pub fn all(conn: &Connection) -> Result<Vec<(ImportedChecklist, Checklist)>, rusqlite::Error> {
    let mut stmt = conn.prepare(
        "SELECT id, data, source, format, imported_at FROM imported_checklists ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, data, source, format, imported_at) = row?;
        match from_toml(&format!("imported checklist {id}"), &data) {
            Ok(checklist) => out.push((
                ImportedChecklist {
                    id,
                    source,
                    format: format_from_str(&format),
                    imported_at,
                },
                checklist,
            )),
            Err(error) => tracing::error!(%error, "imported checklist skipped"),
        }
    }
    Ok(out)
}

/// Saves `checklist`, replacing an earlier import under the same id.
pub fn save(
    conn: &Connection,
    checklist: &Checklist,
    source: &str,
    format: SourceFormat,
) -> Result<(), StoredChecklistError> {
    conn.execute(
        "INSERT INTO imported_checklists(id, data, source, format, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET data = excluded.data, source = excluded.source,
           format = excluded.format, imported_at = excluded.imported_at",
        params![
            checklist.id,
            to_toml(checklist)?,
            source,
            format_str(format),
            crate::store::now()
        ],
    )?;
    Ok(())
}

/// Removes an imported checklist; false when none has that id. Tags are not touched.
pub fn remove(conn: &Connection, id: &str) -> Result<bool, rusqlite::Error> {
    Ok(conn.execute("DELETE FROM imported_checklists WHERE id = ?1", [id])? > 0)
}

pub fn exists(conn: &Connection, id: &str) -> Result<bool, rusqlite::Error> {
    conn.query_row(
        "SELECT 1 FROM imported_checklists WHERE id = ?1",
        [id],
        |_| Ok(()),
    )
    .optional()
    .map(|row| row.is_some())
}

fn format_str(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::Text => "text",
        SourceFormat::Html => "html",
        SourceFormat::Markdown => "markdown",
        SourceFormat::DataFile => "data_file",
    }
}

fn format_from_str(s: &str) -> SourceFormat {
    match s {
        "html" => SourceFormat::Html,
        "markdown" => SourceFormat::Markdown,
        "data_file" => SourceFormat::DataFile,
        _ => SourceFormat::Text,
    }
}
