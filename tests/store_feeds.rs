//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds (tests/fixtures/feeds): every
//! item a document with its title, body, source, author, date and url;
//! feeds found by extension and by their first bytes; broken, empty, cut
//! and huge feeds; and the commands working on feed items as on any file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dossier::store::formats::{self, Format};
use dossier::store::{self, Corpus, Document};
use serde_json::Value;

mod sandbox;
use sandbox::Sandbox;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
}

fn load(name: &str) -> Corpus {
    store::load(&[fixture(name)]).expect("fixture exists")
}

fn by_id(corpus: &Corpus) -> HashMap<&str, &Document> {
    corpus.docs.iter().map(|d| (d.id.as_str(), d)).collect()
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.body.split("\n\n").collect()
}

#[test]
fn rss_items_with_html_content_cdata_and_entities() {
    let corpus = load("harbour.rss");
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let ids: Vec<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    // Own guids where usable, the position where there is none.
    assert_eq!(
        ids,
        [
            "harbour-gazette-48213",
            "https://harbour-gazette.example/?p=48240",
            "harbour#3"
        ]
    );

    let wall = &corpus.docs[0];
    // Character references in the title; `media:title` is not the title.
    assert_eq!(
        wall.title,
        "Council approves “Harbour Wall” repairs after storm damage"
    );
    assert_eq!(wall.source.as_deref(), Some("Harbour Gazette"));
    assert_eq!(wall.author.as_deref(), Some("Mairi Campbell"));
    assert_eq!(wall.date.as_deref(), Some("2024-03-12"));
    assert_eq!(
        wall.url.as_deref(),
        Some("https://harbour-gazette.example/2024/03/12/harbour-wall/")
    );
    // The full content wins over the description; HTML entities inside the
    // CDATA are read; the figure and the share bar are not article text.
    let p = paragraphs(wall);
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(p[0].starts_with("Kelmouth Town Council voted on Monday to spend £2.4 million"));
    assert!(p[1].contains("The council’s harbour committee chair, Duncan Reid"));
    assert!(p[1].contains("“most of the summer”"));
    assert!(p[2].contains("Kelmouth & District Fishermen’s Association"));
    assert!(!wall.body.contains("Share this") && !wall.body.contains("Photo: staff"));
    assert!(!wall.body.contains('<') && !wall.body.contains("&#"));
    // The raw text is the item as written.
    assert!(wall.raw.starts_with("<item>") && wall.raw.ends_with("</item>"));
    assert!(wall.raw.contains("<![CDATA["));

    let ferry = &corpus.docs[1];
    assert_eq!(
        ferry.title,
        "Ferry timetable changes for the spring season & beyond"
    );
    // `author` holds an address and a name: the name.
    assert_eq!(ferry.author.as_deref(), Some("Tomasz Nowak"));
    assert_eq!(ferry.date.as_deref(), Some("2024-03-14"));
    // Escaped HTML in the description: paragraphs, `&nbsp;` a space.
    let p = paragraphs(ferry);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[1].ends_with("commuters and hospital staff."));

    let lifeboat = &corpus.docs[2];
    // The item's own source names the outlet; plain text keeps its
    // paragraphs.
    assert_eq!(lifeboat.source.as_deref(), Some("Coastwatch Weekly"));
    assert_eq!(lifeboat.author, None);
    assert_eq!(paragraphs(lifeboat).len(), 2);
}

#[test]
fn atom_entries_with_html_xhtml_and_text_content() {
    let corpus = load("valley.atom");
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let docs = by_id(&corpus);
    assert_eq!(docs.len(), 3);

    let dam = docs["tag:valley-courier.example,2024:news-1182"];
    // An HTML title is read as text.
    assert_eq!(dam.title, "Dam plan approved after a two-year row");
    assert_eq!(dam.source.as_deref(), Some("The Valley Courier"));
    // Every author's name, not their address or page.
    assert_eq!(dam.author.as_deref(), Some("Priya Sharma, Liam O'Connor"));
    // Published, not updated.
    assert_eq!(dam.date.as_deref(), Some("2024-05-02"));
    // The alternate link, not the enclosure.
    assert_eq!(
        dam.url.as_deref(),
        Some("https://valley-courier.example/news/dam-plan-approved")
    );
    // The content, not the summary.
    let p = paragraphs(dam);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].starts_with("The Esk Valley Regional Authority approved plans"));

    let library = docs["urn:uuid:6f1c2a7e-3b4d-4e5f-9a0b-1c2d3e4f5a6b"];
    // Inline XHTML content, with its entities.
    let p = paragraphs(library);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[1].contains("first morning & that the children’s corner was full by ten o’clock"));
    // No author of its own: the feed's.
    assert_eq!(library.author.as_deref(), Some("Courier Newsdesk"));
    assert_eq!(library.date.as_deref(), Some("2024-04-28"));

    // An id with spaces cannot name a document: the entry's position does.
    let bridge = docs["valley#3"];
    assert_eq!(bridge.source.as_deref(), Some("County Highways Bulletin"));
    assert!(bridge.body.starts_with("The Old Mill bridge will close"));
}

