//! Filtering and matching: the source-list filter ([`filter`]), fuzzy
//! matching of titles with `nucleo-matcher` ([`matcher`]), phrase search of
//! the bodies ([`phrase`], answered from the word index [`fulltext`]; the
//! scan of every body, [`scan`], is its oracle), and the typing session
//! that reuses earlier results ([`live`]). Nothing here knows about the
//! terminal; the reader runs it on a worker thread.

pub mod filter;
pub mod fulltext;
pub mod live;
pub mod matcher;
pub mod phrase;
pub mod scan;

use std::sync::Mutex;

use nucleo_matcher::Matcher;

pub use matcher::haystack;

/// A compiled fuzzy pattern for one-off matching of a few texts (entity
/// names). Each word matches fuzzily, in any order, with smart case.
pub struct Fuzzy {
    pattern: matcher::FuzzyPattern,
    matcher: Mutex<Matcher>,
}

impl Fuzzy {
    pub fn new(pattern: &str) -> Self {
        Fuzzy {
            pattern: matcher::FuzzyPattern::new(pattern),
            matcher: Mutex::new(matcher::new_matcher()),
        }
    }

    /// Score of `text` against the pattern; `None` when it does not match.
    pub fn score(&self, text: &str) -> Option<i64> {
        self.indices(text).map(|(s, _)| s)
    }

    /// Score and the char indices of `text` that matched, for highlighting.
    pub fn indices(&self, text: &str) -> Option<(i64, Vec<usize>)> {
        if self.pattern.is_empty() {
            return None;
        }
        let mut matcher = self.matcher.lock().unwrap_or_else(|e| e.into_inner());
        self.pattern
            .indices(text, &mut matcher)
            .map(|(s, idx)| (i64::from(s), idx))
    }
}
