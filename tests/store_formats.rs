//! Every loader on pages written in other layouts (tests/fixtures/store):
//! plain text, hard-wrapped text, Markdown, HTML, JSON, JSON Lines.

use std::path::PathBuf;

use dossier::store::{self, Corpus, Document};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store")
        .join(name)
}

fn load(names: &[&str]) -> Corpus {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    store::load(&paths).expect("fixtures exist")
}

fn one(name: &str) -> Document {
    let corpus = load(&[name]);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(corpus.docs.len(), 1);
    corpus.docs.into_iter().next().unwrap()
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.body.split("\n\n").collect()
}

#[test]
fn hard_wrapped_text_with_field_header() {
    let d = one("wrapped.txt");
    assert_eq!(d.id, "wrapped");
    assert_eq!(d.title, "Town council approves new cycle lanes");
    assert_eq!(d.author.as_deref(), Some("Priya Raman"));
    assert_eq!(d.date.as_deref(), Some("2022-06-15"));
    let p = paragraphs(&d);
    assert_eq!(p.len(), 3);
    assert!(p[0].starts_with("The town council voted seven to two on Wednesday night to build"));
    assert!(!d.body.contains("Title:"));
}

#[test]
fn markdown_with_front_matter() {
    let d = one("rivers.md");
    assert_eq!(d.title, "Rivers run low across the plains");
    assert_eq!(d.source.as_deref(), Some("Prairie Weekly"));
    assert_eq!(d.author.as_deref(), Some("Mei Tanaka"));
    assert_eq!(d.date.as_deref(), Some("2020-07-01"));
    assert_eq!(d.url.as_deref(), Some("https://example.org/rivers"));
    let p = paragraphs(&d);
    // Markup, images, the repeated heading and the teaser are gone.
    assert!(p[0].starts_with("Water levels in the Red Fork and the Willow rivers"));
    assert!(p[0].ends_with("according to the state survey."));
    assert!(p.contains(&"Barge traffic has stopped above the lock at Mill Creek."));
    assert!(!d.body.contains('*') && !d.body.contains("](") && !d.body.contains("riverbed"));
    assert!(!d.body.contains("Prairie towns plan new reservoirs"));
}

#[test]
fn markdown_without_front_matter() {
    let d = one("glaciers.md");
    assert_eq!(d.title, "Glacier retreat speeds up in the southern Alps");
    assert_eq!(d.author.as_deref(), Some("Lukas Brunner"));
    assert!(
        d.body
            .starts_with("Glaciers in the southern Alps lost more ice")
    );
    assert!(d.body.ends_with("twice the average of the last decade."));
    assert!(d.body.contains("\n\nWhat the surveyors found\n\n"));
}

#[test]
fn html_page_with_metadata() {
    let d = one("election.html");
    assert_eq!(
        d.title,
        "Coastal district re-counts votes after narrow result"
    );
    assert_eq!(d.source.as_deref(), Some("The Lakeside Observer"));
    assert_eq!(d.author.as_deref(), Some("Daniel Okafor"));
    assert_eq!(d.date.as_deref(), Some("2019-11-08"));
    assert_eq!(
        d.url.as_deref(),
        Some("https://lakeside.example/politics/recount")
    );
    let p = paragraphs(&d);
    assert_eq!(p.len(), 3, "{p:#?}");
    assert!(p[0].starts_with("Election officials in the coastal district"));
    assert!(p[2].ends_with("a new harbour wall."));
    for junk in [
        "Politics",
        "Share on Facebook",
        "Advertisement",
        "Volunteers sort ballots",
        "Harbour wall plan",
        "loadComments",
        "tracking",
        "font-family",
        "Tags:",
        "First!",
        "©",
        "By Daniel",
    ] {
        assert!(!d.body.contains(junk), "{junk:?} in body");
    }
    // The raw text is the page as read.
    assert!(d.raw.starts_with("<!DOCTYPE html>"));
}

#[test]
fn bare_html_page() {
    let d = one("library.html");
    assert_eq!(d.title, "Village library reopens after flood repairs");
    assert_eq!(d.author.as_deref(), Some("Sofia Marin"));
    assert_eq!(d.date.as_deref(), Some("2021-02-19"));
    assert_eq!(d.source, None);
    assert_eq!(paragraphs(&d).len(), 2);
    assert!(!d.body.contains("Contact"));
}

