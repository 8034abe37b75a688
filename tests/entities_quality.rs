//! Entity quality, measured: the GUM news articles (Wikinews, other
//! subjects, gold from the GUM corpus) and the bundled seeds (our own gold),
//! scored with the port of `score_entities.py` in `common/score.rs`.

mod common;

use std::path::{Path, PathBuf};

use common::score::{Gold, Score, score};
use dossier::entities::{Corrections, EntityIndex, build_with};
use dossier::store;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn gold(rel: &str) -> Gold {
    let text = std::fs::read_to_string(fixture(rel)).expect("gold file");
    serde_json::from_str(&text).expect("gold JSON")
}

#[test]
fn gum_news_recall_and_precision_clear_the_bar() {
    let corpus = store::load(&[fixture("tests/fixtures/gum-news/text")]).expect("fixture loads");
    assert_eq!(corpus.docs.len(), 12);
    let index = build_with(&corpus.docs, &Corrections::default());
    let s = score(
        &gold("tests/fixtures/gum-news/gold.json"),
        &index,
        &corpus.docs,
    );
    eprintln!("GUM news: {}", s.summary());
    assert!(
        s.recall() >= 0.75,
        "{}\n{}",
        s.summary(),
        s.notes.join("\n")
    );
    assert!(
        s.precision() >= 0.85,
        "{}\n{}",
        s.summary(),
        s.notes.join("\n")
    );
}

/// The bundled seeds scored against `tests/gold/seeds.json`.
fn seed_score() -> Score {
    let corpus = store::bundled();
    let index = build_with(&corpus.docs, &Corrections::default());
    let s = score(&gold("tests/gold/seeds.json"), &index, &corpus.docs);
    eprintln!("seeds: {}", s.summary());
    s
}

#[test]
fn seeds_recall_and_merges_clear_the_bar() {
    let s = seed_score();
    assert!(
        s.recall() >= 0.90,
        "{}\n{}",
        s.summary(),
        s.notes.join("\n")
    );
    assert_eq!(
        s.merges_ok,
        s.merges_all,
        "{}\n{}",
        s.summary(),
        s.notes.join("\n")
    );
    assert_eq!(s.over_merged, 0, "{}\n{}", s.summary(), s.notes.join("\n"));
}

/// Precision and teaser leaks also test the cleaner: names that occur only
/// in the "Latest news" / "Must read" teasers must not reach any article.
#[test]
fn seeds_precision_and_no_teaser_leaks() {
    let s = seed_score();
    assert!(
        s.precision() >= 0.90,
        "{}\n{}",
        s.summary(),
        s.notes.join("\n")
    );
    assert_eq!(s.leaks, 0, "{}\n{}", s.summary(), s.notes.join("\n"));
}

#[test]
fn scorer_counts_what_it_should() {
    // A scorer that always passes would make the tests above worthless.
    let corpus = store::bundled();
    let s = score(
        &gold("tests/gold/seeds.json"),
        &EntityIndex::default(),
        &corpus.docs,
    );
    assert_eq!((s.recalled, s.reported, s.merges_ok), (0, 0, 0));
    assert!(s.gold > 50 && s.merges_all > 10);
}
