//! The document store: what a document is, and loading a corpus of them.
//!
//! A [`Corpus`] is an ordered list of cleaned [`Document`]s plus the
//! [`Problem`]s met while loading (unreadable files, lossy decoding, …).
//! Loading is split into discovery (which files) and per-file parsing, so
//! the on-disk index (`crate::index`) can skip the parse of unchanged files.

pub mod atomic;
mod bundled;
pub mod clean;
mod decode;
pub mod formats;
mod load;
pub mod meta;

use std::path::PathBuf;

use serde::Serialize;

pub use bundled::bundled;
pub use load::{
    discover, load, load_file, load_with_progress, parse_file, raw_text, walk, walk_counted,
};
pub(crate) use load::{load_files, read_file, unique_ids};

/// Index of a document in its [`Corpus`]; stable for the life of the corpus.
pub type DocIdx = usize;

/// One article, cleaned, with the metadata its text states.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Document {
    /// The file stem, `stem#N` for the N-th record of a JSON file, or the
    /// record's own `id`.
    pub id: String,
    /// Where the document came from, as given on the command line.
    pub path: String,
    pub title: String,
    /// The outlet ("CNN", "Columbia Daily Tribune"), when the text names it.
    pub source: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// The cleaned article text: paragraphs separated by a blank line.
    pub body: String,
    /// The text as read from the file (after decoding), before cleaning.
    /// Empty when the document came from the on-disk index, which does not
    /// keep it in memory: [`raw_text`] reads it again.
    #[serde(skip)]
    pub raw: String,
}

impl Document {
    /// A document made in memory rather than read from a file (tests,
    /// benches, generated corpora): its path is its id, its raw text is its
    /// body, and nothing else is known about it.
    pub fn from_text(
        id: impl Into<String>,
        title: impl Into<String>,
        body: impl Into<String>,
    ) -> Document {
        let id = id.into();
        let body = body.into();
        Document {
            path: id.clone(),
            id,
            title: title.into(),
            source: None,
            author: None,
            date: None,
            url: None,
            raw: body.clone(),
            body,
        }
    }

    /// Number of whitespace-separated words in the cleaned body.
    pub fn words(&self) -> usize {
        count_words(&self.body)
    }
}

/// Number of whitespace-separated words in `s`, like
/// `s.split_whitespace().count()` but scanning bytes and decoding only
/// the characters that may be Unicode spaces (several times faster on long
/// bodies, which `list` counts for every document).
pub fn count_words(s: &str) -> usize {
    if s.is_ascii() {
        // Branch-free, so the compiler vectorises it: count the starts of
        // words (a non-space after a space, or at the very start).
        let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
        let bytes = s.as_bytes();
        let first = bytes.first().is_some_and(|&b| !space(b)) as usize;
        return first
            + bytes
                .windows(2)
                .map(|w| (space(w[0]) & !space(w[1])) as usize)
                .sum::<usize>();
    }
    let mut words = 0;
    let mut in_word = false;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let space = match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => true,
            0x80..=0xBF => continue, // inside a multi-byte character
            0xC2 | 0xE1 | 0xE2 | 0xE3 => s[i..].chars().next().is_some_and(char::is_whitespace),
            _ => false,
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
    }
    words
}

/// Something that went wrong with one input, reported by name; the rest of
/// the corpus still loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// Errors that stop a load as a whole (as opposed to per-file [`Problem`]s).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: no such file or directory", .0.display())]
    Missing(PathBuf),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A loaded collection of documents.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
    /// Files that could not be loaded, or loaded with a caveat.
    pub problems: Vec<Problem>,
}

impl Corpus {
    /// The document whose id is `id`, or failing that whose id starts with
    /// `id` when exactly one does (so `dossier show 002` works).
    pub fn find(&self, id: &str) -> Option<DocIdx> {
        if let Some(i) = self.docs.iter().position(|d| d.id == id) {
            return Some(i);
        }
        let mut hits = self
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.id.starts_with(id));
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn counts_words_like_split_whitespace() {
        for s in [
            "",
            "  ",
            "one",
            " two  words ",
            "tabs\tand\nlines\r\n",
            "non\u{a0}breaking and\u{3000}ideographic\u{2009}thin",
            "“curly” quotes — dashes… é",
        ] {
            assert_eq!(count_words(s), s.split_whitespace().count(), "{s:?}");
        }
    }
}
