//! Bringing the index up to date with the files, and reading the corpus
//! from it.
//!
//! Every walked file is looked up by its canonical path. A stored row whose
//! size and modification time match, and which was last confirmed well after
//! that modification time, is used as it is. A row whose key differs, or is
//! too recent to trust (a file rewritten within the clock's resolution keeps
//! its time), is confirmed by hashing the bytes: the same hash keeps the
//! stored parse, another means the file is parsed again. Files without a
//! row are parsed. Files are handled in batches, in order: the stored ones
//! decoded and the others read and parsed across cores, then the batch's
//! writes committed in one transaction, on a writer thread while the next
//! batch is read and parsed. Rows under the walked roots whose
//! file was not seen are deleted at the end.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError, mpsc};
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;

use super::Stage;
use super::codec::{self, Blob, Doc, Entry};
use super::db::{Db, DbError, Key, Row};
use super::glance;
use crate::store::{Corpus, Problem, parse_file, read_file, unique_ids};

/// Files per transaction: large enough that commits are few, small enough
/// that a killed first run keeps most of its work and memory stays flat.
const BATCH: usize = 2048;

/// How long after its modification a file's time is trusted to identify
/// its content (covers coarse file-system clocks).
const RACY_NS: i64 = 2_000_000_000;

/// One file's documents in the corpus, and the row that stores them.
#[derive(Debug, Clone)]
pub struct Span {
    pub row: i64,
    /// Index of its first document in the corpus, and how many.
    pub first: usize,
    pub len: usize,
    pub has_extracts: bool,
    /// The checksum of its stored parse: what its documents are, so the
    /// spans key a stored resolution (see `resolved`).
    pub sum: i64,
}

/// What to do with one file.
enum Plan {
    /// The stored parse is right.
    Reuse(Row),
    /// The stored parse may be right: hash the bytes to know.
    Confirm(Row),
    /// Read and parse.
    Parse,
}

/// What one file gave.
enum Got {
    Stored {
        row: i64,
        entry: Entry,
        sum: i64,
        has_extracts: bool,
    },
    /// Stored, but its key needs updating.
    Confirmed {
        row: i64,
        key: Key,
        has_extracts: bool,
    },
    Parsed {
        key: Key,
        entry: Entry,
        blob: Vec<u8>,
        sum: i64,
    },
    /// Could not be read: reported, not stored, tried again next time.
    Unreadable(Problem),
}

