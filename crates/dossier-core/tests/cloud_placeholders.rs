//! Files kept online only by OneDrive, iCloud Drive or Google Drive are listed from their
//! metadata, never read (a read would download them, or stall offline), keep their tags,
//! count for coverage and are named by the readiness check; once downloaded, the next scan
//! reads them. Linux has no placeholders, so a stand-in probe marks files online-only.

mod support;

use dossier_core::coverage::ControlStatus;
use dossier_core::events::CancelToken;
use dossier_core::evidence::residency::{Residency, ResidencyProbe};
use dossier_core::evidence::scan::ScanSummary;
use dossier_core::evidence::status::FileStatus;
use dossier_core::export::ExportFormat;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use support::{pack_files, snapshot, Env};

const DA: &str = "data-analytics-7.1";

/// Placeholders by path: `online` are online-only where they are, `evicted` were replaced
/// by a legacy iCloud stub.
#[derive(Default)]
struct Cloud {
    online: Mutex<HashSet<PathBuf>>,
    evicted: Mutex<HashSet<PathBuf>>,
}

impl Cloud {
    fn free_up_space(&self, path: PathBuf) {
        self.online.lock().unwrap().insert(path);
    }

    fn download(&self, path: &Path) {
        self.online.lock().unwrap().remove(path);
        self.evicted.lock().unwrap().remove(path);
    }
}

impl ResidencyProbe for Cloud {
    fn residency(&self, path: &Path) -> Residency {
        if self.online.lock().unwrap().contains(path) {
            Residency::OnlineOnly
        } else {
            Residency::Local
        }
    }

    fn evicted(&self, path: &Path) -> bool {
        self.evicted.lock().unwrap().contains(path)
    }
}

fn scan(env: &mut Env, cloud: &Cloud) -> ScanSummary {
    let folder = env.folder.clone();
    env.dossier
        .scan_with(
            &folder,
            &env.pool,
            cloud,
            &CancelToken::default(),
            &mut |_| {},
        )
        .unwrap()
}

fn prj_003(env: &Env) -> ControlStatus {
    let cov = env.dossier.coverage(DA).unwrap();
    cov.controls
        .iter()
        .find(|c| c.id == "PRJ-003")
        .unwrap()
        .status
}

#[test]
fn an_online_only_file_is_listed_unread_keeps_its_tags_and_is_read_once_downloaded() {
    let mut env = Env::new();
    env.write(
        "Delivery/SOW.md",
        "Statement of work: deliverables, milestones and fees for Example Corp.",
    );
    env.write("Delivery/notes.md", "kick-off notes");
    let sow = env.folder.canonicalize().unwrap().join("Delivery/SOW.md");
    let cloud = Cloud::default();
    cloud.free_up_space(sow.clone());

    let first = scan(&mut env, &cloud);
    assert_eq!(
        (first.files, first.online_only, first.unreadable),
        (2, 1, 0)
    );
    let listed = env.file("Delivery/SOW.md");
    assert_eq!(listed.status, FileStatus::OnlineOnly);
    assert_eq!(listed.hash, None, "never hashed: that reads every byte");
    assert_eq!(listed.size, 70, "size from the metadata");
    assert!(listed.detail.unwrap().contains("not on this laptop"));
    assert!(
        env.dossier.search("milestones", 10).unwrap().is_empty(),
        "never extracted"
    );
    assert!(env
        .dossier
        .absolute_path(Path::new("Delivery/SOW.md"))
        .is_err());

    // Tagging does not need the bytes; coverage counts it; the readiness check names it.
    env.tag("Delivery/SOW.md", &["PRJ-003"]);
    assert_ne!(prj_003(&env), ControlStatus::Gap);
    let readiness = env.dossier.readiness(Some(DA)).unwrap();
    assert!(!readiness.ready);
    assert_eq!(readiness.online_only.len(), 1);
    assert_eq!(readiness.online_only[0].path, "Delivery/SOW.md");
    assert_eq!(readiness.online_only[0].tags, ["PRJ-003"]);
    assert!(readiness.missing.is_empty() && readiness.unreadable.is_empty());

    // Still online only: nothing to read again, no retry at every scan.
    let again = scan(&mut env, &cloud);
    assert_eq!((again.unchanged, again.changed), (2, 0));

    // Downloaded: same size and time, only the residency changed; read now, tags kept.
    cloud.download(&sow);
    let downloaded = scan(&mut env, &cloud);
    assert_eq!(downloaded.changed, 1);
    let listed = env.file("Delivery/SOW.md");
    assert_eq!(listed.status, FileStatus::Ok);
    assert!(listed.hash.is_some());
    assert_eq!(listed.tags, ["PRJ-003"]);
    assert_eq!(env.dossier.search("milestones", 10).unwrap().len(), 1);
    assert!(env.dossier.readiness(Some(DA)).unwrap().ready);

    // "Free up space" again: back to online only, tags still there.
    cloud.free_up_space(sow);
    scan(&mut env, &cloud);
    let listed = env.file("Delivery/SOW.md");
    assert_eq!(listed.status, FileStatus::OnlineOnly);
    assert_eq!(listed.tags, ["PRJ-003"]);
    assert_ne!(prj_003(&env), ControlStatus::Gap);
}

