//! What sort of document a file is, decided from its extension.

use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileKind {
    Pdf,
    Word,
    Spreadsheet,
    Slides,
    Image,
    Diagram,
    Text,
    Other,
}

impl FileKind {
    pub fn from_path(path: &Path) -> Self {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "pdf" => Self::Pdf,
            "docx" | "doc" | "odt" | "rtf" => Self::Word,
            "xlsx" | "xlsm" | "xls" | "ods" | "csv" => Self::Spreadsheet,
            "pptx" | "ppt" | "odp" | "key" => Self::Slides,
            "png" | "jpg" | "jpeg" | "gif" | "bmp" | "tif" | "tiff" | "webp" | "heic" => {
                Self::Image
            }
            "drawio" | "dio" | "svg" | "vsdx" | "vsd" => Self::Diagram,
            "md" | "markdown" | "txt" | "text" | "rst" | "adoc" | "json" | "yaml" | "yml" => {
                Self::Text
            }
            _ => Self::Other,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Word => "word",
            Self::Spreadsheet => "spreadsheet",
            Self::Slides => "slides",
            Self::Image => "image",
            Self::Diagram => "diagram",
            Self::Text => "text",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Pdf,
            Self::Word,
            Self::Spreadsheet,
            Self::Slides,
            Self::Image,
            Self::Diagram,
            Self::Text,
            Self::Other,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_follows_extension_case_insensitively() {
        assert_eq!(FileKind::from_path(Path::new("a/SOW.PDF")), FileKind::Pdf);
        assert_eq!(
            FileKind::from_path(Path::new("arch.drawio")),
            FileKind::Diagram
        );
        assert_eq!(FileKind::from_path(Path::new("runbook.md")), FileKind::Text);
        assert_eq!(
            FileKind::from_path(Path::new("deck.pptx")),
            FileKind::Slides
        );
        assert_eq!(FileKind::from_path(Path::new("noext")), FileKind::Other);
    }

    #[test]
    fn kind_names_round_trip() {
        for k in [FileKind::Pdf, FileKind::Diagram, FileKind::Other] {
            assert_eq!(FileKind::parse(k.as_str()), Some(k));
        }
    }
}
