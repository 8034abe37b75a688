//! The reader's state and what changes it: no terminal, no drawing.
//!
//! [`App`] holds everything the screen shows; [`update`] applies one
//! [`Msg`] (a user [`Action`], a text edit, a mouse event, a resize, or a
//! worker's result) and says whether anything changed, so the loop draws
//! only then. The corpus and entity index are shared, immutable data
//! (`Arc`) handed over by the loading worker; everything derived from them
//! for display (the filtered list, the wrapped article) is computed here,
//! once per change, so drawing only reads.

mod action;
mod article;
mod compare;
pub mod compare_layout;
pub mod filter_worker;
pub mod layout;
pub mod load;
mod nav;
mod progress;
mod reload;
mod update;
pub use crate::wrap;

use std::sync::Arc;
use std::time::Instant;

use ratatui::layout::Rect;

use crate::config::Keymap;
use crate::entities::{EntityIdx, EntityIndex, Kind, Mention};
use crate::search::filter::{Filter, Query};
use crate::store::{Corpus, DocIdx, Document};

pub use action::Action;
pub use article::{Article, Row};
pub use compare::{Compare, KEYS as COMPARE_KEYS};
pub use layout::{EntityPane, Focus, Panes};
pub use progress::{Phase, Progress};
pub use update::update;

/// Everything that can change the state.
#[derive(Debug)]
pub enum Msg {
    /// A bound key (or a menu-like gesture) meaning this.
    Action(Action),
    /// Typing into the filter or the article search.
    Edit(Edit),
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// A left click at a screen cell.
    Click { column: u16, row: u16 },
    /// The mouse wheel over a screen cell.
    Wheel { column: u16, row: u16, down: bool },
    /// Loading progress: the phase, and how far into it.
    Progress(Progress),
    /// The catalogue of the last load (documents without bodies), shown
    /// until the checked corpus replaces it.
    Catalogue(Arc<Corpus>),
    /// The corpus is loaded; entities are being indexed.
    Loaded(Arc<Corpus>),
    /// A note about the index or the user's state (rebuilt, not
    /// writable), shown on the status line for a while.
    Note(String),
    /// The time now: a note shown long enough goes.
    Tick(Instant),
    /// The entity index is built.
    Indexed(Arc<EntityIndex>),
    /// Loading failed as a whole (a missing path, an unreadable folder).
    Failed(String),
    /// The filter worker's answer to a query.
    Filtered(filter_worker::Filtered),
}

/// An edit of the line being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    /// Clear the whole line (Ctrl-U).
    Clear,
    /// Keep what was typed and stop typing (Enter).
    Submit,
    /// Clear what was typed and stop typing (Esc).
    Cancel,
}

/// Whether keys are commands or text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Normal,
    /// Typing the source-list filter.
    Filter,
    /// Typing a search of the article text.
    Search,
}

/// How far loading has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loading {
    /// Files or entities on their way: the phase and its count.
    Busy(Progress),
    Ready,
    Failed(String),
}

impl Loading {
    /// Whether the corpus is in but its entities are not yet.
    pub fn building_entities(&self) -> bool {
        matches!(self, Loading::Busy(p) if p.phase.entities())
    }
}

/// A row of the entity list: a kind heading, or an entity of the article
/// (an index into [`App::doc_entities`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityRow {
    Heading(Kind),
    Entity(usize),
}

/// The whole state of the reader.
pub struct App {
    pub corpus: Arc<Corpus>,
    pub index: Arc<EntityIndex>,
    pub loading: Loading,
    /// The keymap, for the help overlay and the hints.
    pub keymap: Arc<Keymap>,
    pub quit: bool,
    pub mode: Mode,
    pub focus: Focus,
    /// On a narrow terminal, whether the entity panel replaces the sources.
    pub unfolded: bool,
    /// Help overlay shown, and its scroll.
    pub help: Option<usize>,
    pub size: (u16, u16),
    pub panes: Panes,
    /// A one-off note for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// When the message goes by itself (notes from the loading worker),
    /// if no key clears it first.
    pub message_until: Option<Instant>,
    /// Every note of this session (inert), said again on stderr when the
    /// reader closes: one shown for 8 s is easily missed.
    pub notes: Vec<String>,

