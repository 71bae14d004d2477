//! marsad's archive: an embedded SQLite store of documents and event mentions, the ingest
//! pipeline, cross-report fusion into incidents, the per-place situation tracker, queries and
//! exports.
//!
//! One file (`marsad.db` by default), WAL mode, schema versioned with `PRAGMA user_version`
//! and forward migrations ([`SCHEMA_VERSION`]). Tables:
//!
//! | table | one row per |
//! |---|---|
//! | `documents` | distinct body (content hash of the exact body text), with its text and metadata |
//! | `records` | input record id, linked to the body it carries (repeats are linked, not duplicated) |
//! | `mentions` | extracted event mention, with its full `marsad/1` JSON, engine and KB versions |
//! | `incidents`, `incident_mentions`, `incident_links` | fused incident, its mentions, claim↔denial links |
//! | `states` | situation-tracker state of a place derived from an incident |
//! | `places`, `actors` | knowledge-base entries referenced by mentions (with their ancestors) |
//! | `errors` | bad record: record, input, reason |
//!
//! Incidents and states are a deterministic function of the stored mentions (see [`fuse`]),
//! rebuilt after every ingest, so an interrupted and resumed ingest ends where an
//! uninterrupted one does.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod export;
pub mod fuse;
pub mod hash;
pub mod ingest;
pub mod query;
pub mod rebuild;
pub mod situation;

use rusqlite::{params, Connection, OptionalExtension};
use std::fmt;
use std::path::Path;

/// The schema version this build writes (stored in `PRAGMA user_version`).
pub const SCHEMA_VERSION: u32 = 1;

/// The default store file name.
pub const DEFAULT_DB: &str = "marsad.db";

/// A store error: SQLite, I/O or a malformed stored value.
#[derive(Debug)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(format!("store: {e}"))
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError(format!("I/O: {e}"))
    }
}

/// Result alias of this crate.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Migrations: `MIGRATIONS[i]` takes a store from version `i` to `i + 1`.
const MIGRATIONS: [&str; 1] = [include_str!("schema_v1.sql")];

/// An open store.
pub struct Store {
    conn: Connection,
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    /// Distinct bodies stored.
    pub documents: u64,
    /// Input records (first occurrences and linked repeats).
    pub records: u64,
    /// Records that repeat a body stored under another record.
    pub repeats: u64,
    /// Event mentions.
    pub mentions: u64,
    /// Fused incidents.
    pub incidents: u64,
    /// Situation states.
    pub states: u64,
    /// Recorded bad records.
    pub errors: u64,
}

impl Store {
    /// Opens (creating if needed) the store at `path`, in WAL mode, migrated to
    /// [`SCHEMA_VERSION`]. A store written by a newer version is refused.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        let store = Store::init(conn)?;
        Ok(store)
    }

    /// An in-memory store (tests).
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL: readers never block the writer, and a killed writer loses only its open
        // transaction. `journal_mode` returns a row, hence query_row.
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))?)
    }

    fn migrate(&mut self) -> Result<()> {
        let v = self.schema_version()?;
        if v as usize > MIGRATIONS.len() {
            return Err(StoreError(format!(
                "the store has schema version {v}, newer than this marsad ({SCHEMA_VERSION}): upgrade marsad"
            )));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(v as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The underlying connection (for queries this crate does not wrap).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The mutable underlying connection (transactions).
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Row counts of the main tables.
    pub fn counts(&self) -> Result<Counts> {
        let n = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Counts {
            documents: n("SELECT count(*) FROM documents")?,
            records: n("SELECT count(*) FROM records")?,
            repeats: n("SELECT count(*) FROM records WHERE repeat = 1")?,
            mentions: n("SELECT count(*) FROM mentions")?,
            incidents: n("SELECT count(*) FROM incidents")?,
            states: n("SELECT count(*) FROM states")?,
            errors: n("SELECT count(*) FROM errors")?,
        })
    }

    /// A value of the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Sets a value of the `meta` table.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_store_is_at_the_current_version() {
        let s = Store::open_in_memory().unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(s.counts().unwrap(), Counts::default());
        s.set_meta("k", "ق").unwrap();
        s.set_meta("k", "v").unwrap();
        assert_eq!(s.meta("k").unwrap().as_deref(), Some("v"));
    }

    #[test]
    fn newer_store_is_refused() {
        let dir = std::env::temp_dir().join(format!("marsad-store-newer-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("x.db");
        let _ = std::fs::remove_file(&p);
        {
            let c = Connection::open(&p).unwrap();
            c.execute_batch("PRAGMA user_version = 99").unwrap();
        }
        let e = Store::open(&p).err().unwrap();
        assert!(e.0.contains("newer"), "{e}");
    }
}
