//! The cross-reference index over resolved entities: per-document mention
//! lists sorted by offset, so highlighting an article and stepping from one
//! mention to the next are lookups, not scans.
//!
//! Each mention is stored once, in the per-document table; an entity's
//! mentions are positions in it ([`Mentions`]). A corpus of 100,000
//! articles has about ten million mentions: a second, per-entity copy of
//! them (12 bytes each) and each entity's document list (8 bytes a
//! document) were 165 MB of the reader's memory; the positions are 4 bytes
//! a mention.

mod mentions;

use rayon::prelude::*;

pub use mentions::{Docs, Iter, Mentions};

use super::{Entity, EntityIdx, Kind, Mention};
use crate::store::DocIdx;

/// A mention as seen from inside one document. `u32` fields, as in
/// [`Mention`]: 12 bytes a mention rather than 24.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocMention {
    pub start: u32,
    pub end: u32,
    pub entity: u32,
}

impl DocMention {
    /// The entity mentioned, as an index into [`EntityIndex::entities`].
    pub fn entity_idx(&self) -> EntityIdx {
        self.entity as EntityIdx
    }

    /// The byte range in the document's body, for slicing it.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A point in the corpus: a byte offset in a document's cleaned body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub doc: DocIdx,
    pub offset: usize,
}

/// What the index keeps of an entity beside its mentions (those are in
/// the index's tables: [`EntityIndex::mentions_of`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityInfo {
    /// Stable id derived from kind and canonical name (`org:mek`).
    pub id: String,
    /// The canonical name shown to the user.
    pub name: String,
    pub kind: Kind,
    /// Every surface form seen, canonical name included, deduplicated.
    pub aliases: Vec<String>,
}

/// All entities of a corpus and where each is mentioned.
///
/// The per-document lists are one flat table (`by_doc[at[d]..at[d + 1]]`
/// is document `d`'s), sized exactly: a corpus of 100,000 articles has
/// millions of mentions, and a vector per document, grown one push at a
/// time, held up to twice their bytes plus a header per document. The
/// per-entity lists are positions in that table, flat the same way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityIndex {
    entities: Vec<EntityInfo>,
    /// Every document's mentions, by document, each sorted by (start, end,
    /// entity), none twice.
    by_doc: Vec<DocMention>,
    /// Where each document's mentions begin in `by_doc` (one more entry
    /// than there are documents).
    at: Vec<u32>,
    /// Every entity's mentions as positions in `by_doc`, by entity, each
    /// ascending.
    of: Vec<u32>,
    /// Where each entity's positions begin in `of` (one more entry than
    /// there are entities).
    from: Vec<u32>,
    /// How many documents mention each entity.
    doc_counts: Vec<u32>,
}

impl EntityIndex {
    /// Index `entities` over a corpus of `doc_count` documents. Their
    /// mentions may come in any order and more than once: each is indexed
    /// once, sorted. A mention past the last document is left out.
    pub fn new(entities: Vec<Entity>, doc_count: usize) -> Self {
        // Entities are fewer than mentions, which are counted in u32: an
        // entity past that is left out of the tables.
        let indexed = entities.len().min(u32::MAX as usize);
        let mut at = vec![0u32; doc_count + 1];
        for entity in &entities[..indexed] {
            for m in &entity.mentions {
                if let Some(n) = at.get_mut(m.doc_idx() + 1) {
                    *n += 1;
                }
            }
        }
        for d in 1..at.len() {
            at[d] += at[d - 1];
        }
        let placeholder = DocMention {
            start: 0,
            end: 0,
            entity: 0,
        };
        let mut by_doc = vec![placeholder; at[doc_count] as usize];
        let mut next: Vec<u32> = at[..doc_count].to_vec();
        // Each entity's mention vector is dropped once copied, so the two
        // copies are never all held at once.
        let mut infos = Vec::with_capacity(entities.len());
        for (e, entity) in entities.into_iter().enumerate() {
            if e < indexed {
                for m in &entity.mentions {
                    if let Some(slot) = next.get_mut(m.doc_idx()) {
                        by_doc[*slot as usize] = DocMention {
                            start: m.start,
                            end: m.end,
                            entity: e as u32,
                        };
                        *slot += 1;
                    }
                }
            }
            infos.push(EntityInfo {
                id: entity.id,
                name: entity.name,
                kind: entity.kind,
                aliases: entity.aliases,
            });
        }
        drop(next);
        sort_and_dedup(&mut by_doc, &mut at);
        let (of, from, doc_counts) = positions(&by_doc, &at, infos.len());
        EntityIndex {
            entities: infos,
            by_doc,
            at,
            of,
            from,
            doc_counts,
        }
    }

