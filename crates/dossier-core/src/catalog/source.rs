//! What the user brings to import: a file (published text, a saved page, or a data file)
//! or pasted text, read into a [`Checklist`] whatever its form.

use std::io::Read;
use std::path::Path;

use serde::Serialize;

use super::model::Checklist;
use super::naming::derive_id;
use super::{html, load, parse, LoadError, ParseError};

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
    #[error("{path} is {size} bytes; a checklist is at most {max} bytes of text", max = MAX_SOURCE_BYTES)]
    TooLarge { path: String, size: u64 },
    #[error("{name}: {source}")]
    Parse {
        name: String,
        #[source]
        source: ParseError,
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

    /// Reads `path`, refusing folders and anything larger than [`MAX_SOURCE_BYTES`].
    pub fn read(path: &Path) -> Result<Self, SourceError> {
        let shown = path.display().to_string();
        let unreadable = |reason: String| SourceError::Unreadable {
            path: shown.clone(),
            reason,
        };
        let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
        let meta = file.metadata().map_err(|e| unreadable(e.to_string()))?;
        if !meta.is_file() {
            return Err(unreadable("it is not a file".into()));
        }
        if meta.len() > MAX_SOURCE_BYTES {
            return Err(SourceError::TooLarge {
                path: shown,
                size: meta.len(),
            });
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(MAX_SOURCE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(e.to_string()))?;
        let name = path
            .file_name()
            .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
        Ok(Self { name, bytes })
    }

    /// The checklist in this source, and the form it was in. A checklist read from text or
    /// a page gets its id from its title and version (`naming::derive_id`).
    pub fn checklist(&self) -> Result<(Checklist, SourceFormat), SourceError> {
        let parse_error = |source| SourceError::Parse {
            name: self.name.clone(),
            source,
        };
        let text = parse::text_of(&self.bytes).map_err(parse_error)?;
        let format = self.format(&text);
        let checklist = match format {
            SourceFormat::DataFile => {
                let checklist = load::from_toml(&self.name, &text)?;
                if !is_usable_id(&checklist.id) {
                    return Err(SourceError::BadId {
                        name: self.name.clone(),
                        id: checklist.id,
                    });
                }
                checklist
            }
            SourceFormat::Html => self.parse_text(&html::to_text(&text))?,
            SourceFormat::Text => self.parse_text(&text)?,
        };
        Ok((checklist, format))
    }

    fn format(&self, text: &str) -> SourceFormat {
        if self.name.to_ascii_lowercase().ends_with(".toml") || starts_like_data_file(text) {
            SourceFormat::DataFile
        } else if html::looks_like_html(&self.name, text) {
            SourceFormat::Html
        } else {
            SourceFormat::Text
        }
    }

    fn parse_text(&self, text: &str) -> Result<Checklist, SourceError> {
        let mut checklist = parse::parse("", text).map_err(|source| SourceError::Parse {
            name: self.name.clone(),
            source,
        })?;
        checklist.id = derive_id(&checklist.name, &checklist.version, &self.name);
        Ok(checklist)
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
