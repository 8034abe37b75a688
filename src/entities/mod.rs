//! Entities: the people, organisations, places, dates and figures the
//! articles mention, resolved across the corpus, with every mention indexed.
//!
//! The pipeline is extraction (mentions in one cleaned body) then resolution
//! (mentions into entities across documents) then user corrections; the
//! result is an [`EntityIndex`] that answers "all mentions of X" and "the
//! next mention of X after this point" without scanning text.

mod corrections;
mod extract;
mod gazetteer;
mod index;
mod links;
mod nodes;
mod numeric;
mod overlap;
mod resolve;
mod sets;
mod tokens;
mod trim;

use trim::give_back;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::store::{DocIdx, Document};

pub use corrections::{Correction, Corrections, CorrectionsError};
pub use extract::{Cand, Extract, extract};
pub use index::{DocMention, Docs, EntityIndex, EntityInfo, Iter, Mentions, Position, context};

/// Index of an entity in its [`EntityIndex`].
pub type EntityIdx = usize;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Org,
    Place,
    Date,
    Quantity,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Person,
        Kind::Org,
        Kind::Place,
        Kind::Date,
        Kind::Quantity,
    ];

    /// The lowercase name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Org => "org",
            Kind::Place => "place",
            Kind::Date => "date",
            Kind::Quantity => "quantity",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "person" | "per" | "people" => Ok(Kind::Person),
            "org" | "organisation" | "organization" => Ok(Kind::Org),
            "place" | "gpe" | "loc" | "location" => Ok(Kind::Place),
            "date" => Ok(Kind::Date),
            "quantity" | "figure" | "number" => Ok(Kind::Quantity),
            other => Err(format!(
                "unknown entity kind {other:?} (expected person, org, place, date or quantity)"
            )),
        }
    }
}

/// One occurrence of an entity: a byte range of a document's cleaned body.
///
/// The fields are `u32` (12 bytes, not 24: a corpus has millions of
/// mentions). They are made from a candidate's `usize` offsets in
/// `nodes::Nodes::push`, which skips any that do not fit; the store's
/// limits keep every body far below 4 GiB (see there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mention {
    pub doc: u32,
    pub start: u32,
    pub end: u32,
}

impl Mention {
    /// The mention at `start..end` of document `doc`, for looking one up;
    /// `None` when a figure does not fit in `u32`, as no mention's does.
    pub fn at(doc: DocIdx, start: usize, end: usize) -> Option<Mention> {
        Some(Mention {
            doc: u32::try_from(doc).ok()?,
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
        })
    }

    /// The document, as an index into the corpus.
    pub fn doc_idx(&self) -> DocIdx {
        self.doc as DocIdx
    }

    /// The byte range in the document's body, for slicing it.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One thing in the world, however the articles write it, with its
/// mentions: what resolution makes and corrections change. The index keeps
/// it as an [`EntityInfo`] and its mentions in its own tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable id derived from kind and canonical name (`org:mek`), so user
    /// corrections can refer to it across runs.
    pub id: String,
    /// The canonical name shown to the user.
    pub name: String,
    pub kind: Kind,
    /// Every surface form seen, canonical name included, deduplicated.
    pub aliases: Vec<String>,
    /// Every mention, in any order (the index sorts them).
    pub mentions: Vec<Mention>,
}

/// Build the entity index of a corpus: extract, resolve, apply the user's
/// corrections. A corrections file that cannot be read is ignored here;
/// callers that must report it load it themselves and use [`build_with`].
pub fn build(docs: &[Document]) -> EntityIndex {
    build_with(docs, &Corrections::load().unwrap_or_default())
}

/// Build the entity index of a corpus with the given corrections.
pub fn build_with(docs: &[Document], corrections: &Corrections) -> EntityIndex {
    let mut entities = resolve_docs(docs);
    corrections.apply(&mut entities, docs);
    EntityIndex::new(entities, docs.len())
}

/// Resolve extracted candidates (one [`Extract`] per document, in corpus
/// order) into entities, ids not yet assigned.
pub fn resolve_extracts(extracts: &[Extract]) -> Vec<Entity> {
    overlap::settle(resolve::resolve(extracts))
}

/// Documents extracted at once by [`resolve_docs`]: their extracts are
/// folded in and dropped before the next block is made.
const BLOCK: usize = 1024;

