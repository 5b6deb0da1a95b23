//! Shared set-up for the integration tests: a store in a temp dir, real extraction workers,
//! and helpers to scan and look at the result.
#![allow(dead_code)] // each test file uses a different subset

use crossbeam_channel::Receiver;
use dossier_core::events::{CancelToken, IndexEvent};
use dossier_core::evidence::scan::ScanSummary;
use dossier_core::export::{ExportFormat, ExportSummary};
use dossier_core::extract::pool::{ExtractorConfig, ExtractorPool};
use dossier_core::watch::Watch;
use dossier_core::{Dossier, FileEntry, FileQuery};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

pub struct Env {
    pub dir: tempfile::TempDir,
    pub folder: PathBuf,
    pub db: PathBuf,
    pub dossier: Dossier,
    pub pool: ExtractorPool,
}

pub fn extractor() -> ExtractorConfig {
    ExtractorConfig::with_program(env!("CARGO_BIN_EXE_dossier-extract-worker"))
}

impl Env {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("evidence");
        std::fs::create_dir(&folder).unwrap();
        let db = dir.path().join("data/dossier.sqlite");
        let dossier = Dossier::open(&db).unwrap();
        Self {
            dir,
            folder,
            db,
            dossier,
            pool: ExtractorPool::new(extractor()),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.folder.join(rel)
    }

    pub fn write(&self, rel: &str, content: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    pub fn scan(&mut self) -> (ScanSummary, Vec<IndexEvent>) {
        let mut events = Vec::new();
        let summary = self
            .dossier
            .scan(
                &self.folder,
                &self.pool,
                &CancelToken::default(),
                &mut |e| events.push(e),
            )
            .unwrap();
        (summary, events)
    }

    pub fn files(&self) -> BTreeMap<String, FileEntry> {
        self.dossier
            .files(&FileQuery::default())
            .unwrap()
            .into_iter()
            .map(|f| (f.path.clone(), f))
            .collect()
    }

    pub fn file(&self, rel: &str) -> FileEntry {
        self.files()
            .remove(rel)
            .unwrap_or_else(|| panic!("{rel} is not listed; listed: {:?}", self.files().keys()))
    }

    pub fn tag(&mut self, rel: &str, controls: &[&str]) {
        let targets: Vec<_> = controls.iter().map(|c| c.parse().unwrap()).collect();
        self.dossier
            .tag(&[Path::new(rel)], &targets, None, None)
            .unwrap();
    }

    /// Exports `checklist` as `format` to `name` in an `exports` folder beside the
    /// evidence, returning where it went and the summary.
    pub fn export(
        &self,
        checklist: &str,
        format: ExportFormat,
        name: &str,
    ) -> (PathBuf, ExportSummary) {
        let dir = self.dir.path().join("exports");
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join(name);
        let summary = self
            .dossier
            .export(
                checklist,
                format,
                &out,
                &mut |_| {},
                &CancelToken::default(),
            )
            .unwrap_or_else(|e| panic!("{format:?}: {} {e}", e.code()));
        (out, summary)
    }
}

/// Starts watching the env's folder, its events arriving on the returned channel.
pub fn watch(env: &Env) -> (Watch, Receiver<IndexEvent>) {
    let (tx, rx) = crossbeam_channel::unbounded();
    let watch = Watch::start(
        &env.db,
        &env.folder,
        extractor(),
        Box::new(move |e| {
            let _ = tx.send(e);
        }),
    )
    .unwrap();
    (watch, rx)
}

/// Every file of an exported pack (report included) by pack-relative path, read back
/// from the folder or the ZIP `format` says `out` is.
pub fn pack_files(format: ExportFormat, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if format == ExportFormat::Zip {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(out).unwrap()).unwrap();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let name = f.name().unwrap().split_once('/').unwrap().1.to_string();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            files.insert(name, bytes);
        }
    } else {
        for e in walkdir::WalkDir::new(out) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                // Keyed like the zip's entries, with `/` on every OS.
                let rel = e.path().strip_prefix(out).unwrap();
                let key: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
                files.insert(key.join("/"), std::fs::read(e.path()).unwrap());
            }
        }
    }
    files
}

/// Every entry under `root` with its metadata and content hash, to prove a tree unchanged.
pub fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let meta = std::fs::symlink_metadata(e.path()).unwrap();
            let content = if meta.is_file() {
                blake3::hash(&std::fs::read(e.path()).unwrap_or_default()).to_string()
            } else {
                String::new()
            };
            let mtime = meta
                .modified()
                .ok()
                .map(|t| format!("{t:?}"))
                .unwrap_or_default();
            let perms = format!("{:?}", meta.permissions());
            (
                e.path().to_path_buf(),
                format!("{} {mtime} {perms} {content}", meta.len()),
            )
        })
        .collect()
}
