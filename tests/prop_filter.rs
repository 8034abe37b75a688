//! Property tests of the filter: `Query::parse` never panics on anything
//! typed; what it gives is tidy and reads back the same when written out
//! canonically; and the incremental filtering the reader does while typing
//! (`narrows` then `apply_within` the previous hits) keeps exactly what a
//! fresh `apply` keeps.

mod common;

use common::arb;
use dossier::entities;
use dossier::search::filter::{Filter, Query};
use dossier::store::Document;
use proptest::prelude::*;

/// Text that is mostly query syntax: terms, quotes, spaces, names.
fn typed() -> impl Strategy<Value = String> {
    const PARTS: &[&str] = &[
        "@", "source:", "SOURCE:", "Source:", "\"", " ", "  ", "\t", "\u{3000}", "mek", "MEK",
        "camp", "Ashraf", "cnn", "iraq", "kerry", "日本", "é", "e\u{301}", "İ", "ß", ":", "@@",
        "x",
    ];
    prop_oneof![
        3 => proptest::collection::vec(proptest::sample::select(PARTS), 0..12).prop_map(|p| p.concat()),
        1 => any::<String>(),
        1 => arb::fragments(12),
    ]
}

/// `q` written out so that parsing it gives `q` again.
fn canonical(q: &Query) -> String {
    let value = |v: &str| {
        if v.contains(char::is_whitespace) {
            format!("\"{v}\"")
        } else {
            v.to_string()
        }
    };
    let mut parts: Vec<String> = Vec::new();
    if !q.text.is_empty() {
        parts.push(q.text.clone());
    }
    parts.extend(q.entities.iter().map(|e| format!("@{}", value(e))));
    parts.extend(q.sources.iter().map(|s| format!("source:{}", value(s))));
    // A phrase left open runs to the end of the input, so it goes last.
    let (closed, open): (Vec<_>, Vec<_>) = q.phrases.iter().partition(|p| p.closed);
    parts.extend(closed.iter().map(|p| format!("\"{}\"", p.text)));
    parts.extend(open.iter().map(|p| format!("\"{}", p.text)));
    parts.join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parse_is_total_tidy_and_round_trips(input in typed()) {
        let q = Query::parse(&input);
        // Free text is the typed words joined by single spaces.
        prop_assert!(!q.text.starts_with(' ') && !q.text.ends_with(' ') && !q.text.contains("  "));
        prop_assert!(q.text.split(' ').all(|w| q.text.is_empty() || !w.is_empty()));
        prop_assert!(!q.text.chars().any(|c| c.is_whitespace() && c != ' '));
        // Terms are never empty; a term never hides in the text.
        prop_assert!(q.entities.iter().chain(&q.sources).all(|v| !v.is_empty()));
        prop_assert!(q.phrases.iter().all(|p| !p.text.is_empty()));
        // Only the last phrase may be left open: an open quote runs to the end.
        prop_assert!(q.phrases.iter().rev().skip(1).all(|p| p.closed));
        prop_assert!(q.text.split(' ').all(|w| !w.starts_with('@') && !w.starts_with('"')
            && !w.to_ascii_lowercase().starts_with("source:")));
        // Sources are compared lowercased.
        prop_assert!(q.sources.iter().all(|s| *s == s.to_lowercase()));
        prop_assert_eq!(q.is_empty(), q.text.is_empty() && q.entities.is_empty() && q.sources.is_empty() && q.phrases.is_empty());
        // Written out canonically, it parses back to itself; a phrase that
        // holds a quote (typed as one, or folded from « » “ ”) has no
        // canonical spelling, so it is left out of this check.
        if q.phrases.iter().all(|p| !p.text.contains('"')) {
            prop_assert_eq!(Query::parse(&canonical(&q)), q);
        }
    }
}

fn doc(i: usize, title: String, source: Option<String>, body: String) -> Document {
    Document {
        path: format!("d{i}.txt"),
        source,
        ..Document::from_text(format!("d{i}"), title, body)
    }
}

const OUTLETS: &[&str] = &[
    "CNN",
    "Reuters",
    "Daily Tribune",
    "日本新聞",
    "İstanbul Post",
];

fn corpus() -> impl Strategy<Value = Vec<Document>> {
    proptest::collection::vec(
        (
            arb::fragments(8),
            proptest::option::of(proptest::sample::select(OUTLETS)),
            arb::fragments(40),
        ),
        1..12,
    )
    .prop_map(|docs| {
        docs.into_iter()
            .enumerate()
            .map(|(i, (t, s, b))| doc(i, t, s.map(str::to_string), b))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Typing one more character: when the new query narrows the old, the
    /// hits found among the old hits are exactly a fresh search's hits.
    #[test]
    fn narrowing_while_typing_loses_nothing(docs in corpus(), before in typed(), more in typed()) {
        let index = entities::build_with(&docs, &entities::Corrections::default());
        let old = Filter::new(Query::parse(&before), &index);
        let old_hits = old.apply(&docs, &index);
        prop_assert!(old_hits.iter().all(|&d| d < docs.len()));
        let mut seen = old_hits.clone();
        seen.sort_unstable();
        seen.dedup();
        prop_assert_eq!(seen.len(), old_hits.len(), "a document listed twice");
        for end in more.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let typed = format!("{before}{}", &more[..end]);
            let new = Filter::new(Query::parse(&typed), &index);
            if new.narrows(old.query()) {
                prop_assert_eq!(new.apply_within(&docs, &index, &old_hits), new.apply(&docs, &index), "typed {:?}", typed);
            }
        }
    }
}