    /// The filter as typed.
    pub input: String,
    pub filter: Filter,
    /// Where the filter runs (inline, or a worker) and what it was asked.
    pub matching: filter_worker::Matching,
    /// The documents the filter keeps, in display order.
    pub list: Vec<DocIdx>,
    pub list_cursor: usize,
    pub list_offset: usize,

    pub article: Article,

    /// The entity the jumps follow and the article highlights.
    pub selected: Option<EntityIdx>,
    /// The current article's entities and their mention counts there.
    pub doc_entities: Vec<(EntityIdx, usize)>,
    pub entity_rows: Vec<EntityRow>,
    pub entity_cursor: usize,
    pub entity_offset: usize,
    /// Whether the cursor is in the mention list rather than the entities.
    pub in_xrefs: bool,
    /// Index into the selected entity's mentions.
    pub xref_cursor: usize,
    pub xref_offset: usize,

    /// Comparing two articles, or picking the second (`app/compare.rs`).
    pub compare: Compare,
}

impl App {
    /// A reader still waiting for its corpus.
    pub fn new(keymap: Arc<Keymap>) -> App {
        let index = Arc::new(EntityIndex::default());
        App {
            filter: Filter::new(Query::default(), &index),
            matching: Default::default(),
            corpus: Arc::new(Corpus::default()),
            index,
            loading: Loading::Busy(Progress::start(Phase::Finding)),
            keymap,
            quit: false,
            mode: Mode::Normal,
            focus: Focus::Sources,
            unfolded: false,
            help: None,
            size: (0, 0),
            panes: Panes::default(),
            message: None,
            message_until: None,
            notes: Vec::new(),
            input: String::new(),
            list: Vec::new(),
            list_cursor: 0,
            list_offset: 0,
            article: Article::default(),
            selected: None,
            doc_entities: Vec::new(),
            entity_rows: Vec::new(),
            entity_cursor: 0,
            entity_offset: 0,
            in_xrefs: false,
            xref_cursor: 0,
            xref_offset: 0,
            compare: Compare::Off,
        }
    }

    /// A reader on a corpus and index already in hand, sized `width` ×
    /// `height` (tests and small corpora).
    pub fn ready(corpus: Corpus, index: EntityIndex, keymap: Keymap, size: (u16, u16)) -> App {
        let mut app = App::new(Arc::new(keymap));
        update(&mut app, Msg::Resize(size.0, size.1));
        update(&mut app, Msg::Loaded(Arc::new(corpus)));
        update(&mut app, Msg::Indexed(Arc::new(index)));
        app
    }

    pub fn docs(&self) -> &[Document] {
        &self.corpus.docs
    }

    /// The document in the article pane.
    pub fn current(&self) -> Option<&Document> {
        self.article.doc.and_then(|d| self.corpus.docs.get(d))
    }

    /// The text the article pane shows: cleaned body or raw text.
    pub fn text(&self) -> &str {
        match self.current() {
            Some(_) if self.article.raw => self.article.doc.map_or("", |i| self.raw_of(i)),
            Some(doc) => &doc.body,
            None => "",
        }
    }

    /// "mention i of n": the 1-based index of the cursor's mention among
    /// all mentions of the selected entity, and their number.
    pub fn mention_position(&self) -> Option<(Option<usize>, usize)> {
        let e = self.selected.filter(|&e| e < self.index.entities().len())?;
        let mentions = self.index.mentions_of(e);
        let at = match (self.article.doc, self.article.cursor, self.article.raw) {
            (Some(doc), Some((start, end)), false) => Mention::at(doc, start, end)
                .and_then(|m| mentions.position(m))
                .map(|i| i + 1),
            _ => None,
        };
        Some((at, mentions.len()))
    }

    /// Rows of the source list that fit on screen.
    /// The first row inside the pane is the filter line, hence the `- 1`.
    pub fn list_height(&self) -> usize {
        layout::inner(self.panes.sources).height.saturating_sub(1) as usize
    }

    /// Rows of article text that fit on screen.
    pub fn article_height(&self) -> usize {
        layout::inner(self.panes.article).height as usize
    }

    /// The entity pane's parts for the current layout.
    pub fn entity_pane(&self) -> EntityPane {
        EntityPane::new(self.panes.entities, self.entity_rows.len())
    }

    /// The whole screen.
    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }
}
