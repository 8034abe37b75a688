//! The word index behind phrase search: which documents hold each word of
//! the normalised bodies, and where, so a `"phrase"` is answered by looking
//! its words up rather than by reading every body.
//!
//! Words are the runs of alphanumeric chars of the text as
//! [`normalize_into`](super::phrase::normalize_into) makes it, the same
//! runs that decide a phrase's word boundaries. A phrase matches only
//! where its inner words are whole words of the text, its first word
//! starts one and its last ends one (or, still being typed, begins one), so
//! the documents holding all its words are a superset of its answer. Each
//! candidate is then checked exactly: the normalised text is rebuilt from
//! the original body at each place where the first word starts, a few
//! chars at a time, and compared with the phrase. A one-word phrase needs
//! no check at all: the word's documents are the answer. The index only
//! narrows; [`Phrase`]'s rules decide, so the answers are the scan's.
//!
//! Documents are indexed in blocks of [`BLOCK`]: each block has its own
//! sorted vocabulary and postings (16-bit document numbers, and for each
//! document the word's numbers there as varint deltas). Byte offsets are
//! not stored beside every place: a phrase decided from the places alone
//! never needs them, and the few a body check needs are re-found from a
//! mark every [`STRIDE`](marks::STRIDE) words ([`marks`]).
//! Blocks are built and searched in parallel and need no merging; a word
//! is stored once per block it occurs in, which costs less than the
//! 32-bit document numbers one global list would need.

mod marks;
mod places;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use places::{Pending, Walk};

use super::phrase::{Phrase, push_normalized};
use crate::store::{DocIdx, Document};

/// Documents per block: at most `u16::MAX + 1`, so a block's document
/// numbers fit in 16 bits; a few thousand gives both cores work at 10,000
/// documents while keeping the vocabulary repeated in few blocks.
pub const BLOCK: usize = 4096;

/// An open last word expanding to more words than this does not narrow
/// the candidates (the check does): OR-ing thousands of lists costs more
/// than it saves.
const MAX_PREFIX_WORDS: usize = 256;

/// What checking a phrase on the body at one place costs (normalising a
/// few chars from there), in units of one document of a word's postings
/// stepped over: an open last word is looked up in the postings of the
/// words it begins when those hold no more than this many documents per
/// place waiting for it, and checked on the body otherwise.
const CHECK_COST: usize = 32;

/// The word index of a corpus's bodies.
#[derive(Debug, Default)]
pub struct WordIndex {
    blocks: Vec<Block>,
    docs: usize,
}

/// The postings of [`BLOCK`] documents.
#[derive(Debug, Default)]
struct Block {
    /// The vocabulary, sorted, concatenated; word `w` is
    /// `words[ends[w - 1]..ends[w]]` (from 0 for the first).
    words: String,
    ends: Vec<u32>,
    /// Word `w`'s documents (block-local, ascending):
    /// `docs[docs_at[w]..docs_at[w + 1]]`.
    docs_at: Vec<u32>,
    docs: Vec<u16>,
    /// Word `w`'s places from `pos[pos_at[w]..]`: for each of its documents
    /// in order, the byte length of the rest, then for each place the
    /// word's number in the document (0 for its first word) times two,
    /// plus one when exactly a space separates it from the word before,
    /// as a varint delta from the previous place's.
    pos_at: Vec<u32>,
    pos: Vec<u8>,
    /// Document `d`'s marks, `marks[marks_at[d]..marks_at[d + 1]]`: the
    /// byte offset of its word `(k + 1) * stride` at `k`
    /// ([`marks::word_start`]).
    marks_at: Vec<u32>,
    marks: Vec<u32>,
    /// Words between marks: [`marks::STRIDE`] but in tests.
    stride: u32,
}

impl WordIndex {
    /// Index `docs`, blocks in parallel on the current rayon pool.
    pub fn new(docs: &[Document]) -> WordIndex {
        WordIndex::with_stride(docs, marks::STRIDE)
    }

    /// Index `docs` with a mark every `stride` words.
    fn with_stride(docs: &[Document], stride: u32) -> WordIndex {
        WordIndex {
            blocks: docs
                .par_chunks(BLOCK)
                .map(|chunk| Block::new(chunk, stride))
                .collect(),
            docs: docs.len(),
        }
    }

