//! Where a phrase's words stand one after another in a document, read
//! from the word index's places, lazily: a word's places in a document are
//! decoded only as far as the walk needs them, so a phrase common enough
//! to occur early in most documents (`"of the"`) stops at its first hit
//! there instead of decoding every place of both words.
//!
//! The open last word of a phrase still being typed (`"peace talks ne`) is
//! answered here too ([`Pending`]): the places where the closed words
//! stand in a row are kept, then the postings of the words the open one
//! begins are read for just those documents, so the body need not be read
//! at every place of "peace talks" to see whether "ne…" follows.

use super::{Block, get_varint};

/// A walk along one word's postings, documents ascending.
pub(super) struct Cursor<'a> {
    list: &'a [u16],
    i: usize,
    pos: &'a [u8],
}

impl<'a> Cursor<'a> {
    pub(super) fn new(block: &'a Block, w: usize) -> Cursor<'a> {
        Cursor {
            list: block.doc_list(w),
            i: 0,
            pos: &block.pos[block.pos_at[w] as usize..block.pos_at[w + 1] as usize],
        }
    }

    /// The places of the word in document `d`, if it occurs there; the
    /// walk moves past `d` (documents are asked for ascending).
    pub(super) fn seek(&mut self, d: u16) -> Option<&'a [u8]> {
        while self.i < self.list.len() && self.list[self.i] < d {
            self.skip();
        }
        if self.list.get(self.i) != Some(&d) {
            return None;
        }
        self.next().map(|(_, places)| places)
    }

    /// The next document and its places.
    fn next(&mut self) -> Option<(u16, &'a [u8])> {
        let &d = self.list.get(self.i)?;
        let len = get_varint(&mut self.pos) as usize;
        let (places, rest) = self.pos.split_at(len.min(self.pos.len()));
        self.pos = rest;
        self.i += 1;
        Some((d, places))
    }

    fn skip(&mut self) {
        let len = get_varint(&mut self.pos) as usize;
        self.pos = self.pos.get(len..).unwrap_or(&[]);
        self.i += 1;
    }
}

/// One word's places in the current document, decoded on demand: each
/// its key, the word number times two plus the spacing bit.
#[derive(Default)]
struct Lazy<'a> {
    bytes: &'a [u8],
    done: Vec<u32>,
    key: u32,
}

impl<'a> Lazy<'a> {
    fn reset(&mut self, bytes: &'a [u8]) {
        self.bytes = bytes;
        self.done.clear();
        self.key = 0;
    }

    /// The `i`th place's key, decoding up to it.
    #[inline]
    fn get(&mut self, i: usize) -> Option<u32> {
        if i >= self.done.len() {
            self.decode(i + 1 - self.done.len());
        }
        self.done.get(i).copied()
    }

    /// The first place from the `i`th on whose word number is `want` or
    /// more, decoding as far as that.
    #[inline]
    fn first_from(&mut self, mut i: usize, want: u32) -> Option<usize> {
        loop {
            while let Some(&key) = self.done.get(i) {
                if key >> 1 >= want {
                    return Some(i);
                }
                i += 1;
            }
            if self.bytes.is_empty() {
                return None;
            }
            self.decode(8);
        }
    }

    /// Decode up to `n` more places, a few at a time so the loops above
    /// stay on decoded ones.
    fn decode(&mut self, n: usize) {
        for _ in 0..n.max(8) {
            if self.bytes.is_empty() {
                break;
            }
            self.key = self.key.wrapping_add(get_varint(&mut self.bytes));
            self.done.push(self.key);
        }
    }
}

/// The closed words of a phrase walked together, document by document.
pub(super) struct Walk<'a> {
    cursors: Vec<Cursor<'a>>,
    places: Vec<Lazy<'a>>,
    /// The word (index into `cursors`) at each place of the phrase: a
    /// word repeated in the phrase is decoded once.
    slot: Vec<usize>,
    /// How far each slot has read its word's places.
    at: Vec<usize>,
}

