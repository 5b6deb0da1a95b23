//! What identifies a file on disk beyond its path: size and mtime say "unchanged", the
//! content hash says "same document", and (device, inode, birth time) say "same file,
//! renamed" even after an edit. On Windows the device is the volume serial number, the
//! inode the NTFS file index and the birth time the creation time.

use super::status::FileStatus;
use crossbeam_channel::RecvTimeoutError;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStat {
    pub size: u64,
    pub mtime_ns: i64,
    pub is_dir: bool,
    pub node: Option<NodeId>,
}

/// The filesystem's identity of a file. Birth time is part of it because inode numbers are
/// reused: a new file may get a deleted file's inode, but not its birth time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NodeId {
    pub dev: u64,
    pub ino: u64,
    pub birth_ns: i64,
}

impl FileStat {
    /// Stats `path`, following a symbolic link to its target.
    pub fn of(path: &Path) -> std::io::Result<Self> {
        let meta = std::fs::metadata(path)?;
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        Ok(Self {
            size: meta.len(),
            mtime_ns,
            is_dir: meta.is_dir(),
            node: node_id(path, &meta),
        })
    }
}

#[cfg(unix)]
fn node_id(_path: &Path, meta: &std::fs::Metadata) -> Option<NodeId> {
    use std::os::unix::fs::MetadataExt;
    let birth = meta.created().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(NodeId {
        dev: meta.dev(),
        ino: meta.ino(),
        birth_ns: birth.as_nanos() as i64,
    })
}

/// std's metadata has no stable volume serial or file index, so the file is asked itself.
#[cfg(windows)]
fn node_id(path: &Path, _meta: &std::fs::Metadata) -> Option<NodeId> {
    windows::node_of_path(path).ok()
}

#[cfg(not(any(unix, windows)))]
fn node_id(_path: &Path, _meta: &std::fs::Metadata) -> Option<NodeId> {
    None
}

/// A file's identity from its handle (volume serial, file index, creation time).
#[cfg(windows)]
pub mod windows {
    use super::NodeId;
    use std::fs::{File, OpenOptions};
    use std::io;
    use std::os::windows::fs::OpenOptionsExt;
    use std::os::windows::io::AsRawHandle;
    use std::path::Path;
    use windows_sys::Win32::Storage::FileSystem::{
        GetFileInformationByHandle, BY_HANDLE_FILE_INFORMATION, FILE_FLAG_BACKUP_SEMANTICS,
        FILE_FLAG_OPEN_NO_RECALL, FILE_SHARE_DELETE, FILE_SHARE_READ, FILE_SHARE_WRITE,
    };

    /// 100-ns intervals between 1601-01-01 (FILETIME's epoch) and 1970-01-01.
    const FILETIME_UNIX_EPOCH: i64 = 116_444_736_000_000_000;

    /// The identity of the file (or folder) at `path`, links followed. Opened with no access
    /// rights and every share flag, so the file is neither read nor locked for anyone:
    /// the same way std reads metadata; and with no recall, so opening a cloud placeholder
    /// (an online-only OneDrive file) never downloads it.
    pub fn node_of_path(path: &Path) -> io::Result<NodeId> {
        let file = OpenOptions::new()
            .access_mode(0)
            .share_mode(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
            .custom_flags(FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_NO_RECALL)
            .open(path)?;
        node_of_file(&file)
    }

    /// The identity of an open file: what was opened, whatever its path leads to now.
    pub fn node_of_file(file: &File) -> io::Result<NodeId> {
        // SAFETY: the handle is open for the call, which only writes into `info`.
        let mut info: BY_HANDLE_FILE_INFORMATION = unsafe { std::mem::zeroed() };
        if unsafe { GetFileInformationByHandle(file.as_raw_handle(), &mut info) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let created = (u64::from(info.ftCreationTime.dwHighDateTime) << 32)
            | u64::from(info.ftCreationTime.dwLowDateTime);
        Ok(NodeId {
            dev: u64::from(info.dwVolumeSerialNumber),
            ino: (u64::from(info.nFileIndexHigh) << 32) | u64::from(info.nFileIndexLow),
            birth_ns: (created as i64)
                .saturating_sub(FILETIME_UNIX_EPOCH)
                .saturating_mul(100),
        })
    }
}

/// Why a file could not be hashed, in words for the user.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file kept growing while it was read; Dossier reads it again once it settles")]
    Growing,
    #[error("reading the file stalled (a network share, or a cloud file not downloaded yet?); Dossier reads it again once it changes")]
    Stalled,
}

impl HashError {
    /// Unreadable, not retried at every scan: a stalled read leaves a thread blocked, so the
    /// file is read again only once its size or time changes (a placeholder downloaded).
    pub fn status(&self) -> FileStatus {
        FileStatus::Unreadable
    }
}

/// How long a read may make no progress before the file is given up on.
const STALL: Duration = Duration::from_secs(15);

/// blake3 of the file's first `size` bytes (its size when it was listed), hex-encoded.
///
/// Bounded in size and time: a file that has grown past `size` is refused rather than
/// followed, and the read runs on its own thread so a stalled one (a network share, a
/// cloud placeholder) is abandoned after [`STALL`] without progress instead of hanging
/// the scan.
pub fn hash_file(path: &Path, size: u64) -> Result<String, HashError> {
    hash_with_stall_limit(path, size, STALL)
}

fn hash_with_stall_limit(path: &Path, size: u64, stall: Duration) -> Result<String, HashError> {
    let progress = Arc::new(AtomicU64::new(0));
    let (tx, rx) = crossbeam_channel::bounded(1);
    let (path, read) = (path.to_path_buf(), progress.clone());
    std::thread::Builder::new()
        .name("dossier-hash".into())
        .spawn(move || {
            let _ = tx.send(hash_bounded(&path, size, &read));
        })?;
    let (mut seen, mut since) = (0, Instant::now());
    loop {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(result) => return result,
            Err(RecvTimeoutError::Disconnected) => {
                return Err(std::io::Error::other("the read stopped unexpectedly").into())
            }
            Err(RecvTimeoutError::Timeout) => {
                let now = progress.load(Ordering::Relaxed);
                if now != seen {
                    (seen, since) = (now, Instant::now());
                } else if since.elapsed() >= stall {
                    return Err(HashError::Stalled);
                }
            }
        }
    }
}

