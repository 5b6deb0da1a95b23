//! The native dialogs, the only way a path the user chose enters the shell.
//!
//! End-to-end tests cannot click through a native dialog. In debug builds only,
//! `DOSSIER_E2E_DIALOG_ANSWERS` names a file whose content answers every dialog instead (a
//! path; empty or missing means cancelled). Release builds have no such seam.

use crate::error::{IpcError, IpcResult};
use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

/// Asks for a folder; `None` if cancelled.
pub fn pick_folder(app: &AppHandle) -> IpcResult<Option<PathBuf>> {
    answer(app, |dialog| dialog.blocking_pick_folder())
}

/// Asks for a checklist file; `None` if cancelled.
pub fn pick_checklist_file(app: &AppHandle) -> IpcResult<Option<PathBuf>> {
    answer(app, |dialog| {
        dialog
            .add_filter(
                "Checklist",
                &["txt", "html", "htm", "md", "markdown", "toml"],
            )
            .blocking_pick_file()
    })
}

fn answer(
    app: &AppHandle,
    show: impl FnOnce(FileDialogBuilder<tauri::Wry>) -> Option<FilePath>,
) -> IpcResult<Option<PathBuf>> {
    #[cfg(debug_assertions)]
    if let Some(answers) = std::env::var_os(TEST_ANSWERS).filter(|v| !v.is_empty()) {
        return Ok(test_answer(std::path::Path::new(&answers)));
    }
    show(app.dialog().file())
        .map(|choice| {
            choice.into_path().map_err(|e| {
                IpcError::new(
                    "invalid_input",
                    format!("the dialog gave no usable path: {e}"),
                )
            })
        })
        .transpose()
}

#[cfg(debug_assertions)]
const TEST_ANSWERS: &str = "DOSSIER_E2E_DIALOG_ANSWERS";

/// The path written in the answers file, as if the user had chosen it.
#[cfg(debug_assertions)]
fn test_answer(answers: &std::path::Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(answers).ok()?;
    let path = text.trim_end_matches(['\r', '\n']);
    (!path.is_empty()).then(|| PathBuf::from(path))
}

#[cfg(all(test, debug_assertions))]
mod tests {
    use super::*;

    #[test]
    fn the_test_answers_file_chooses_its_path_and_is_cancelled_when_empty_or_missing() {
        let dir = std::env::temp_dir().join(format!("dossier-dialogs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let answers = dir.join("answer");
        std::fs::write(&answers, "/home/lead/My Exports\n").unwrap();
        assert_eq!(
            test_answer(&answers),
            Some(PathBuf::from("/home/lead/My Exports"))
        );
        std::fs::write(&answers, "").unwrap();
        assert_eq!(test_answer(&answers), None);
        assert_eq!(test_answer(&dir.join("missing")), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