#[test]
fn rss_1_rdf_items() {
    let corpus = load("rivers.rdf");
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let docs = by_id(&corpus);
    let otters = docs["https://rivers-trust.example/news/otters"];
    assert_eq!(otters.title, "Otters return to the upper Tavy");
    assert_eq!(otters.source.as_deref(), Some("Rivers Trust News"));
    assert_eq!(otters.author.as_deref(), Some("Hannah Pryce"));
    assert_eq!(otters.date.as_deref(), Some("2023-11-07"));
    assert_eq!(
        otters.url.as_deref(),
        Some("https://rivers-trust.example/news/otters")
    );
    let weir = docs["https://rivers-trust.example/news/weir"];
    assert_eq!(weir.date.as_deref(), Some("2023-10-30"));
    assert!(weir.body.contains("twelve miles of spawning gravel"));
}

#[test]
fn a_broken_feed_keeps_the_items_before_the_fault_and_names_the_line() {
    let corpus = load("broken.rss");
    let ids: Vec<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["nw-1001", "nw-1002"]);
    assert_eq!(corpus.problems.len(), 1, "{:?}", corpus.problems);
    let problem = &corpus.problems[0];
    assert_eq!(problem.path, fixture("broken.rss"));
    let line = 1 + std::fs::read_to_string(fixture("broken.rss"))
        .unwrap()
        .lines()
        .position(|l| l.contains("<b>temporarily"))
        .unwrap();
    assert!(
        problem
            .reason
            .starts_with(&format!("line {line}: not well-formed XML")),
        "{problem}"
    );
    assert!(problem.reason.contains("</b>"), "{problem}");
    assert!(problem.reason.contains("kept the 2 items"), "{problem}");
    assert!(problem.reason.contains("item 3"), "{problem}");
}

#[test]
fn an_empty_feed_and_a_non_feed_are_named() {
    let corpus = load("empty.xml");
    assert!(corpus.docs.is_empty());
    assert_eq!(corpus.problems.len(), 1);
    assert!(corpus.problems[0].reason.contains("no items"));

    let corpus = load("sitemap.xml");
    assert!(corpus.docs.is_empty());
    assert!(
        corpus.problems[0]
            .reason
            .contains("not an RSS or Atom feed")
            && corpus.problems[0].reason.contains("<urlset>"),
        "{:?}",
        corpus.problems
    );
}

#[test]
fn feeds_are_found_by_extension_and_by_their_first_bytes() {
    let rss = "<rss version=\"2.0\"><channel></channel></rss>";
    for name in ["a.rss", "a.atom", "a.xml", "a.rdf", "a.txt", "a"] {
        assert_eq!(
            formats::detect(Path::new(name), rss),
            Format::Feed,
            "{name}"
        );
    }
    for head in [
        "\u{feff}<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        "<?xml version=\"1.0\"?><!-- licence --><?xml-stylesheet href=\"s.xsl\"?>\n<rdf:RDF xmlns:rdf=\"x\">",
        "<!DOCTYPE rss [ <!ENTITY a \"b\"> ]>\n<rss>",
        "\n\n  <rss\n version=\"2.0\">",
    ] {
        assert_eq!(
            formats::detect(Path::new("a.txt"), head),
            Format::Feed,
            "{head}"
        );
    }
    for not in [
        "<rssfeed>",
        "The rss feed was down.",
        "<!-- never closed <rss>",
        "<html><body>",
        // Not a char boundary where a doctype would end: no panic.
        "<!éééé<rss>",
        "<!doctyé",
    ] {
        assert_ne!(
            formats::detect(Path::new("a.txt"), not),
            Format::Feed,
            "{not}"
        );
    }

    // A feed saved as .txt, after a BOM, a comment and a doctype.
    let corpus = load("saved_feed.txt");
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let d = &corpus.docs[0];
    assert_eq!(d.id, "ir-77");
    assert_eq!(d.title, "Island school wins national science prize");
    assert_eq!(d.source.as_deref(), Some("Island Radio"));
    assert_eq!(d.date.as_deref(), Some("2024-06-05"));
    assert!(d.body.contains("Sgoil Bhàgh a' Chaisteil"));
}

/// A feed of `items` items, the first of which has a body of about `bytes`
/// (paragraphs of generated news, as HTML with entities).
fn big_feed(items: usize, bytes: usize) -> String {
    let mut feed = String::from(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Big Wire</title>\n",
    );
    let mut news = dossier::testgen::Articles::new(7);
    for i in 0..items {
        let mut body = String::new();
        for article in news.by_ref() {
            for p in article.body.split("\n\n") {
                let p = p
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('’', "&#8217;");
                body.push_str(&format!("<p>{p}</p>\n"));
            }
            if i > 0 || body.len() >= bytes {
                break;
            }
        }
        feed.push_str(&format!(
            "<item><title>Item {i}</title><description><![CDATA[{body}]]></description></item>\n"
        ));
    }
    feed.push_str("</channel></rss>\n");
    feed
}

