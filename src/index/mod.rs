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
//! the raw text. [`Cache::entities`] then reads back the stored resolution
//! of exactly these documents ([`resolved`]) when there is one; otherwise
//! it reuses stored extracts, makes the missing ones, runs the corpus-wide
//! resolution and stores it. [`glance`] reads back the catalogue
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
mod resolved;
mod sync;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::entities::{Corrections, EntityIndex};
use crate::store::{self, Corpus, Document, Problem, StoreError};

pub use db::FILE;
pub use glance::glance;

/// What a load is doing, for progress reports: each stage with its count
/// (`done` of `total`; a `total` of 0 where it is not known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Walking the paths: `done` is the number of files found so far.
    Finding,
    /// Checking files against the index: every file so far was read back
    /// or confirmed by its hash, none needed parsing.
    Checking,
    /// Reading and parsing files (some of them new or changed, or no index).
    Parsing,
    /// Reading back the stored resolution of these very documents
    /// (not counted).
    Recalling,
    /// Reading back or making each file's entity extracts (files).
    Extracting,
    /// Resolving entities across the corpus, applying corrections and
    /// indexing mentions (steps).
    Linking,
}

/// Steps counted in [`Stage::Linking`]: the resolution's own, then storing
/// it, applying corrections, indexing mentions.
const LINK_STEPS: usize = crate::entities::RESOLVE_STEPS + 3;

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
    /// Failures met after loading (the index could not be written, a
    /// stored resolution was damaged), in order.
    problems: Vec<Problem>,
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
            problems: Vec::new(),
        }
    }

    /// The next failure met by [`Cache::entities`], once each.
    pub fn take_problem(&mut self) -> Option<Problem> {
        (!self.problems.is_empty()).then(|| self.problems.remove(0))
    }

    /// A failure of the index: noted under its path, and the index dropped.
    fn fail(&mut self, e: &dyn std::fmt::Display) {
        if let Some(indexed) = self.index.take() {
            self.problems.push(note(&indexed.db.path, &e.to_string()));
        }
    }

    /// The entity index of `docs` (the corpus loaded with this cache) with
    /// `corrections`, as `entities::build_with` makes it.
    /// `progress(done, total)` counts files whose extracts are ready.
    pub fn entities(
        &mut self,
        docs: &[Document],
        corrections: &Corrections,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> EntityIndex {
        self.entities_with(docs, corrections, &|stage, done, total| {
            if stage == Stage::Extracting {
                progress(done, total)
            }
        })
    }

    /// [`Cache::entities`], reporting every stage: the resolution stored
    /// for exactly these documents is read back when there is one (a
    /// damaged one is noted and replaced); else stored extracts are read
    /// back, missing ones made (in parallel) and stored, and the
    /// corpus-wide resolution runs and is stored. Corrections are applied
    /// either way.
    pub fn entities_with(
        &mut self,
        docs: &[Document],
        corrections: &Corrections,
        report: &(dyn Fn(Stage, usize, usize) + Sync),
    ) -> EntityIndex {
        let key = self
            .index
            .as_ref()
            .and_then(|indexed| resolved::key(&indexed.spans, docs.len()));
        if let (Some(key), Some(indexed)) = (key, &mut self.index) {
            let recalling = || report(Stage::Recalling, 0, 0);
            match recall(&mut indexed.db, &key, docs.len(), &recalling) {
                Ok(Some(entities)) => return finish(entities, docs, corrections, &|_| {}),
                Ok(None) => {}
                // Damaged: said, forgotten, and resolved again below.
                Err(Recall::Damaged(e)) => {
                    let reason = format!("{e}; entities resolved again");
                    self.problems.push(note(&indexed.db.path, &reason));
                }
                Err(Recall::Db(e)) => self.fail(&e),
            }
        }
        let link = |done| report(Stage::Linking, done, LINK_STEPS);
        let fold = match &mut self.index {
            Some(indexed) => {
                let extracting = |done, total| report(Stage::Extracting, done, total);
                match extracts::gather(&mut indexed.db, &indexed.spans, docs, &extracting) {
                    Ok(fold) => Some(fold),
                    Err(e) => {
                        self.fail(&e);
                        None
                    }
                }
            }
            None => None,
        };
        let entities = match fold {
            Some(fold) => fold.resolve_counted(&|done, _| link(done)),
            None => {
                // Without the index, extraction and linking run as one.
                report(Stage::Extracting, 0, 0);
                crate::entities::resolve_docs(docs)
            }
        };
        if let (Some(key), Some(indexed)) = (key, &mut self.index) {
            let stored = resolved::encode(&entities, docs.len());
            let made = sync::now_ns();
            let put = indexed
                .db
                .batch(|w| w.put_resolution(&key, made, (&stored.0, stored.1), resolved::KEEP));
            if let Err(e) = put {
                self.fail(&e);
            }
        }
        link(crate::entities::RESOLVE_STEPS + 1);
        finish(entities, docs, corrections, &link)
    }
}

