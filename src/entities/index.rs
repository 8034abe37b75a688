//! The cross-reference index over resolved entities: per-document mention
//! lists sorted by offset, so highlighting an article and stepping from one
//! mention to the next are lookups, not scans.

use rayon::prelude::*;

use super::{Entity, EntityIdx, Mention};
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

/// All entities of a corpus and where each is mentioned.
///
/// The per-document lists are one flat table (`by_doc[at[d]..at[d + 1]]`
/// is document `d`'s), sized exactly: a corpus of 100,000 articles has
/// millions of mentions, and a vector per document, grown one push at a
/// time, held up to twice their bytes plus a header per document.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    entities: Vec<Entity>,
    /// Every document's mentions, by document, each sorted by start offset.
    by_doc: Vec<DocMention>,
    /// Where each document's mentions begin in `by_doc` (one more entry
    /// than there are documents).
    at: Vec<u32>,
}

impl EntityIndex {
    /// Index `entities` over a corpus of `doc_count` documents. Mentions are
    /// sorted and entity `docs` recomputed, so callers need not.
    pub fn new(mut entities: Vec<Entity>, doc_count: usize) -> Self {
        // Sorting is per entity and per document: in parallel.
        entities.par_iter_mut().for_each(|entity| {
            entity.mentions.sort_unstable();
            entity.mentions.dedup();
            entity.mentions.shrink_to_fit();
            entity.docs = docs_of(&entity.mentions);
        });
        // Entities are fewer than mentions, which are counted in u32: an
        // entity past that, or a mention past the last document, is left
        // out of the per-document table.
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
        for (e, entity) in entities[..indexed].iter().enumerate() {
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
        drop(next);
        let mut lists: Vec<&mut [DocMention]> = Vec::with_capacity(doc_count);
        let mut rest = by_doc.as_mut_slice();
        for d in 0..doc_count {
            let (list, tail) = rest.split_at_mut((at[d + 1] - at[d]) as usize);
            lists.push(list);
            rest = tail;
        }
        lists
            .par_iter_mut()
            .for_each(|list| list.sort_unstable_by_key(|m| (m.start, m.end, m.entity)));
        drop(lists);
        EntityIndex {
            entities,
            by_doc,
            at,
        }
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, e: EntityIdx) -> &Entity {
        &self.entities[e]
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
        let mentions = &self.entities.get(e)?.mentions;
        let key = |m: &Mention| Position {
            doc: m.doc_idx(),
            offset: m.start as usize,
        };
        // Mentions are sorted by (doc, start), so a binary search finds the
        // neighbour of `from` in O(log n).
        let i = mentions.partition_point(|m| key(m) <= from);
        if forward {
            mentions.get(i).copied()
        } else {
            let j = mentions.partition_point(|m| key(m) < from);
            j.checked_sub(1).and_then(|j| mentions.get(j)).copied()
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
                Some((best, e.mentions.len(), std::cmp::Reverse(i)))
            })
            .max()
            .map(|(_, _, std::cmp::Reverse(i))| i)
    }
}

/// The documents of `mentions` (sorted by document), ascending, each once,
/// in a vector of exactly that length.
pub(crate) fn docs_of(mentions: &[Mention]) -> Vec<DocIdx> {
    let distinct = mentions.chunk_by(|a, b| a.doc == b.doc).count();
    let mut docs = Vec::with_capacity(distinct);
    docs.extend(
        mentions
            .chunk_by(|a, b| a.doc == b.doc)
            .map(|run| run[0].doc_idx()),
    );
    docs
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
            docs: vec![],
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
        assert_eq!(idx.entity(0).docs, vec![0, 2]);
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

    #[test]
    fn context_is_one_line_and_char_safe() {
        let body = "Iran’s\nregime and the MEK, a group";
        let start = body.find("MEK").unwrap();
        let line = context(body, start, start + 3, 12);
        assert_eq!(line, "ime and the MEK, a group");
    }
}
