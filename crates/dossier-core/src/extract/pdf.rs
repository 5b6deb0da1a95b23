//! PDF text via pdf-extract, telling apart the failures a person can act on: a
//! password to supply, a scan to tag by hand, or a damaged file to replace. A file lopdf
//! cannot open is read again with its cross-reference table rebuilt (`pdf_repair`).

use super::pdf_text::Walker;
use super::{io_error, pdf_repair, ExtractError};
use pdf_extract::{output_doc_page, Document, PlainTextOutput};
use std::path::Path;

pub(super) fn extract(path: &Path) -> Result<String, ExtractError> {
    let bytes = std::fs::read(path).map_err(io_error)?;
    if bytes.is_empty() {
        return Err(ExtractError::unreadable("this PDF is empty", "0 bytes"));
    }
    let first = match read(&bytes) {
        Err(error @ ExtractError::Unreadable { .. }) => error,
        result => return result,
    };
    match pdf_repair::rebuild(&bytes).map(|repaired| read(&repaired)) {
        Some(Ok(text)) => Ok(text),
        Some(Err(ExtractError::Encrypted)) => Err(ExtractError::Encrypted),
        // The trailer (or xref stream) names an encryption dictionary, yet no reading
        // opened the file: the encryption is what the user can act on.
        _ if pdf_repair::names_encryption(&bytes) => Err(ExtractError::Encrypted),
        _ => Err(first),
    }
}

fn read(bytes: &[u8]) -> Result<String, ExtractError> {
    // lopdf opens files whose user password is empty (the common "no editing"
    // protection) by itself and returns them decrypted; a file still encrypted
    // after loading needs a password nobody gave us.
    let document = Document::load_mem(bytes).map_err(load_error)?;
    if document.is_encrypted() {
        return Err(ExtractError::Encrypted);
    }
    let pages = document.get_pages();
    // A broken cross-reference table loses every object yet still loads, and
    // pdf-extract then returns "" as it would for a scan.
    if pages.is_empty() {
        return Err(damaged("no readable pages"));
    }
    let mut text = String::new();
    let mut failure = None;
    let mut walker = Walker::new(&document);
    // Page by page, so one damaged page costs only its own text.
    for (&number, &id) in &pages {
        let walked = walker.page(id);
        match pdf_extract_page(&document, number) {
            // pdf-extract decodes some fonts lopdf's ToUnicode parser refuses; it wins only
            // where it finds clearly more, since its word breaks are the less reliable.
            Ok(other) if letters(&other) > letters(&walked) * 11 / 10 + 10 => text.push_str(&other),
            Err(error) if walked.trim().is_empty() => {
                failure.get_or_insert(error);
            }
            _ => text.push_str(&walked),
        }
        // A page whose text starts at its very top would otherwise run on from the last.
        text.push('\n');
    }
    match failure {
        _ if !text.trim().is_empty() => Ok(text),
        // Decrypted with the empty password, yet no page reads: the decryption is the
        // likelier culprit than damage.
        Some(_) if document.was_encrypted() => Err(ExtractError::Encrypted),
        Some(error) => Err(damaged(error)),
        None => Err(ExtractError::NoTextLayer),
    }
}

/// One page through pdf-extract, whose panics on fonts it does not expect ("missing
/// unicode map and encoding", an index out of bounds) become errors.
fn pdf_extract_page(document: &Document, number: u32) -> Result<String, String> {
    let mut text = String::new();
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        output_doc_page(document, &mut PlainTextOutput::new(&mut text), number)
    }));
    match read {
        Ok(Ok(())) => Ok(text),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err("the PDF reader gave up on a page".into()),
    }
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

fn load_error(error: pdf_extract::Error) -> ExtractError {
    match error {
        pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword => {
            ExtractError::Encrypted
        }
        error => damaged(error),
    }
}

