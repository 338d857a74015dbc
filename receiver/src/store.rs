//! SQLite storage: submissions and their files, one connection, one
//! transaction per submission (its row and all its files together).

use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{Datelike, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS submissions (
    id              TEXT PRIMARY KEY NOT NULL,
    reference       TEXT NOT NULL UNIQUE,
    received_at     TEXT NOT NULL,
    kind            TEXT NOT NULL,
    landlord_id     TEXT NOT NULL,
    body            TEXT NOT NULL,
    idempotency_key TEXT
);
CREATE TABLE IF NOT EXISTS files (
    submission_id   TEXT NOT NULL REFERENCES submissions(id),
    attachment_id   TEXT NOT NULL,
    filename        TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    bytes           INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    content         BLOB NOT NULL,
    PRIMARY KEY (submission_id, attachment_id)
);
PRAGMA user_version = 2;
";

const FILE_COLUMNS: &str = "attachment_id, filename, media_type, bytes, sha256";

const COLUMNS: &str = "reference, id, kind, landlord_id, received_at, body, idempotency_key";

/// What the receiver sends back for a stored submission (201 body).
/// Field order is fixed, so a replay serialises to identical bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    pub reference: String,
    pub id: String,
    pub received_at: String,
}

/// A submission about to be stored. `body` is the exact text received.
#[derive(Debug, Clone, Copy)]
pub struct NewSubmission<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub landlord_id: &'a str,
    pub body: &'a str,
    pub idempotency_key: Option<&'a str>,
    /// Its files, checked against its `attachments`, in their order.
    pub files: &'a [NewFile<'a>],
}

/// A file about to be stored with its submission.
#[derive(Debug, Clone, Copy)]
pub struct NewFile<'a> {
    /// The attachment's `id`.
    pub id: &'a str,
    pub filename: &'a str,
    pub media_type: &'a str,
    pub sha256: &'a str,
    pub content: &'a [u8],
}

/// What is stored of a file, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// The attachment's `id`.
    pub id: String,
    pub filename: String,
    pub media_type: String,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new row was committed.
    Created(Receipt),
    /// The id was already stored; nothing was written. `body` is the
    /// stored body, for the caller to compare with the new one.
    Existing { receipt: Receipt, body: String },
}

/// A stored row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSubmission {
    pub reference: String,
    pub id: String,
    pub kind: String,
    pub landlord_id: String,
    pub received_at: String,
    pub body: String,
    pub idempotency_key: Option<String>,
    /// Its files, in the order its `attachments` lists them.
    pub files: Vec<StoredFile>,
}

pub struct Store {
    conn: Mutex<Connection>,
    prefix: String,
}

impl Store {
    /// Opens (creating if needed) the database at `path` in WAL mode with
    /// `synchronous=FULL`. The parent directory must exist.
    pub fn open(path: &Path, reference_prefix: &str) -> Result<Store, String> {
        let describe = |e: rusqlite::Error| format!("cannot open database {}: {e}", path.display());
        let conn = Connection::open(path).map_err(describe)?;
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(describe)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(describe)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(format!(
                "cannot open database {}: WAL mode unavailable (journal_mode={mode})",
                path.display()
            ));
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(describe)?;
        conn.execute_batch(SCHEMA).map_err(describe)?;
        Ok(Store {
            conn: Mutex::new(conn),
            prefix: reference_prefix.to_owned(),
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no open transaction behind
        // (rusqlite rolls back on drop), so a poisoned lock is still usable.
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stores `new` and its files unless its id is already present. The
    /// lookup, the reference allocation and the inserts share one IMMEDIATE
    /// transaction, which is committed before this returns: a crash leaves
    /// the submission with all its files, or neither.
    pub fn insert(&self, new: &NewSubmission<'_>) -> rusqlite::Result<Outcome> {
        self.insert_with(new, || {})
    }

    /// As [`Store::insert`], running `mid_write` inside the transaction once
    /// the submission's row and its first file are written (the crash
    /// fault ends the process there).
    pub fn insert_with(
        &self,
        new: &NewSubmission<'_>,
        mid_write: impl FnOnce(),
    ) -> rusqlite::Result<Outcome> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;

        let existing = tx
            .query_row(
                "SELECT reference, id, received_at, body FROM submissions WHERE id = ?1",
                [new.id],
                |r| {
                    let receipt = Receipt {
                        reference: r.get(0)?,
                        id: r.get(1)?,
                        received_at: r.get(2)?,
                    };
                    Ok((receipt, r.get::<_, String>(3)?))
                },
            )
            .optional()?;
        if let Some((receipt, body)) = existing {
            return Ok(Outcome::Existing { receipt, body });
        }

        let now = Utc::now();
        let received_at = now.to_rfc3339_opts(SecondsFormat::Millis, true);
        let stem = format!("{}-{}-", self.prefix, now.year());
        let stem_len = stem.chars().count() as i64;
        let last: Option<i64> = tx.query_row(
            "SELECT MAX(CAST(substr(reference, ?1) AS INTEGER)) FROM submissions
             WHERE substr(reference, 1, ?2) = ?3",
            params![stem_len + 1, stem_len, stem],
            |r| r.get(0),
        )?;
        let reference = format!("{stem}{:06}", last.unwrap_or(0) + 1);

        tx.execute(
            "INSERT INTO submissions (id, reference, received_at, kind, landlord_id, body, idempotency_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                new.id,
                reference,
                received_at,
                new.kind,
                new.landlord_id,
                new.body,
                new.idempotency_key
            ],
        )?;
        let mut files = new.files.iter();
        let insert_file = |f: &NewFile<'_>| {
            tx.execute(
                "INSERT INTO files (submission_id, attachment_id, filename, media_type, bytes, sha256, content)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![new.id, f.id, f.filename, f.media_type, f.content.len() as i64, f.sha256, f.content],
            )
        };
        if let Some(first) = files.next() {
            insert_file(first)?;
        }
        mid_write();
        for f in files {
            insert_file(f)?;
        }
        tx.commit()?;

        Ok(Outcome::Created(Receipt {
            reference,
            id: new.id.to_owned(),
            received_at,
        }))
    }

