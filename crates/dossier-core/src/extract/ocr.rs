//! Text from scans and screenshots, read by the `tesseract` program when it is installed.
//!
//! Console screenshots, scanned sign-offs and whiteboard photos are common evidence, but
//! only their pixels hold the words. Tesseract (Apache-2.0) runs as a child process of
//! the extraction worker, found on `PATH`, never linked in: when it is absent, images and
//! image-only PDFs stay as they were (no text, `no_text_layer`).
//!
//! Each file gets a time budget shorter than the pool's time limit, so the worker always
//! answers before it is killed; a `tesseract` still running at the deadline is killed.
//! Images pulled out of a PDF are written to a private temporary folder (never the
//! evidence folder, which is read-only) that is removed when the file is done.

use super::{io_error, pdf_repair, ExtractError, MAX_CONTENT_BYTES};
use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// What the user reads for a file whose text came from OCR.
pub const READ_BY_OCR: &str = "text read by OCR";

/// Most images of one PDF sent to OCR: a scan has one per page, and past this a long
/// scanned book would only run into the time limit anyway.
const MAX_IMAGES: usize = 50;
/// Images narrower or lower than this are bullets, logos and icons, not pages of text.
const MIN_SIDE: i64 = 64;
/// Most text kept from one image: a page of text is a few kilobytes.
const MAX_OUTPUT_BYTES: usize = 1 << 20;
/// How often a running `tesseract` is checked against its deadline.
const POLL: Duration = Duration::from_millis(20);

#[cfg(windows)]
const PROGRAM: &str = "tesseract.exe";
#[cfg(not(windows))]
const PROGRAM: &str = "tesseract";

/// An installed `tesseract` and the time one file may spend in it.
#[derive(Debug, Clone)]
pub struct Ocr {
    program: PathBuf,
    budget: Duration,
}

impl Ocr {
    pub fn new(program: impl Into<PathBuf>, budget: Duration) -> Self {
        Self {
            program: program.into(),
            budget,
        }
    }
}

/// The `tesseract` program on this process's `PATH`, if it is installed.
pub fn find() -> Option<PathBuf> {
    find_in(&std::env::var_os("PATH")?)
}

/// The `tesseract` program in the folders of `path_var` (a `PATH` value). Relative
/// entries are skipped: they name whatever folder the process happens to be in.
pub fn find_in(path_var: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path_var)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join(PROGRAM))
        .find(|candidate| is_program(candidate))
}

