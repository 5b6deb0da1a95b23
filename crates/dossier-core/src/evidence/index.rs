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

/// The stored form of a path relative to the root: its bytes, with `/` between components
/// whatever the system (Windows' `\` included), so the database, exports, search and the
/// CLI see one form.
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

/// The absolute path of a stored raw path under `root`, in the system's own form: each
/// `/`-separated component is pushed, so a Windows path gets `\` throughout (a verbatim
/// `\\?\` root accepts no `/`).
pub fn absolute(root: &Path, raw: &[u8]) -> PathBuf {
    let mut path = root.to_path_buf();
    for part in raw.split(|&b| b == b'/').filter(|p| !p.is_empty()) {
        path.push(component(part));
    }
    path
}

#[cfg(unix)]
fn component(bytes: &[u8]) -> std::ffi::OsString {
    <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes).to_owned()
}

/// Stored names are UTF-8 except for a name Windows itself holds as broken UTF-16 (an
/// unpaired surrogate), which no synced folder carries; such a name is shown and looked up
/// with U+FFFD in place of the broken unit.
#[cfg(not(unix))]
fn component(bytes: &[u8]) -> std::ffi::OsString {
    String::from_utf8_lossy(bytes).into_owned().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_paths_use_slashes_and_open_in_the_native_form() {
        let rel = Path::new("Runbooks").join("OPE-002").join("failover.md");
        let raw = raw_path(&rel);
        assert_eq!(raw, b"Runbooks/OPE-002/failover.md");
        let dir = tempfile::tempdir().unwrap();
        let abs = absolute(dir.path(), &raw);
        assert_eq!(abs, dir.path().join(&rel));
        assert_eq!(abs.strip_prefix(dir.path()).unwrap(), rel);
        std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
        std::fs::write(&abs, "failover").unwrap();
        assert_eq!(std::fs::read_to_string(&abs).unwrap(), "failover");
    }

    #[cfg(windows)]
    #[test]
    fn backslashes_are_stored_as_slashes_and_a_verbatim_root_gets_backslashes() {
        assert_eq!(
            raw_path(Path::new(r"Runbooks\OPE-002/failover.md")),
            b"Runbooks/OPE-002/failover.md"
        );
        let abs = absolute(
            Path::new(r"\\?\C:\Evidence"),
            b"Runbooks/OPE-002/failover.md",
        );
        assert_eq!(
            abs.as_os_str(),
            r"\\?\C:\Evidence\Runbooks\OPE-002\failover.md"
        );
        let abs = absolute(Path::new(r"D:\Evidence"), b"sow.docx");
        assert_eq!(abs.as_os_str(), r"D:\Evidence\sow.docx");
    }

    #[test]
    fn a_non_ascii_name_round_trips() {
        let rel = Path::new("Études").join("café – SOW.docx");
        let raw = raw_path(&rel);
        assert_eq!(display_path(&raw), "Études/café – SOW.docx");
        assert_eq!(absolute(Path::new("/e"), &raw), Path::new("/e").join(&rel));
    }
}
