//! The loading worker: reads the corpus and builds the entity index on its
//! own thread, reporting every phase and its progress as [`Msg`]s, so the
//! reader's first frame is up at once and keys work while a large corpus
//! loads.
//!
//! It goes through the on-disk index (`crate::index`), as the command line
//! does, so a warm start reads documents and extracts back instead of
//! parsing and extracting them. On a warm start it first sends the
//! catalogue of the last load (documents without bodies, read in one go,
//! no file checked), so the first frame shows the list at once; the real
//! corpus, checked against the files and with its bodies, replaces it.
//! What happened to the index itself (rebuilt, not writable) is sent as a
//! [`Msg::Note`] for the status line.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::entities::Corrections;
use crate::index::{self, Loaded, Stage};

use super::{Msg, Phase, Progress};

/// How often progress is reported: often enough to look alive, rarely
/// enough not to flood the UI with redraws.
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// Where the worker finds the user's state: the on-disk index and the
/// corrections file.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    pub index: index::Options,
    /// The corrections file; `None` for none.
    pub corrections: Option<PathBuf>,
}

impl Setup {
    /// The user's: `$DOSSIER_CACHE_DIR` and `$DOSSIER_DATA_DIR`, else the
    /// usual folders (and no index after `--no-cache`).
    pub fn from_env() -> Setup {
        Setup {
            index: index::Options::from_env(),
            corrections: Corrections::default_path().ok(),
        }
    }
}

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

/// The worker's body with the user's setup, callable directly (tests).
pub fn run(paths: &[PathBuf], send: &(dyn Fn(Msg) + Sync)) {
    run_with(paths, &Setup::from_env(), send);
}

/// The worker's body with the index and corrections of `setup`.
pub fn run_with(paths: &[PathBuf], setup: &Setup, send: &(dyn Fn(Msg) + Sync)) {
    let report = Reporter::new(send);
    report.phase(Phase::Finding);
    if let Some(catalogue) = index::glance(paths, &setup.index) {
        send(Msg::Catalogue(Arc::new(catalogue)));
    }
    let stage = |stage, done, total| report.count(phase(stage), done, total);
    let Loaded {
        corpus,
        mut cache,
        notes,
    } = match index::load_with(paths, &setup.index, &stage) {
        Ok(loaded) => loaded,
        Err(e) => return send(Msg::Failed(e.to_string())),
    };
    for note in notes {
        send(Msg::Note(note.to_string()));
    }
    let corpus = Arc::new(corpus);
    send(Msg::Loaded(corpus.clone()));
    let corrections = match &setup.corrections {
        Some(path) => {
            crate::store::atomic::sweep(path);
            Corrections::load_from(path).unwrap_or_else(|e| {
                send(Msg::Note(format!("{e}; corrections not applied")));
                Corrections::default()
            })
        }
        None => Corrections::default(),
    };
    let index = cache.entities_with(&corpus.docs, &corrections, &stage);
    // An index that cannot be written, or a damaged stored resolution, is
    // no reason to stop: the entities were made without it, and the user
    // is told.
    while let Some(problem) = cache.take_problem() {
        send(Msg::Note(problem.to_string()));
    }
    send(Msg::Indexed(Arc::new(index)));
}

/// The reader's name for what the index is doing.
fn phase(stage: Stage) -> Phase {
    match stage {
        Stage::Finding => Phase::Finding,
        Stage::Checking => Phase::Checking,
        Stage::Parsing => Phase::Parsing,
        Stage::Recalling => Phase::Reading,
        Stage::Extracting => Phase::Building,
        Stage::Linking => Phase::Linking,
    }
}

/// Sends progress, throttled: the start of a phase and its last count
/// always, counts in between at most every [`PROGRESS_EVERY`], and never a
/// count below one already sent (counts come from several threads).
struct Reporter<'a> {
    send: &'a (dyn Fn(Msg) + Sync),
    last: Mutex<Option<(Instant, Progress)>>,
}

impl<'a> Reporter<'a> {
    fn new(send: &'a (dyn Fn(Msg) + Sync)) -> Reporter<'a> {
        Reporter {
            send,
            last: Mutex::new(None),
        }
    }

    /// The start of an uncounted phase (or of one whose count follows).
    fn phase(&self, phase: Phase) {
        self.count(phase, 0, 0);
    }

    fn count(&self, phase: Phase, done: usize, total: usize) {
        let now = Progress { phase, done, total };
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let due = match *last {
            None => true,
            Some((_, before)) if before.phase != phase => before.phase < phase,
            Some((_, before)) if done <= before.done && total == before.total => false,
            Some((at, _)) => at.elapsed() >= PROGRESS_EVERY || done == total,
        };
        if due {
            *last = Some((Instant::now(), now));
            (self.send)(Msg::Progress(now));
        }
    }
}
