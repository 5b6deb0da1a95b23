//! Controls that need no evidence for an application: waived by a switch the checklist's
//! own text offers ("Waived if AWS Partner is approved AWS MSP", the section waiver for an
//! approved Foundational Technical Review), or marked not applicable with a justification.
//! They stay visible in coverage with their reason, counted apart, never silently hidden.

use crate::catalog::ControlRef;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A waiver switch the checklists' text offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WaiverKind {
    /// The partner is an approved AWS MSP: waives every control whose text says so.
    Msp,
    /// The offering has an approved Foundational Technical Review (or another Services
    /// Competency in the last 12 months): waives the section whose text says so.
    Ftr,
}

impl WaiverKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Msp => "msp",
            Self::Ftr => "ftr",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [Self::Msp, Self::Ftr].into_iter().find(|k| k.as_str() == s)
    }

    /// Whether this switch waives `control`, judged by the waiver wording of its checklist.
    pub fn waives(self, control: &ControlRef<'_>) -> bool {
        match self {
            Self::Msp => control
                .control
                .waiver
                .as_deref()
                .is_some_and(|w| w.contains("MSP")),
            Self::Ftr => control
                .section
                .waiver
                .as_deref()
                .is_some_and(|w| w.contains("Foundational Technical Review")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Waiver {
    pub kind: WaiverKind,
    pub reason: String,
    pub reference: Option<String>,
}

/// Everything that exempts controls of one checklist in one evidence folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Exemptions {
    pub waivers: Vec<Waiver>,
    /// Control ID → the user's justification.
    pub not_applicable: HashMap<String, String>,
}

/// Why a control needs no evidence, as coverage reports it.
pub enum Exempt<'a> {
    NotApplicable(&'a str),
    Waived(&'a Waiver),
}

impl Exemptions {
    /// N/A wins over a waiver: it is the user's own, more specific word.
    pub fn of(&self, control: &ControlRef<'_>) -> Option<Exempt<'_>> {
        if let Some(j) = self.not_applicable.get(&control.control.id) {
            return Some(Exempt::NotApplicable(j));
        }
        self.waivers
            .iter()
            .find(|w| w.kind.waives(control))
            .map(Exempt::Waived)
    }
}

pub fn load(conn: &Connection, root_id: i64, checklist: &str) -> rusqlite::Result<Exemptions> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, reason, reference FROM waivers WHERE root_id = ?1 AND checklist_id = ?2 ORDER BY kind",
    )?;
    let waivers = stmt
        .query_map(params![root_id, checklist], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?
        .filter_map(|row| match row {
            Ok((kind, reason, reference)) => WaiverKind::parse(&kind).map(|kind| {
                Ok(Waiver {
                    kind,
                    reason,
                    reference,
                })
            }),
            Err(e) => Some(Err(e)),
        })
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT control_id, justification FROM not_applicable WHERE root_id = ?1 AND checklist_id = ?2",
    )?;
    let not_applicable = stmt
        .query_map(params![root_id, checklist], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Exemptions {
        waivers,
        not_applicable,
    })
}

/// Switches a waiver on (with its reason) or off (`None`).
pub fn set_waiver(
    conn: &Connection,
    root_id: i64,
    checklist: &str,
    kind: WaiverKind,
    on: Option<(&str, Option<&str>)>,
) -> rusqlite::Result<()> {
    match on {
        Some((reason, reference)) => conn.execute(
            "INSERT INTO waivers(root_id, checklist_id, kind, reason, reference) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(root_id, checklist_id, kind) DO UPDATE SET reason = excluded.reason, reference = excluded.reference",
            params![root_id, checklist, kind.as_str(), reason, reference],
        ),
        None => conn.execute(
            "DELETE FROM waivers WHERE root_id = ?1 AND checklist_id = ?2 AND kind = ?3",
            params![root_id, checklist, kind.as_str()],
        ),
    }
    .map(drop)
}

/// Marks a control not applicable (with its justification) or applicable again (`None`).
pub fn set_not_applicable(
    conn: &Connection,
    root_id: i64,
    checklist: &str,
    control: &str,
    justification: Option<&str>,
) -> rusqlite::Result<()> {
    match justification {
        Some(j) => conn.execute(
            "INSERT INTO not_applicable(root_id, checklist_id, control_id, justification) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(root_id, checklist_id, control_id) DO UPDATE SET justification = excluded.justification",
            params![root_id, checklist, control, j],
        ),
        None => conn.execute(
            "DELETE FROM not_applicable WHERE root_id = ?1 AND checklist_id = ?2 AND control_id = ?3",
            params![root_id, checklist, control],
        ),
    }
    .map(drop)
}
