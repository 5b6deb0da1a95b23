//! Importing checklists: the published text in both layouts, saved pages, data files and
//! pasted text; a new checklist; a new version with its diff and carried-over tags; and
//! malformed input, which must leave the catalog as it was.

mod support;

use dossier_core::catalog::source::{Source, SourceFormat};
use dossier_core::catalog::{builtin, Checklist, ScopeRule};
use dossier_core::import::ImportOutcome;
use dossier_core::{Dossier, Error};
use std::path::{Path, PathBuf};
use support::Env;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn source(rel: &str) -> Source {
    Source::read(&repo(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn builtin_checklist(id: &str) -> &'static Checklist {
    builtin().iter().find(|c| c.id == id).unwrap()
}

fn ids(list: &[dossier_core::catalog::diff::ControlBrief]) -> Vec<&str> {
    list.iter().map(|c| c.id.as_str()).collect()
}

fn import_error(dossier: &mut Dossier, source: &Source) -> Error {
    match dossier.import_checklist(source) {
        Ok(p) => panic!("{} imported as {}", source.name, p.checklist.id),
        Err(e) => e,
    }
}

/// The seeds (`assets/checklists/source` holds them byte for byte), their saved pages, the
/// data files and the pasted text all read as exactly the built-in checklists.
#[test]
fn builtin_checklists_round_trip_through_every_import_form() {
    let mut env = Env::new();
    let cases = [
        (
            "assets/checklists/source/data-analytics-7.1.txt",
            "data-analytics-7.1",
            SourceFormat::Text,
        ),
        (
            "assets/checklists/source/generative-ai-2025-08.txt",
            "generative-ai-2025-08",
            SourceFormat::Text,
        ),
        (
            "tests/fixtures/checklists/data-analytics-7.1.html",
            "data-analytics-7.1",
            SourceFormat::Html,
        ),
        (
            "tests/fixtures/checklists/generative-ai-2025-08.html",
            "generative-ai-2025-08",
            SourceFormat::Html,
        ),
        (
            "assets/checklists/data-analytics-7.1.toml",
            "data-analytics-7.1",
            SourceFormat::DataFile,
        ),
        (
            "assets/checklists/generative-ai-2025-08.toml",
            "generative-ai-2025-08",
            SourceFormat::DataFile,
        ),
    ];
    for (rel, id, format) in cases {
        let preview = env.dossier.import_checklist(&source(rel)).unwrap();
        assert_eq!(preview.format, format, "{rel}");
        assert!(
            preview.checklist == *builtin_checklist(id),
            "{rel} does not read as the built-in {id}: {:#?}",
            dossier_core::catalog::diff::diff(builtin_checklist(id), &preview.checklist)
        );
        assert_eq!(
            preview.outcome,
            ImportOutcome::Unchanged { builtin: true },
            "{rel}"
        );
        assert!(!preview.saved);
    }
    let pasted =
        std::fs::read_to_string(repo("assets/checklists/source/generative-ai-2025-08.txt"))
            .unwrap();
    let preview = env
        .dossier
        .preview_import(&Source::pasted(&pasted))
        .unwrap();
    assert_eq!(
        preview.checklist,
        *builtin_checklist("generative-ai-2025-08")
    );
    assert_eq!(preview.source, "pasted text");
    assert_eq!(env.dossier.checklists().len(), 2);
    assert!(env.dossier.imported_checklists().unwrap().is_empty());
}

#[test]
fn findings_describe_the_builtin_checklists() {
    let env = Env::new();
    let preview = env
        .dossier
        .preview_import(&source(
            "assets/checklists/source/generative-ai-2025-08.txt",
        ))
        .unwrap();
    let f = &preview.findings;
    assert_eq!((f.prerequisites, f.controls), (7, 41));
    let per_section: Vec<(&str, usize)> = f
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.controls))
        .collect();
    assert_eq!(
        per_section,
        [
            ("Common AWS Partner Practice Requirements", 12),
            ("Generative AI Practice Requirements", 6),
            ("Common Customer Example Requirements", 22),
            ("Generative AI Customer Example Requirements", 1),
        ]
    );
    assert_eq!(
        f.evidence_items,
        f.sections.iter().map(|s| s.evidence_items).sum::<usize>()
    );
    assert!(
        f.without_evidence.contains(&"PS-004".to_string()),
        "{:?}",
        f.without_evidence
    );
    assert_eq!(f.without_evidence.len(), 11);
}

