//! Dossier's desktop app: a thin shell. Commands validate their input and call
//! `dossier_core::Dossier`; the watcher's change events are forwarded to the window.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod about;
mod chosen;
mod commands;
mod dialogs;
mod error;
mod evidence_protocol;
mod forward;
mod input;
mod state;

use tauri::Manager;

fn main() {
    // The same executable serves as the isolated text-extraction worker.
    dossier_core::extract::worker::serve_if_requested();
    let folder_arg = std::env::args_os().nth(1).map(std::path::PathBuf::from);
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .register_asynchronous_uri_scheme_protocol(
            evidence_protocol::SCHEME,
            evidence_protocol::handle,
        )
        .setup(move |app| {
            // A store that cannot be opened is reported in the window, not a crash.
            app.manage(state::Shell::open(app.handle()));
            if let Some(folder) = folder_arg.as_deref() {
                // A folder named on the command line opens at start, and may be reopened
                // later like one chosen in the dialog; a bad one is shown as an error in the
                // window, not a crash.
                let shell = app.state::<state::Shell>();
                shell.chosen.remember(chosen::Purpose::Folder, folder);
                if shell.store_error().is_none() {
                    if let Err(e) = shell.open_folder(app.handle(), folder) {
                        shell.set_startup_error(e);
                    }
                }
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::shell_state,
            commands::about,
            commands::move_damaged_store_aside,
            commands::pick_folder,
            commands::open_folder,
            commands::open_sample_folder,
            commands::catalog,
            commands::files,
            commands::coverage,
            commands::readiness,
            commands::search,
            commands::tag,
            commands::untag,
            commands::undo,
            commands::preview,
            commands::open_file,
            commands::reveal_file,
            commands::cancel_scan,
            commands::examples,
            commands::save_example,
            commands::remove_example,
            commands::exemptions,
            commands::set_waiver,
            commands::set_not_applicable,
            commands::set_attestation,
            commands::set_freshness,
            commands::prerequisites,
            commands::set_prerequisite,
            commands::open_session,
            commands::start_session,
            commands::session,
            commands::record_outcome,
            commands::move_session,
            commands::set_presenting,
            commands::end_session,
            commands::default_export_folder,
            commands::choose_export_folder,
            commands::export,
            commands::cancel_export,
            commands::reveal_export,
            commands::suggestions,
            commands::suggestions_for,
            commands::reject_suggestion,
            commands::choose_checklist_file,
            commands::preview_import,
            commands::import_checklist,
            commands::imported_checklists,
            commands::remove_checklist,
        ])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            eprintln!("Dossier could not start: {e}");
            std::process::exit(1);
        }
    }
}
