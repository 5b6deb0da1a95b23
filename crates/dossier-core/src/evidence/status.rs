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
    TimedOut,
    TooLarge,
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
            Self::TimedOut => "timed_out",
            Self::TooLarge => "too_large",
            Self::Missing => "missing",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Ok,
            Self::NoTextLayer,
            Self::Encrypted,
            Self::Unreadable,
            Self::TimedOut,
            Self::TooLarge,
            Self::Missing,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// Statuses worth another try on the next scan even if the file did not change
    /// (a timeout may have been load on the machine).
    pub fn retry_on_rescan(self) -> bool {
        matches!(self, Self::TimedOut)
    }

    /// Whether the file had a problem the user should see in an "unreadable" filter.
    pub fn is_problem(self) -> bool {
        !matches!(self, Self::Ok | Self::Missing)
    }
}
