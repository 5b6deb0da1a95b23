//! Rows of the `files` table: reading and writing what the index knows about each file.

use super::identity::NodeId;
use super::kind::FileKind;
use super::status::FileStatus;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::path::{Path, PathBuf};

/// What the index knows about one piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    pub id: i64,
    pub raw_path: Vec<u8>,
    pub path: String,
    pub kind: FileKind,
    pub size: u64,
    pub mtime_ns: i64,
    pub node: Option<NodeId>,
    pub hash: Option<String>,
    pub status: FileStatus,
    pub detail: Option<String>,
    pub missing_since: Option<i64>,
    pub effective_date: Option<String>,
    pub fresh_confirmed: bool,
}

impl FileRow {
    /// The status the user sees: missing wins over whatever the last read said.
    pub fn effective_status(&self) -> FileStatus {
        if self.missing_since.is_some() {
            FileStatus::Missing
        } else {
            self.status
        }
    }
}

/// The fields a scan learns about a file on disk.
#[derive(Debug, Clone)]
pub struct Observed {
    pub raw_path: Vec<u8>,
    pub path: String,
    pub kind: FileKind,
    pub size: u64,
    pub mtime_ns: i64,
    pub node: Option<NodeId>,
    pub hash: Option<String>,
    pub status: FileStatus,
    pub detail: Option<String>,
    pub text: String,
}

const COLUMNS: &str = "id, raw_path, path, kind, size, mtime_ns, dev, ino, birth_ns, hash, status, status_detail, missing_since, effective_date, fresh_confirmed";

fn from_row(r: &Row<'_>) -> rusqlite::Result<FileRow> {
    let node = match (
        r.get::<_, Option<i64>>(6)?,
        r.get::<_, Option<i64>>(7)?,
        r.get::<_, Option<i64>>(8)?,
    ) {
        (Some(dev), Some(ino), Some(birth_ns)) => Some(NodeId {
            dev: dev as u64,
            ino: ino as u64,
            birth_ns,
        }),
        _ => None,
    };
    Ok(FileRow {
        id: r.get(0)?,
        raw_path: r.get(1)?,
        path: r.get(2)?,
        kind: FileKind::parse(&r.get::<_, String>(3)?).unwrap_or(FileKind::Other),
        size: r.get::<_, i64>(4)? as u64,
        mtime_ns: r.get(5)?,
        node,
        hash: r.get(9)?,
        status: FileStatus::parse(&r.get::<_, String>(10)?).unwrap_or(FileStatus::Unreadable),
        detail: r.get(11)?,
        missing_since: r.get(12)?,
        effective_date: r.get(13)?,
        fresh_confirmed: r.get(14)?,
    })
}

pub fn all(conn: &Connection, root_id: i64) -> rusqlite::Result<Vec<FileRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM files WHERE root_id = ?1 ORDER BY path"
    ))?;
    let rows = stmt.query_map([root_id], from_row)?;
    rows.collect()
}

pub fn by_raw_path(
    conn: &Connection,
    root_id: i64,
    raw: &[u8],
) -> rusqlite::Result<Option<FileRow>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM files WHERE root_id = ?1 AND raw_path = ?2"),
        params![root_id, raw],
        from_row,
    )
    .optional()
}

pub fn by_id(conn: &Connection, id: i64) -> rusqlite::Result<Option<FileRow>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM files WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()
}

/// Files of the root whose content hash is shared by another present file.
pub fn duplicate_groups(conn: &Connection, root_id: i64) -> rusqlite::Result<Vec<Vec<String>>> {
    let mut stmt = conn.prepare(
        "SELECT hash, group_concat(path, char(0)) FROM files
         WHERE root_id = ?1 AND missing_since IS NULL AND hash IS NOT NULL AND size > 0
         GROUP BY hash HAVING count(*) > 1 ORDER BY min(path)",
    )?;
    let rows = stmt.query_map([root_id], |r| r.get::<_, String>(1))?;
    rows.map(|r| r.map(|s| s.split('\0').map(str::to_string).collect()))
        .collect()
}

