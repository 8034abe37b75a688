//! The index file: one SQLite database (bundled, so nothing need be
//! installed) with a table of files and a table of versions.
//!
//! A row per file holds the key it was read under (canonical path, size,
//! modification time, xxh3 of the bytes, and when that hash was last
//! confirmed); two tables keyed by the same id hold checksummed blobs: the
//! file's parse and, once some command needed them, its documents' entity
//! extracts. A table of resolutions holds the corpus-wide entity
//! resolutions of the last few corpora, keyed by what they were resolved
//! from (see `resolved`). Write-ahead logging
//! and one transaction per batch make every write all-or-nothing, so a
//! process killed at any moment leaves the last committed state. A database
//! made by another schema or another build of the parsers is refused (the
//! caller rebuilds it), never read.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::codec::Blob;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

/// Bump when the tables change shape.
const SCHEMA: i64 = 2;

/// Pages large enough that most articles' blobs need no overflow chain.
const PAGE_SIZE: u32 = 16384;

/// The build of the parsers, cleaner and extractor whose output is stored:
/// the crate version plus a fingerprint of their sources (see `build.rs`),
/// so an index written by other code is rebuilt rather than believed.
pub const ENGINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("DOSSIER_ENGINE_FINGERPRINT")
);

/// The file name of the index inside the cache folder.
pub const FILE: &str = "index.sqlite";

/// Why an index cannot be used as it is.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// Not readable as our database: garbage, another schema, another build.
    #[error("{reason}")]
    Unusable { reason: String },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl DbError {
    /// Whether the file itself is at fault (rebuild it), rather than the
    /// moment (busy, out of space, no permission).
    pub fn is_unusable(&self) -> bool {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match self {
            DbError::Unusable { .. } => true,
            DbError::Sqlite(e) => {
                matches!(e.sqlite_error_code(), Some(DatabaseCorrupt | NotADatabase))
            }
            DbError::Io(_) => false,
        }
    }
}

/// What the index knows of one file, without its blobs.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub size: i64,
    pub mtime: i64,
    pub hash: i64,
    /// When the hash was last confirmed against the file (ns since epoch).
    pub checked: i64,
    pub has_extracts: bool,
}

/// A file's key as read now.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub size: i64,
    pub mtime: i64,
    pub hash: i64,
    pub checked: i64,
}

/// An open index.
pub struct Db {
    conn: Connection,
    pub path: PathBuf,
}

