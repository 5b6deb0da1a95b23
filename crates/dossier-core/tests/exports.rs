//! Validation day hand-over: the spreadsheet, the report (HTML and PDF) and the evidence
//! pack (folder and ZIP), each opened with a real reader and checked against the store,
//! and the evidence folder byte-for-byte unchanged after every export.

mod support;

use calamine::{Reader, Xlsx};
use dossier_core::events::CancelToken;
use dossier_core::export::{ExportFormat, ExportSummary};
use dossier_core::prerequisites::PrerequisiteState;
use dossier_core::session::Outcome;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use support::{snapshot, Env};

const DA: &str = "data-analytics-7.1";

/// An application halfway through: a tagged SOW with a private note, a runbook, an RCA
/// record, one control not applicable, one prerequisite met, and a session of three
/// controls with one follow-up.
fn application() -> (Env, i64) {
    let mut env = Env::new();
    env.write(
        "Delivery/SOW template.md",
        "Statement of work: scope, deliverables, fees",
    );
    env.write(
        "Delivery/Customer B/SOW template.md",
        "Statement of work for B",
    );
    env.write(
        "Operations/runbook.md",
        "Runbook: on-call, escalation, recovery",
    );
    env.write(
        "Operations/RCA 2026-03.md",
        "Root cause analysis: timeline, corrective actions",
    );
    env.write("Notes/meeting.md", "Weekly meeting notes");
    env.scan();
    env.dossier
        .tag(
            &[Path::new("Delivery/SOW template.md")],
            &["PRJ-003".parse().unwrap()],
            Some("ask legal before sharing the fee table"),
            None,
        )
        .unwrap();
    env.tag("Delivery/Customer B/SOW template.md", &["PRJ-003"]);
    env.tag("Operations/runbook.md", &["OPE-002"]);
    env.tag("Operations/RCA 2026-03.md", &["PRFM-001"]);
    env.dossier
        .set_not_applicable(DA, "PRNET-003", Some("No on-premises networks in scope"))
        .unwrap();
    let prereq = env.dossier.prerequisites(DA).unwrap()[0].id.clone();
    env.dossier
        .set_prerequisite(
            DA,
            &prereq,
            PrerequisiteState::Met,
            Some("Advanced tier"),
            None,
        )
        .unwrap();
    let session = env.dossier.start_session(DA, 60).unwrap().id;
    env.dossier
        .record_outcome(session, "PRJ-003", Some((Outcome::Met, None)))
        .unwrap();
    env.dossier
        .record_outcome(
            session,
            "OPE-002",
            Some((Outcome::NotMet, Some("runbook lacks escalation matrix"))),
        )
        .unwrap();
    env.dossier
        .record_outcome(
            session,
            "PRFM-001",
            Some((
                Outcome::FollowUp,
                Some("send two more RCA records by Friday"),
            )),
        )
        .unwrap();
    (env, session)
}

fn export(env: &Env, format: ExportFormat, out: &Path) -> ExportSummary {
    let before = snapshot(&env.folder);
    let summary = env
        .dossier
        .export(DA, format, out, &mut |_| {}, &CancelToken::default())
        .unwrap();
    assert_eq!(
        snapshot(&env.folder),
        before,
        "{format:?} export wrote to the evidence folder"
    );
    summary
}

fn out_dir(env: &Env) -> PathBuf {
    let dir = env.dir.path().join("exports");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_spreadsheet_has_one_row_per_prerequisite_and_control_in_checklist_order() {
    let (env, _) = application();
    let out = out_dir(&env).join("self-assessment.xlsx");
    export(&env, ExportFormat::Xlsx, &out);

    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let sheet = book.worksheet_range("Self-assessment").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][..3], ["Type", "ID", "Title"]);
    let checklist = env.dossier.checklist(DA).unwrap();
    let expected: Vec<String> = checklist
        .prerequisites
        .iter()
        .map(|p| p.id.clone())
        .chain(checklist.controls().map(|c| c.control.id.clone()))
        .collect();
    let ids: Vec<String> = rows[1..].iter().map(|r| r[1].clone()).collect();
    assert_eq!(ids, expected);

    let row = |id: &str| rows.iter().find(|r| r[1] == id).unwrap().clone();
    let coverage = env.dossier.coverage(DA).unwrap();
    for c in &coverage.controls {
        let status = row(&c.id)[5].clone();
        assert_eq!(
            status.to_lowercase().replace(' ', "_"),
            serde_json::to_value(c.status).unwrap().as_str().unwrap()
        );
    }
    let sow = row("PRJ-003");
    assert_eq!(sow[5], "Covered");
    assert!(
        sow[7].contains("#1: SOW template.md (Delivery/SOW template.md)"),
        "{}",
        sow[7]
    );
    assert!(sow[7].contains("Delivery/Customer B/SOW template.md"));
    assert!(
        sow[10].contains("ask legal before sharing the fee table"),
        "notes: {}",
        sow[10]
    );
    assert!(sow[11].starts_with("Met"));
    assert_eq!(row("PRNET-003")[5], "Not applicable");
    assert!(row("PRNET-003")[9].contains("No on-premises networks in scope"));
    let rca = row("PRFM-001");
    assert!(rca[11].starts_with("Needs follow-up"));
    assert_eq!(rca[12], "send two more RCA records by Friday");
    let prereq = &rows[1];
    assert_eq!(
        (prereq[0].as_str(), prereq[5].as_str(), prereq[7].as_str()),
        ("Prerequisite", "Met", "Advanced tier")
    );
}

