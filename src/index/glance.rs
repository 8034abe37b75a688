//! The catalogue of the last load: what the reader can draw at once.
//!
//! At the end of every load through the index, the corpus's documents
//! without their bodies (ids, paths, titles, outlets, authors, dates) and
//! its problems are stored as one blob, keyed by the working folder and the
//! paths as given (document paths are shown as the user typed them). On the
//! next start, [`glance`] reads that one blob back without walking or
//! checking any file, so the reader's first frame with the document list
//! comes up before the real load (which checks every file and reads the
//! bodies) has finished; the real corpus then replaces it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Options;
use super::codec;
use super::db::{Db, DbError};
use crate::store::{Corpus, Document, Problem};

/// A corpus without bodies.
#[derive(Debug, Serialize, Deserialize)]
struct Catalogue {
    docs: Vec<Entry>,
    /// (path, reason) of each problem.
    problems: Vec<(String, String)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    id: String,
    path: String,
    title: String,
    source: Option<String>,
    author: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

/// The key of a load: the working folder and the paths as given.
pub fn key(paths: &[PathBuf]) -> String {
    let mut key = std::env::current_dir()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default();
    for p in paths {
        key.push('\0');
        key.push_str(&p.to_string_lossy());
    }
    key
}

/// The catalogue stored by the last load of `paths`, as a corpus whose
/// documents have empty bodies; `None` when there is none (or no index, or
/// anything at all is wrong with it: the real load will say so).
pub fn glance(paths: &[PathBuf], options: &Options) -> Option<Corpus> {
    let dir = options.dir.as_ref()?;
    if paths.is_empty() || !dir.join(super::FILE).exists() {
        return None;
    }
    let db = Db::open(dir).ok()?;
    let (bytes, sum) = db.snapshot(&key(paths)).ok()??;
    let cat: Catalogue = codec::decode(&bytes, sum).ok()?;
    Some(Corpus {
        docs: cat
            .docs
            .into_iter()
            .map(|e| Document {
                id: e.id,
                path: e.path,
                title: e.title,
                source: e.source,
                author: e.author,
                date: e.date,
                url: e.url,
                body: String::new(),
                raw: String::new(),
            })
            .collect(),
        problems: cat
            .problems
            .into_iter()
            .map(|(path, reason)| Problem {
                path: PathBuf::from(path),
                reason,
            })
            .collect(),
    })
}

/// How many documents the catalogue of the last load of `paths` holds,
/// read from its first bytes alone (its list of documents comes first,
/// after its length): a guess for sizing the corpus, not checked.
pub fn count(db: &Db, paths: &[PathBuf]) -> Result<Option<usize>, DbError> {
    if paths.is_empty() {
        return Ok(None);
    }
    let head = db.snapshot_head(&key(paths), 10)?;
    Ok(head.and_then(|head| varint(&head)))
}

/// The unsigned LEB128 varint (postcard's length prefix) that `bytes`
/// starts with.
fn varint(bytes: &[u8]) -> Option<usize> {
    let mut value: u64 = 0;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        value |= u64::from(b & 0x7f).checked_shl(7 * i as u32)?;
        if b & 0x80 == 0 {
            return usize::try_from(value).ok();
        }
    }
    None
}

/// Store the catalogue of `corpus`, loaded from `paths`, unless the same
/// one is stored already.
pub fn remember(db: &mut Db, paths: &[PathBuf], corpus: &Corpus) -> Result<(), DbError> {
    let cat = Catalogue {
        docs: corpus
            .docs
            .iter()
            .map(|d| Entry {
                id: d.id.clone(),
                path: d.path.clone(),
                title: d.title.clone(),
                source: d.source.clone(),
                author: d.author.clone(),
                date: d.date.clone(),
                url: d.url.clone(),
            })
            .collect(),
        problems: corpus
            .problems
            .iter()
            .map(|p| (path_str(&p.path), p.reason.clone()))
            .collect(),
    };
    let (blob, sum) = codec::encode(&cat);
    let key = key(paths);
    if db.snapshot_sum(&key)? == Some(sum) {
        return Ok(());
    }
    db.batch(|w| w.put_snapshot(&key, &blob, sum))
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalogues_length_prefix_is_its_number_of_documents() {
        for n in [0usize, 1, 127, 128, 300, 100_000] {
            let cat = Catalogue {
                docs: (0..n)
                    .map(|i| Entry {
                        id: i.to_string(),
                        path: String::new(),
                        title: String::new(),
                        source: None,
                        author: None,
                        date: None,
                        url: None,
                    })
                    .collect(),
                problems: vec![("p".into(), "r".into())],
            };
            let (bytes, _) = codec::encode(&cat);
            assert_eq!(varint(&bytes[..bytes.len().min(10)]), Some(n));
        }
        assert_eq!(varint(&[0x80, 0x80]), None);
        assert_eq!(varint(&[]), None);
    }
}
