//! The loading worker: reads the corpus and builds the entity index on its
//! own thread, reporting progress and results as [`Msg`]s, so the reader's
//! first frame is up at once and keys work while a large corpus loads.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::entities;
use crate::store::{self, Corpus};

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
    let corpus = match load(paths, send) {
        Ok(corpus) => Arc::new(corpus),
        Err(e) => return send(Msg::Failed(e.to_string())),
    };
    send(Msg::Loaded(corpus.clone()));
    let index = entities::build(&corpus.docs);
    send(Msg::Indexed(Arc::new(index)));
}

/// Read every file with `store::load_with_progress`, so the reader gets the
/// same ids and problems as the command line, throttling progress messages.
fn load(paths: &[PathBuf], send: &(dyn Fn(Msg) + Sync)) -> Result<Corpus, store::StoreError> {
    if paths.is_empty() {
        return Ok(store::bundled());
    }
    let last = Mutex::new(None::<Instant>);
    store::load_with_progress(paths, &|done, total| {
        let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
        let due = last.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY);
        if due || done == total {
            *last = Some(Instant::now());
            send(Msg::Progress { done, total });
        }
    })
}