#[test]
fn the_html_report_lists_evidence_with_working_relative_links_gaps_and_the_session() {
    let (env, _) = application();
    let out = out_dir(&env).join("index.html");
    export(&env, ExportFormat::Html, &out);
    let page = std::fs::read_to_string(&out).unwrap();
    let doc = scraper::Html::parse_document(&page);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();

    let coverage = env.dossier.coverage(DA).unwrap();
    assert_eq!(
        doc.select(&select("#readiness"))
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
        format!("{:.0}% ready", coverage.percent)
    );
    assert_eq!(
        doc.select(&select("div.control")).count(),
        coverage.controls.len()
    );
    let gap_rows = doc.select(&select("#gaps tr")).count() - 1;
    assert_eq!(gap_rows, coverage.gap + coverage.partial);

    let sow = doc.select(&select("#PRJ-003")).next().unwrap();
    assert!(sow.text().collect::<String>().contains("Covered"));
    let links: Vec<&str> = sow
        .select(&select("a"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(links.len(), 2);
    for href in links {
        let decoded = percent_encoding::percent_decode_str(href)
            .decode_utf8()
            .unwrap();
        let target = out.parent().unwrap().join(decoded.as_ref());
        assert!(
            target
                .canonicalize()
                .unwrap()
                .starts_with(env.folder.canonicalize().unwrap()),
            "{href}"
        );
    }

    let session = doc
        .select(&select("#session"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(
        session.contains("PRFM-001") && session.contains("send two more RCA records by Friday")
    );
    assert!(
        !session.contains("OPE-002"),
        "only follow-ups are in the action list"
    );
    assert!(page.contains("Not met") && page.contains("runbook lacks escalation matrix"));
    assert!(
        !page.contains("ask legal"),
        "private tag notes stay out of the reviewer's report"
    );
    for attr in ["src", "href"] {
        for e in doc.select(&select(&format!("[{attr}]"))) {
            let v = e.value().attr(attr).unwrap();
            assert!(!v.contains("://"), "external reference {v}");
        }
    }
}

#[test]
#[cfg_attr(windows, ignore = "pdftotext is poppler-utils' Linux program")]
fn the_pdf_report_reads_back_with_pdftotext() {
    let (env, _) = application();
    let out = out_dir(&env).join("index.pdf");
    export(&env, ExportFormat::Pdf, &out);
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", out.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    let coverage = env.dossier.coverage(DA).unwrap();
    assert!(text.contains("AWS Data and Analytics Competency — evidence index"));
    assert!(text.contains(&format!("{:.0}% ready", coverage.percent)));
    for c in &coverage.controls {
        assert!(text.contains(&c.id), "{} is not in the PDF", c.id);
    }
    assert!(text.contains("Delivery/SOW template.md"));
    assert!(text.contains("send two more RCA records by Friday"));
    assert!(!text.contains("ask legal"));
}

/// Relative path → blake3 of every file under `dir`.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let parts: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
            let rel = parts.join("/");
            (
                rel,
                blake3::hash(&std::fs::read(e.path()).unwrap()).to_string(),
            )
        })
        .collect()
}

fn expected_pack(env: &Env) -> BTreeMap<String, String> {
    let hash = |rel: &str| env.file(rel).hash.unwrap();
    BTreeMap::from([
        // Same name twice in one control: in path order, the second is numbered.
        (
            "PRJ-003 Statement of Work/SOW template.md".into(),
            hash("Delivery/Customer B/SOW template.md"),
        ),
        (
            "PRJ-003 Statement of Work/SOW template (2).md".into(),
            hash("Delivery/SOW template.md"),
        ),
        (
            format!("OPE-002 {}/runbook.md", title(env, "OPE-002")),
            hash("Operations/runbook.md"),
        ),
        (
            format!("PRFM-001 {}/RCA 2026-03.md", title(env, "PRFM-001")),
            hash("Operations/RCA 2026-03.md"),
        ),
    ])
}

/// A control's title as a folder name: a `/` cannot be part of one.
fn title(env: &Env, id: &str) -> String {
    let title = &env
        .dossier
        .checklist(DA)
        .unwrap()
        .control(id)
        .unwrap()
        .control
        .title;
    title.replace('/', "-")
}

#[test]
fn the_pack_folder_holds_verified_copies_per_control_and_a_report_linking_them() {
    let (env, _) = application();
    let out = out_dir(&env).join("pack");
    let summary = export(&env, ExportFormat::Pack, &out);
    assert_eq!(summary.files, 4);

    let mut files = tree(&out);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(files.remove("index.html").is_some() && files.remove("index.pdf").is_some());
    assert_eq!(files, expected_pack(&env));

    let doc = scraper::Html::parse_document(&index);
    let links = scraper::Selector::parse("div.control a").unwrap();
    let mut linked = 0;
    for a in doc.select(&links) {
        let href = a.value().attr("href").unwrap();
        let rel = percent_encoding::percent_decode_str(href)
            .decode_utf8()
            .unwrap();
        assert!(
            out.join(rel.as_ref()).is_file(),
            "{href} does not lead into the pack"
        );
        linked += 1;
    }
    assert_eq!(linked, 4);
}

#[test]
fn the_pack_zip_holds_the_same_copies_under_one_top_folder() {
    let (env, _) = application();
    let out = out_dir(&env).join("pack.zip");
    export(&env, ExportFormat::Zip, &out);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut entries = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let full = f.name().unwrap().to_string();
        let name = full
            .strip_prefix("pack/")
            .unwrap_or_else(|| panic!("{full} is outside pack/"))
            .to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        entries.insert(name, blake3::hash(&bytes).to_string());
    }
    assert!(entries.remove("index.html").is_some() && entries.remove("index.pdf").is_some());
    assert_eq!(entries, expected_pack(&env));
}

