//! The `dossier` command line as a user and scripts see it: the documented JSON shapes,
//! readable errors with a non-zero exit, and the database kept out of the evidence folder.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The `dossier` under test: `$DOSSIER_CLI` (an installed one, say `/usr/bin/dossier`) when
/// set, else the one cargo built for these tests.
fn dossier_bin() -> PathBuf {
    std::env::var_os("DOSSIER_CLI")
        .filter(|v| !v.is_empty())
        .map_or_else(
            || PathBuf::from(env!("CARGO_BIN_EXE_dossier")),
            PathBuf::from,
        )
}

struct Cli {
    dir: tempfile::TempDir,
    folder: PathBuf,
    db: PathBuf,
}

impl Cli {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("evidence");
        std::fs::create_dir_all(folder.join("Templates")).unwrap();
        std::fs::write(
            folder.join("Templates/SOW template.md"),
            "Default SOW template: scope, deliverables",
        )
        .unwrap();
        std::fs::write(
            folder.join("runbook.md"),
            "Operations runbook with KPI alerts",
        )
        .unwrap();
        let db = dir.path().join("db/dossier.sqlite");
        Self { dir, folder, db }
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new(dossier_bin());
        c.env("DOSSIER_DB", &self.db);
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(out.stdout.is_empty(), "errors go to stderr only");
        String::from_utf8(out.stderr).unwrap()
    }

    fn folder(&self) -> &str {
        self.folder.to_str().unwrap()
    }
}

fn find<'a>(rows: &'a Value, key: &str, value: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no row with {key} = {value} in {rows}"))
}