/// A checklist in the published style that Dossier has never seen: every part of it is
/// read as its hand-written inventory (tests/fixtures/checklists/README.md) says.
#[test]
fn a_new_competency_is_imported_stored_and_listed() {
    let mut env = Env::new();
    let preview = env
        .dossier
        .import_checklist(&source("tests/fixtures/checklists/security-2026-02.txt"))
        .unwrap();
    assert!(preview.saved);
    assert_eq!(preview.outcome, ImportOutcome::New);
    let c = &preview.checklist;
    assert_eq!(c.id, "security-2026-02");
    assert_eq!(
        (c.name.as_str(), c.version.as_str(), c.published.as_str()),
        (
            "AWS Security Competency",
            "February 2026",
            "February 2026-August 2026"
        )
    );
    let prerequisites: Vec<&str> = c.prerequisites.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        prerequisites,
        ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "4.1", "4.2", "4.3"]
    );
    assert_eq!(c.prerequisites[6].group, "4.0 Security Prerequisites");
    assert_eq!(c.prerequisites[6].title, "AWS Security Certified Personnel");

    // "Section › Category: ID(evidence items) …", one line per category.
    let layout: Vec<String> = c
        .sections
        .iter()
        .flat_map(|s| {
            s.categories.iter().map(move |cat| {
                let controls: Vec<String> = cat
                    .controls
                    .iter()
                    .map(|k| format!("{}({})", k.id, k.evidence_items.len()))
                    .collect();
                format!("{} › {}: {}", s.title, cat.title, controls.join(" "))
            })
        })
        .collect();
    assert_eq!(
        layout,
        [
            "Common AWS Partner Practice Requirements › Security Practice Overview: POV-001(1) POV-002(2) POV-005(2)",
            "Common AWS Partner Practice Requirements › AWS Partner Delivery Model: PRJ-001(1) PRJ-003(1) PRJ-005(1)",
            "Security Practice Requirements › Security Practice Methodology: SECPR-001(4) SECPR-002(1)",
            "Security Practice Requirements › Identity and Data Protection: IAM-001(3) IAM-002(2) DP-001(2) DP-002(4)",
            "Security Practice Requirements › Incident Response: IR-001(5) IR-002(0) IR-003(1)",
            "Common Customer Example Requirements › Documentation: DOC-001(3)",
            "Common Customer Example Requirements › Secure Customer AWS Account Governance and Access: ACCT-001(2) ACCT-002(2)",
            "Common Customer Example Requirements › Operational Excellence: OPE-002(1)",
            "Security Customer Example Requirements › Requirements applicable to all customer examples: SECCEX-001(1) SECCEX-002(2)",
            "Security Customer Example Requirements › Threat Detection and Response: SECCEX-003(2) SECCEX-004(2) SECCEX-005(1)",
        ]
    );

    let control = |id: &str| c.control(id).unwrap_or_else(|| panic!("{id} missing"));
    assert_eq!(control("DP-001").control.title, "Encryption Key Management");
    assert_eq!(
        control("DP-001").waiver(),
        Some("Waived if AWS Partner is approved AWS MSP")
    );
    assert_eq!(
        control("SECCEX-002").waiver(),
        Some("Waived if AWS Partner holds the AWS Level 1 MSSP Specialization")
    );
    assert!(control("SECCEX-005")
        .waiver()
        .unwrap()
        .ends_with("this requirement can be WAIVED."));
    assert!(control("POV-001")
        .waiver()
        .unwrap()
        .contains("Foundational Technical Review"));
    assert_eq!(control("SECPR-002").waiver(), None);
    let rule = |id: &str| control(id).scope().map(|s| s.rule);
    assert_eq!(rule("DOC-001"), Some(ScopeRule::All));
    assert_eq!(rule("SECCEX-001"), Some(ScopeRule::All));
    assert_eq!(
        rule("SECCEX-003"),
        Some(ScopeRule::AtLeast { count: 2, of: 4 })
    );
    assert_eq!(
        rule("ACCT-001"),
        Some(ScopeRule::AtLeast { count: 1, of: 4 })
    );
    assert_eq!(
        rule("OPE-002"),
        Some(ScopeRule::AtLeast { count: 1, of: 4 })
    );
    assert_eq!(rule("IR-001"), None);
    assert!(control("IAM-001")
        .control
        .requirement
        .contains("\n  - Short-lived credentials issued through IAM roles"));
    assert_eq!(
        control("SECCEX-005")
            .control
            .evidence_texts()
            .collect::<Vec<_>>(),
        ["Example compliance report or dashboard provided to the customer."]
    );

    assert_eq!(preview.findings.without_evidence, ["IR-002"]);
    assert_eq!(preview.findings.controls, 24);
    assert_eq!(preview.findings.evidence_items, 46);

    // Listed with the built-in ones, its IDs accepted for tags, and still there on reopening.
    env.write("ir/runbook.md", "Incident response plan and runbook");
    env.scan();
    env.tag("ir/runbook.md", &["IR-001", "PRJ-003"]);
    let coverage = env.dossier.coverage("security").unwrap();
    assert_eq!(coverage.controls.len(), 24);
    let status = |id: &str| {
        coverage
            .controls
            .iter()
            .find(|k| k.id == id)
            .unwrap()
            .status
    };
    assert_eq!(
        status("PRJ-003"),
        dossier_core::coverage::ControlStatus::Covered
    );
    let reopened = Dossier::open(&env.db).unwrap();
    let listed: Vec<&str> = reopened
        .checklists()
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        listed,
        [
            "data-analytics-7.1",
            "generative-ai-2025-08",
            "security-2026-02"
        ]
    );
    let info = reopened.imported_checklists().unwrap();
    assert_eq!(
        (info[0].source.as_str(), info[0].format),
        ("security-2026-02.txt", SourceFormat::Text)
    );
    assert_eq!(reopened.checklist("security-2026-02").unwrap(), c);
}

