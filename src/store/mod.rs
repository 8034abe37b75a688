//! The document store: what a document is, and loading a corpus of them.
//!
//! A [`Corpus`] is an ordered list of cleaned [`Document`]s plus the
//! [`Problem`]s met while loading (unreadable files, lossy decoding, …).
//! Loading is split into discovery (which files) and per-file parsing, so an
//! on-disk index can later skip the parse of unchanged files without changing
//! callers.

mod bundled;
pub mod clean;
mod decode;
pub mod formats;
mod load;
pub mod meta;

use std::path::PathBuf;

use serde::Serialize;

pub use bundled::bundled;
pub use load::{discover, load, load_file, walk};

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
    #[serde(skip)]
    pub raw: String,
}

impl Document {
    /// Number of whitespace-separated words in the cleaned body.
    pub fn words(&self) -> usize {
        self.body.split_whitespace().count()
    }
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