impl Db {
    /// Open (creating if need be) the index in `dir`. A file that is not
    /// our database, or is from another schema or build, is an
    /// [`DbError::Unusable`].
    pub fn open(dir: &Path) -> Result<Db, DbError> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(FILE);
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Another dossier may be writing: wait for it rather than fail.
        conn.busy_timeout(Duration::from_secs(10))?;
        // Only a database with no pages yet takes a page size, and turning
        // WAL on writes the first page: so it is set before (elsewhere it
        // changes nothing). Large pages hold most articles' blobs without
        // overflow chains, and make the WAL's automatic checkpoints (every
        // 1,000 pages, each ending in an fsync) four times rarer.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        // WAL: readers never block the writer and a killed writer leaves
        // only an uncommitted tail that the next open ignores. NORMAL sync
        // is safe against a killed process (only power loss can lose the
        // last commit, which is then simply re-indexed).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let db = Db { conn, path };
        db.check_or_create()?;
        Ok(db)
    }

    /// Delete the index files in `dir` and open a new, empty one.
    pub fn recreate(dir: &Path) -> Result<Db, DbError> {
        for suffix in ["", "-wal", "-shm"] {
            let path = dir.join(format!("{FILE}{suffix}"));
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
        }
        Db::open(dir)
    }

    fn check_or_create(&self) -> Result<(), DbError> {
        let has_meta: bool = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get::<_, i64>(0).map(|n| n > 0),
        )?;
        if !has_meta {
            let tables: i64 =
                self.conn
                    .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(DbError::Unusable {
                    reason: "not a dossier index".into(),
                });
            }
            // Keys and blobs in separate tables: the keys of a whole corpus
            // are then a few pages to scan, not one page per file.
            self.conn.execute_batch(&format!(
                "BEGIN;
                 CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                 CREATE TABLE files (
                     id INTEGER PRIMARY KEY,
                     path TEXT NOT NULL UNIQUE,
                     size INTEGER NOT NULL,
                     mtime INTEGER NOT NULL,
                     hash INTEGER NOT NULL,
                     checked INTEGER NOT NULL,
                     has_extracts INTEGER NOT NULL DEFAULT 0
                 );
                 CREATE TABLE entries (id INTEGER PRIMARY KEY, sum INTEGER NOT NULL, blob BLOB NOT NULL);
                 CREATE TABLE extracts (id INTEGER PRIMARY KEY, sum INTEGER NOT NULL, blob BLOB NOT NULL);
                 CREATE TABLE snapshots (paths TEXT PRIMARY KEY, sum INTEGER NOT NULL, blob BLOB NOT NULL);
                 CREATE TABLE resolutions (key BLOB PRIMARY KEY, made INTEGER NOT NULL, sum INTEGER NOT NULL, blob BLOB NOT NULL);
                 INSERT INTO meta VALUES ('schema', '{SCHEMA}'), ('engine', '{ENGINE}');
                 COMMIT;"
            ))?;
            return Ok(());
        }
        let get = |key: &str| -> Result<Option<String>, rusqlite::Error> {
            self.conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()
        };
        let schema = get("schema")?;
        if schema.as_deref() != Some(&SCHEMA.to_string()) {
            return Err(DbError::Unusable {
                reason: format!("schema {} (expected {SCHEMA})", schema.unwrap_or_default()),
            });
        }
        let engine = get("engine")?;
        if engine.as_deref() != Some(ENGINE) {
            return Err(DbError::Unusable {
                reason: format!(
                    "written by build {} (this is {ENGINE})",
                    engine.unwrap_or_default()
                ),
            });
        }
        Ok(())
    }

    /// Every row whose path is `root` or lies under it (`root` canonical).
    pub fn rows_under(&self, root: &str) -> Result<Vec<(String, Row)>, DbError> {
        // Paths under `root/` sort between `root/` and `root0` ('0' follows
        // '/'), so this is an index range scan, not a table scan.
        // Two range conditions rather than an OR, which SQLite would answer
        // by scanning the table.
        let mut stmt = self.conn.prepare_cached(
            "SELECT path, id, size, mtime, hash, checked, has_extracts FROM files
             WHERE path >= ?1 AND path < ?2",
        )?;
        let root = root.trim_end_matches('/');
        let mut out = self.rows_between(&mut stmt, root, &format!("{root}\u{1}"))?;
        out.extend(self.rows_between(&mut stmt, &format!("{root}/"), &format!("{root}0"))?);
        Ok(out)
    }

    fn rows_between(
        &self,
        stmt: &mut rusqlite::CachedStatement<'_>,
        from: &str,
        to: &str,
    ) -> Result<Vec<(String, Row)>, DbError> {
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((
                r.get(0)?,
                Row {
                    id: r.get(1)?,
                    size: r.get(2)?,
                    mtime: r.get(3)?,
                    hash: r.get(4)?,
                    checked: r.get(5)?,
                    has_extracts: r.get(6)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The parse blob of row `id`, with its checksum.
    pub fn entry(&self, id: i64) -> Result<Blob, DbError> {
        self.blob("SELECT blob, sum FROM entries WHERE id = ?1", id)
    }

    /// The last catalogue written for the paths `key`, with its checksum.
    pub fn snapshot(&self, key: &str) -> Result<Option<Blob>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT blob, sum FROM snapshots WHERE paths = ?1")?;
        Ok(stmt
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The first `len` bytes of the catalogue stored for `key`, if any
    /// (not checked: its checksum covers the whole blob).
    pub fn snapshot_head(&self, key: &str, len: usize) -> Result<Option<Vec<u8>>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT substr(blob, 1, ?2) FROM snapshots WHERE paths = ?1")?;
        let len = i64::try_from(len).unwrap_or(i64::MAX);
        Ok(stmt.query_row(params![key, len], |r| r.get(0)).optional()?)
    }

    /// The checksum of the catalogue stored for `key`, if any.
    pub fn snapshot_sum(&self, key: &str) -> Result<Option<i64>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT sum FROM snapshots WHERE paths = ?1")?;
        Ok(stmt.query_row([key], |r| r.get(0)).optional()?)
    }

    /// Whether a resolution is stored under `key` (without reading it).
    pub fn has_resolution(&self, key: &[u8]) -> Result<bool, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM resolutions WHERE key = ?1")?;
        Ok(stmt.exists([key])?)
    }

    /// The resolution stored under `key`, with its checksum, if any.
    pub fn resolution(&self, key: &[u8]) -> Result<Option<Blob>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT blob, sum FROM resolutions WHERE key = ?1")?;
        Ok(stmt
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The extracts blob of row `id`, with its checksum.
    pub fn extracts(&self, id: i64) -> Result<Blob, DbError> {
        self.blob("SELECT blob, sum FROM extracts WHERE id = ?1", id)
    }

    fn blob(&self, sql: &str, id: i64) -> Result<Blob, DbError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let found = stmt
            .query_row([id], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get(1)?)))
            .optional()?;
        match found {
            Some(blob) => Ok(blob),
            None => Err(DbError::Unusable {
                reason: format!("row {id} vanished"),
            }),
        }
    }

    /// Run the reads of `f` in one read transaction: one consistent
    /// snapshot, and one lock taken rather than one per statement.
    pub fn read<T>(&self, f: impl FnOnce(&Db) -> Result<T, DbError>) -> Result<T, DbError> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = f(self);
        // Nothing was written: ending the transaction cannot lose anything.
        self.conn.execute_batch("COMMIT")?;
        out
    }

    /// Run `f` inside one immediate transaction, committed when it returns
    /// `Ok`, rolled back otherwise.
    pub fn batch<T>(
        &mut self,
        f: impl FnOnce(&Writer<'_>) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&Writer { tx: &tx })?;
        tx.commit()?;
        Ok(out)
    }
}

