//! Walking the evidence folder: what counts as a file of the folder and what is skipped.

use super::identity::FileStat;
use super::status::FileStatus;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file found in the folder, or an entry the walk will not or cannot read.
#[derive(Debug, Clone)]
pub struct Found {
    /// Path relative to the root, as the platform gives it (may be non-UTF-8).
    pub rel: PathBuf,
    pub outcome: Result<FileStat, Refused>,
    /// For a link to a file of the folder: that file, relative to the root.
    pub link_to: Option<PathBuf>,
}

/// Why an entry is listed but never read: shown to the user as its status and reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub status: FileStatus,
    pub reason: String,
}

impl Refused {
    fn unreadable(reason: impl Into<String>) -> Self {
        Self {
            status: FileStatus::Unreadable,
            reason: reason.into(),
        }
    }
}

/// Names that are never evidence: hidden entries (".git", ".DS_Store", ".Trashes"), Office
/// lock files ("~$SOW.docx"), and the litter operating systems leave in synced folders.
pub fn is_skipped_name(name: &std::ffi::OsStr) -> bool {
    let bytes = name.as_encoded_bytes();
    if bytes.starts_with(b".") || bytes.starts_with(b"~$") || bytes == b"Icon\r" {
        return true;
    }
    const LITTER: [&[u8]; 5] = [
        b"thumbs.db",
        b"desktop.ini",
        b"ehthumbs.db",
        b"$recycle.bin",
        b"system volume information",
    ];
    LITTER.iter().any(|l| bytes.eq_ignore_ascii_case(l))
}

/// Every file under `root` (canonical), skipping hidden entries and litter. Symbolic links
/// are never followed into folders (no loops, nothing outside the root walked). A link to a
/// regular file of the folder is indexed as that file; a link that leaves the folder is
/// listed as `outside_folder` and never opened; a broken or looping link, or one to a pipe or
/// device, is listed as unreadable with the reason.
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
                        outcome: Err(Refused::unreadable(format!("cannot read folder: {why}"))),
                        link_to: None,
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
        let (outcome, link_to) = if ft.is_symlink() {
            match follow_link(root, entry.path()) {
                Some(Ok((stat, target))) => (Ok(stat), Some(target)),
                Some(Err(refused)) => (Err(refused), None),
                None => continue, // a link to a folder of the folder: walked there
            }
        } else if ft.is_file() {
            let stat = FileStat::of(entry.path())
                .map_err(|e| Refused::unreadable(format!("cannot read: {e}")));
            (stat, None)
        } else {
            continue; // sockets, fifos, devices: not documents
        };
        found.push(Found {
            rel: rel.to_path_buf(),
            outcome,
            link_to,
        });
    }
    found
}

/// Where a link inside the folder leads, checked before anything is opened: `None` for a
/// link to a folder inside the root (its files are listed where they are).
fn follow_link(root: &Path, link: &Path) -> Option<Result<(FileStat, PathBuf), Refused>> {
    let target = match canonical(link) {
        Ok(t) => t,
        Err(e) if is_link_loop(&e) => return Some(Err(Refused::unreadable("symbolic link loop"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(Err(Refused::unreadable("broken symbolic link")))
        }
        Err(e) => {
            return Some(Err(Refused::unreadable(format!(
                "cannot follow symbolic link: {e}"
            ))))
        }
    };
    let Some(inside) = within(root, &target) else {
        return Some(Err(outside_folder()));
    };
    let meta = match std::fs::metadata(&target) {
        Ok(m) => m,
        Err(e) => {
            return Some(Err(Refused::unreadable(format!(
                "cannot follow symbolic link: {e}"
            ))))
        }
    };
    if meta.is_dir() {
        return None;
    }
    if !meta.is_file() {
        return Some(Err(Refused::unreadable(
            "a link to a pipe or device, not a document",
        )));
    }
    Some(
        FileStat::of(&target)
            .map(|stat| (stat, inside.to_path_buf()))
            .map_err(|e| Refused::unreadable(format!("cannot read: {e}"))),
    )
}

#[cfg(unix)]
fn is_link_loop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

/// Windows gives up on a chain of links that never ends with "the name cannot be resolved".
#[cfg(windows)]
fn is_link_loop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(windows_sys::Win32::Foundation::ERROR_CANT_RESOLVE_FILENAME as i32)
}

#[cfg(not(any(unix, windows)))]
fn is_link_loop(_: &std::io::Error) -> bool {
    false
}

/// The real location of `path`, links resolved. On Windows, in the usual `C:\…` form rather
/// than the verbatim `\\?\C:\…` std returns, whenever that form names the same file.
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    dunce::canonicalize(path)
}

/// `path` relative to `root` if it lies inside it. Both are taken in their simple form, so a
/// verbatim `\\?\C:\…` path and a `C:\…` one compare like with like on Windows (no-op
/// elsewhere). Both must be canonical: this compares components, it resolves nothing.
pub fn within<'a>(root: &Path, path: &'a Path) -> Option<&'a Path> {
    dunce::simplified(path)
        .strip_prefix(dunce::simplified(root))
        .ok()
}

