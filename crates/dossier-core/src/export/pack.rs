//! The evidence pack: one sub-folder per control (`PRJ-003 Statement of Work/…`) holding
//! copies of its tagged files, plus the index report linking to them; as a folder or a ZIP.
//! Every copy is hashed and checked against the hash the index recorded.

use super::names::Names;
use super::report::{control_folder, NotCopied, Report};
use super::source;
use super::staging::Staging;
use super::{html, pdf, write_error, ExportError, ExportProgress};
use crate::events::CancelToken;
use crate::evidence::walk::NotEvidence;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The report's names inside a pack.
pub const INDEX_HTML: &str = "index.html";
pub const INDEX_PDF: &str = "index.pdf";

/// One file of the pack: `source` (relative to the evidence folder) copied to `target`
/// (relative to the pack, `/`-separated) in the control's `folder`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackEntry {
    pub control: String,
    pub source: String,
    pub folder: String,
    pub target: String,
}

/// Where each present file of each control goes. A file tagged to two controls is copied
/// into both folders; two files with one name in a folder become `name (2).ext`. Every
/// name fits the system's limit and none is empty (see `Names`).
pub fn layout(report: &Report) -> Vec<PackEntry> {
    let mut entries = Vec::new();
    let mut folders = Names::default();
    folders.reserve(INDEX_HTML);
    folders.reserve(INDEX_PDF);
    for control in &report.controls {
        let sources: Vec<String> = report
            .files_of(control)
            .into_iter()
            .map(|(source, _)| source)
            .filter(|source| report.files.contains_key(source))
            .collect();
        if sources.is_empty() {
            continue;
        }
        let folder = folders.folder(&control_folder(&control.coverage));
        let mut names = Names::default();
        for source in sources {
            let name = names.file(source.rsplit('/').next().unwrap_or(&source));
            entries.push(PackEntry {
                control: control.coverage.id.clone(),
                target: format!("{folder}/{name}"),
                folder: folder.clone(),
                source,
            });
        }
    }
    entries
}

/// (control, source) → target, for the report's links.
pub fn links(entries: &[&PackEntry]) -> HashMap<(String, String), String> {
    entries
        .iter()
        .map(|e| ((e.control.clone(), e.source.clone()), e.target.clone()))
        .collect()
}

/// The report as the pack shows it: the tagged files left out are listed with why.
fn with_left_out(report: &Report, left_out: BTreeMap<String, NotEvidence>) -> Report {
    let mut report = report.clone();
    let online_only = report.online_only.iter().map(|path| NotCopied {
        path: path.clone(),
        reason: source::ONLINE_ONLY.to_string(),
    });
    let refused = left_out.into_iter().map(|(path, refusal)| NotCopied {
        path,
        reason: source::reason(refusal).to_string(),
    });
    report.not_copied = online_only.chain(refused).collect();
    report.not_copied.sort_by(|a, b| a.path.cmp(&b.path));
    report
}

/// Copies into the new staging folder; returns the number of files copied.
pub fn write_folder(
    report: &Report,
    staging: &mut Staging,
    progress: &mut dyn FnMut(ExportProgress),
    cancel: &CancelToken,
) -> Result<usize, ExportError> {
    let entries = layout(report);
    let mut meter = Meter::new(report, &entries, progress, cancel);
    let mut folders = HashSet::new();
    let mut copied = Vec::new();
    for entry in &entries {
        let Some(input) = meter.open(&entry.source)? else {
            continue;
        };
        if folders.insert(entry.folder.as_str()) {
            staging.create_dir(&entry.folder)?;
        }
        let target = staging.path().join(&entry.target);
        let mut file = staging.create_file(&entry.target)?;
        let read = meter.copy(&entry.source, input, &mut file, &target)?;
        drop(file);
        let written = hash_file(&target).map_err(write_error(&target))?;
        check(&entry.source, &read, &written)?;
        copied.push(entry);
    }
    let shown = with_left_out(report, meter.left_out);
    let index = html::render(&shown, &html::Links::InPack(&links(&copied)));
    write_new(staging, INDEX_HTML, index.as_bytes())?;
    write_new(staging, INDEX_PDF, &pdf::render(&shown)?)?;
    Ok(copied.len())
}

