//! Bounded reading of the OLE compound files behind Word 97–2003 and PowerPoint
//! 97–2003 documents: a small FAT file system in one file, read with `cfb`.
//!
//! A stream's size comes from the file itself, so a hostile one can claim
//! gigabytes; all streams read from one file share a budget of
//! [`MAX_CONTENT_BYTES`], like the parts of a zip package.

use crate::extract::{io_error, too_much_content, ExtractError, MAX_CONTENT_BYTES};
use cfb::CompoundFile;
use std::fs::File;
use std::io::Read;
use std::path::Path;

pub(super) struct Compound {
    file: CompoundFile<File>,
    budget: u64,
    what: &'static str,
}

impl Compound {
    /// Opens `path` as a compound file; `what` names the format in the errors a
    /// person reads, e.g. "Word 97–2003 document".
    pub(super) fn open(path: &Path, what: &'static str) -> Result<Self, ExtractError> {
        let file = File::open(path).map_err(io_error)?;
        let file = CompoundFile::open(file)
            .map_err(|error| ExtractError::unreadable(format!("not a valid {what}"), error))?;
        Ok(Self {
            file,
            budget: MAX_CONTENT_BYTES,
            what,
        })
    }

    /// The bytes of the root-level stream `name`, or `None` if there is no such stream.
    pub(super) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ExtractError> {
        let path = format!("/{name}");
        if !self.file.is_stream(&path) {
            return Ok(None);
        }
        let what = self.what;
        let damaged = |error: std::io::Error| damaged(what, format!("stream {name}: {error}"));
        let stream = self.file.open_stream(&path).map_err(damaged)?;
        let mut bytes = Vec::new();
        stream
            .take(self.budget + 1)
            .read_to_end(&mut bytes)
            .map_err(damaged)?;
        self.budget = self
            .budget
            .checked_sub(bytes.len() as u64)
            .ok_or_else(too_much_content)?;
        Ok(Some(bytes))
    }

    /// The stream `name`, which the format cannot do without.
    pub(super) fn require(&mut self, name: &str) -> Result<Vec<u8>, ExtractError> {
        self.read(name)?.ok_or_else(|| {
            ExtractError::unreadable(
                format!("not a valid {}", self.what),
                format!("no stream {name}"),
            )
        })
    }
}

/// The error for a file whose structures contradict each other: `cause` says which.
pub(super) fn damaged(what: &str, cause: impl std::fmt::Display) -> ExtractError {
    ExtractError::unreadable(format!("this {what} is damaged"), cause)
}
