//! The compare view: its state (synchronised and independent scrolling,
//! sides, entity selection) and its drawing, as snapshots of the screen at
//! several sizes through ratatui's `TestBackend`.

use dossier::compare::compare;
use dossier::compare::view::{CompareView, Side};
use dossier::entities::{Entity, EntityIndex, Kind, Mention};
use dossier::store::Document;
use dossier::ui::compare::{CompareStyles, draw, text_size};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn doc(id: &str, source: &str, title: &str, body: String) -> Document {
    Document {
        path: format!("{id}.txt"),
        source: Some(source.into()),
        ..Document::from_text(id, title, body)
    }
}

const WIRE: &str = "The safety and security of the residents has always been our primary \
concern, and they have now been placed beyond the immediate reach of Iran and its proxies.";

/// A: a long run-up, then the wire quote; B: a short run-up, then the same
/// quote in other typography. Both name the MEK and Iran.
fn fixture() -> (Vec<Document>, EntityIndex) {
    let mut a =
        String::from("The main Iranian opposition, the MEK, left Camp Liberty on Friday.\n\n");
    for i in 0..30 {
        a.push_str(&format!(
            "Paragraph {i} of the op-ed says little of note here.\n\n"
        ));
    }
    a.push_str(&format!("In a statement: “{WIRE}”\n\n"));
    for i in 0..20 {
        a.push_str(&format!("Afterword {i} of A.\n\n"));
    }
    let mut b = String::from("The MEK is regarded by Tehran as a terrorist group.\n\n");
    for i in 0..5 {
        b.push_str(&format!("Blog line {i}, brief.\n\n"));
    }
    b.push_str(&format!(
        "Lawmakers wrote: \"{}\"\n\nMore from Iran later.\n\n",
        WIRE.replace(", and", ",  and")
    ));
    for i in 0..20 {
        b.push_str(&format!("Coda {i} of B.\n\n"));
    }
    let docs = vec![
        doc(
            "000_oped",
            "Columbia Daily Tribune",
            "Allies deserve our help",
            a,
        ),
        doc(
            "002_blog",
            "Foreign Policy Blogs",
            "Supporting MEK: not a step",
            b,
        ),
    ];
    let names = [
        ("MEK", Kind::Org),
        ("Iran", Kind::Place),
        ("Camp Liberty", Kind::Place),
        ("Tehran", Kind::Place),
    ];
    let entities = names
        .iter()
        .map(|&(name, kind)| Entity {
            id: format!("{}:{}", kind.as_str(), name.to_lowercase()),
            name: name.into(),
            kind,
            aliases: vec![name.into()],
            mentions: docs
                .iter()
                .enumerate()
                .flat_map(|(d, doc)| {
                    doc.body
                        .match_indices(name)
                        .filter(|(s, _)| {
                            // Whole words only ("Iranian" is not "Iran").
                            !doc.body[s + name.len()..].starts_with(|c: char| c.is_alphanumeric())
                        })
                        .map(move |(start, _)| Mention::at(d, start, start + name.len()).unwrap())
                        .collect::<Vec<_>>()
                })
                .collect(),
        })
        .collect();
    let index = EntityIndex::new(entities, docs.len());
    (docs, index)
}

fn view(width: u16, height: u16) -> (CompareView, EntityIndex) {
    let (docs, index) = fixture();
    let mut v = CompareView::new(compare(&docs, &index, 0, 1), &docs);
    let (wa, wb, h) = text_size(ratatui::layout::Rect::new(0, 0, width, height), Side::A);
    v.layout(wa, wb, h);
    (v, index)
}

fn top_text(v: &CompareView, side: usize) -> &str {
    let (s, e) = v.rows[side][v.scroll[side]];
    &v.bodies[side][s..e]
}

#[test]
fn synced_scrolling_aligns_shared_passages() {
    let (mut v, _) = view(80, 24);
    assert_eq!(v.cmp.passages.len(), 1);
    // Scroll A until its top row lies inside the shared passage.
    let p = v.cmp.passages[0].clone();
    while v.rows[0][v.scroll[0]].0 < p.a_start + 10 {
        assert!(v.scroll_by(1), "A can scroll to the passage");
    }
    let a_top = top_text(&v, 0).split_whitespace().next().map(str::to_owned);
    let b_top = top_text(&v, 1);
    assert!(
        b_top.split_whitespace().next().map(str::to_owned) == a_top
            || v.scroll[1] == v.rows[1].len().saturating_sub(v.height),
        "B shows the same words: {b_top:?} vs {a_top:?}"
    );
    let b_offset = v.rows[1][v.scroll[1]].0;
    assert!((p.b_start..p.b_end).contains(&b_offset));
}

