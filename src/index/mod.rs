//! The on-disk index: what was parsed and extracted last time, so a warm
//! start reads it back instead of parsing and extracting again.
//!
//! It lives in one SQLite file under the user's cache folder
//! (`$DOSSIER_CACHE_DIR`, else `dirs::cache_dir()/dossier`). Each input file
//! is keyed by its canonical path, size and modification time, confirmed by
//! an xxh3 hash of its bytes when those change or are too recent to trust;
//! its parse and its documents' entity extracts are stored as checksummed
//! blobs ([`codec`]). [`load`] walks the inputs as `store::load` does, reuses
//! what is unchanged, parses what is new or changed (in parallel), forgets
//! files that are gone, and gives the same corpus `store::load` would, less
//! the raw text. [`Cache::entities`] then reuses stored extracts and only
//! re-runs the corpus-wide resolution. [`glance`] reads back the catalogue
//! of the last load of the same paths (no bodies, no file checked), which
//! is what the reader's first frame draws on a warm start.
//!
//! The index is a cache and is never trusted blindly: a file that is not
//! our database, is damaged, or was written by another schema or build is
//! rebuilt, with a problem naming it; a failure to write is reported and
//! the load goes on without the index. The user's documents are only read.

mod codec;
mod db;
mod extracts;
mod glance;
mod sync;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::entities::{Corrections, EntityIndex};
use crate::store::{self, Corpus, Document, Problem, StoreError};

pub use db::FILE;
pub use glance::glance;

/// Set by `--no-cache`: no index is read or written in this process.
static DISABLED: AtomicBool = AtomicBool::new(false);

/// Bypass the index for the rest of the process (`--no-cache`).
pub fn disable() {
    DISABLED.store(true, Ordering::Relaxed);
}

/// Where the index lives, or `None` to go without one.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub dir: Option<PathBuf>,
}

impl Options {
    /// The user's index: `$DOSSIER_CACHE_DIR`, else the cache folder's
    /// `dossier`; none after [`disable`] or where there is no cache folder.
    pub fn from_env() -> Options {
        if DISABLED.load(Ordering::Relaxed) {
            return Options { dir: None };
        }
        let dir = match std::env::var_os("DOSSIER_CACHE_DIR") {
            Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
            _ => dirs::cache_dir().map(|d| d.join("dossier")),
        };
        Options { dir }
    }

    /// An index in `dir` (tests, benchmarks).
    pub fn at(dir: impl Into<PathBuf>) -> Options {
        Options {
            dir: Some(dir.into()),
        }
    }
}

/// A loaded corpus and the index it came through.
pub struct Loaded {
    /// The corpus, with the problems of its inputs (exactly those
    /// `store::load` reports).
    pub corpus: Corpus,
    pub cache: Cache,
    /// What happened to the index itself (rebuilt, could not be written),
    /// named by its path: for stderr, not among the corpus's problems.
    pub notes: Vec<Problem>,
}

/// When the index was used, where each file's documents are stored, so
/// their extracts can be read back or saved.
pub struct Cache {
    index: Option<Indexed>,
    /// A failure met after loading (the index could not be written).
    problem: Option<Problem>,
}

/// The index behind a [`Loaded`] corpus.
struct Indexed {
    db: db::Db,
    /// Each file's documents, in corpus order.
    spans: Vec<sync::Span>,
}

impl Cache {
    fn none() -> Cache {
        Cache {
            index: None,
            problem: None,
        }
    }

    /// A failure met by [`Cache::entities`], once.
    pub fn take_problem(&mut self) -> Option<Problem> {
        self.problem.take()
    }

    /// The entity index of `docs` (the corpus loaded with this cache) with
    /// `corrections`: stored extracts
    /// are read back, missing ones made (in parallel) and stored; then the
    /// corpus-wide resolution runs as in `entities::build_with`.
    /// `progress(done, total)` counts files whose extracts are ready.
    pub fn entities(
        &mut self,
        docs: &[Document],
        corrections: &Corrections,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> EntityIndex {
        if let Some(indexed) = &mut self.index {
            match extracts::gather(&mut indexed.db, &indexed.spans, docs, progress) {
                Ok(fold) => return fold.build(docs, corrections),
                Err(e) => {
                    let path = indexed.db.path.clone();
                    self.problem = Some(note(&path, &e.to_string()));
                    self.index = None;
                }
            }
        }
        crate::entities::build_with(docs, corrections)
    }
}

/// Load the documents under `paths` through the index described by
/// `options` (the bundled corpus, not indexed, when `paths` is empty),
/// calling `progress(done, total)` as files are done.
pub fn load(
    paths: &[PathBuf],
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Loaded, StoreError> {
    if paths.is_empty() {
        return Ok(Loaded {
            corpus: store::bundled(),
            cache: Cache::none(),
            notes: Vec::new(),
        });
    }
    let (files, walked) = store::walk(paths)?;
    let mut notes = Vec::new();
    let Some(dir) = &options.dir else {
        return Ok(plain(&files, walked, progress, notes));
    };
    let opened = match db::Db::open(dir) {
        Err(e) if e.is_unusable() => {
            notes.push(note(&dir.join(FILE), &format!("{e}; rebuilt")));
            db::Db::recreate(dir)
        }
        other => other,
    };
    let mut db = match opened {
        Ok(db) => db,
        Err(e) => {
            notes.push(note(&dir.join(FILE), &e.to_string()));
            return Ok(plain(&files, walked, progress, notes));
        }
    };
    let mut result = sync::sync(&mut db, paths, &files, progress);
    if let Err(e) = &result
        && e.is_unusable()
    {
        notes.push(note(&db.path, &format!("{e}; rebuilt")));
        drop(db);
        db = match db::Db::recreate(dir) {
            Ok(db) => db,
            Err(e) => {
                notes.push(note(&dir.join(FILE), &e.to_string()));
                return Ok(plain(&files, walked, progress, notes));
            }
        };
        result = sync::sync(&mut db, paths, &files, progress);
    }
    let (mut corpus, spans) = match result {
        Ok(done) => done,
        Err(e) => {
            notes.push(note(&db.path, &e.to_string()));
            return Ok(plain(&files, walked, progress, notes));
        }
    };
    // Walk problems first, as `store::load` puts them.
    let file_problems = std::mem::take(&mut corpus.problems);
    corpus.problems = walked;
    corpus.problems.extend(file_problems);
    if let Err(e) = glance::remember(&mut db, paths, &corpus) {
        notes.push(note(&db.path, &e.to_string()));
    }
    Ok(Loaded {
        corpus,
        cache: Cache {
            index: Some(Indexed { db, spans }),
            problem: None,
        },
        notes,
    })
}

/// Load without the index, exactly as `store::load_with_progress`.
fn plain(
    files: &[PathBuf],
    walked: Vec<Problem>,
    progress: &(dyn Fn(usize, usize) + Sync),
    notes: Vec<Problem>,
) -> Loaded {
    Loaded {
        corpus: store::load_files(files, walked, progress),
        cache: Cache::none(),
        notes,
    }
}

/// A note about the index itself, named by its path.
fn note(path: &Path, reason: &str) -> Problem {
    Problem {
        path: path.to_path_buf(),
        reason: format!("index: {reason}"),
    }
}
