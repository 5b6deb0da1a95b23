//! What the user brings to import: a file (published text, a saved page, a markdown copy or a
//! data file) or pasted text, read into a [`super::Checklist`] whatever its form.

use std::fs::Metadata;
use std::io::Read;
use std::path::Path;

use serde::Serialize;

use super::bounds::{self, TooMany};
use super::naming::derive_id;
use super::parse::Reading;
use super::{html, load, markdown, parse, LoadError, ParseError};

/// Published checklists are a few hundred kilobytes; a saved page with its scripts a few
/// megabytes. Anything far larger is not a checklist, and is refused before it is read.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// The form the checklist came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SourceFormat {
    /// The published text, copied from the page (either layout).
    Text,
    /// A saved web page of the checklist.
    Html,
    /// A markdown copy of the page (a wiki, Notion or Google Docs export).
    Markdown,
    /// Dossier's own data file (`assets/checklists/*.toml`).
    DataFile,
}

/// A checklist to import, before it is read.
#[derive(Debug, Clone)]
pub struct Source {
    /// File name, or "pasted text": names the source in messages.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why a source could not be read as a checklist. Nothing is saved when any occurs.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: String, reason: String },
    /// A named pipe, a device or a socket: reading one can wait for ever or never end.
    #[error("{path} is {kind}, not a file: choose the checklist file itself")]
    NotAFile { path: String, kind: &'static str },
    #[error("{path} is over {max} bytes; a checklist is at most {max} bytes of text", max = MAX_SOURCE_BYTES)]
    TooLarge { path: String },
    #[error("{name}: {source}")]
    Parse {
        name: String,
        #[source]
        source: ParseError,
    },
    #[error("{name}: {source}")]
    TooDeep {
        name: String,
        #[source]
        source: html::TooDeep,
    },
    #[error("{name}: {source}")]
    TooMany {
        name: String,
        #[source]
        source: TooMany,
    },
    #[error(transparent)]
    DataFile(#[from] LoadError),
    #[error("{name}: the data file's id {id:?} is not usable: write lowercase letters, digits, dots and dashes, e.g. security-2026-02")]
    BadId { name: String, id: String },
}

impl Source {
    pub fn pasted(text: &str) -> Self {
        Self {
            name: "pasted text".into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// Reads `path`, refusing anything but a regular file (checked before opening it: a
    /// named pipe would wait for a writer for ever) and anything over [`MAX_SOURCE_BYTES`],
    /// also when the file grows while it is read.
    pub fn read(path: &Path) -> Result<Self, SourceError> {
        let shown = path.display().to_string();
        let unreadable = |e: std::io::Error| SourceError::Unreadable {
            path: shown.clone(),
            reason: in_words(&e),
        };
        let too_large = || SourceError::TooLarge {
            path: shown.clone(),
        };
        let meta = std::fs::metadata(path).map_err(unreadable)?;
        regular(&shown, &meta)?;
        if meta.len() > MAX_SOURCE_BYTES {
            return Err(too_large());
        }
        let file = std::fs::File::open(path).map_err(unreadable)?;
        // Again on what was opened, in case the path was replaced in between.
        regular(&shown, &file.metadata().map_err(unreadable)?)?;
        let bytes = read_at_most(file, MAX_SOURCE_BYTES)
            .map_err(unreadable)?
            .ok_or_else(too_large)?;
        let name = path
            .file_name()
            .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
        Ok(Self { name, bytes })
    }

    /// The checklist in this source, and the form it was in. A checklist read from text or
    /// a page gets its id from its title and version (`naming::derive_id`).
    pub fn checklist(&self) -> Result<(Reading, SourceFormat), SourceError> {
        let parse_error = |source| SourceError::Parse {
            name: self.name.clone(),
            source,
        };
        let text = parse::text_of(&self.bytes).map_err(parse_error)?;
        let format = self.format(&text);
        let reading = match format {
            SourceFormat::DataFile => {
                let checklist = load::from_toml(&self.name, &text)?;
                if !is_usable_id(&checklist.id) {
                    return Err(SourceError::BadId {
                        name: self.name.clone(),
                        id: checklist.id,
                    });
                }
                Reading {
                    checklist,
                    unplaced: Vec::new(),
                }
            }
            SourceFormat::Html => {
                let text = html::to_text(&text).map_err(|source| SourceError::TooDeep {
                    name: self.name.clone(),
                    source,
                })?;
                self.parse_text(&text)?
            }
            SourceFormat::Markdown => self.parse_text(&markdown::to_text(&text))?,
            SourceFormat::Text => self.parse_text(&text)?,
        };
        bounds::check(&reading.checklist).map_err(|source| SourceError::TooMany {
            name: self.name.clone(),
            source,
        })?;
        Ok((reading, format))
    }

    fn format(&self, text: &str) -> SourceFormat {
        if self.name.to_ascii_lowercase().ends_with(".toml") || starts_like_data_file(text) {
            SourceFormat::DataFile
        } else if html::looks_like_html(&self.name, text) {
            SourceFormat::Html
        } else if markdown::looks_like_markdown(&self.name, text) {
            SourceFormat::Markdown
        } else {
            SourceFormat::Text
        }
    }

    fn parse_text(&self, text: &str) -> Result<Reading, SourceError> {
        let mut reading = parse::read("", text).map_err(|source| SourceError::Parse {
            name: self.name.clone(),
            source,
        })?;
        let checklist = &mut reading.checklist;
        checklist.id = derive_id(&checklist.name, &checklist.version, &self.name);
        Ok(reading)
    }
}

/// The whole of `reader` if it holds at most `cap` bytes, else `None`; never reads more
/// than `cap + 1` bytes, however long the reader goes on.
fn read_at_most(reader: impl Read, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(cap + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}

/// Refuses anything but a regular file: a folder, and what reading can block on or never
/// finish (a named pipe, a device, a socket).
fn regular(path: &str, meta: &Metadata) -> Result<(), SourceError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(SourceError::Unreadable {
            path: path.into(),
            reason: "it is a folder, not a file".into(),
        });
    }
    Err(SourceError::NotAFile {
        path: path.into(),
        kind: special_kind(kind),
    })
}

/// What a path that is neither a file nor a folder is, in words.
fn special_kind(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    #[cfg(not(unix))]
    let _ = kind;
    "not a regular file"
}

/// An I/O error as a practice lead would say it.
fn in_words(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission to read it is denied".into(),
        _ => error.to_string(),
    }
}

/// A data file opens with comments and then `id = "…"`; published text never does.
fn starts_like_data_file(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with("id =") || l.starts_with("id="))
}

/// Ids name checklists on the command line and in the store: keep them plain.
fn is_usable_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file that keeps growing while it is read is a reader that does not end.
    #[test]
    fn a_read_stops_one_byte_past_the_cap() {
        assert_eq!(read_at_most(std::io::repeat(b'x'), 10).unwrap(), None);
        let exact = read_at_most(&b"0123456789"[..], 10).unwrap();
        assert_eq!(exact.as_deref(), Some(&b"0123456789"[..]));
    }
}
