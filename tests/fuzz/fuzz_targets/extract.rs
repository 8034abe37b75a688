//! Entity extraction and resolution on arbitrary text (split into up to
//! three documents at NUL bytes): mentions lie on char boundaries inside
//! their body and within their entity's documents.
#![no_main]

use dossier::entities::{self, Corrections};
use dossier::store::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for c in entities::extract(text).cands {
        assert!(text.get(c.start..c.end).is_some());
    }
    let docs: Vec<Document> = text
        .splitn(3, '\0')
        .enumerate()
        .map(|(i, body)| Document {
            id: format!("d{i}"),
            path: String::new(),
            title: String::new(),
            source: None,
            author: None,
            date: None,
            url: None,
            body: body.to_string(),
            raw: String::new(),
        })
        .collect();
    let index = entities::build_with(&docs, &Corrections::default());
    for e in index.entities() {
        for m in &e.mentions {
            assert!(docs[m.doc].body.get(m.start..m.end).is_some());
            assert!(e.docs.binary_search(&m.doc).is_ok());
        }
    }
});
