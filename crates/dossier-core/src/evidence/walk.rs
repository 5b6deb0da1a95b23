//! Walking the evidence folder: what counts as a file of the folder and what is skipped.

use super::identity::FileStat;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file found in the folder, or an entry the walk could not read.
#[derive(Debug, Clone)]
pub struct Found {
    /// Path relative to the root, as the platform gives it (may be non-UTF-8).
    pub rel: PathBuf,
    pub outcome: Result<FileStat, String>,
}

/// Hidden entries (".git", ".DS_Store") and Office lock files ("~$SOW.docx") are not evidence.
pub fn is_skipped_name(name: &std::ffi::OsStr) -> bool {
    let bytes = name.as_encoded_bytes();
    bytes.starts_with(b".") || bytes.starts_with(b"~$")
}

/// Every file under `root`, skipping hidden entries. Symbolic links are not followed into
/// folders (no loops, nothing outside the root walked); a link to a file is indexed as that
/// file, and a broken or looping link is listed as unreadable with the reason.
pub fn walk(root: &Path, mut on_dir: impl FnMut(&Path)) -> Vec<Found> {
    let mut found = Vec::new();
    let entries = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_skipped_name(e.file_name()));
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                if let Some(path) = err.path().and_then(|p| p.strip_prefix(root).ok()) {
                    let why = err
                        .io_error()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| err.to_string());
                    found.push(Found {
                        rel: path.to_path_buf(),
                        outcome: Err(format!("cannot read folder: {why}")),
                    });
                }
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let ft = entry.file_type();
        if ft.is_dir() {
            on_dir(rel);
            continue;
        }
        let outcome = if ft.is_symlink() {
            stat_link_target(entry.path())
        } else if ft.is_file() {
            FileStat::of(entry.path()).map_err(|e| format!("cannot read: {e}"))
        } else {
            continue; // sockets, fifos, devices: not documents
        };
        if let Ok(stat) = &outcome {
            if stat.is_dir {
                continue;
            }
        }
        found.push(Found {
            rel: rel.to_path_buf(),
            outcome,
        });
    }
    found
}

fn stat_link_target(path: &Path) -> Result<FileStat, String> {
    match FileStat::of(path) {
        Ok(stat) => Ok(stat),
        Err(e) if e.raw_os_error() == Some(40) => Err("symbolic link loop".into()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err("broken symbolic link".into()),
        Err(e) => Err(format!("cannot follow symbolic link: {e}")),
    }
}
