//! Phrase search by reading every body: the normalised bodies held in
//! memory and scanned with `memchr::memmem`. This was the reader's phrase
//! search before the word index ([`fulltext`](super::fulltext)); it stays
//! as the oracle the index is tested against and as the benches' baseline
//! (what reading the same bytes costs).
//!
//! The bodies are copied once, normalised ([`normalize_into`]), into blocks
//! of [`BLOCK`] documents each: one string per block with the documents
//! separated by `\n` (which normalised text never contains, so no phrase
//! spans two documents), and the offset where each document starts. A
//! search is then one `memmem` pass per block, blocks in parallel; a hit
//! maps to its document by binary search, and once a document matched the
//! scan jumps to the next one, so a common phrase costs no more than a
//! rare one.

use memchr::memmem::Finder;
use rayon::prelude::*;

use super::phrase::{Phrase, normalize_into};
use crate::store::{DocIdx, Document};

/// Documents per block.
pub const BLOCK: usize = 1024;

/// Normalised bodies of [`BLOCK`] documents.
#[derive(Debug, Default)]
struct Block {
    text: String,
    /// Where each document starts in `text`, and the end as the last.
    starts: Vec<usize>,
}

impl Block {
    fn new(docs: &[Document]) -> Block {
        let mut text = String::with_capacity(docs.iter().map(|d| d.body.len() + 1).sum());
        let mut starts = Vec::with_capacity(docs.len() + 1);
        for doc in docs {
            starts.push(text.len());
            normalize_into(&doc.body, &mut text, None);
            text.push('\n');
        }
        starts.push(text.len());
        text.shrink_to_fit();
        Block { text, starts }
    }

    /// Local indices of the documents holding `phrase`, ascending.
    fn scan_into(&self, finder: &Finder, phrase: &Phrase, out: &mut Vec<usize>) {
        let hay = self.text.as_bytes();
        let mut pos = 0;
        while let Some(i) = finder.find(&hay[pos..]) {
            let (s, e) = (pos + i, pos + i + phrase.text.len());
            if phrase.at_boundaries(&self.text, s, e) {
                let doc = self.starts.partition_point(|&st| st <= s) - 1;
                out.push(doc);
                pos = self.starts[doc + 1];
            } else {
                pos = s + 1;
            }
        }
    }

    /// Whether local document `doc` holds `phrase`.
    fn contains(&self, doc: usize, finder: &Finder, phrase: &Phrase) -> bool {
        let (Some(&from), Some(&to)) = (self.starts.get(doc), self.starts.get(doc + 1)) else {
            return false;
        };
        // The slice keeps its trailing `\n`, a non-word boundary.
        let text = &self.text[from..to];
        let mut pos = 0;
        while let Some(i) = finder.find(&text.as_bytes()[pos..]) {
            let (s, e) = (pos + i, pos + i + phrase.text.len());
            if phrase.at_boundaries(text, s, e) {
                return true;
            }
            pos = s + 1;
        }
        false
    }
}

/// The normalised bodies of a corpus, scanned for a phrase.
#[derive(Debug, Default)]
pub struct Scan {
    blocks: Vec<Block>,
    docs: usize,
}

impl Scan {
    /// Normalise every body, blocks in parallel on the current rayon pool.
    pub fn new(docs: &[Document]) -> Scan {
        Scan {
            blocks: docs.par_chunks(BLOCK).map(Block::new).collect(),
            docs: docs.len(),
        }
    }

    /// Every document holding `phrase`, ascending.
    pub fn find(&self, phrase: &Phrase) -> Vec<DocIdx> {
        let finder = Finder::new(phrase.text.as_bytes());
        self.blocks
            .par_iter()
            .enumerate()
            .flat_map_iter(|(b, block)| {
                let mut local = Vec::new();
                block.scan_into(&finder, phrase, &mut local);
                local.into_iter().map(move |d| b * BLOCK + d)
            })
            .collect()
    }

    /// The `candidates` holding `phrase`, in their order. Cheaper than
    /// [`find`](Self::find) when the candidates are few.
    pub fn retain(&self, phrase: &Phrase, candidates: &[DocIdx]) -> Vec<DocIdx> {
        let finder = Finder::new(phrase.text.as_bytes());
        candidates
            .par_iter()
            .with_min_len(256)
            .copied()
            .filter(|&d| {
                self.blocks
                    .get(d / BLOCK)
                    .is_some_and(|b| b.contains(d % BLOCK, &finder, phrase))
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.docs
    }

    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// Bytes held, for the memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.text.capacity() + b.starts.capacity() * std::mem::size_of::<usize>())
            .sum()
    }

    /// The normalised text of every block, for the benches' baseline scan.
    #[doc(hidden)]
    pub fn blocks(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().map(|b| b.text.as_str())
    }
}