#[test]
fn a_file_evicted_to_a_legacy_icloud_stub_stays_with_its_tags() {
    let mut env = Env::new();
    env.write("Runbooks/backup runbook.md", "restore steps");
    let cloud = Cloud::default();
    scan(&mut env, &cloud);
    env.tag("Runbooks/backup runbook.md", &["OPE-002"]);

    // iCloud Drive (before File Provider) replaces the file by `.backup runbook.md.icloud`.
    let path = env.path("Runbooks/backup runbook.md");
    std::fs::remove_file(&path).unwrap();
    std::fs::write(
        env.path("Runbooks/.backup runbook.md.icloud"),
        "bplist00 stub",
    )
    .unwrap();
    let canonical = env
        .folder
        .canonicalize()
        .unwrap()
        .join("Runbooks/backup runbook.md");
    cloud.evicted.lock().unwrap().insert(canonical.clone());

    let evicted = scan(&mut env, &cloud);
    assert_eq!(
        (evicted.missing, evicted.online_only, evicted.changed),
        (0, 1, 1)
    );
    let listed = env.file("Runbooks/backup runbook.md");
    assert_eq!(listed.status, FileStatus::OnlineOnly);
    assert_eq!(listed.tags, ["OPE-002"]);
    let readiness = env.dossier.readiness(None).unwrap();
    assert_eq!(readiness.online_only[0].tags, ["OPE-002"]);
    assert!(readiness.missing.is_empty());
    let again = scan(&mut env, &cloud);
    assert_eq!(
        again.changed, 0,
        "an evicted file is not rewritten at every scan"
    );

    // Downloaded again: the stub goes, the file is back and read.
    std::fs::remove_file(env.path("Runbooks/.backup runbook.md.icloud")).unwrap();
    env.write("Runbooks/backup runbook.md", "restore steps");
    cloud.download(&canonical);
    scan(&mut env, &cloud);
    let listed = env.file("Runbooks/backup runbook.md");
    assert_eq!(listed.status, FileStatus::Ok);
    assert_eq!(listed.tags, ["OPE-002"]);
}

#[test]
fn the_readiness_check_names_tagged_files_that_will_not_open_on_the_day() {
    let mut env = Env::new();
    env.write("rca.md", "root cause");
    env.write("plan.md", "training plan");
    env.write("fine.md", "all good");
    let cloud = Cloud::default();
    scan(&mut env, &cloud);
    env.tag("rca.md", &["PRFM-001"]);
    env.tag("plan.md", &["PRJ-003", "OPE-002"]);
    env.tag("fine.md", &["PRJ-003"]);
    std::fs::remove_file(env.path("rca.md")).unwrap();
    cloud.free_up_space(env.folder.canonicalize().unwrap().join("plan.md"));
    scan(&mut env, &cloud);

    let all = env.dossier.readiness(None).unwrap();
    assert_eq!(all.checklist, None);
    assert_eq!(all.missing.len(), 1);
    assert_eq!(all.missing[0].path, "rca.md");
    assert_eq!(all.online_only.len(), 1);
    assert_eq!(all.online_only[0].tags, ["OPE-002", "PRJ-003"]);

    // Scoped to a checklist, only its controls' tags count.
    let gen_ai = "generative-ai-2025-08";
    let scoped = env.dossier.readiness(Some(gen_ai)).unwrap();
    let ids: HashSet<&str> = env
        .dossier
        .checklist(gen_ai)
        .unwrap()
        .controls()
        .map(|c| c.control.id.as_str())
        .collect();
    for file in scoped.online_only.iter().chain(&scoped.missing) {
        assert!(
            file.tags.iter().all(|t| ids.contains(t.as_str())),
            "{file:?}"
        );
    }
    assert!(env.dossier.readiness(Some("no-such-checklist")).is_err());
}

#[test]
fn a_pack_names_the_online_only_files_it_could_not_copy() {
    let mut env = Env::new();
    env.write("Delivery/SOW.md", "Statement of work for Example Corp.");
    env.write("Delivery/SOW signed.md", "Signed statement of work.");
    let cloud = Cloud::default();
    cloud.free_up_space(env.folder.canonicalize().unwrap().join("Delivery/SOW.md"));
    scan(&mut env, &cloud);
    env.tag("Delivery/SOW.md", &["PRJ-003"]);
    env.tag("Delivery/SOW signed.md", &["PRJ-003"]);

    let before = snapshot(&env.folder);
    let (out, summary) = env.export(DA, ExportFormat::Pack, "pack");
    assert_eq!(snapshot(&env.folder), before);
    assert_eq!(summary.files, 1, "only the local file is copied");
    let files = pack_files(ExportFormat::Pack, &out);
    assert!(files.keys().any(|k| k.ends_with("/SOW signed.md")));
    assert!(!files.keys().any(|k| k.ends_with("/SOW.md")));
    let index = String::from_utf8(files["index.html"].clone()).unwrap();
    let doc = scraper::Html::parse_document(&index);
    let reasons: Vec<String> = doc
        .select(&scraper::Selector::parse("#not-copied li").unwrap())
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].contains("Delivery/SOW.md") && reasons[0].contains("not on this laptop"),
        "{reasons:?}"
    );
}
