//! The child side of isolated extraction: a long-lived process that reads requests on
//! stdin and answers on stdout, one file at a time.
//!
//! pdf-extract can abort the process (stack overflow) or spin forever on hostile PDFs;
//! running it here means the worst case is a dead or killed child, never a dead app.
//! The host binary (CLI or desktop app) calls [`serve_if_requested`] first thing in `main`.

use super::lifeline::{self, Limits};
use super::ocr::Ocr;
use super::{read, ExtractError, Extracted};
use crate::evidence::kind::FileKind;
use std::ffi::OsString;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// First argument that turns a host binary into an extraction worker.
pub const WORKER_ARG: &str = "__dossier-extract-worker";

/// Longest text kept per file; a search index of whole novels helps nobody.
const MAX_TEXT_BYTES: usize = 4 << 20;

type Request = (PathBuf, FileKind);

/// The arguments that start a worker: [`WORKER_ARG`], then its memory limit, its CPU
/// time per request, the parent's process id and, when OCR is on, the time OCR may take
/// per file (milliseconds) and the `tesseract` program, which [`serve_if_requested`] reads.
pub(super) fn arguments(
    memory_bytes: u64,
    cpu_seconds: u64,
    parent: u32,
    ocr: Option<(Duration, &Path)>,
) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec![
        WORKER_ARG.into(),
        memory_bytes.to_string().into(),
        cpu_seconds.to_string().into(),
        parent.to_string().into(),
    ];
    if let Some((budget, program)) = ocr {
        args.push(budget.as_millis().to_string().into());
        args.push(program.into());
    }
    args
}

/// If this process was started as a worker, serves requests until stdin closes, then exits.
pub fn serve_if_requested() {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some(WORKER_ARG.as_ref()) {
        return;
    }
    let mut number = || {
        args.next()
            .and_then(|a| a.to_str().and_then(|s| s.parse::<u64>().ok()))
    };
    let limits = Limits {
        memory_bytes: number(),
        cpu_seconds_per_request: number(),
    };
    let parent = number().and_then(|p| u32::try_from(p).ok());
    let ocr = number()
        .zip(args.next())
        .map(|(millis, program)| Ocr::new(program, Duration::from_millis(millis)));
    lifeline::die_with_parent(parent);
    lifeline::limit_memory(limits);
    // Panics are reported over the pipe; the default hook would only spam stderr.
    std::panic::set_hook(Box::new(|_| {}));
    let mut stdin = BufReader::new(io::stdin());
    let requests = match lifeline::requests_until_parent_leaves(move || read_request(&mut stdin)) {
        Ok(requests) => requests,
        Err(_) => std::process::exit(1),
    };
    let code = match serve(
        requests.into_iter().map(Ok),
        io::stdout().lock(),
        ocr.as_ref(),
        || lifeline::limit_cpu_for_next_request(limits),
    ) {
        Ok(()) => 0,
        Err(_) => 1,
    };
    std::process::exit(code);
}

/// Answers each request in turn, calling `before_each` first.
fn serve(
    requests: impl IntoIterator<Item = io::Result<Request>>,
    output: impl Write,
    ocr: Option<&Ocr>,
    mut before_each: impl FnMut(),
) -> io::Result<()> {
    let mut output = BufWriter::new(output);
    for request in requests {
        before_each();
        let reply = run_guarded(request?, |path, kind| read(path, kind, ocr));
        write_reply(&mut output, &reply)?;
        output.flush()?;
    }
    Ok(())
}

/// The requests in `input`, read one at a time, until its clean end.
#[cfg(test)]
fn requests_in(input: impl Read) -> impl Iterator<Item = io::Result<Request>> {
    let mut input = BufReader::new(input);
    std::iter::from_fn(move || read_request(&mut input).transpose())
}

