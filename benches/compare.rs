//! How long comparing two long articles takes: two 10,000-word articles
//! built from the seed sentences, compared with `compare::compare`.
//!
//! Two cases: articles drawn from the same pool of sentences (each sentence
//! repeated, thousands of shared runs: the worst case for passage matching)
//! and articles from disjoint halves of the pool with three shared
//! paragraphs (the ordinary case). Entities are placed by string search over
//! a fixed list of names, so the figure does not depend on the extractor.
//!
//! A third figure is what opening the reader's compare view costs on the
//! key path: the comparison plus the view state and both sides wrapped.
//!
//! ```text
//! cargo bench --bench compare
//! ```

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::compare::compare;
use dossier::compare::view::CompareView;
use dossier::entities::{Entity, EntityIndex, Kind, Mention};
use dossier::store::{self, Document};

const WORDS: usize = 10_000;

const NAMES: &[&str] = &[
    "MEK",
    "Mujahedin-e Khalq",
    "Iran",
    "Iraq",
    "United States",
    "Camp Ashraf",
    "Camp Liberty",
    "Washington",
    "Baghdad",
    "Tehran",
    "John Kerry",
    "Khalilzad",
    "Parsaii",
    "Jeffrey",
    "Maliki",
    "Rohrabacher",
    "State Department",
    "Congress",
    "UNHCR",
    "McCain",
    "Albania",
    "Syria",
    "Saddam Hussein",
    "Red Cross",
    "Mohaddessin",
    "Tanter",
    "Winer",
    "Geneva Conventions",
];

/// Deterministic pseudo-random numbers (SplitMix64), so every run measures
/// the same texts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) as usize
    }
}

fn sentences() -> Vec<String> {
    store::bundled()
        .docs
        .iter()
        .flat_map(|d| {
            d.body
                .split_inclusive(". ")
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|s| s.split_whitespace().count() >= 6)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// About `WORDS` words of sentences drawn from `pool`, in paragraphs.
fn article(pool: &[String], seed: u64, shared: &[String]) -> String {
    let mut rng = Rng(seed);
    let mut body = String::new();
    let mut words = 0;
    let mut k = 0;
    while words < WORDS {
        let sentence = &pool[rng.next() % pool.len()];
        words += sentence.split_whitespace().count();
        body.push_str(sentence);
        body.push(' ');
        k += 1;
        if k % 6 == 0 {
            body.push_str("\n\n");
            if let Some(p) = shared.get(k / 60) {
                body.push_str(p);
                body.push_str("\n\n");
            }
        }
    }
    body
}

fn doc(id: &str, body: String) -> Document {
    Document {
        raw: String::new(),
        ..Document::from_text(id, id, body)
    }
}

fn index(docs: &[Document]) -> EntityIndex {
    let entities = NAMES
        .iter()
        .map(|name| Entity {
            id: format!("org:{name}"),
            name: (*name).into(),
            kind: Kind::Org,
            aliases: vec![(*name).into()],
            mentions: docs
                .iter()
                .enumerate()
                .flat_map(|(d, doc)| {
                    doc.body
                        .match_indices(name)
                        .map(move |(start, _)| Mention::at(d, start, start + name.len()).unwrap())
                })
                .collect(),
        })
        .collect();
    EntityIndex::new(entities, docs.len())
}

fn bench(c: &mut Criterion) {
    let pool = sentences();
    let same = vec![
        doc("a", article(&pool, 1, &[])),
        doc("b", article(&pool, 2, &[])),
    ];
    let (left, right) = pool.split_at(pool.len() / 2);
    let wire: Vec<String> = pool.iter().step_by(40).take(3).cloned().collect();
    let apart = vec![
        doc("a", article(left, 3, &wire)),
        doc("b", article(right, 4, &wire)),
    ];
    for (name, docs) in [("same pool", &same), ("disjoint + wire", &apart)] {
        let idx = index(docs);
        let cmp = compare(docs, &idx, 0, 1);
        eprintln!(
            "{name}: {} and {} words, {} shared entities, {} passages, {} described",
            docs[0].words(),
            docs[1].words(),
            cmp.shared.len(),
            cmp.passages.len(),
            cmp.descriptors.len()
        );
        c.bench_function(&format!("compare 2x10k words ({name})"), |b| {
            b.iter(|| compare(black_box(docs), black_box(&idx), 0, 1))
        });
        // What Enter on B costs in the reader: the comparison, the view
        // state and both sides wrapped for a 160-column terminal.
        c.bench_function(&format!("open compare view 2x10k words ({name})"), |b| {
            b.iter(|| {
                let cmp = compare(black_box(docs), black_box(&idx), 0, 1);
                let mut view = CompareView::new(cmp, docs);
                view.layout(78, 78, 32);
                view
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
