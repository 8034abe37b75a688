//! Fuzzy matching of many short texts (the title · outlet · author line of
//! every document) with `nucleo-matcher`, the matcher of helix and
//! television.
//!
//! Why nucleo and not `fuzzy-matcher`: scoring and sorting 100,000 titles
//! per keystroke must fit in a 100 ms budget on two busy cores, and
//! `benches/filter.rs` measured SkimMatcherV2 three to four times slower
//! than nucleo on the same titles (figures in `benches/notes/matcher.md`).
//! Two habits keep it fast: the haystacks are converted to nucleo's
//! UTF-32 form once per corpus ([`Haystacks`]), and every rayon chunk gets
//! its own [`Matcher`] (a matcher holds scratch space and is not shared).
//!
//! A pattern is a list of words, each matched fuzzily and in any order
//! (`iran opp` keeps "Iranian opposition" and "opposition in Iran"), with
//! smart case (a capital letter makes that word case-sensitive) and smart
//! accents (`e` matches `é`, `é` only `é`). No other syntax: `^`, `$`, `!`
//! and `'` are plain characters here, so a pattern that extends another
//! always keeps a subset of its matches, which is what lets a typed
//! character narrow the previous result instead of rescanning.
//!
//! Indices are chars, not graphemes: the crate's grapheme segmentation is
//! turned off so that highlight positions line up with `str::chars`.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};
use rayon::prelude::*;

use crate::store::{DocIdx, Document};

/// Documents per rayon task: large enough that making a matcher (about
/// 135 KB of scratch space) is noise, small enough to balance two cores.
const CHUNK: usize = 4096;

/// A compiled fuzzy pattern.
#[derive(Debug, Clone, Default)]
pub struct FuzzyPattern {
    pattern: Pattern,
}

impl FuzzyPattern {
    /// Compile `text`: one fuzzy word per whitespace-separated word.
    pub fn new(text: &str) -> FuzzyPattern {
        FuzzyPattern {
            pattern: Pattern::new(
                text,
                CaseMatching::Smart,
                Normalization::Smart,
                AtomKind::Fuzzy,
            ),
        }
    }

    /// Whether the pattern has no word (and so keeps everything).
    pub fn is_empty(&self) -> bool {
        self.pattern.atoms.is_empty()
    }

    /// Score of a prepared haystack; `None` when a word does not match.
    pub fn score(&self, haystack: Utf32Str<'_>, matcher: &mut Matcher) -> Option<u32> {
        self.pattern.score(haystack, matcher)
    }

    /// Score and the char indices of `text` that matched, ascending.
    pub fn indices(&self, text: &str, matcher: &mut Matcher) -> Option<(u32, Vec<usize>)> {
        let mut buf = Vec::new();
        let mut idx: Vec<u32> = Vec::new();
        let score = self
            .pattern
            .indices(Utf32Str::new(text, &mut buf), matcher, &mut idx)?;
        idx.sort_unstable();
        idx.dedup();
        Some((score, idx.into_iter().map(|i| i as usize).collect()))
    }
}

/// A matcher with the default (non-path) configuration.
pub fn new_matcher() -> Matcher {
    Matcher::new(Config::DEFAULT)
}

/// The text a document is filtered on: title, outlet and author, joined
/// by `" | "`, with typographic quotes, dashes and spaces made ASCII.
///
/// Why ASCII where it can be: nucleo matches an all-ASCII haystack on a
/// byte fast path, several times quicker than its char path (a `·`
/// separator once sent every title down the slow one). Every replacement
/// is one char for one char, so match positions are positions in the
/// title and fields as shown: the outlet starts at the title's char count
/// plus 3.
pub fn haystack(doc: &Document) -> String {
    let mut s = String::with_capacity(doc.title.len() + 40);
    push_folded(&mut s, &doc.title);
    for field in [&doc.source, &doc.author].into_iter().flatten() {
        s.push_str(" | ");
        push_folded(&mut s, field);
    }
    s
}

