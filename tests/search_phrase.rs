//! Phrase search in the filter: `"camp ashraf"` keeps the articles whose
//! cleaned body holds the phrase, whatever the case, spacing, line breaks
//! or style of apostrophes and dashes; a phrase starts at a word boundary,
//! and once its quote is closed ends at one too. And the query parser
//! around it, unterminated quotes included.

mod app_fixture;

use app_fixture::{bundled_app, doc};
use dossier::app::{Action, Edit, Msg, update};
use dossier::entities::EntityIndex;
use dossier::search::filter::{Filter, Query};
use dossier::search::phrase::Phrase;
use dossier::store::Document;

fn docs() -> Vec<Document> {
    vec![
        doc("0", "One", Some("CNN"), "They left Camp Ashraf in 2012."),
        doc(
            "1",
            "Two",
            Some("AP"),
            "The camp\nASHRAF residents\n\n waited.",
        ),
        doc("2", "Three", Some("CNN"), "Near Camp Ashrafi, a town."),
        doc("3", "Four", None, "In Mashhad, Iran’s second city."),
        doc(
            "4",
            "Five",
            None,
            "The Mujahedin\u{2010}e Khalq (MEK) said so.",
        ),
        doc("5", "Six", None, "Nothing about it at all."),
    ]
}

fn run(docs: &[Document], q: &str) -> Vec<usize> {
    let index = EntityIndex::new(Vec::new(), docs.len());
    let mut hits = Filter::new(Query::parse(q), &index).apply(docs, &index);
    hits.sort_unstable();
    hits
}

#[test]
fn case_spacing_and_line_breaks_do_not_matter() {
    let d = docs();
    assert_eq!(run(&d, "\"camp ashraf\""), vec![0, 1]);
    assert_eq!(run(&d, "\"CAMP   Ashraf\""), vec![0, 1]);
    assert_eq!(run(&d, "\"ashraf residents waited\""), vec![1]);
}

#[test]
fn apostrophes_and_dashes_match_in_any_style() {
    let d = docs();
    assert_eq!(run(&d, "\"iran's second\""), vec![3]);
    assert_eq!(run(&d, "\"iran’s second\""), vec![3]);
    assert_eq!(run(&d, "\"mujahedin-e khalq\""), vec![4]);
    assert_eq!(run(&d, "\"mujahedin–e khalq\""), vec![4]);
}

#[test]
fn no_match_inside_a_word() {
    let d = docs();
    // "ash" occurs in Mashhad and Ashraf, but starts a word only in Ashraf.
    assert_eq!(run(&d, "\"ash\""), Vec::<usize>::new());
    assert_eq!(run(&d, "\"ash"), vec![0, 1, 2]);
    // Closed: "Ashrafi" is another word; open (still typing): a prefix.
    assert_eq!(run(&d, "\"camp ashraf"), vec![0, 1, 2]);
    assert_eq!(run(&d, "\"shraf\""), Vec::<usize>::new());
    // Punctuation at the edges is not part of a word.
    assert_eq!(run(&d, "\"(mek)\""), vec![4]);
}

#[test]
fn phrases_combine_with_text_and_terms() {
    let d = docs();
    assert_eq!(run(&d, "\"camp ashraf\" source:cnn"), vec![0]);
    assert_eq!(run(&d, "two \"camp ashraf\""), vec![1]);
    assert_eq!(run(&d, "\"camp\" \"residents\""), vec![1]);
    assert_eq!(run(&d, "\"camp ashraf\" \"2012\""), vec![0]);
}

#[test]
fn narrowing_with_phrases_gives_the_full_answer() {
    let d = docs();
    let index = EntityIndex::new(Vec::new(), d.len());
    let typed = "\"camp ashraf\" t";
    let mut prev = Filter::new(Query::parse(""), &index);
    let mut list = prev.apply(&d, &index);
    let mut narrowed = 0;
    for (end, _) in typed.char_indices().skip(1).chain([(typed.len(), ' ')]) {
        let next = Filter::new(Query::parse(&typed[..end]), &index);
        let full = next.apply(&d, &index);
        if next.narrows(prev.query()) {
            narrowed += 1;
            assert_eq!(
                next.apply_within(&d, &index, &list),
                full,
                "{}",
                &typed[..end]
            );
        }
        list = full;
        prev = next;
    }
    assert!(narrowed > 5);
}

#[test]
fn parser_handles_quotes_open_closed_and_empty() {
    let q = Query::parse("iran \"Camp  Ashraf\" opp");
    assert_eq!(q.text, "iran opp");
    assert_eq!(q.phrases, vec![Phrase::new("camp ashraf", true).unwrap()]);
    let open = Query::parse("\"camp ash");
    assert_eq!(open.text, "");
    assert_eq!(open.phrases.len(), 1);
    assert!(!open.phrases[0].closed);
    assert_eq!(open.phrases[0].text, "camp ash");
    assert!(Query::parse("\"").is_empty());
    assert!(Query::parse("\"\"").is_empty());
    assert!(Query::parse("\"   ").is_empty());
    let two = Query::parse("\"a b\" \"c");
    assert_eq!(two.phrases.len(), 2);
    assert!(two.phrases[0].closed && !two.phrases[1].closed);
    // A quote inside a word is just a character of the word.
    assert_eq!(Query::parse("it\"s").text, "it\"s");
    // Terms keep their own quotes.
    let terms = Query::parse("source:\"daily trib @\"camp ash");
    assert_eq!(terms.sources, vec!["daily trib @"]);
    assert_eq!(terms.text, "camp ash");
    let terms = Query::parse("@\"camp ash");
    assert_eq!(terms.entities, vec!["camp ash"]);
    assert!(terms.phrases.is_empty());
    let glued = Query::parse("\"camp\"ashraf");
    assert_eq!(glued.text, "ashraf");
    assert_eq!(glued.phrases[0].text, "camp");
}

#[test]
fn the_opened_article_highlights_the_phrase() {
    let mut app = bundled_app(120, 40);
    update(&mut app, Msg::Action(Action::Search));
    for c in "\"Terrorist  group\"".chars() {
        update(&mut app, Msg::Edit(Edit::Insert(c)));
    }
    update(&mut app, Msg::Edit(Edit::Submit));
    assert!(!app.list.is_empty());
    assert!(app.list.len() < app.docs().len());
    for &d in &app.list {
        let body = app.docs()[d].body.to_lowercase();
        let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("terrorist group"), "{}", app.docs()[d].id);
    }
    assert_eq!(app.article.doc, app.list.first().copied());
    assert!(!app.article.matches.is_empty());
    for &(s, e) in &app.article.matches {
        let hit = app.text()[s..e].to_lowercase();
        assert_eq!(
            hit.split_whitespace().collect::<Vec<_>>(),
            ["terrorist", "group"]
        );
    }
    // Without the phrase, nothing is marked.
    update(&mut app, Msg::Action(Action::Back));
    assert!(app.article.matches.is_empty());
}