/// A revision: the diff names exactly what changed, tags carry over by control ID, and the
/// dropped control's evidence shows as "no longer in this version".
#[test]
fn a_new_version_shows_its_diff_and_keeps_every_tag() {
    let mut env = Env::new();
    env.write("sow.md", "Statement of work and expected outcomes");
    env.write("runbook.md", "Operations runbook");
    env.write("opportunity.md", "ACE opportunity export");
    env.scan();
    env.tag("sow.md", &["PRJ-001", "PRJ-003"]);
    env.tag("runbook.md", &["OPE-002#1"]);
    env.tag("opportunity.md", &["PS-004"]);

    let revision = source("tests/fixtures/checklists/generative-ai-2026-02.txt");
    let preview = env.dossier.preview_import(&revision).unwrap();
    assert_eq!(preview.checklist.id, "generative-ai-2026-02");
    assert_eq!(
        preview.outcome,
        ImportOutcome::NewVersion {
            previous: "generative-ai-2025-08".into()
        }
    );
    let diff = preview.diff.as_ref().unwrap();
    assert_eq!(ids(&diff.added), ["GENAIPR-007"]);
    assert_eq!(ids(&diff.removed), ["PS-004"]);
    assert_eq!(diff.retitled.len(), 1);
    assert_eq!(
        (
            diff.retitled[0].id.as_str(),
            diff.retitled[0].before.as_str(),
            diff.retitled[0].after.as_str()
        ),
        (
            "CO-002",
            "Continuous Improvement",
            "Continuous Improvement and Feedback Loops"
        )
    );
    assert_eq!(diff.evidence_changed.len(), 1);
    let ope = &diff.evidence_changed[0];
    assert_eq!(ope.id, "OPE-002");
    assert_eq!(
        ope.removed,
        ["Standardized documents or runbook met the criteria defined above."]
    );
    assert_eq!(ope.added.len(), 1);
    assert!(ope.added[0].starts_with("Runbook entries for the generative AI components"));
    assert_eq!(ids(&diff.requirement_changed), ["PRJ-001"]);
    assert!(diff.moved.is_empty());
    assert_eq!(preview.tags.carried, 3);
    assert_eq!(preview.tags.on_removed, 1);
    assert_eq!(preview.tags.item_tags_to_check, ["OPE-002"]);
    assert!(!preview.saved);
    assert_eq!(env.dossier.checklists().len(), 2, "a preview saves nothing");

    let saved = env.dossier.import_checklist(&revision).unwrap();
    assert!(saved.saved);
    assert_eq!(
        env.dossier
            .diff_checklists("generative-ai-2025-08", "generative-ai-2026-02")
            .unwrap(),
        *diff
    );

    let new = env.dossier.coverage("generative-ai-2026-02").unwrap();
    let files = |id: &str| {
        new.controls
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.files.clone())
    };
    assert_eq!(files("PRJ-001").unwrap(), ["sow.md"]);
    assert_eq!(files("OPE-002").unwrap(), ["runbook.md"]);
    assert_eq!(files("PS-004"), None);
    assert_eq!(new.retired.len(), 1);
    assert_eq!(new.retired[0].id, "PS-004");
    assert_eq!(new.retired[0].version, "August 2025");
    assert_eq!(new.retired[0].files, ["opportunity.md"]);
    // The report of the new version shows it too.
    let report = env.dossier.report("generative-ai-2026-02").unwrap();
    let out = env.dir.path().join("report.html");
    dossier_core::export::write(
        &report,
        dossier_core::export::ExportFormat::Html,
        &out,
        &mut |_| {},
        &Default::default(),
    )
    .unwrap();
    let html = std::fs::read_to_string(&out).unwrap();
    let retired = &html[html.find("id=\"retired\"").expect("a retired section")..];
    assert!(retired.contains("No longer in this version") && retired.contains("opportunity.md"));
    let old = env.dossier.coverage("generative-ai-2025-08").unwrap();
    assert!(
        old.retired.is_empty(),
        "the earlier version retires nothing"
    );
    assert!(old
        .controls
        .iter()
        .any(|c| c.id == "PS-004" && c.files == ["opportunity.md"]));
    // "generative-ai" now names two versions, so it is ambiguous.
    assert_eq!(
        env.dossier.coverage("generative-ai").unwrap_err().code(),
        "unknown_checklist"
    );

    // The same text again changes nothing; an edited text under the same id replaces it.
    let again = env.dossier.import_checklist(&revision).unwrap();
    assert_eq!(again.outcome, ImportOutcome::Unchanged { builtin: false });
    let edited =
        std::fs::read_to_string(repo("tests/fixtures/checklists/generative-ai-2026-02.txt"))
            .unwrap()
            .replace(
                "GENAIPR-007 - Model Evaluation and Monitoring",
                "GENAIPR-007 - Model Evaluation",
            );
    let replaced = env
        .dossier
        .import_checklist(&Source::pasted(&edited))
        .unwrap();
    assert_eq!(replaced.outcome, ImportOutcome::Replaces);
    assert_eq!(replaced.diff.unwrap().retitled[0].after, "Model Evaluation");
    assert_eq!(env.dossier.checklists().len(), 3);
}