/// The refusal of a link whose target lies outside the evidence folder. The target is not
/// named: it may be private (`~/.aws/credentials`) and reasons travel into reports.
pub fn outside_folder() -> Refused {
    Refused {
        status: FileStatus::OutsideFolder,
        reason: "a link to a file outside the evidence folder: Dossier does not read it".into(),
    }
}

/// Why a path is not a regular file of the evidence folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotEvidence {
    /// It resolves (links followed) to somewhere outside the folder.
    OutsideFolder,
    /// A folder, pipe or device: opening a pipe would wait for a writer for ever.
    NotAFile,
}

/// The canonical path of `path` and its metadata if it is a regular file inside `root`
/// (canonical), links resolved; an error if it cannot be resolved at all. Checked right
/// before a file is hashed, read, previewed, opened or copied, since the folder may have
/// changed since the scan.
pub fn regular_file_inside(
    root: &Path,
    path: &Path,
) -> std::io::Result<Result<(PathBuf, std::fs::Metadata), NotEvidence>> {
    let real = canonical(path)?;
    if within(root, &real).is_none() {
        return Ok(Err(NotEvidence::OutsideFolder));
    }
    let meta = std::fs::metadata(&real)?;
    if !meta.is_file() {
        return Ok(Err(NotEvidence::NotAFile));
    }
    Ok(Ok((real, meta)))
}

/// [`regular_file_inside`] for `rel` of the folder, with the refusal the user sees.
pub fn readable_file(root: &Path, rel: &Path) -> Result<PathBuf, Refused> {
    match regular_file_inside(root, &root.join(rel)) {
        Ok(Ok((path, _))) => Ok(path),
        Ok(Err(NotEvidence::OutsideFolder)) => Err(outside_folder()),
        Ok(Err(NotEvidence::NotAFile)) => Err(Refused::unreadable("not a regular file")),
        Err(e) => Err(Refused::unreadable(format!("cannot read: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn operating_system_litter_is_skipped_whatever_its_case() {
        for name in [
            "Thumbs.db",
            "THUMBS.DB",
            "desktop.ini",
            "Desktop.ini",
            "Icon\r",
            "$RECYCLE.BIN",
            "System Volume Information",
            ".Trashes",
            ".DS_Store",
            "~$SOW.docx",
        ] {
            assert!(is_skipped_name(OsStr::new(name)), "{name:?}");
        }
        for name in ["Thumbs.db.pdf", "Icon.png", "desktop notes.md", "SOW.docx"] {
            assert!(!is_skipped_name(OsStr::new(name)), "{name:?}");
        }
    }

    #[test]
    fn inside_is_decided_by_whole_components() {
        let root = Path::new("/evidence");
        assert_eq!(
            within(root, Path::new("/evidence/a/sow.md")),
            Some(Path::new("a/sow.md"))
        );
        assert_eq!(within(root, Path::new("/evidence-old/sow.md")), None);
        assert_eq!(within(root, Path::new("/other")), None);
    }

    #[cfg(windows)]
    #[test]
    fn verbatim_and_drive_letter_forms_of_one_folder_compare_alike() {
        let plain = Path::new(r"C:\Evidence");
        let verbatim = Path::new(r"\\?\C:\Evidence");
        let file = Path::new(r"\\?\C:\Evidence\runbooks\ope.md");
        assert_eq!(within(plain, file), Some(Path::new(r"runbooks\ope.md")));
        assert_eq!(
            within(verbatim, Path::new(r"C:\Evidence\ope.md")),
            Some(Path::new("ope.md"))
        );
        assert_eq!(within(verbatim, Path::new(r"C:\Evidence2\ope.md")), None);
        // A name only a verbatim path can reach (a device name) has no simple form: it is
        // refused as outside the folder, never read.
        assert_eq!(within(plain, Path::new(r"\\?\C:\Evidence\CON")), None);
    }

    #[test]
    fn the_canonical_folder_contains_its_files_in_their_canonical_form() {
        let dir = tempfile::tempdir().unwrap();
        let root = canonical(dir.path()).unwrap();
        std::fs::create_dir(root.join("runbooks")).unwrap();
        std::fs::write(root.join("runbooks").join("ope.md"), "x").unwrap();
        let (real, meta) = regular_file_inside(&root, &root.join("runbooks/ope.md"))
            .unwrap()
            .unwrap();
        assert!(meta.is_file());
        assert_eq!(
            within(&root, &real),
            Some(Path::new("runbooks").join("ope.md").as_path())
        );
        // The verbatim form std returns on Windows is inside the same folder.
        let std_form = dir.path().canonicalize().unwrap();
        assert!(
            regular_file_inside(&std_form, &root.join("runbooks").join("ope.md"))
                .unwrap()
                .is_ok()
        );
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        assert_eq!(
            regular_file_inside(&root, &outside.path().join("secret"))
                .unwrap()
                .unwrap_err(),
            NotEvidence::OutsideFolder
        );
    }
}
