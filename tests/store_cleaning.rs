//! Every cleaning rule, on the bundled seeds and on scrapes written in other
//! layouts (tests/fixtures/store): what is found (title, outlet, author,
//! date) and what is removed (breadcrumbs, teasers, footers, repeats).

use std::path::PathBuf;

use dossier::store::{self, Document};

fn scrape(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store")
        .join(name);
    let corpus = store::load(&[path]).expect("fixture exists");
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    corpus.docs.into_iter().next().unwrap()
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.body.split("\n\n").collect()
}

/// Boilerplate that must never reach a body.
const JUNK: &[&str] = &[
    "Latest news",
    "Must read",
    "You might also like",
    "You may also like",
    "Recommended to you",
    "RELATED",
    "Exit mobile version",
    "Leave a Comment",
    "Leave a Reply",
    "Most popular",
    "Share this",
    "All rights reserved",
    "Privacy policy",
];

fn assert_clean(doc: &Document) {
    for junk in JUNK {
        assert!(!doc.body.contains(junk), "{}: {junk:?} in body", doc.id);
    }
    for p in paragraphs(doc) {
        assert_eq!(p, p.trim(), "{}: untrimmed paragraph", doc.id);
        assert!(
            p.chars().any(char::is_alphanumeric),
            "{}: empty paragraph {p:?}",
            doc.id
        );
        assert!(!p.contains('\n'), "{}: paragraph with a line break", doc.id);
    }
}

#[test]
fn seeds_have_their_real_titles_outlets_and_authors() {
    let corpus = store::bundled();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let got: Vec<(&str, Option<&str>, Option<&str>)> = corpus
        .docs
        .iter()
        .map(|d| (d.title.as_str(), d.source.as_deref(), d.author.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Allies in Iran deserve our help",
                Some("Columbia Daily Tribune"),
                Some("Kasra Nejat")
            ),
            (
                "A Shift in U.S. Sympathies Regarding the Mujahedeen e-Khalq?",
                None,
                None
            ),
            (
                "Supporting MEK: Not a Step in the Right Direction",
                Some("Foreign Policy Blogs"),
                None
            ),
            (
                "U.S. protects Iranian opposition group in Iraq",
                Some("CNN"),
                Some("Michael Ware")
            ),
            (
                "Iranian dissidents in Iraq want refuge in 3rd country",
                None,
                None
            ),
        ]
    );
    assert!(corpus.docs.iter().all(|d| d.date.is_none()));
}

#[test]
fn seed_bodies_run_from_first_to_last_real_paragraph() {
    let corpus = store::bundled();
    let ends: Vec<(&str, &str)> = vec![
        (
            "In the aftermath of U.S. departure from Iraq, dozens of members of Congress, former U.S. officials, including",
            "Kasra Nejat is president of the Iranian American Cultural Association of Missouri.",
        ),
        (
            "Secretary of State John Kerry made a statement on September 12, 2016",
            "material assets denied to them when departing Iraq.”",
        ),
        ("Today the Washington Times reported", "lets not start now."),
        (
            "BAGHDAD, Iraq (CNN) — An Iranian opposition group based in Iraq",
            "around the world there are people with different views toward them.”",
        ),
        (
            "Warning that the U.S. military soon will stop its regular visits",
            "willing to receive the Camp Ashraf residents. ..",
        ),
    ];
    for (doc, (start, end)) in corpus.docs.iter().zip(ends) {
        assert!(
            doc.body.starts_with(start),
            "{}: {:?}",
            doc.id,
            &doc.body[..80]
        );
        assert!(doc.body.ends_with(end), "{}", doc.id);
        assert_clean(doc);
        // Nothing is lost: the raw text is the file.
        assert!(doc.raw.len() > doc.body.len());
    }
    // The summary lead and the deck above the byline are not body text.
    let d0 = &corpus.docs[0];
    assert!(!d0.body.contains("Columbia Daily Tribune"));
    assert!(!d0.body.contains("Ensuring their safety"));
    assert!(!corpus.docs[3].body.contains("From Michael Ware"));
    // Teaser snippets of other articles are gone, names and all.
    assert!(!corpus.docs[0].body.contains("Victor Hugo"));
    assert!(!corpus.docs[3].body.contains("Agence France Presse"));
}