/// Bring the index up to date with `files` (walked from `roots`) and return
/// the corpus with its problems (file problems only) and spans. Files done
/// are reported as [`Stage::Checking`] until a batch holds a file that must
/// be parsed, as [`Stage::Parsing`] from then on.
pub fn sync(
    db: &mut Db,
    roots: &[PathBuf],
    files: &[PathBuf],
    report: &(dyn Fn(Stage, usize, usize) + Sync),
) -> Result<(Corpus, Vec<Span>), DbError> {
    let now = now_ns();
    let keys = canonical_keys(files);
    let mut known: HashMap<String, Row> = HashMap::new();
    let mut canonical_roots = Vec::new();
    let mut expected = files.len();
    db.read(|db| {
        // As many documents as the last load of these paths had, at least
        // one a file: the corpus is sized once rather than grown by
        // doubling (a quarter of its size again at 100,000 articles).
        if let Some(docs) = glance::count(db, roots)? {
            expected = expected.max(docs.min(files.len().saturating_mul(64)));
        }
        for root in roots {
            if let Ok(root) = std::fs::canonicalize(root) {
                let root = root.to_string_lossy().into_owned();
                known.extend(db.rows_under(&root)?);
                canonical_roots.push(root);
            }
        }
        Ok(())
    })?;

    // Each batch's writes are committed on a thread of their own while the
    // next batch is read and parsed.
    let db = Mutex::new(db);
    let db = &db;
    let (mut corpus, spans, seen) = std::thread::scope(|s| {
        // Room for one batch in the channel: a commit that ends in a WAL
        // checkpoint (and its fsync) does not hold up the next batch's
        // parsing.
        let (tx, rx) = mpsc::sync_channel::<Vec<Write>>(1);
        let writer = s.spawn(move || write_all(db, rx));
        let read = read_all(db, files, &keys, &known, now, expected, report, &tx);
        drop(tx);
        let rows = match writer.join() {
            Ok(rows) => rows?,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        let (corpus, mut spans, pending, seen) = read?;
        // The rows of new files, in the order their writes were sent.
        for (i, row) in pending.into_iter().zip(rows) {
            spans[i].row = row;
        }
        Ok::<_, DbError>((corpus, spans, seen))
    })?;
    let mut db = db.lock().unwrap_or_else(PoisonError::into_inner);
    forget_missing(&mut db, &canonical_roots, &known, &seen)?;
    unique_ids(&mut corpus.docs);
    Ok((corpus, spans))
}

/// One write of a batch, done on the writer thread.
enum Write {
    /// A newly parsed file: its row id is sent back in order.
    Put {
        path: String,
        key: Key,
        blob: Vec<u8>,
        sum: i64,
    },
    /// A stored parse confirmed under a new key.
    Touch { row: i64, key: Key },
}

/// Commit each batch of writes received, one transaction per batch (none
/// for an empty one), while the next batch is read and parsed; give the
/// rows of every `Put`, in order.
fn write_all(db: &Mutex<&mut Db>, rx: mpsc::Receiver<Vec<Write>>) -> Result<Vec<i64>, DbError> {
    let mut rows = Vec::new();
    for writes in rx {
        if writes.is_empty() {
            continue;
        }
        lock(db).batch(|w| {
            for write in &writes {
                match write {
                    Write::Put {
                        path,
                        key,
                        blob,
                        sum,
                    } => rows.push(w.put(path, *key, blob, *sum)?),
                    Write::Touch { row, key } => w.touch(*row, *key)?,
                }
            }
            Ok(())
        })?;
    }
    Ok(rows)
}

/// What [`read_all`] gives: the corpus, its spans (new files' rows still
/// to fill in), the indices in `spans` of the new files in write order,
/// and the paths seen.
type Read<'k> = (Corpus, Vec<Span>, Vec<usize>, HashSet<&'k str>);