#[test]
fn removing_an_imported_checklist_keeps_its_tags() {
    let mut env = Env::new();
    env.dossier
        .import_checklist(&source("tests/fixtures/checklists/security-2026-02.txt"))
        .unwrap();
    env.write("ir.md", "Incident response plan");
    env.scan();
    env.tag("ir.md", &["IR-001", "PRJ-003"]);
    let removed = env.dossier.remove_checklist("security-2026-02").unwrap();
    assert_eq!(
        removed.orphaned_tags, 1,
        "PRJ-003 is still in the built-in checklists"
    );
    assert_eq!(env.dossier.checklists().len(), 2);
    assert_eq!(env.file("ir.md").tags, ["IR-001", "PRJ-003"]);
    let err = env
        .dossier
        .remove_checklist("data-analytics-7.1")
        .unwrap_err();
    assert_eq!(err.code(), "builtin_checklist", "{err}");
    // Importing it again brings its controls and their evidence back.
    env.dossier
        .import_checklist(&source("tests/fixtures/checklists/security-2026-02.txt"))
        .unwrap();
    let coverage = env.dossier.coverage("security-2026-02").unwrap();
    assert!(coverage
        .controls
        .iter()
        .any(|c| c.id == "IR-001" && c.files == ["ir.md"]));
}