/// Writes the pack as a ZIP into `file` (the new staging file at `path`), every entry
/// under a top folder `name`; then reads the archive back and checks each entry's hash.
pub fn write_zip(
    report: &Report,
    file: File,
    path: &Path,
    name: &str,
    progress: &mut dyn FnMut(ExportProgress),
    cancel: &CancelToken,
) -> Result<usize, ExportError> {
    let entries = layout(report);
    let mut meter = Meter::new(report, &entries, progress, cancel);
    let zip_err = |e: zip::result::ZipError| write_error(path)(io::Error::other(e));
    let mut zip = zip::ZipWriter::new(io::BufWriter::new(file));
    let mut expected = Vec::new();
    let mut copied = Vec::new();
    for entry in &entries {
        let Some(input) = meter.open(&entry.source)? else {
            continue;
        };
        let inner = format!("{name}/{}", entry.target);
        zip.start_file(inner.as_str(), options(&entry.target))
            .map_err(zip_err)?;
        let read = meter.copy(&entry.source, input, &mut zip, path)?;
        expected.push((inner, entry.source.clone(), read));
        copied.push(entry);
    }
    let shown = with_left_out(report, meter.left_out);
    let index = html::render(&shown, &html::Links::InPack(&links(&copied)));
    zip.start_file(format!("{name}/{INDEX_HTML}"), options(INDEX_HTML))
        .map_err(zip_err)?;
    zip.write_all(index.as_bytes()).map_err(write_error(path))?;
    zip.start_file(format!("{name}/{INDEX_PDF}"), options(INDEX_PDF))
        .map_err(zip_err)?;
    zip.write_all(&pdf::render(&shown)?)
        .map_err(write_error(path))?;
    let file = zip
        .finish()
        .map_err(zip_err)?
        .into_inner()
        .map_err(|e| write_error(path)(e.into_error()))?;
    file.sync_all().map_err(write_error(path))?;
    verify_zip(file, path, &expected)
}

/// Reads the archive back from its own handle (not its name, which someone could swap).
fn verify_zip(
    file: File,
    path: &Path,
    expected: &[(String, String, String)],
) -> Result<usize, ExportError> {
    let read_err = |e: zip::result::ZipError| write_error(path)(io::Error::other(e));
    let mut file = file;
    file.rewind().map_err(write_error(path))?;
    let mut archive = zip::ZipArchive::new(file).map_err(read_err)?;
    for (entry, source, hash) in expected {
        let mut reader = archive.by_name(entry).map_err(read_err)?;
        let written = hash_reader(&mut reader).map_err(write_error(path))?;
        check(source, hash, &written)?;
    }
    Ok(expected.len())
}

/// Already-compressed formats are stored, the rest deflated.
fn options(name: &str) -> zip::write::SimpleFileOptions {
    let ext = name.rsplit('.').next().unwrap_or_default().to_lowercase();
    let packed = [
        "pdf", "docx", "xlsx", "pptx", "zip", "png", "jpg", "jpeg", "gif", "webp", "gz",
    ];
    let method = if packed.contains(&ext.as_str()) {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(true)
}

fn check(source: &str, expected: &str, written: &str) -> Result<(), ExportError> {
    if expected == written {
        return Ok(());
    }
    Err(ExportError::CopyMismatch {
        path: source.to_string(),
        expected: expected.to_string(),
        found: written.to_string(),
    })
}

/// Writes a new file `rel` of the staging folder.
fn write_new(staging: &mut Staging, rel: &str, bytes: &[u8]) -> Result<(), ExportError> {
    let path = staging.path().join(rel);
    staging
        .create_file(rel)?
        .write_all(bytes)
        .map_err(write_error(&path))
}

fn hash_file(path: &Path) -> io::Result<String> {
    hash_reader(&mut File::open(path)?)
}

fn hash_reader(reader: &mut dyn Read) -> io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    io::copy(reader, &mut hasher)?;
    Ok(hasher.finalize().to_hex().to_string())
}