/// Append `text` with the common typographic characters as their ASCII
/// look-alikes, char for char.
fn push_folded(out: &mut String, text: &str) {
    out.extend(text.chars().map(|c| match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' => ' ',
        c => c,
    }));
}

/// Every document's [`haystack`], converted once to nucleo's form.
#[derive(Debug, Clone, Default)]
pub struct Haystacks {
    items: Vec<Utf32String>,
}

impl Haystacks {
    pub fn new(docs: &[Document]) -> Haystacks {
        Haystacks {
            items: docs
                .par_iter()
                .with_min_len(CHUNK)
                .map(|d| Utf32String::from(haystack(d)))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, doc: DocIdx) -> Option<Utf32Str<'_>> {
        self.items.get(doc).map(|h| h.slice(..))
    }

    /// Bytes held, for the memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.items
            .iter()
            .map(|h| match h {
                Utf32String::Ascii(s) => s.len(),
                Utf32String::Unicode(c) => c.len() * 4,
            })
            .sum::<usize>()
            + self.items.capacity() * std::mem::size_of::<Utf32String>()
    }
}

/// A ranked answer: the hits best first, ties in document order, each
/// with the score of the pattern's last word kept apart from the rest, so
/// that the next keystroke (which usually only extends the last word, or
/// starts a new one) scores that one word and reuses the others.
#[derive(Debug, Clone, Default)]
pub struct Ranked {
    /// Per hit: the inverted total score above the document index (an
    /// ascending sort of plain integers gives best first, ties in order),
    /// and the last word's score.
    hits: Vec<(u64, u16)>,
    /// The words the scores belong to.
    atoms: Vec<Atom>,
}

impl Ranked {
    /// The documents, best first.
    pub fn docs(&self) -> Vec<DocIdx> {
        self.hits.iter().map(|&(k, _)| doc_of(k)).collect()
    }

    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// Bytes held, for the memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.hits.capacity() * std::mem::size_of::<(u64, u16)>()
    }
}

/// The sort key of a hit: the inverted score above the document index.
fn key(score: u32, doc: DocIdx) -> u64 {
    u64::from(u32::MAX - score) << 32 | doc as u64
}

fn doc_of(key: u64) -> DocIdx {
    (key & u64::from(u32::MAX)) as DocIdx
}

fn score_of(key: u64) -> u32 {
    u32::MAX - (key >> 32) as u32
}

/// What an earlier answer's scores are worth to a new pattern.
enum Reuse {
    /// Same words: every score stands, and so does the order.
    Whole,
    /// The new pattern only changed its last word: the earlier words'
    /// scores stand.
    AllButLast,
    /// The new pattern added a word: the whole earlier score stands.
    Total,
}

fn reuse(new: &[Atom], old: &[Atom]) -> Option<Reuse> {
    let (_, head) = new.split_last()?;
    if new == old {
        Some(Reuse::Whole)
    } else if head == old {
        Some(Reuse::Total)
    } else if new.len() == old.len() && old.get(..head.len()) == Some(head) {
        Some(Reuse::AllButLast)
    } else {
        None
    }
}

/// Asked between chunks of work: whether the answer is no longer wanted
/// (newer typing overtook it). Once true it must stay true.
pub type Stop<'a> = &'a (dyn Fn() -> bool + Sync);

/// The `candidates` that `pattern` matches and `keep` accepts, best score
/// first, ties in document order. Runs on the current rayon pool. An empty
/// pattern scores everything 0, which leaves document order.
pub fn rank(
    pattern: &FuzzyPattern,
    haystacks: &Haystacks,
    candidates: &[DocIdx],
    keep: &(dyn Fn(DocIdx) -> bool + Sync),
) -> Ranked {
    rank_until(pattern, haystacks, candidates, keep, &|| false).unwrap_or_default()
}

