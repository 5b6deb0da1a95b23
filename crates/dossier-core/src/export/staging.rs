//! Where an export is built before it takes its place: a new entry beside the destination
//! under a unique hidden name (`.NAME.dossier-1f2e….part`), created exclusively, so nothing
//! the user keeps there is ever written through, replaced or removed. It records what it
//! creates, and a failure, a cancel or a panic removes exactly that and nothing else.

use super::names::{cut, MAX_NAME_BYTES};
use super::{write_error, ExportError};
use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

pub struct Staging {
    /// The staging entry, then everything created inside it, in creation order; `true`
    /// for a folder.
    created: Vec<(PathBuf, bool)>,
    placed: bool,
}

/// How many unique names to try before giving up: a clash means someone else's entry.
const ATTEMPTS: usize = 16;

impl Staging {
    /// A new, empty staging file beside `out`, open for writing and reading back.
    pub fn file(out: &Path) -> Result<(Self, File), ExportError> {
        let (path, file) = create(out, |p| {
            OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .open(p)
        })?;
        Ok((Self::new(path, false), file))
    }

    /// A new, empty staging folder beside `out`.
    pub fn folder(out: &Path) -> Result<Self, ExportError> {
        let (path, ()) = create(out, |p| std::fs::create_dir(p))?;
        Ok(Self::new(path, true))
    }

    fn new(path: PathBuf, dir: bool) -> Self {
        Self {
            created: vec![(path, dir)],
            placed: false,
        }
    }

    pub fn path(&self) -> &Path {
        &self.created[0].0
    }

    /// A new folder at `rel` inside the staging folder; its parent must exist.
    pub fn create_dir(&mut self, rel: &str) -> Result<(), ExportError> {
        let path = self.path().join(rel);
        std::fs::create_dir(&path).map_err(write_error(&path))?;
        self.created.push((path, true));
        Ok(())
    }

    /// A new file at `rel` inside the staging folder; never one that exists already.
    pub fn create_file(&mut self, rel: &str) -> Result<File, ExportError> {
        let path = self.path().join(rel);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(write_error(&path))?;
        self.created.push((path, false));
        Ok(file)
    }

    /// Moves the finished export to `out`. Refuses, leaving it as it is, anything that
    /// appeared at `out` since the export started.
    pub fn place(mut self, out: &Path) -> Result<(), ExportError> {
        let from = self.path().to_path_buf();
        let placed = if self.created[0].1 {
            place_folder(&from, out)
        } else {
            place_file(&from, out)
        };
        self.placed = placed.is_ok();
        placed
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.placed {
            return;
        }
        for (path, dir) in self.created.iter().rev() {
            // A folder is removed only once empty: what someone else put in it stays.
            let _ = if *dir {
                std::fs::remove_dir(path)
            } else {
                std::fs::remove_file(path)
            };
        }
    }
}

/// Creates a new entry with `make` under a unique staging name beside `out`.
fn create<T>(
    out: &Path,
    make: impl Fn(&Path) -> io::Result<T>,
) -> Result<(PathBuf, T), ExportError> {
    let mut last = io::Error::from(io::ErrorKind::AlreadyExists);
    for _ in 0..ATTEMPTS {
        let path = staging_name(out, random());
        match make(&path) {
            Ok(made) => return Ok((path, made)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(write_error(&path)(e)),
        }
    }
    Err(write_error(out)(last))
}

/// `.NAME.dossier-<16 hex digits>.part` beside `out`, NAME cut to fit one file name.
fn staging_name(out: &Path, token: u64) -> PathBuf {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    let decoration = format!(".dossier-{token:016x}.part");
    let room = MAX_NAME_BYTES - 1 - decoration.len();
    out.with_file_name(format!(".{}{decoration}", cut(&name, room)))
}

/// A number no other run is likely to pick: std's per-process random hash keys.
fn random() -> u64 {
    use std::hash::BuildHasher;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    std::collections::hash_map::RandomState::new().hash_one((now, std::process::id()))
}

/// A file is linked in place, which fails if anything is at `out`; then the staging name
/// goes. File systems without hard links (FAT, some network shares) get a checked rename.
fn place_file(from: &Path, out: &Path) -> Result<(), ExportError> {
    match std::fs::hard_link(from, out) {
        Ok(()) => {
            let _ = std::fs::remove_file(from);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(ExportError::DestinationTaken(out.to_path_buf()))
        }
        Err(_) => place_checked(from, out),
    }
}

/// rename(2) replaces an empty folder at the destination, so `out` is first created as
/// this run's own empty folder (which fails if anything is there) and then replaced.
#[cfg(unix)]
fn place_folder(from: &Path, out: &Path) -> Result<(), ExportError> {
    match std::fs::create_dir(out) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(ExportError::DestinationTaken(out.to_path_buf()))
        }
        Err(e) => return Err(write_error(out)(e)),
    }
    std::fs::rename(from, out).map_err(|e| {
        let _ = std::fs::remove_dir(out);
        write_error(out)(e)
    })
}

