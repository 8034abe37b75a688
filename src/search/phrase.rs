//! Phrase search of the cleaned bodies: which documents contain `"camp
//! ashraf"`, ignoring case, spacing, line breaks and the style of quotes
//! and dashes.
//!
//! What a match is lives here: the phrase and the text are normalised
//! alike ([`normalize`]), and the phrase must occur in the text at word
//! boundaries. A phrase that starts with a letter or digit matches only
//! where the text does not continue a word before it (`"ash"` does not
//! match inside "Mashhad"). A closed phrase (`"camp ash"` with its closing
//! quote) must also end at a word boundary; an open one, still being typed
//! (`"camp ash`), may end inside a word, so it works as a prefix and every
//! typed character narrows the previous hits.
//!
//! Which documents to look at is the word index's business
//! ([`fulltext`](super::fulltext)): [`PhraseIndex`] asks it for the
//! documents holding the phrase's words and checks only those. The scan
//! of every body ([`scan`](super::scan)) is the oracle it is tested
//! against.

use memchr::memmem::Finder;
use unicode_normalization::UnicodeNormalization;

use super::fulltext::WordIndex;
use crate::store::{DocIdx, Document};

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

    /// Whether the cleaned `body` holds the phrase: the whole body
    /// normalised and searched. For one document; a corpus goes through
    /// [`PhraseIndex`].
    pub fn occurs_in(&self, body: &str) -> bool {
        let norm = normalize(body);
        let finder = Finder::new(self.text.as_bytes());
        let mut pos = 0;
        while let Some(i) = finder.find(&norm.as_bytes()[pos..]) {
            let (s, e) = (pos + i, pos + i + self.text.len());
            if self.at_boundaries(&norm, s, e) {
                return true;
            }
            pos = s + 1;
        }
        false
    }

    /// Whether a hit at `start..end` of normalised `text` is a whole match.
    pub(crate) fn at_boundaries(&self, text: &str, start: usize, end: usize) -> bool {
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
        push_normalized(c, out, &mut space);
        if let Some(map) = map.as_deref_mut() {
            map.extend(std::iter::repeat_n(at, out.len() - before));
        }
    }
}

/// One step of [`normalize_into`]: append the normalised form of `c`.
/// `space` says whether the output ends in a collapsed run of whitespace
/// (and is updated), so the index ([`fulltext`](super::fulltext)) can
/// normalise word by word and a few chars at a time exactly as a whole
/// body is normalised.
#[inline]
pub fn push_normalized(c: char, out: &mut String, space: &mut bool) {
    let before = out.len();
    if c.is_ascii() {
        if c.is_ascii_whitespace() || c == '\u{0b}' {
            if !*space {
                out.push(' ');
            }
            *space = true;
        } else {
            out.push(c.to_ascii_lowercase());
            *space = false;
        }
    } else if c.is_whitespace() {
        if !*space {
            out.push(' ');
        }
        *space = true;
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
        *space = *space && out.len() == before;
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

/// Phrase search over a corpus, answered from its word index.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    words: WordIndex,
}

/// Below this share of the corpus, [`PhraseIndex::retain`] checks the
/// candidates one by one rather than answering for the whole corpus.
const FEW: usize = 8;

impl PhraseIndex {
    /// Index every body, blocks in parallel on the current rayon pool.
    pub fn new(docs: &[Document]) -> PhraseIndex {
        PhraseIndex {
            words: WordIndex::new(docs),
        }
    }

    /// Every document of `docs` holding `phrase`, ascending. `docs` must
    /// be the corpus indexed; any other is scanned instead.
    pub fn find(&self, phrase: &Phrase, docs: &[Document]) -> Vec<DocIdx> {
        if docs.len() != self.words.len() {
            return super::scan::Scan::new(docs).find(phrase);
        }
        self.words.find(phrase, docs)
    }

    /// The `candidates` holding `phrase`, in their order.
    pub fn retain(&self, phrase: &Phrase, candidates: &[DocIdx], docs: &[Document]) -> Vec<DocIdx> {
        if docs.len() != self.words.len() {
            return super::scan::Scan::new(docs).retain(phrase, candidates);
        }
        if candidates.len().saturating_mul(FEW) < docs.len() {
            return self.words.retain(phrase, candidates, docs);
        }
        let found = self.find(phrase, docs);
        let mut hit = vec![false; docs.len()];
        for d in found {
            hit[d] = true;
        }
        candidates
            .iter()
            .copied()
            .filter(|&d| hit.get(d).copied().unwrap_or(false))
            .collect()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Bytes held, for the memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.words.heap_bytes()
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
