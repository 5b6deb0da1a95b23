-- Checklists the user imported, listed with the built-in ones. Stored in the data-file
-- format of assets/checklists (TOML), so a stored checklist reads like a shipped one.
CREATE TABLE imported_checklists (
    id          TEXT    PRIMARY KEY,
    data        TEXT    NOT NULL,
    -- The file name it came from, or "pasted text".
    source      TEXT    NOT NULL,
    -- text | html | data_file
    format      TEXT    NOT NULL,
    imported_at INTEGER NOT NULL
);