/// Runs `read` on one request; a panic in it becomes a reply, not a dead worker.
fn run_guarded(
    (path, kind): Request,
    read: impl FnOnce(&Path, FileKind) -> Result<Extracted, ExtractError> + std::panic::UnwindSafe,
) -> Reply {
    match std::panic::catch_unwind(|| read(&path, kind)) {
        Ok(Ok(Extracted { mut text, detail })) => {
            truncate_at_char_boundary(&mut text, MAX_TEXT_BYTES);
            Reply::Text { text, detail }
        }
        Ok(Err(e)) => Reply::Failed(e),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            // A reader's panic text ("index out of bounds") means nothing to the user:
            // it goes to the log; the user reads which reader gave up.
            let reason = match kind {
                FileKind::Pdf => "the PDF reader could not read this file",
                _ => "the text reader could not read this file",
            };
            Reply::Failed(ExtractError::unreadable(
                reason,
                format!("reader panicked: {msg}"),
            ))
        }
    }
}

fn truncate_at_char_boundary(text: &mut String, max: usize) {
    if text.len() > max {
        let mut cut = max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
}

/// A worker's answer for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Reply {
    /// The text, and how it was read when the user should know (by OCR).
    Text {
        text: String,
        detail: Option<String>,
    },
    Failed(ExtractError),
}

// Wire format: little-endian u32 length-prefixed byte strings. Paths travel as raw bytes
// so non-UTF-8 names survive the trip.

fn write_bytes(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame too long"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(bytes)
}

/// Reads one length-prefixed frame; `Ok(None)` on a clean end of stream.
fn read_bytes(r: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut buf = vec![0; u32::from_le_bytes(len) as usize];
    r.read_exact(&mut buf)?;
    Ok(Some(buf))
}

pub(super) fn write_request(
    w: &mut impl Write,
    path: &std::path::Path,
    kind: FileKind,
) -> io::Result<()> {
    write_bytes(w, path.as_os_str().as_encoded_bytes())?;
    write_bytes(w, kind.as_str().as_bytes())
}

fn read_request(r: &mut impl Read) -> io::Result<Option<Request>> {
    let Some(path) = read_bytes(r)? else {
        return Ok(None);
    };
    let kind = read_bytes(r)?.ok_or_else(|| invalid("missing kind"))?;
    let kind = std::str::from_utf8(&kind)
        .ok()
        .and_then(FileKind::parse)
        .ok_or_else(|| invalid("unknown kind"))?;
    // SAFETY-free: bytes came from `as_encoded_bytes` of a path on the same platform.
    let path = os_string_from_bytes(path)?;
    Ok(Some((PathBuf::from(path), kind)))
}

