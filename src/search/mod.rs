//! Filtering and matching: fuzzy matching of short fields (titles, outlets,
//! authors, entity names) with `fuzzy-matcher`'s Skim algorithm.

pub mod filter;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::store::{DocIdx, Document};

/// A compiled fuzzy pattern. Smart case: an all-lowercase pattern ignores
/// case, one with a capital letter respects it.
pub struct Fuzzy {
    matcher: SkimMatcherV2,
    pattern: String,
}

impl Fuzzy {
    pub fn new(pattern: &str) -> Self {
        Fuzzy {
            matcher: SkimMatcherV2::default().smart_case(),
            pattern: pattern.trim().to_string(),
        }
    }

    /// Score of `text` against the pattern; `None` when it does not match.
    pub fn score(&self, text: &str) -> Option<i64> {
        self.matcher.fuzzy_match(text, &self.pattern)
    }

    /// Score and the char indices of `text` that matched, for highlighting.
    pub fn indices(&self, text: &str) -> Option<(i64, Vec<usize>)> {
        self.matcher.fuzzy_indices(text, &self.pattern)
    }
}

/// The text a document is filtered on: title, outlet and author.
pub fn haystack(doc: &Document) -> String {
    let mut s = doc.title.clone();
    for field in [&doc.source, &doc.author].into_iter().flatten() {
        s.push_str(" · ");
        s.push_str(field);
    }
    s
}

/// Documents matching `pattern` fuzzily over title, outlet and author, best
/// first; ties keep corpus order. An empty pattern keeps every document.
pub fn rank(docs: &[Document], pattern: &str) -> Vec<DocIdx> {
    if pattern.trim().is_empty() {
        return (0..docs.len()).collect();
    }
    let fuzzy = Fuzzy::new(pattern);
    let mut hits: Vec<(i64, DocIdx)> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, d)| fuzzy.score(&haystack(d)).map(|s| (s, i)))
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|(_, i)| i).collect()
}