#[test]
fn lone_outlet_line_date_line_lead_and_credit() {
    let d = scrape("harbour_scrape.txt");
    assert_eq!(d.title, "Fishing fleet stays in port as fuel prices climb");
    assert_eq!(d.source.as_deref(), Some("The Harbour Herald"));
    assert_eq!(d.author.as_deref(), Some("Tom Briggs"));
    assert_eq!(d.date.as_deref(), Some("2021-03-04"));
    let p = paragraphs(&d);
    // The summary lead ("Harbour Herald: … From Tom Briggs") is dropped;
    // the body starts at the paragraph it summarised.
    assert!(p[0].starts_with("Most of the town's trawlers stayed tied up on Thursday"));
    assert!(p[0].ends_with("almost empty."));
    // The quote repeated verbatim appears once.
    assert_eq!(d.body.matches("We have never seen it this bad").count(), 1);
    // Teaser block and the comments after the footer are gone.
    assert!(p.last().unwrap().starts_with("Local councillors will meet"));
    assert!(!d.body.contains("Lighthouse") && !d.body.contains("I remember"));
    assert_clean(&d);
}

#[test]
fn breadcrumb_byline_with_outlet_dateline_and_mid_article_teaser() {
    let d = scrape("wire_scrape.txt");
    assert_eq!(
        d.title,
        "Drought pushes maize prices to record high in Kenya"
    );
    assert_eq!(d.author.as_deref(), Some("Achieng Otieno"));
    // The byline's outlet; the dateline's agency is kept in the text.
    assert_eq!(d.source.as_deref(), Some("Nairobi Courier"));
    let p = paragraphs(&d);
    assert_eq!(p.len(), 4, "{p:#?}");
    assert!(p[0].starts_with("NAIROBI, Kenya (AP) — The price of maize flour"));
    // The story resumes after the "Related" teaser block.
    assert!(p[2].starts_with("The agriculture ministry said"));
    assert!(p[3].ends_with("up from 3.5 million in January."));
    assert!(!d.body.contains("Tanzania") && !d.body.contains('›'));
    assert_clean(&d);
}

#[test]
fn dateline_names_the_outlet_when_nothing_else_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quake.txt");
    std::fs::write(
        &path,
        "Strong earthquake shakes southern island\n\nKOBE, Japan (Kyodo) — A strong earthquake shook the southern island early on Sunday, cutting power to thousands of homes, the weather agency said.\n\nNo tsunami warning was issued.\n",
    )
    .unwrap();
    let d = store::load(&[path]).unwrap().docs.remove(0);
    assert_eq!(d.title, "Strong earthquake shakes southern island");
    assert_eq!(d.source.as_deref(), Some("Kyodo"));
    assert_eq!(d.author, None);
    assert!(d.body.starts_with("KOBE, Japan (Kyodo) —"));
}

#[test]
fn section_label_deck_and_capitals_byline() {
    let d = scrape("kicker_scrape.txt");
    assert_eq!(
        d.title,
        "Tiny beetles help scientists read the history of a forest"
    );
    assert_eq!(d.author.as_deref(), Some("Ingrid Halvorsen"));
    assert_eq!(d.source, None);
    assert!(d.body.starts_with("Beetle shells survive"));
    assert!(!d.body.contains("Science\n") && !d.body.contains("A new study uses insect remains"));
    assert_eq!(paragraphs(&d).len(), 3);
}

#[test]
fn noise_lines_go_wherever_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bakery.txt");
    let long = "The bakery on Mill Lane will close at the end of the month after ninety years, its owners said on Saturday.";
    let second = "Customers queued around the block on Sunday morning to buy a last loaf of the famous rye bread.";
    std::fs::write(
        &path,
        format!("Beloved bakery to close\n\n•\n\n{long}\n\nAdvertisement\n\nShareTweetEmail\n\nTags: food, local business\n\n{second}\n\n—\n"),
    )
    .unwrap();
    let d = store::load(&[path]).unwrap().docs.remove(0);
    assert_eq!(d.body, format!("{long}\n\n{second}"));
}
