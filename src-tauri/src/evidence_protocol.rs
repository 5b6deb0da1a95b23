//! The `evidence:` URI scheme: the bytes of an image or PDF the core previews, for the window
//! to show (`convertFileSrc(preview.path, "evidence")`).
//!
//! It replaces Tauri's asset protocol, whose scope can only grow: a folder once allowed stays
//! readable for the rest of the run, and forbidding it would be permanent. Here every request
//! is asked of the core against the folder open now, so after a folder switch nothing of the
//! old folder is served, and only files the core would preview as an image or a PDF are.

use crate::state::Shell;
use dossier_core::preview::{self, Preview};
use std::io::Read;
use std::path::Path;
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{AppHandle, Manager, UriSchemeContext, UriSchemeResponder};

pub const SCHEME: &str = "evidence";

/// Larger files are not shown inside Dossier: they open in their own application.
const MAX_SERVED_BYTES: u64 = 256 * 1024 * 1024;

/// The origin of the app's own pages, the only one allowed to read what is served.
#[cfg(any(windows, target_os = "android"))]
const APP_ORIGIN: &str = "http://tauri.localhost";
#[cfg(not(any(windows, target_os = "android")))]
const APP_ORIGIN: &str = "tauri://localhost";

/// A request refused: the HTTP status and the code the body carries (as `IpcError::code`).
type Refusal = (StatusCode, String);

pub fn handle(
    ctx: UriSchemeContext<'_, tauri::Wry>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    // Reading a large PDF must not stall the window's event loop.
    tauri::async_runtime::spawn_blocking(move || {
        responder.respond(respond(&app, request.uri().path()));
    });
}

fn respond(app: &AppHandle, uri_path: &str) -> Response<Vec<u8>> {
    let response = Response::builder()
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, APP_ORIGIN)
        // A folder switch must not leave the old folder's files in a cache.
        .header(header::CACHE_CONTROL, "no-store")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        // An SVG opened on its own runs no script.
        .header(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        );
    let built = match served(app, uri_path) {
        Ok((bytes, mime)) => response.header(header::CONTENT_TYPE, mime).body(bytes),
        Err((status, code)) => {
            tracing::info!(path = uri_path, code = code.as_str(), "evidence: refused");
            response
                .status(status)
                .header(header::CONTENT_TYPE, "text/plain")
                .body(code.into_bytes())
        }
    };
    built.unwrap_or_else(|_| {
        let mut failed = Response::new(Vec::new());
        *failed.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        failed
    })
}

/// The bytes of the file `uri_path` names and their media type, if the core previews that
/// file of the open folder as an image or a PDF.
fn served(app: &AppHandle, uri_path: &str) -> Result<(Vec<u8>, &'static str), Refusal> {
    let encoded = uri_path.strip_prefix('/').unwrap_or(uri_path);
    let path = percent_decode(encoded).ok_or((StatusCode::BAD_REQUEST, "invalid_input".into()))?;
    let shell = app
        .try_state::<Shell>()
        .ok_or((StatusCode::SERVICE_UNAVAILABLE, "starting".into()))?;
    let preview = shell
        .dossier()
        .and_then(|d| d.preview(Path::new(&path)).map_err(Into::into))
        .map_err(|e| (StatusCode::FORBIDDEN, e.code))?;
    let file = match preview {
        Preview::Image { path } | Preview::Pdf { path } => path,
        _ => return Err((StatusCode::FORBIDDEN, "not_previewable".into())),
    };
    let file = Path::new(&file);
    Ok((read_bounded(file)?, media_type(file)))
}

/// Reads a regular file of at most `MAX_SERVED_BYTES`, and no more than its size when opened.
fn read_bounded(path: &Path) -> Result<Vec<u8>, Refusal> {
    let unreadable = |_| (StatusCode::NOT_FOUND, "file_unreadable".to_string());
    // Never open a FIFO or a device: opening one can block for ever.
    if !std::fs::metadata(path).map_err(unreadable)?.is_file() {
        return Err((StatusCode::FORBIDDEN, "not_a_file".into()));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err((StatusCode::FORBIDDEN, "not_a_file".into()));
    }
    if meta.len() > MAX_SERVED_BYTES {
        return Err((StatusCode::PAYLOAD_TOO_LARGE, "too_large".into()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(meta.len())
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    Ok(bytes)
}

fn media_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    match extension.to_ascii_lowercase().as_str() {
        "pdf" => "application/pdf",
        other => preview::image_media_type(other).unwrap_or("application/octet-stream"),
    }
}

/// Undoes `encodeURIComponent`, as `convertFileSrc` encodes the whole path into one segment.
fn percent_decode(s: &str) -> Option<String> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(String::from)
        .filter(|p| !p.is_empty() && !p.contains('\0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_converted_file_path_decodes_back_and_malformed_ones_are_refused() {
        assert_eq!(
            percent_decode("%2Fhome%2Flead%2FArchitecture%20%C3%A9t%C3%A9.png").as_deref(),
            Some("/home/lead/Architecture été.png")
        );
        assert_eq!(
            percent_decode("C%3A%5CEvidence%5Cdiagram.svg").as_deref(),
            Some("C:\\Evidence\\diagram.svg")
        );
        for bad in ["", "a%00b", "%FF"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_regular_files_within_the_cap_are_read() {
        let dir = std::env::temp_dir().join(format!("dossier-protocol-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let png = dir.join("diagram.png");
        std::fs::write(&png, b"\x89PNG").unwrap();
        assert_eq!(read_bounded(&png).unwrap(), b"\x89PNG");
        assert_eq!(media_type(&png), "image/png");
        assert_eq!(read_bounded(&dir).unwrap_err().1, "not_a_file");
        assert_eq!(
            read_bounded(&dir.join("gone.pdf")).unwrap_err().1,
            "file_unreadable"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
