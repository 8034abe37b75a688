//! What the index stores for one file, and its compact encoding.
//!
//! A file's parse ([`Entry`]: its documents, its per-file problems, or the
//! reason it could not be loaded) and its documents' entity extracts are
//! each one `postcard` blob: a varint-packed serde encoding, compact
//! (lengths and offsets take one or two bytes) and fast to decode, with no
//! schema to keep in step by hand. Every blob is stored with an xxh3
//! checksum that is verified before decoding, so a damaged page is noticed
//! rather than trusted.
//!
//! Documents are stored without their path (it is shown as the user typed
//! it, which differs between runs) and without their raw text (the file is
//! re-read for that, see [`crate::store::raw_text`]).

use serde::{Deserialize, Serialize};

use crate::entities::Extract;
use crate::store::Document;

/// One file's parse, as stored.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Entry {
    pub docs: Vec<Doc>,
    /// Non-fatal problems (lossy decoding, a broken JSON line), reasons only:
    /// the path is the file's.
    pub problems: Vec<String>,
    /// Why the file gave no documents at all, when it did not.
    pub error: Option<String>,
}

/// A [`Document`] without its path and raw text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Doc {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub body: String,
}

impl Entry {
    /// About the size of its encoding: its text, and a few bytes of
    /// lengths and tags per field.
    pub fn encoded_size(&self) -> usize {
        let docs: usize = self.docs.iter().map(Doc::encoded_size).sum();
        let problems: usize = self.problems.iter().map(|p| p.len() + 4).sum();
        docs + problems + self.error.as_ref().map_or(0, String::len) + 16
    }
}

impl Doc {
    fn encoded_size(&self) -> usize {
        let text = |s: &Option<String>| s.as_ref().map_or(1, |s| s.len() + 6);
        self.id.len()
            + self.title.len()
            + self.body.len()
            + text(&self.source)
            + text(&self.author)
            + text(&self.date)
            + text(&self.url)
            + 16
    }

    /// Take the stored fields of `doc` (its raw text is dropped).
    pub fn from_document(doc: Document) -> Doc {
        Doc {
            id: doc.id,
            title: doc.title,
            source: doc.source,
            author: doc.author,
            date: doc.date,
            url: doc.url,
            body: doc.body,
        }
    }

    /// The document again, read from `path` (as shown to the user).
    pub fn into_document(self, path: String) -> Document {
        Document {
            id: self.id,
            path,
            title: self.title,
            source: self.source,
            author: self.author,
            date: self.date,
            url: self.url,
            body: self.body,
            raw: String::new(),
        }
    }
}

/// A blob that failed its checksum or would not decode.
#[derive(Debug, thiserror::Error)]
#[error("damaged record ({0})")]
pub struct Damaged(pub String);

/// An encoded value and its checksum, as stored.
pub type Blob = (Vec<u8>, i64);

/// `value` encoded, with its checksum.
pub fn encode<T: Serialize>(value: &T) -> Blob {
    encode_sized(value, 0)
}

/// [`encode`] into a buffer of `capacity` bytes to start with: a blob of
/// article text grown from empty is copied at every doubling, so callers
/// that can guess its size (about the text it holds) pass the guess.
pub fn encode_sized<T: Serialize>(value: &T, capacity: usize) -> Blob {
    let buffer = Buffer(Vec::with_capacity(capacity));
    // postcard only fails on writers that run out of room or on types serde
    // cannot describe (maps with unknown length); neither applies to a Vec.
    let bytes = postcard::serialize_with_flavor(value, buffer).unwrap_or_default();
    let sum = checksum(&bytes);
    (bytes, sum)
}

/// postcard's growing `Vec` output, started at a chosen capacity (its own
/// always starts empty).
struct Buffer(Vec<u8>);

impl postcard::ser_flavors::Flavor for Buffer {
    type Output = Vec<u8>;

    #[inline(always)]
    fn try_extend(&mut self, data: &[u8]) -> postcard::Result<()> {
        self.0.extend_from_slice(data);
        Ok(())
    }

    #[inline(always)]
    fn try_push(&mut self, data: u8) -> postcard::Result<()> {
        self.0.push(data);
        Ok(())
    }

    fn finalize(self) -> postcard::Result<Vec<u8>> {
        Ok(self.0)
    }
}

/// Decode a blob stored by [`encode`], checking its checksum first.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8], sum: i64) -> Result<T, Damaged> {
    if checksum(bytes) != sum {
        return Err(Damaged("checksum mismatch".into()));
    }
    postcard::from_bytes(bytes).map_err(|e| Damaged(e.to_string()))
}

/// The extracts of one file's documents, in the file's order.
pub type Extracts = Vec<Extract>;

/// xxh3 of `bytes`, as SQLite's signed integer.
pub fn checksum(bytes: &[u8]) -> i64 {
    xxhash_rust::xxh3::xxh3_64(bytes) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_notices_damage() {
        let entry = Entry {
            docs: vec![Doc {
                id: "a".into(),
                title: "Title".into(),
                source: Some("CNN".into()),
                author: None,
                date: None,
                url: None,
                body: "Body text — é.".into(),
            }],
            problems: vec!["line 3: bad".into()],
            error: None,
        };
        let (mut bytes, sum) = encode(&entry);
        // A guessed capacity changes nothing in the encoding.
        for capacity in [0, 3, entry.encoded_size(), 1 << 16] {
            assert_eq!(encode_sized(&entry, capacity), (bytes.clone(), sum));
        }
        assert!(entry.encoded_size() >= bytes.len());
        let back: Entry = decode(&bytes, sum).expect("decodes");
        assert_eq!(back.docs[0].body, entry.docs[0].body);
        assert_eq!(back.problems, entry.problems);
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert!(decode::<Entry>(&bytes, sum).is_err());
        assert!(decode::<Entry>(b"\xff\xff\xff", checksum(b"\xff\xff\xff")).is_err());
    }
}
