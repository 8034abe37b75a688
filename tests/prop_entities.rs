//! Property tests of entity extraction and resolution on arbitrary and
//! Unicode-heavy text: candidates and mentions lie on char boundaries inside
//! the body, every mention is inside its entity's documents, and the index
//! is ordered as its users (jumps, the panel, the JSON) assume.

mod common;

use common::arb;
use dossier::entities;
use dossier::store::Document;
use proptest::prelude::*;

fn doc(i: usize, body: String) -> Document {
    Document {
        path: format!("d{i}.txt"),
        ..Document::from_text(format!("d{i}"), format!("Doc {i}"), body)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// One body: every candidate is a non-empty char-bounded range of it,
    /// and every link joins two candidates that exist.
    #[test]
    fn extract_stays_inside_the_body(body in arb::text(200)) {
        let x = entities::extract(&body);
        for c in &x.cands {
            prop_assert!(c.start < c.end && c.end <= body.len(), "{}..{} of {}", c.start, c.end, body.len());
            prop_assert!(body.is_char_boundary(c.start) && body.is_char_boundary(c.end));
            prop_assert!(c.first_tok <= c.last_tok);
        }
        for &(a, b) in &x.links {
            prop_assert!(a < x.cands.len() && b < x.cands.len());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// A corpus: every mention is a char-bounded, non-blank range of its
    /// document's body, within the entity's documents; documents and
    /// mentions are sorted, ids unique; `at` finds an entity at each
    /// mention's start.
    #[test]
    fn build_gives_a_consistent_index(bodies in proptest::collection::vec(arb::text(160), 1..6)) {
        let docs: Vec<Document> = bodies.into_iter().enumerate().map(|(i, b)| doc(i, b)).collect();
        let index = entities::build_with(&docs, &entities::Corrections::default());
        let mut ids = std::collections::HashSet::new();
        for (e, entity) in index.entities().iter().enumerate() {
            prop_assert!(ids.insert(entity.id.clone()), "id {} repeats", entity.id);
            prop_assert!(!entity.name.trim().is_empty());
            let of = index.mentions_of(e);
            let mentions: Vec<_> = of.iter().collect();
            let docs_of: Vec<_> = index.docs_of(e).collect();
            prop_assert!(!mentions.is_empty());
            prop_assert_eq!(mentions.len(), of.len());
            prop_assert!(docs_of.windows(2).all(|w| w[0] < w[1]), "docs unsorted");
            prop_assert_eq!(docs_of.len(), index.doc_count(e));
            prop_assert!(index.docs_of(e).rev().eq(docs_of.iter().rev().copied()));
            prop_assert!(of.iter().rev().eq(mentions.iter().rev().copied()));
            prop_assert!(mentions.windows(2).all(|w| (w[0].doc, w[0].start, w[0].end) < (w[1].doc, w[1].start, w[1].end)));
            for (i, &m) in mentions.iter().enumerate() {
                prop_assert_eq!(of.get(i), Some(m));
                prop_assert_eq!(of.position(m), Some(i));
                prop_assert!(index.mentioned_in(e, m.doc_idx()));
                let body = &docs[m.doc_idx()].body;
                prop_assert!(m.start < m.end && m.end as usize <= body.len());
                let text = body.get(m.range());
                prop_assert!(text.is_some(), "mention {}..{} off char boundaries", m.start, m.end);
                prop_assert!(!text.unwrap().trim().is_empty());
                prop_assert!(docs_of.binary_search(&m.doc_idx()).is_ok(), "mention outside the entity's docs");
                // Mentions never cross and never repeat a span: one lies
                // wholly inside a longer one or apart from it. So the entity
                // found at a mention's start is its own, or one whose longer
                // name holds it, or a shorter name nests at that start.
                let found = index.at(m.doc_idx(), m.start as usize);
                let explained = index.mentions_in(m.doc_idx()).iter().any(|o| {
                    let longer = o.end - o.start > m.end - m.start;
                    (Some(o.entity_idx()) == found && longer && o.start <= m.start && o.end >= m.end)
                        || (o.start == m.start && o.end < m.end)
                });
                prop_assert!(found == Some(e) || explained,
                    "{:?} at {} finds {:?}", entity.name, m.start, found.map(|f| &index.entity(f).name));
                for o in index.mentions_in(m.doc_idx()) {
                    if o.entity_idx() == e && (o.start, o.end) == (m.start, m.end) {
                        continue;
                    }
                    let overlaps = o.start < m.end && m.start < o.end;
                    let inside = o.start >= m.start && o.end <= m.end && o.end - o.start < m.end - m.start;
                    let around = m.start >= o.start && m.end <= o.end && m.end - m.start < o.end - o.start;
                    prop_assert!(!overlaps || inside || around, "{:?} {}..{} crosses {}..{}", entity.name, m.start, m.end, o.start, o.end);
                }
            }
            for &d in &docs_of {
                prop_assert!(mentions.iter().any(|m| m.doc_idx() == d));
            }
            for d in 0..docs.len() {
                prop_assert_eq!(index.mentioned_in(e, d), docs_of.contains(&d));
            }
        }
    }
}