#[cfg(unix)]
fn os_string_from_bytes(bytes: Vec<u8>) -> io::Result<std::ffi::OsString> {
    use std::os::unix::ffi::OsStringExt;
    Ok(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn os_string_from_bytes(bytes: Vec<u8>) -> io::Result<std::ffi::OsString> {
    String::from_utf8(bytes)
        .map(Into::into)
        .map_err(|_| invalid("path is not valid Unicode"))
}

/// A reply is three frames: a tag, the text or the reason, and the cause for the log
/// (for text: the detail for the user, if any).
fn write_reply(w: &mut impl Write, reply: &Reply) -> io::Result<()> {
    let (tag, payload, cause): (&str, &str, &str) = match reply {
        Reply::Text { text, detail } => ("ok", text, detail.as_deref().unwrap_or_default()),
        Reply::Failed(ExtractError::NoTextLayer) => ("no_text_layer", "", ""),
        Reply::Failed(ExtractError::Encrypted) => ("encrypted", "", ""),
        Reply::Failed(ExtractError::NotRead) => ("not_read", "", ""),
        Reply::Failed(ExtractError::Unreadable { reason, cause }) => ("unreadable", reason, cause),
    };
    write_bytes(w, tag.as_bytes())?;
    write_bytes(w, payload.as_bytes())?;
    write_bytes(w, cause.as_bytes())
}

pub(super) fn read_reply(r: &mut impl Read) -> io::Result<Option<Reply>> {
    let Some(tag) = read_bytes(r)? else {
        return Ok(None);
    };
    let mut frame = |what| {
        read_bytes(r)?
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .ok_or_else(|| invalid(what))
    };
    let payload = frame("missing payload")?;
    let cause = frame("missing cause")?;
    Ok(Some(match tag.as_slice() {
        b"ok" => Reply::Text {
            text: payload,
            detail: Some(cause).filter(|d| !d.is_empty()),
        },
        b"no_text_layer" => Reply::Failed(ExtractError::NoTextLayer),
        b"encrypted" => Reply::Failed(ExtractError::Encrypted),
        b"not_read" => Reply::Failed(ExtractError::NotRead),
        b"unreadable" => Reply::Failed(ExtractError::Unreadable {
            reason: payload,
            cause,
        }),
        _ => return Err(invalid("unknown reply")),
    }))
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_round_trip_through_the_wire_format() {
        for reply in [
            Reply::Text {
                text: "ﬁ text".into(),
                detail: None,
            },
            Reply::Text {
                text: "Acceptance signed".into(),
                detail: Some("text read by OCR".into()),
            },
            Reply::Failed(ExtractError::NoTextLayer),
            Reply::Failed(ExtractError::Encrypted),
            Reply::Failed(ExtractError::NotRead),
            Reply::Failed(ExtractError::unreadable("this PDF is damaged", "bad xref")),
        ] {
            let mut buf = Vec::new();
            write_reply(&mut buf, &reply).unwrap();
            assert_eq!(read_reply(&mut buf.as_slice()).unwrap(), Some(reply));
        }
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_paths_survive_the_wire_format() {
        use std::os::unix::ffi::OsStrExt;
        let path = std::path::Path::new(std::ffi::OsStr::from_bytes(b"/e/caf\xe9.md"));
        let mut buf = Vec::new();
        write_request(&mut buf, path, FileKind::Text).unwrap();
        let (back, kind) = read_request(&mut buf.as_slice()).unwrap().unwrap();
        assert_eq!(back, path);
        assert_eq!(kind, FileKind::Text);
    }

    #[test]
    fn serve_answers_each_request_and_stops_at_end_of_input() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone.md");
        let mut input = Vec::new();
        write_request(&mut input, &missing, FileKind::Text).unwrap();
        write_request(&mut input, &missing, FileKind::Image).unwrap();
        let mut output = Vec::new();
        let mut served = 0;
        serve(requests_in(input.as_slice()), &mut output, None, || {
            served += 1
        })
        .unwrap();
        assert_eq!(served, 2);
        let mut r = output.as_slice();
        assert!(matches!(
            read_reply(&mut r).unwrap(),
            Some(Reply::Failed(ExtractError::Unreadable { .. }))
        ));
        assert_eq!(
            read_reply(&mut r).unwrap(),
            Some(Reply::Text {
                text: String::new(),
                detail: None
            })
        );
        assert_eq!(read_reply(&mut r).unwrap(), None);
    }

    #[test]
    fn a_reader_panic_is_told_in_plain_words_and_its_text_kept_for_the_log() {
        let request = || (PathBuf::from("/e/sow.pdf"), FileKind::Pdf);
        let reply = run_guarded(request(), |_, _| {
            panic!("called `Result::unwrap()` on an `Err` value")
        });
        assert_eq!(
            reply,
            Reply::Failed(ExtractError::unreadable(
                "the PDF reader could not read this file",
                "reader panicked: called `Result::unwrap()` on an `Err` value"
            ))
        );
        let reply = run_guarded((PathBuf::from("/e/a.md"), FileKind::Text), |_, _| {
            Ok(Extracted {
                text: std::hint::black_box::<&[u8]>(&[])[3].to_string(),
                detail: None,
            })
        });
        assert!(
            matches!(&reply, Reply::Failed(ExtractError::Unreadable { reason, cause })
                if reason == "the text reader could not read this file" && cause.contains("index out of bounds")),
            "{reply:?}"
        );
    }

    #[test]
    fn long_text_is_cut_on_a_char_boundary() {
        let mut s = "é".repeat(10);
        truncate_at_char_boundary(&mut s, 5);
        assert_eq!(s, "éé");
    }
}
