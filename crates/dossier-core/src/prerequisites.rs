//! The program prerequisites of a checklist as a readiness panel: each item met, not met or
//! unknown, with a value ("4 certified: names and expiry dates") and a note.

use crate::catalog::Checklist;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PrerequisiteState {
    Met,
    NotMet,
    Unknown,
}

impl PrerequisiteState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::NotMet => "not_met",
            Self::Unknown => "unknown",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "met" => Self::Met,
            "not_met" => Self::NotMet,
            _ => Self::Unknown,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PrerequisiteStatus {
    /// Item number, e.g. "4.1".
    pub id: String,
    pub group: String,
    pub title: String,
    pub text: String,
    pub state: PrerequisiteState,
    pub value: Option<String>,
    pub note: Option<String>,
}

/// Every prerequisite of `checklist`, in order, with what the user recorded (unknown if
/// nothing yet).
pub fn panel(
    conn: &Connection,
    root_id: i64,
    checklist: &Checklist,
) -> rusqlite::Result<Vec<PrerequisiteStatus>> {
    let mut stmt = conn.prepare_cached(
        "SELECT prerequisite_id, state, value, note FROM prerequisite_status
         WHERE root_id = ?1 AND checklist_id = ?2",
    )?;
    let mut recorded: HashMap<String, (String, Option<String>, Option<String>)> = stmt
        .query_map(params![root_id, checklist.id], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(checklist
        .prerequisites
        .iter()
        .map(|p| {
            let (state, value, note) = recorded
                .remove(&p.id)
                .map_or((PrerequisiteState::Unknown, None, None), |(s, v, n)| {
                    (PrerequisiteState::parse(&s), v, n)
                });
            PrerequisiteStatus {
                id: p.id.clone(),
                group: p.group.clone(),
                title: p.title.clone(),
                text: p.text.clone(),
                state,
                value,
                note,
            }
        })
        .collect())
}

pub fn set(
    conn: &Connection,
    root_id: i64,
    checklist: &str,
    id: &str,
    state: PrerequisiteState,
    value: Option<&str>,
    note: Option<&str>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO prerequisite_status(root_id, checklist_id, prerequisite_id, state, value, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(root_id, checklist_id, prerequisite_id) DO UPDATE SET state = excluded.state,
           value = excluded.value, note = excluded.note",
        params![root_id, checklist, id, state.as_str(), value, note],
    )
    .map(drop)
}
