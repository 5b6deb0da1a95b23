//! A validation session: the AWS reviewer walks one checklist control by control and the
//! lead records each outcome as it is given. Every change is one short write, so a crash or
//! a closed lid loses nothing; the agenda pace is computed here, not in the UI.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// What the reviewer concluded for one control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    Met,
    NotMet,
    FollowUp,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::NotMet => "not_met",
            Self::FollowUp => "follow_up",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "met" => Some(Self::Met),
            "not_met" => Some(Self::NotMet),
            "follow_up" => Some(Self::FollowUp),
            _ => None,
        }
    }

    /// As a reviewer would say it, for reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "Met",
            Self::NotMet => "Not met",
            Self::FollowUp => "Needs follow-up",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct OutcomeRecord {
    pub control: String,
    pub outcome: Outcome,
    pub note: Option<String>,
    /// Seconds since the Unix epoch.
    #[ts(type = "number")]
    pub recorded_at: i64,
}

/// A session as stored, outcomes in the order they were recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub id: i64,
    pub root_id: i64,
    pub checklist: String,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub planned_minutes: u32,
    pub current_control: Option<String>,
    pub presenting: bool,
    pub outcomes: Vec<OutcomeRecord>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PaceStatus {
    /// More controls done than an even pace needs by now.
    Ahead,
    OnTrack,
    Behind,
    /// The planned time is used up and controls remain.
    Overtime,
    /// Every control has an outcome.
    Done,
}

/// Controls remaining versus time left, against an even pace over the planned time.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Pace {
    #[ts(type = "number")]
    pub controls: usize,
    #[ts(type = "number")]
    pub recorded: usize,
    #[ts(type = "number")]
    pub remaining: usize,
    #[ts(type = "number")]
    pub elapsed_secs: i64,
    /// Negative once the planned time is over.
    #[ts(type = "number")]
    pub left_secs: i64,
    /// Time left per remaining control, when both are positive.
    #[ts(type = "number | null")]
    pub secs_per_control: Option<i64>,
    /// How many controls an even pace would have recorded by now.
    #[ts(type = "number")]
    pub expected: usize,
    pub status: PaceStatus,
}

/// The pace of a walk over `walked` (the controls that need an outcome) at `now`.
pub fn pace(session: &SessionRow, walked: &[&str], now: i64) -> Pace {
    let controls = walked.len();
    let recorded = walked
        .iter()
        .filter(|id| session.outcomes.iter().any(|o| o.control == **id))
        .count();
    let remaining = controls - recorded;
    let planned = i64::from(session.planned_minutes) * 60;
    let elapsed = (session.ended_at.unwrap_or(now) - session.started_at).max(0);
    let left = planned - elapsed;
    let expected = if planned == 0 {
        controls
    } else {
        ((controls as i64 * elapsed.min(planned)) / planned) as usize
    };
    // One control's worth of slack either way reads as "on track".
    let status = if remaining == 0 {
        PaceStatus::Done
    } else if left <= 0 {
        PaceStatus::Overtime
    } else if recorded > expected + 1 {
        PaceStatus::Ahead
    } else if recorded + 1 < expected {
        PaceStatus::Behind
    } else {
        PaceStatus::OnTrack
    };
    Pace {
        controls,
        recorded,
        remaining,
        elapsed_secs: elapsed,
        left_secs: left,
        secs_per_control: (left > 0 && remaining > 0).then(|| left / remaining as i64),
        expected,
        status,
    }
}

/// A session as the app shows it: outcomes in checklist order, the follow-ups gathered
/// into an action list, and the pace.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Session {
    #[ts(type = "number")]
    pub id: i64,
    pub checklist: String,
    #[ts(type = "number")]
    pub started_at: i64,
    #[ts(type = "number | null")]
    pub ended_at: Option<i64>,
    pub planned_minutes: u32,
    pub current_control: Option<String>,
    /// Private notes and folder paths are hidden while the screen is shared.
    pub presenting: bool,
    pub outcomes: Vec<OutcomeRecord>,
    pub follow_ups: Vec<OutcomeRecord>,
    pub pace: Pace,
}

impl Session {
    /// `order` is every control of the checklist in order; `walked` those needing an outcome.
    pub fn new(row: SessionRow, order: &[&str], walked: &[&str], now: i64) -> Self {
        let pace = pace(&row, walked, now);
        let position = |c: &OutcomeRecord| order.iter().position(|id| *id == c.control);
        let mut outcomes = row.outcomes;
        outcomes.sort_by_key(|o| position(o));
        let follow_ups = outcomes
            .iter()
            .filter(|o| o.outcome == Outcome::FollowUp)
            .cloned()
            .collect();
        Self {
            id: row.id,
            checklist: row.checklist,
            started_at: row.started_at,
            ended_at: row.ended_at,
            planned_minutes: row.planned_minutes,
            current_control: row.current_control,
            presenting: row.presenting,
            outcomes,
            follow_ups,
            pace,
        }
    }
}

