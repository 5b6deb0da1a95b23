use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    // The About view's build date: `SOURCE_DATE_EPOCH` when the packager sets it (reproducible
    // builds), else the time this script ran.
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    println!("cargo:rustc-env=DOSSIER_BUILD_EPOCH={epoch}");
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new()) {
        panic!("tauri build step failed: {e:#}");
    }
}
