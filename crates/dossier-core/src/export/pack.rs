//! The evidence pack: one sub-folder per control (`PRJ-003 Statement of Work/…`) holding
//! copies of its tagged files, plus the index report linking to them; as a folder or a ZIP.
//! Every copy is hashed and checked against the hash the index recorded.

use super::report::{control_folder, Report};
use super::{html, pdf, write_error, ExportError, ExportProgress};
use crate::events::CancelToken;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

/// The report's names inside a pack.
pub const INDEX_HTML: &str = "index.html";
pub const INDEX_PDF: &str = "index.pdf";

/// One file of the pack: `source` (relative to the evidence folder) copied to `target`
/// (relative to the pack, `/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackEntry {
    pub control: String,
    pub source: String,
    pub target: String,
}

/// Where each present file of each control goes. A file tagged to two controls is copied
/// into both folders; two files with one name in a folder become `name (2).ext`.
pub fn layout(report: &Report) -> Vec<PackEntry> {
    let mut entries = Vec::new();
    for control in &report.controls {
        let folder = control_folder(&control.coverage);
        let mut taken = HashSet::new();
        for (source, _) in report.files_of(control) {
            if !report.files.contains_key(&source) {
                continue;
            }
            let name = source.rsplit('/').next().unwrap_or(&source);
            let name = unique_name(&super::safe_name(name), &mut taken);
            entries.push(PackEntry {
                control: control.coverage.id.clone(),
                target: format!("{folder}/{name}"),
                source,
            });
        }
    }
    entries
}

/// (control, source) → target, for the report's links.
pub fn links(entries: &[PackEntry]) -> HashMap<(String, String), String> {
    entries
        .iter()
        .map(|e| ((e.control.clone(), e.source.clone()), e.target.clone()))
        .collect()
}

fn unique_name(name: &str, taken: &mut HashSet<String>) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    let mut candidate = name.to_string();
    let mut n = 2;
    while !taken.insert(candidate.to_lowercase()) {
        candidate = format!("{stem} ({n}){ext}");
        n += 1;
    }
    candidate
}

/// Copies into a new folder at `out`; returns the number of files copied.
pub fn write_folder(
    report: &Report,
    out: &Path,
    progress: &mut dyn FnMut(ExportProgress),
    cancel: &CancelToken,
) -> Result<usize, ExportError> {
    let entries = layout(report);
    let mut meter = Meter::new(report, &entries, progress, cancel);
    std::fs::create_dir(out).map_err(write_error(out))?;
    for entry in &entries {
        let target = out.join(&entry.target);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(write_error(parent))?;
        }
        let mut file = File::create(&target).map_err(write_error(&target))?;
        let copied = meter.copy(&entry.source, &mut file, &target)?;
        drop(file);
        let written = hash_file(&target).map_err(write_error(&target))?;
        check(&entry.source, &copied, &written)?;
    }
    let links = links(&entries);
    let index = html::render(report, &html::Links::InPack(&links));
    write_bytes(&out.join(INDEX_HTML), index.as_bytes())?;
    write_bytes(&out.join(INDEX_PDF), &pdf::render(report)?)?;
    Ok(entries.len())
}

/// Writes the pack as a ZIP at `out`, every entry under a top folder `name`; then reads the
/// archive back and checks each entry's hash.
pub fn write_zip(
    report: &Report,
    out: &Path,
    name: &str,
    progress: &mut dyn FnMut(ExportProgress),
    cancel: &CancelToken,
) -> Result<usize, ExportError> {
    let entries = layout(report);
    let mut meter = Meter::new(report, &entries, progress, cancel);
    let zip_err = |e: zip::result::ZipError| write_error(out)(io::Error::other(e));
    let file = File::create(out).map_err(write_error(out))?;
    let mut zip = zip::ZipWriter::new(io::BufWriter::new(file));
    let mut expected = Vec::new();
    for entry in &entries {
        zip.start_file(format!("{name}/{}", entry.target), options(&entry.target))
            .map_err(zip_err)?;
        let copied = meter.copy(&entry.source, &mut zip, out)?;
        expected.push((
            format!("{name}/{}", entry.target),
            entry.source.clone(),
            copied,
        ));
    }
    let links = links(&entries);
    let index = html::render(report, &html::Links::InPack(&links));
    zip.start_file(format!("{name}/{INDEX_HTML}"), options(INDEX_HTML))
        .map_err(zip_err)?;
    zip.write_all(index.as_bytes()).map_err(write_error(out))?;
    zip.start_file(format!("{name}/{INDEX_PDF}"), options(INDEX_PDF))
        .map_err(zip_err)?;
    zip.write_all(&pdf::render(report)?)
        .map_err(write_error(out))?;
    zip.finish()
        .map_err(zip_err)?
        .into_inner()
        .map_err(|e| write_error(out)(e.into_error()))?
        .sync_all()
        .map_err(write_error(out))?;
    verify_zip(out, &expected)
}

fn verify_zip(out: &Path, expected: &[(String, String, String)]) -> Result<usize, ExportError> {
    let read_err = |e: zip::result::ZipError| write_error(out)(io::Error::other(e));
    let file = File::open(out).map_err(write_error(out))?;
    let mut archive = zip::ZipArchive::new(file).map_err(read_err)?;
    for (entry, source, hash) in expected {
        let mut reader = archive.by_name(entry).map_err(read_err)?;
        let written = hash_reader(&mut reader).map_err(write_error(out))?;
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

fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    std::fs::write(path, bytes).map_err(write_error(path))
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

/// Copies files while counting bytes for progress and honouring cancel.
struct Meter<'a> {
    report: &'a Report,
    progress: &'a mut dyn FnMut(ExportProgress),
    cancel: &'a CancelToken,
    done: u64,
    total: u64,
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
            progress,
            cancel,
            done: 0,
            total,
        }
    }

    /// Copies `source` into `to`, returning the hash of what was read. The content must be
    /// what the index hashed: a file edited since is refused rather than packed unseen.
    fn copy(
        &mut self,
        source: &str,
        to: &mut dyn Write,
        out: &Path,
    ) -> Result<String, ExportError> {
        let Some(file) = self.report.files.get(source) else {
            return Err(ExportError::Read {
                path: source.to_string(),
                source: io::Error::from(io::ErrorKind::NotFound),
            });
        };
        let read_err = |e: io::Error| ExportError::Read {
            path: source.to_string(),
            source: e,
        };
        let mut input = File::open(&file.absolute).map_err(read_err)?;
        let mut hasher = blake3::Hasher::new();
        let mut buf = vec![0; CHUNK];
        loop {
            if self.cancel.is_cancelled() {
                return Err(ExportError::Cancelled);
            }
            let n = input.read(&mut buf).map_err(read_err)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            to.write_all(&buf[..n]).map_err(write_error(out))?;
            self.done += n as u64;
            (self.progress)(ExportProgress {
                done: self.done.min(self.total),
                total: self.total,
                current: source.to_string(),
            });
        }
        let read = hasher.finalize().to_hex().to_string();
        if let Some(indexed) = &file.hash {
            check(source, indexed, &read)?;
        }
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clashing_names_in_one_folder_are_numbered() {
        let mut taken = HashSet::new();
        assert_eq!(unique_name("sow.docx", &mut taken), "sow.docx");
        assert_eq!(unique_name("SOW.docx", &mut taken), "SOW (2).docx");
        assert_eq!(unique_name("sow.docx", &mut taken), "sow (3).docx");
        assert_eq!(unique_name("README", &mut taken), "README");
        assert_eq!(unique_name("readme", &mut taken), "readme (2)");
    }
}