    /// Up to `limit` submissions, newest first, starting after the one with
    /// reference `after` (or from the newest). `None` if `after` names no
    /// stored submission.
    pub fn page(
        &self,
        after: Option<&str>,
        limit: usize,
    ) -> rusqlite::Result<Option<Vec<StoredSubmission>>> {
        let conn = self.conn();
        let before = match after {
            None => i64::MAX,
            Some(reference) => {
                let rowid = conn
                    .query_row(
                        "SELECT rowid FROM submissions WHERE reference = ?1",
                        [reference],
                        |r| r.get(0),
                    )
                    .optional()?;
                match rowid {
                    Some(rowid) => rowid,
                    None => return Ok(None),
                }
            }
        };
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM submissions WHERE rowid < ?1 ORDER BY rowid DESC LIMIT ?2"
        ))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![before, limit], row_to_stored)?;
        let mut rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        for row in &mut rows {
            row.files = files_of(&conn, &row.id)?;
        }
        Ok(Some(rows))
    }

    pub fn get(&self, reference: &str) -> rusqlite::Result<Option<StoredSubmission>> {
        let conn = self.conn();
        let row = conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM submissions WHERE reference = ?1"),
                [reference],
                row_to_stored,
            )
            .optional()?;
        row.map(|mut row| {
            row.files = files_of(&conn, &row.id)?;
            Ok(row)
        })
        .transpose()
    }

    /// The file `id` of the submission `reference`, with its content.
    pub fn file(
        &self,
        reference: &str,
        id: &str,
    ) -> rusqlite::Result<Option<(StoredFile, Vec<u8>)>> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT {FILE_COLUMNS}, content FROM files
                     WHERE attachment_id = ?2
                       AND submission_id = (SELECT id FROM submissions WHERE reference = ?1)"
                ),
                [reference, id],
                |r| Ok((row_to_file(r)?, r.get(5)?)),
            )
            .optional()
    }

    pub fn count(&self) -> rusqlite::Result<i64> {
        self.conn()
            .query_row("SELECT COUNT(*) FROM submissions", [], |r| r.get(0))
    }
}

fn files_of(conn: &Connection, submission_id: &str) -> rusqlite::Result<Vec<StoredFile>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FILE_COLUMNS} FROM files WHERE submission_id = ?1 ORDER BY rowid"
    ))?;
    let files = stmt.query_map([submission_id], row_to_file)?;
    files.collect()
}

