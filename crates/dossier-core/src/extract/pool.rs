//! The parent side of isolated extraction: a pool of long-lived worker processes, each
//! request bounded by a time limit, the file by a size cap and the child by a memory limit.
//! A worker that dies or overruns is killed and replaced; the scan goes on.

use super::worker::{self, read_reply, write_request, Reply};
use super::{ExtractError, NOT_READ_DETAIL};
use crate::evidence::kind::FileKind;
use crate::evidence::status::FileStatus;
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// What the user reads when the reader itself failed, not the file.
const READER_STOPPED: &str =
    "the text reader stopped unexpectedly; Dossier will try again at the next scan";
const READER_DID_NOT_START: &str =
    "the text reader could not start; Dossier will try again at the next scan";
/// A scan's status detail without OCR, and with OCR that found no text in it.
const NO_TEXT_LAYER: &str = "pages but no text layer (a scan?): tag it by hand";
const NO_TEXT_BY_OCR: &str = "pages but no text layer, and OCR found no text: tag it by hand";

/// A worker's CPU time per file, as a multiple of the time limit: a backstop for a
/// worker whose parent is gone, never reached while the parent's time limit holds.
const CPU_BACKSTOP_FACTOR: u32 = 3;

/// How extraction workers are started and bounded.
#[derive(Debug, Clone)]
pub struct ExtractorConfig {
    /// Executable that serves as a worker when given [`worker::WORKER_ARG`].
    pub program: PathBuf,
    /// Longest a single file may take before its worker is killed.
    pub timeout: Duration,
    /// Files above this size are hashed and listed but not read for text.
    pub max_file_bytes: u64,
    /// Address-space limit of each worker process.
    pub memory_limit_bytes: u64,
    /// Number of worker processes (defaults to the number of cores).
    pub workers: usize,
    /// The `tesseract` program that reads images and image-only PDFs, if installed
    /// (found on `PATH` by default); without it they are listed without text.
    pub ocr: Option<PathBuf>,
}

impl ExtractorConfig {
    /// Workers that are copies of `program`, with default limits.
    pub fn with_program(program: impl Into<PathBuf>) -> Self {
        Self {
            program: program.into(),
            timeout: Duration::from_secs(20),
            max_file_bytes: 100 << 20,
            memory_limit_bytes: 2 << 30,
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            ocr: super::ocr::find(),
        }
    }

    /// Workers that are copies of the running executable, which must call
    /// [`super::worker::serve_if_requested`] at the start of `main`.
    pub fn current_exe() -> io::Result<Self> {
        Ok(Self::with_program(std::env::current_exe()?))
    }
}

/// The outcome of extracting one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    pub status: FileStatus,
    /// Human reason for a status other than ok.
    pub detail: Option<String>,
    pub text: String,
}

impl Extraction {
    fn failed(status: FileStatus, detail: impl Into<String>) -> Self {
        Self {
            status,
            detail: Some(detail.into()),
            text: String::new(),
        }
    }
}

/// Kinds whose files are sent to a worker; the rest have no text to find. Images have
/// text only for OCR.
fn has_text(kind: FileKind, config: &ExtractorConfig) -> bool {
    !matches!(kind, FileKind::Image) || config.ocr.is_some()
}

/// A set of worker processes shared by the scanning threads.
pub struct ExtractorPool {
    config: Arc<ExtractorConfig>,
    idle: Mutex<Vec<Worker>>,
}

impl ExtractorPool {
    pub fn new(config: ExtractorConfig) -> Self {
        Self {
            config: Arc::new(config),
            idle: Mutex::new(Vec::new()),
        }
    }

    pub fn config(&self) -> &ExtractorConfig {
        &self.config
    }

    /// Whether a file listed with this kind, status and detail was read without OCR and
    /// OCR is now on (tesseract was installed since): its bytes did not change, yet it
    /// has text to give. Once read with OCR its detail says so, and it is not read again.
    pub fn reads_more_now(&self, kind: FileKind, status: FileStatus, detail: Option<&str>) -> bool {
        self.config.ocr.is_some()
            && match status {
                FileStatus::Ok => kind == FileKind::Image && detail.is_none(),
                FileStatus::NoTextLayer => detail == Some(NO_TEXT_LAYER),
                _ => false,
            }
    }