pub fn start(
    conn: &Connection,
    root_id: i64,
    checklist: &str,
    planned_minutes: u32,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO sessions(root_id, checklist_id, started_at, planned_minutes)
         VALUES (?1, ?2, ?3, ?4)",
        params![root_id, checklist, now, planned_minutes],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The most recent session of a checklist, `open_only` for one not ended yet.
pub fn latest(
    conn: &Connection,
    root_id: i64,
    checklist: &str,
    open_only: bool,
) -> rusqlite::Result<Option<SessionRow>> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM sessions WHERE root_id = ?1 AND checklist_id = ?2
               AND (?3 = 0 OR ended_at IS NULL)
             ORDER BY started_at DESC, id DESC LIMIT 1",
            params![root_id, checklist, open_only],
            |r| r.get(0),
        )
        .optional()?;
    match id {
        Some(id) => load(conn, id),
        None => Ok(None),
    }
}

pub fn load(conn: &Connection, id: i64) -> rusqlite::Result<Option<SessionRow>> {
    let Some(mut row) = conn
        .query_row(
            "SELECT id, root_id, checklist_id, started_at, ended_at, planned_minutes,
                    current_control, presenting
             FROM sessions WHERE id = ?1",
            [id],
            |r| {
                Ok(SessionRow {
                    id: r.get(0)?,
                    root_id: r.get(1)?,
                    checklist: r.get(2)?,
                    started_at: r.get(3)?,
                    ended_at: r.get(4)?,
                    planned_minutes: r.get(5)?,
                    current_control: r.get(6)?,
                    presenting: r.get(7)?,
                    outcomes: Vec::new(),
                })
            },
        )
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT control_id, outcome, note, recorded_at FROM session_outcomes
         WHERE session_id = ?1 ORDER BY recorded_at, control_id",
    )?;
    row.outcomes = stmt
        .query_map([id], |r| {
            let outcome: String = r.get(1)?;
            Ok(OutcomeRecord {
                control: r.get(0)?,
                // The table's CHECK admits only the three values `parse` knows.
                outcome: Outcome::parse(&outcome).unwrap_or(Outcome::FollowUp),
                note: r.get(2)?,
                recorded_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(row))
}

/// Records (or replaces) the outcome of one control; `None` clears it.
pub fn record(
    conn: &Connection,
    session: i64,
    control: &str,
    outcome: Option<(Outcome, Option<&str>)>,
    now: i64,
) -> rusqlite::Result<()> {
    match outcome {
        Some((outcome, note)) => conn.execute(
            "INSERT INTO session_outcomes(session_id, control_id, outcome, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(session_id, control_id) DO UPDATE SET outcome = excluded.outcome,
               note = excluded.note, recorded_at = excluded.recorded_at",
            params![session, control, outcome.as_str(), note, now],
        ),
        None => conn.execute(
            "DELETE FROM session_outcomes WHERE session_id = ?1 AND control_id = ?2",
            params![session, control],
        ),
    }
    .map(drop)
}

pub fn set_position(conn: &Connection, session: i64, control: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sessions SET current_control = ?2 WHERE id = ?1",
        params![session, control],
    )
    .map(drop)
}

pub fn set_presenting(conn: &Connection, session: i64, presenting: bool) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sessions SET presenting = ?2 WHERE id = ?1",
        params![session, presenting],
    )
    .map(drop)
}

pub fn end(conn: &Connection, session: i64, now: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sessions SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL",
        params![session, now],
    )
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(planned_minutes: u32, done: &[&str]) -> SessionRow {
        SessionRow {
            id: 1,
            root_id: 1,
            checklist: "c".into(),
            started_at: 1_000,
            ended_at: None,
            planned_minutes,
            current_control: None,
            presenting: true,
            outcomes: done
                .iter()
                .map(|c| OutcomeRecord {
                    control: c.to_string(),
                    outcome: Outcome::Met,
                    note: None,
                    recorded_at: 1_000,
                })
                .collect(),
        }
    }

    const WALK: [&str; 10] = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];

    #[test]
    fn halfway_through_the_time_with_half_the_controls_is_on_track() {
        let p = pace(&session(60, &WALK[..5]), &WALK, 1_000 + 30 * 60);
        assert_eq!((p.recorded, p.remaining, p.expected), (5, 5, 5));
        assert_eq!(p.left_secs, 30 * 60);
        assert_eq!(p.secs_per_control, Some(6 * 60));
        assert_eq!(p.status, PaceStatus::OnTrack);
    }

    #[test]
    fn few_controls_late_in_the_hour_is_behind_and_past_it_is_overtime() {
        let s = session(60, &WALK[..2]);
        assert_eq!(pace(&s, &WALK, 1_000 + 45 * 60).status, PaceStatus::Behind);
        let over = pace(&s, &WALK, 1_000 + 70 * 60);
        assert_eq!(over.status, PaceStatus::Overtime);
        assert_eq!(over.left_secs, -10 * 60);
        assert_eq!(over.secs_per_control, None);
    }

    #[test]
    fn many_controls_early_is_ahead_and_all_of_them_is_done() {
        assert_eq!(
            pace(&session(60, &WALK[..6]), &WALK, 1_000 + 60).status,
            PaceStatus::Ahead
        );
        assert_eq!(
            pace(&session(60, &WALK), &WALK, 1_000 + 90 * 60).status,
            PaceStatus::Done
        );
    }

    #[test]
    fn outcomes_of_controls_outside_the_walk_do_not_count() {
        let p = pace(&session(60, &["WAIVED-1", "A"]), &WALK, 1_000);
        assert_eq!((p.recorded, p.remaining), (1, 9));
    }
}