impl<'a> Walk<'a> {
    /// The walk of the words numbered `words` (in phrase order).
    pub(super) fn new(block: &'a Block, words: &[usize]) -> Walk<'a> {
        let mut terms: Vec<usize> = words.to_vec();
        terms.sort_unstable();
        terms.dedup();
        Walk {
            cursors: terms.iter().map(|&w| Cursor::new(block, w)).collect(),
            places: terms.iter().map(|_| Lazy::default()).collect(),
            slot: words
                .iter()
                .map(|w| terms.binary_search(w).unwrap_or(0))
                .collect(),
            at: vec![0; words.len()],
        }
    }

    /// Move to document `d`; false when some word is not in it.
    pub(super) fn seek(&mut self, d: u16) -> bool {
        for (cursor, places) in self.cursors.iter_mut().zip(&mut self.places) {
            match cursor.seek(d) {
                Some(bytes) => places.reset(bytes),
                None => return false,
            }
        }
        true
    }

    /// Call `f(start)`, ascending, for every word number `start` of the
    /// current document where the words stand one after another (each one
    /// space from the last if `spaced`); stop when `f` says so, and say
    /// whether it did.
    pub(super) fn each_start(&mut self, spaced: bool, mut f: impl FnMut(u32) -> bool) -> bool {
        let n = self.slot.len();
        self.at.iter_mut().for_each(|a| *a = 0);
        // Drive from the word with the fewest bytes of places here.
        let Some(lead) = (0..n).min_by_key(|&j| self.places[self.slot[j]].bytes.len()) else {
            return false;
        };
        let lead_term = self.slot[lead];
        let shift = lead as u32;
        let mut i = 0;
        'places: while let Some(key) = self.places[lead_term].get(i) {
            i += 1;
            if key >> 1 < shift || (spaced && lead > 0 && key & 1 == 0) {
                continue;
            }
            let start = (key >> 1) - shift;
            for j in (0..n).filter(|&j| j != lead) {
                let want = start + j as u32;
                let term = &mut self.places[self.slot[j]];
                let from = if self.slot[j] == lead_term && j > lead {
                    // The lead's own word further on: past the lead's place.
                    self.at[j].max(i)
                } else {
                    self.at[j]
                };
                // This word has no more places: no later start.
                let Some(k) = term.first_from(from, want) else {
                    return false;
                };
                self.at[j] = k;
                let key = term.done[k];
                if key >> 1 != want || (spaced && j > 0 && key & 1 == 0) {
                    continue 'places;
                }
            }
            if f(start) {
                return true;
            }
        }
        false
    }
}

/// Where the closed words of an open phrase stand in a row, waiting for
/// the open last word: for each document (ascending), its starts.
#[derive(Default)]
pub(super) struct Pending {
    docs: Vec<u16>,
    /// `starts[from[k]..from[k + 1]]` are document `docs[k]`'s (word
    /// number, the open word follows there).
    from: Vec<usize>,
    starts: Vec<(u32, bool)>,
}

impl Pending {
    /// Open document `d`'s group (documents come ascending).
    pub(super) fn doc(&mut self, d: u16) {
        self.docs.push(d);
        self.from.push(self.starts.len());
    }

    /// A start in the document last opened.
    pub(super) fn push(&mut self, start: u32) {
        self.starts.push((start, false));
    }

    /// Drop the last document's group if it holds no start.
    pub(super) fn close(&mut self) {
        if self.from.last() == Some(&self.starts.len()) {
            self.docs.pop();
            self.from.pop();
        }
    }

    /// How many starts wait.
    pub(super) fn len(&self) -> usize {
        self.starts.len()
    }

    /// Mark the starts followed, `gap` word numbers on (one space before
    /// it if `spaced`), by one of the words numbered `range`, reading
    /// those words' postings for the waiting documents only.
    pub(super) fn follow(
        &mut self,
        block: &Block,
        range: std::ops::Range<usize>,
        gap: u32,
        spaced: bool,
    ) {
        self.from.push(self.starts.len());
        // Which group each document of the block is, if any.
        let mut group = vec![u32::MAX; super::BLOCK];
        for (k, &d) in self.docs.iter().enumerate() {
            group[usize::from(d)] = k as u32;
        }
        let mut keys = Vec::new();
        for w in range {
            let mut cursor = Cursor::new(block, w);
            while let Some(&d) = cursor.list.get(cursor.i) {
                let k = group[usize::from(d)];
                if k == u32::MAX {
                    cursor.skip();
                    continue;
                }
                let Some((_, mut bytes)) = cursor.next() else {
                    break;
                };
                keys.clear();
                let mut nth = 0u32;
                while !bytes.is_empty() {
                    nth = nth.wrapping_add(get_varint(&mut bytes));
                    keys.push(nth);
                }
                let k = k as usize;
                for s in &mut self.starts[self.from[k]..self.from[k + 1]] {
                    let want = s.0 + gap;
                    s.1 |= keys
                        .binary_search_by_key(&want, |key| key >> 1)
                        .is_ok_and(|i| !spaced || keys[i] & 1 == 1);
                }
            }
        }
        self.from.pop();
    }

    /// Each document with its starts, ascending.
    pub(super) fn groups(&self) -> impl Iterator<Item = (u16, &[(u32, bool)])> {
        self.docs.iter().enumerate().map(|(k, &d)| {
            let end = self.from.get(k + 1).copied().unwrap_or(self.starts.len());
            (d, &self.starts[self.from[k]..end])
        })
    }
}
