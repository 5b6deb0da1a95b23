//! The `dossier` FTS5 tokenizer, which `file_text` is indexed with.
//!
//! SQLite's own `unicode61` keeps a run of Chinese or Japanese as one token (a word inside
//! a sentence is never found) and cuts Hindi, pointed Arabic or Hebrew at every mark. This
//! one applies [`for_each_token`], the rule `search` splits queries by, and FTS5 runs it on
//! indexed text and on queries alike, so both sides agree by construction. It works on
//! the stored text as it is: snippets show the document's own characters, never a form
//! with spaces put between ideographs.
//!
//! A tokenizer lives in the connection, not the file: [`register`] runs on every
//! connection the store opens, before `file_text` is touched.

use crate::extract::normalize::for_each_token;
use rusqlite::{ffi, Connection};
use std::ffi::{c_char, c_int, c_void, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::{null_mut, NonNull};

/// The name `file_text` is created with (`tokenize = 'dossier'`, schema v6).
const NAME: &CStr = c"dossier";

/// Registers the tokenizer on `conn`.
pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let api = fts5_api(conn)?;
    let mut tokenizer = ffi::fts5_tokenizer {
        xCreate: Some(create),
        xDelete: Some(delete),
        xTokenize: Some(tokenize),
    };
    // SAFETY: `api` is this connection's live FTS5 API, checked non-null; FTS5 copies
    // `tokenizer`, whose functions are 'static, and keeps no pointer to it.
    let rc = unsafe {
        match (*api).xCreateTokenizer {
            Some(create_tokenizer) => {
                create_tokenizer(api, NAME.as_ptr(), null_mut(), &mut tokenizer, None)
            }
            None => ffi::SQLITE_ERROR,
        }
    };
    result(conn, rc)
}

/// The FTS5 API of `conn`, fetched as SQLite documents it: `SELECT fts5(?1)` with a
/// pointer bound to the first parameter.
fn fts5_api(conn: &Connection) -> rusqlite::Result<*mut ffi::fts5_api> {
    let mut api: *mut ffi::fts5_api = null_mut();
    // SAFETY: the handle is live for the borrow of `conn`; the statement is finalised
    // before returning, and `api` outlives it (FTS5 writes it during the step).
    let rc = unsafe {
        let db = conn.handle();
        let mut stmt = null_mut();
        let rc =
            ffi::sqlite3_prepare_v2(db, c"SELECT fts5(?1)".as_ptr(), -1, &mut stmt, null_mut());
        if rc != ffi::SQLITE_OK {
            return result(conn, rc).map(|()| null_mut());
        }
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt)
    };
    result(conn, rc)?;
    if api.is_null() {
        return Err(rusqlite::Error::SqliteFailure(
            ffi::Error::new(ffi::SQLITE_ERROR),
            Some("this SQLite has no FTS5".into()),
        ));
    }
    Ok(api)
}

fn result(conn: &Connection, rc: c_int) -> rusqlite::Result<()> {
    if rc == ffi::SQLITE_OK {
        return Ok(());
    }
    // SAFETY: the handle is live for the borrow of `conn`; the message is copied at once.
    let message = unsafe {
        let msg = ffi::sqlite3_errmsg(conn.handle());
        (!msg.is_null()).then(|| CStr::from_ptr(msg).to_string_lossy().into_owned())
    };
    Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), message))
}

/// The tokenizer has no state: FTS5 gets a non-null handle it never looks into.
unsafe extern "C" fn create(
    _: *mut c_void,
    _: *mut *const c_char,
    _: c_int,
    out: *mut *mut ffi::Fts5Tokenizer,
) -> c_int {
    // SAFETY: FTS5 passes a valid place for the new tokenizer.
    unsafe { *out = NonNull::dangling().as_ptr() };
    ffi::SQLITE_OK
}

unsafe extern "C" fn delete(_: *mut ffi::Fts5Tokenizer) {}

type TokenCallback = unsafe extern "C" fn(
    ctx: *mut c_void,
    flags: c_int,
    token: *const c_char,
    len: c_int,
    start: c_int,
    end: c_int,
) -> c_int;

unsafe extern "C" fn tokenize(
    _: *mut ffi::Fts5Tokenizer,
    ctx: *mut c_void,
    flags: c_int,
    text: *const c_char,
    len: c_int,
    callback: Option<TokenCallback>,
) -> c_int {
    let Some(callback) = callback else {
        return ffi::SQLITE_MISUSE;
    };
    if text.is_null() || len <= 0 {
        return ffi::SQLITE_OK;
    }
    // SAFETY: FTS5 passes `len` readable bytes at `text`, alive for this call.
    let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len as usize) };
    let query = flags & ffi::FTS5_TOKENIZE_QUERY != 0;
    // A panic must not unwind into SQLite's C frames.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        tokenize_bytes(bytes, query, |token, start, end, colocated| {
            let flags = if colocated {
                ffi::FTS5_TOKEN_COLOCATED
            } else {
                0
            };
            // SAFETY: `ctx` and `callback` are FTS5's own, passed through unchanged;
            // `token` is alive for the call, which copies it.
            let rc = unsafe {
                callback(
                    ctx,
                    flags,
                    token.as_ptr().cast::<c_char>(),
                    token.len() as c_int,
                    start as c_int,
                    end as c_int,
                )
            };
            if rc == ffi::SQLITE_OK {
                Ok(())
            } else {
                Err(rc)
            }
        })
    }));
    match outcome {
        Ok(Ok(())) => ffi::SQLITE_OK,
        Ok(Err(rc)) => rc,
        Err(_) => ffi::SQLITE_ERROR,
    }
}

/// Tokens of `bytes` with byte offsets into it. Text is UTF-8 as Dossier writes it; a
/// value that is not (written by another program) is read around its bad bytes.
fn tokenize_bytes(
    bytes: &[u8],
    query: bool,
    mut emit: impl FnMut(&str, usize, usize, bool) -> Result<(), c_int>,
) -> Result<(), c_int> {
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        for_each_token(valid, query, |token, range, colocated| {
            emit(token, offset + range.start, offset + range.end, colocated)
        })?;
        offset += valid.len() + chunk.invalid().len();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indexed(conn: &Connection, body: &str) {
        conn.execute("INSERT INTO t(body) VALUES (?1)", [body])
            .unwrap();
    }

    fn hits(conn: &Connection, query: &str) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 ORDER BY rowid")
            .unwrap();
        let rows = stmt.query_map([query], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'dossier')")
            .unwrap();
        conn
    }

    #[test]
    fn a_word_inside_a_japanese_sentence_is_found_and_highlighted_as_written() {
        let conn = table();
        indexed(&conn, "本社は東京都港区にあります。");
        indexed(&conn, "京都の支社");
        assert_eq!(hits(&conn, "\"東京\""), ["本社は[東京]都港区にあります。"]);
        assert_eq!(hits(&conn, "\"京都\"*").len(), 2);
    }

    #[test]
    fn invalid_utf8_is_read_around() {
        let conn = table();
        conn.execute(
            "INSERT INTO t(body) VALUES (CAST(x'414243ff20726f6f74' AS TEXT))",
            [],
        )
        .unwrap();
        let found: i64 = conn
            .query_row("SELECT count(*) FROM t WHERE t MATCH 'root'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(found, 1);
    }
}
