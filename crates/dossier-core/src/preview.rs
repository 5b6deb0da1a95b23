//! What the app shows when the user previews a file without leaving Dossier.

use crate::evidence::kind::FileKind;
use serde::Serialize;
use std::io::Read;
use std::path::Path;

/// Longest text shown in a preview; the full file is one click away in its own app.
const MAX_PREVIEW_BYTES: u64 = 512 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "mode", rename_all = "snake_case")]
#[ts(export)]
pub enum Preview {
    /// Plain text read from the file.
    Text {
        text: String,
        truncated: bool,
    },
    /// Markdown source read from the file, for the UI to render.
    Markdown {
        text: String,
        truncated: bool,
    },
    /// An image or PDF the UI loads itself; `path` is absolute and inside the folder.
    Image {
        path: String,
    },
    Pdf {
        path: String,
    },
    /// The text the index extracted (Word, slides, spreadsheets, diagrams).
    Extracted {
        text: String,
    },
    Unavailable {
        reason: String,
    },
}

/// How to preview a present file at `abs` of `kind`; `extracted` is its indexed text.
pub fn of_file(abs: &Path, kind: FileKind, extracted: impl FnOnce() -> Option<String>) -> Preview {
    let ext = abs
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let path = abs.to_string_lossy().into_owned();
    match kind {
        FileKind::Pdf => Preview::Pdf { path },
        FileKind::Image | FileKind::Diagram if image_media_type(&ext).is_some() => {
            Preview::Image { path }
        }
        FileKind::Text => match read_capped(abs) {
            Ok((text, truncated)) if ext == "md" || ext == "markdown" => {
                Preview::Markdown { text, truncated }
            }
            Ok((text, truncated)) => Preview::Text { text, truncated },
            Err(e) => Preview::Unavailable {
                reason: format!("cannot read the file: {e}"),
            },
        },
        _ => match extracted().filter(|t| !t.trim().is_empty()) {
            Some(text) => Preview::Extracted { text },
            None => Preview::Unavailable {
                reason: "no preview for this kind of file: open it in its own application".into(),
            },
        },
    }
}

/// The media type of a picture the window can show, by extension; the app serves the
/// bytes of an image preview with it.
pub fn image_media_type(extension: &str) -> Option<&'static str> {
    Some(match extension.to_ascii_lowercase().as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

fn read_capped(path: &Path) -> std::io::Result<(String, bool)> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let mut bytes = Vec::new();
    file.take(MAX_PREVIEW_BYTES).read_to_end(&mut bytes)?;
    Ok((
        String::from_utf8_lossy(&bytes).into_owned(),
        len > MAX_PREVIEW_BYTES,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_read_and_office_files_show_their_extracted_text() {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("runbook.md");
        std::fs::write(&md, "# Runbook").unwrap();
        assert_eq!(
            of_file(&md, FileKind::Text, || None),
            Preview::Markdown {
                text: "# Runbook".into(),
                truncated: false
            }
        );
        let docx = dir.path().join("sow.docx");
        assert_eq!(
            of_file(&docx, FileKind::Word, || Some("Scope".into())),
            Preview::Extracted {
                text: "Scope".into()
            }
        );
        assert!(matches!(
            of_file(&docx, FileKind::Word, || None),
            Preview::Unavailable { .. }
        ));
    }

    #[test]
    fn long_text_is_cut_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let txt = dir.path().join("log.txt");
        std::fs::write(&txt, "x".repeat(MAX_PREVIEW_BYTES as usize + 10)).unwrap();
        let Preview::Text { text, truncated } = of_file(&txt, FileKind::Text, || None) else {
            panic!("text preview expected")
        };
        assert!(truncated);
        assert_eq!(text.len() as u64, MAX_PREVIEW_BYTES);
    }
}