fn damaged(cause: impl std::fmt::Display) -> ExtractError {
    ExtractError::unreadable(
        "this PDF is damaged; the PDF reader could not read it",
        cause,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::kind::FileKind;
    use crate::extract::extract;
    use dossier_fixtures as fixtures;
    use pdf_extract::{EncryptionState, EncryptionVersion, Object, Permissions};

    fn pdf_text(write: impl FnOnce(&Path) -> std::io::Result<()>) -> Result<String, ExtractError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("evidence.pdf");
        write(&path).unwrap();
        extract(&path, FileKind::Pdf)
    }

    /// A fixture PDF encrypted by lopdf (RC4, 128-bit) with the given passwords.
    fn encrypted_with(user_password: &str) -> impl FnOnce(&Path) -> std::io::Result<()> + '_ {
        move |path| {
            fixtures::write_pdf(path, &["Confidential pricing schedule"])?;
            let mut document = Document::load(path).unwrap();
            let id = Object::String(
                b"0123456789abcdef".to_vec(),
                pdf_extract::StringFormat::Hexadecimal,
            );
            document
                .trailer
                .set("ID", Object::Array(vec![id.clone(), id]));
            let version = EncryptionVersion::V2 {
                document: &document,
                owner_password: "owner",
                user_password,
                key_length: 128,
                permissions: Permissions::default(),
            };
            let state = EncryptionState::try_from(version).unwrap();
            document.encrypt(&state).unwrap();
            document.save(path)?;
            let reloaded = Document::load(path).unwrap();
            assert!(reloaded.was_encrypted() || reloaded.is_encrypted());
            Ok(())
        }
    }

    #[test]
    fn text_layer_round_trips_with_pages_apart() {
        let text = pdf_text(|path| {
            fixtures::write_pdf(
                path,
                &[
                    "Statement of Work\nCafé (draft) for Acme",
                    "Acceptance signed",
                ],
            )
        });
        assert_eq!(
            text.unwrap(),
            "Statement of Work\nCafé (draft) for Acme\nAcceptance signed"
        );
    }

    #[test]
    fn a_page_that_overflows_keeps_all_its_words() {
        let words: Vec<String> = (0..400).map(|n| format!("word{n}")).collect();
        let text = pdf_text(|path| fixtures::write_pdf(path, &[&words.join(" ")])).unwrap();
        let found: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(found, words);
    }

    #[test]
    fn a_scan_has_no_text_layer() {
        assert_eq!(
            pdf_text(fixtures::write_image_only_pdf),
            Err(ExtractError::NoTextLayer)
        );
    }

    #[test]
    fn an_unknown_user_password_means_encrypted() {
        assert_eq!(
            pdf_text(fixtures::write_encrypted_pdf),
            Err(ExtractError::Encrypted)
        );
        assert_eq!(
            pdf_text(encrypted_with("secret")),
            Err(ExtractError::Encrypted)
        );
    }

    #[test]
    fn an_owner_password_alone_does_not_stop_reading() {
        assert_eq!(
            pdf_text(encrypted_with("")).unwrap(),
            "Confidential pricing schedule"
        );
    }

    #[test]
    fn a_file_cut_inside_its_text_stream_is_unreadable() {
        // The rebuilt table finds the objects, but the one content stream is cut short of
        // its declared length, so no page has text; the first error is the one reported.
        let error = pdf_text(fixtures::write_truncated_pdf).unwrap_err();
        assert_eq!(
            error,
            ExtractError::Unreadable {
                reason: "this PDF is damaged; the PDF reader could not read it".into(),
                cause: "failed parsing cross reference table: invalid start value".into()
            }
        );
    }

    #[test]
    fn a_broken_xref_is_rebuilt_and_read() {
        // lopdf skips every object the xref misplaces and still loads the file, with no
        // pages; the rebuilt table points at the objects where they are.
        assert_eq!(
            pdf_text(fixtures::write_broken_xref_pdf).unwrap(),
            "Statement of Work: migration of the billing platform to AWS\nAcceptance criteria and sign-off"
        );
    }

    #[test]
    fn bytes_that_are_no_pdf_at_all_stay_unreadable() {
        let error = pdf_text(|path| std::fs::write(path, b"%PDF-1.4\nnothing here")).unwrap_err();
        assert!(
            matches!(error, ExtractError::Unreadable { .. }),
            "{error:?}"
        );
    }

    #[test]
    fn an_empty_file_is_unreadable() {
        assert_eq!(
            pdf_text(|path| std::fs::write(path, b"")),
            Err(ExtractError::Unreadable {
                reason: "this PDF is empty".into(),
                cause: "0 bytes".into()
            })
        );
    }
}
