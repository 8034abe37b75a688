//! Phrase search of the cleaned bodies: which documents contain `"camp
//! ashraf"`, ignoring case, spacing, line breaks and the style of quotes
//! and dashes.
//!
//! The bodies are copied once, normalised ([`normalize`]), into blocks of
//! [`BLOCK`] documents each: one string per block with the documents
//! separated by `\n` (which normalised text never contains, so no phrase
//! spans two documents), and the offset where each document starts. A
//! search is then one `memchr::memmem` pass per block, blocks in parallel;
//! a hit maps to its document by binary search, and once a document
//! matched the scan jumps to the next one, so a common phrase costs no
//! more than a rare one. Blocks rather than one buffer of everything: they
//! are the parallel unit anyway, and building them needs no second copy of
//! the whole text.
//!
//! Word boundaries: a phrase that starts with a letter or digit matches
//! only where the text does not continue a word before it (`"ash"` does
//! not match inside "Mashhad"). A closed phrase (`"camp ash"` with its
//! closing quote) must also end at a word boundary; an open one, still
//! being typed (`"camp ash`), may end inside a word, so it works as a
//! prefix and every typed character narrows the previous hits.

use memchr::memmem::Finder;
use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::store::{DocIdx, Document};

/// Documents per block.
pub const BLOCK: usize = 1024;

/// A phrase to look for, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// The normalised text, trimmed; never empty.
    pub text: String,
    /// Closed by its quote: must end at a word boundary too.
    pub closed: bool,
}

impl Phrase {
    /// A phrase as typed; `None` when nothing is left after normalising.
    pub fn new(typed: &str, closed: bool) -> Option<Phrase> {
        let nfc: String = typed.nfc().collect();
        let mut text = String::new();
        normalize_into(&nfc, &mut text, None);
        let text = text.trim_matches(' ').to_string();
        (!text.is_empty()).then_some(Phrase { text, closed })
    }

    /// Whether every document this phrase matches is matched by `other`:
    /// the same phrase, or `other` is open and this one extends it.
    pub fn narrows(&self, other: &Phrase) -> bool {
        if self.text == other.text {
            return self.closed || !other.closed;
        }
        !other.closed && self.text.starts_with(&other.text)
    }

    /// Whether a hit at `start..end` of normalised `text` is a whole match.
    fn at_boundaries(&self, text: &str, start: usize, end: usize) -> bool {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let first = self.text.chars().next();
        if word(first) && word(text[..start].chars().next_back()) {
            return false;
        }
        let last = self.text.chars().next_back();
        !(self.closed && word(last) && word(text[end..].chars().next()))
    }
}

/// Append the normalised form of `src` to `out`: lowercase, every run of
/// whitespace one space, curly and angled quotes straight, dashes a
/// hyphen, soft hyphens and zero-width characters gone. With `map`, push
/// for every byte written the offset in `src` of the char it came from.
pub fn normalize_into(src: &str, out: &mut String, mut map: Option<&mut Vec<usize>>) {
    let mut space = out.ends_with(' ');
    for (at, c) in src.char_indices() {
        let before = out.len();
        if c.is_ascii() {
            if c.is_ascii_whitespace() || c == '\u{0b}' {
                if !space {
                    out.push(' ');
                }
                space = true;
            } else {
                out.push(c.to_ascii_lowercase());
                space = false;
            }
        } else if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            match c {
                '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
                '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{b4}' => {
                    out.push('\'')
                }
                '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
                | '\u{bb}' => out.push('"'),
                '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
                c => out.extend(c.to_lowercase()),
            }
            space = space && out.len() == before;
        }
        if let Some(map) = map.as_deref_mut() {
            map.extend(std::iter::repeat_n(at, out.len() - before));
        }
    }
}

/// The normalised form of `s`.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out, None);
    out
}

/// Byte ranges of `text` (not normalised) where `phrase` occurs, for
/// highlighting in the article.
pub fn find_in(text: &str, phrase: &Phrase) -> Vec<(usize, usize)> {
    let mut norm = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    normalize_into(text, &mut norm, Some(&mut map));
    let finder = Finder::new(phrase.text.as_bytes());
    let mut hits = Vec::new();
    let mut pos = 0;
    while let Some(i) = finder.find(&norm.as_bytes()[pos..]) {
        let (s, e) = (pos + i, pos + i + phrase.text.len());
        if phrase.at_boundaries(&norm, s, e) {
            let last = map[e - 1];
            let end = last + text[last..].chars().next().map_or(0, char::len_utf8);
            hits.push((map[s], end));
            pos = e;
        } else {
            pos = s + 1;
        }
    }
    hits
}

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
    fn scan(&self, finder: &Finder, phrase: &Phrase, out: &mut Vec<usize>) {
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

/// The normalised bodies of a corpus, for phrase search.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    blocks: Vec<Block>,
    docs: usize,
}

impl PhraseIndex {
    /// Normalise every body, blocks in parallel on the current rayon pool.
    pub fn new(docs: &[Document]) -> PhraseIndex {
        PhraseIndex {
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
                block.scan(&finder, phrase, &mut local);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_space_quotes_and_dashes() {
        assert_eq!(
            normalize("Camp\u{a0}Ashraf’s  “camp”\n\n— X\u{ad}Y"),
            "camp ashraf's \"camp\" - xy"
        );
        assert_eq!(normalize("İ"), "i\u{307}");
    }

    #[test]
    fn find_in_maps_back_to_the_original_bytes() {
        let text = "At CAMP\n  Ashraf, and Camp Ashrafi.";
        let p = Phrase::new("camp ashraf", true).unwrap();
        let hits = find_in(text, &p);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].0..hits[0].1], "CAMP\n  Ashraf");
        let open = Phrase::new("camp ashraf", false).unwrap();
        assert_eq!(find_in(text, &open).len(), 2);
        let p = Phrase::new("l’été", true).unwrap();
        let text = "Dès L'Été.";
        let hits = find_in(text, &p);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].0..hits[0].1], "L'Été");
    }

    #[test]
    fn narrowing_rules() {
        let open = |s| Phrase::new(s, false).unwrap();
        let closed = |s| Phrase::new(s, true).unwrap();
        assert!(open("camp as").narrows(&open("camp a")));
        assert!(closed("camp a").narrows(&open("camp a")));
        assert!(!open("camp a").narrows(&closed("camp a")));
        assert!(!closed("camp as").narrows(&closed("camp a")));
        assert!(Phrase::new("  \u{200b} ", false).is_none());
    }
}