const CHUNK: usize = 1 << 20;

/// Opens and copies sources while counting bytes for progress, honouring cancel and
/// keeping the files left out.
struct Meter<'a> {
    report: &'a Report,
    /// The evidence folder's real location, which every source must lie in.
    root: PathBuf,
    progress: &'a mut dyn FnMut(ExportProgress),
    cancel: &'a CancelToken,
    done: u64,
    total: u64,
    left_out: BTreeMap<String, NotEvidence>,
}

impl<'a> Meter<'a> {
    fn new(
        report: &'a Report,
        entries: &[PackEntry],
        progress: &'a mut dyn FnMut(ExportProgress),
        cancel: &'a CancelToken,
    ) -> Self {
        let total = entries
            .iter()
            .filter_map(|e| report.files.get(&e.source))
            .map(|f| f.size)
            .sum();
        Self {
            report,
            root: report
                .root
                .canonicalize()
                .unwrap_or_else(|_| report.root.clone()),
            progress,
            cancel,
            done: 0,
            total,
            left_out: BTreeMap::new(),
        }
    }

    /// Opens `source` for copying if it is still the folder's own regular file (see
    /// `source::open`); `None` if it is left out, which is noted for the report.
    fn open(&mut self, source: &str) -> Result<Option<File>, ExportError> {
        let read_err = |e: io::Error| ExportError::Read {
            path: source.to_string(),
            source: e,
        };
        let Some(file) = self.report.files.get(source) else {
            return Err(read_err(io::Error::from(io::ErrorKind::NotFound)));
        };
        match source::open(&self.root, &file.absolute).map_err(read_err)? {
            Ok(input) => Ok(Some(input)),
            Err(refusal) => {
                self.total = self.total.saturating_sub(file.size);
                self.left_out.insert(source.to_string(), refusal);
                Ok(None)
            }
        }
    }

    /// Copies `input` (the opened `source`) into `to`, returning the hash of what was read.
    /// The content must be what the index hashed: a file edited since is refused rather
    /// than packed unseen. At most the size seen at opening is read, plus one byte to
    /// notice a file that grows meanwhile.
    fn copy(
        &mut self,
        source: &str,
        input: File,
        to: &mut dyn Write,
        out: &Path,
    ) -> Result<String, ExportError> {
        let read_err = |e: io::Error| ExportError::Read {
            path: source.to_string(),
            source: e,
        };
        let size = input.metadata().map_err(read_err)?.len();
        let mut input = input.take(size.saturating_add(1));
        let mut hasher = blake3::Hasher::new();
        let mut buf = vec![0; CHUNK];
        let mut read = 0u64;
        loop {
            if self.cancel.is_cancelled() {
                return Err(ExportError::Cancelled);
            }
            let n = input.read(&mut buf).map_err(read_err)?;
            if n == 0 {
                break;
            }
            read += n as u64;
            hasher.update(&buf[..n]);
            to.write_all(&buf[..n]).map_err(write_error(out))?;
            self.done += n as u64;
            (self.progress)(ExportProgress {
                done: self.done.min(self.total),
                total: self.total,
                current: source.to_string(),
            });
        }
        let hash = hasher.finalize().to_hex().to_string();
        let indexed = self.report.files.get(source).and_then(|f| f.hash.as_ref());
        match indexed {
            Some(indexed) => check(source, indexed, &hash)?,
            None if read > size => check(source, "not recorded", &hash)?,
            None => {}
        }
        Ok(hash)
    }
}