#[test]
fn version_names_the_command_and_its_version() {
    let cli = Cli::new();
    assert_eq!(
        cli.ok(&["--version"]),
        format!("dossier {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn checklists_and_controls_list_the_built_in_catalog() {
    let cli = Cli::new();
    let lists = cli.json(&["checklists", "--json"]);
    let da = find(&lists, "id", "data-analytics-7.1");
    assert_eq!(
        (da["controls"].as_u64(), da["prerequisites"].as_u64()),
        (Some(49), Some(12))
    );
    assert_eq!(da["version"], "7.1");
    let genai = find(&lists, "id", "generative-ai-2025-08");
    assert_eq!(
        (genai["controls"].as_u64(), genai["prerequisites"].as_u64()),
        (Some(41), Some(7))
    );

    let controls = cli.json(&["controls", "data-analytics-7.1", "--json"]);
    assert_eq!(controls.as_array().unwrap().len(), 49);
    let prj = find(&controls, "id", "PRJ-003");
    assert_eq!(prj["title"], "Statement of Work");
    assert_eq!(prj["evidence_items"][0]["text"], "Default SOW template");
    assert_eq!(prj["evidence_items"][0]["attestable"], false);
    let pov = find(&controls, "id", "POV-001");
    assert_eq!(pov["evidence_items"][0]["attestable"], true);
    let pov2 = find(&controls, "id", "POV-002");
    assert_eq!(pov2["evidence_items"][0]["window_months"], 12);
    assert!(prj["section"]
        .as_str()
        .unwrap()
        .contains("Practice Requirements"));
    assert!(cli
        .ok(&["controls", "generative-ai-2025-08"])
        .contains("POV-001"));
}

#[test]
fn scan_tag_files_coverage_search_round_trip_in_json() {
    let cli = Cli::new();
    let scan = cli.json(&["scan", cli.folder(), "--json"]);
    for key in ["files", "new", "changed", "moved", "missing", "unreadable"] {
        assert!(scan[key].is_u64(), "scan JSON has {key}: {scan}");
    }
    assert_eq!(
        (scan["files"].as_u64(), scan["new"].as_u64()),
        (Some(2), Some(2))
    );

    let abs = cli.folder.join("Templates/SOW template.md");
    cli.ok(&[
        "tag",
        abs.to_str().unwrap(),
        "PRJ-003",
        "--note",
        "current template",
    ]);
    cli.ok(&["tag", "runbook.md", "ope-002"]);

    let files = cli.json(&["files", "--json"]);
    let sow = find(&files, "path", "Templates/SOW template.md");
    assert_eq!(
        (sow["kind"].as_str(), sow["status"].as_str()),
        (Some("text"), Some("ok"))
    );
    assert_eq!(sow["tags"], serde_json::json!(["PRJ-003"]));
    let only_ope = cli.json(&["files", "--control", "OPE-002", "--json"]);
    assert_eq!(only_ope.as_array().unwrap().len(), 1);

    let cov = cli.json(&["coverage", "generative-ai-2025-08", "--json"]);
    assert!(cov["percent"].as_f64().unwrap() > 0.0);
    let prj = find(&cov["controls"], "id", "PRJ-003");
    assert_eq!(prj["status"], "covered");
    assert_eq!(
        prj["files"],
        serde_json::json!(["Templates/SOW template.md"])
    );
    assert_eq!(prj["missing_items"], serde_json::json!([]));
    let doc = find(&cov["controls"], "id", "DOC-001");
    assert_eq!(doc["status"], "gap");
    assert!(!doc["missing_items"].as_array().unwrap().is_empty());

    let hits = cli.json(&["search", "kpi", "alerts", "--json"]);
    assert_eq!(hits[0]["path"], "runbook.md");

    std::fs::remove_file(&abs).unwrap();
    let rescan = cli.json(&["scan", cli.folder(), "--json"]);
    assert_eq!(rescan["missing"].as_u64(), Some(1));
    let files = cli.json(&["files", "--json"]);
    assert_eq!(
        find(&files, "path", "Templates/SOW template.md")["status"],
        "missing"
    );

    cli.ok(&["untag", "Templates/SOW template.md", "PRJ-003"]);
    let cov = cli.json(&["coverage", "data-analytics-7.1", "--json"]);
    assert_eq!(find(&cov["controls"], "id", "PRJ-003")["status"], "gap");
}

#[test]
fn errors_say_what_to_do_and_exit_non_zero() {
    let cli = Cli::new();
    assert!(cli.fails(&["files"]).contains("dossier scan"));
    cli.ok(&["scan", cli.folder()]);
    let err = cli.fails(&["tag", "runbook.md", "OPE-02"]);
    assert!(
        err.contains("unknown control ID OPE-02") && err.contains("OPE-002"),
        "{err}"
    );
    assert!(
        err.contains("[unknown_control]"),
        "the stable code is shown: {err}"
    );
    let err = cli.fails(&["coverage", "security"]);
    assert!(err.contains("data-analytics-7.1"), "{err}");
    let err = cli.fails(&["scan", cli.dir.path().join("vanished").to_str().unwrap()]);
    assert!(err.contains("does not exist"), "{err}");
    let err = cli.fails(&["tag", "/etc/hostname", "PRJ-003"]);
    assert!(err.contains("outside the evidence folder"), "{err}");
    let err = cli.fails(&["search", "--", "-?-"]);
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn the_database_goes_where_it_is_told_never_into_the_evidence_folder() {
    let cli = Cli::new();
    let explicit = cli.dir.path().join("elsewhere.sqlite");
    let out = cli
        .cmd()
        .env_remove("DOSSIER_DB")
        .env("XDG_DATA_HOME", cli.dir.path().join("xdg"))
        .args(["--db", explicit.to_str().unwrap(), "scan", cli.folder()])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(explicit.exists());
    let out = cli
        .cmd()
        .env_remove("DOSSIER_DB")
        .env("XDG_DATA_HOME", cli.dir.path().join("xdg"))
        .env("APPDATA", cli.dir.path().join("xdg"))
        .args(["scan", cli.folder()])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        cli.dir.path().join("xdg/dossier/dossier.sqlite").exists(),
        "default: the user's data dir"
    );
    let names: Vec<_> = walkdir::WalkDir::new(&cli.folder)
        .into_iter()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("sqlite")), "{names:?}");
}

