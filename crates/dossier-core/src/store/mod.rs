//! The SQLite store: one file in the app data dir, never inside the evidence folder.
//!
//! A store that exists is only ever opened, never created over: an empty, foreign or
//! damaged file is refused as [`StoreError::Damaged`] (every tag may be in it), and
//! [`move_aside`] makes room for a fresh store without deleting anything.

mod create;
mod damage;
mod migrations;
mod tokenizer;

pub use damage::move_aside;

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot read the database at {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot create the database at {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot create the folder for the database at {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Dossier's database at {path} is damaged: {reason}. Nothing was changed: move it aside to start a fresh one, or restore it from a backup")]
    Damaged { path: PathBuf, reason: String },
    #[error("cannot move the database at {path} aside: {source}")]
    MoveAside {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the database at {path} was written by a newer Dossier (schema {found}, this build knows {known}); update Dossier")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl StoreError {
    /// Stable machine-readable code, as in [`crate::Error::code`].
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooNew { .. } => "store_too_new",
            Self::Damaged { .. } => "store_damaged",
            _ => "store",
        }
    }
}

/// An open connection with Dossier's pragmas applied and the schema migrated.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the database at `path` and migrates it, creating it only if nothing is there.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        if !exists(path)? {
            create::create(path)?;
        }
        let conn = open_existing(path)?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// Whether anything (even a broken link) sits at `path`.
fn exists(path: &Path) -> Result<bool, StoreError> {
    match path.symlink_metadata() {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(StoreError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Opens a store that is already there, without SQLite's create flag, so a file that
/// vanishes meanwhile is an error rather than a new empty store.
fn open_existing(path: &Path) -> Result<Connection, StoreError> {
    damage::check_header(path)?;
    let flags = OpenFlags::default().difference(OpenFlags::SQLITE_OPEN_CREATE);
    let mut conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    // Checked before `configure`, whose switch to WAL would write to a foreign file.
    let checked = conn
        .busy_timeout(BUSY_TIMEOUT)
        .map_err(StoreError::from)
        .and_then(|()| damage::check_schema(&conn, path))
        .and_then(|()| Ok(configure(&conn)?))
        .and_then(|()| migrations::migrate(&mut conn, path));
    match checked {
        Ok(()) => Ok(conn),
        Err(StoreError::Sql(e)) if damage::is_damage(&e) => Err(StoreError::Damaged {
            path: path.to_path_buf(),
            reason: damage::diagnose(&conn, &e),
        }),
        Err(e) => Err(e),
    }
}

/// How long a write waits for another writer (a scan, the CLI) before giving up as busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// WAL lets the app read while a scan writes; foreign keys keep tags tied to real rows;
/// NORMAL sync is crash-safe in WAL mode (a power cut may lose the last commit, never corrupt).
/// The search tokenizer is registered first: `file_text` cannot be read or written without it.
fn configure(conn: &Connection) -> Result<(), rusqlite::Error> {
    tokenizer::register(conn)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Where the database lives when the user names none: `$DOSSIER_DB`, else the
/// platform's data dir (`$XDG_DATA_HOME/dossier/dossier.sqlite` on Linux).
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os("DOSSIER_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    data_dir().join("dossier").join("dossier.sqlite")
}

fn data_dir() -> PathBuf {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(target_os = "macos") {
        if let Some(home) = env("HOME") {
            return home.join("Library/Application Support");
        }
    }
    if cfg!(windows) {
        if let Some(appdata) = env("APPDATA") {
            return appdata;
        }
    }
    env("XDG_DATA_HOME")
        .or_else(|| env("HOME").map(|h| h.join(".local/share")))
        .unwrap_or_else(std::env::temp_dir)
}

/// Seconds since the Unix epoch, the store's timestamp unit.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_creates_parent_folder_and_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/dossier.sqlite");
        let store = Store::open(&path).unwrap();
        let tables: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('roots','files','tags','file_text')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 4, "all v1 tables exist after open");
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn reopening_keeps_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        Store::open(&path)
            .unwrap()
            .conn()
            .execute("INSERT INTO roots(path, opened_at) VALUES ('/x', 1)", [])
            .unwrap();
        let n: i64 = Store::open(&path)
            .unwrap()
            .conn()
            .query_row("SELECT count(*) FROM roots", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }
}
