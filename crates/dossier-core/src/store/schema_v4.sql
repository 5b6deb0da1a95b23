-- Suggested tags the user rejected for a file: never proposed again for it. Keyed by the
-- file's row, so a rejection follows the file through renames like its tags do.
CREATE TABLE suggestion_rejections (
    file_id    INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    control_id TEXT    NOT NULL,
    PRIMARY KEY (file_id, control_id)
);
