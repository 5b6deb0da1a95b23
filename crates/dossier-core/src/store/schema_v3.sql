-- A validation session: one walk through a checklist with the AWS reviewer. Every change is
-- written as it happens, so closing the lid or a crash loses nothing.
CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY,
    root_id         INTEGER NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
    checklist_id    TEXT    NOT NULL,
    started_at      INTEGER NOT NULL,
    ended_at        INTEGER,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes > 0),
    -- The control on screen, so a reopened app resumes where the walk was.
    current_control TEXT,
    -- Private notes and folder paths hidden while the screen is shared.
    presenting      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sessions_by_checklist ON sessions(root_id, checklist_id, started_at);

-- What the reviewer concluded for one control, with the lead's note.
CREATE TABLE session_outcomes (
    session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    control_id  TEXT    NOT NULL,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('met', 'not_met', 'follow_up')),
    note        TEXT,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, control_id)
);
