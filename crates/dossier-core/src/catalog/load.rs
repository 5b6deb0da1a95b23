//! Checklists as TOML data files, and the built-in catalog compiled into the binary.
//!
//! The built-in files live in `assets/checklists/` (format: its README.md). They are
//! generated from the published texts in `assets/checklists/source/` by [`super::parse`]
//! and embedded with `include_str!`, so the product needs no files at run time.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::item::EvidenceItem;
use super::model::Checklist;
use super::naming::family;

/// Why a checklist file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{file}: not a valid checklist file: {source}")]
    Toml {
        file: String,
        #[source]
        source: toml::de::Error,
    },
    #[error("{file}: control {id} is listed twice")]
    DuplicateControl { file: String, id: String },
    #[error("checklist {id} cannot be written as TOML: {source}")]
    Serialize {
        id: String,
        #[source]
        source: toml::ser::Error,
    },
}

/// Reads a checklist from TOML; `file` names the source in error messages.
pub fn from_toml(file: &str, text: &str) -> Result<Checklist, LoadError> {
    let checklist: Checklist = toml::from_str(text).map_err(|source| LoadError::Toml {
        file: file.to_string(),
        source,
    })?;
    match duplicate_control(&checklist) {
        Some(id) => Err(LoadError::DuplicateControl {
            file: file.to_string(),
            id: id.to_string(),
        }),
        None => Ok(checklist),
    }
}

/// Writes a checklist as TOML; text with line breaks becomes multi-line strings. An evidence
/// item whose facts are those its wording states is written as its text alone.
pub fn to_toml(checklist: &Checklist) -> Result<String, LoadError> {
    let failed = |source| LoadError::Serialize {
        id: checklist.id.clone(),
        source,
    };
    let mut value = toml::Value::try_from(checklist).map_err(failed)?;
    write_items_as_worded(&mut value);
    toml::to_string_pretty(&value).map_err(failed)
}

/// Replaces each evidence item table whose facts its text states by the text; in the
/// others, keeps only the facts that differ from the wording.
fn write_items_as_worded(value: &mut toml::Value) {
    match value {
        toml::Value::Table(table) => {
            for (key, entry) in table.iter_mut() {
                match entry {
                    toml::Value::Array(items) if key == "evidence_items" => {
                        items.iter_mut().for_each(item_as_worded);
                    }
                    _ => write_items_as_worded(entry),
                }
            }
        }
        toml::Value::Array(values) => values.iter_mut().for_each(write_items_as_worded),
        _ => {}
    }
}

fn item_as_worded(value: &mut toml::Value) {
    let Ok(item) = value.clone().try_into::<EvidenceItem>() else {
        return;
    };
    let worded = EvidenceItem::read(&item.text);
    if item == worded {
        *value = toml::Value::String(item.text);
    } else if let toml::Value::Table(table) = value {
        if item.attestable == worded.attestable {
            table.remove("attestable");
        }
        if item.window_months == worded.window_months {
            table.remove("window_months");
        }
    }
}

/// Control IDs key evidence tags and coverage, so a hand-edited file must keep them unique.
fn duplicate_control(checklist: &Checklist) -> Option<&str> {
    let mut seen = HashSet::new();
    checklist
        .controls()
        .map(|c| c.control.id.as_str())
        .find(|id| !seen.insert(id.to_ascii_uppercase()))
}

/// The data files compiled in, as (file name, contents).
const BUILTIN_FILES: [(&str, &str); 2] = [
    (
        "data-analytics-7.1.toml",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/checklists/data-analytics-7.1.toml"
        )),
    ),
    (
        "generative-ai-2025-08.toml",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/checklists/generative-ai-2025-08.toml"
        )),
    ),
];

