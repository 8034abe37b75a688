//! The JSON shapes of PRODUCT.md: documents, entities, cross-references.
//! Fields may be added, never renamed.

use std::io::Write;

use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::{Value, json};

use crate::entities::{Entity, context};
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
pub fn entity(e: &Entity, corpus: &Corpus) -> Value {
    json!({
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "aliases": e.aliases,
        "docs": e.docs.iter().map(|&d| &corpus.docs[d].id).collect::<Vec<_>>(),
        "mentions": e.mentions.iter().map(|m| {
            let doc = &corpus.docs[m.doc];
            json!({"doc": doc.id, "start": m.start, "end": m.end, "text": &doc.body[m.start..m.end]})
        }).collect::<Vec<_>>(),
    })
}

/// `{"entity": {...}, "mentions": [{"doc", "start", "end", "text", "context"}]}`.
pub fn xref(e: &Entity, corpus: &Corpus) -> Value {
    let mentions: Vec<_> = e
        .mentions
        .iter()
        .map(|m| {
            let doc = &corpus.docs[m.doc];
            json!({
                "doc": doc.id,
                "start": m.start,
                "end": m.end,
                "text": &doc.body[m.start..m.end],
                "context": context(&doc.body, m.start, m.end, 60),
            })
        })
        .collect();
    json!({"entity": entity(e, corpus), "mentions": mentions})
}

/// Pretty-print `value` and a newline.
pub fn print(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).context("writing JSON")?;
    writeln!(out).context("writing JSON")
}
