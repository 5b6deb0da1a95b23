//! The check made right before a file is copied into a pack, whatever the index recorded:
//! the folder may have changed since the scan, and a pack goes to AWS. Only a regular file
//! whose real location (links resolved) lies inside the evidence folder is opened.

use crate::evidence::walk::{regular_file_inside, NotEvidence};
use std::fs::{File, Metadata};
use std::io;
use std::path::Path;

/// Why a tagged file was left out of a pack, in the words the pack's report shows.
pub fn reason(refusal: NotEvidence) -> &'static str {
    match refusal {
        NotEvidence::OutsideFolder => {
            "a link to a file outside the evidence folder: Dossier does not copy it"
        }
        NotEvidence::NotAFile => {
            "not a regular file (a folder, pipe or device): Dossier does not copy it"
        }
    }
}

/// Why an online-only file (a cloud placeholder) is not in a pack: copying it would
/// download it, or stall offline.
pub const ONLINE_ONLY: &str =
    "online only (not on this laptop): make it available offline, then export again";

/// What opening a source gave: the open file, a refusal to open it, or a read error.
pub type Opened = Result<Result<File, NotEvidence>, io::Error>;

/// Opens `absolute` for copying if it is a regular file inside `root` (canonical), and
/// still the file that was checked once open.
pub fn open(root: &Path, absolute: &Path) -> Opened {
    let (real, seen) = match regular_file_inside(root, absolute)? {
        Ok(found) => found,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let checked = identity(&real, seen)?;
    let file = File::open(&real)?;
    if !same_file(&checked, &file)? {
        return Ok(Err(NotEvidence::NotAFile));
    }
    Ok(Ok(file))
}

/// The identity of the file that was checked, taken before it is opened.
#[cfg(unix)]
fn identity(_real: &Path, seen: Metadata) -> io::Result<Metadata> {
    Ok(seen)
}

/// Whether what was opened is the regular file that was checked, not one swapped in
/// between the check and the open.
#[cfg(unix)]
fn same_file(seen: &Metadata, opened: &File) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let opened = opened.metadata()?;
    Ok(opened.is_file() && (seen.dev(), seen.ino()) == (opened.dev(), opened.ino()))
}

/// std's metadata carries no file index on Windows: the file is asked (volume + index).
#[cfg(windows)]
fn identity(real: &Path, _seen: Metadata) -> io::Result<crate::evidence::identity::NodeId> {
    crate::evidence::identity::windows::node_of_path(real)
}

#[cfg(windows)]
fn same_file(seen: &crate::evidence::identity::NodeId, opened: &File) -> io::Result<bool> {
    let node = crate::evidence::identity::windows::node_of_file(opened)?;
    Ok(opened.metadata()?.is_file() && node == *seen)
}

#[cfg(not(any(unix, windows)))]
fn identity(_real: &Path, seen: Metadata) -> io::Result<Metadata> {
    Ok(seen)
}

/// Without a file identity, the open handle must at least be a regular file.
#[cfg(not(any(unix, windows)))]
fn same_file(_seen: &Metadata, opened: &File) -> io::Result<bool> {
    Ok(opened.metadata()?.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("evidence");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("sow.md"), "SOW").unwrap();
        std::fs::write(dir.path().join("secret"), "secret").unwrap();
        let root = root.canonicalize().unwrap();
        (dir, root)
    }

    #[test]
    fn a_regular_file_inside_the_folder_is_opened() {
        let (_dir, root) = root();
        assert!(open(&root, &root.join("sow.md")).unwrap().is_ok());
    }

    #[test]
    fn a_folder_is_refused() {
        let (_dir, root) = root();
        std::fs::create_dir(root.join("sub")).unwrap();
        let opened = open(&root, &root.join("sub")).unwrap();
        assert_eq!(opened.unwrap_err(), NotEvidence::NotAFile);
    }

    #[test]
    fn a_file_that_vanished_is_a_read_error() {
        let (_dir, root) = root();
        assert!(open(&root, &root.join("gone.md")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_only_to_regular_files_inside_the_folder() {
        let (dir, root) = root();
        let link = |target: &Path, name: &str| {
            std::os::unix::fs::symlink(target, root.join(name)).unwrap();
            root.join(name)
        };
        let outside = link(&dir.path().join("secret"), "outside.md");
        let inside = link(&root.join("sow.md"), "inside.md");
        let device = link(Path::new("/dev/zero"), "zero.md");
        let fifo = root.join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());

        let refusal = |p: &Path| open(&root, p).unwrap().err();
        assert_eq!(refusal(&outside), Some(NotEvidence::OutsideFolder));
        assert_eq!(refusal(&inside), None);
        assert_eq!(refusal(&device), Some(NotEvidence::OutsideFolder));
        assert_eq!(refusal(&fifo), Some(NotEvidence::NotAFile));
    }
}