/// Runs `dossier` as an unprivileged user when the tests run as root (root reads anything).
#[cfg(unix)]
fn as_unprivileged(cli: &Cli, args: &[&str]) -> Output {
    let is_root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let mut cmd = if is_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        c.arg(dossier_bin());
        c
    } else {
        Command::new(dossier_bin())
    };
    cmd.env("DOSSIER_DB", &cli.db).args(args).output().unwrap()
}

/// Unix permissions only: a Windows file is made unreadable through its ACL, which the
/// core reads the same way (an open that fails), and Wine does not enforce ACLs.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_listed_with_the_reason() {
    use std::os::unix::fs::PermissionsExt;
    let cli = Cli::new();
    let secret = cli.folder.join("private.md");
    std::fs::write(&secret, "not for you").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    for dir in [
        cli.dir.path(),
        cli.folder.as_path(),
        &cli.folder.join("Templates"),
    ] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let out = as_unprivileged(&cli, &["scan", cli.folder(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (summary["files"].as_u64(), summary["unreadable"].as_u64()),
        (Some(3), Some(1))
    );
    let out = as_unprivileged(&cli, &["files", "--json"]);
    let files: Value = serde_json::from_slice(&out.stdout).unwrap();
    let private = find(&files, "path", "private.md");
    assert_eq!(private["status"], "unreadable");
    assert!(
        private["detail"]
            .as_str()
            .unwrap()
            .contains("ermission denied"),
        "{private}"
    );
}

#[test]
fn watch_prints_each_change_as_a_json_line() {
    let cli = Cli::new();
    let mut child = cli
        .cmd()
        .args(["watch", cli.folder(), "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut wait_for = |want: &dyn Fn(&Value) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            let line = lines.next().expect("watch ended early").unwrap();
            let event: Value = serde_json::from_str(&line).unwrap();
            if want(&event) {
                return;
            }
        }
        panic!("event never came");
    };
    wait_for(&|e| e["type"] == "scan_finished");
    std::fs::write(cli.folder.join("new-rca.md"), "Root cause analysis").unwrap();
    wait_for(&|e| e["type"] == "file_added" && e["path"] == "new-rca.md");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(Path::new(&cli.db).exists());
}

#[test]
fn waivers_and_not_applicable_from_the_command_line() {
    let cli = Cli::new();
    cli.ok(&["scan", cli.folder()]);
    cli.ok(&[
        "waive",
        "data-analytics-7.1",
        "msp",
        "--reason",
        "Approved AWS MSP",
        "--reference",
        "MSP-1",
    ]);
    cli.ok(&[
        "na",
        "data-analytics-7.1",
        "PRDO-008",
        "--justification",
        "No governance work",
    ]);
    let cov = cli.json(&["coverage", "data-analytics-7.1", "--json"]);
    assert_eq!(
        (cov["waived"].as_u64(), cov["not_applicable"].as_u64()),
        (Some(5), Some(1))
    );
    let prdo = find(&cov["controls"], "id", "PRDO-008");
    assert_eq!(
        (prdo["status"].as_str(), prdo["exempt_reason"].as_str()),
        (Some("not_applicable"), Some("No governance work"))
    );
    assert_eq!(
        find(&cov["controls"], "id", "EXMON-001")["status"],
        "waived"
    );

    cli.ok(&["waive", "data-analytics-7.1", "msp", "--off"]);
    let cov = cli.json(&["coverage", "data-analytics-7.1", "--json"]);
    assert_eq!(cov["waived"].as_u64(), Some(0));
    let err = cli.fails(&[
        "na",
        "data-analytics-7.1",
        "NOPE-001",
        "--justification",
        "x",
    ]);
    assert!(err.contains("[unknown_control]"), "{err}");
    let out = cli.run(&["waive", "data-analytics-7.1", "msp"]);
    assert!(!out.status.success(), "a waiver needs a reason or --off");
}

#[test]
fn customer_examples_from_the_command_line() {
    let cli = Cli::new();
    std::fs::create_dir_all(cli.folder.join("Customers/Acme")).unwrap();
    std::fs::write(cli.folder.join("Customers/Acme/arch.svg"), "<svg/>").unwrap();
    cli.ok(&["scan", cli.folder()]);
    for (name, folder) in [("Acme", "Customers/Acme/"), ("Globex", "Customers/Globex")] {
        cli.ok(&[
            "example",
            "add",
            name,
            "--customer",
            &format!("{name} Inc"),
            "--go-live",
            "2026-01-31",
            "--folder",
            folder,
        ]);
    }
    let list = cli.json(&["example", "list", "--json"]);
    assert_eq!(
        find(&list, "name", "Acme")["folder"],
        "Customers/Acme",
        "trailing slash trimmed"
    );
    cli.ok(&["tag", "Customers/Acme/arch.svg", "DOC-001"]);
    let cov = cli.json(&["coverage", "generative-ai-2025-08", "--json"]);
    let doc = find(&cov["controls"], "id", "DOC-001");
    assert_eq!(
        (doc["status"].as_str(), doc["examples"]["required"].as_u64()),
        (Some("partial"), Some(2))
    );
    assert!(cli
        .ok(&["coverage", "generative-ai-2025-08"])
        .contains("customer examples with evidence: 1 (needed: 2 of 2)"));
    cli.ok(&["tag", "runbook.md", "DOC-001", "--example", "globex"]);
    let cov = cli.json(&["coverage", "generative-ai-2025-08", "--json"]);
    assert_eq!(find(&cov["controls"], "id", "DOC-001")["status"], "covered");
    cli.ok(&["example", "remove", "Globex"]);
    let err = cli.fails(&["example", "remove", "Globex"]);
    assert!(err.contains("[unknown_example]"), "{err}");
}

#[test]
fn attestations_dates_and_prerequisites_from_the_command_line() {
    let cli = Cli::new();
    cli.ok(&["scan", cli.folder()]);
    cli.ok(&[
        "attest",
        "POV-001#1",
        "--presenter",
        "Dana Lee, BD executive",
    ]);
    let cov = cli.json(&["coverage", "data-analytics-7.1", "--json"]);
    let pov = find(&cov["controls"], "id", "POV-001");
    assert_eq!(pov["status"], "covered");
    assert_eq!(
        pov["items"][0]["attestation"]["presenter"],
        "Dana Lee, BD executive"
    );
    assert!(cli
        .fails(&["attest", "PRJ-003#1", "--presenter", "x"])
        .contains("[not_attestable]"));

    cli.ok(&["tag", "runbook.md", "POV-002#1"]);
    cli.ok(&["date", "runbook.md", "--effective", "2020-01-01"]);
    let cov = cli.json(&["coverage", "data-analytics-7.1", "--json"]);
    let pov2 = find(&cov["controls"], "id", "POV-002");
    assert_eq!(
        pov2["items"][0]["stale_files"],
        serde_json::json!(["runbook.md"])
    );
    cli.ok(&[
        "date",
        "runbook.md",
        "--effective",
        "2020-01-01",
        "--confirm",
    ]);
    let cov = cli.json(&["coverage", "data-analytics-7.1", "--json"]);
    assert_eq!(
        find(&cov["controls"], "id", "POV-002")["items"][0]["covered"],
        true
    );

    let panel = cli.json(&[
        "prereq",
        "generative-ai-2025-08",
        "1.3",
        "--state",
        "met",
        "--value",
        "Advanced tier",
        "--json",
    ]);
    assert_eq!(panel.as_array().unwrap().len(), 7);
    let tier = find(&panel, "id", "1.3");
    assert_eq!(
        (tier["state"].as_str(), tier["value"].as_str()),
        (Some("met"), Some("Advanced tier"))
    );
    assert!(cli
        .fails(&["prereq", "generative-ai-2025-08", "7.7", "--state", "met"])
        .contains("[unknown_prerequisite]"));
}

#[test]
fn a_session_and_every_export_from_the_command_line() {
    let cli = Cli::new();
    let sow = cli.folder.join("Templates/SOW template.md");
    cli.ok(&["scan", cli.folder()]);
    cli.ok(&["tag", sow.to_str().unwrap(), "PRJ-003"]);
    let started = cli.json(&[
        "session",
        "start",
        "data-analytics",
        "--minutes",
        "30",
        "--json",
    ]);
    assert_eq!(started["planned_minutes"], 30);
    cli.ok(&["session", "record", "data-analytics", "prj-003", "met"]);
    cli.ok(&[
        "session",
        "record",
        "data-analytics",
        "OPE-002",
        "follow-up",
        "--note",
        "send the runbook v2",
    ]);
    let shown = cli.json(&["session", "show", "data-analytics", "--json"]);
    assert_eq!(shown["id"], started["id"]);
    assert_eq!(shown["outcomes"][0]["control"], "PRJ-003");
    assert_eq!(shown["follow_ups"][0]["note"], "send the runbook v2");
    assert_eq!(shown["pace"]["recorded"], 2);
    cli.ok(&["session", "end", "data-analytics"]);
    let err = cli.fails(&["session", "record", "data-analytics", "PRJ-003", "met"]);
    assert!(err.contains("no session"), "{err}");

    let out = cli.dir.path().join("exports");
    std::fs::create_dir(&out).unwrap();
    for (format, name) in [
        ("xlsx", "a.xlsx"),
        ("html", "a.html"),
        ("pdf", "a.pdf"),
        ("pack", "pack"),
        ("pack", "pack.zip"),
    ] {
        let path = out.join(name);
        let summary = cli.json(&[
            "export",
            format,
            "data-analytics",
            "--out",
            path.to_str().unwrap(),
            "--json",
        ]);
        let expected = if name == "pack.zip" { "zip" } else { format };
        assert_eq!(summary["format"], expected);
        assert_eq!(summary["controls"], 49);
        assert_eq!(
            Path::new(summary["path"].as_str().unwrap()),
            path.canonicalize().unwrap()
        );
        assert!(summary["bytes"].as_u64().unwrap() > 0);
    }
    assert!(out
        .join("pack/PRJ-003 Statement of Work/SOW template.md")
        .is_file());
    let inside = cli.folder.join("report.html");
    let err = cli.fails(&[
        "export",
        "html",
        "data-analytics",
        "--out",
        inside.to_str().unwrap(),
    ]);
    assert!(err.contains("[export_inside_evidence_folder]"), "{err}");
    assert!(!inside.exists());
}

#[test]
fn suggest_lists_reasons_and_accepts_only_above_the_threshold() {
    let cli = Cli::new();
    cli.ok(&["scan", cli.folder()]);
    let all = cli.json(&["suggest", "--json"]);
    let sow = find(&all, "path", "Templates/SOW template.md");
    let first = &sow["suggestions"][0];
    assert_eq!(first["control"], "PRJ-003", "{sow}");
    assert!(first["reason"].as_str().unwrap().contains("sow"), "{first}");
    assert!(first["confidence"].as_f64().unwrap() > 0.3);

    let accepted = cli.json(&["suggest", "--accept-above", "0.99", "--json"]);
    assert_eq!(
        accepted.as_array().unwrap().len(),
        0,
        "nothing is that sure"
    );
    let file = cli.folder.join("Templates/SOW template.md");
    cli.ok(&["suggest", file.to_str().unwrap(), "--reject", "PRJ-003"]);
    let again = cli.json(&["suggest", file.to_str().unwrap(), "--json"]);
    assert!(again[0]["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["control"] != "PRJ-003"));
    let files = cli.json(&["files", "--json"]);
    assert!(find(&files, "path", "Templates/SOW template.md")["tags"]
        .as_array()
        .unwrap()
        .is_empty());
}

fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/checklists")
        .join(rel)
        .display()
        .to_string()
}

#[test]
fn import_dry_run_import_diff_and_remove_from_the_command_line() {
    let cli = Cli::new();
    let security = fixture("security-2026-02.txt");
    let dry = cli.json(&["import", &security, "--dry-run", "--json"]);
    assert_eq!(dry["checklist"]["id"], "security-2026-02");
    assert_eq!(dry["outcome"]["kind"], "new");
    assert_eq!(dry["findings"]["controls"], 24);
    assert_eq!(dry["findings"]["without_evidence"][0], "IR-002");
    assert_eq!(dry["saved"], false);
    assert_eq!(
        cli.json(&["checklists", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let human = cli.ok(&["import", &security]);
    assert!(human.contains("24 controls"), "{human}");
    assert!(human.contains("imported: security-2026-02"), "{human}");
    let listed = cli.json(&["checklists", "--json"]);
    let row = find(&listed, "id", "security-2026-02");
    assert_eq!(row["imported_from"], "security-2026-02.txt");
    assert!(cli.ok(&["controls", "security"]).contains("IR-002"));

    // A revision piped in as pasted text: its diff against the built-in version.
    let revision = std::fs::read(fixture("generative-ai-2026-02.txt")).unwrap();
    let mut child = cli
        .cmd()
        .args(["import", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &revision).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let imported: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(imported["outcome"]["previous"], "generative-ai-2025-08");
    assert_eq!(imported["diff"]["removed"][0]["id"], "PS-004");
    let diff = cli.ok(&["diff", "generative-ai-2025-08", "generative-ai-2026-02"]);
    assert!(diff.contains("removed   PS-004"), "{diff}");
    assert!(diff.contains("retitled  CO-002"), "{diff}");
    let json = cli.json(&[
        "diff",
        "generative-ai-2025-08",
        "generative-ai-2026-02",
        "--json",
    ]);
    assert_eq!(json["added"][0]["id"], "GENAIPR-007");

    let err = cli.fails(&["import", &fixture("README.md")]);
    assert!(err.contains("[no_controls]"), "{err}");
    let err = cli.fails(&["remove-checklist", "data-analytics-7.1"]);
    assert!(err.contains("[builtin_checklist]"), "{err}");
    cli.ok(&["remove-checklist", "security-2026-02"]);
    assert_eq!(
        cli.json(&["checklists", "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

/// Each of the six shared real checklists imports from the command line, whatever its form,
/// and is then listed with its controls. Skipped where `../shared` is absent.
#[test]
fn each_shared_real_checklist_imports_from_the_command_line() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real-world/checklists");
    let cases = [
        ("devops-competency.txt", "devops-4.0", 39, "text"),
        ("energy-competency.txt", "energy-2.0", 23, "text"),
        ("security-competency.txt", "security-3.1", 89, "text"),
        ("waf-service-delivery.html", "waf-2025-02", 14, "html"),
        ("ecs-service-delivery.md", "ecs-2025-02", 34, "markdown"),
        (
            "ftr-partner-hosted.md",
            "partner-hosted-foundational-technical-review-2026-02",
            40,
            "markdown",
        ),
    ];
    if !dir.is_dir() {
        eprintln!("skipped: the shared checklists are absent");
        return;
    }
    let cli = Cli::new();
    for (file, id, controls, format) in cases {
        let path = dir.join(file).display().to_string();
        let imported = cli.json(&["import", &path, "--json"]);
        assert_eq!(imported["checklist"]["id"], id, "{file}");
        assert_eq!(imported["format"], format, "{file}");
        assert_eq!(imported["findings"]["controls"], controls, "{file}");
        assert_eq!(
            imported["findings"]["unplaced"],
            Value::Array(vec![]),
            "{file}"
        );
        assert_eq!(imported["saved"], true, "{file}");
        let listed = cli.json(&["controls", id, "--json"]);
        assert_eq!(listed.as_array().map(Vec::len), Some(controls), "{file}");
    }
}
