//! Matching off the key path: the source-list filter runs on a worker
//! thread, so a keystroke only records the text and asks; the screen shows
//! the typed text at once, the previous list under a "matching…" mark, and
//! the new list when it arrives.
//!
//! Every request carries a generation number. The worker answers only the
//! newest request it has queued (older ones are skipped unread), and the
//! state applies only the answer to the newest request it made (an answer
//! overtaken by more typing is dropped), so fast typing costs one match,
//! not one per key. Without a worker (tests, the snapshot harness) the
//! same [`Live`] session runs inline and answers at once.
//!
//! The newest generation asked for is also shared with the worker through
//! an atomic, and matching gives up between chunks of work once it moved
//! on: a query overtaken by typing stops costing CPU at once, instead of
//! being matched to the end and thrown away.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use crate::entities::EntityIndex;
use crate::search::filter::Filter;
use crate::search::live::Live;
use crate::store::{Corpus, DocIdx};

use super::{App, Msg};

/// The worker's answer to one request.
pub struct Filtered {
    /// The request it answers.
    pub generation: u64,
    pub filter: Filter,
    pub list: Vec<DocIdx>,
    /// Put the cursor on the best match (typing) rather than keep the
    /// open article (clearing, a new index).
    pub to_top: bool,
}

impl std::fmt::Debug for Filtered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Filtered")
            .field("generation", &self.generation)
            .field("query", self.filter.query())
            .field("hits", &self.list.len())
            .finish()
    }
}

/// What the state asks of the worker.
enum Request {
    Corpus(Arc<Corpus>),
    Index(Arc<EntityIndex>),
    Query {
        generation: u64,
        input: String,
        to_top: bool,
    },
}

/// Where the filter runs, and what was last asked of it.
pub struct Matching {
    runner: Runner,
    /// The corpus and index the runner was last given.
    corpus: Arc<Corpus>,
    index: Arc<EntityIndex>,
    /// The newest request made.
    generation: u64,
    /// Whether the newest request is still unanswered.
    pending: bool,
}

enum Runner {
    Inline(Box<Live>),
    /// The requests, and the newest generation asked for.
    Worker(Sender<Request>, Arc<AtomicU64>),
}

impl Default for Matching {
    fn default() -> Self {
        let corpus = Arc::new(Corpus::default());
        let index = Arc::new(EntityIndex::default());
        Matching {
            runner: Runner::Inline(Box::new(Live::new(corpus.clone(), index.clone()))),
            corpus,
            index,
            generation: 0,
            pending: false,
        }
    }
}

impl Matching {
    /// Whether an answer is awaited (the list on screen is the previous).
    pub fn pending(&self) -> bool {
        self.pending
    }

    /// Whether matching runs on a worker thread.
    pub fn threaded(&self) -> bool {
        matches!(self.runner, Runner::Worker(..))
    }

    /// Hand the runner a corpus or index it has not seen.
    fn sync(&mut self, corpus: &Arc<Corpus>, index: &Arc<EntityIndex>) {
        if !Arc::ptr_eq(&self.corpus, corpus) {
            self.corpus = corpus.clone();
            match &mut self.runner {
                Runner::Inline(live) => live.set_corpus(corpus.clone()),
                Runner::Worker(tx, _) => {
                    let _ = tx.send(Request::Corpus(corpus.clone()));
                }
            }
        }
        if !Arc::ptr_eq(&self.index, index) {
            self.index = index.clone();
            match &mut self.runner {
                Runner::Inline(live) => live.set_index(index.clone()),
                Runner::Worker(tx, _) => {
                    let _ = tx.send(Request::Index(index.clone()));
                }
            }
        }
    }
}

/// Start a filter worker that sends its answers to `send`. It ends when
/// the returned sender is dropped.
fn spawn(
    send: impl Fn(Msg) + Send + 'static,
) -> std::io::Result<(Sender<Request>, Arc<AtomicU64>)> {
    let (tx, rx) = mpsc::channel();
    let newest = Arc::new(AtomicU64::new(0));
    let asked = newest.clone();
    std::thread::Builder::new()
        .name("dossier-filter".into())
        .spawn(move || serve(&rx, &asked, &send))?;
    Ok((tx, newest))
}