/// Plan, read, parse (across cores) and gather the files batch by batch,
/// handing each batch's writes to `tx`; room is made for `expected`
/// documents.
#[allow(clippy::too_many_arguments)]
fn read_all<'k>(
    db: &Mutex<&mut Db>,
    files: &[PathBuf],
    keys: &'k [Option<String>],
    known: &HashMap<String, Row>,
    now: i64,
    expected: usize,
    report: &(dyn Fn(Stage, usize, usize) + Sync),
    tx: &mpsc::SyncSender<Vec<Write>>,
) -> Result<Read<'k>, DbError> {
    let total = files.len();
    let done = AtomicUsize::new(0);
    let parsing = AtomicBool::new(false);
    let stage = || match parsing.load(Ordering::Relaxed) {
        true => Stage::Parsing,
        false => Stage::Checking,
    };
    let mut corpus = Corpus {
        docs: Vec::with_capacity(expected),
        problems: Vec::new(),
    };
    let mut spans = Vec::with_capacity(files.len());
    let mut pending = Vec::new();
    let mut seen: HashSet<&str> = HashSet::with_capacity(files.len());
    for (chunk, chunk_keys) in files.chunks(BATCH).zip(keys.chunks(BATCH)) {
        let plans: Vec<Plan> = chunk
            .par_iter()
            .zip(chunk_keys)
            .map(|(file, key)| plan(file, key.as_deref().and_then(|k| known.get(k))))
            .collect();
        if plans.iter().any(|p| matches!(p, Plan::Parse)) {
            parsing.store(true, Ordering::Relaxed);
        }
        report(stage(), done.load(Ordering::Relaxed), total);
        // Fetch stored blobs here (one connection, one thread), decode them
        // across cores with the parsing of the rest.
        let blobs: Vec<Option<Blob>> = match plans.iter().any(|p| matches!(p, Plan::Reuse(_))) {
            true => lock(db).read(|db| {
                plans
                    .iter()
                    .map(|p| match p {
                        Plan::Reuse(row) => db.entry(row.id).map(Some),
                        _ => Ok(None),
                    })
                    .collect()
            })?,
            // Nothing stored to read: no need to wait for the last write.
            false => plans.iter().map(|_| None).collect(),
        };
        let got: Vec<Result<Got, DbError>> = chunk
            .par_iter()
            .zip(plans)
            .zip(blobs)
            .map(|((file, plan), blob)| {
                let got = work(file, plan, blob, now);
                report(stage(), done.fetch_add(1, Ordering::Relaxed) + 1, total);
                got
            })
            .collect();
        let got: Vec<Got> = got.into_iter().collect::<Result<_, _>>()?;
        // Confirmed rows still need their stored parse.
        let mut confirmed = HashMap::new();
        for g in &got {
            if let Got::Confirmed { row, .. } = g {
                let (bytes, sum) = lock(db).entry(*row)?;
                let entry = codec::decode::<Entry>(&bytes, sum).map_err(unusable)?;
                confirmed.insert(*row, (entry, sum));
            }
        }
        let mut writes = Vec::new();
        for ((g, file), key) in got.into_iter().zip(chunk).zip(chunk_keys) {
            if let Some(k) = key {
                seen.insert(k.as_str());
            }
            let (entry, sum, has_extracts, row) = match (g, key) {
                (
                    Got::Stored {
                        row,
                        entry,
                        sum,
                        has_extracts,
                    },
                    _,
                ) => (entry, sum, has_extracts, Some(row)),
                (
                    Got::Confirmed {
                        row,
                        key,
                        has_extracts,
                    },
                    _,
                ) => {
                    writes.push(Write::Touch { row, key });
                    let (entry, sum) = confirmed.remove(&row).unwrap_or_default();
                    (entry, sum, has_extracts, Some(row))
                }
                (
                    Got::Parsed {
                        key,
                        entry,
                        blob,
                        sum,
                    },
                    Some(path),
                ) => {
                    writes.push(Write::Put {
                        path: path.clone(),
                        key,
                        blob,
                        sum,
                    });
                    pending.push(spans.len());
                    // The row is filled in once the writer has it.
                    (entry, sum, false, Some(0))
                }
                // A path the index cannot key: used, not stored.
                (Got::Parsed { entry, sum, .. }, None) => (entry, sum, false, None),
                (Got::Unreadable(p), _) => {
                    corpus.problems.push(p);
                    continue;
                }
            };
            let first = corpus.docs.len();
            add(&mut corpus, file, entry);
            if let Some(row) = row {
                spans.push(Span {
                    row,
                    first,
                    len: corpus.docs.len() - first,
                    has_extracts,
                    sum,
                });
            }
        }
        if tx.send(writes).is_err() {
            // The writer stopped: its error is the one to report.
            break;
        }
    }
    Ok((corpus, spans, pending, seen))
}