/// [`rank`], given up (`None`) once `stop` says so: a chunk that starts
/// after it does nothing.
pub fn rank_until(
    pattern: &FuzzyPattern,
    haystacks: &Haystacks,
    candidates: &[DocIdx],
    keep: &(dyn Fn(DocIdx) -> bool + Sync),
    stop: Stop<'_>,
) -> Option<Ranked> {
    let atoms = pattern.pattern.atoms.clone();
    if atoms.is_empty() {
        // Nothing to score: the kept candidates in document order.
        let mut kept: Vec<DocIdx> = candidates
            .par_iter()
            .with_min_len(CHUNK)
            .copied()
            .filter(|&d| d < haystacks.len() && keep(d))
            .collect();
        kept.par_sort_unstable();
        let hits = kept.into_iter().map(|d| (key(0, d), 0)).collect();
        return Some(Ranked { hits, atoms });
    }
    let mut hits = score_chunks(candidates, stop, |&doc, matcher, out| {
        let Some(hay) = haystacks.get(doc) else {
            return;
        };
        if !keep(doc) {
            return;
        }
        if let Some(hit) = score_words(&atoms, 0, hay, matcher) {
            out.push((key(hit.0, doc), hit.1));
        }
    })?;
    hits.par_sort_unstable_by_key(|h| h.0);
    Some(Ranked { hits, atoms })
}

/// Score `items` in parallel chunks, one matcher per chunk, `score`
/// pushing each item's hit; a chunk that starts once `stop` says so does
/// nothing, and the whole is `None` then.
fn score_chunks<T: Sync>(
    items: &[T],
    stop: Stop<'_>,
    score: impl Fn(&T, &mut Matcher, &mut Vec<(u64, u16)>) + Sync,
) -> Option<Vec<(u64, u16)>> {
    let hits = items
        .par_chunks(CHUNK)
        .flat_map_iter(|chunk| {
            if stop() {
                return Vec::new();
            }
            let mut matcher = new_matcher();
            let mut out = Vec::with_capacity(chunk.len());
            for item in chunk {
                score(item, &mut matcher, &mut out);
            }
            out
        })
        .collect();
    // No chunk was skipped unless `stop` is true by now.
    (!stop()).then_some(hits)
}

/// Like [`rank`], over the hits of an earlier answer (whose pattern the
/// new one narrows) that `keep` accepts, reusing their scores where the
/// words allow: on the usual keystroke only the last word is scored.
/// Given up (`None`) once `stop` says so.
pub fn rerank(
    pattern: &FuzzyPattern,
    haystacks: &Haystacks,
    earlier: &Ranked,
    keep: &(dyn Fn(DocIdx) -> bool + Sync),
    stop: Stop<'_>,
) -> Option<Ranked> {
    let atoms = pattern.pattern.atoms.clone();
    let Some(how) = reuse(&atoms, &earlier.atoms) else {
        return rank_until(pattern, haystacks, &earlier.docs(), keep, stop);
    };
    let Some(last) = atoms.last() else {
        return rank_until(pattern, haystacks, &earlier.docs(), keep, stop);
    };
    let mut hits = score_chunks(&earlier.hits, stop, |&(k, old_last), matcher, out| {
        let doc = doc_of(k);
        if !keep(doc) {
            return;
        }
        let base = match how {
            Reuse::Whole => return out.push((k, old_last)),
            Reuse::Total => score_of(k),
            Reuse::AllButLast => score_of(k) - u32::from(old_last),
        };
        let Some(hay) = haystacks.get(doc) else {
            return;
        };
        if let Some(s) = last.score(hay, matcher) {
            out.push((key(base + u32::from(s), doc), s));
        }
    })?;
    if !matches!(how, Reuse::Whole) {
        hits.par_sort_unstable_by_key(|h| h.0);
    }
    Some(Ranked { hits, atoms })
}

