//! The three entity sets of a comparison, with per-side counts, and the
//! comparison as a whole, on a hand-built entity index.

use dossier::compare::compare;
use dossier::entities::{Entity, EntityIndex, Kind, Mention};
use dossier::store::Document;

fn doc(id: &str, body: &str) -> Document {
    Document {
        path: format!("{id}.txt"),
        ..Document::from_text(id, id, body)
    }
}

/// An entity mentioned wherever `name` occurs in each document.
fn entity(docs: &[Document], name: &str, kind: Kind) -> Entity {
    let mentions = docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| {
            doc.body
                .match_indices(name)
                .map(move |(start, _)| Mention::at(d, start, start + name.len()).unwrap())
        })
        .collect();
    Entity {
        id: format!("{}:{}", kind.as_str(), name.to_lowercase()),
        name: name.into(),
        kind,
        aliases: vec![name.into()],
        mentions,
    }
}

fn corpus() -> (Vec<Document>, EntityIndex) {
    let docs = vec![
        doc(
            "a",
            "The United States protects the MEK in Camp Ashraf. The MEK, a source of \
intelligence, trusts the United States. Khalilzad spoke. Later the MEK left.",
        ),
        doc(
            "b",
            "The MEK is regarded as a terrorist group. Iran and the MEK clash; Rajavi spoke \
for the MEK. The United States said little.",
        ),
        doc("c", "Nothing about Camp Ashraf here."),
    ];
    let names = [
        ("MEK", Kind::Org),
        ("United States", Kind::Place),
        ("Camp Ashraf", Kind::Place),
        ("Iran", Kind::Place),
        ("Khalilzad", Kind::Person),
        ("Rajavi", Kind::Person),
    ];
    let entities = names.iter().map(|&(n, k)| entity(&docs, n, k)).collect();
    let index = EntityIndex::new(entities, docs.len());
    (docs, index)
}

fn names(
    index: &EntityIndex,
    list: &[dossier::compare::EntityCount],
) -> Vec<(String, usize, usize)> {
    list.iter()
        .map(|c| (index.entity(c.entity).name.clone(), c.a, c.b))
        .collect()
}

#[test]
fn shared_only_a_only_b_with_counts() {
    let (docs, index) = corpus();
    let cmp = compare(&docs, &index, 0, 1);
    assert_eq!((cmp.a, cmp.b), (0, 1));
    assert_eq!(
        names(&index, &cmp.shared),
        vec![("MEK".into(), 3, 3), ("United States".into(), 2, 1)]
    );
    assert_eq!(
        names(&index, &cmp.only_a),
        vec![("Khalilzad".into(), 1, 0), ("Camp Ashraf".into(), 1, 0)]
    );
    assert_eq!(
        names(&index, &cmp.only_b),
        vec![("Rajavi".into(), 0, 1), ("Iran".into(), 0, 1)]
    );
}

#[test]
fn swapping_sides_swaps_the_sets() {
    let (docs, index) = corpus();
    let ab = compare(&docs, &index, 0, 1);
    let ba = compare(&docs, &index, 1, 0);
    let flip = |list: &[dossier::compare::EntityCount]| {
        list.iter()
            .map(|c| (c.entity, c.b, c.a))
            .collect::<Vec<_>>()
    };
    let plain = |list: &[dossier::compare::EntityCount]| {
        list.iter()
            .map(|c| (c.entity, c.a, c.b))
            .collect::<Vec<_>>()
    };
    assert_eq!(plain(&ba.only_a), flip(&ab.only_b));
    assert_eq!(plain(&ba.only_b), flip(&ab.only_a));
    assert_eq!(plain(&ba.shared), flip(&ab.shared));
}

#[test]
fn descriptors_are_for_shared_entities_only() {
    let (docs, index) = corpus();
    let cmp = compare(&docs, &index, 0, 1);
    assert_eq!(cmp.descriptors.len(), 1);
    let d = &cmp.descriptors[0];
    assert_eq!(index.entity(d.entity).name, "MEK");
    let text = |list: &[dossier::compare::Descriptor]| {
        list.iter().map(|d| d.text.clone()).collect::<Vec<_>>()
    };
    assert_eq!(text(&d.a), vec!["a source of intelligence"]);
    assert_eq!(text(&d.b), vec!["a terrorist group"]);
    assert!(cmp.passages.is_empty());

    // A document with no entities in common: everything on one side.
    let cmp = compare(&docs, &index, 1, 2);
    assert!(cmp.shared.is_empty() && cmp.descriptors.is_empty());
    assert_eq!(cmp.only_b.len(), 1);
}

#[test]
fn out_of_range_document_compares_as_empty() {
    let (docs, index) = corpus();
    let cmp = compare(&docs, &index, 0, 99);
    assert!(cmp.shared.is_empty() && cmp.only_b.is_empty() && cmp.passages.is_empty());
    assert_eq!(cmp.only_a.len(), 4);
}