/// Writes inside one transaction (see [`Db::batch`]).
pub struct Writer<'a> {
    tx: &'a rusqlite::Transaction<'a>,
}

impl Writer<'_> {
    /// Store the parse of `path` under `key`, replacing any earlier one (and
    /// its extracts, now stale). Returns the row id.
    pub fn put(&self, path: &str, key: Key, entry: &[u8], sum: i64) -> Result<i64, DbError> {
        let keyed = params![path, key.size, key.mtime, key.hash, key.checked];
        // A new path (every file of a first run) is a plain insert: a new
        // row has no extracts to drop, and needs no RETURNING.
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO files (path, size, mtime, hash, checked)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(path) DO NOTHING",
            )?
            .execute(keyed)?;
        let id = match inserted {
            0 => {
                let id = self
                    .tx
                    .prepare_cached(
                        "UPDATE files SET size = ?2, mtime = ?3, hash = ?4, checked = ?5,
                             has_extracts = 0
                         WHERE path = ?1 RETURNING id",
                    )?
                    .query_row(keyed, |r| r.get(0))?;
                self.tx
                    .prepare_cached("DELETE FROM extracts WHERE id = ?1")?
                    .execute([id])?;
                id
            }
            _ => self.tx.last_insert_rowid(),
        };
        self.tx
            .prepare_cached("INSERT OR REPLACE INTO entries (id, sum, blob) VALUES (?1, ?2, ?3)")?
            .execute(params![id, sum, entry])?;
        Ok(id)
    }

    /// The file of row `id` was found unchanged under a new key.
    pub fn touch(&self, id: i64, key: Key) -> Result<(), DbError> {
        let mut stmt = self
            .tx
            .prepare_cached("UPDATE files SET size = ?2, mtime = ?3, checked = ?4 WHERE id = ?1")?;
        stmt.execute(params![id, key.size, key.mtime, key.checked])?;
        Ok(())
    }

    /// Store the extracts of row `id`'s documents.
    pub fn put_extracts(&self, id: i64, blob: &[u8], sum: i64) -> Result<(), DbError> {
        self.tx
            .prepare_cached("INSERT OR REPLACE INTO extracts (id, sum, blob) VALUES (?1, ?2, ?3)")?
            .execute(params![id, sum, blob])?;
        self.tx
            .prepare_cached("UPDATE files SET has_extracts = 1 WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    /// Store the catalogue of the corpus loaded from the paths `key`.
    pub fn put_snapshot(&self, key: &str, blob: &[u8], sum: i64) -> Result<(), DbError> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO snapshots (paths, sum, blob) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![key, sum, blob])?;
        Ok(())
    }

    /// Store a resolution under `key` (made at `made`, ns since the epoch),
    /// keeping only the `keep` most recently made.
    pub fn put_resolution(
        &self,
        key: &[u8],
        made: i64,
        (blob, sum): (&[u8], i64),
        keep: usize,
    ) -> Result<(), DbError> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO resolutions (key, made, sum, blob) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![key, made, sum, blob])?;
        let keep = i64::try_from(keep).unwrap_or(i64::MAX);
        self.tx
            .prepare_cached(
                "DELETE FROM resolutions WHERE key NOT IN
                     (SELECT key FROM resolutions ORDER BY made DESC LIMIT ?1)",
            )?
            .execute([keep])?;
        Ok(())
    }

    /// Forget the resolution stored under `key` (found damaged).
    pub fn forget_resolution(&self, key: &[u8]) -> Result<(), DbError> {
        self.tx
            .prepare_cached("DELETE FROM resolutions WHERE key = ?1")?
            .execute([key])?;
        Ok(())
    }

    /// Forget row `id` (its file is gone).
    pub fn delete(&self, id: i64) -> Result<(), DbError> {
        for table in ["files", "entries", "extracts"] {
            self.tx
                .prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
                .execute([id])?;
        }
        Ok(())
    }
}