    /// How many documents were indexed.
    pub fn len(&self) -> usize {
        self.docs
    }

    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// Every document of `docs` (the corpus indexed) holding `phrase`,
    /// ascending.
    pub fn find(&self, phrase: &Phrase, docs: &[Document]) -> Vec<DocIdx> {
        self.find_with(&Plan::new(phrase), docs)
    }

    fn find_with(&self, plan: &Plan, docs: &[Document]) -> Vec<DocIdx> {
        self.blocks
            .par_iter()
            .enumerate()
            .flat_map_iter(|(b, block)| {
                let base = b * BLOCK;
                let end = (base + BLOCK).min(docs.len());
                let local = block.find(plan, docs.get(base..end).unwrap_or(&[]));
                local.into_iter().map(move |d| base + usize::from(d))
            })
            .collect()
    }

    /// The `candidates` holding `phrase`, in their order, each looked up
    /// on its own: for a few candidates, where answering for the whole
    /// corpus would cost more.
    pub fn retain(&self, phrase: &Phrase, candidates: &[DocIdx], docs: &[Document]) -> Vec<DocIdx> {
        let plan = Plan::new(phrase);
        candidates
            .par_iter()
            .with_min_len(64)
            .copied()
            .filter(|&d| self.contains(&plan, docs, d))
            .collect()
    }

    /// Whether document `d` holds the phrase: its words looked up, then
    /// the body checked.
    fn contains(&self, plan: &Plan, docs: &[Document], d: DocIdx) -> bool {
        let (Some(block), Some(doc)) = (self.blocks.get(d / BLOCK), docs.get(d)) else {
            return false;
        };
        let Ok(local) = u16::try_from(d % BLOCK) else {
            return false;
        };
        let has = |w: usize| block.doc_list(w).binary_search(&local).is_ok();
        for word in &plan.words {
            match block.lookup(word) {
                Some(w) if has(w) => {}
                _ => return false,
            }
        }
        if let Some(prefix) = &plan.prefix {
            let range = block.prefix_range(prefix);
            if !range.clone().any(has) {
                return false;
            }
        }
        plan.exact || plan.phrase.occurs_in(&doc.body)
    }

    /// Bytes held, for the memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| {
                b.words.capacity()
                    + (b.ends.capacity() + b.docs_at.capacity() + b.pos_at.capacity()) * 4
                    + (b.marks_at.capacity() + b.marks.capacity()) * 4
                    + b.docs.capacity() * 2
                    + b.pos.capacity()
            })
            .sum()
    }
}

/// How a phrase is looked up.
struct Plan<'p> {
    phrase: &'p Phrase,
    /// Words that must occur whole, the first one first.
    words: Vec<String>,
    /// The open last word, still being typed: some word must begin so.
    prefix: Option<String>,
    /// The phrase starts with its first word in `words`: the places of
    /// that word are the only places a match can start.
    anchored: bool,
    /// The phrase is one word and nothing else: the word's documents are
    /// the answer.
    exact: bool,
    /// The phrase is its words with one space between each: where they
    /// stand one after another, each one space from the last, it matches,
    /// with no need to read the body. An open last word counts as one of
    /// the words here.
    spaced: bool,
    /// [`CHECK_COST`], but for tests, which force either way of answering
    /// an open last word.
    check_cost: usize,
}

impl<'p> Plan<'p> {
    fn new(phrase: &'p Phrase) -> Plan<'p> {
        let text = phrase.text.as_str();
        let mut words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let ends_in_word = text.chars().next_back().is_some_and(char::is_alphanumeric);
        let prefix = (!phrase.closed && ends_in_word)
            .then(|| words.pop())
            .flatten();
        let starts_in_word = text.chars().next().is_some_and(char::is_alphanumeric);
        let exact = words.len() + usize::from(prefix.is_some()) == 1
            && words.first().or(prefix.as_ref()).is_some_and(|w| w == text);
        let spaced = words.len() + usize::from(prefix.is_some()) > 1
            && words
                .iter()
                .chain(&prefix)
                .fold(String::new(), |mut all, w| {
                    if !all.is_empty() {
                        all.push(' ');
                    }
                    all.push_str(w);
                    all
                })
                == text;
        Plan {
            phrase,
            spaced,
            anchored: starts_in_word && !words.is_empty(),
            words,
            prefix,
            exact,
            check_cost: CHECK_COST,
        }
    }
}

/// A set of a block's documents.
struct Bits([u64; BLOCK / 64]);

impl Bits {
    fn empty() -> Bits {
        Bits([0; BLOCK / 64])
    }