#[cfg(unix)]
fn is_program(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_program(path: &Path) -> bool {
    path.is_file()
}

/// The text of the image at `path`, empty when OCR is off or reads nothing; `detail`
/// says what OCR made of it, for the file's status.
pub(super) fn image(ocr: Option<&Ocr>, path: &Path, detail: &mut Option<String>) -> String {
    let Some(ocr) = ocr else {
        return String::new();
    };
    let (text, said) = match ocr.read(path, Instant::now() + ocr.budget) {
        Ok(text) if !text.trim().is_empty() => (text, READ_BY_OCR.to_owned()),
        Ok(_) => (String::new(), "no text found by OCR".to_owned()),
        Err(OcrError::TimedOut) => (
            String::new(),
            format!(
                "OCR took longer than {} s; the image's text was not read",
                ocr.budget.as_secs_f32()
            ),
        ),
        Err(OcrError::Failed(cause)) => {
            tracing::debug!(path = %path.display(), %cause, "OCR failed");
            (String::new(), "OCR could not read this image".to_owned())
        }
    };
    *detail = Some(said);
    text
}

/// For a PDF that came back `error`: when that is [`ExtractError::NoTextLayer`] and OCR
/// is on, the text of its page images, else `error` as it was.
pub(super) fn scanned_pdf(
    ocr: Option<&Ocr>,
    path: &Path,
    error: ExtractError,
    detail: &mut Option<String>,
) -> Result<String, ExtractError> {
    let Some(ocr) = ocr.filter(|_| error == ExtractError::NoTextLayer) else {
        return Err(error);
    };
    match ocr.read_pdf(path) {
        Ok(read) if !read.text.trim().is_empty() => {
            *detail = Some(read.describe());
            Ok(read.text)
        }
        Ok(_) => Err(error),
        Err(cause) => {
            tracing::debug!(path = %path.display(), %cause, "OCR of a scanned PDF failed");
            Err(error)
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum OcrError {
    #[error("no result before the deadline")]
    TimedOut,
    #[error("{0}")]
    Failed(String),
}

/// What OCR read from a PDF's pages.
struct PdfText {
    text: String,
    pages: usize,
    pages_read: usize,
    /// Why reading stopped before the last page, if it did.
    stopped: Option<&'static str>,
}

impl PdfText {
    fn describe(&self) -> String {
        match self.stopped {
            None => READ_BY_OCR.to_owned(),
            Some(why) => format!(
                "{READ_BY_OCR} from {} of {} pages; {why}",
                self.pages_read, self.pages
            ),
        }
    }
}

impl Ocr {
    /// Runs `tesseract` on one image file and returns what it printed.
    fn read(&self, image: &Path, deadline: Instant) -> Result<String, OcrError> {
        let mut command = Command::new(&self.program);
        command
            .arg(image)
            .arg("stdout")
            // One thread each: the pool already runs a worker per core.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        confine(&mut command);
        let mut child = command
            .spawn()
            .map_err(|e| OcrError::Failed(format!("cannot start tesseract: {e}")))?;
        let Some(mut stdout) = child.stdout.take() else {
            end(&mut child);
            return Err(OcrError::Failed("no output pipe".into()));
        };
        // Drained on its own thread, so a chatty tesseract never blocks on a full pipe
        // while this one watches the clock. It ends when tesseract exits or is killed.
        let reader = std::thread::spawn(move || {
            let mut kept = Vec::new();
            let mut chunk = [0u8; 8192];
            loop {
                match stdout.read(&mut chunk) {
                    Ok(0) | Err(_) => return kept,
                    Ok(n) => {
                        let room = MAX_OUTPUT_BYTES.saturating_sub(kept.len());
                        kept.extend_from_slice(&chunk[..n.min(room)]);
                    }
                }
            }
        });
        let status = wait_until(&mut child, deadline);
        let output = reader.join().unwrap_or_default();
        match status? {
            status if status.success() => Ok(String::from_utf8_lossy(&output).into_owned()),
            status => Err(OcrError::Failed(format!("tesseract ended with {status}"))),
        }
    }

    /// The text of the images on each page of the PDF at `path`, page by page, until
    /// the budget or [`MAX_IMAGES`] runs out.
    fn read_pdf(&self, path: &Path) -> Result<PdfText, OcrError> {
        let deadline = Instant::now() + self.budget;
        let bytes = std::fs::read(path).map_err(|e| OcrError::Failed(io_error(e).to_string()))?;
        let document = Document::load_mem(&bytes)
            .or_else(|first| {
                pdf_repair::rebuild(&bytes)
                    .ok_or(first)
                    .and_then(|repaired| Document::load_mem(&repaired))
            })
            .map_err(|e| OcrError::Failed(format!("cannot open the PDF: {e}")))?;
        let scratch = tempfile::Builder::new()
            .prefix("dossier-ocr-")
            .tempdir()
            .map_err(|e| OcrError::Failed(format!("no temporary folder: {e}")))?;
        let pages = document.get_pages();
        let mut read = PdfText {
            text: String::new(),
            pages: pages.len(),
            pages_read: 0,
            stopped: None,
        };
        let mut seen = HashSet::new();
        'pages: for &page in pages.values() {
            for (id, image) in page_images(&document, page) {
                // A logo on every page is read once.
                if !seen.insert(id) {
                    continue;
                }
                if seen.len() > MAX_IMAGES {
                    read.stopped = Some("the rest has too many images");
                    break 'pages;
                }
                let file = scratch
                    .path()
                    .join(format!("{}-{}.{}", id.0, id.1, image.extension));
                if std::fs::write(&file, &image.bytes).is_err() {
                    continue;
                }
                let result = self.read(&file, deadline);
                let _ = std::fs::remove_file(&file);
                match result {
                    Ok(text) => {
                        read.text.push_str(&text);
                        read.text.push('\n');
                    }
                    Err(OcrError::TimedOut) => {
                        read.stopped = Some("the rest took too long");
                        break 'pages;
                    }
                    Err(OcrError::Failed(cause)) => {
                        tracing::debug!(path = %path.display(), %cause, "OCR of a PDF image failed");
                    }
                }
            }
            read.pages_read += 1;
        }
        Ok(read)
    }
}

/// Waits for `child` until `deadline`, then kills it.
fn wait_until(child: &mut Child, deadline: Instant) -> Result<ExitStatus, OcrError> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(POLL),
            Ok(None) => {
                end(child);
                return Err(OcrError::TimedOut);
            }
            Err(e) => {
                end(child);
                return Err(OcrError::Failed(e.to_string()));
            }
        }
    }
}

