-- Customer examples of the practice: the four unique customers a checklist asks for.
-- Files under `folder` (relative to the evidence root) default to the example.
CREATE TABLE examples (
    id             INTEGER PRIMARY KEY,
    root_id        INTEGER NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    customer       TEXT    NOT NULL DEFAULT '',
    industry       TEXT    NOT NULL DEFAULT '',
    case_study_url TEXT,
    go_live        TEXT,              -- ISO date, YYYY-MM-DD
    folder         TEXT,
    -- Exported Well-Architected Framework Review report (relative path) showing zero
    -- high-risk issues in Security, Operational Excellence and Reliability, if any.
    wafr_report    TEXT,
    UNIQUE (root_id, name)
);

-- A tag may say which customer example the file is evidence for.
ALTER TABLE tags ADD COLUMN example_id INTEGER REFERENCES examples(id) ON DELETE SET NULL;
DROP INDEX tags_unique;
CREATE UNIQUE INDEX tags_unique ON tags(file_id, control_id, ifnull(item, 0), ifnull(example_id, 0));

-- Waivers the user switched on for one checklist: `msp` (approved AWS MSP) waives the
-- controls whose text says so; `ftr` waives the section whose text says so.
CREATE TABLE waivers (
    root_id      INTEGER NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
    checklist_id TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('msp', 'ftr')),
    reason       TEXT    NOT NULL,
    reference    TEXT,
    PRIMARY KEY (root_id, checklist_id, kind)
);

-- Controls marked not applicable for one checklist, with the user's justification.
CREATE TABLE not_applicable (
    root_id       INTEGER NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
    checklist_id  TEXT    NOT NULL,
    control_id    TEXT    NOT NULL,
    justification TEXT    NOT NULL,
    PRIMARY KEY (root_id, checklist_id, control_id)
);

-- Evidence items that are not files ("Delivery of presentation by a business development
-- executive", "A verbal description …", "demonstration of …"): who will present it, and how.
CREATE TABLE attestations (
    root_id    INTEGER NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
    control_id TEXT    NOT NULL,
    item       INTEGER NOT NULL,
    presenter  TEXT    NOT NULL,
    note       TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (root_id, control_id, item)
);

-- The program prerequisites of one checklist (APN tier, certified personnel, …).
CREATE TABLE prerequisite_status (
    root_id         INTEGER NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
    checklist_id    TEXT    NOT NULL,
    prerequisite_id TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('met', 'not_met', 'unknown')),
    value           TEXT,
    note            TEXT,
    PRIMARY KEY (root_id, checklist_id, prerequisite_id)
);

-- When a document's content dates from, if not its modification time, and whether the user
-- confirmed that evidence older than a checklist's window is still current.
ALTER TABLE files ADD COLUMN effective_date TEXT;
ALTER TABLE files ADD COLUMN fresh_confirmed INTEGER NOT NULL DEFAULT 0;