    pub fn entities(&self) -> &[EntityInfo] {
        &self.entities
    }

    pub fn entity(&self, e: EntityIdx) -> &EntityInfo {
        &self.entities[e]
    }

    /// Every mention of entity `e`, sorted by (document, start, end); none
    /// for an entity that is not in the index.
    pub fn mentions_of(&self, e: EntityIdx) -> Mentions<'_> {
        let of = match (self.from.get(e), self.from.get(e + 1)) {
            (Some(&lo), Some(&hi)) => &self.of[lo as usize..hi as usize],
            _ => &[],
        };
        Mentions::new(of, &self.by_doc, &self.at)
    }

    /// The documents that mention entity `e`, ascending.
    pub fn docs_of(&self, e: EntityIdx) -> Docs<'_> {
        self.mentions_of(e).docs()
    }

    /// How many documents mention entity `e`.
    pub fn doc_count(&self, e: EntityIdx) -> usize {
        self.doc_counts.get(e).map_or(0, |&n| n as usize)
    }

    /// Whether document `doc` mentions entity `e`.
    pub fn mentioned_in(&self, e: EntityIdx, doc: DocIdx) -> bool {
        let mentions = self.mentions_of(e);
        mentions.before_doc(doc) < mentions.before_doc(doc + 1)
    }

    /// The mentions in one document, sorted by start offset.
    pub fn mentions_in(&self, doc: DocIdx) -> &[DocMention] {
        match (self.at.get(doc), self.at.get(doc + 1)) {
            (Some(&lo), Some(&hi)) => &self.by_doc[lo as usize..hi as usize],
            _ => &[],
        }
    }

    /// The entities a document mentions with their mention counts there,
    /// grouped by kind, most mentioned first.
    pub fn entities_in(&self, doc: DocIdx) -> Vec<(EntityIdx, usize)> {
        let mut counts: Vec<(EntityIdx, usize)> = Vec::new();
        let mut ids: Vec<EntityIdx> = self
            .mentions_in(doc)
            .iter()
            .map(DocMention::entity_idx)
            .collect();
        ids.sort_unstable();
        for e in ids {
            match counts.last_mut() {
                Some((last, n)) if *last == e => *n += 1,
                _ => counts.push((e, 1)),
            }
        }
        counts.sort_by(|a, b| {
            let (ea, eb) = (&self.entities[a.0], &self.entities[b.0]);
            ea.kind
                .cmp(&eb.kind)
                .then(b.1.cmp(&a.1))
                .then_with(|| ea.name.cmp(&eb.name))
        });
        counts
    }

    /// The entity mentioned at byte `offset` of `doc`, if any.
    pub fn at(&self, doc: DocIdx, offset: usize) -> Option<EntityIdx> {
        self.mentions_in(doc)
            .iter()
            .find(|m| m.range().contains(&offset))
            .map(DocMention::entity_idx)
    }

    /// The first mention of `e` strictly after `from` (or strictly before,
    /// when `forward` is false), continuing into other documents in corpus
    /// order. `None` when there is none in that direction.
    pub fn step(&self, e: EntityIdx, from: Position, forward: bool) -> Option<Mention> {
        let mentions = self.mentions_of(e);
        // Positions ascend as (doc, start) does, so binary searches find
        // the neighbour of `from` in O(log n).
        if forward {
            mentions.get(mentions.before(from.doc, from.offset, true))
        } else {
            let j = mentions.before(from.doc, from.offset, false);
            mentions.get(j.checked_sub(1)?)
        }
    }

    /// Find an entity by name: exact name or alias ignoring case first, then
    /// the best fuzzy match of names and aliases.
    pub fn find(&self, name: &str) -> Option<EntityIdx> {
        let wanted = name.trim().to_lowercase();
        let exact = self.entities.iter().position(|e| {
            e.name.to_lowercase() == wanted || e.aliases.iter().any(|a| a.to_lowercase() == wanted)
        });
        if exact.is_some() {
            return exact;
        }
        let matcher = crate::search::Fuzzy::new(name);
        self.entities
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let best = std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .filter_map(|s| matcher.score(s))
                    .max()?;
                // Prefer the better-attested entity among equal scores.
                Some((best, self.mentions_of(i).len(), std::cmp::Reverse(i)))
            })
            .max()
            .map(|(_, _, std::cmp::Reverse(i))| i)
    }
}

