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
    /// format without a reader is not a problem of the file: it has a filter of its own.
    pub fn is_problem(self) -> bool {
        !matches!(self, Self::Ok | Self::Missing | Self::NotRead)
    }

    /// Whether Dossier may read the file's bytes (hash, preview, open, pack). An outside
    /// link never is, whatever a caller asks.
    pub fn is_readable_evidence(self) -> bool {
        !matches!(self, Self::OutsideFolder | Self::Missing)
    }
}