/// The worker's loop: take everything queued, keep only the newest query,
/// answer it.
fn serve(rx: &Receiver<Request>, newest_asked: &AtomicU64, send: &dyn Fn(Msg)) {
    // A pool of its own, so matching is not queued behind the entity
    // indexer's tasks on the global pool while a large corpus loads.
    lower_priority();
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("dossier-match-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok();
    let install = |f: &mut (dyn FnMut() + Send)| match &pool {
        Some(pool) => pool.install(f),
        None => f(),
    };
    let mut live = Live::default();
    while let Ok(first) = rx.recv() {
        let mut newest = None;
        let mut new_corpus = false;
        for request in std::iter::once(first).chain(rx.try_iter()) {
            match request {
                Request::Corpus(corpus) => {
                    live.set_corpus(corpus);
                    new_corpus = true;
                }
                Request::Index(index) => live.set_index(index),
                Request::Query {
                    generation,
                    input,
                    to_top,
                } => newest = Some((generation, input, to_top)),
            }
        }
        if let Some((generation, input, to_top)) = newest {
            let mut answer = None;
            let overtaken = || newest_asked.load(Ordering::Relaxed) > generation;
            install(&mut || answer = live.run_until(&input, &overtaken));
            if let Some((filter, list)) = answer {
                send(Msg::Filtered(Filtered {
                    generation,
                    filter,
                    list,
                    to_top,
                }));
            }
        }
        if new_corpus {
            // Prepare now, while the user reads the first screen, rather
            // than at the first key typed (after answering: the first
            // list must not wait for it).
            install(&mut || {
                live.prepare();
            });
        }
    }
}

/// Give the calling thread a lower CPU priority (nice 10), so that when
/// matching keeps both cores busy the UI thread still wins them the moment
/// a key arrives: the echo never waits behind the matcher.
fn lower_priority() {
    // SAFETY: setpriority only changes a scheduling attribute; on Linux,
    // PRIO_PROCESS with `who` 0 applies to the calling thread alone (each
    // thread has its own nice value), never to the UI thread.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

impl App {
    /// Run the filter on a worker thread from now on, its answers sent
    /// through `send` (into the event loop, back to [`update`](super::update)).
    pub fn spawn_filter_worker(
        &mut self,
        send: impl Fn(Msg) + Send + 'static,
    ) -> std::io::Result<()> {
        let (tx, newest) = spawn(send)?;
        let _ = tx.send(Request::Corpus(self.corpus.clone()));
        let _ = tx.send(Request::Index(self.index.clone()));
        self.matching.runner = Runner::Worker(tx, newest);
        self.matching.corpus = self.corpus.clone();
        self.matching.index = self.index.clone();
        Ok(())
    }

    /// Re-run the filter for the current input: at once without a worker,
    /// else by asking the worker (the answer arrives as [`Msg::Filtered`]).
    pub(super) fn refilter_from(&mut self, to_top: bool) {
        self.matching.sync(&self.corpus, &self.index);
        self.matching.generation += 1;
        let generation = self.matching.generation;
        if let Runner::Worker(_, newest) = &self.matching.runner {
            // Whatever the worker is matching is overtaken now.
            newest.store(generation, Ordering::Relaxed);
        }
        match &mut self.matching.runner {
            // An empty filter keeps everything: no need to ask, nor to
            // show an empty list while the worker prepares a new corpus.
            Runner::Worker(..) if self.input.trim().is_empty() => {
                self.matching.pending = false;
                let all = (0..self.corpus.docs.len()).collect();
                let filter = Filter::new(Default::default(), &self.index);
                self.show_filtered(filter, all, to_top);
            }
            Runner::Inline(live) => {
                let (filter, list) = live.run(&self.input);
                self.show_filtered(filter, list, to_top);
            }
            Runner::Worker(tx, _) => {
                let request = Request::Query {
                    generation,
                    input: self.input.clone(),
                    to_top,
                };
                self.matching.pending = tx.send(request).is_ok();
            }
        }
    }

    /// An answer from the worker: shown if it answers the newest request.
    pub(super) fn filtered(&mut self, answer: Filtered) -> bool {
        if answer.generation != self.matching.generation {
            return false;
        }
        self.matching.pending = false;
        self.show_filtered(answer.filter, answer.list, answer.to_top);
        true
    }

    /// Show a filter's list, keeping the open article selected when it is
    /// still listed, or (typing) previewing the best match.
    ///
    /// Kept in place (not typing), the selected row stays on the screen
    /// row it was on: an answer that only adds or drops other rows (the
    /// entity index arrived, the checked corpus replaced the catalogue)
    /// must not make the list jump under the user's eyes.
    fn show_filtered(&mut self, filter: Filter, list: Vec<DocIdx>, to_top: bool) {
        let screen_row = self.list_cursor.saturating_sub(self.list_offset);
        let under_cursor = self.list.get(self.list_cursor).copied();
        self.filter = filter;
        self.list = list;
        let position = |doc: Option<DocIdx>, list: &[DocIdx]| {
            doc.and_then(|d| list.iter().position(|&x| x == d))
        };
        let kept = if to_top {
            None
        } else {
            position(self.article.doc, &self.list).or(position(under_cursor, &self.list))
        };
        self.list_cursor = kept.unwrap_or(0);
        self.list_offset = match kept {
            Some(cursor) => {
                let last_page = self.list.len().saturating_sub(self.list_height());
                cursor.saturating_sub(screen_row).min(last_page)
            }
            None => 0,
        };
        self.scroll_lists();
        // Phrase hits in the open article follow the filter.
        self.find_matches();
        if let Some(&doc) = self.list.get(self.list_cursor)
            && (to_top || !self.article.doc.is_some_and(|d| self.list.contains(&d)))
        {
            self.open_doc(doc);
        }
    }
}
