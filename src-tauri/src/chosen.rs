//! Where a path the webview sends may come from. The window never names a folder to open, a
//! destination to export into or a file to import on its own: the path must be one the user
//! picked in this run's native dialogs, or one the shell offered itself (the recent folders,
//! the sample folder, the default export folder). A compromised or buggy page cannot reach
//! anything else.

use crate::error::{IpcError, IpcResult};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What a dialog chose a path for; a path chosen for one is not accepted for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// An evidence folder to open.
    Folder,
    /// A folder to export into.
    ExportFolder,
    /// A checklist file to import.
    ChecklistFile,
}

impl Purpose {
    fn how_to_choose(self) -> &'static str {
        match self {
            Self::Folder => {
                "choose the folder with the Open folder dialog, or from the recent folders"
            }
            Self::ExportFolder => "choose the export folder with the Choose… button",
            Self::ChecklistFile => {
                "choose the checklist file with the Choose… button, or paste its text"
            }
        }
    }
}

/// The paths the user chose in this run, each for its purpose.
#[derive(Default)]
pub struct Chosen(Mutex<HashSet<(Purpose, PathBuf)>>);

impl Chosen {
    pub fn remember(&self, purpose: Purpose, path: &Path) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert((purpose, path.to_path_buf()));
    }

    /// Accepts `path` if the user chose it for `purpose` or the shell `offered` it; otherwise
    /// `path_not_chosen`.
    pub fn require(&self, purpose: Purpose, path: &Path, offered: &[&Path]) -> IpcResult<()> {
        let chosen = self
            .0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(&(purpose, path.to_path_buf()));
        if chosen || offered.contains(&path) {
            return Ok(());
        }
        Err(IpcError::new(
            "path_not_chosen",
            format!(
                "Dossier only uses a path you chose: {}.",
                purpose.how_to_choose()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_chosen_for_the_purpose_or_offered_by_the_shell_is_accepted() {
        let chosen = Chosen::default();
        let picked = Path::new("/home/lead/Exports");
        chosen.remember(Purpose::ExportFolder, picked);
        assert!(chosen.require(Purpose::ExportFolder, picked, &[]).is_ok());
        assert!(chosen
            .require(Purpose::ExportFolder, Path::new("/home/lead/Exports/"), &[])
            .is_ok());

        let refused = chosen.require(Purpose::Folder, picked, &[]).unwrap_err();
        assert_eq!(refused.code, "path_not_chosen");
        assert!(
            refused.message.contains("Open folder"),
            "{}",
            refused.message
        );
        let typed = chosen.require(Purpose::ChecklistFile, Path::new("/etc/passwd"), &[]);
        assert_eq!(typed.unwrap_err().code, "path_not_chosen");

        let sample = Path::new("/opt/dossier/sample-evidence");
        assert!(chosen.require(Purpose::Folder, sample, &[sample]).is_ok());
    }
}
