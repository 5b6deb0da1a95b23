//! A standalone text-extraction worker, for hosts that cannot re-run their own executable
//! as one (and for the core's integration tests).

fn main() {
    dossier_core::extract::worker::serve_if_requested();
    eprintln!(
        "dossier-extract-worker is started by Dossier itself with `{}`",
        dossier_core::extract::worker::WORKER_ARG
    );
    std::process::exit(2);
}
