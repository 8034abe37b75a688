//! The word index answers every phrase exactly as the scan of every body
//! does: the scan (`search::scan`) is the oracle, and bodies and phrases
//! are drawn from pieces that stress the normalisation (case, Unicode
//! lowercasing that expands, curly quotes, dashes, soft hyphens, zero-width
//! chars, runs of whitespace and line breaks, digits, punctuation at word
//! edges). Phrases are cut from the bodies themselves, so most of them
//! match somewhere, and typed as open or closed.

use dossier::search::phrase::{Phrase, PhraseIndex};
use dossier::search::scan::Scan;
use dossier::store::Document;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "camp", "Camp", "CAMP", "ashraf", "Ashraf", "ashrafi", "mashhad", "ash", "a", "an", "the",
    "The", "2012", "x2", " ", " ", " ", "  ", "\n", "\n\n ", "\t", "\u{a0}", "\u{3000}", "’", "'",
    "‘", "“", "”", "\"", "«", "»", "-", "–", "—", "\u{2212}", "\u{ad}", "\u{200b}", "\u{feff}",
    "İ", "i̇", "ß", "é", "É", "e\u{301}", "日本", "Ω", "(", ")", ",", ".", "s", "MEK", "mek", "Σ",
    "ς", "ﬁ",
];

fn body() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
}

fn documents(bodies: &[String]) -> Vec<Document> {
    bodies
        .iter()
        .enumerate()
        .map(|(i, b)| Document::from_text(i.to_string(), "t", b))
        .collect()
}

/// A phrase cut from a body (by chars), or made of pieces.
fn phrases(bodies: &[String], cuts: &[(usize, usize, usize)], made: &[String]) -> Vec<String> {
    let mut out: Vec<String> = made.to_vec();
    for &(b, from, len) in cuts {
        let Some(body) = bodies.get(b % bodies.len().max(1)) else {
            continue;
        };
        let chars: Vec<char> = body.chars().collect();
        if chars.is_empty() {
            continue;
        }
        let from = from % chars.len();
        let to = (from + 1 + len % 12).min(chars.len());
        out.push(chars[from..to].iter().collect());
    }
    out
}

fn check(docs: &[Document], typed: &[String], subset: &[bool], each: bool) {
    let index = PhraseIndex::new(docs);
    let scan = Scan::new(docs);
    let candidates: Vec<usize> = (0..docs.len())
        .rev()
        .filter(|&d| subset.get(d % subset.len().max(1)).copied().unwrap_or(true))
        .collect();
    for text in typed {
        for closed in [true, false] {
            let Some(phrase) = Phrase::new(text, closed) else {
                continue;
            };
            let want = scan.find(&phrase);
            assert_eq!(index.find(&phrase, docs), want, "{phrase:?}");
            for d in (0..docs.len()).filter(|_| each) {
                assert_eq!(
                    phrase.occurs_in(&docs[d].body),
                    want.binary_search(&d).is_ok(),
                    "{phrase:?} in {:?}",
                    docs[d].body
                );
            }
            assert_eq!(
                index.retain(&phrase, &candidates, docs),
                scan.retain(&phrase, &candidates),
                "{phrase:?} within {candidates:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn the_index_answers_what_the_scan_answers(
        bodies in proptest::collection::vec(body(), 1..24),
        cuts in proptest::collection::vec((0usize..64, 0usize..400, 0usize..64), 1..10),
        made in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(PIECES), 1..5).prop_map(|p| p.concat()),
            0..4,
        ),
        subset in proptest::collection::vec(any::<bool>(), 1..8),
    ) {
        let docs = documents(&bodies);
        let typed = phrases(&bodies, &cuts, &made);
        check(&docs, &typed, &subset, true);
    }
}

/// Across block boundaries (4,096 documents a block) and on generated
/// news text, for phrases frequent, rare, open and absent; open ones whose
/// closed words are common (their last word answered from the places of
/// the words it begins) and repeated words.
#[test]
fn across_blocks_on_generated_articles() {
    let docs = dossier::testgen::documents(4_500, 7);
    let typed: Vec<String> = [
        "the",
        "of the",
        "water rights",
        "camp ashraf",
        "mountain rescue service",
        "said",
        "t",
        "peace talks ne",
        "peace talks n",
        "the peace talks s",
        "of the w",
        "the the the",
        "the the th",
        "talks, ne",
        "nothing like this zz",
        "'s",
        ", and",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    check(&docs, &typed, &[true, false, false], false);
    check(
        &docs,
        &typed,
        &[false, false, false, false, false, false, true],
        false,
    );
}