/// The total score of `atoms[from..]` on `hay` plus that of the last word
/// alone, as [`Pattern::score`] adds them; `None` when a word misses.
fn score_words(
    atoms: &[Atom],
    from: usize,
    hay: Utf32Str<'_>,
    matcher: &mut Matcher,
) -> Option<(u32, u16)> {
    let mut total = 0u32;
    let mut last = 0u16;
    for atom in atoms.get(from..)? {
        last = atom.score(hay, matcher)?;
        total += u32::from(last);
    }
    Some((total, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_in_any_order_with_smart_case() {
        let mut m = new_matcher();
        let p = FuzzyPattern::new("opp iran");
        let hay = |s: &'static str| Utf32String::from(s);
        let a = hay("Iranian opposition in Iraq");
        assert!(p.score(a.slice(..), &mut m).is_some());
        assert!(p.score(hay("Iraq camp").slice(..), &mut m).is_none());
        assert!(
            FuzzyPattern::new("Iran")
                .score(hay("iranian").slice(..), &mut m)
                .is_none()
        );
        assert!(
            FuzzyPattern::new("pere")
                .score(hay("Père Noël").slice(..), &mut m)
                .is_some()
        );
        let doc = Document {
            id: String::new(),
            path: String::new(),
            title: "Iran’s “camp” — again".into(),
            source: Some("Daily\u{a0}Post".into()),
            author: None,
            date: None,
            url: None,
            body: String::new(),
            raw: String::new(),
        };
        let h = haystack(&doc);
        assert_eq!(h, "Iran's \"camp\" - again | Daily Post");
        assert_eq!(h.chars().count(), doc.title.chars().count() + 3 + 10);
        assert!(Utf32String::from(h.as_str()).slice(..).is_ascii());
        let (_, idx) = FuzzyPattern::new("prot")
            .indices("U.S. protects", &mut m)
            .unwrap();
        assert_eq!(idx, vec![5, 6, 7, 8]);
    }

    #[test]
    fn rank_orders_by_score_then_document() {
        let docs: Vec<Document> = ["scamp", "camp", "c a m p", "none", "camp"]
            .iter()
            .map(|t| Document {
                id: t.to_string(),
                path: String::new(),
                title: t.to_string(),
                source: None,
                author: None,
                date: None,
                url: None,
                body: String::new(),
                raw: String::new(),
            })
            .collect();
        let hay = Haystacks::new(&docs);
        let all: Vec<DocIdx> = (0..docs.len()).collect();
        let got = rank(&FuzzyPattern::new("camp"), &hay, &all, &|_| true).docs();
        // The two whole-word matches tie and keep their order; the partial
        // ones come after; "none" does not match.
        assert_eq!(&got[..2], &[1, 4]);
        let mut rest = got[2..].to_vec();
        rest.sort_unstable();
        assert_eq!(rest, vec![0, 2]);
        let odd = rank(&FuzzyPattern::new("camp"), &hay, &all, &|d| d % 2 == 0).docs();
        assert!(odd.iter().all(|d| d % 2 == 0));
        assert_eq!(
            rank(&FuzzyPattern::new(""), &hay, &all, &|_| true).docs(),
            all
        );
    }

    #[test]
    fn rerank_reuses_scores_and_equals_a_full_rank() {
        let docs = crate::testgen::documents(300, 7);
        let hay = Haystacks::new(&docs);
        let all: Vec<DocIdx> = (0..docs.len()).collect();
        // Each step narrows the one before: a longer last word, a new
        // word, the same words (a phrase changed), a new word again.
        let steps = ["", "w", "wa", "wa t", "wa ta", "wa ta", "wa ta i"];
        let mut earlier = rank(&FuzzyPattern::new(steps[0]), &hay, &all, &|_| true);
        for (i, step) in steps.iter().enumerate().skip(1) {
            let pattern = FuzzyPattern::new(step);
            let keep = |d: DocIdx| d % 5 != i;
            let Some(got) = rerank(&pattern, &hay, &earlier, &keep, &|| false) else {
                panic!("never stopped, yet gave up");
            };
            let want = rank(&pattern, &hay, &all, &|d| {
                d % 5 != i && earlier.docs().contains(&d)
            });
            assert_eq!(got.docs(), want.docs(), "{step:?}");
            assert_eq!(got.hits, want.hits, "{step:?}: scores");
            earlier = got;
        }
        assert!(!earlier.is_empty());
        let stopped = rerank(
            &FuzzyPattern::new("wa ta i"),
            &hay,
            &earlier,
            &|_| true,
            &|| true,
        );
        assert!(stopped.is_none());
    }
}