#[test]
fn independent_scrolling_and_sides() {
    let (mut v, _) = view(80, 24);
    v.toggle_sync();
    assert!(!v.synced);
    assert!(v.scroll_by(5));
    assert_eq!(v.scroll, [5, 0]);
    v.switch_side();
    assert_eq!(v.side, Side::B);
    v.scroll_by(2);
    assert_eq!(v.scroll, [5, 2]);
    // Turning sync back on aligns A with the focused side, B: outside
    // shared passages, at the same fraction of the text.
    v.toggle_sync();
    let fraction =
        |side: usize| v.rows[side][v.scroll[side]].0 as f64 / v.bodies[side].len() as f64;
    assert!(v.scroll[0] != 5);
    assert!(
        (fraction(0) - fraction(1)).abs() < 0.05,
        "{} {}",
        fraction(0),
        fraction(1)
    );
    // Scrolling past either end stops there.
    assert!(!{
        v.scroll_to_end(false);
        v.scroll_by(-3)
    });
    v.scroll_to_end(true);
    assert!(!v.scroll_by(1));
}

#[test]
fn selecting_an_entity_jumps_to_its_mentions() {
    let (mut v, index) = view(80, 24);
    // Panel order: shared (MEK, Iran), then only A, then only B.
    let names: Vec<_> = v
        .entity_rows()
        .map(|(_, c)| index.entity(c.entity).name.as_str())
        .collect();
    assert_eq!(names, vec!["MEK", "Iran", "Camp Liberty", "Tehran"]);
    v.select_by(1, &index);
    assert_eq!(
        v.selected_entity().map(|e| index.entity(e).name.as_str()),
        Some("Iran")
    );
    // Iran is near the end of A: A scrolled there; B to its first mention.
    assert!(v.scroll[0] > 0);
    let (s, e) = (
        v.rows[0][v.scroll[0]].0,
        v.rows[0][(v.scroll[0] + v.height).min(v.rows[0].len()) - 1].1,
    );
    assert!(v.bodies[0][s..e].contains("Iran "), "Iran in view on A");
    v.select_by(10, &index);
    assert_eq!(v.selected, 3);
    assert!(!v.select_by(1, &index), "selection stops at the last row");
    assert!(v.select_by(-10, &index));
    assert_eq!(v.selected, 0);
}

/// Scroll A (synced) until its top row lies inside the shared passage.
fn to_passage(v: &mut CompareView) {
    let start = v.cmp.passages[0].a_start;
    while v.rows[0][v.scroll[0]].0 < start + 10 {
        assert!(v.scroll_by(1), "A can scroll to the passage");
    }
}

fn render(v: &CompareView, index: &EntityIndex, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|f| draw(f, f.area(), v, index, &CompareStyles::default()))
        .expect("draw");
    terminal.backend().clone()
}

#[test]
fn snapshot_80x24() {
    let (v, index) = view(80, 24);
    insta::assert_snapshot!(render(&v, &index, 80, 24));
}

#[test]
fn snapshot_80x24_scrolled_to_the_shared_passage() {
    let (mut v, index) = view(80, 24);
    to_passage(&mut v);
    insta::assert_snapshot!(render(&v, &index, 80, 24));
}

#[test]
fn snapshot_small_terminal() {
    let (v, index) = view(20, 6);
    insta::assert_snapshot!(render(&v, &index, 20, 6));
}

#[test]
fn passages_and_shared_entities_are_painted_alike_on_both_sides() {
    let (mut v, index) = view(80, 24);
    to_passage(&mut v);
    let backend = render(&v, &index, 80, 24);
    let buffer = backend.buffer();
    let styles = CompareStyles::default();
    // The first cell of `word` in the text area of one side (x in `cols`).
    let find = |word: &str, cols: std::ops::Range<u16>| {
        (1..15u16).find_map(|y| {
            let line: String = cols
                .clone()
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            line.find(word)
                .map(|k| (cols.start + line[..k].chars().count() as u16, y))
        })
    };
    for cols in [1..39, 41..79] {
        let at = find("immediate", cols.clone()).expect("passage text on screen");
        assert_eq!(
            buffer[at].bg,
            styles.passage.bg.expect("passage colour"),
            "{cols:?}"
        );
        let at = find("Iran", cols.clone()).expect("Iran on screen");
        assert_eq!(
            buffer[at].fg,
            styles.shared.fg.expect("shared colour"),
            "{cols:?}"
        );
    }
}

#[test]
fn any_size_draws_without_panic() {
    for w in [0, 1, 2, 5, 19, 20, 41, 120, 300] {
        for h in [0, 1, 2, 3, 6, 13, 14, 15, 40, 100] {
            let (mut v, index) = view(w, h);
            v.scroll_by(1000);
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            terminal
                .draw(|f| draw(f, f.area(), &v, &index, &CompareStyles::default()))
                .expect("draw");
        }
    }
}
