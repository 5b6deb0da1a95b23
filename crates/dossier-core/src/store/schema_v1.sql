-- Evidence folders the user has opened; the most recently opened one is the active folder.
CREATE TABLE roots (
    id        INTEGER PRIMARY KEY,
    path      TEXT    NOT NULL UNIQUE,
    opened_at INTEGER NOT NULL
);

-- One row per piece of evidence. The row, not the path, owns the tags: a rename or move
-- updates `raw_path` and the tags follow. A vanished tagged file keeps its row with
-- `missing_since` set.
CREATE TABLE files (
    id            INTEGER PRIMARY KEY,
    root_id       INTEGER NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
    raw_path      BLOB    NOT NULL,  -- exact bytes of the path relative to the root, '/'-separated
    path          TEXT    NOT NULL,  -- the same path for display and search (lossy if not UTF-8)
    kind          TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    mtime_ns      INTEGER NOT NULL,
    dev           INTEGER,
    ino           INTEGER,
    birth_ns      INTEGER,
    hash          TEXT,              -- blake3, hex; NULL when the file could not be read
    status        TEXT    NOT NULL,  -- ok | no_text_layer | encrypted | unreadable | timed_out | too_large
    status_detail TEXT,
    indexed_at    INTEGER NOT NULL,
    missing_since INTEGER,
    UNIQUE (root_id, raw_path)
);
CREATE INDEX files_hash ON files(hash);

-- Extracted, normalised text, searchable by name and content.
CREATE VIRTUAL TABLE file_text USING fts5(name, body, tokenize = 'unicode61 remove_diacritics 2');

-- A file tagged as evidence for a control. `item` is the 1-based evidence item the file
-- answers, or NULL for the control as a whole.
CREATE TABLE tags (
    id         INTEGER PRIMARY KEY,
    file_id    INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    control_id TEXT    NOT NULL,
    item       INTEGER,
    note       TEXT,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX tags_unique ON tags(file_id, control_id, ifnull(item, 0));
CREATE INDEX tags_control ON tags(control_id);