/// The checklists built into the product, read once. A file that does not load is logged
/// and left out rather than aborting the program; the tests guarantee both load.
pub fn builtin() -> &'static [Checklist] {
    static CATALOG: OnceLock<Vec<Checklist>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        BUILTIN_FILES
            .iter()
            .filter_map(|(file, text)| {
                from_toml(file, text)
                    .inspect_err(|error| tracing::error!(%error, "built-in checklist skipped"))
                    .ok()
            })
            .collect()
    })
}

/// Looks a checklist up by its id, ignoring case (`Data-Analytics-7.1`), or by the id
/// without its version (`data-analytics`) when exactly one version is in `checklists`.
pub fn find<'a>(checklists: &'a [Checklist], id_or_alias: &str) -> Option<&'a Checklist> {
    let wanted = id_or_alias.trim();
    checklists
        .iter()
        .find(|c| c.id.eq_ignore_ascii_case(wanted))
        .or_else(|| {
            let mut family = checklists
                .iter()
                .filter(|c| family(&c.id).eq_ignore_ascii_case(wanted));
            match (family.next(), family.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::catalog::model::{Control, ExampleScope, ScopeRule};
    use crate::catalog::parse::parse;

    /// A built-in checklist: its id, data file, and the published text it is generated from.
    struct Source {
        id: &'static str,
        file: &'static str,
        text: &'static str,
    }

    const SOURCES: [Source; 2] = [
        Source {
            id: "data-analytics-7.1",
            file: "data-analytics-7.1",
            text: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../assets/checklists/source/data-analytics-7.1.txt"
            )),
        },
        Source {
            id: "generative-ai-2025-08",
            file: "generative-ai-2025-08",
            text: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../assets/checklists/source/generative-ai-2025-08.txt"
            )),
        },
    ];

    fn assets() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/checklists")
    }

    fn parsed(source: &Source) -> Checklist {
        parse(source.id, source.text)
            .unwrap_or_else(|error| panic!("{}.txt does not parse: {error}", source.file))
    }

    /// The data file as generated: a comment header, then the checklist.
    fn generated_file(source: &Source) -> String {
        let checklist = parsed(source);
        let body = to_toml(&checklist).unwrap_or_else(|error| panic!("{error}"));
        format!(
            "# {name}, version {version} ({published}): a validation checklist built into Dossier.\n\
             #\n\
             # Generated by the checklist parser (crates/dossier-core/src/catalog/parse.rs) from\n\
             # source/{file}.txt, the checklist as published. You may edit it by hand; README.md\n\
             # describes every field. The test catalog::load::tests::builtin_files_match_sources\n\
             # checks this file against the source text, so make the same correction there, then\n\
             # regenerate: DOSSIER_BLESS=1 cargo test -p dossier-core catalog\n\n{body}",
            name = checklist.name,
            version = checklist.version,
            published = checklist.published,
            file = source.file,
        )
    }

    /// With DOSSIER_BLESS=1 this rewrites the data files from the sources; otherwise it
    /// checks that they are exactly what the parser makes of the published text.
    #[test]
    fn builtin_files_match_sources() {
        let bless = std::env::var("DOSSIER_BLESS").is_ok_and(|v| v == "1");
        for source in &SOURCES {
            let path = assets().join(format!("{}.toml", source.file));
            let expected = generated_file(source);
            if bless {
                std::fs::write(&path, &expected)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            }
            let actual = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                actual == expected,
                "{} differs from what the parser reads in source/{}.txt; \
                 regenerate with DOSSIER_BLESS=1 cargo test -p dossier-core catalog",
                path.display(),
                source.file
            );
        }
    }

    #[test]
    fn builtin_checklists_equal_parsed_sources() {
        let ids: Vec<_> = builtin().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["data-analytics-7.1", "generative-ai-2025-08"]);
        for (checklist, source) in builtin().iter().zip(&SOURCES) {
            assert!(*checklist == parsed(source), "{} differs", source.id);
        }
    }

    fn builtin_checklist(id: &str) -> &'static Checklist {
        find(builtin(), id).unwrap_or_else(|| panic!("{id} is not built in"))
    }

    fn data_analytics() -> &'static Checklist {
        builtin_checklist("data-analytics-7.1")
    }

    fn generative_ai() -> &'static Checklist {
        builtin_checklist("generative-ai-2025-08")
    }

    fn control(checklist: &'static Checklist, id: &str) -> &'static Control {
        match checklist.control(id) {
            Some(found) => found.control,
            None => panic!("{id} not in {}", checklist.id),
        }
    }

    fn location(checklist: &Checklist, id: &str) -> String {
        checklist
            .control(id)
            .map_or_else(|| format!("{id} not found"), |c| c.location())
    }

    #[test]
    fn data_analytics_counts() {
        let checklist = data_analytics();
        assert_eq!(checklist.control_count(), 49);
        assert_eq!(checklist.prerequisites.len(), 12);
        assert_eq!(checklist.sections.len(), 4);
        assert_eq!(checklist.name, "AWS Data and Analytics Competency");
        assert_eq!(checklist.version, "7.1");
        assert_eq!(checklist.published, "February 2024");
    }

    #[test]
    fn generative_ai_counts() {
        let checklist = generative_ai();
        assert_eq!(checklist.control_count(), 41);
        assert_eq!(checklist.prerequisites.len(), 7);
        assert_eq!(checklist.sections.len(), 4);
        assert_eq!(checklist.name, "AWS Generative AI Competency");
        assert_eq!(checklist.version, "August 2025");
        assert_eq!(checklist.published, "August 2025-February 2026");
    }

    #[test]
    fn twenty_three_control_ids_are_shared() {
        let ids = |c: &'static Checklist| -> HashSet<&'static str> {
            c.controls().map(|r| r.control.id.as_str()).collect()
        };
        let shared = ids(data_analytics())
            .intersection(&ids(generative_ai()))
            .count();
        assert_eq!(shared, 23);
    }

    #[test]
    fn prerequisites_have_groups_and_titles() {
        let first = &data_analytics().prerequisites[0];
        assert_eq!(
            (
                first.id.as_str(),
                first.group.as_str(),
                first.title.as_str()
            ),
            ("1.1", "1.0 APN Program Membership", "Program Guidelines")
        );
        let last = &data_analytics().prerequisites[11];
        assert_eq!(
            (last.id.as_str(), last.group.as_str(), last.title.as_str()),
            (
                "4.6",
                "4.0 Data and Analytics Prerequisites",
                "Launched Opportunities"
            )
        );
        let ids: Vec<_> = generative_ai()
            .prerequisites
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(ids, ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1"]);
        assert!(generative_ai().prerequisites[3]
            .text
            .contains("- AWS Services Tier must be \"Advanced\" or higher."));
    }

    #[test]
    fn section_titles_in_order() {
        let titles =
            |c: &Checklist| -> Vec<String> { c.sections.iter().map(|s| s.title.clone()).collect() };
        assert_eq!(
            titles(data_analytics()),
            [
                "Common AWS Partner Practice Requirements",
                "Data and Analytics Practice Requirements",
                "Common Customer Example Requirements",
                "Data and Analytics Customer Example Requirements",
            ]
        );
        assert_eq!(
            titles(generative_ai()),
            [
                "Common AWS Partner Practice Requirements",
                "Generative AI Practice Requirements",
                "Common Customer Example Requirements",
                "Generative AI Customer Example Requirements",
            ]
        );
    }

    #[test]
    fn titles_and_locations() {
        let da = data_analytics();
        assert_eq!(
            location(da, "DOC-001"),
            "Common Customer Example Requirements › Documentation"
        );
        assert_eq!(
            control(da, "OPE-002").title,
            "Define a customer runbook/playbook to guide operational tasks"
        );
        assert_eq!(
            location(da, "CSN-001"),
            "Common AWS Partner Practice Requirements › Customer Satisfaction"
        );
        assert_eq!(
            location(da, "EXMON-001"),
            "Data and Analytics Customer Example Requirements › Monitoring and Detection"
        );
        let ga = generative_ai();
        assert_eq!(
            location(ga, "DOC-001"),
            "Common Customer Example Requirements › Documentation"
        );
        assert_eq!(
            location(ga, "GENAIPR-003"),
            "Generative AI Practice Requirements › Generative AI Practice Requirements"
        );
        assert_eq!(
            location(ga, "GENAICEX-001"),
            "Generative AI Customer Example Requirements › Requirements applicable to all customer examples"
        );
        assert_eq!(
            control(ga, "PS-003").title,
            "Solution Must be Launched in Production"
        );
    }

    #[test]
    fn shared_controls_have_the_same_title_in_both() {
        let (da, ga) = (data_analytics(), generative_ai());
        for reference in da.controls() {
            if let Some(other) = ga.control(&reference.control.id) {
                assert_eq!(reference.control.title, other.control.title);
            }
        }
    }

    #[test]
    fn evidence_items_in_the_flat_layout() {
        let da = data_analytics();
        assert_eq!(
            control(da, "POV-005").evidence_texts().collect::<Vec<_>>(),
            [
                "An established training plan including on-boarding processes that identify job roles (sellers, solutions architects, project managers) and required training paths",
                "A verbal description of methods used to allocate required resources to Data and Analytics projects",
            ]
        );
        assert_eq!(
            control(da, "CSN-001").evidence_texts().collect::<Vec<_>>(),
            [
                "Example customer training documents",
                "SOW language describing handoff responsibilities and acceptance criteria",
            ]
        );
        assert_eq!(control(da, "EXMON-001").evidence_items.len(), 3);
        assert_eq!(control(da, "EXCRI-001").evidence_items.len(), 0);
    }

    /// The page wraps EXPE-002's only evidence item after "on"; it is one item, not two.
    #[test]
    fn wrapped_evidence_line_is_one_item() {
        let items = &control(data_analytics(), "EXPE-002").evidence_items;
        assert_eq!(items.len(), 1);
        assert!(items[0].text.starts_with(
            "Detailed written description on how the right AWS database and/or storage options were selected."
        ));
    }

    #[test]
    fn evidence_items_in_the_indented_layout() {
        let ga = generative_ai();
        assert_eq!(control(ga, "POV-005").evidence_items.len(), 2);
        assert_eq!(
            control(ga, "CSN-001").evidence_items,
            control(data_analytics(), "CSN-001").evidence_items
        );
        assert_eq!(
            control(ga, "DOC-001").evidence_texts().collect::<Vec<_>>(),
            [
                "An architecture diagram depicting the overall design and deployment of your solution on AWS.",
                "Explanation of how the major solutions elements will keep running in case of failure.",
                "Description of how the major solutions elements scale up automatically.",
            ]
        );
        let methodology = &control(ga, "GENAIPR-001").evidence_items;
        assert_eq!(methodology.len(), 1);
        assert!(methodology[0]
            .text
            .starts_with("The partner must provide a written description"));
        assert_eq!(control(ga, "GENAIPR-006").evidence_items.len(), 4);
        assert!(control(ga, "UCR-001").evidence_items.is_empty());
    }

    #[test]
    fn requirement_text_keeps_lists() {
        let da = control(data_analytics(), "POV-001").requirement.clone();
        assert!(da.contains(
            "Overview presentations contain:\n\n- Company history\n- Office locations\n"
        ));
        let ga = control(generative_ai(), "GENAIPR-002").requirement.clone();
        assert!(ga.contains(
            "\n  - Few-shot prompting over Zero-shot prompting\n    - The partner must document"
        ));
    }

    const MSP: &str = "Waived if AWS Partner is approved AWS MSP";

    #[test]
    fn msp_waivers_in_data_analytics() {
        let da = data_analytics();
        let waived: Vec<_> = da
            .controls()
            .filter(|c| c.control.waiver.as_deref() == Some(MSP))
            .map(|c| c.control.id.as_str())
            .collect();
        assert_eq!(
            waived,
            [
                "PRID-002",
                "PRID-003",
                "PRNET-001",
                "PRSVT-001",
                "EXMON-001"
            ]
        );
        assert_eq!(control(da, "PRID-003").title, "Data Encryption");
        assert_eq!(control(da, "EXMON-001").title, "Detective Controls");
    }

    #[test]
    fn first_section_carries_the_ftr_waiver() {
        let ftr = "This section of the requirements are WAIVED if the associated offering has an approved \
                   Service Offering Foundational Technical Review OR if the AWS Partner has achieved another \
                   AWS Services Competency within the last 12 months.";
        for checklist in [data_analytics(), generative_ai()] {
            assert_eq!(
                checklist.sections[0].waiver.as_deref(),
                Some(ftr),
                "{}",
                checklist.id
            );
            assert_eq!(checklist.sections[1].waiver, None, "{}", checklist.id);
        }
        assert_eq!(data_analytics().sections[2].waiver, None);
    }

    #[test]
    fn wafr_waiver_applies_to_common_customer_example_section() {
        let ga = generative_ai();
        let section = &ga.sections[2];
        let waiver = section.waiver.as_deref().unwrap_or_default();
        assert!(waiver
            .starts_with("If you have completed an AWS Well-Architected Framework Review (WAFR)"));
        assert!(waiver.ends_with(
            "Please upload an exported WAFR report for each of the customer example instead."
        ));
        let ope = ga.control("OPE-001");
        assert_eq!(ope.as_ref().and_then(|c| c.waiver()), Some(waiver));
    }

    #[test]
    fn body_waiver_of_ps_005() {
        assert_eq!(
            control(generative_ai(), "PS-005").waiver.as_deref(),
            Some("For industry specific designations that do not highlight domain specific AWS services, this requirement can be WAIVED.")
        );
    }

    fn rule(checklist: &Checklist, id: &str) -> Option<ScopeRule> {
        checklist
            .control(id)
            .and_then(|c| c.scope().map(|s| s.rule))
    }

    const ONE_OF_FOUR: Option<ScopeRule> = Some(ScopeRule::AtLeast { count: 1, of: 4 });
    const TWO_OF_FOUR: Option<ScopeRule> = Some(ScopeRule::AtLeast { count: 2, of: 4 });

    #[test]
    fn scopes_in_data_analytics() {
        let da = data_analytics();
        assert_eq!(
            control(da, "ACCT-001").scope,
            Some(ExampleScope {
                rule: ScopeRule::AtLeast { count: 1, of: 4 },
                text: "Description of how Secure AWS Account Governance is implemented in one (1) of the submitted customer examples.".into(),
            })
        );
        assert_eq!(rule(da, "OPE-001"), ONE_OF_FOUR);
        assert_eq!(rule(da, "OPE-002"), ONE_OF_FOUR, "from its section");
        assert_eq!(rule(da, "DOC-001"), Some(ScopeRule::All));
        assert_eq!(
            control(da, "EXPE-001").scope,
            Some(ExampleScope {
                rule: ScopeRule::AtLeast { count: 2, of: 4 },
                text: "Please provide the following as evidence for two (2) of the four (4) submitted customer examples.".into(),
            })
        );
        assert_eq!(rule(da, "EXPT-001"), TWO_OF_FOUR);
        assert_eq!(
            rule(da, "EXMON-001"),
            Some(ScopeRule::All),
            "from its section"
        );
        assert_eq!(
            da.sections[3].scope.as_ref().map(|s| s.text.as_str()),
            Some("The following requirements apply to each provided customer example.")
        );
        assert_eq!(rule(da, "POV-001"), None);
        assert_eq!(rule(da, "PRJ-004"), None);
    }

    #[test]
    fn scopes_in_generative_ai() {
        let ga = generative_ai();
        assert_eq!(
            ga.sections[2].scope,
            Some(ExampleScope {
                rule: ScopeRule::AtLeast { count: 1, of: 4 },
                text: "All of the following requirements must be met by at least one of the four submitted customer examples.".into(),
            })
        );
        assert_eq!(rule(ga, "UCR-001"), ONE_OF_FOUR);
        assert_eq!(rule(ga, "ACCT-002"), ONE_OF_FOUR);
        assert_eq!(rule(ga, "DOC-001"), Some(ScopeRule::All));
        assert_eq!(
            rule(ga, "GENAICEX-001"),
            Some(ScopeRule::All),
            "from its category"
        );
        assert_eq!(ga.sections[3].scope, None);
        assert_eq!(rule(ga, "GENAIPR-002"), None);
    }

    #[test]
    fn toml_round_trips() {
        for checklist in builtin() {
            let text = to_toml(checklist).unwrap_or_else(|e| panic!("{e}"));
            assert!(text.contains("requirement = \"\"\"\n"), "multi-line text");
            let back = from_toml("round-trip.toml", &text).map_err(|e| e.to_string());
            assert_eq!(back.as_ref(), Ok(checklist));
        }
    }

    #[test]
    fn malformed_toml_names_the_file_and_problem() {
        let error = from_toml("broken.toml", "id = \"x\"\nname = ").map(|c| c.id);
        let message = error.map_err(|e| e.to_string()).err().unwrap_or_default();
        assert!(
            message.starts_with("broken.toml: not a valid checklist file:"),
            "{message}"
        );
        let missing = from_toml("partial.toml", "id = \"x\"").map_err(|e| e.to_string());
        assert!(missing.is_err_and(|m| m.contains("partial.toml") && m.contains("name")));
    }

    #[test]
    fn duplicate_control_in_toml_is_rejected() {
        let mut checklist = data_analytics().clone();
        let copy = checklist.sections[0].categories[0].controls[0].clone();
        checklist.sections[1].categories[0].controls.push(copy);
        let text = to_toml(&checklist).unwrap_or_else(|e| panic!("{e}"));
        let error = from_toml("edited.toml", &text).map_err(|e| e.to_string());
        assert_eq!(
            error.err().as_deref(),
            Some("edited.toml: control POV-001 is listed twice")
        );
    }

    #[test]
    fn find_by_id_ignores_case() {
        let found = find(builtin(), "Data-Analytics-7.1").map(|c| c.id.as_str());
        assert_eq!(found, Some("data-analytics-7.1"));
        assert_eq!(
            find(builtin(), " GENERATIVE-AI-2025-08 ").map(|c| c.id.as_str()),
            Some("generative-ai-2025-08")
        );
        assert_eq!(find(builtin(), "data-analytics-7.0"), None);
        assert_eq!(find(builtin(), "security"), None);
    }

    #[test]
    fn find_by_id_without_version_needs_a_single_version() {
        assert_eq!(
            find(builtin(), "generative-ai").map(|c| c.id.as_str()),
            Some("generative-ai-2025-08")
        );
        let mut two = builtin().to_vec();
        let mut older = two[0].clone();
        older.id = "data-analytics-7.0".into();
        two.push(older);
        assert_eq!(find(&two, "data-analytics"), None);
        assert_eq!(
            find(&two, "data-analytics-7.0").map(|c| c.id.as_str()),
            Some("data-analytics-7.0")
        );
    }
}

/// The UI's unit tests rank and render the real controls: `cargo test` exports the built-in
/// catalog as JSON next to the generated TypeScript types (and CI checks it is committed).
#[cfg(test)]
#[test]
fn export_builtin_catalog_for_the_ui() {
    let Some(dir) = std::env::var_os("TS_RS_EXPORT_DIR") else {
        return;
    };
    let json = serde_json::to_string_pretty(builtin()).expect("the catalog serialises");
    std::fs::write(std::path::Path::new(&dir).join("catalog.json"), json + "\n")
        .expect("the generated folder is writable");
}
