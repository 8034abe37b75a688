//! Comparing two articles: which entities both name and which only one
//! does, the passages they share, and how each describes the entities they
//! share.
//!
//! Works on cleaned [`Document`] bodies and an [`EntityIndex`] over the same
//! corpus; knows nothing of the terminal, so the CLI and the reader's compare
//! view call the same [`compare`].

mod descriptors;
mod lex;
mod passages;
pub mod view;

use crate::entities::{EntityIdx, EntityIndex};
use crate::store::{DocIdx, Document};

pub use descriptors::{Descriptor, MAX_WORDS, describe};
pub use passages::{MIN_TOKENS, Passage, shared as shared_passages};

/// An entity and how often each side mentions it (0 on the side that does
/// not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityCount {
    pub entity: EntityIdx,
    pub a: usize,
    pub b: usize,
}

/// How each side describes one shared entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    pub entity: EntityIdx,
    pub a: Vec<Descriptor>,
    pub b: Vec<Descriptor>,
}

/// Everything the compare view and `dossier compare` show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub a: DocIdx,
    pub b: DocIdx,
    /// Entities both mention, by kind, most mentioned first.
    pub shared: Vec<EntityCount>,
    pub only_a: Vec<EntityCount>,
    pub only_b: Vec<EntityCount>,
    /// Shared passages, in the order they appear in A.
    pub passages: Vec<Passage>,
    /// For the shared entities that either side describes, in the order of
    /// `shared`.
    pub descriptors: Vec<Described>,
}

/// Compare documents `a` and `b` of `docs` (indices as in `index`). An index
/// out of range compares as an empty document.
pub fn compare(docs: &[Document], index: &EntityIndex, a: DocIdx, b: DocIdx) -> Comparison {
    let body = |d: DocIdx| docs.get(d).map_or("", |doc| doc.body.as_str());
    let (body_a, body_b) = (body(a), body(b));

    let (shared, only_a, only_b) = entity_sets(index, a, b);

    // The two sides are independent, and passages dominate on long texts.
    let (passages, descriptors) = rayon::join(
        || passages::shared(body_a, body_b, MIN_TOKENS),
        || {
            let (toks_a, toks_b) = (lex::lex(body_a), lex::lex(body_b));
            let (mentions_a, mentions_b) = (index.mentions_in(a), index.mentions_in(b));
            shared
                .iter()
                .map(|c| Described {
                    entity: c.entity,
                    a: descriptors::describe_lexed(body_a, &toks_a, mentions_a, c.entity),
                    b: descriptors::describe_lexed(body_b, &toks_b, mentions_b, c.entity),
                })
                .filter(|d| !d.a.is_empty() || !d.b.is_empty())
                .collect()
        },
    );

    Comparison {
        a,
        b,
        shared,
        only_a,
        only_b,
        passages,
        descriptors,
    }
}

/// Shared, only-in-A and only-in-B entities with per-side mention counts,
/// each by kind then most mentioned first then name.
fn entity_sets(
    index: &EntityIndex,
    a: DocIdx,
    b: DocIdx,
) -> (Vec<EntityCount>, Vec<EntityCount>, Vec<EntityCount>) {
    let mut in_a = index.entities_in(a);
    let mut in_b = index.entities_in(b);
    in_a.sort_unstable();
    in_b.sort_unstable();
    let count = |list: &[(EntityIdx, usize)], e: EntityIdx| {
        list.binary_search_by_key(&e, |&(x, _)| x)
            .map_or(0, |k| list[k].1)
    };
    let (mut shared, mut only_a, mut only_b) = (Vec::new(), Vec::new(), Vec::new());
    for &(entity, n) in &in_a {
        let m = count(&in_b, entity);
        let c = EntityCount { entity, a: n, b: m };
        if m > 0 { &mut shared } else { &mut only_a }.push(c);
    }
    for &(entity, n) in &in_b {
        if count(&in_a, entity) == 0 {
            only_b.push(EntityCount { entity, a: 0, b: n });
        }
    }
    for list in [&mut shared, &mut only_a, &mut only_b] {
        list.sort_by(|x, y| {
            let (ex, ey) = (index.entity(x.entity), index.entity(y.entity));
            ex.kind
                .cmp(&ey.kind)
                .then((y.a + y.b).cmp(&(x.a + x.b)))
                .then_with(|| ex.name.cmp(&ey.name))
        });
    }
    (shared, only_a, only_b)
}
