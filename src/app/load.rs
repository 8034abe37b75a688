//! The loading worker: reads the corpus and builds the entity index on its
//! own thread, reporting progress and results as [`Msg`]s, so the reader's
//! first frame is up at once and keys work while a large corpus loads.
//!
//! It goes through the on-disk index (`crate::index`), as the command line
//! does, so a warm start reads documents and extracts back instead of
//! parsing and extracting them. On a warm start it first sends the
//! catalogue of the last load (documents without bodies, read in one go,
//! no file checked), so the first frame shows the list at once; the real
//! corpus, checked against the files and with its bodies, replaces it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::entities::Corrections;
use crate::index::{self, Loaded};

use super::Msg;

/// How often progress is reported: often enough to look alive, rarely
/// enough not to flood the UI with redraws.
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// Load `paths` (the bundled corpus when empty) and index its entities on
/// a new thread, sending every step to `send`.
pub fn spawn(
    paths: Vec<PathBuf>,
    send: impl Fn(Msg) + Send + Sync + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("dossier-load".into())
        .spawn(move || run(&paths, &send))
}

/// The worker's body, callable directly (tests).
pub fn run(paths: &[PathBuf], send: &(dyn Fn(Msg) + Sync)) {
    if let Some(catalogue) = index::glance(paths, &index::Options::from_env()) {
        send(Msg::Loaded(Arc::new(catalogue)));
    }
    // Notes about the index itself (rebuilt, not writable) have no place on
    // the reader's screen yet; the command line prints them.
    let Loaded {
        corpus, mut cache, ..
    } = match load(paths, send) {
        Ok(loaded) => loaded,
        Err(e) => return send(Msg::Failed(e.to_string())),
    };
    let corpus = Arc::new(corpus);
    send(Msg::Loaded(corpus.clone()));
    // An index that cannot be written is no reason to stop: the entities
    // are made without it (the reader has no message line for it yet).
    let corrections = Corrections::load().unwrap_or_default();
    let index = cache.entities(&corpus.docs, &corrections, &|_, _| {});
    send(Msg::Indexed(Arc::new(index)));
}

/// Read every file through the index (unless `--no-cache`), so the reader
/// gets the same ids and problems as the command line, throttling progress
/// messages.
fn load(
    paths: &[PathBuf],
    send: &(dyn Fn(Msg) + Sync),
) -> Result<Loaded, crate::store::StoreError> {
    let last = Mutex::new(None::<Instant>);
    index::load(paths, &index::Options::from_env(), &|done, total| {
        let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
        let due = last.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY);
        if due || done == total {
            *last = Some(Instant::now());
            send(Msg::Progress { done, total });
        }
    })
}
