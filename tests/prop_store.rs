//! Property tests of the loaders and the cleaner: any bytes under any
//! format's name parse without a panic into well-formed documents, a folder
//! of them loads with unique ids and every file accounted for, and the
//! cleaner only ever keeps, tidies and drops paragraphs.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::arb;
use dossier::store::clean::{self, Draft, Meta, tidy};
use dossier::store::{self, Document};
use proptest::prelude::*;
use unicode_normalization::is_nfc;

/// Every extension the loaders tell apart, and none.
const NAMES: &[&str] = &[
    "a.txt", "a.md", "a.html", "a.json", "a.jsonl", "a.ndjson", "a", "a.xml",
];

/// What every loaded document must be, whatever the input.
fn check_document(d: &Document, path: &Path) {
    assert_eq!(d.path, path.display().to_string());
    assert!(!d.id.is_empty(), "empty id");
    // A title is always there, on one tidy line.
    assert!(!d.title.is_empty(), "empty title");
    assert_eq!(tidy(&d.title), d.title, "untidy title");
    // The body is paragraphs separated by one blank line: each non-empty,
    // tidy (so no newline, tab or carriage return inside), none blank.
    if !d.body.is_empty() {
        for p in d.body.split("\n\n") {
            assert!(!p.is_empty(), "empty paragraph in {:?}", d.body);
            assert_eq!(tidy(p), p, "untidy paragraph");
        }
    }
    assert!(!d.raw.contains('\r'), "carriage return in raw text");
    for field in [&d.source, &d.author, &d.date, &d.url]
        .into_iter()
        .flatten()
    {
        assert!(!field.contains('\n'), "newline in a field: {field:?}");
    }
    // Text is normalised on load, so equal text compares equal.
    assert!(is_nfc(&d.raw), "raw text not NFC");
    assert!(is_nfc(&d.body), "body not NFC: {:?}", d.body);
    assert!(is_nfc(&d.title), "title not NFC: {:?}", d.title);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any bytes under any name: no panic; documents well formed; every
    /// problem names the file; nothing loaded means a reason was given.
    #[test]
    fn parse_file_takes_any_bytes(bytes in arb::bytes(4096), name in proptest::sample::select(NAMES)) {
        let path = Path::new(name);
        match store::parse_file(path, &bytes) {
            Ok((docs, problems)) => {
                for d in &docs {
                    check_document(d, path);
                }
                for p in &problems {
                    prop_assert_eq!(&p.path, path);
                    prop_assert!(!p.reason.is_empty());
                }
                prop_assert!(!docs.is_empty() || !problems.is_empty());
            }
            Err(p) => {
                prop_assert_eq!(&p.path, path);
                prop_assert!(!p.reason.is_empty());
            }
        }
    }

    /// Parsing is a pure function of path and bytes.
    #[test]
    fn parse_file_is_deterministic(bytes in arb::bytes(2048), name in proptest::sample::select(NAMES)) {
        let path = Path::new(name);
        let a = store::parse_file(path, &bytes);
        let b = store::parse_file(path, &bytes);
        prop_assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A folder of files with clashing stems and record ids loads with
    /// unique ids, and every file either gives documents or is named.
    #[test]
    fn a_folder_loads_with_unique_ids(files in proptest::collection::vec(
        (proptest::sample::select(NAMES), 0u8..3, arb::bytes(1024)), 1..8)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut written = HashSet::new();
        for (name, sub, bytes) in &files {
            // Same stems in sub-folders, so ids clash across folders too.
            let folder = dir.path().join(format!("s{sub}"));
            std::fs::create_dir_all(&folder).unwrap();
            let path = folder.join(name);
            std::fs::write(&path, bytes).unwrap();
            written.insert(path);
        }
        let corpus = store::load(&[dir.path().to_path_buf()]).unwrap();
        let ids: HashSet<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
        prop_assert_eq!(ids.len(), corpus.docs.len(), "ids repeat");
        for path in &written {
            let shown = path.display().to_string();
            let loaded = corpus.docs.iter().any(|d| d.path == shown);
            let named = corpus.problems.iter().any(|p| &p.path == path);
            prop_assert!(loaded || named, "{} neither loaded nor named", shown);
        }
        for d in &corpus.docs {
            check_document(d, Path::new(&d.path));
        }
    }
}

/// A draft of arbitrary blocks and metadata.
fn draft() -> impl Strategy<Value = Draft> {
    let field = || proptest::option::of(arb::text(12));
    (
        proptest::collection::vec(arb::text(60), 0..24),
        field(),
        field(),
        field(),
        field(),
        field(),
    )
        .prop_map(|(blocks, title, source, author, date, url)| Draft {
            blocks,
            meta: Meta {
                title,
                source,
                author,
                date,
                url,
            },
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The cleaner keeps, tidies and drops paragraphs, never invents or
    /// reorders them: the body's paragraphs are tidied input blocks, in
    /// input order; the title is one tidy line.
    #[test]
    fn cleaning_keeps_and_drops_but_never_invents(d in draft()) {
        let tidied: Vec<String> = d.blocks.iter().map(|b| tidy(b)).collect();
        let cleaned = clean::clean(d);
        prop_assert!(!cleaned.title.is_empty());
        prop_assert_eq!(tidy(&cleaned.title), cleaned.title.clone());
        if !cleaned.body.is_empty() {
            let mut from = 0;
            for p in cleaned.body.split("\n\n") {
                let at = tidied[from..].iter().position(|b| b == p);
                prop_assert!(at.is_some(), "paragraph {:?} not an input block after #{}", p, from);
                from += at.unwrap() + 1;
            }
        }
    }
}

/// Found by `parse_file_takes_any_bytes`: a character reference for a
/// combining mark (`&#769;` in Markdown or HTML, `\u0301` in JSON) decoded
/// after normalisation left the text out of NFC, so "é" typed two ways did
/// not compare equal.
#[test]
fn character_references_are_normalised() {
    let cases: [(&str, &str); 3] = [
        ("a.md", "Cafe&#769; owners\n\nThe cafe&#769; owners met.\n"),
        (
            "a.html",
            "<html><body><h1>Cafe&#769; owners</h1><p>The cafe&#769; owners met on Monday to talk.</p></body></html>",
        ),
        (
            "a.json",
            r#"{"title": "Cafe\u0301 owners", "text": "The cafe\u0301 owners met."}"#,
        ),
    ];
    for (name, text) in cases {
        let (docs, _) = store::parse_file(Path::new(name), text.as_bytes()).unwrap();
        assert_eq!(docs[0].title, "Caf\u{e9} owners", "{name}");
        assert!(
            docs[0].body.contains("caf\u{e9} owners"),
            "{name}: {:?}",
            docs[0].body
        );
    }
}