/// Kills and reaps `child`, so no `tesseract` outlives its file.
fn end(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Ties `tesseract` to its worker. On Linux the kernel kills it when the worker dies (the
/// pool kills a worker that overruns); on Windows it shares the worker's Job Object and
/// opens no console window. Elsewhere the deadline above is the bound.
fn confine(command: &mut Command) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: prctl is async-signal-safe and touches no memory of ours.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
                Ok(())
            });
        }
    }
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        command.creation_flags(CREATE_NO_WINDOW);
    }
    #[cfg(not(any(target_os = "linux", windows)))]
    let _ = command;
}

/// An image of a PDF page, as a file tesseract can read.
struct PageImage {
    extension: &'static str,
    bytes: Vec<u8>,
}

/// The images a page draws directly (its own and inherited resources) that tesseract
/// can read: JPEG and JPEG 2000 as stored, 8-bit grey or RGB and 1-bit pixels as PNM.
/// Others (CCITT, JBIG2, indexed colour, images inside forms) are skipped.
fn page_images(document: &Document, page: ObjectId) -> Vec<(ObjectId, PageImage)> {
    let Ok((own, inherited)) = document.get_page_resources(page) else {
        return Vec::new();
    };
    let resources = own.into_iter().chain(
        inherited
            .iter()
            .filter_map(|&id| document.get_dictionary(id).ok()),
    );
    let mut images = Vec::new();
    for resources in resources {
        let Some(xobjects) =
            resolve(document, resources.get(b"XObject").ok()).and_then(|o| o.as_dict().ok())
        else {
            continue;
        };
        for (_, value) in xobjects.iter() {
            let Ok(id) = value.as_reference() else {
                continue;
            };
            let Ok(stream) = document.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            if let Some(image) = as_image(
                document,
                &stream.dict,
                || stream.decompressed_content().ok(),
                &stream.content,
            ) {
                images.push((id, image));
            }
        }
    }
    images
}

fn resolve<'a>(document: &'a Document, object: Option<&'a Object>) -> Option<&'a Object> {
    match object? {
        Object::Reference(id) => document.get_object(*id).ok(),
        object => Some(object),
    }
}