fn hash_bounded(path: &Path, size: u64, progress: &AtomicU64) -> Result<String, HashError> {
    let file = std::fs::File::open(path)?;
    let mut reader = file.take(size.saturating_add(1));
    let mut hasher = blake3::Hasher::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > size {
            return Err(HashError::Growing);
        }
        hasher.update(&buf[..n]);
        progress.store(total, Ordering::Relaxed);
    }
    Ok(hasher.finalize().to_hex().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_same_hash_different_bytes_different_hash() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            dir.path().join("a"),
            dir.path().join("b"),
            dir.path().join("c"),
        );
        std::fs::write(&a, "runbook").unwrap();
        std::fs::write(&b, "runbook").unwrap();
        std::fs::write(&c, "runbooK").unwrap();
        assert_eq!(hash_file(&a, 7).unwrap(), hash_file(&b, 7).unwrap());
        assert_ne!(hash_file(&a, 7).unwrap(), hash_file(&c, 7).unwrap());
    }

    #[test]
    fn a_file_that_grew_since_it_was_listed_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("growing.log");
        std::fs::write(&path, "0123456789").unwrap();
        assert!(matches!(hash_file(&path, 4), Err(HashError::Growing)));
        assert!(hash_file(&path, 10).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_read_that_makes_no_progress_is_given_up() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("stalled");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // Opening a FIFO with no writer blocks for ever: the stand-in for a dead share.
        let result = hash_with_stall_limit(&fifo, 10, Duration::from_millis(300));
        assert!(matches!(result, Err(HashError::Stalled)), "{result:?}");
        // Let the abandoned reader go.
        drop(std::fs::OpenOptions::new().write(true).open(&fifo));
    }

    #[cfg(any(target_os = "linux", windows))]
    #[test]
    fn rename_keeps_node_identity() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "x").unwrap();
        let before = FileStat::of(&a).unwrap().node;
        assert!(before.is_some());
        std::fs::rename(&a, &b).unwrap();
        assert_eq!(FileStat::of(&b).unwrap().node, before);
    }

    #[cfg(any(target_os = "linux", windows))]
    #[test]
    fn a_new_file_in_a_renamed_files_place_is_another_node() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "x").unwrap();
        let first = FileStat::of(&a).unwrap().node;
        std::fs::rename(&a, &b).unwrap();
        std::fs::write(&a, "x").unwrap();
        assert_ne!(FileStat::of(&a).unwrap().node, first);
    }

    #[cfg(windows)]
    #[test]
    fn an_open_file_and_its_path_have_one_identity_and_the_file_stays_usable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sow.docx");
        std::fs::write(&path, "x").unwrap();
        let open = std::fs::File::open(&path).unwrap();
        let by_path = windows::node_of_path(&path).unwrap();
        assert_eq!(windows::node_of_file(&open).unwrap(), by_path);
        // Asking for the identity holds nothing open: the file can still be renamed.
        let moved = dir.path().join("SOW final.docx");
        std::fs::rename(&path, &moved).unwrap();
        assert_eq!(windows::node_of_path(&moved).unwrap(), by_path);
        let folder = windows::node_of_path(dir.path()).unwrap();
        assert_ne!(folder, by_path);
    }
}