/// Every malformed input is refused with a message that says what is wrong, and nothing is
/// saved.
#[test]
fn malformed_input_is_refused_and_nothing_saved() {
    let mut env = Env::new();
    let dir = env.dir.path().to_path_buf();
    let seed = std::fs::read_to_string(repo("assets/checklists/source/generative-ai-2025-08.txt"))
        .unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        (
            "no controls",
            write(
                "notes.txt",
                b"AWS Security Competency\nSome notes about the program.\n",
            ),
            "no_controls",
        ),
        (
            "duplicate id",
            write(
                "dup.txt",
                seed.replacen("PRJ-002 - Scope", "PRJ-001 - Scope", 1)
                    .as_bytes(),
            ),
            "duplicate_control",
        ),
        (
            "binary",
            write("photo.txt", &[0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3, 0xff]),
            "not_text",
        ),
        (
            "pdf",
            write("checklist.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
            "not_text",
        ),
        ("empty", write("empty.txt", b"  \n\n"), "empty_checklist"),
        (
            "html without a checklist",
            write(
                "page.html",
                b"<html><body><main><h1>Hi</h1><p>Nothing</p></main></body></html>",
            ),
            "no_controls",
        ),
        (
            "broken data file",
            write("c.toml", b"id = \"x\"\nname = [unclosed"),
            "bad_checklist_file",
        ),
        (
            "bad id in data file",
            write(
                "d.toml",
                b"id = \"Has Spaces\"\nname = \"n\"\nversion = \"1\"\n",
            ),
            "bad_checklist_id",
        ),
        ("a folder", dir.join("evidence"), "import_unreadable"),
        ("missing", dir.join("nope.txt"), "import_unreadable"),
    ];
    for (what, path, code) in cases {
        let err = match Source::read(&path) {
            Err(e) => Error::from(dossier_core::import::ImportError::from(e)),
            Ok(source) => import_error(&mut env.dossier, &source),
        };
        assert_eq!(err.code(), code, "{what}: {err}");
        assert!(!err.to_string().is_empty());
    }
    let huge = std::fs::File::create(dir.join("huge.txt")).unwrap();
    huge.set_len(dossier_core::catalog::source::MAX_SOURCE_BYTES + 1)
        .unwrap();
    let err = Source::read(&dir.join("huge.txt")).unwrap_err();
    assert!(err.to_string().contains("at most"), "{err}");

    // The built-in text with a change but no new version line would shadow the built-in one.
    let edited = seed.replace("PRJ-002 - Scope", "PRJ-002 - Project Scope");
    let err = import_error(&mut env.dossier, &Source::pasted(&edited));
    assert_eq!(err.code(), "builtin_conflict", "{err}");
    assert!(err.to_string().contains("1 control(s)"), "{err}");

    let dup = import_error(
        &mut env.dossier,
        &Source::pasted(&seed.replacen("PRJ-002 - Scope", "PRJ-001 - Scope", 1)),
    );
    assert!(dup.to_string().contains("PRJ-001 appears twice"), "{dup}");
    assert_eq!(env.dossier.checklists().len(), 2);
    assert!(env.dossier.imported_checklists().unwrap().is_empty());
}