    /// Extracts `path` in a worker. Never panics and never blocks past the time limit.
    pub fn extract(&self, path: &Path, kind: FileKind, size: u64) -> Extraction {
        if !has_text(kind, &self.config) {
            return Extraction {
                status: FileStatus::Ok,
                detail: None,
                text: String::new(),
            };
        }
        if size > self.config.max_file_bytes {
            return Extraction::failed(
                FileStatus::TooLarge,
                format!(
                    "larger than {} MiB; not read for text",
                    self.config.max_file_bytes >> 20
                ),
            );
        }
        let mut worker = self.checkout();
        let result = worker.extract(&self.config, path, kind);
        if worker.is_alive() {
            self.idle
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(worker);
        }
        result
    }

    fn checkout(&self) -> Worker {
        self.idle
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop()
            .unwrap_or_default()
    }
}

/// One worker slot; the child process is started on first use and after each death.
#[derive(Default)]
struct Worker {
    running: Option<Running>,
}

struct Running {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    replies: Receiver<io::Result<Option<Reply>>>,
    /// Kills the worker when dropped, and with the app (see `job`).
    #[cfg(windows)]
    _job: Option<super::job::Job>,
}

impl Worker {
    fn is_alive(&self) -> bool {
        self.running.is_some()
    }

    fn extract(&mut self, config: &ExtractorConfig, path: &Path, kind: FileKind) -> Extraction {
        let mut running = match self.running.take() {
            Some(r) => r,
            None => match spawn(config) {
                Ok(r) => r,
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "the text reader could not start");
                    return Extraction::failed(FileStatus::ReaderFailed, READER_DID_NOT_START);
                }
            },
        };
        if write_request(&mut running.stdin, path, kind)
            .and_then(|()| running.stdin.flush())
            .is_err()
        {
            return stopped(path, running);
        }
        match running.replies.recv_timeout(config.timeout) {
            Ok(Ok(Some(reply))) => {
                self.running = Some(running);
                from_reply(path, reply, config.ocr.is_some())
            }
            Ok(Ok(None)) | Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                stopped(path, running)
            }
            Err(RecvTimeoutError::Timeout) => {
                end(running);
                Extraction::failed(
                    FileStatus::TimedOut,
                    format!("no result within {} s", config.timeout.as_secs_f32()),
                )
            }
        }
    }
}

/// The worker died on this file (crash, abort, killed): not the file's fault as far as
/// anyone can tell, so it is read again at the next scan.
fn stopped(path: &Path, running: Running) -> Extraction {
    let how = end(running);
    tracing::warn!(path = %path.display(), exit = %how, "the text reader stopped unexpectedly");
    Extraction::failed(FileStatus::ReaderFailed, READER_STOPPED)
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Some(r) = self.running.take() {
            end(r);
        }
    }
}

fn spawn(config: &ExtractorConfig) -> io::Result<Running> {
    let program = config.program.clone();
    let cpu_seconds = (config.timeout * CPU_BACKSTOP_FACTOR).as_secs().max(1);
    // OCR stops within three quarters of the time limit, so the worker answers with
    // what it read before it would be killed.
    let ocr = config
        .ocr
        .as_deref()
        .map(|program| (config.timeout * 3 / 4, program));
    let args = worker::arguments(
        config.memory_limit_bytes,
        cpu_seconds,
        std::process::id(),
        ocr,
    );
    let mut child = spawn_from_lasting_thread(move || {
        Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
    })?;
    #[cfg(windows)]
    let job = super::job::Job::confine(&child, config.memory_limit_bytes)
        .inspect_err(|e| {
            // Best effort, as the Unix limits are: the request pipe still ends the worker
            // with the app, and the time limit still bounds each file.
            tracing::warn!(error = %e, "the text reader runs without its job limits");
        })
        .ok();
    let stdin = child
        .stdin
        .take()
        .ok_or_else(|| io::Error::other("no stdin"))?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| io::Error::other("no stdout"))?;
    let (tx, rx) = crossbeam_channel::bounded(1);
    // A reader thread turns the blocking pipe into a channel the parent can wait on
    // with a deadline. It ends when the child's stdout closes.
    std::thread::Builder::new()
        .name("dossier-extract-reader".into())
        .spawn(move || {
            let mut stdout = BufReader::new(stdout);
            loop {
                let reply = read_reply(&mut stdout);
                let done = !matches!(reply, Ok(Some(_)));
                if tx.send(reply).is_err() || done {
                    break;
                }
            }
        })?;
    Ok(Running {
        child,
        stdin: BufWriter::new(stdin),
        replies: rx,
        #[cfg(windows)]
        _job: job,
    })
}