/// Extraction (in parallel, one document per task) and resolution, without
/// corrections: what the machine thinks.
///
/// Folding is serial; it runs on its own thread, one block behind the
/// extraction of the next, so the cores are not left waiting on it.
pub fn resolve_docs(docs: &[Document]) -> Vec<Entity> {
    Fold::alongside(|feed| {
        for block in docs.chunks(BLOCK) {
            let extracts: Vec<Extract> = block.par_iter().map(|d| extract(&d.body)).collect();
            if !feed(extracts) {
                break;
            }
        }
    })
    .resolve()
}

/// [`build_with`] from extracts already made, one per document in corpus
/// order (the on-disk index keeps them, so a warm start only resolves).
pub fn build_from_extracts(
    extracts: &[Extract],
    docs: &[Document],
    corrections: &Corrections,
) -> EntityIndex {
    let mut fold = Fold::default();
    extracts.iter().for_each(|x| fold.push(x));
    fold.build(docs, corrections)
}

/// How many steps [`Fold::resolve_counted`] counts.
pub const RESOLVE_STEPS: usize = 3;

/// Extracts folded in one by one, in corpus order, ready to resolve: each
/// is kept only as compact candidates with interned names, so a caller
/// reading extracts back (or making them) can drop each once pushed.
#[derive(Default)]
pub struct Fold {
    nodes: nodes::Nodes,
}

impl Fold {
    /// Fold in the extract of the next document.
    pub fn push(&mut self, x: &Extract) {
        self.nodes.push(x);
    }

    /// The fold of every block `make` hands to its `feed`, in order, each
    /// folded on a thread of its own while `make` goes on to the next.
    /// The hand-over waits for the folding thread, so at most two blocks
    /// are held at once. `feed` answers `false` if folding stopped (it
    /// panicked: the panic is then raised here).
    pub fn alongside(make: impl FnOnce(&mut dyn FnMut(Vec<Extract>) -> bool)) -> Fold {
        std::thread::scope(|s| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Extract>>(0);
            let folder = s.spawn(move || {
                let mut fold = Fold::default();
                for block in rx {
                    block.iter().for_each(|x| fold.push(x));
                }
                fold
            });
            make(&mut |block| tx.send(block).is_ok());
            drop(tx);
            match folder.join() {
                Ok(fold) => fold,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    /// Resolution without corrections, ids assigned.
    pub fn resolve(self) -> Vec<Entity> {
        self.resolve_counted(&|_, _| {})
    }

    /// [`Fold::resolve`], calling `step(done, RESOLVE_STEPS)` as each of
    /// its steps (linking, settling overlaps, naming) finishes, so a
    /// caller can show how far it has got; the result is the same.
    pub fn resolve_counted(self, step: &dyn Fn(usize, usize)) -> Vec<Entity> {
        step(0, RESOLVE_STEPS);
        // The extracts folded into the nodes are freed by now.
        give_back(self.nodes.len());
        let linked = resolve::resolve_nodes(self.nodes);
        step(1, RESOLVE_STEPS);
        let settled = overlap::settle(linked);
        step(2, RESOLVE_STEPS);
        let named = name_entities(settled);
        step(3, RESOLVE_STEPS);
        named
    }

    /// The entity index of `docs` (the documents folded in, in order) with
    /// `corrections`, as [`build_with`] makes it.
    pub fn build(self, docs: &[Document], corrections: &Corrections) -> EntityIndex {
        let mut entities = self.resolve();
        corrections.apply(&mut entities, docs);
        EntityIndex::new(entities, docs.len())
    }
}

/// Give resolved entities their stable ids (`kind:slug`, `-2`… on clashes).
///
/// The slugs are made in parallel (normalising every name was a tenth of
/// resolution's instructions); only the clash check, which depends on
/// entity order, is serial.
fn name_entities(mut entities: Vec<Entity>) -> Vec<Entity> {
    let bases: Vec<String> = entities
        .par_iter()
        .map(|e| format!("{}:{}", e.kind.as_str(), corrections::slug(&e.name)))
        .collect();
    let mut seen: rustc_hash::FxHashSet<String> = Default::default();
    seen.reserve(entities.len());
    for (e, base) in entities.iter_mut().zip(bases) {
        let id = if seen.contains(&base) {
            let mut n = 2;
            loop {
                let id = format!("{base}-{n}");
                if !seen.contains(&id) {
                    break id;
                }
                n += 1;
            }
        } else {
            base
        };
        seen.insert(id.clone());
        e.id = id;
    }
    entities
}