/// Windows editors save "Unicode" text as UTF-16 with a byte-order mark.
#[test]
fn utf16_text_is_read() {
    let env = Env::new();
    let text =
        std::fs::read_to_string(repo("tests/fixtures/checklists/security-2026-02.txt")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path = env.dir.path().join("security.txt");
    std::fs::write(&path, bytes).unwrap();
    let preview = env
        .dossier
        .preview_import(&Source::read(&path).unwrap())
        .unwrap();
    assert_eq!(preview.checklist.id, "security-2026-02");
    assert_eq!(preview.findings.controls, 24);
}

/// What a refused import must leave: the two built-in checklists and nothing imported,
/// also as a fresh open of the store sees it.
fn assert_nothing_stored(env: &Env) {
    for dossier in [&env.dossier, &Dossier::open(&env.db).unwrap()] {
        let listed: Vec<&str> = dossier.checklists().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(listed, ["data-analytics-7.1", "generative-ai-2025-08"]);
        assert!(dossier.imported_checklists().unwrap().is_empty());
    }
}

/// The saved Generative AI page under another title (a checklist Dossier does not have),
/// its content wrapped in `depth` nested `<div>`s.
fn page_nested(depth: usize) -> Source {
    let page =
        std::fs::read_to_string(repo("tests/fixtures/checklists/generative-ai-2025-08.html"))
            .unwrap()
            .replacen(
                "<h1>AWS Generative AI Competency",
                "<h1>AWS Nested Page Competency",
                1,
            )
            .replacen(
                "<main id=\"main-content\">",
                &format!("<main id=\"main-content\">{}", "<div>".repeat(depth)),
                1,
            )
            .replacen("</main>", &format!("{}</main>", "</div>".repeat(depth)), 1);
    Source {
        name: "nested.html".into(),
        bytes: page.into_bytes(),
    }
}

/// A saved page nested 200,000 levels deep (2 MB) is refused before it is parsed, which
/// would take hours, while the same page nested 200 levels deep imports.
#[test]
fn a_page_nested_too_deep_is_refused_and_one_within_the_limit_imports() {
    let mut env = Env::new();
    let deep = page_nested(200_000);
    assert!(deep.bytes.len() > 2_000_000);
    let err = import_error(&mut env.dossier, &deep);
    assert_eq!(err.code(), "import_too_deep", "{err}");
    assert!(
        err.to_string().contains("more than 256 levels deep"),
        "{err}"
    );
    let err = env.dossier.preview_import(&deep).unwrap_err();
    assert_eq!(err.code(), "import_too_deep", "{err}");
    assert_nothing_stored(&env);

    let preview = env.dossier.import_checklist(&page_nested(200)).unwrap();
    assert_eq!(preview.format, SourceFormat::Html);
    assert_eq!(preview.outcome, ImportOutcome::New);
    assert_eq!(preview.checklist.name, "AWS Nested Page Competency");
    assert_eq!(preview.findings.controls, 41);
    assert!(preview.saved);
}

/// The Generative AI text with `extra` more controls in its first category.
fn text_with_extra_controls(extra: usize) -> String {
    let seed = std::fs::read_to_string(repo("assets/checklists/source/generative-ai-2025-08.txt"))
        .unwrap()
        .replacen("AWS Generative AI Competency", "AWS Bulk Competency", 1);
    let added: String = (1..=extra)
        .map(|n| format!("  • BULK-{n:06} - Extra control {n}\n\n"))
        .collect();
    seed.replacen(
        "  • PRJ-002 - Scope",
        &format!("{added}  • PRJ-002 - Scope"),
        1,
    )
}

/// A text of 166,000 controls used to be accepted, after which every command took a second
/// and an HTML export minutes. Text and data files over the limits are refused, saying the
/// limit; a checklist just under it imports.
#[test]
fn a_checklist_with_too_many_controls_or_items_is_refused() {
    let mut env = Env::new();
    let err = import_error(
        &mut env.dossier,
        &Source::pasted(&text_with_extra_controls(166_000)),
    );
    assert_eq!(err.code(), "import_too_many_controls", "{err}");
    assert!(err.to_string().contains("166041 controls"), "{err}");
    assert!(err.to_string().contains("at most 2000"), "{err}");
    assert_nothing_stored(&env);

    let mut big = builtin_checklist("generative-ai-2025-08").clone();
    big.id = "bulk-2026".into();
    let control = big.sections[0].categories[0].controls[0].clone();
    let category = &mut big.sections[0].categories[0].controls;
    category.extend((1..=2_000).map(|n| dossier_core::catalog::Control {
        id: format!("BULK-{n:06}"),
        ..control.clone()
    }));
    let as_file = |checklist: &Checklist| Source {
        name: "bulk.toml".into(),
        bytes: dossier_core::catalog::to_toml(checklist)
            .unwrap()
            .into_bytes(),
    };
    let err = import_error(&mut env.dossier, &as_file(&big));
    assert_eq!(err.code(), "import_too_many_controls", "{err}");

    let mut items = builtin_checklist("generative-ai-2025-08").clone();
    items.id = "items-2026".into();
    items.sections[0].categories[0].controls[0].evidence_items = vec!["A record.".into(); 201];
    let err = import_error(&mut env.dossier, &as_file(&items));
    assert_eq!(err.code(), "import_too_many_evidence_items", "{err}");
    assert!(err.to_string().contains("at most 200"), "{err}");
    assert_nothing_stored(&env);

    let within = env
        .dossier
        .import_checklist(&Source::pasted(&text_with_extra_controls(1_900)))
        .unwrap();
    assert_eq!(within.findings.controls, 1_941);
}

fn read_error(path: &Path) -> Error {
    match Source::read(path) {
        Ok(source) => panic!("{} was read ({} bytes)", path.display(), source.bytes.len()),
        Err(e) => Error::from(dossier_core::import::ImportError::from(e)),
    }
}

/// A named pipe chosen for import used to wait for a writer for ever, and a device to be
/// read without end. Neither is opened: each is refused for what it is.
#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_device_chosen_for_import_is_refused_unopened() {
    let env = Env::new();
    let fifo = env.dir.path().join("checklist.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let link = env.dir.path().join("link-to-pipe.txt");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    // Read on another thread, so that a regression fails here instead of hanging the suite.
    let (sent, received) = std::sync::mpsc::channel();
    let paths = [fifo.clone(), link, "/dev/zero".into(), "/dev/null".into()];
    std::thread::spawn(move || {
        for path in paths {
            sent.send((read_error(&path), path)).unwrap();
        }
    });
    for kind in ["a named pipe", "a named pipe", "a device", "a device"] {
        let (err, path) = received
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("reading a pipe or a device never returned");
        assert_eq!(err.code(), "import_not_a_file", "{}: {err}", path.display());
        assert!(err.to_string().contains(kind), "{err}");
    }
    assert_nothing_stored(&env);
}

/// A file over the size cap is refused unread, also when it only grows past the cap while
/// being read (the read stops one byte past the cap: see `source::read_at_most`).
#[test]
fn an_oversized_file_is_refused_and_nothing_stored() {
    let env = Env::new();
    let huge = env.dir.path().join("huge.html");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(dossier_core::catalog::source::MAX_SOURCE_BYTES + 1)
        .unwrap();
    let err = read_error(&huge);
    assert_eq!(err.code(), "import_too_large", "{err}");
    assert!(err.to_string().contains("at most 16777216 bytes"), "{err}");
    assert_nothing_stored(&env);
}

/// The desktop shell reads and parses a source without holding the store, then previews
/// and imports the parsed checklist: the same outcome as importing the source.
#[test]
fn a_checklist_parsed_without_the_store_previews_and_imports_as_its_source() {
    let mut env = Env::new();
    let source = source("tests/fixtures/checklists/security-2026-02.txt");
    let parsed = source.parse().unwrap();
    assert_eq!(parsed.source, "security-2026-02.txt");
    assert_eq!(parsed.format, SourceFormat::Text);
    let preview = env.dossier.preview_parsed(&parsed).unwrap();
    assert_eq!(preview, env.dossier.preview_import(&source).unwrap());
    assert!(!preview.saved);
    let saved = env.dossier.import_parsed(parsed).unwrap();
    assert!(saved.saved);
    assert_eq!(saved.checklist, preview.checklist);
    assert_eq!(
        env.dossier.checklist("security-2026-02").unwrap(),
        &preview.checklist
    );
}
