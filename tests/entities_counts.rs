//! The counts the reader shows agree with the index: for every entity of
//! the bundled seeds, the per-article counts of the side panel add up to its
//! mentions, and the articles with a count are exactly its `docs`.

use dossier::entities::{Corrections, build_with};
use dossier::store;

#[test]
fn panel_counts_add_up_to_mentions_and_docs() {
    let docs = store::bundled().docs;
    let index = build_with(&docs, &Corrections::default());
    let mut per_entity = vec![(0usize, Vec::new()); index.entities().len()];
    for doc in 0..docs.len() {
        for (e, here) in index.entities_in(doc) {
            per_entity[e].0 += here;
            per_entity[e].1.push(doc);
        }
    }
    for (e, (total, in_docs)) in per_entity.iter().enumerate() {
        let entity = index.entity(e);
        assert_eq!(*total, index.mentions_of(e).len(), "{}", entity.name);
        let docs_of: Vec<usize> = index.docs_of(e).collect();
        assert_eq!(in_docs, &docs_of, "{}", entity.name);
        assert_eq!(index.doc_count(e), docs_of.len(), "{}", entity.name);
        for m in index.mentions_of(e) {
            assert!(m.start < m.end, "{}: empty mention", entity.name);
        }
    }
    let state = index
        .find("State Department")
        .expect("the State Department is an entity");
    assert_eq!(
        (index.mentions_of(state).len(), index.doc_count(state)),
        (5, 3)
    );
}
