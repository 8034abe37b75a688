//! The JSON shapes of PRODUCT.md: documents, entities, cross-references.
//! Fields may be added, never renamed.

use std::io::Write;

use anyhow::{Context, Result};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::{Value, json};

use crate::entities::{EntityIdx, EntityIndex, context};
use crate::store::{Corpus, Document};

/// `{"id", "path", "title", "source", "author", "date", "words", "body"}`;
/// `body` only when asked for (in `show`).
pub fn document(doc: &Document, with_body: bool) -> Value {
    let mut v = json!({
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "source": doc.source,
        "author": doc.author,
        "date": doc.date,
        "url": doc.url,
        "words": doc.words(),
    });
    if with_body {
        v["body"] = doc.body.clone().into();
    }
    v
}

/// `{"id", "name", "kind", "aliases", "docs", "mentions": [{"doc", "start", "end", "text"}]}`.
/// of entity `e` of `index`.
pub fn entity(index: &EntityIndex, e: EntityIdx, corpus: &Corpus) -> Value {
    serde_json::to_value(EntityJson { index, e, corpus }).unwrap_or(Value::Null)
}

/// Entities as [`entity`] shapes them, written straight to the output: a
/// `Value` tree of every mention of a large corpus would take many times
/// the corpus's own size (41× at 10,000 articles) before the first byte
/// is written.
pub fn entities<'a>(
    index: &'a EntityIndex,
    entities: impl IntoIterator<Item = EntityIdx>,
    corpus: &'a Corpus,
) -> Vec<impl Serialize + 'a> {
    entities
        .into_iter()
        .map(|e| EntityJson { index, e, corpus })
        .collect()
}

/// One entity in the JSON shape, serialised field by field.
struct EntityJson<'a> {
    index: &'a EntityIndex,
    e: EntityIdx,
    corpus: &'a Corpus,
}

impl Serialize for EntityJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (index, docs) = (self.index, &self.corpus.docs);
        let (e, of) = (index.entity(self.e), index.mentions_of(self.e));
        // Keys in the order a JSON object `Value` prints them (sorted), so
        // the output is byte for byte what it was when built as a `Value`.
        let mut m = s.serialize_struct("Entity", 6)?;
        m.serialize_field("aliases", &e.aliases)?;
        m.serialize_field("docs", &Seq(|| of.docs().map(|d| &docs[d].id)))?;
        m.serialize_field("id", &e.id)?;
        m.serialize_field("kind", &e.kind)?;
        let mentions = of.iter().map(|m| {
            let doc = &docs[m.doc_idx()];
            MentionJson {
                doc: &doc.id,
                end: m.end,
                start: m.start,
                text: &doc.body[m.range()],
            }
        });
        m.serialize_field("mentions", &Seq(|| mentions.clone()))?;
        m.serialize_field("name", &e.name)?;
        m.end()
    }
}

/// `{"doc", "end", "start", "text"}`, in the sorted order of a `Value`.
#[derive(serde::Serialize)]
struct MentionJson<'a> {
    doc: &'a str,
    end: u32,
    start: u32,
    text: &'a str,
}

/// A sequence serialised from an iterator made afresh for each use.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// `{"entity": {...}, "mentions": [{"doc", "start", "end", "text", "context"}]}`.
/// of entity `e` of `index`.
pub fn xref(index: &EntityIndex, e: EntityIdx, corpus: &Corpus) -> Value {
    let mentions: Vec<_> = index
        .mentions_of(e)
        .iter()
        .map(|m| {
            let doc = &corpus.docs[m.doc_idx()];
            let range = m.range();
            json!({
                "doc": doc.id,
                "start": m.start,
                "end": m.end,
                "text": &doc.body[range.clone()],
                "context": context(&doc.body, range.start, range.end, 60),
            })
        })
        .collect();
    json!({"entity": entity(index, e, corpus), "mentions": mentions})
}

/// Pretty-print `value` and a newline.
pub fn print(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).context("writing JSON")?;
    writeln!(out).context("writing JSON")
}