#[test]
fn json_array_of_records() {
    let c = load(&["records.json"]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let ids: Vec<&str> = c.docs.iter().map(|d| d.id.as_str()).collect();
    // The record's own id, else stem#N with N counted from 1.
    assert_eq!(ids, ["qw-101", "records#2", "records#3"]);
    let d = &c.docs[0];
    assert_eq!(d.title, "Orchard owners count frost damage");
    assert_eq!(d.source.as_deref(), Some("Valley Gazette"));
    assert_eq!(d.author.as_deref(), Some("Hana Novak"));
    assert_eq!(d.date.as_deref(), Some("2021-04-12"));
    assert_eq!(d.url.as_deref(), Some("https://gazette.example/frost"));
    assert_eq!(paragraphs(d).len(), 2);
    // `body` holding HTML, `source` as an object, `author` as a list.
    let d = &c.docs[1];
    assert_eq!(d.source.as_deref(), Some("Wine Trade Journal"));
    assert_eq!(d.author.as_deref(), Some("Luca Bianchi, Eva Horvat"));
    assert_eq!(
        d.body,
        "Vineyards on the southern slopes were hit as well, growers said.\n\nSome burned straw bales overnight to keep the vines warm."
    );
    assert!(d.raw.contains("\"Wine Trade Journal\""));
    assert_eq!(
        c.docs[2].body,
        "Temperatures rose above freezing on Wednesday for the first time in a week."
    );
}

#[test]
fn json_single_object() {
    let d = one("single.json");
    assert_eq!(d.id, "single");
    assert_eq!(d.title, "Port reopens after strike");
    assert_eq!(d.source.as_deref(), Some("Shipping Daily"));
    assert_eq!(d.date.as_deref(), Some("2022-01-10"));
}

#[test]
fn json_lines_skip_a_broken_line() {
    let c = load(&["feed.jsonl"]);
    let ids: Vec<&str> = c.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["feed#1", "42"]);
    assert_eq!(c.docs[0].author.as_deref(), Some("Omar Haddad"));
    assert_eq!(c.problems.len(), 1);
    assert!(c.problems[0].path.ends_with("feed.jsonl"));
    assert!(
        c.problems[0].reason.starts_with("line 2: not valid JSON"),
        "{}",
        c.problems[0]
    );
}

#[test]
fn json_fields_of_wrong_type() {
    let c = load(&["wrong_types.json"]);
    let ids: Vec<&str> = c.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["wrong_types#1", "wrong_types#4"]);
    // No usable title: the opening words stand in.
    assert!(
        c.docs[0]
            .title
            .starts_with("A record without a usable title")
    );
    assert_eq!(c.docs[0].author, None);
    let reasons: Vec<String> = c.problems.iter().map(|p| p.reason.clone()).collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("line 2: record 1: `title` is a number")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("line 3: record 2 has no text")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("line 4: record 3 is text, expected an object")),
        "{reasons:?}"
    );
}

#[test]
fn folders_load_recursively_in_a_stable_order() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("b/deeper");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::copy(fixture("wrapped.txt"), dir.path().join("a.txt")).unwrap();
    std::fs::copy(fixture("rivers.md"), nested.join("c.md")).unwrap();
    std::fs::copy(fixture("library.html"), dir.path().join("b/b.html")).unwrap();
    std::fs::write(
        dir.path().join(".hidden.txt"),
        "Not loaded: hidden files are skipped.",
    )
    .unwrap();
    let corpus = store::load(&[dir.path().to_path_buf()]).unwrap();
    let ids: Vec<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert!(corpus.problems.is_empty());
    // Parallel parsing gives the same corpus every time.
    for _ in 0..3 {
        assert_eq!(
            store::load(&[dir.path().to_path_buf()]).unwrap().docs,
            corpus.docs
        );
    }
}

#[test]
fn repeated_ids_are_made_unique() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["x", "y"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::copy(
            fixture("single.json"),
            dir.path().join(sub).join("same.json"),
        )
        .unwrap();
    }
    let corpus = store::load(&[dir.path().to_path_buf()]).unwrap();
    let ids: Vec<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["same", "same~2"]);
}

#[test]
fn text_is_nfc_normalised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cafe.txt");
    std::fs::write(&path, "Cafe\u{301} owners protest new rules\n\nThe cafe\u{301} owners of the old town marched to the town hall on Saturday morning.\n").unwrap();
    let corpus = store::load(&[path]).unwrap();
    assert_eq!(corpus.docs[0].title, "Caf\u{e9} owners protest new rules");
    assert!(corpus.docs[0].body.contains("caf\u{e9} owners"));
}