/// Elsewhere a rename does not replace a folder, and on Windows nothing at all.
#[cfg(not(unix))]
fn place_folder(from: &Path, out: &Path) -> Result<(), ExportError> {
    place_checked(from, out)
}

/// Moves `from` to `out` unless something is at `out` (a link counts, even a broken one).
fn place_checked(from: &Path, out: &Path) -> Result<(), ExportError> {
    if std::fs::symlink_metadata(out).is_ok() {
        return Err(ExportError::DestinationTaken(out.to_path_buf()));
    }
    match rename_new(from, out) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(ExportError::DestinationTaken(out.to_path_buf()))
        }
        moved => moved.map_err(write_error(out)),
    }
}

/// rename(2): what appears at `out` between the check and the move is a rare race.
#[cfg(not(windows))]
fn rename_new(from: &Path, out: &Path) -> io::Result<()> {
    std::fs::rename(from, out)
}

/// std's rename replaces a file at `out` on Windows; MoveFileExW without
/// MOVEFILE_REPLACE_EXISTING refuses anything there, so no race replaces a user's file.
#[cfg(windows)]
fn rename_new(from: &Path, out: &Path) -> io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Storage::FileSystem::MoveFileExW;
    let wide = |p: &Path| -> Vec<u16> { p.as_os_str().encode_wide().chain([0]).collect() };
    let (from, out) = (wide(from), wide(out));
    // SAFETY: both are NUL-terminated UTF-16 strings that outlive the call.
    if unsafe { MoveFileExW(from.as_ptr(), out.as_ptr(), 0) } == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_staging_name_is_hidden_unique_and_fits_one_file_name() {
        let out = Path::new("/exports/pack.zip");
        let a = staging_name(out, 1);
        assert_eq!(
            a.file_name().unwrap(),
            ".pack.zip.dossier-0000000000000001.part"
        );
        assert_ne!(staging_name(out, random()), staging_name(out, random()));
        let long = Path::new("/exports").join("é".repeat(127));
        let name = staging_name(&long, u64::MAX);
        assert!(name.file_name().unwrap().len() <= MAX_NAME_BYTES);
    }

    #[test]
    fn a_failed_export_removes_its_own_entries_and_nothing_it_did_not_create() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("pack");
        let mut staging = Staging::folder(&out).unwrap();
        let path = staging.path().to_path_buf();
        staging.create_dir("PRJ-003").unwrap();
        staging.create_file("PRJ-003/sow.md").unwrap();
        std::fs::write(path.join("PRJ-003/theirs.md"), "not ours").unwrap();
        assert!(
            staging.create_file("PRJ-003/theirs.md").is_err(),
            "never reused"
        );
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(path.join("PRJ-003/theirs.md")).unwrap(),
            "not ours"
        );
        assert!(!path.join("PRJ-003/sow.md").exists());
    }

    #[test]
    fn a_checked_move_refuses_anything_at_the_destination() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report.html");
        let (staging, mut file) = Staging::file(&out).unwrap();
        file.write_all(b"report").unwrap();
        let from = staging.path().to_path_buf();
        std::fs::write(&out, "theirs").unwrap();
        let e = place_checked(&from, &out).unwrap_err();
        assert_eq!(e.code(), "export_destination_taken");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "theirs");
        std::fs::remove_file(&out).unwrap();
        place_checked(&from, &out).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "report");
        drop(staging);
        assert!(out.is_file(), "what was placed is not staging any more");
    }

    #[test]
    fn a_finished_folder_takes_its_place_and_refuses_a_folder_that_appeared() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("pack");
        let staging = Staging::folder(&out).unwrap();
        std::fs::create_dir(&out).unwrap();
        let e = staging.place(&out).unwrap_err();
        assert_eq!(e.code(), "export_destination_taken");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        std::fs::remove_dir(&out).unwrap();
        let mut staging = Staging::folder(&out).unwrap();
        staging.create_file("index.html").unwrap();
        staging.place(&out).unwrap();
        assert!(out.join("index.html").is_file());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// The race the check cannot see: a file that appears after it is still not replaced.
    #[cfg(windows)]
    #[test]
    fn the_move_itself_never_replaces_a_file_on_windows() {
        let dir = tempfile::tempdir().unwrap();
        let (from, out) = (dir.path().join("staged"), dir.path().join("report.html"));
        std::fs::write(&from, "report").unwrap();
        std::fs::write(&out, "theirs").unwrap();
        let e = rename_new(&from, &out).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "theirs");
        std::fs::remove_file(&out).unwrap();
        rename_new(&from, &out).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "report");
    }
}