/// Why a stored resolution was not read back.
enum Recall {
    /// It failed its checksum or would not decode: it is deleted.
    Damaged(codec::Damaged),
    /// The index itself failed.
    Db(db::DbError),
}

/// The resolution stored under `key` for `docs` documents, if any
/// (`found` is called before it is read: at 100,000 articles reading and
/// decoding it takes a moment); a damaged one is deleted (so it is stored
/// anew) and reported.
fn recall(
    db: &mut db::Db,
    key: &[u8],
    docs: usize,
    found: &dyn Fn(),
) -> Result<Option<Vec<crate::entities::Entity>>, Recall> {
    if !db.has_resolution(key).map_err(Recall::Db)? {
        return Ok(None);
    }
    found();
    let Some((bytes, sum)) = db.resolution(key).map_err(Recall::Db)? else {
        return Ok(None);
    };
    match resolved::decode(&bytes, sum, docs) {
        Ok(entities) => Ok(Some(entities)),
        Err(damaged) => {
            drop(bytes);
            db.batch(|w| w.forget_resolution(key)).map_err(Recall::Db)?;
            Err(Recall::Damaged(damaged))
        }
    }
}

/// Apply `corrections` to the machine's `entities` and index their
/// mentions, reporting the two steps as the last of [`LINK_STEPS`].
fn finish(
    mut entities: Vec<crate::entities::Entity>,
    docs: &[Document],
    corrections: &Corrections,
    link: &dyn Fn(usize),
) -> EntityIndex {
    corrections.apply(&mut entities, docs);
    link(LINK_STEPS - 1);
    let index = EntityIndex::new(entities, docs.len());
    link(LINK_STEPS);
    index
}

/// Load the documents under `paths` through the index described by
/// `options` (the bundled corpus, not indexed, when `paths` is empty),
/// calling `progress(done, total)` as files are done.
pub fn load(
    paths: &[PathBuf],
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Loaded, StoreError> {
    load_with(paths, options, &|stage, done, total| {
        if stage != Stage::Finding {
            progress(done, total)
        }
    })
}

/// [`load`], reporting every stage: files found, then files checked or
/// parsed (the stage says which: parsing as soon as one file needs it).
pub fn load_with(
    paths: &[PathBuf],
    options: &Options,
    report: &(dyn Fn(Stage, usize, usize) + Sync),
) -> Result<Loaded, StoreError> {
    let parsing = |done, total| report(Stage::Parsing, done, total);
    let progress: &(dyn Fn(usize, usize) + Sync) = &parsing;
    if paths.is_empty() {
        return Ok(Loaded {
            corpus: store::bundled(),
            cache: Cache::none(),
            notes: Vec::new(),
        });
    }
    report(Stage::Finding, 0, 0);
    let (files, walked) = store::walk_counted(paths, &|found| report(Stage::Finding, found, 0))?;
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
    let mut result = sync::sync(&mut db, paths, &files, report);
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
        result = sync::sync(&mut db, paths, &files, report);
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
            problems: Vec::new(),
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