fn row_to_file(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredFile> {
    Ok(StoredFile {
        id: r.get(0)?,
        filename: r.get(1)?,
        media_type: r.get(2)?,
        bytes: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
        sha256: r.get(4)?,
    })
}

fn row_to_stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredSubmission> {
    Ok(StoredSubmission {
        reference: r.get(0)?,
        id: r.get(1)?,
        kind: r.get(2)?,
        landlord_id: r.get(3)?,
        received_at: r.get(4)?,
        body: r.get(5)?,
        idempotency_key: r.get(6)?,
        files: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new<'a>(id: &'a str, body: &'a str) -> NewSubmission<'a> {
        NewSubmission {
            id,
            kind: "complaint",
            landlord_id: "demo",
            body,
            idempotency_key: None,
            files: &[],
        }
    }

    #[test]
    fn sequential_references_and_replay() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.sqlite3");
        let store = Store::open(&path, "PR").expect("open");
        let year = Utc::now().year();

        let Outcome::Created(a) = store.insert(&new("a", "{}")).expect("insert") else {
            panic!("first insert must create");
        };
        assert_eq!(a.reference, format!("PR-{year}-000001"));
        let Outcome::Created(b) = store.insert(&new("b", "{}")).expect("insert") else {
            panic!("second insert must create");
        };
        assert_eq!(b.reference, format!("PR-{year}-000002"));

        let replay = store.insert(&new("a", "{ }")).expect("insert");
        assert_eq!(
            replay,
            Outcome::Existing {
                receipt: a.clone(),
                body: "{}".into()
            }
        );
        assert_eq!(store.count().expect("count"), 2);
        drop(store);

        // Reopened with another prefix: the old rows keep their references,
        // the new prefix starts its own counter.
        let store = Store::open(&path, "HX").expect("reopen");
        assert!(matches!(
            store.insert(&new("a", "{}")).expect("insert"),
            Outcome::Existing { .. }
        ));
        let Outcome::Created(c) = store.insert(&new("c", "{}")).expect("insert") else {
            panic!("must create");
        };
        assert_eq!(c.reference, format!("HX-{year}-000001"));
        let refs = |after: Option<&str>, limit| -> Option<Vec<String>> {
            let rows = store.page(after, limit).expect("page")?;
            Some(rows.into_iter().map(|s| s.reference).collect())
        };
        assert_eq!(
            refs(None, 10),
            Some(vec![
                c.reference.clone(),
                b.reference.clone(),
                a.reference.clone()
            ])
        );
        assert_eq!(
            refs(None, 2),
            Some(vec![c.reference.clone(), b.reference.clone()])
        );
        assert_eq!(refs(Some(&b.reference), 2), Some(vec![a.reference.clone()]));
        assert_eq!(refs(Some(&a.reference), 2), Some(vec![]));
        assert_eq!(refs(Some("PR-0000-000009"), 2), None, "unknown cursor");
        assert_eq!(
            store.get(&a.reference).expect("get").map(|s| s.id),
            Some("a".into())
        );
        assert_eq!(store.get("PR-0000-000009").expect("get"), None);
    }

    #[test]
    fn a_submission_and_its_files_are_one_transaction() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("f.sqlite3"), "PR").expect("open");
        let file = |id: &'static str, content: &'static [u8]| NewFile {
            id,
            filename: "photo.jpg",
            media_type: "image/jpeg",
            sha256: "ab",
            content,
        };
        let files = [
            file("a1", b"\xFF\xD8\xFFone"),
            file("a2", b"\xFF\xD8\xFFtwo"),
        ];
        let with_files = NewSubmission {
            files: &files,
            ..new("x", "{}")
        };
        // Failing half-way (after the row and the first file) keeps nothing.
        let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            store.insert_with(&with_files, || panic!("crash"))
        }));
        assert!(failed.is_err());
        assert_eq!(store.count().expect("count"), 0);
        let conn = store.conn();
        let orphans: i64 = conn
            .query_row("SELECT COUNT(*) FROM files", [], |r| r.get(0))
            .expect("files");
        drop(conn);
        assert_eq!(orphans, 0, "no file without its submission");

        let Outcome::Created(receipt) = store.insert(&with_files).expect("insert") else {
            panic!("must create");
        };
        let row = store.get(&receipt.reference).expect("get").expect("row");
        let ids: Vec<(&str, u64)> = row.files.iter().map(|f| (f.id.as_str(), f.bytes)).collect();
        assert_eq!(ids, [("a1", 6), ("a2", 6)]);
        let page = store.page(None, 10).expect("page").expect("rows");
        assert_eq!(page[0].files, row.files);
        let (meta, content) = store
            .file(&receipt.reference, "a2")
            .expect("file")
            .expect("a2");
        assert_eq!(
            (meta.media_type.as_str(), content.as_slice()),
            ("image/jpeg", &b"\xFF\xD8\xFFtwo"[..])
        );
        assert_eq!(store.file(&receipt.reference, "a3").expect("file"), None);
        assert_eq!(store.file("PR-0000-000009", "a1").expect("file"), None);
    }
}
