//! The SQLite store: one file in the app data dir, never inside the evidence folder.

mod migrations;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot create the folder for the database at {path}: {source}")]
    CreateDir {
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
    /// Opens (creating if needed) the database at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let mut conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        configure(&conn)?;
        migrations::migrate(&mut conn, path)?;
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

/// WAL lets the app read while a scan writes; foreign keys keep tags tied to real rows;
/// NORMAL sync is crash-safe in WAL mode (a power cut may lose the last commit, never corrupt).
fn configure(conn: &Connection) -> Result<(), rusqlite::Error> {
    conn.busy_timeout(Duration::from_secs(10))?;
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
