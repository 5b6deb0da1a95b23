//! Customer examples: the (four) unique customers an application presents. Evidence can be
//! tagged for one of them, and files under an example's folder belong to it by default.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CustomerExample {
    /// Assigned by the store; ignored when saving (examples are keyed by name).
    #[ts(type = "number")]
    #[serde(default)]
    pub id: i64,
    pub name: String,
    pub customer: String,
    pub industry: String,
    pub case_study_url: Option<String>,
    /// Go-live date, `YYYY-MM-DD`.
    pub go_live: Option<String>,
    /// Folder of the evidence tree (relative, `/`-separated) whose files default to it.
    pub folder: Option<String>,
    /// Exported WAFR report (relative path) with zero high-risk issues in Security,
    /// Operational Excellence and Reliability: where a checklist allows it, it replaces this
    /// example's evidence for the requirements it names.
    #[serde(default)]
    pub wafr_report: Option<String>,
}

impl CustomerExample {
    /// Whether the file at `path` lies under this example's folder.
    pub fn owns(&self, path: &str) -> bool {
        self.folder.as_deref().is_some_and(|f| {
            let f = f.trim_end_matches('/');
            !f.is_empty()
                && path
                    .strip_prefix(f)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    }
}

/// The example a file belongs to by its folder: the deepest example folder containing it.
pub fn by_folder<'a>(examples: &'a [CustomerExample], path: &str) -> Option<&'a CustomerExample> {
    examples
        .iter()
        .filter(|e| e.owns(path))
        .max_by_key(|e| e.folder.as_deref().map_or(0, str::len))
}

pub fn list(conn: &Connection, root_id: i64) -> rusqlite::Result<Vec<CustomerExample>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, customer, industry, case_study_url, go_live, folder, wafr_report FROM examples
         WHERE root_id = ?1 ORDER BY name",
    )?;
    let rows = stmt.query_map([root_id], |r| {
        Ok(CustomerExample {
            id: r.get(0)?,
            name: r.get(1)?,
            customer: r.get(2)?,
            industry: r.get(3)?,
            case_study_url: r.get(4)?,
            go_live: r.get(5)?,
            folder: r.get(6)?,
            wafr_report: r.get(7)?,
        })
    })?;
    rows.collect()
}

/// Adds the example, or updates the one with the same name.
pub fn save(conn: &Connection, root_id: i64, e: &CustomerExample) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO examples(root_id, name, customer, industry, case_study_url, go_live, folder, wafr_report)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(root_id, name) DO UPDATE SET customer = excluded.customer,
           industry = excluded.industry, case_study_url = excluded.case_study_url,
           go_live = excluded.go_live, folder = excluded.folder, wafr_report = excluded.wafr_report",
        params![
            root_id,
            e.name,
            e.customer,
            e.industry,
            e.case_study_url,
            e.go_live,
            e.folder,
            e.wafr_report
        ],
    )?;
    conn.query_row(
        "SELECT id FROM examples WHERE root_id = ?1 AND name = ?2",
        params![root_id, e.name],
        |r| r.get(0),
    )
}

/// Removes the example; tags scoped to it fall back to the practice as a whole.
pub fn remove(conn: &Connection, root_id: i64, name: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "DELETE FROM examples WHERE root_id = ?1 AND name = ?2",
        params![root_id, name],
    )? > 0)
}

pub fn id_of(conn: &Connection, root_id: i64, name: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM examples WHERE root_id = ?1 AND name = ?2 COLLATE NOCASE",
        params![root_id, name],
        |r| r.get(0),
    )
    .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str, folder: Option<&str>) -> CustomerExample {
        CustomerExample {
            id: 0,
            name: name.into(),
            customer: String::new(),
            industry: String::new(),
            case_study_url: None,
            go_live: None,
            folder: folder.map(Into::into),
            wafr_report: None,
        }
    }

    #[test]
    fn a_file_belongs_to_the_deepest_example_folder_containing_it() {
        let all = [
            example("Acme", Some("Customers/Acme")),
            example("Acme EU", Some("Customers/Acme/EU")),
            example("Globex", None),
        ];
        let name = |p: &str| by_folder(&all, p).map(|e| e.name.as_str());
        assert_eq!(name("Customers/Acme/arch.drawio"), Some("Acme"));
        assert_eq!(name("Customers/Acme/EU/arch.drawio"), Some("Acme EU"));
        assert_eq!(
            name("Customers/AcmeCorp/x.md"),
            None,
            "a prefix of a name is not a folder"
        );
        assert_eq!(name("Operations/runbook.md"), None);
    }
}
