//! Office 97–2003 binary formats: Word `.doc` and PowerPoint `.ppt`, OLE compound
//! files. A file with a legacy name is often something else saved under it (Word
//! writes RTF or a DOCX as `.doc` when asked to), so the first bytes decide.

mod compound;
mod doc;
mod ppt;

use super::{office, text::read_capped, ExtractError};
use std::path::Path;

const ZIP: &[u8] = b"PK\x03\x04";
const RTF: &[u8] = b"{\\rtf";

/// The text of a `.doc`: Word 97–2003, or a DOCX under the old name.
pub(super) fn doc(path: &Path) -> Result<String, ExtractError> {
    match signature(path)? {
        Signature::Zip => office::docx(path),
        Signature::Rtf => Err(ExtractError::NotRead),
        Signature::Other => doc::doc(path),
    }
}

/// The text of a `.ppt`: PowerPoint 97–2003, or a PPTX under the old name.
pub(super) fn ppt(path: &Path) -> Result<String, ExtractError> {
    match signature(path)? {
        Signature::Zip => office::pptx(path),
        Signature::Rtf => Err(ExtractError::NotRead),
        Signature::Other => ppt::ppt(path),
    }
}

enum Signature {
    Zip,
    Rtf,
    /// A compound file, or damage the compound file reader reports.
    Other,
}

fn signature(path: &Path) -> Result<Signature, ExtractError> {
    let start = read_capped(path, 8)?;
    Ok(if start.starts_with(ZIP) {
        Signature::Zip
    } else if start.starts_with(RTF) {
        Signature::Rtf
    } else {
        Signature::Other
    })
}

#[cfg(test)]
mod tests {
    use super::doc::tests::write_doc;
    use super::ppt::tests::{presentation, write_ppt};
    use crate::evidence::kind::FileKind;
    use crate::extract::{extract, ExtractError};

    /// Every prefix of a valid file, and the file with bytes overwritten at random
    /// (seeded), gives a result: text, or an error naming the damage. A panic or an
    /// endless loop here would fail or hang the test.
    fn survives_damage(name: &str, kind: FileKind, write: impl Fn(&std::path::Path)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        write(&path);
        let valid = std::fs::read(&path).unwrap();
        let mut unreadable = 0;
        for length in (0..valid.len()).step_by(97) {
            std::fs::write(&path, &valid[..length]).unwrap();
            if let Err(ExtractError::Unreadable { .. }) = extract(&path, kind) {
                unreadable += 1;
            }
        }
        assert!(unreadable > 0, "{name}: no truncation was noticed");
        let mut random = fastrand::Rng::with_seed(15);
        for _ in 0..300 {
            let mut bytes = valid.clone();
            for _ in 0..random.usize(1..16) {
                let at = random.usize(..bytes.len());
                bytes[at] = random.u8(..);
            }
            std::fs::write(&path, &bytes).unwrap();
            let _ = extract(&path, kind);
        }
    }

    #[test]
    fn truncated_or_corrupted_doc_files_never_panic() {
        survives_damage("sow.doc", FileKind::Word, |path| {
            write_doc(path, &[("Statement of Work\r", true), ("Scope", false)], 0)
        });
    }

    #[test]
    fn truncated_or_corrupted_ppt_files_never_panic() {
        survives_damage("deck.ppt", FileKind::Slides, |path| {
            write_ppt(path, &presentation())
        });
    }
}
