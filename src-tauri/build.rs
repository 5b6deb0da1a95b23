fn main() {
    // The config lives at the repository root (next to the workspace's Cargo.toml).
    let attributes = tauri_build::Attributes::new();
    if let Err(e) = tauri_build::try_build(attributes.config_path("../tauri.conf.json")) {
        panic!("tauri build step failed: {e:#}");
    }
}