type SpawnJob = Box<dyn FnOnce() + Send>;

/// Runs `start` on one thread that lives as long as the process. On Linux a worker's
/// parent-death signal fires when the *thread* that started it ends, not the process;
/// scan threads end after every scan while their workers wait in the pool for the next.
fn spawn_from_lasting_thread(
    start: impl FnOnce() -> io::Result<Child> + Send + 'static,
) -> io::Result<Child> {
    static SPAWNER: OnceLock<Option<Sender<SpawnJob>>> = OnceLock::new();
    let spawner = SPAWNER.get_or_init(|| {
        let (tx, rx) = crossbeam_channel::unbounded::<SpawnJob>();
        std::thread::Builder::new()
            .name("dossier-extract-spawner".into())
            .spawn(move || rx.into_iter().for_each(|job| job()))
            .ok()
            .map(|_| tx)
    });
    let spawner = spawner
        .as_ref()
        .ok_or_else(|| io::Error::other("cannot start the spawner thread"))?;
    let (done_tx, done_rx) = crossbeam_channel::bounded(1);
    spawner
        .send(Box::new(move || {
            let _ = done_tx.send(start());
        }))
        .map_err(|_| io::Error::other("the spawner thread is gone"))?;
    done_rx
        .recv()
        .map_err(|_| io::Error::other("the spawner thread is gone"))?
}

/// Kills the child (if still running) and says how it ended.
fn end(mut running: Running) -> String {
    let _ = running.child.kill();
    match running.child.wait() {
        Ok(status) => describe_exit(status),
        Err(e) => e.to_string(),
    }
}

fn describe_exit(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return match sig {
                6 => "aborted, e.g. stack overflow".into(),
                9 => "killed".into(),
                11 => "segmentation fault".into(),
                24 => "CPU time limit reached".into(),
                _ => format!("signal {sig}"),
            };
        }
    }
    #[cfg(windows)]
    {
        // NTSTATUS codes a crashed process exits with.
        match status.code().map(|c| c as u32) {
            Some(0xC000_00FD) => return "stack overflow".into(),
            Some(0xC000_0005) => return "access violation".into(),
            Some(0xC000_0409) => return "aborted".into(),
            Some(0xC000_0017) => return "out of memory (its job's limit)".into(),
            _ => {}
        }
    }
    status.to_string()
}

