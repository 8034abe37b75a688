//! One entity's mentions as the index keeps them: positions in the
//! per-document table, not copies of the mentions.
//!
//! The per-document table (`by_doc`, sorted by document, then start, end
//! and entity) holds every mention once. An entity's mentions are the
//! ascending positions of its rows there, and ascending positions are
//! (document, start, end) order, the order the reader lists and steps
//! through them in. A position is 4 bytes where a second copy of the
//! mention was 12; the document of a position is found in the table's
//! per-document starts (`at`) by binary search.

use super::DocMention;
use crate::entities::Mention;
use crate::store::DocIdx;

/// The mentions of one entity, sorted by (document, start, end): a view of
/// the index's tables, cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Mentions<'a> {
    /// Positions in `by_doc`, ascending.
    of: &'a [u32],
    by_doc: &'a [DocMention],
    /// Where each document's rows begin in `by_doc`, one more entry than
    /// there are documents.
    at: &'a [u32],
}

impl<'a> Mentions<'a> {
    pub(super) fn new(of: &'a [u32], by_doc: &'a [DocMention], at: &'a [u32]) -> Self {
        Mentions { of, by_doc, at }
    }

    pub fn len(&self) -> usize {
        self.of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.of.is_empty()
    }

    /// The `i`-th mention.
    pub fn get(&self, i: usize) -> Option<Mention> {
        let p = *self.of.get(i)?;
        Some(self.mention(p, self.doc_of(p)))
    }

    pub fn first(&self) -> Option<Mention> {
        self.get(0)
    }

    pub fn last(&self) -> Option<Mention> {
        self.get(self.len().checked_sub(1)?)
    }

    /// Every mention, in order.
    pub fn iter(&self) -> Iter<'a> {
        Iter {
            of: *self,
            front: 0,
            back: self.len(),
            doc: 0,
        }
    }

    /// Where `m` is among these mentions, if it is one of them.
    pub fn position(&self, m: Mention) -> Option<usize> {
        let lo = self.before_doc(m.doc_idx());
        let hi = self.before_doc(m.doc_idx() + 1);
        let key = |p: u32| {
            let row = &self.by_doc[p as usize];
            (row.start, row.end)
        };
        self.of[lo..hi]
            .binary_search_by(|&p| key(p).cmp(&(m.start, m.end)))
            .ok()
            .map(|i| lo + i)
    }

    /// How many of these mentions lie in documents before `doc`: the index
    /// of the first one in `doc` or later.
    pub fn before_doc(&self, doc: DocIdx) -> usize {
        let row = self.row_of_doc(doc);
        self.of.partition_point(|&p| p < row)
    }

    /// How many of these mentions come before byte `offset` of `doc` (or
    /// at it too, when `at_too`): the index of the first one after.
    pub fn before(&self, doc: DocIdx, offset: usize, at_too: bool) -> usize {
        let first = self.row_of_doc(doc) as usize;
        let rows = match (self.at.get(doc), self.at.get(doc + 1)) {
            (Some(&lo), Some(&hi)) => &self.by_doc[lo as usize..hi as usize],
            _ => &[],
        };
        let n = rows.partition_point(|m| match at_too {
            true => m.start as usize <= offset,
            false => (m.start as usize) < offset,
        });
        let row = (first + n) as u32;
        self.of.partition_point(|&p| p < row)
    }

    /// The documents these mentions are in, ascending, each once.
    pub fn docs(&self) -> Docs<'a> {
        Docs {
            of: self.of,
            at: self.at,
        }
    }

    /// The first row of document `doc` in `by_doc` (the table's end for a
    /// document past the last).
    fn row_of_doc(&self, doc: DocIdx) -> u32 {
        match self.at.get(doc) {
            Some(&row) => row,
            None => self.at.last().copied().unwrap_or(0),
        }
    }

    /// The document of row `p`: the last whose rows begin at or before it.
    fn doc_of(&self, p: u32) -> u32 {
        doc_of(self.at, p)
    }

    fn mention(&self, p: u32, doc: u32) -> Mention {
        let row = &self.by_doc[p as usize];
        Mention {
            doc,
            start: row.start,
            end: row.end,
        }
    }
}

/// The document of row `p` given the documents' first rows `at`.
fn doc_of(at: &[u32], p: u32) -> u32 {
    at.partition_point(|&a| a <= p).saturating_sub(1) as u32
}

/// The mentions of [`Mentions::iter`]. Going forward, the document of the
/// last mention is kept, so only a mention in another document looks its
/// document up.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    of: Mentions<'a>,
    front: usize,
    back: usize,
    doc: u32,
}

impl Iterator for Iter<'_> {
    type Item = Mention;

    fn next(&mut self) -> Option<Mention> {
        if self.front >= self.back {
            return None;
        }
        let p = self.of.of[self.front];
        self.front += 1;
        let at = self.of.at;
        let in_doc = at.get(self.doc as usize).is_some_and(|&lo| lo <= p)
            && at.get(self.doc as usize + 1).is_some_and(|&hi| p < hi);
        if !in_doc {
            self.doc = doc_of(at, p);
        }
        Some(self.of.mention(p, self.doc))
    }

    fn nth(&mut self, n: usize) -> Option<Mention> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Mention> {
        if self.front >= self.back {
            return None;
        }
        self.back -= 1;
        let p = self.of.of[self.back];
        Some(self.of.mention(p, self.of.doc_of(p)))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for Mentions<'a> {
    type Item = Mention;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The documents of [`Mentions::docs`]: each step skips the rest of a
/// document's mentions by binary search.
#[derive(Debug, Clone)]
pub struct Docs<'a> {
    of: &'a [u32],
    at: &'a [u32],
}

impl Iterator for Docs<'_> {
    type Item = DocIdx;

    fn next(&mut self) -> Option<DocIdx> {
        let &p = self.of.first()?;
        let doc = doc_of(self.at, p);
        let end = self.at.get(doc as usize + 1).copied().unwrap_or(u32::MAX);
        self.of = &self.of[self.of.partition_point(|&q| q < end)..];
        Some(doc as DocIdx)
    }
}

impl DoubleEndedIterator for Docs<'_> {
    fn next_back(&mut self) -> Option<DocIdx> {
        let &p = self.of.last()?;
        let doc = doc_of(self.at, p);
        let start = self.at.get(doc as usize).copied().unwrap_or(0);
        self.of = &self.of[..self.of.partition_point(|&q| q < start)];
        Some(doc as DocIdx)
    }
}
