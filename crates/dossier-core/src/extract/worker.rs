//! The child side of isolated extraction: a long-lived process that reads requests on
//! stdin and answers on stdout, one file at a time.
//!
//! pdf-extract can abort the process (stack overflow) or spin forever on hostile PDFs;
//! running it here means the worst case is a dead or killed child, never a dead app.
//! The host binary (CLI or desktop app) calls [`serve_if_requested`] first thing in `main`.

use super::{extract, ExtractError};
use crate::evidence::kind::FileKind;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

/// First argument that turns a host binary into an extraction worker.
pub const WORKER_ARG: &str = "__dossier-extract-worker";

/// Longest text kept per file; a search index of whole novels helps nobody.
const MAX_TEXT_BYTES: usize = 4 << 20;

/// If this process was started as a worker, serves requests until stdin closes, then exits.
pub fn serve_if_requested() {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some(WORKER_ARG.as_ref()) {
        return;
    }
    let memory_limit = args
        .next()
        .and_then(|a| a.to_str().and_then(|s| s.parse::<u64>().ok()));
    if let Some(limit) = memory_limit {
        // Best effort: a failed limit still leaves the parent's time limit in force.
        let _ = rlimit::setrlimit(rlimit::Resource::AS, limit, limit);
    }
    // Panics are reported over the pipe; the default hook would only spam stderr.
    std::panic::set_hook(Box::new(|_| {}));
    let code = match serve(io::stdin().lock(), io::stdout().lock()) {
        Ok(()) => 0,
        Err(_) => 1,
    };
    std::process::exit(code);
}

fn serve(input: impl Read, output: impl Write) -> io::Result<()> {
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    while let Some(request) = read_request(&mut input)? {
        let reply = run_guarded(request);
        write_reply(&mut output, &reply)?;
        output.flush()?;
    }
    Ok(())
}

fn run_guarded((path, kind): (PathBuf, FileKind)) -> Reply {
    match std::panic::catch_unwind(|| extract(&path, kind)) {
        Ok(Ok(mut text)) => {
            truncate_at_char_boundary(&mut text, MAX_TEXT_BYTES);
            Reply::Text(text)
        }
        Ok(Err(e)) => Reply::Failed(e),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".into());
            Reply::Failed(ExtractError::Unreadable(format!(
                "the reader failed: {msg}"
            )))
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
    Text(String),
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

fn read_request(r: &mut impl Read) -> io::Result<Option<(PathBuf, FileKind)>> {
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

fn write_reply(w: &mut impl Write, reply: &Reply) -> io::Result<()> {
    let (tag, payload): (&str, &str) = match reply {
        Reply::Text(t) => ("ok", t),
        Reply::Failed(ExtractError::NoTextLayer) => ("no_text_layer", ""),
        Reply::Failed(ExtractError::Encrypted) => ("encrypted", ""),
        Reply::Failed(ExtractError::Unreadable(why)) => ("unreadable", why),
    };
    write_bytes(w, tag.as_bytes())?;
    write_bytes(w, payload.as_bytes())
}

pub(super) fn read_reply(r: &mut impl Read) -> io::Result<Option<Reply>> {
    let Some(tag) = read_bytes(r)? else {
        return Ok(None);
    };
    let payload = read_bytes(r)?.ok_or_else(|| invalid("missing payload"))?;
    let payload = String::from_utf8_lossy(&payload).into_owned();
    Ok(Some(match tag.as_slice() {
        b"ok" => Reply::Text(payload),
        b"no_text_layer" => Reply::Failed(ExtractError::NoTextLayer),
        b"encrypted" => Reply::Failed(ExtractError::Encrypted),
        b"unreadable" => Reply::Failed(ExtractError::Unreadable(payload)),
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
            Reply::Text("ﬁ text".into()),
            Reply::Failed(ExtractError::NoTextLayer),
            Reply::Failed(ExtractError::Encrypted),
            Reply::Failed(ExtractError::Unreadable("bad xref".into())),
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
        serve(input.as_slice(), &mut output).unwrap();
        let mut r = output.as_slice();
        assert!(matches!(
            read_reply(&mut r).unwrap(),
            Some(Reply::Failed(ExtractError::Unreadable(_)))
        ));
        assert_eq!(
            read_reply(&mut r).unwrap(),
            Some(Reply::Text(String::new()))
        );
        assert_eq!(read_reply(&mut r).unwrap(), None);
    }

    #[test]
    fn long_text_is_cut_on_a_char_boundary() {
        let mut s = "é".repeat(10);
        truncate_at_char_boundary(&mut s, 5);
        assert_eq!(s, "éé");
    }
}
