//! SQLite storage: one table, one connection, one transaction per insert.

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
PRAGMA user_version = 1;
";

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

    /// Stores `new` unless its id is already present. The lookup, the
    /// reference allocation and the insert share one IMMEDIATE transaction,
    /// which is committed before this returns.
    pub fn insert(&self, new: &NewSubmission<'_>) -> rusqlite::Result<Outcome> {
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
        rows.collect::<rusqlite::Result<Vec<_>>>().map(Some)
    }

    pub fn get(&self, reference: &str) -> rusqlite::Result<Option<StoredSubmission>> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM submissions WHERE reference = ?1"),
                [reference],
                row_to_stored,
            )
            .optional()
    }

    pub fn count(&self) -> rusqlite::Result<i64> {
        self.conn()
            .query_row("SELECT COUNT(*) FROM submissions", [], |r| r.get(0))
    }
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
}
