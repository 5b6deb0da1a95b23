//! Exports of one checklist's application, written only to a destination the user picks:
//! the self-assessment spreadsheet, the evidence index report (HTML and PDF) and the
//! evidence pack (a folder or ZIP of the tagged files per control, with the report).
//!
//! Every export renders one `Report`, a snapshot taken from the store in one call, so the
//! writers never touch the database and the app can write without holding it.

mod html;
mod names;
mod pack;
mod pdf;
pub mod report;
mod source;
mod staging;
mod xlsx;

use crate::events::CancelToken;
pub use report::Report;
use serde::{Deserialize, Serialize};
use staging::Staging;
use std::io::{self, Write};
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
    #[error("{0} appeared while the export was being written, so the export was not put there: choose another name")]
    DestinationTaken(PathBuf),
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
            Self::DestinationTaken(_) => "export_destination_taken",
            Self::NoDestination(_) => "export_no_destination",
            Self::Cancelled => "cancelled",
            Self::CopyMismatch { .. } => "export_copy_mismatch",
            Self::Read { .. } => "export_read",
            Self::Write { .. } | Self::Xlsx(_) | Self::Pdf(_) => "export_write",
        }
    }
}

/// Writes `report` as `format` at `out`, which must not exist yet and must be outside the
/// evidence folder. Output is built in a staging entry of its own beside `out` and moved
/// into place, so a failed or cancelled export leaves nothing behind and touches nothing
/// it did not create.
pub fn write(
    report: &Report,
    format: ExportFormat,
    out: &Path,
    progress: &mut dyn FnMut(ExportProgress),
    cancel: &CancelToken,
) -> Result<ExportSummary, ExportError> {
    let out = check_destination(report, out)?;
    let files = if format == ExportFormat::Pack {
        let mut staging = Staging::folder(&out)?;
        let files = pack::write_folder(report, &mut staging, progress, cancel)?;
        staging.place(&out)?;
        files
    } else {
        let (staging, file) = Staging::file(&out)?;
        let files = write_one(report, format, &out, staging.path(), file, progress, cancel)?;
        staging.place(&out)?;
        files
    };
    Ok(ExportSummary {
        format,
        controls: report.controls.len(),
        files,
        bytes: size_of(&out),
        path: out,
    })
}

/// Writes a one-file export into `file`, the new staging file at `path`.
fn write_one(
    report: &Report,
    format: ExportFormat,
    out: &Path,
    path: &Path,
    mut file: std::fs::File,
    progress: &mut dyn FnMut(ExportProgress),
    cancel: &CancelToken,
) -> Result<usize, ExportError> {
    let bytes = match format {
        ExportFormat::Xlsx => xlsx::write(report)?,
        ExportFormat::Html => html::render(report, &html::Links::ToFolder(out)).into_bytes(),
        ExportFormat::Pdf => pdf::render(report)?,
        ExportFormat::Zip | ExportFormat::Pack => {
            let name = out.file_stem().unwrap_or_default().to_string_lossy();
            return pack::write_zip(report, file, path, &name, progress, cancel);
        }
    };
    file.write_all(&bytes)
        .and_then(|()| file.sync_all())
        .map_err(write_error(path))?;
    Ok(0)
}

/// A file name for an export into `folder` that does not exist yet:
/// `Generative AI Services Competency – evidence pack – 2026-11-22 (2).zip`.
pub fn default_path(report: &Report, format: ExportFormat, folder: &Path) -> PathBuf {
    let stem = format!(
        "{} – {} – {}",
        names::cut(&names::safe_name(&report.name), NAME_BYTES),
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
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| named(1))
}

/// The checklist name's share of a default file name, in bytes: the rest (what, date,
/// number, extension) fits in what is left of one name.
const NAME_BYTES: usize = 160;

/// The destination with its folder's real location, refused if it is in the evidence
/// folder (links resolved, so no link leads an export or its staging entry there) or taken.
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
    let root = report
        .root
        .canonicalize()
        .unwrap_or_else(|_| report.root.clone());
    let out = parent.join(name);
    if parent.starts_with(&root) || out.starts_with(&root) {
        return Err(ExportError::InsideEvidenceFolder(out));
    }
    if std::fs::symlink_metadata(&out).is_ok() {
        return Err(ExportError::Exists(out));
    }
    Ok(out)
}

pub(crate) fn write_error(path: &Path) -> impl Fn(io::Error) -> ExportError + '_ {
    move |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    }
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
