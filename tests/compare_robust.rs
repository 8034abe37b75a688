//! No input makes the comparison panic: pseudo-random bodies built from
//! awkward pieces (multibyte and wide text, stray apostrophes and quotes,
//! dashes, control characters, unmatched parentheses, abbreviations) with
//! mentions on arbitrary words, including the first and the last. Every
//! reported range must slice its body on char boundaries.

use dossier::compare::{compare, describe, shared_passages};
use dossier::entities::{DocMention, Entity, EntityIndex, Kind, Mention};
use dossier::store::Document;

const PIECES: &[&str] = &[
    "the",
    "a",
    "MEK",
    ",",
    ".",
    "(",
    ")",
    "’s",
    "'",
    "’",
    "“",
    "”",
    "\"",
    "—",
    "–",
    "-",
    " - ",
    "is",
    "regarded",
    "as",
    "by",
    "considered",
    "known",
    "also",
    "or",
    "U.S.",
    "Iran’s",
    "伊朗",
    "😀",
    "e\u{301}",
    "\u{7}",
    "\t",
    "\n\n",
    "which",
    "terrorist",
    "group",
    "of",
    "main",
    "Mujahedin-e",
    "Khalq",
    "al-",
    "'s",
    "s",
    "—the",
    "…",
    "X",
    "and",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn body(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for _ in 0..words {
        s.push_str(PIECES[rng.next(PIECES.len())]);
        if rng.next(3) > 0 {
            s.push(' ');
        }
    }
    s
}

/// Mentions on some whitespace-separated words of `body`.
fn mentions(rng: &mut Rng, body: &str, doc: usize, entities: usize) -> Vec<(usize, Mention)> {
    let mut out = Vec::new();
    let mut at = 0;
    for word in body.split_whitespace() {
        let start = at + body[at..].find(word).unwrap_or(0);
        at = start + word.len();
        if rng.next(4) == 0 {
            out.push((rng.next(entities), Mention::at(doc, start, at).unwrap()));
        }
    }
    out
}

#[test]
fn random_bodies_never_panic_and_ranges_are_char_safe() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..300 {
        let words = [0, 1, 3, 20, 200][round % 5];
        let bodies = [body(&mut rng, words), body(&mut rng, words)];
        let docs: Vec<Document> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| Document {
                id: format!("d{i}"),
                path: String::new(),
                title: String::new(),
                source: None,
                author: None,
                date: None,
                url: None,
                body: b.clone(),
                raw: b.clone(),
            })
            .collect();
        let mut entities: Vec<Entity> = (0..4)
            .map(|e| Entity {
                id: format!("org:{e}"),
                name: format!("E{e}"),
                kind: Kind::Org,
                aliases: vec![],
                mentions: vec![],
            })
            .collect();
        for (d, b) in bodies.iter().enumerate() {
            for (e, m) in mentions(&mut rng, b, d, entities.len()) {
                entities[e].mentions.push(m);
            }
        }
        let index = EntityIndex::new(entities, docs.len());
        let cmp = compare(&docs, &index, 0, 1);
        for p in &cmp.passages {
            assert!(bodies[0].get(p.a_start..p.a_end).is_some(), "{p:?}");
            assert!(bodies[1].get(p.b_start..p.b_end).is_some(), "{p:?}");
        }
        for d in &cmp.descriptors {
            for (side, list) in [(0, &d.a), (1, &d.b)] {
                for desc in list {
                    assert_eq!(
                        bodies[side].get(desc.start..desc.end),
                        Some(desc.text.as_str())
                    );
                }
            }
        }
        // The view's wrapping: every row a char-safe slice, in order.
        for width in [1, 2, 7, 40] {
            let rows = dossier::compare::view::wrap(&bodies[0], width);
            for pair in rows.windows(2) {
                assert!(pair[0].1 <= pair[1].0, "{rows:?}");
            }
            for &(s, e) in &rows {
                assert!(bodies[0].get(s..e).is_some(), "{s}..{e} of {:?}", bodies[0]);
            }
        }
        // The engine pieces directly, with a short minimum run.
        let _ = shared_passages(&bodies[0], &bodies[1], 1);
        let ms: Vec<DocMention> = index.mentions_in(0).to_vec();
        for e in 0..4 {
            let _ = describe(&bodies[0], &ms, e);
        }
    }
}
