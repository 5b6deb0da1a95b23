-- Search with the `dossier` tokenizer (store/tokenizer.rs): Chinese, Japanese, Korean and
-- Thai characters are tokens of their own, marks stay inside their word, and Persian
-- words with a zero-width non-joiner are found however they are typed. The stored text
-- is kept as it is and indexed anew, so every file is found the new way at once; nothing
-- else (tags, statuses) is touched.
CREATE VIRTUAL TABLE file_text_v6 USING fts5(name, body, tokenize = 'dossier');
INSERT INTO file_text_v6(rowid, name, body) SELECT rowid, name, body FROM file_text;
DROP TABLE file_text;
ALTER TABLE file_text_v6 RENAME TO file_text;
