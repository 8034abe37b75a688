//! The corpus-wide entity resolution, stored, so a warm start with
//! unchanged files reads it back instead of gathering every extract and
//! resolving them again (at 100,000 articles, tens of CPU-seconds).
//!
//! What is stored is the machine's resolution, ids assigned, before the
//! user's corrections (those are applied at every load, so editing them
//! never needs a new resolution). It is keyed by what it was resolved
//! from: the build (`db::ENGINE`, which also versions the whole index),
//! and each file's documents in corpus order, named by the checksum of
//! the file's stored parse (which covers every body) and their count. Any
//! change to the files (added, removed, changed, reordered) gives another
//! key, so the normal path runs and what it resolves is stored in turn.
//! The key is a 128-bit xxh3 of that list; the last few resolutions are
//! kept, so moving between two corpora does not resolve each every time.
//!
//! The encoding is `postcard`, with each entity's mentions as deltas
//! (document, start, length), which are mostly one-byte varints; it is
//! checksummed like every blob (`codec`), and a damaged one is refused.

use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::codec::{self, Blob, Damaged};
use super::db::ENGINE;
use super::sync::Span;
use crate::entities::{Entity, Kind, Mention};

/// Resolutions kept: the corpora most recently resolved.
pub const KEEP: usize = 4;

/// The key of the resolution of the corpus whose files are `spans` and
/// whose documents number `docs`; `None` when some document lies outside
/// the spans (a path the index could not key), which is then always
/// resolved anew.
pub fn key(spans: &[Span], docs: usize) -> Option<[u8; 16]> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(ENGINE.as_bytes());
    let mut next = 0;
    for span in spans {
        if span.first != next {
            return None;
        }
        next += span.len;
        h.update(&span.sum.to_le_bytes());
        h.update(&(span.len as u64).to_le_bytes());
    }
    if next != docs {
        return None;
    }
    h.update(&(docs as u64).to_le_bytes());
    Some(h.digest128().to_le_bytes())
}

/// `entities`, resolved over `docs` documents, encoded with its checksum.
pub fn encode(entities: &[Entity], docs: usize) -> Blob {
    codec::encode(&Out {
        docs: docs as u64,
        entities: EntitiesOut(entities),
    })
}

/// The resolution in a blob stored by [`encode`] for a corpus of `docs`
/// documents: checked, decoded, and every mention's document in range.
pub fn decode(bytes: &[u8], sum: i64, docs: usize) -> Result<Vec<Entity>, Damaged> {
    let stored: In = codec::decode(bytes, sum)?;
    if stored.docs != docs as u64 {
        return Err(Damaged(format!(
            "resolution of {} documents, not {docs}",
            stored.docs
        )));
    }
    stored
        .entities
        .into_iter()
        .map(|e| {
            let mentions = e.mentions.0;
            if mentions.iter().any(|m| m.doc_idx() >= docs) {
                return Err(Damaged("mention outside the corpus".into()));
            }
            Ok(Entity {
                id: e.id,
                name: e.name,
                kind: e.kind,
                aliases: e.aliases,
                mentions,
            })
        })
        .collect()
}

/// What is encoded: the documents' count (a check) and the entities.
#[derive(Serialize)]
struct Out<'a> {
    docs: u64,
    entities: EntitiesOut<'a>,
}

#[derive(Deserialize)]
struct In {
    docs: u64,
    entities: Vec<EntityIn>,
}

/// The entities, borrowed for encoding (no copy of the mentions is made).
struct EntitiesOut<'a>(&'a [Entity]);

impl Serialize for EntitiesOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for e in self.0 {
            seq.serialize_element(&EntityOut {
                id: &e.id,
                name: &e.name,
                kind: e.kind,
                aliases: &e.aliases,
                mentions: MentionsOut(&e.mentions),
            })?;
        }
        seq.end()
    }
}

/// An entity without its documents (they follow from its mentions).
#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: Kind,
    aliases: &'a [String],
    mentions: MentionsOut<'a>,
}

#[derive(Deserialize)]
struct EntityIn {
    id: String,
    name: String,
    kind: Kind,
    aliases: Vec<String>,
    mentions: MentionsIn,
}

/// Mentions in their order, each as (document − previous document, start
/// − previous start in the same document or start, end − start): small
/// signed numbers, so short varints whatever the order.
struct MentionsOut<'a>(&'a [Mention]);