/// The database, even if the other thread panicked holding it (the panic
/// is raised when that thread is joined).
pub(super) fn lock<'a, 'b>(db: &'a Mutex<&'b mut Db>) -> MutexGuard<'a, &'b mut Db> {
    db.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Decide from the file's metadata and its stored row what to do.
fn plan(file: &Path, row: Option<&Row>) -> Plan {
    let (Some(row), Some((size, mtime))) = (row, stat(file)) else {
        return Plan::Parse;
    };
    if row.size != size {
        return Plan::Parse;
    }
    if row.mtime == mtime && mtime.saturating_add(RACY_NS) < row.checked {
        Plan::Reuse(row.clone())
    } else {
        Plan::Confirm(row.clone())
    }
}

/// Carry out one file's plan (on a worker thread).
fn work(file: &Path, plan: Plan, blob: Option<Blob>, now: i64) -> Result<Got, DbError> {
    if let (Plan::Reuse(row), Some((bytes, sum))) = (&plan, blob) {
        let entry = codec::decode::<Entry>(&bytes, sum).map_err(unusable)?;
        return Ok(Got::Stored {
            row: row.id,
            entry,
            sum,
            has_extracts: row.has_extracts,
        });
    }
    // Stat before reading: if the file changes while it is read, the next
    // run sees a newer time (or a recent one) and checks it again.
    let Some((size, mtime)) = stat(file) else {
        return Ok(match read_file(file) {
            Err(p) => Got::Unreadable(p),
            Ok(_) => Got::Unreadable(Problem {
                path: file.to_path_buf(),
                reason: "cannot read its metadata".into(),
            }),
        });
    };
    let bytes = match read_file(file) {
        Ok(bytes) => bytes,
        Err(p) => return Ok(Got::Unreadable(p)),
    };
    let hash = codec::checksum(&bytes);
    let key = Key {
        size,
        mtime,
        hash,
        checked: now,
    };
    if let Plan::Confirm(row) = &plan
        && row.hash == hash
    {
        return Ok(Got::Confirmed {
            row: row.id,
            key,
            has_extracts: row.has_extracts,
        });
    }
    let entry = match parse_file(file, &bytes) {
        Ok((docs, problems)) => Entry {
            docs: docs.into_iter().map(Doc::from_document).collect(),
            problems: problems.into_iter().map(|p| p.reason).collect(),
            error: None,
        },
        Err(p) => Entry {
            error: Some(p.reason),
            ..Entry::default()
        },
    };
    let (blob, sum) = codec::encode_sized(&entry, entry.encoded_size());
    Ok(Got::Parsed {
        key,
        entry,
        blob,
        sum,
    })
}

/// Append one file's documents and problems to the corpus.
fn add(corpus: &mut Corpus, file: &Path, entry: Entry) {
    let shown = file.display().to_string();
    let problem = |reason: String| Problem {
        path: file.to_path_buf(),
        reason,
    };
    if let Some(reason) = entry.error {
        corpus.problems.push(problem(reason));
        return;
    }
    corpus.docs.extend(
        entry
            .docs
            .into_iter()
            .map(|d| d.into_document(shown.clone())),
    );
    corpus
        .problems
        .extend(entry.problems.into_iter().map(problem));
}

/// Delete the rows under `roots` whose files were not walked this time.
fn forget_missing(
    db: &mut Db,
    roots: &[String],
    known: &HashMap<String, Row>,
    seen: &HashSet<&str>,
) -> Result<(), DbError> {
    let gone: Vec<i64> = known
        .iter()
        .filter(|(path, _)| !seen.contains(path.as_str()))
        .filter(|(path, _)| roots.iter().any(|r| is_under(path, r)))
        .map(|(_, row)| row.id)
        .collect();
    if gone.is_empty() {
        return Ok(());
    }
    db.batch(|w| gone.iter().try_for_each(|&id| w.delete(id)))
}

fn is_under(path: &str, root: &str) -> bool {
    path == root
        || path
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Each file's canonical path: its folder resolved once (symbolic links,
/// `..`, relative to absolute) and its name appended, so the same file
/// named two ways shares a row without one `realpath` per file. The walk
/// gives a folder's files together, so remembering the last folder is
/// enough (and cheaper than hashing paths).
fn canonical_keys(files: &[PathBuf]) -> Vec<Option<String>> {
    let mut last: Option<(&Path, Option<PathBuf>)> = None;
    files
        .iter()
        .map(|f| {
            let parent = f.parent().filter(|p| !p.as_os_str().is_empty());
            let parent = parent.unwrap_or(Path::new("."));
            if last
                .as_ref()
                .is_none_or(|(p, _)| p.as_os_str() != parent.as_os_str())
            {
                last = Some((parent, std::fs::canonicalize(parent).ok()));
            }
            let folder = last.as_ref().and_then(|(_, c)| c.as_ref())?;
            let path = folder.join(f.file_name()?);
            path.into_os_string().into_string().ok()
        })
        .collect()
}

/// Size and modification time (ns since the epoch) of `file`, following
/// links.
fn stat(file: &Path) -> Option<(i64, i64)> {
    let meta = std::fs::metadata(file).ok()?;
    let mtime = meta.modified().ok()?;
    Some((i64::try_from(meta.len()).ok()?, ns_since_epoch(mtime)))
}

pub(super) fn now_ns() -> i64 {
    ns_since_epoch(SystemTime::now())
}

fn ns_since_epoch(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
    }
}

fn unusable(e: codec::Damaged) -> DbError {
    DbError::Unusable {
        reason: e.to_string(),
    }
}
