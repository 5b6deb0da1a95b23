//! Exports of one checklist's application, written only to a destination the user picks:
//! the self-assessment spreadsheet, the evidence index report (HTML and PDF) and the
//! evidence pack (a folder or ZIP of the tagged files per control, with the report).
//!
//! Every export renders one `Report`, a snapshot taken from the store in one call, so the
//! writers never touch the database and the app can write without holding it.

mod html;
mod pack;
mod pdf;
pub mod report;
mod xlsx;

use crate::events::CancelToken;
pub use report::Report;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    /// Self-assessment spreadsheet.
    Xlsx,
    /// Evidence index report, one self-contained HTML file.
    Html,
    /// The same report as a PDF.
    Pdf,
    /// Evidence pack: a folder with one sub-folder per control and the report.
    Pack,
    /// The evidence pack as one ZIP file.
    Zip,
}

impl ExportFormat {
    /// The file name extension, none for a folder.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Self::Xlsx => Some("xlsx"),
            Self::Html => Some("html"),
            Self::Pdf => Some("pdf"),
            Self::Pack => None,
            Self::Zip => Some("zip"),
        }
    }

    fn what(self) -> &'static str {
        match self {
            Self::Xlsx => "self-assessment",
            Self::Html | Self::Pdf => "evidence index",
            Self::Pack | Self::Zip => "evidence pack",
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ExportSummary {
    pub format: ExportFormat,
    pub path: PathBuf,
    #[ts(type = "number")]
    pub controls: usize,
    /// Evidence files copied into a pack (each verified by its hash).
    #[ts(type = "number")]
    pub files: usize,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Progress of an export that copies files: `done` of `total` bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ExportProgress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
    pub current: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0} is inside the evidence folder, which Dossier never writes to: choose another destination")]
    InsideEvidenceFolder(PathBuf),
    #[error("{0} already exists: choose another name")]
    Exists(PathBuf),
    #[error("the destination folder {0} does not exist")]
    NoDestination(PathBuf),
    #[error("export cancelled; nothing was left at the destination")]
    Cancelled,
    #[error("{path} changed while it was copied (hash {expected}, copy {found}): export it again")]
    CopyMismatch {
        path: String,
        expected: String,
        found: String,
    },
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot write the spreadsheet: {0}")]
    Xlsx(String),
    #[error("cannot write the PDF: {0}")]
    Pdf(String),
}

impl ExportError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::InsideEvidenceFolder(_) => "export_inside_evidence_folder",
            Self::Exists(_) => "export_exists",
            Self::NoDestination(_) => "export_no_destination",
            Self::Cancelled => "cancelled",
            Self::CopyMismatch { .. } => "export_copy_mismatch",
            Self::Read { .. } => "export_read",
            Self::Write { .. } | Self::Xlsx(_) | Self::Pdf(_) => "export_write",
        }
    }
}

/// Writes `report` as `format` at `out`, which must not exist yet and must be outside the
/// evidence folder. Output is built beside `out` and renamed into place, so a failed or
/// cancelled export leaves nothing behind.
pub fn write(
    report: &Report,
    format: ExportFormat,
    out: &Path,
    progress: &mut dyn FnMut(ExportProgress),
    cancel: &CancelToken,
) -> Result<ExportSummary, ExportError> {
    let out = check_destination(report, out)?;
    let staging = staging_path(&out);
    let result = match format {
        ExportFormat::Xlsx => xlsx::write(report, &staging).map(|()| 0),
        ExportFormat::Html => {
            let page = html::render(report, &html::Links::ToFolder(&out));
            write_file(&staging, page.as_bytes()).map(|()| 0)
        }
        ExportFormat::Pdf => pdf::render(report)
            .and_then(|bytes| write_file(&staging, &bytes))
            .map(|()| 0),
        ExportFormat::Pack => pack::write_folder(report, &staging, progress, cancel),
        ExportFormat::Zip => {
            let name = out.file_stem().unwrap_or_default().to_string_lossy();
            pack::write_zip(report, &staging, &name, progress, cancel)
        }
    };
    let files = match result {
        Ok(files) => files,
        Err(e) => {
            remove(&staging);
            return Err(e);
        }
    };
    std::fs::rename(&staging, &out).map_err(|source| {
        remove(&staging);
        ExportError::Write {
            path: out.clone(),
            source,
        }
    })?;
    Ok(ExportSummary {
        format,
        controls: report.controls.len(),
        files,
        bytes: size_of(&out),
        path: out,
    })
}

/// A file name for an export into `folder` that does not exist yet:
/// `Generative AI Services Competency – evidence pack – 2026-11-22 (2).zip`.
pub fn default_path(report: &Report, format: ExportFormat, folder: &Path) -> PathBuf {
    let stem = format!(
        "{} – {} – {}",
        safe_name(&report.name),
        format.what(),
        crate::freshness::format_date(report.generated_at)
    );
    let named = |n: u32| {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        match format.extension() {
            Some(ext) => folder.join(format!("{stem}{suffix}.{ext}")),
            None => folder.join(format!("{stem}{suffix}")),
        }
    };
    (1..)
        .map(named)
        .find(|p| !p.exists() && !staging_path(p).exists())
        .unwrap_or_else(|| named(1))
}

/// A name that is a valid file name on every desktop system.
pub(crate) fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim().trim_end_matches('.').trim();
    trimmed.chars().take(120).collect()
}

fn check_destination(report: &Report, out: &Path) -> Result<PathBuf, ExportError> {
    let name = out
        .file_name()
        .ok_or_else(|| ExportError::NoDestination(out.to_path_buf()))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let parent = parent
        .canonicalize()
        .map_err(|_| ExportError::NoDestination(parent.to_path_buf()))?;
    let out = parent.join(name);
    if out.starts_with(&report.root) {
        return Err(ExportError::InsideEvidenceFolder(out));
    }
    if out.exists() {
        return Err(ExportError::Exists(out));
    }
    Ok(out)
}

fn staging_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    out.with_file_name(name)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    std::fs::write(path, bytes).map_err(write_error(path))
}

pub(crate) fn write_error(path: &Path) -> impl Fn(io::Error) -> ExportError + '_ {
    move |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    }
}

fn remove(path: &Path) {
    let _ = if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
}

fn size_of(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