/// Sort every document's rows of `by_doc` (in parallel) and drop rows
/// repeated within one, moving the rest down and `at` with them.
fn sort_and_dedup(by_doc: &mut Vec<DocMention>, at: &mut [u32]) {
    let docs = at.len() - 1;
    let mut lists: Vec<&mut [DocMention]> = Vec::with_capacity(docs);
    let mut rest = by_doc.as_mut_slice();
    for d in 0..docs {
        let (list, tail) = rest.split_at_mut((at[d + 1] - at[d]) as usize);
        lists.push(list);
        rest = tail;
    }
    let kept: Vec<u32> = lists
        .par_iter_mut()
        .map(|list| {
            list.sort_unstable_by_key(|m| (m.start, m.end, m.entity));
            let mut n = 0;
            for i in 0..list.len() {
                if n == 0 || list[i] != list[n - 1] {
                    list[n] = list[i];
                    n += 1;
                }
            }
            n as u32
        })
        .collect();
    drop(lists);
    if kept
        .iter()
        .zip(at.windows(2))
        .all(|(&n, w)| n == w[1] - w[0])
    {
        return;
    }
    let mut to = 0u32;
    for d in 0..docs {
        let from = at[d] as usize;
        by_doc.copy_within(from..from + kept[d] as usize, to as usize);
        at[d] = to;
        to += kept[d];
    }
    at[docs] = to;
    by_doc.truncate(to as usize);
    by_doc.shrink_to_fit();
}

/// Each of `entities` entities' rows in `by_doc`, ascending, one flat list
/// with where each entity's begin, and how many documents each is in.
fn positions(by_doc: &[DocMention], at: &[u32], entities: usize) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
    let mut from = vec![0u32; entities + 1];
    for m in by_doc {
        from[m.entity_idx() + 1] += 1;
    }
    for e in 1..from.len() {
        from[e] += from[e - 1];
    }
    let mut of = vec![0u32; by_doc.len()];
    let mut next: Vec<u32> = from[..entities].to_vec();
    let mut doc_counts = vec![0u32; entities];
    // The document (plus one) each entity was last seen in.
    let mut seen_in = vec![0u32; entities];
    for d in 0..at.len() - 1 {
        for p in at[d]..at[d + 1] {
            let e = by_doc[p as usize].entity_idx();
            of[next[e] as usize] = p;
            next[e] += 1;
            if seen_in[e] != d as u32 + 1 {
                seen_in[e] = d as u32 + 1;
                doc_counts[e] += 1;
            }
        }
    }
    (of, from, doc_counts)
}