#[test]
fn a_huge_item_and_many_items_load() {
    let feed = big_feed(500, 2 << 20);
    let (docs, problems) = store::parse_file(Path::new("big.rss"), feed.as_bytes()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(docs.len(), 500);
    // The whole of the huge item, as paragraphs of text.
    let paras = paragraphs(&docs[0]);
    let written = feed[..feed.find("</item>").unwrap()].matches("<p>").count();
    assert!(
        paras.len() * 100 >= written * 99,
        "{} of {written}",
        paras.len()
    );
    assert!(docs[0].body.len() > 3 << 19);
    assert!(!docs[0].body.contains("<p>") && !docs[0].body.contains("&#8217;"));
    assert_eq!(docs[499].id, "big#500");
    assert_eq!(docs[499].title, "Item 499");
}

/// Every fixture cut at many points, under every name a feed goes by: no
/// panic, and a cut feed gives exactly the items completed before the cut,
/// as the whole feed does (a download cut short loses only its tail).
#[test]
fn cut_feeds_keep_their_complete_items() {
    for name in ["harbour.rss", "valley.atom", "rivers.rdf", "saved_feed.txt"] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let (whole, _) = store::parse_file(Path::new(name), &bytes).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        for cut in (0..bytes.len()).step_by(23) {
            for as_name in ["a.rss", "a.xml", "a.txt"] {
                let Ok((docs, problems)) = store::parse_file(Path::new(as_name), &bytes[..cut])
                else {
                    continue;
                };
                for d in &docs {
                    assert!(!d.title.is_empty());
                    if as_name == "a.txt"
                        && !formats::feed::sniff(&text[..text.floor_char_boundary(cut)])
                    {
                        continue;
                    }
                    let same = whole.iter().find(|w| w.raw == d.raw);
                    let same = same.unwrap_or_else(|| panic!("{name} cut at {cut}: {}", d.id));
                    assert_eq!((&same.title, &same.body), (&d.title, &d.body));
                }
                if docs.len() < whole.len()
                    && formats::feed::sniff(&text[..text.floor_char_boundary(cut)])
                {
                    assert!(!problems.is_empty(), "{name} cut at {cut}: no problem");
                }
            }
        }
    }
}

/// Fixtures with bytes overwritten by markup-ish noise: never a panic.
#[test]
fn mangled_feeds_never_panic() {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for name in ["harbour.rss", "valley.atom", "rivers.rdf", "broken.rss"] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        for _ in 0..300 {
            let mut b = bytes.clone();
            for _ in 0..1 + next() % 6 {
                let at = (next() % b.len() as u64) as usize;
                b[at] = b"<>/&;![]\"'=:x \n#\xc3\xff"[(next() % 18) as usize];
            }
            if let Ok((docs, _)) = store::parse_file(Path::new(name), &b) {
                assert!(docs.iter().all(|d| !d.title.is_empty()));
            }
        }
    }
}

fn dossier(sandbox: &Sandbox, args: &[&str]) -> Value {
    let out = sandbox
        .dossier()
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn list_show_entities_and_compare_work_on_feed_items() {
    let sandbox = Sandbox::new();
    let dir = fixture("");
    let dir = dir.to_str().unwrap();
    let list = dossier(&sandbox, &["list", dir, "--json"]);
    let list = list.as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"harbour-gazette-48213") && ids.contains(&"valley#3"));
    let wall = list
        .iter()
        .find(|d| d["id"] == "harbour-gazette-48213")
        .unwrap();
    assert_eq!(wall["source"], "Harbour Gazette");
    assert_eq!(wall["author"], "Mairi Campbell");
    assert_eq!(wall["date"], "2024-03-12");
    // Warm (from the index) as cold.
    let again = dossier(&sandbox, &["list", dir, "--json"]);
    assert_eq!(again.as_array().unwrap(), list);

    let show = dossier(&sandbox, &["show", "harbour-gazette-48213", dir, "--json"]);
    let body = show["body"].as_str().unwrap();
    assert!(body.contains("Duncan Reid"));

    // Entities link feed items by name across feeds.
    let entities = dossier(&sandbox, &["entities", dir, "--json"]);
    let entities = entities.as_array().unwrap();
    let named = |name: &str| {
        entities
            .iter()
            .find(|e| e["name"] == name)
            .unwrap_or_else(|| panic!("no entity {name}"))
    };
    let kelmouth = named("Kelmouth");
    let docs: Vec<&str> = kelmouth["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(docs.contains(&"harbour-gazette-48213") && docs.contains(&"harbour#3"));
    // Mentions point into the cleaned body of the item.
    let m = kelmouth["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["doc"] == "harbour-gazette-48213")
        .unwrap();
    let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
    assert_eq!(&body[start as usize..end as usize], m["text"]);
    assert_eq!(named("Duncan Reid")["kind"], "person");

    let cmp = dossier(
        &sandbox,
        &[
            "compare",
            "harbour-gazette-48213",
            "harbour#3",
            dir,
            "--json",
        ],
    );
    assert_eq!(cmp["a"], "harbour-gazette-48213");
    assert!(!cmp["shared"].as_array().unwrap().is_empty());
}
