//! What identifies a file on disk beyond its path: size and mtime say "unchanged", the
//! content hash says "same document", and (device, inode, birth time) say "same file,
//! renamed" even after an edit.

use std::io::Read;
use std::path::Path;
use std::time::UNIX_EPOCH;

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
            node: node_id(&meta),
        })
    }
}

#[cfg(unix)]
fn node_id(meta: &std::fs::Metadata) -> Option<NodeId> {
    use std::os::unix::fs::MetadataExt;
    let birth = meta.created().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(NodeId {
        dev: meta.dev(),
        ino: meta.ino(),
        birth_ns: birth.as_nanos() as i64,
    })
}

#[cfg(not(unix))]
fn node_id(_meta: &std::fs::Metadata) -> Option<NodeId> {
    None
}

/// blake3 of the file's bytes, hex-encoded.
pub fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = blake3::Hasher::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
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
        assert_eq!(hash_file(&a).unwrap(), hash_file(&b).unwrap());
        assert_ne!(hash_file(&a).unwrap(), hash_file(&c).unwrap());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn rename_keeps_node_identity() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "x").unwrap();
        let before = FileStat::of(&a).unwrap().node;
        std::fs::rename(&a, &b).unwrap();
        assert_eq!(FileStat::of(&b).unwrap().node, before);
    }
}
