//! Whether a file's bytes are on this laptop or only in the cloud.
//!
//! OneDrive/SharePoint and Google Drive for desktop (Windows), and iCloud Drive and the File
//! Provider clients (macOS), show online-only files as placeholders: listing them is free, but
//! reading one downloads it, or stalls while offline. A scan asks here first and indexes a
//! placeholder from its metadata only. The decisions (attribute bits → [`Residency`]) are pure
//! functions tested on every OS; [`OsProbe`] is the thin platform read behind them. Linux has
//! no placeholders the kernel reports, so everything there is [`Residency::Local`].

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Where a file's content lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Residency {
    /// The bytes are on this disk: reading them costs nothing more.
    Local,
    /// A placeholder: reading would download the file, or stall offline.
    OnlineOnly,
}

/// Answers "is this file only a placeholder?" for a scan. A trait so tests on Linux, which
/// has no placeholders, can mark files online-only.
pub trait ResidencyProbe: Sync {
    /// The residency of the file at `path`, found by the walk. Must not read its content.
    fn residency(&self, path: &Path) -> Residency;

    /// Whether the file that vanished from `path` was replaced by its online-only stub (the
    /// legacy iCloud Drive `.NAME.icloud`), so it is still the user's, only evicted.
    fn evicted(&self, path: &Path) -> bool;
}

/// The operating system's answer (see the module documentation).
pub struct OsProbe;

impl ResidencyProbe for OsProbe {
    fn residency(&self, path: &Path) -> Residency {
        os::residency(path)
    }

    fn evicted(&self, path: &Path) -> bool {
        os::evicted(path)
    }
}

/// Windows: the data is recalled from the cloud when read (Cloud Files placeholders of
/// OneDrive, Google Drive), or when opened (older HSM-style placeholders).
const FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS: u32 = 0x0040_0000;
const FILE_ATTRIBUTE_RECALL_ON_OPEN: u32 = 0x0004_0000;
/// Windows: "the data of the file is not available immediately" (remote storage).
const FILE_ATTRIBUTE_OFFLINE: u32 = 0x0000_1000;

/// macOS `SF_DATALESS`: the file has no local data; the File Provider fetches it on read.
const SF_DATALESS: u32 = 0x4000_0000;

/// The residency a Windows file's attributes say.
pub fn from_windows_attributes(attributes: u32) -> Residency {
    let online = FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS
        | FILE_ATTRIBUTE_RECALL_ON_OPEN
        | FILE_ATTRIBUTE_OFFLINE;
    if attributes & online != 0 {
        Residency::OnlineOnly
    } else {
        Residency::Local
    }
}

/// The residency a BSD file's `st_flags` say (macOS).
pub fn from_bsd_flags(flags: u32) -> Residency {
    if flags & SF_DATALESS != 0 {
        Residency::OnlineOnly
    } else {
        Residency::Local
    }
}

/// The legacy iCloud Drive stub that stands for `path` once it is evicted: `dir/.NAME.icloud`
/// for `dir/NAME` (macOS before File Provider; the walk skips it as a hidden file).
pub fn legacy_icloud_stub(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let mut stub = OsString::from(".");
    stub.push(name);
    stub.push(".icloud");
    Some(path.with_file_name(stub))
}

#[cfg(windows)]
mod os {
    use super::*;
    use std::os::windows::fs::MetadataExt;

    /// `symlink_metadata` reads the attributes without opening the file through the cloud
    /// filter (a link is followed to its target, which the walk checked is inside the folder).
    pub fn residency(path: &Path) -> Residency {
        let meta = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => std::fs::metadata(path),
            other => other,
        };
        meta.map_or(Residency::Local, |m| {
            from_windows_attributes(m.file_attributes())
        })
    }

    /// Windows placeholders keep their name: nothing is evicted to another one.
    pub fn evicted(_path: &Path) -> bool {
        false
    }
}

#[cfg(target_os = "macos")]
mod os {
    use super::*;
    use std::os::macos::fs::MetadataExt;

    /// `stat` never materialises a dataless file; only reading its content does.
    pub fn residency(path: &Path) -> Residency {
        std::fs::metadata(path).map_or(Residency::Local, |m| from_bsd_flags(m.st_flags()))
    }

    pub fn evicted(path: &Path) -> bool {
        legacy_icloud_stub(path).is_some_and(|stub| std::fs::symlink_metadata(stub).is_ok())
    }
}

/// Linux and the rest: no placeholder the kernel reports (FUSE cloud clients serve reads
/// themselves), so every file is local, and a stalled read is still bounded by the hash's
/// stall limit.
#[cfg(not(any(windows, target_os = "macos")))]
mod os {
    use super::*;

    pub fn residency(_path: &Path) -> Residency {
        Residency::Local
    }

    pub fn evicted(_path: &Path) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_recall_and_offline_attributes_mean_online_only() {
        const ARCHIVE: u32 = 0x20;
        const PINNED: u32 = 0x0008_0000;
        const UNPINNED: u32 = 0x0010_0000;
        const REPARSE_POINT: u32 = 0x400;
        // A OneDrive "online-only" file, as Explorer shows it with a cloud icon.
        assert_eq!(
            from_windows_attributes(ARCHIVE | UNPINNED | REPARSE_POINT | 0x0040_0000),
            Residency::OnlineOnly
        );
        assert_eq!(
            from_windows_attributes(ARCHIVE | 0x0004_0000),
            Residency::OnlineOnly
        );
        assert_eq!(
            from_windows_attributes(ARCHIVE | 0x1000),
            Residency::OnlineOnly
        );
        // Downloaded ("available on this device") and "always keep on this device".
        assert_eq!(
            from_windows_attributes(ARCHIVE | REPARSE_POINT),
            Residency::Local
        );
        assert_eq!(
            from_windows_attributes(ARCHIVE | PINNED | REPARSE_POINT),
            Residency::Local
        );
        assert_eq!(from_windows_attributes(0), Residency::Local);
    }

    #[test]
    fn macos_dataless_flag_means_online_only() {
        const UF_HIDDEN: u32 = 0x8000;
        const SF_RESTRICTED: u32 = 0x0008_0000;
        assert_eq!(from_bsd_flags(0x4000_0000), Residency::OnlineOnly);
        assert_eq!(
            from_bsd_flags(0x4000_0000 | UF_HIDDEN),
            Residency::OnlineOnly
        );
        assert_eq!(from_bsd_flags(SF_RESTRICTED | UF_HIDDEN), Residency::Local);
        assert_eq!(from_bsd_flags(0), Residency::Local);
    }

    #[test]
    fn legacy_icloud_stubs_name_the_file_they_stand_for() {
        assert_eq!(
            legacy_icloud_stub(Path::new("Runbooks/SOW v2.docx")),
            Some(PathBuf::from("Runbooks/.SOW v2.docx.icloud"))
        );
        assert_eq!(
            legacy_icloud_stub(Path::new("Plan.pdf")),
            Some(PathBuf::from(".Plan.pdf.icloud"))
        );
        assert_eq!(legacy_icloud_stub(Path::new("")), None);
    }

    #[test]
    fn the_os_probe_reads_an_ordinary_file_as_local() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("local.txt");
        std::fs::write(&path, "on this laptop").unwrap();
        assert_eq!(OsProbe.residency(&path), Residency::Local);
        assert!(!OsProbe.evicted(&path));
    }
}
