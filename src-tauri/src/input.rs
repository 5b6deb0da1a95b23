//! Checks on what the UI sends before it reaches the core: sizes are bounded and control
//! IDs parsed, so oversized or malformed input is refused with a coded error.

use crate::error::{IpcError, IpcResult};
use dossier_core::catalog::source::{Source, MAX_SOURCE_BYTES};
use dossier_core::examples::CustomerExample;
use dossier_core::import::ImportError;
use dossier_core::tags::ControlTarget;
use std::path::{Path, PathBuf};

const MAX_PATH: usize = 4096;
const MAX_PATHS: usize = 10_000;
const MAX_CONTROLS: usize = 200;
const MAX_NOTE: usize = 4000;
const MAX_QUERY: usize = 500;

fn invalid(message: String) -> IpcError {
    IpcError::new("invalid_input", message)
}

pub fn path(p: &str) -> IpcResult<PathBuf> {
    if p.is_empty() || p.len() > MAX_PATH || p.contains('\0') {
        return Err(invalid(format!(
            "not a usable path ({} characters)",
            p.len()
        )));
    }
    Ok(PathBuf::from(p))
}

pub fn paths(ps: &[String]) -> IpcResult<Vec<PathBuf>> {
    if ps.is_empty() || ps.len() > MAX_PATHS {
        return Err(invalid(format!("select between 1 and {MAX_PATHS} files")));
    }
    ps.iter().map(|p| path(p)).collect()
}

pub fn controls(cs: &[String]) -> IpcResult<Vec<ControlTarget>> {
    if cs.is_empty() || cs.len() > MAX_CONTROLS {
        return Err(invalid(format!(
            "give between 1 and {MAX_CONTROLS} controls"
        )));
    }
    cs.iter()
        .map(|c| {
            if c.len() > 64 {
                return Err(invalid("a control ID is at most 64 characters".into()));
            }
            c.parse::<ControlTarget>()
                .map_err(|e| IpcError::from(dossier_core::Error::Tag(e)))
        })
        .collect()
}

pub fn note(n: Option<String>) -> IpcResult<Option<String>> {
    match n.map(|n| n.trim().to_string()) {
        Some(n) if n.len() > MAX_NOTE => {
            Err(invalid(format!("a note is at most {MAX_NOTE} characters")))
        }
        Some(n) if n.is_empty() => Ok(None),
        n => Ok(n),
    }
}

const MAX_SHORT: usize = 300;

/// A short optional text (a name, a reference, a URL): trimmed, bounded, empty = none.
pub fn short_text(what: &str, t: Option<String>) -> IpcResult<Option<String>> {
    match t.map(|t| t.trim().to_string()) {
        Some(t) if t.len() > MAX_SHORT => {
            Err(invalid(format!("{what} is at most {MAX_SHORT} characters")))
        }
        Some(t) if t.is_empty() => Ok(None),
        t => Ok(t),
    }
}

/// A customer example as the UI sends it, with every field bounded.
pub fn example(mut e: CustomerExample) -> IpcResult<CustomerExample> {
    e.name = short_text("an example name", Some(e.name))?.unwrap_or_default();
    e.customer = short_text("a customer", Some(e.customer))?.unwrap_or_default();
    e.industry = short_text("an industry", Some(e.industry))?.unwrap_or_default();
    e.case_study_url = short_text("a case study URL", e.case_study_url)?;
    e.go_live = short_text("a go-live date", e.go_live)?;
    e.folder = short_text("a folder", e.folder)?.map(|f| f.trim_matches('/').to_string());
    e.wafr_report = short_text("a WAFR report path", e.wafr_report)?;
    Ok(e)
}

pub fn query(q: &str) -> IpcResult<&str> {
    if q.len() > MAX_QUERY {
        return Err(invalid(format!(
            "a search is at most {MAX_QUERY} characters"
        )));
    }
    Ok(q)
}

/// A checklist to import: a file the user chose (`chosen` vouches for it before it is
/// read), or text they pasted (exactly one).
pub fn checklist_source(
    file: Option<String>,
    text: Option<String>,
    chosen: impl FnOnce(&Path) -> IpcResult<()>,
) -> IpcResult<Source> {
    match (file, text) {
        (Some(p), None) => {
            let p = path(&p)?;
            chosen(&p)?;
            Source::read(&p)
                .map_err(|e| IpcError::from(dossier_core::Error::from(ImportError::from(e))))
        }
        (None, Some(t)) if t.len() as u64 > MAX_SOURCE_BYTES => Err(invalid(format!(
            "pasted text is at most {MAX_SOURCE_BYTES} bytes"
        ))),
        (None, Some(t)) => Ok(Source::pasted(&t)),
        _ => Err(invalid("give either a file or pasted text".into())),
    }
}

/// A checklist id as the catalog names them (`security-2026-02`), bounded.
pub fn checklist_id(id: &str) -> IpcResult<String> {
    let id = id.trim();
    if id.is_empty() || id.len() > 80 {
        return Err(invalid("a checklist id is 1 to 80 characters".into()));
    }
    Ok(id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_and_malformed_input_is_refused_with_a_code() {
        assert_eq!(path(&"a".repeat(5000)).unwrap_err().code, "invalid_input");
        assert_eq!(path("a\0b").unwrap_err().code, "invalid_input");
        assert_eq!(paths(&[]).unwrap_err().code, "invalid_input");
        assert_eq!(controls(&["#2".into()]).unwrap_err().code, "bad_control_id");
        assert_eq!(
            controls(&["X".repeat(65)]).unwrap_err().code,
            "invalid_input"
        );
        assert_eq!(
            note(Some("x".repeat(4001))).unwrap_err().code,
            "invalid_input"
        );
        assert_eq!(note(Some("  ".into())).unwrap(), None);
        assert_eq!(query(&"q".repeat(501)).unwrap_err().code, "invalid_input");
        assert_eq!(controls(&["prj-003".into()]).unwrap()[0].control, "PRJ-003");
    }

    #[test]
    fn a_checklist_comes_from_exactly_one_file_or_text() {
        let code = |f: Option<&str>, t: Option<&str>| {
            checklist_source(f.map(String::from), t.map(String::from), |_| Ok(()))
                .map(|s| s.name)
                .unwrap_or_else(|e| e.code)
        };
        assert_eq!(code(None, None), "invalid_input");
        assert_eq!(code(Some("/a.txt"), Some("x")), "invalid_input");
        assert_eq!(code(None, Some("text")), "pasted text");
        let huge = "x".repeat(MAX_SOURCE_BYTES as usize + 1);
        assert_eq!(code(None, Some(&huge)), "invalid_input");
        assert_eq!(
            code(Some("/no/such/checklist.txt"), None),
            "import_unreadable"
        );
        assert_eq!(checklist_id("").unwrap_err().code, "invalid_input");
        let not_chosen = checklist_source(Some("/etc/passwd".into()), None, |_| {
            Err(IpcError::new("path_not_chosen", "choose it"))
        });
        assert_eq!(not_chosen.unwrap_err().code, "path_not_chosen");
    }
}
