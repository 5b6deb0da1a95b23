//! What the index could make of a file, as the user sees it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileStatus {
    /// Indexed; text extracted where the kind has text.
    Ok,
    /// A PDF with pages but no text layer: tag it by hand.
    NoTextLayer,
    Encrypted,
    Unreadable,
    /// The text reader crashed or could not start: not the file's fault, so it is read
    /// again at the next scan.
    ReaderFailed,
    TimedOut,
    TooLarge,
    /// A format Dossier has no text reader for (`.doc`, `.vsdx`, …): tag it by hand.
    NotRead,
    /// A link whose target lies outside the evidence folder (or is not a regular file):
    /// listed so the user sees it, never read, hashed, opened or packed.
    OutsideFolder,
    /// The file vanished from the folder; its tags stay until the user removes them.
    Missing,
    /// A cloud placeholder (OneDrive, iCloud Drive, Google Drive): "not on this laptop".
    /// Indexed from its name, size and time only, since reading it would download it or
    /// stall offline; read once it is made available offline.
    OnlineOnly,
}

impl FileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::NoTextLayer => "no_text_layer",
            Self::Encrypted => "encrypted",
            Self::Unreadable => "unreadable",
            Self::ReaderFailed => "reader_failed",
            Self::TimedOut => "timed_out",
            Self::TooLarge => "too_large",
            Self::NotRead => "not_read",
            Self::OutsideFolder => "outside_folder",
            Self::Missing => "missing",
            Self::OnlineOnly => "online_only",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Ok,
            Self::NoTextLayer,
            Self::Encrypted,
            Self::Unreadable,
            Self::ReaderFailed,
            Self::TimedOut,
            Self::TooLarge,
            Self::NotRead,
            Self::OutsideFolder,
            Self::Missing,
            Self::OnlineOnly,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// Statuses worth another try on the next scan even if the file did not change
    /// (a timeout may have been load on the machine, a crashed reader bad luck).
    pub fn retry_on_rescan(self) -> bool {
        matches!(self, Self::TimedOut | Self::ReaderFailed)
    }

    /// Whether the file had a problem the user should see in an "unreadable" filter. A
    /// format without a reader is not a problem of the file, nor is a file kept online
    /// only: each has a filter of its own.
    pub fn is_problem(self) -> bool {
        !matches!(
            self,
            Self::Ok | Self::Missing | Self::NotRead | Self::OnlineOnly
        )
    }

    /// Whether Dossier may read the file's bytes (hash, text, search, preview, open, pack).
    /// An outside link never is, whatever a caller asks; nor is a placeholder, whose read
    /// would download it.
    pub fn is_readable_evidence(self) -> bool {
        self.counts_as_evidence() && self != Self::OnlineOnly
    }

    /// Whether the file is the partner's evidence in the folder: it may be tagged and counts
    /// for coverage. A placeholder does (the document exists, one click from being local;
    /// the readiness check names it), a link that leaves the folder or a vanished file not.
    pub fn counts_as_evidence(self) -> bool {
        !matches!(self, Self::OutsideFolder | Self::Missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_online_only_file_counts_but_is_never_read() {
        let s = FileStatus::OnlineOnly;
        assert_eq!(FileStatus::parse(s.as_str()), Some(s));
        assert_eq!(s.as_str(), "online_only");
        assert!(s.counts_as_evidence());
        assert!(!s.is_readable_evidence());
        assert!(
            !s.retry_on_rescan(),
            "no retry storm: read again only once local"
        );
        assert!(!s.is_problem());
        assert!(!FileStatus::OutsideFolder.counts_as_evidence());
        assert!(FileStatus::NotRead.is_readable_evidence());
    }
}
