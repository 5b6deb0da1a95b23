//! Full-text search over file names and extracted text (SQLite FTS5).

use crate::evidence::kind::FileKind;
use crate::evidence::status::FileStatus;
use crate::extract::normalize;
use rusqlite::{params, Connection};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search is empty: give one or more words")]
    EmptyQuery,
    #[error("database error: {0}")]
    Store(#[from] rusqlite::Error),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SearchHit {
    pub path: String,
    pub kind: FileKind,
    pub status: FileStatus,
    /// A few words around the match, matches wrapped in `[` `]`.
    pub snippet: String,
}

/// Files of the root matching every word of `query` (prefixes match: "runb" finds
/// "runbook"), best first, names weighing more than body text.
pub fn search(
    conn: &Connection,
    root_id: i64,
    query: &str,
    limit: usize,
) -> Result<Vec<SearchHit>, SearchError> {
    let fts = to_fts_query(query).ok_or(SearchError::EmptyQuery)?;
    let mut stmt = conn.prepare_cached(
        // Rank first, then make excerpts for the hits shown only: `snippet` is the costly
        // part, and a word most documents contain would otherwise pay it for every one.
        "WITH top AS (
             SELECT file_text.rowid AS id, bm25(file_text, 5.0, 1.0) AS score
             FROM file_text JOIN files f ON f.id = file_text.rowid
             WHERE file_text MATCH ?1 AND f.root_id = ?2
             ORDER BY score LIMIT ?3)
         SELECT f.path, f.kind, f.status, f.missing_since IS NOT NULL,
                snippet(file_text, 1, '[', ']', '…', ?4)
         FROM top
         JOIN file_text ON file_text.rowid = top.id
         JOIN files f ON f.id = top.id
         WHERE file_text MATCH ?1
         ORDER BY top.score",
    )?;
    let span = excerpt_tokens(&fts);
    let rows = stmt.query_map(params![fts, root_id, limit as i64, span], |r| {
        let missing: bool = r.get(3)?;
        Ok(SearchHit {
            path: r.get(0)?,
            kind: FileKind::parse(&r.get::<_, String>(1)?).unwrap_or(FileKind::Other),
            status: if missing {
                FileStatus::Missing
            } else {
                FileStatus::parse(&r.get::<_, String>(2)?).unwrap_or(FileStatus::Unreadable)
            },
            snippet: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Turns what a person types into a safe FTS5 query: each word quoted, prefix-matched,
/// all required. Operators and punctuation in the input are treated as separators.
/// Each word quoted (so FTS5 syntax in a query is plain text); the last one a prefix, as
/// the user may still be typing it. Earlier words are whole: a prefix of a common word
/// ("root"*) expands to every word it begins and makes the query slow.
///
/// The query is normalised and split into words by the same rule as indexed text
/// ([`normalize`]); the store's tokenizer then turns each quoted word into the tokens the
/// index holds, so a Chinese or Japanese run becomes a phrase of its characters and a
/// Persian word keeps its zero-width non-joiner.
fn to_fts_query(query: &str) -> Option<String> {
    let normalised = normalize::normalize(query);
    let words: Vec<&str> = normalised
        .split(|c: char| !normalize::is_word_char(c))
        .filter(|w| has_tokens(w))
        .collect();
    let (last, init) = words.split_last()?;
    let mut quoted: Vec<String> = init.iter().map(|w| format!("\"{w}\"")).collect();
    quoted.push(format!("\"{last}\"*"));
    Some(quoted.join(" "))
}

/// How many tokens an excerpt spans: twelve words, or, for a query in a script whose
/// every character is a token (Chinese, Japanese, Thai…), 32 characters, about as much to
/// read; twelve would cut most sentences, and even the match, short.
fn excerpt_tokens(fts_query: &str) -> i64 {
    if fts_query.chars().any(normalize::is_own_token) {
        32
    } else {
        12
    }
}

/// Whether `word` holds anything to search for (not only joiners or marks).
fn has_tokens(word: &str) -> bool {
    normalize::for_each_token(word, true, |_, _, _| Err(())).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_quoted_words_and_the_last_one_a_prefix() {
        assert_eq!(to_fts_query("root cause").unwrap(), "\"root\" \"cause\"*");
        assert_eq!(to_fts_query("OPE-002").unwrap(), "\"OPE\" \"002\"*");
        assert_eq!(
            to_fts_query("\"a\" OR NEAR(").unwrap(),
            "\"a\" \"OR\" \"NEAR\"*"
        );
        assert_eq!(to_fts_query("ﬁnance").unwrap(), "\"finance\"*");
        assert_eq!(to_fts_query(" -- "), None);
        assert_eq!(to_fts_query("\u{200C} \u{200F}"), None);
    }

    #[test]
    fn queries_keep_words_the_index_keeps_whole() {
        assert_eq!(
            to_fts_query("\u{200F}می\u{200C}خواهم").unwrap(),
            "\"می\u{200C}خواهم\"*"
        );
        assert_eq!(
            to_fts_query("東京都 ＡＷＳ").unwrap(),
            "\"東京都\" \"AWS\"*"
        );
    }
}