/// `dict`'s image as a file tesseract reads, if it is an image of a form this handles.
fn as_image(
    document: &Document,
    dict: &Dictionary,
    decoded: impl FnOnce() -> Option<Vec<u8>>,
    raw: &[u8],
) -> Option<PageImage> {
    let name = |key: &[u8]| {
        resolve(document, dict.get(key).ok())
            .and_then(|o| o.as_name().ok())
            .map(<[u8]>::to_vec)
    };
    let number = |key: &[u8]| resolve(document, dict.get(key).ok()).and_then(|o| o.as_i64().ok());
    if name(b"Subtype").as_deref() != Some(b"Image") {
        return None;
    }
    let (width, height) = (number(b"Width")?, number(b"Height")?);
    if width < MIN_SIDE || height < MIN_SIDE {
        return None;
    }
    let filters: Vec<Vec<u8>> = match resolve(document, dict.get(b"Filter").ok()) {
        Some(Object::Name(name)) => vec![name.clone()],
        Some(Object::Array(names)) => names
            .iter()
            .filter_map(|n| n.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    match filters.as_slice() {
        [only] if only == b"DCTDecode" => {
            return Some(PageImage {
                extension: "jpg",
                bytes: raw.to_vec(),
            })
        }
        [only] if only == b"JPXDecode" => {
            return Some(PageImage {
                extension: "jp2",
                bytes: raw.to_vec(),
            })
        }
        _ => {}
    }
    if filters.iter().any(|f| {
        !matches!(
            f.as_slice(),
            b"FlateDecode" | b"LZWDecode" | b"ASCII85Decode"
        )
    }) {
        return None;
    }
    let is_mask = matches!(
        resolve(document, dict.get(b"ImageMask").ok()),
        Some(Object::Boolean(true))
    );
    let components = if is_mask {
        1
    } else {
        colour_components(document, resolve(document, dict.get(b"ColorSpace").ok())?)?
    };
    let bits = if is_mask {
        1
    } else {
        number(b"BitsPerComponent")?
    };
    let (w, h) = (usize::try_from(width).ok()?, usize::try_from(height).ok()?);
    let row = match (bits, components) {
        (8, 1 | 3) => w.checked_mul(components)?,
        (1, 1) => w.div_ceil(8),
        _ => return None,
    };
    let size = row.checked_mul(h)?;
    if size as u64 > MAX_CONTENT_BYTES {
        return None;
    }
    let mut pixels = decoded()?;
    if pixels.len() < size {
        return None;
    }
    pixels.truncate(size);
    let magic = match (bits, components) {
        (1, _) => {
            // PDF paints 0 as black, PBM 1: flip, unless /Decode [1 0] already does.
            let inverted = matches!(
                resolve(document, dict.get(b"Decode").ok()),
                Some(Object::Array(d)) if d.first().and_then(|v| v.as_i64().ok()) == Some(1)
            );
            if !inverted {
                pixels.iter_mut().for_each(|byte| *byte = !*byte);
            }
            "P4"
        }
        (_, 1) => "P5",
        _ => "P6",
    };
    let header = if bits == 1 {
        format!("{magic}\n{width} {height}\n")
    } else {
        format!("{magic}\n{width} {height}\n255\n")
    };
    let mut bytes = header.into_bytes();
    bytes.extend_from_slice(&pixels);
    Some(PageImage {
        extension: "pnm",
        bytes,
    })
}

/// Colour components of a grey or RGB colour space (ICC-based ones by their `/N`).
fn colour_components(document: &Document, space: &Object) -> Option<usize> {
    match space {
        Object::Name(name) if name == b"DeviceGray" || name == b"CalGray" => Some(1),
        Object::Name(name) if name == b"DeviceRGB" || name == b"CalRGB" => Some(3),
        Object::Array(parts) => match parts.first()?.as_name().ok()? {
            b"ICCBased" => {
                let profile = resolve(document, parts.get(1))?.as_stream().ok()?;
                match profile.dict.get(b"N").ok()?.as_i64().ok()? {
                    1 => Some(1),
                    3 => Some(3),
                    _ => None,
                }
            }
            b"CalGray" => Some(1),
            b"CalRGB" => Some(3),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in `tesseract`: a shell script that does as told with its image ("$1").
    #[cfg(unix)]
    fn fake_tesseract(dir: &Path, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let program = dir.join(PROGRAM);
        std::fs::write(&program, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        program
    }

    #[cfg(unix)]
    #[test]
    fn tesseract_is_found_only_as_a_program_in_an_absolute_path_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (empty, with, not_executable) = (
            dir.path().join("empty"),
            dir.path().join("with"),
            dir.path().join("plain"),
        );
        for d in [&empty, &with, &not_executable] {
            std::fs::create_dir(d).unwrap();
        }
        let program = fake_tesseract(&with, "exit 0");
        std::fs::write(not_executable.join(PROGRAM), "").unwrap();
        let path = |dirs: &[&Path]| std::env::join_paths(dirs).unwrap();
        assert_eq!(find_in(&path(&[&empty, &not_executable])), None);
        assert_eq!(find_in(&path(&[&empty, &with])), Some(program));
        let relative = pathdiff::diff_paths(&with, std::env::current_dir().unwrap()).unwrap();
        assert_eq!(find_in(&path(&[&relative])), None);
    }

    #[test]
    fn without_ocr_an_image_has_no_text_and_a_scan_keeps_its_status() {
        let mut detail = None;
        assert_eq!(image(None, Path::new("/e/photo.png"), &mut detail), "");
        assert_eq!(
            scanned_pdf(
                None,
                Path::new("/e/scan.pdf"),
                ExtractError::NoTextLayer,
                &mut detail
            ),
            Err(ExtractError::NoTextLayer)
        );
        assert_eq!(detail, None);
    }

    #[cfg(unix)]
    #[test]
    fn an_image_is_read_by_tesseract_and_the_user_told_so() {
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("whiteboard.png");
        std::fs::write(&photo, b"\x89PNG\r\n\x1a\n").unwrap();
        let ocr = |body| Ocr::new(fake_tesseract(dir.path(), body), Duration::from_secs(60));
        let mut detail = None;
        let said =
            ocr(r#"[ "$2" = stdout ] && read -r line; echo "Failover drill $1 ${line:-closed}""#);
        let text = image(Some(&said), &photo, &mut detail);
        assert_eq!(text, format!("Failover drill {} closed\n", photo.display()));
        assert_eq!(detail.as_deref(), Some(READ_BY_OCR));
        image(Some(&ocr("echo '  '")), &photo, &mut detail);
        assert_eq!(detail.as_deref(), Some("no text found by OCR"));
        let text = image(Some(&ocr("echo partial; exit 1")), &photo, &mut detail);
        assert_eq!(
            (text.as_str(), detail.as_deref()),
            ("", Some("OCR could not read this image"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_tesseract_past_its_deadline_is_killed_and_reaped() {
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        let program = fake_tesseract(
            dir.path(),
            &format!("echo $$ > '{}'; exec sleep 60", pid_file.display()),
        );
        let ocr = Ocr::new(program, Duration::from_millis(300));
        let mut detail = None;
        let text = image(Some(&ocr), &dir.path().join("a.png"), &mut detail);
        assert_eq!(text, "");
        assert_eq!(
            detail.as_deref(),
            Some("OCR took longer than 0.3 s; the image's text was not read")
        );
        let pid: i32 = std::fs::read_to_string(&pid_file)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // SAFETY: signal 0 only asks whether the process exists.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        assert!(!alive, "tesseract {pid} outlived its deadline");
    }

    /// A one-page PDF drawing `image` (a stream dictionary's entries and data).
    fn pdf_with_image(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut objects: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        ];
        let content = b"q 612 0 0 792 0 0 cm /Im1 Do Q";
        let mut page = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        page.extend_from_slice(content);
        page.extend_from_slice(b"\nendstream");
        objects.push(page);
        let mut image = format!(
            "<< /Type /XObject /Subtype /Image {dict} /Length {} >>\nstream\n",
            data.len()
        )
        .into_bytes();
        image.extend_from_slice(data);
        image.extend_from_slice(b"\nendstream");
        objects.push(image);
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n \n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .bytes(),
        );
        out
    }

    #[cfg(unix)]
    #[test]
    fn a_scanned_pdf_has_its_jpeg_read_from_a_temporary_file_that_is_then_removed() {
        let dir = tempfile::tempdir().unwrap();
        let scan = dir.path().join("signoff.pdf");
        let jpeg = [&[0xFF, 0xD8, 0xFF, 0xE0][..], b"not really a jpeg"].concat();
        std::fs::write(
            &scan,
            pdf_with_image(
                "/Width 1700 /Height 2200 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
                &jpeg,
            ),
        )
        .unwrap();
        let seen = dir.path().join("seen");
        let program = fake_tesseract(
            dir.path(),
            &format!(
                "echo \"$1\" > '{}'; cp \"$1\" '{}.bytes'; echo Acceptance signed",
                seen.display(),
                seen.display()
            ),
        );
        let mut detail = None;
        let text = scanned_pdf(
            Some(&Ocr::new(program, Duration::from_secs(60))),
            &scan,
            ExtractError::NoTextLayer,
            &mut detail,
        );
        assert_eq!(text.unwrap().trim(), "Acceptance signed");
        assert_eq!(detail.as_deref(), Some(READ_BY_OCR));
        assert_eq!(std::fs::read(seen.with_extension("bytes")).unwrap(), jpeg);
        let temp = PathBuf::from(std::fs::read_to_string(&seen).unwrap().trim());
        assert!(temp.extension().is_some_and(|e| e == "jpg"), "{temp:?}");
        assert!(!temp.starts_with(dir.path()), "outside the scanned folder");
        assert!(
            !temp.parent().unwrap().exists(),
            "the temporary folder is removed"
        );
    }

    #[test]
    fn grey_and_one_bit_pixels_become_pnm_and_small_images_are_skipped() {
        let document = Document::new();
        let dict = |entries: &str| -> Dictionary {
            let pdf = pdf_with_image(entries, b"");
            let doc = Document::load_mem(&pdf).unwrap();
            doc.get_object((5, 0))
                .unwrap()
                .as_stream()
                .unwrap()
                .dict
                .clone()
        };
        let grey = dict("/Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8");
        let image = as_image(&document, &grey, || Some(vec![7; 64 * 64]), b"").unwrap();
        assert_eq!(image.extension, "pnm");
        assert!(image.bytes.starts_with(b"P5\n64 64\n255\n"));
        assert_eq!(image.bytes.len(), 13 + 64 * 64);
        let mask = dict("/Width 64 /Height 64 /ImageMask true");
        let image = as_image(&document, &mask, || Some(vec![0x0F; 8 * 64]), b"").unwrap();
        assert!(image.bytes.starts_with(b"P4\n64 64\n"));
        assert_eq!(
            image.bytes[9..],
            [0xF0; 8 * 64],
            "PDF's 0 is PBM's 1, black"
        );
        let short = as_image(&document, &grey, || Some(vec![7; 10]), b"");
        assert!(short.is_none(), "too few pixels for its size");
        let icon = dict("/Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8");
        assert!(as_image(&document, &icon, || Some(vec![0; 256]), b"").is_none());
        let fax = dict("/Width 640 /Height 640 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode");
        assert!(as_image(&document, &fax, || None, b"").is_none());
    }
}