/// The outcome of `reply`; `ocr` says whether the worker tried OCR on a scan.
fn from_reply(path: &Path, reply: Reply, ocr: bool) -> Extraction {
    match reply {
        Reply::Text { text, detail } => Extraction {
            status: FileStatus::Ok,
            detail,
            text,
        },
        Reply::Failed(ExtractError::NoTextLayer) => Extraction::failed(
            FileStatus::NoTextLayer,
            if ocr { NO_TEXT_BY_OCR } else { NO_TEXT_LAYER },
        ),
        Reply::Failed(ExtractError::Encrypted) => {
            Extraction::failed(FileStatus::Encrypted, "encrypted; not read for text")
        }
        Reply::Failed(ExtractError::NotRead) => {
            Extraction::failed(FileStatus::NotRead, NOT_READ_DETAIL)
        }
        Reply::Failed(ExtractError::Unreadable { reason, cause }) => {
            tracing::debug!(path = %path.display(), %cause, "{reason}");
            Extraction::failed(FileStatus::Unreadable, reason)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in worker program: a shell script that misbehaves as told.
    #[cfg(unix)]
    fn fake_worker(dir: &Path, body: &str) -> ExtractorConfig {
        use std::os::unix::fs::PermissionsExt;
        let program = dir.join("worker.sh");
        std::fs::write(&program, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        ExtractorConfig {
            timeout: Duration::from_millis(500),
            workers: 1,
            ..ExtractorConfig::with_program(program)
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_worker_that_hangs_is_killed_at_the_time_limit() {
        let dir = tempfile::tempdir().unwrap();
        let pool = ExtractorPool::new(fake_worker(dir.path(), "exec sleep 60"));
        let started = std::time::Instant::now();
        let out = pool.extract(Path::new("/x.pdf"), FileKind::Pdf, 10);
        assert_eq!(out.status, FileStatus::TimedOut, "{out:?}");
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the hang was cut short"
        );
        assert!(
            pool.idle.lock().unwrap().is_empty(),
            "the hung worker is not reused"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_worker_that_dies_is_reported_for_a_retry_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let pool = ExtractorPool::new(fake_worker(dir.path(), "kill -ABRT $$"));
        for _ in 0..2 {
            let out = pool.extract(Path::new("/x.pdf"), FileKind::Pdf, 10);
            assert_eq!(out.status, FileStatus::ReaderFailed);
            assert!(out.status.retry_on_rescan());
            assert_eq!(out.detail.as_deref(), Some(READER_STOPPED));
        }
    }

    #[test]
    fn a_worker_that_cannot_start_is_retried_at_the_next_scan_not_an_error() {
        let pool = ExtractorPool::new(ExtractorConfig::with_program("/nonexistent/worker"));
        let out = pool.extract(Path::new("/x.md"), FileKind::Text, 10);
        assert_eq!(out.status, FileStatus::ReaderFailed);
        assert_eq!(out.detail.as_deref(), Some(READER_DID_NOT_START));
    }

    #[test]
    fn files_over_the_size_cap_are_not_sent_to_a_worker() {
        let pool = ExtractorPool::new(ExtractorConfig {
            max_file_bytes: 1024,
            ..ExtractorConfig::with_program("/nonexistent/worker")
        });
        let out = pool.extract(Path::new("/big.pdf"), FileKind::Pdf, 4096);
        assert_eq!(out.status, FileStatus::TooLarge);
    }

    #[test]
    fn images_need_a_worker_only_for_ocr() {
        let without = ExtractorPool::new(ExtractorConfig {
            ocr: None,
            ..ExtractorConfig::with_program("/nonexistent/worker")
        });
        let out = without.extract(Path::new("/diagram.png"), FileKind::Image, 10);
        assert_eq!((out.status, out.detail), (FileStatus::Ok, None));
        let with = ExtractorPool::new(ExtractorConfig {
            ocr: Some("/usr/bin/tesseract".into()),
            ..ExtractorConfig::with_program("/nonexistent/worker")
        });
        let out = with.extract(Path::new("/diagram.png"), FileKind::Image, 10);
        assert_eq!(out.status, FileStatus::ReaderFailed, "sent to a worker");
    }

    #[cfg(unix)]
    #[test]
    fn the_worker_is_told_the_ocr_program_and_a_budget_inside_the_time_limit() {
        let dir = tempfile::tempdir().unwrap();
        let args = dir.path().join("args");
        let config = ExtractorConfig {
            timeout: Duration::from_secs(20),
            ocr: Some("/opt/ocr/tesseract".into()),
            ..fake_worker(dir.path(), &format!("echo \"$@\" > '{}'", args.display()))
        };
        ExtractorPool::new(config).extract(Path::new("/scan.png"), FileKind::Image, 10);
        let args = std::fs::read_to_string(args).unwrap();
        let args: Vec<&str> = args.split_whitespace().collect();
        assert_eq!(args[0], worker::WORKER_ARG);
        assert_eq!(args[4..], ["15000", "/opt/ocr/tesseract"]);
    }
}