pub fn insert(conn: &Connection, root_id: i64, o: &Observed) -> rusqlite::Result<i64> {
    let (dev, ino, birth) = node_columns(o.node);
    conn.prepare_cached(
        "INSERT INTO files(root_id, raw_path, path, kind, size, mtime_ns, dev, ino, birth_ns, hash, status, status_detail, indexed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        root_id, o.raw_path, o.path, o.kind.as_str(), o.size as i64, o.mtime_ns, dev, ino, birth,
        o.hash, o.status.as_str(), o.detail, crate::store::now()
    ])?;
    let id = conn.last_insert_rowid();
    set_text(conn, id, o)?;
    Ok(id)
}

/// Rewrites row `id` with what was observed, at the observed path, and marks it present.
pub fn update(conn: &Connection, id: i64, o: &Observed) -> rusqlite::Result<()> {
    let (dev, ino, birth) = node_columns(o.node);
    conn.prepare_cached(
        "UPDATE files SET raw_path = ?2, path = ?3, kind = ?4, size = ?5, mtime_ns = ?6, dev = ?7,
         ino = ?8, birth_ns = ?9, hash = ?10, status = ?11, status_detail = ?12, indexed_at = ?13,
         missing_since = NULL WHERE id = ?1",
    )?
    .execute(params![
        id,
        o.raw_path,
        o.path,
        o.kind.as_str(),
        o.size as i64,
        o.mtime_ns,
        dev,
        ino,
        birth,
        o.hash,
        o.status.as_str(),
        o.detail,
        crate::store::now()
    ])?;
    set_text(conn, id, o)
}

pub fn mark_missing(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE files SET missing_since = ?2 WHERE id = ?1 AND missing_since IS NULL",
    )?
    .execute(params![id, crate::store::now()])?;
    Ok(())
}

pub fn delete(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM file_text WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM files WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

pub fn set_freshness(
    conn: &Connection,
    id: i64,
    effective_date: Option<&str>,
    confirmed: bool,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE files SET effective_date = ?2, fresh_confirmed = ?3 WHERE id = ?1",
        params![id, effective_date, confirmed],
    )
    .map(drop)
}

/// The extracted text of a file, as indexed.
pub fn text(conn: &Connection, id: i64) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT body FROM file_text WHERE rowid = ?1", [id], |r| {
        r.get(0)
    })
    .optional()
}

pub fn has_tags(conn: &Connection, id: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS(SELECT 1 FROM tags WHERE file_id = ?1)")?
        .query_row([id], |r| r.get(0))
}

/// Makes the file findable by name and text, unless it is not evidence at all (a link
/// that leaves the folder is not even found by its name).
fn set_text(conn: &Connection, id: i64, o: &Observed) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM file_text WHERE rowid = ?1")?
        .execute([id])?;
    if o.status.is_readable_evidence() {
        conn.prepare_cached("INSERT INTO file_text(rowid, name, body) VALUES (?1, ?2, ?3)")?
            .execute(params![id, searchable_name(&o.path), o.text])?;
    }
    Ok(())
}

/// File names are searched word by word: "SOW_Template-v2.docx" should match "sow template".
fn searchable_name(path: &str) -> String {
    path.replace(['_', '-', '.', '/'], " ")
}

fn node_columns(node: Option<NodeId>) -> (Option<i64>, Option<i64>, Option<i64>) {
    match node {
        Some(n) => (Some(n.dev as i64), Some(n.ino as i64), Some(n.birth_ns)),
        None => (None, None, None),
    }
}

/// The stored form of a path relative to the root: its bytes, with `/` between components.
pub fn raw_path(rel: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, part) in rel.components().enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        out.extend_from_slice(part.as_os_str().as_encoded_bytes());
    }
    out
}

/// Display form of a stored raw path.
pub fn display_path(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).into_owned()
}

/// The absolute path of a stored raw path under `root`.
pub fn absolute(root: &Path, raw: &[u8]) -> PathBuf {
    #[cfg(unix)]
    let rel = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(raw).to_owned();
    #[cfg(not(unix))]
    let rel = std::ffi::OsString::from(display_path(raw));
    root.join(rel)
}