#[test]
fn exports_refuse_the_evidence_folder_an_existing_name_and_a_file_changed_since_indexing() {
    let (env, _) = application();
    let err = |format, out: &Path| {
        env.dossier
            .export(DA, format, out, &mut |_| {}, &CancelToken::default())
            .unwrap_err()
    };
    let inside = env.folder.join("Delivery/report.html");
    assert_eq!(
        err(ExportFormat::Html, &inside).code(),
        "export_inside_evidence_folder"
    );
    assert!(!inside.exists());

    let taken = out_dir(&env).join("taken.xlsx");
    std::fs::write(&taken, "mine").unwrap();
    assert_eq!(err(ExportFormat::Xlsx, &taken).code(), "export_exists");
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "mine");

    assert_eq!(
        err(ExportFormat::Pdf, &env.dir.path().join("nowhere/x.pdf")).code(),
        "export_no_destination"
    );

    env.write(
        "Operations/runbook.md",
        "Runbook, edited after the last scan",
    );
    let pack = out_dir(&env).join("stale-pack");
    let e = err(ExportFormat::Pack, &pack);
    assert_eq!(e.code(), "export_copy_mismatch", "{e}");
    assert!(e.to_string().contains("Operations/runbook.md"));
    assert!(
        std::fs::read_dir(out_dir(&env)).unwrap().all(|f| !f
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("stale-pack")),
        "nothing left behind"
    );
}

#[test]
fn a_cancelled_pack_leaves_nothing_at_the_destination() {
    let (env, _) = application();
    let out = out_dir(&env).join("pack.zip");
    let cancel = CancelToken::default();
    let mut seen = 0;
    let result = env.dossier.export(
        DA,
        ExportFormat::Zip,
        &out,
        &mut |_| {
            seen += 1;
            cancel.cancel();
        },
        &cancel,
    );
    assert_eq!(result.unwrap_err().code(), "cancelled");
    assert_eq!(seen, 1);
    assert_eq!(std::fs::read_dir(out_dir(&env)).unwrap().count(), 0);
}

#[test]
fn default_names_say_what_the_export_is_and_never_reuse_a_name() {
    let (env, _) = application();
    let dir = out_dir(&env);
    let report = env.dossier.report(DA).unwrap();
    let first = dossier_core::export::default_path(&report, ExportFormat::Xlsx, &dir);
    let name = first.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("AWS Data and Analytics Competency – self-assessment – 20")
            && name.ends_with(".xlsx"),
        "{name}"
    );
    export(&env, ExportFormat::Xlsx, &first);
    let second = dossier_core::export::default_path(&report, ExportFormat::Xlsx, &dir);
    assert!(
        second.to_string_lossy().ends_with(" (2).xlsx"),
        "{}",
        second.display()
    );
}