    fn of(list: &[u16]) -> Bits {
        let mut bits = Bits::empty();
        bits.add(list);
        bits
    }

    fn add(&mut self, list: &[u16]) {
        for &d in list {
            self.0[usize::from(d) / 64] |= 1 << (d % 64);
        }
    }

    fn and(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    // i < BLOCK / 64 and bit < 64, so this fits in u16.
                    (i * 64 + bit as usize) as u16
                })
            })
        })
    }
}

impl Block {
    fn new(docs: &[Document], stride: u32) -> Block {
        // Every place of every word, in (document, word number) order: one
        // flat list, then grouped by word with a counting sort. A place is
        // kept as its word id times two plus the spacing bit; its document
        // is beside it and its word number is its distance from its
        // document's first place, so the lists the sort needs hold 10
        // bytes a place (a block holds millions).
        let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut places: Vec<u32> = Vec::new();
        let mut doc_of: Vec<u16> = Vec::new();
        let mut first: Vec<u32> = Vec::with_capacity(docs.len());
        let mut block = Block {
            stride,
            ..Block::default()
        };
        block.marks_at.reserve_exact(docs.len() + 1);
        for (d, doc) in docs.iter().enumerate() {
            let d = u16::try_from(d).unwrap_or(u16::MAX);
            first.push(to_u32(places.len()));
            block.marks_at.push(to_u32(block.marks.len()));
            let mut nth = 0u32;
            for_each_word(&doc.body, |word, at, spaced| {
                let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                let id = match ids.get(word) {
                    Some(&id) => id,
                    None => *ids.entry(word.into()).or_insert(next),
                };
                places.push(id.saturating_mul(2) | u32::from(spaced));
                doc_of.push(d);
                if nth > 0 && nth.is_multiple_of(stride) {
                    let clean = marks::clean_start(&doc.body, at);
                    block
                        .marks
                        .push(if clean { to_u32(at) } else { marks::NONE });
                }
                nth += 1;
            });
        }
        block.marks_at.push(to_u32(block.marks.len()));
        block.marks.shrink_to_fit();
        let mut vocab: Vec<(Box<str>, u32)> = ids.into_iter().collect();
        vocab.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut rank = vec![0u32; vocab.len()];
        for (r, (_, id)) in vocab.iter().enumerate() {
            rank[*id as usize] = r as u32;
        }
        let mut starts = vec![0usize; vocab.len() + 1];
        for p in &places {
            starts[rank[(p >> 1) as usize] as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        // Place numbers, grouped by word, ascending within a word.
        let mut sorted = vec![0u32; places.len()];
        let mut fill = starts.clone();
        for (i, p) in places.iter().enumerate() {
            let r = rank[(p >> 1) as usize] as usize;
            sorted[fill[r]] = i as u32;
            fill[r] += 1;
        }
        drop((fill, rank));
        // The key of place `i`: its word number times two plus the
        // spacing bit.
        let key = |i: u32| {
            let nth = i - first[usize::from(doc_of[i as usize])];
            nth.saturating_mul(2) | (places[i as usize] & 1)
        };

        block
            .words
            .reserve(vocab.iter().map(|(w, _)| w.len()).sum());
        block.ends.reserve_exact(vocab.len());
        block.docs_at.reserve_exact(vocab.len() + 1);
        block.pos_at.reserve_exact(vocab.len() + 1);
        let mut scratch = Vec::new();
        for (r, (word, _)) in vocab.iter().enumerate() {
            block.words.push_str(word);
            block.ends.push(to_u32(block.words.len()));
            block.docs_at.push(to_u32(block.docs.len()));
            block.pos_at.push(to_u32(block.pos.len()));
            let group = &sorted[starts[r]..starts[r + 1]];
            for run in group.chunk_by(|&a, &b| doc_of[a as usize] == doc_of[b as usize]) {
                block.docs.push(doc_of[run[0] as usize]);
                scratch.clear();
                let mut last = 0;
                for k in run.iter().map(|&i| key(i)) {
                    put_varint(&mut scratch, k - last);
                    last = k;
                }
                put_varint(&mut block.pos, to_u32(scratch.len()));
                block.pos.extend_from_slice(&scratch);
            }
        }
        block.docs_at.push(to_u32(block.docs.len()));
        block.pos_at.push(to_u32(block.pos.len()));
        block.words.shrink_to_fit();
        block.docs.shrink_to_fit();
        block.pos.shrink_to_fit();
        block
    }

    /// Where word number `n` of document `d` (block-local) starts in its
    /// `body`.
    fn word_start(&self, d: u16, n: u32, body: &str) -> Option<usize> {
        let d = usize::from(d);
        let (from, to) = (*self.marks_at.get(d)?, *self.marks_at.get(d + 1)?);
        let marks = self.marks.get(from as usize..to as usize)?;
        marks::word_start(body, marks, self.stride, n)
    }

    fn word(&self, w: usize) -> &str {
        let start = w.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        &self.words[start..self.ends[w] as usize]
    }

    fn doc_list(&self, w: usize) -> &[u16] {
        &self.docs[self.docs_at[w] as usize..self.docs_at[w + 1] as usize]
    }

    /// The number of `word` in the vocabulary.
    fn lookup(&self, word: &str) -> Option<usize> {
        let i = partition(self.ends.len(), |w| self.word(w) < word);
        (i < self.ends.len() && self.word(i) == word).then_some(i)
    }

    /// The numbers of the words beginning with `prefix`.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let n = self.ends.len();
        let from = partition(n, |w| self.word(w) < prefix);
        let to = from + partition(n - from, |i| self.word(from + i).starts_with(prefix));
        from..to
    }

    /// The block-local documents of `docs` (this block's) holding the
    /// phrase, ascending.
    fn find(&self, plan: &Plan, docs: &[Document]) -> Vec<u16> {
        let mut candidates: Option<Bits> = None;
        let mut found: Vec<usize> = Vec::with_capacity(plan.words.len());
        for word in &plan.words {
            let Some(w) = self.lookup(word) else {
                return Vec::new();
            };
            found.push(w);
        }
        // Rarest first, so the set is small from the start.
        let mut lists: Vec<&[u16]> = found.iter().map(|&w| self.doc_list(w)).collect();
        lists.sort_by_key(|l| l.len());
        for list in lists {
            match &mut candidates {
                None => candidates = Some(Bits::of(list)),
                Some(bits) => bits.and(&Bits::of(list)),
            }
        }
        if let Some(prefix) = &plan.prefix {
            let range = self.prefix_range(prefix);
            if range.is_empty() {
                return Vec::new();
            }
            if range.len() <= MAX_PREFIX_WORDS || candidates.is_none() {
                let mut any = Bits::empty();
                for w in range {
                    any.add(self.doc_list(w));
                }
                match &mut candidates {
                    None => candidates = Some(any),
                    Some(bits) => bits.and(&any),
                }
            }
        }
        let Some(candidates) = candidates else {
            // No word at all (`"--"`): every document is a candidate.
            return (0..docs.len())
                .filter(|&d| plan.phrase.occurs_in(&docs[d].body))
                .map(|d| d as u16)
                .collect();
        };
        if plan.exact {
            return candidates.iter().collect();
        }
        if !plan.anchored {
            return candidates
                .iter()
                .filter(|&d| {
                    docs.get(usize::from(d))
                        .is_some_and(|doc| plan.phrase.occurs_in(&doc.body))
                })
                .collect();
        }
        // Walk the words' places beside the candidates (all ascending).
        let mut walk = Walk::new(self, &found);
        let mut out = Vec::new();
        let mut buf = String::new();
        let Some(prefix) = &plan.prefix else {
            for d in candidates.iter() {
                let Some(doc) = docs.get(usize::from(d)) else {
                    continue;
                };
                // A spaced phrase is decided where its words stand in a
                // row; any other is checked on the body there.
                let hit = walk.seek(d)
                    && walk.each_start(plan.spaced, |start| {
                        plan.spaced || self.matches_at(d, start, doc, plan.phrase, &mut buf)
                    });
                if hit {
                    out.push(d);
                }
            }
            return out;
        };
        // An open last word: first where the closed words stand in a row,
        // then whether a word it begins follows, from that word's places
        // or from the body, whichever the posting sizes say is cheaper.
        let mut pending = Pending::default();
        for d in candidates.iter() {
            if walk.seek(d) {
                pending.doc(d);
                walk.each_start(plan.spaced, |start| {
                    pending.push(start);
                    false
                });
                pending.close();
            }
        }
        let range = self.prefix_range(prefix);
        let postings = (self.docs_at[range.end] - self.docs_at[range.start]) as usize;
        let follow = postings <= pending.len().saturating_mul(plan.check_cost);
        if follow {
            pending.follow(self, range, to_u32(plan.words.len()), plan.spaced);
        }
        for (d, starts) in pending.groups() {
            let Some(doc) = docs.get(usize::from(d)) else {
                continue;
            };
            let hit = starts.iter().any(|&(start, followed)| {
                (followed || !follow)
                    && ((follow && plan.spaced)
                        || self.matches_at(d, start, doc, plan.phrase, &mut buf))
            });
            if hit {
                out.push(d);
            }
        }
        out
    }

    /// Whether the phrase matches in document `d` (block-local, `doc`)
    /// from its word number `start`.
    fn matches_at(
        &self,
        d: u16,
        start: u32,
        doc: &Document,
        phrase: &Phrase,
        buf: &mut String,
    ) -> bool {
        self.word_start(d, start, &doc.body)
            .is_some_and(|at| matches_at(&doc.body, at, phrase, buf))
    }
}

/// The first `i` in `0..n` for which `pred` is false (`pred` true then
/// false along the range).
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Call `f(word, at, spaced)` for every word of the normalised `body`,
/// with the byte offset in `body` of the char its first letter came from,
/// and whether exactly one space (nothing else) separates it from the
/// word before.
pub fn for_each_word(body: &str, mut f: impl FnMut(&str, usize, bool)) {
    let mut word = String::new();
    let mut start = 0;
    let mut space = false;
    // What the normalised text holds since the last word: `None` before
    // the first word, else whether it is exactly one space so far.
    let mut gap: Option<(bool, bool)> = None; // (one space seen, anything else)
    let mut spaced = false;
    let mut tmp = String::new();
    for (at, c) in body.char_indices() {
        tmp.clear();
        if c.is_ascii_alphanumeric() {
            tmp.push(c.to_ascii_lowercase());
            space = false;
        } else {
            push_normalized(c, &mut tmp, &mut space);
        }
        for n in tmp.chars() {
            if n.is_alphanumeric() {
                if word.is_empty() {
                    start = at;
                    spaced = gap == Some((true, false));
                }
                word.push(n);
                continue;
            }
            if !word.is_empty() {
                f(&word, start, spaced);
                word.clear();
                gap = Some((false, false));
            }
            gap = gap.map(|(one, other)| match (n, one) {
                (' ', false) => (true, other),
                _ => (one, true),
            });
        }
    }
    if !word.is_empty() {
        f(&word, start, spaced);
    }
}

/// Whether the normalised text from `body[at..]` (where a word starts)
/// begins with `phrase` and, for a closed phrase ending in a word, the
/// word ends there. `buf` is scratch space.
fn matches_at(body: &str, at: usize, phrase: &Phrase, buf: &mut String) -> bool {
    let Some(rest) = body.get(at..) else {
        return false;
    };
    buf.clear();
    let want = phrase.text.len();
    let mut space = false;
    let mut chars = rest.chars();
    // The word starts at the first letter this char gives (a char may
    // lowercase to more than one).
    let Some(c) = chars.next() else { return false };
    push_normalized(c, buf, &mut space);
    let skip = buf
        .char_indices()
        .find(|(_, n)| n.is_alphanumeric())
        .map_or(0, |(i, _)| i);
    // One char past the phrase, to see whether its last word ends there.
    while buf.len() <= skip + want {
        match chars.next() {
            Some(c) => push_normalized(c, buf, &mut space),
            None => break,
        }
    }
    let Some(text) = buf.get(skip..) else {
        return false;
    };
    if !text.starts_with(phrase.text.as_str()) {
        return false;
    }
    let ends_in_word = phrase
        .text
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let next = text[want..].chars().next();
    !(phrase.closed && ends_in_word && next.is_some_and(char::is_alphanumeric))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn put_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Read one varint from the front of `bytes`, advancing it; 0 when empty.
fn get_varint(bytes: &mut &[u8]) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    while let Some((&b, rest)) = bytes.split_first() {
        *bytes = rest;
        n |= u32::from(b & 0x7f) << shift;
        if b < 0x80 || shift >= 28 {
            break;
        }
        shift += 7;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(body: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for_each_word(body, |w, at, _| out.push((w.to_string(), at)));
        out
    }

    #[test]
    fn words_are_the_alphanumeric_runs_of_the_normalised_text() {
        assert_eq!(
            words("Camp\u{a0}Ashraf’s X\u{ad}Y 2012"),
            vec![
                ("camp".into(), 0),
                ("ashraf".into(), 6),
                ("s".into(), 15),
                ("xy".into(), 17),
                ("2012".into(), 22)
            ]
        );
        // İ lowercases to i and a combining dot, which is no letter.
        assert_eq!(words("İz"), vec![("i".into(), 0), ("z".into(), 2)]);
    }

    /// Both ways of answering an open last word (its words' places, or
    /// the body at every place the closed words stand in a row) agree with
    /// the scan, across blocks and on spacing the bit cannot decide.
    #[test]
    fn an_open_last_word_is_answered_alike_from_places_and_bodies() {
        let mut docs = crate::testgen::documents(BLOCK + 300, 11);
        for (i, body) in [
            "Peace talks never end. peace  talks new. Peace-talks next.",
            "peace talks\nnear; peace talks, news; the peace talks\u{ad}nest",
            "of the net of the-new of thenew",
        ]
        .into_iter()
        .enumerate()
        {
            docs[i * 2000] = Document::from_text(format!("x{i}"), "t", body);
        }
        let index = WordIndex::new(&docs);
        let scan = crate::search::scan::Scan::new(&docs);
        let typed = [
            "peace talks ne",
            "peace talks n",
            "peace talks",
            "peace-talks ne",
            "talks, ne",
            "of the ne",
            "of the-ne",
            "the peace talks ne",
            "said the",
            "the the th",
        ];
        for text in typed {
            let phrase = Phrase::new(text, false).expect("a phrase");
            let want = scan.find(&phrase);
            for cost in [0, usize::MAX] {
                let plan = Plan {
                    check_cost: cost,
                    ..Plan::new(&phrase)
                };
                assert_eq!(
                    index.find_with(&plan, &docs),
                    want,
                    "{text:?} at cost {cost}"
                );
            }
        }
    }

    /// A phrase of words one space apart is decided by the spacing bits
    /// alone, whichever of its words the walk starts from.
    #[test]
    fn spaced_phrases_need_every_gap_one_space() {
        let bodies = [
            "Of, the. of; the",
            "alpha, beta gamma alpha alpha beta beta",
            "alpha beta  gamma",
            "alpha beta\tgamma, alpha beta\u{200b} gamma",
        ];
        let docs: Vec<Document> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| Document::from_text(i.to_string(), "t", *b))
            .collect();
        let index = WordIndex::new(&docs);
        let scan = crate::search::scan::Scan::new(&docs);
        for text in ["of the", "alpha beta gamma", "beta gamma", "alpha beta"] {
            for closed in [true, false] {
                let phrase = Phrase::new(text, closed).expect("a phrase");
                assert_eq!(index.find(&phrase, &docs), scan.find(&phrase), "{text:?}");
            }
        }
    }

    /// Phrases checked on the body (punctuation inside, open last words
    /// read from the body) find their first word's offset from the
    /// marks, whatever the stride.
    #[test]
    fn body_checks_find_their_places_from_the_marks() {
        let mut docs = crate::testgen::documents(300, 5);
        docs[7] = Document::from_text("x", "t", "İz aİb, ﬁne. the—end of the-new; Ω-Σς İİ, x");
        let scan = crate::search::scan::Scan::new(&docs);
        let typed = [
            "exposed, a charge",
            "exposed, a ch",
            ", where",
            "where 1",
            "ai b, ﬁne",
            "the-new; ω-σς",
            "ne. the",
            "talks, ne",
        ];
        let mut matched = 0;
        for stride in [1, 2, 3, 16, 1000] {
            let index = WordIndex::with_stride(&docs, stride);
            for text in typed {
                for closed in [true, false] {
                    let phrase = Phrase::new(text, closed).expect("a phrase");
                    let want = scan.find(&phrase);
                    matched += usize::from(!want.is_empty());
                    for cost in [0, usize::MAX] {
                        let plan = Plan {
                            check_cost: cost,
                            ..Plan::new(&phrase)
                        };
                        assert_eq!(
                            index.find_with(&plan, &docs),
                            want,
                            "{text:?} stride {stride}"
                        );
                    }
                }
            }
        }
        // Most of them match somewhere, so the places were found.
        assert!(matched >= 5 * 8, "{matched}");
    }

    #[test]
    fn varints_round_trip() {
        let mut out = Vec::new();
        for n in [0, 1, 127, 128, 300, u32::MAX] {
            put_varint(&mut out, n);
        }
        let mut bytes = out.as_slice();
        for n in [0, 1, 127, 128, 300, u32::MAX] {
            assert_eq!(get_varint(&mut bytes), n);
        }
        assert!(bytes.is_empty());
    }
}
