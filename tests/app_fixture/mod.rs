//! Shared fixtures for the reader's tests: a hand-built entity index over
//! any corpus, found by plain word-bounded string search of a few names, so
//! the reader can be tested before (and independently of) real extraction.

#![allow(dead_code)]

use dossier::app::App;
use dossier::config::Keymap;
use dossier::entities::{Entity, EntityIndex, Kind, Mention};
use dossier::store::{Corpus, Document};

/// Names to index: (kind, canonical name, surface forms).
pub const NAMES: &[(Kind, &str, &[&str])] = &[
    (
        Kind::Org,
        "MEK",
        &[
            "MEK",
            "Mujahedin-e Khalq",
            "Mujahedeen e-Khalq",
            "Mujahedeen-e Khalq",
            "MKO",
        ],
    ),
    (Kind::Place, "Camp Ashraf", &["Camp Ashraf"]),
    (Kind::Place, "Iraq", &["Iraq"]),
    (Kind::Place, "United States", &["United States", "U.S."]),
    (Kind::Org, "United Nations", &["United Nations", "U.N."]),
    (Kind::Org, "CNN", &["CNN"]),
    (Kind::Person, "John Kerry", &["John Kerry", "Kerry"]),
    (Kind::Person, "Michael Ware", &["Michael Ware"]),
    (Kind::Person, "Kasra Nejat", &["Kasra Nejat"]),
    (Kind::Quantity, "3,000", &["3,000"]),
];

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Every word-bounded occurrence of `form` in `body`.
pub fn occurrences(body: &str, form: &str) -> Vec<(usize, usize)> {
    body.match_indices(form)
        .filter(|(i, m)| {
            let before = body[..*i].chars().next_back();
            let after = body[i + m.len()..].chars().next();
            // A form ending in '.' (U.S.) may be followed by anything.
            !is_word(before) && (form.ends_with('.') || !is_word(after))
        })
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

/// The entity index of `NAMES` over `docs`.
pub fn index(docs: &[Document]) -> EntityIndex {
    let entities = NAMES
        .iter()
        .map(|&(kind, name, forms)| {
            let mut mentions = Vec::new();
            for (doc, d) in docs.iter().enumerate() {
                for form in forms {
                    for (start, end) in occurrences(&d.body, form) {
                        mentions.push(Mention::at(doc, start, end).unwrap());
                    }
                }
            }
            Entity {
                id: format!("{}:{}", kind.as_str(), name.to_lowercase()),
                name: name.to_string(),
                kind,
                aliases: forms.iter().map(|s| s.to_string()).collect(),
                mentions,
            }
        })
        .filter(|e| !e.mentions.is_empty())
        .collect();
    EntityIndex::new(entities, docs.len())
}

/// The bundled corpus with the fixture index, sized `w` × `h`.
pub fn bundled_app(w: u16, h: u16) -> App {
    let corpus = dossier::store::bundled();
    let index = index(&corpus.docs);
    App::ready(corpus, index, Keymap::preset(), (w, h))
}

/// A document with the given fields.
pub fn doc(id: &str, title: &str, source: Option<&str>, body: &str) -> Document {
    Document {
        path: format!("{id}.txt"),
        source: source.map(Into::into),
        raw: format!("RAW {title}\n{body}"),
        ..Document::from_text(id, title, body)
    }
}

/// A small corpus of our own, independent of the store's cleaning.
pub fn small_corpus() -> Corpus {
    let para = "Filler text about nothing in particular goes here to take up room. ";
    let long = para.repeat(12);
    Corpus {
        docs: vec![
            doc(
                "a1",
                "Allies deserve our help",
                Some("Columbia Daily Tribune"),
                &format!(
                    "The MEK left Camp Ashraf.\n\n{long}\n\nLater the MEK met in Iraq. The MEK again."
                ),
            ),
            doc(
                "b2",
                "Weather report",
                Some("CNN"),
                "Sunny in Iraq today, said John Kerry.",
            ),
            doc(
                "c3",
                "U.S. protects group",
                Some("CNN"),
                &format!(
                    "CNN reports that the MEK, a group in Iraq, is protected.\n\n{long}\n\nKerry said the MEK would move."
                ),
            ),
        ],
        problems: Vec::new(),
    }
}

/// The small corpus with the fixture index.
pub fn small_app(w: u16, h: u16) -> App {
    let corpus = small_corpus();
    let index = index(&corpus.docs);
    App::ready(corpus, index, Keymap::preset(), (w, h))
}

/// The screen as text, one line per row (styles dropped).
pub fn render(app: &App, theme: &dossier::config::Theme) -> String {
    let (w, h) = app.size;
    let backend = ratatui::backend::TestBackend::new(w, h);
    let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
    terminal
        .draw(|f| dossier::ui::draw(f, app, theme))
        .expect("draw");
    buffer_text(terminal.backend().buffer())
}

/// The symbols of a buffer, row by row.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            // A wide char occupies two cells; the second holds nothing.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}