/// A keyword-in-context line: the mention with up to `width` characters of
/// text either side, on one line, cut at char boundaries.
pub fn context(body: &str, start: usize, end: usize, width: usize) -> String {
    let before: String = {
        let chars: Vec<char> = body[..start].chars().rev().take(width).collect();
        chars.into_iter().rev().collect()
    };
    let after: String = body[end..].chars().take(width).collect();
    let line = format!("{before}{}{after}", &body[start..end]);
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Kind;

    fn entity(name: &str, mentions: &[(u32, u32)]) -> Entity {
        Entity {
            id: format!("org:{name}"),
            name: name.into(),
            kind: Kind::Org,
            aliases: vec![name.into()],
            mentions: mentions
                .iter()
                .map(|&(doc, start)| Mention {
                    doc,
                    start,
                    end: start + name.len() as u32,
                })
                .collect(),
        }
    }

    #[test]
    fn step_crosses_documents_both_ways() {
        let idx = EntityIndex::new(vec![entity("MEK", &[(2, 5), (0, 40), (0, 10)])], 3);
        let at = |doc, offset| Position { doc, offset };
        assert_eq!(idx.docs_of(0).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(idx.doc_count(0), 2);
        assert_eq!(
            idx.step(0, at(0, 10), true).map(|m| (m.doc, m.start)),
            Some((0, 40))
        );
        assert_eq!(
            idx.step(0, at(0, 40), true).map(|m| (m.doc, m.start)),
            Some((2, 5))
        );
        assert_eq!(idx.step(0, at(2, 5), true), None);
        assert_eq!(
            idx.step(0, at(2, 5), false).map(|m| (m.doc, m.start)),
            Some((0, 40))
        );
        assert_eq!(idx.step(0, at(0, 10), false), None);
        assert_eq!(
            idx.step(0, at(1, 0), true).map(|m| (m.doc, m.start)),
            Some((2, 5))
        );
    }

    #[test]
    fn entities_in_counts_and_at_finds() {
        let idx = EntityIndex::new(
            vec![entity("MEK", &[(0, 0), (0, 20)]), entity("UN", &[(0, 10)])],
            1,
        );
        assert_eq!(idx.entities_in(0), vec![(0, 2), (1, 1)]);
        assert_eq!(idx.at(0, 11), Some(1));
        assert_eq!(idx.at(0, 5), None);
        assert_eq!(idx.find("mek"), Some(0));
    }

    /// Pseudo-random entities: mentions over a few documents, unsorted,
    /// some repeated, some shared with another entity, some past the last
    /// document.
    fn scattered(docs: u32) -> Vec<Entity> {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as u32
        };
        (0..30)
            .map(|e| {
                let mut ms: Vec<(u32, u32)> = (0..next(40))
                    .map(|_| (next(u64::from(docs) + 1), next(60)))
                    .collect();
                if let Some(&m) = ms.first() {
                    ms.push(m);
                }
                entity(&format!("E{e}"), &ms)
            })
            .collect()
    }

    #[test]
    fn each_entity_sees_its_own_mentions_sorted_once() {
        let docs = 9;
        let entities = scattered(docs);
        let idx = EntityIndex::new(entities.clone(), docs as usize);
        for (e, entity) in entities.iter().enumerate() {
            let mut want: Vec<Mention> = entity
                .mentions
                .iter()
                .copied()
                .filter(|m| m.doc < docs)
                .collect();
            want.sort_unstable();
            want.dedup();
            let of = idx.mentions_of(e);
            assert_eq!(of.iter().collect::<Vec<_>>(), want);
            assert_eq!(of.iter().rev().collect::<Vec<_>>().len(), want.len());
            let mut skipped = of.iter();
            assert_eq!(skipped.nth(3), want.get(3).copied());
            assert_eq!(skipped.next(), want.get(4).copied());
            let mut in_docs: Vec<DocIdx> = want.iter().map(Mention::doc_idx).collect();
            in_docs.dedup();
            assert_eq!(idx.docs_of(e).collect::<Vec<_>>(), in_docs);
            assert_eq!(idx.doc_count(e), in_docs.len());
            for d in 0..docs as usize + 2 {
                let first = want.partition_point(|m| m.doc_idx() < d);
                assert_eq!(of.before_doc(d), first);
                assert_eq!(idx.mentioned_in(e, d), in_docs.contains(&d));
                // `step` as a search of the sorted list would answer.
                for offset in [0, 7, 30, 59, usize::MAX] {
                    let from = Position { doc: d, offset };
                    let key = |m: &Mention| Position {
                        doc: m.doc_idx(),
                        offset: m.start as usize,
                    };
                    let after = want.iter().find(|m| key(m) > from).copied();
                    let before = want.iter().rev().find(|m| key(m) < from).copied();
                    assert_eq!(idx.step(e, from, true), after);
                    assert_eq!(idx.step(e, from, false), before);
                }
            }
            for (i, &m) in want.iter().enumerate() {
                assert_eq!(of.position(m), Some(i));
            }
            let absent = Mention::at(0, 61, 62).expect("fits");
            assert_eq!(of.position(absent), None);
        }
        // Every document's list is sorted and holds each mention once.
        let total: usize = (0..docs as usize).map(|d| idx.mentions_in(d).len()).sum();
        let per_entity: usize = (0..entities.len()).map(|e| idx.mentions_of(e).len()).sum();
        assert_eq!(total, per_entity);
        for d in 0..docs as usize {
            let list = idx.mentions_in(d);
            assert!(
                list.windows(2)
                    .all(|w| (w[0].start, w[0].end, w[0].entity)
                        < (w[1].start, w[1].end, w[1].entity))
            );
        }
        assert!(idx.mentions_of(entities.len()).is_empty());
    }

    #[test]
    fn context_is_one_line_and_char_safe() {
        let body = "Iran’s\nregime and the MEK, a group";
        let start = body.find("MEK").unwrap();
        let line = context(body, start, start + 3, 12);
        assert_eq!(line, "ime and the MEK, a group");
    }
}
