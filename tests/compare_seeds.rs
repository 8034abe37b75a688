//! The comparison on the bundled seed articles (compiled into the binary),
//! with the MEK placed by string search over its names so the test does not
//! depend on the extractor: 000 calls it the main Iranian opposition, 002 a
//! terrorist group, and neither side's description leaks into the other.

use dossier::compare::compare;
use dossier::entities::{Entity, EntityIndex, Kind, Mention};
use dossier::store::{self, Document};

const MEK: &[&str] = &[
    "Mujahedin-e Khalq",
    "Mujahedeen-e Khalq",
    "Mujahedeen-e-Khalq",
    "Mujahedeen e-Khalq",
    "Mojahedin Khalq Organization",
    "People’s Mujahedeen of Iran",
    "People’s Mujahedeen",
    "MEK",
    "MKO",
];

fn mek(docs: &[Document]) -> Entity {
    let mut mentions: Vec<Mention> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for name in MEK {
            for (start, _) in doc.body.match_indices(name) {
                let end = start + name.len();
                let whole = !doc.body[..start].ends_with(char::is_alphanumeric)
                    && !doc.body[end..].starts_with(char::is_alphanumeric);
                let free = !mentions.iter().any(|m: &Mention| {
                    m.doc_idx() == d && m.range().start < end && start < m.range().end
                });
                if whole && free {
                    mentions.push(Mention::at(d, start, end).unwrap());
                }
            }
        }
    }
    Entity {
        id: "org:mek".into(),
        name: "MEK".into(),
        kind: Kind::Org,
        aliases: MEK.iter().map(|s| s.to_string()).collect(),
        mentions,
    }
}

fn descriptors(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let corpus = store::bundled();
    let index = EntityIndex::new(vec![mek(&corpus.docs)], corpus.docs.len());
    let (a, b) = (
        corpus.find(a).expect("seed a"),
        corpus.find(b).expect("seed b"),
    );
    let cmp = compare(&corpus.docs, &index, a, b);
    assert_eq!(cmp.shared.len(), 1, "both seeds name the MEK");
    let d = cmp.descriptors.first().expect("the MEK is described");
    let texts = |list: &[dossier::compare::Descriptor]| {
        list.iter().map(|d| d.text.clone()).collect::<Vec<_>>()
    };
    (texts(&d.a), texts(&d.b))
}

#[test]
fn op_ed_and_blog_frame_the_mek_differently() {
    let (a, b) = descriptors("000", "002");
    assert!(
        a.iter().any(|d| d == "the main Iranian opposition"),
        "{a:?}"
    );
    assert!(!a.iter().any(|d| d.contains("terrorist")), "{a:?}");
    assert_eq!(b, vec!["a terrorist group"]);
}

#[test]
fn cnn_and_wire_story_descriptors() {
    let (a, b) = descriptors("003", "004");
    assert!(
        a.iter()
            .any(|d| d == "a source of valuable intelligence on Iran"),
        "{a:?}"
    );
    assert!(a.iter().any(|d| d == "a terrorist organization"), "{a:?}");
    assert!(
        a.iter()
            .all(|d| !d.contains("Mojahedin") && !d.contains("MKO")),
        "aliases are not descriptors: {a:?}"
    );
    assert_eq!(b, vec!["a terrorist organization"]);
}