impl Serialize for MentionsOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        let mut prev = Mention {
            doc: 0,
            start: 0,
            end: 0,
        };
        for m in self.0 {
            let doc = i64::from(m.doc) - i64::from(prev.doc);
            let start = match doc {
                0 => i64::from(m.start) - i64::from(prev.start),
                _ => i64::from(m.start),
            };
            let len = i64::from(m.end) - i64::from(m.start);
            seq.serialize_element(&(doc, start, len))?;
            prev = *m;
        }
        seq.end()
    }
}

/// [`MentionsOut`] read back, straight into mentions.
struct MentionsIn(Vec<Mention>);

impl<'de> Deserialize<'de> for MentionsIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(MentionsVisitor)
    }
}

struct MentionsVisitor;

impl<'de> Visitor<'de> for MentionsVisitor {
    type Value = MentionsIn;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("delta-encoded mentions")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MentionsIn, A::Error> {
        // The hint is the stored length: cap it, a damaged one must not
        // reserve gigabytes before the elements run out.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        let (mut doc, mut start) = (0i64, 0i64);
        while let Some((d, s, len)) = seq.next_element::<(i64, i64, i64)>()? {
            doc += d;
            start = if d == 0 { start + s } else { s };
            let field =
                |v: i64| u32::try_from(v).map_err(|_| de::Error::custom("mention out of range"));
            out.push(Mention {
                doc: field(doc)?,
                start: field(start)?,
                end: field(start + len)?,
            });
        }
        Ok(MentionsIn(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: &str, kind: Kind, mentions: &[(u32, u32, u32)]) -> Entity {
        let mentions: Vec<Mention> = mentions
            .iter()
            .map(|&(doc, start, end)| Mention { doc, start, end })
            .collect();
        Entity {
            id: id.into(),
            name: id.to_uppercase(),
            kind,
            aliases: vec![id.to_uppercase(), format!("{id}é")],
            mentions,
        }
    }

    #[test]
    fn round_trips_in_any_mention_order() {
        let entities = vec![
            entity("org:mek", Kind::Org, &[(0, 4, 7), (0, 90, 93), (3, 2, 5)]),
            // Unsorted, repeated and far-apart mentions still come back.
            entity(
                "place:x",
                Kind::Place,
                &[
                    (7, 100, 103),
                    (1, 5_000_000, 5_000_009),
                    (1, 3, 4),
                    (1, 3, 4),
                ],
            ),
            entity(
                "date:y",
                Kind::Date,
                &[(u32::MAX - 1, u32::MAX - 9, u32::MAX)],
            ),
        ];
        let docs = u32::MAX as usize;
        let (bytes, sum) = encode(&entities, docs);
        assert_eq!(decode(&bytes, sum, docs).expect("decodes"), entities);
        // Another corpus size is refused, and so is a damaged blob.
        assert!(decode(&bytes, sum, 8).is_err());
        let mut bad = bytes.clone();
        bad[bytes.len() / 2] ^= 0x40;
        assert!(decode(&bad, sum, docs).is_err());
    }

    #[test]
    fn a_mention_outside_the_corpus_is_refused() {
        let entities = vec![entity("org:a", Kind::Org, &[(5, 0, 1)])];
        let (bytes, sum) = encode(&entities, 6);
        assert!(decode(&bytes, sum, 6).is_ok());
        let (bytes, sum) = encode(&entities, 5);
        assert!(decode(&bytes, sum, 5).is_err());
    }

    #[test]
    fn the_key_follows_every_file_in_order() {
        let span = |first, len, sum| Span {
            row: 1,
            first,
            len,
            has_extracts: true,
            sum,
        };
        let a = [span(0, 2, 11), span(2, 1, 22)];
        let base = key(&a, 3).expect("keyed");
        assert_eq!(key(&a, 3), Some(base));
        // Reordered, changed, removed, grown: another key.
        assert_ne!(key(&[span(0, 1, 22), span(1, 2, 11)], 3), Some(base));
        assert_ne!(key(&[span(0, 2, 11), span(2, 1, 23)], 3), Some(base));
        assert_ne!(key(&[span(0, 2, 11)], 2), Some(base));
        assert_ne!(key(&[span(0, 2, 11), span(2, 2, 22)], 4), Some(base));
        // Documents outside the spans: no key.
        assert_eq!(key(&a, 4), None);
        assert_eq!(key(&[span(0, 2, 11), span(3, 1, 22)], 4), None);
    }
}
