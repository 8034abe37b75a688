//! The loading worker: reads the corpus and builds the entity index on its
//! own thread, reporting progress and results as [`Msg`]s, so the reader's
//! first frame is up at once and keys work while a large corpus loads.

use std::path::PathBuf;
use std::sync::Arc;
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
    send: impl Fn(Msg) + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("dossier-load".into())
        .spawn(move || run(&paths, &send))
}

/// The worker's body, callable directly (tests).
pub fn run(paths: &[PathBuf], send: &dyn Fn(Msg)) {
    let corpus = match load(paths, send) {
        Ok(corpus) => Arc::new(corpus),
        Err(e) => return send(Msg::Failed(e.to_string())),
    };
    send(Msg::Loaded(corpus.clone()));
    let index = entities::build(&corpus.docs);
    send(Msg::Indexed(Arc::new(index)));
}

/// Read every file, reporting progress; per-file failures become problems
/// of the corpus, like `store::load`.
fn load(paths: &[PathBuf], send: &dyn Fn(Msg)) -> Result<Corpus, store::StoreError> {
    if paths.is_empty() {
        return Ok(store::bundled());
    }
    let files = store::discover(paths)?;
    let total = files.len();
    send(Msg::Progress { done: 0, total });
    let mut corpus = Corpus::default();
    let mut last = Instant::now();
    for (done, file) in files.iter().enumerate() {
        match store::load_file(file) {
            Ok((docs, problems)) => {
                corpus.docs.extend(docs);
                corpus.problems.extend(problems);
            }
            Err(problem) => corpus.problems.push(problem),
        }
        if last.elapsed() >= PROGRESS_EVERY {
            send(Msg::Progress {
                done: done + 1,
                total,
            });
            last = Instant::now();
        }
    }
    Ok(corpus)
}
