//! End to end: the compare view in the real binary, in a pseudo-terminal.
//! Open the reader on the bundled seeds, press `c`, pick another article,
//! see both titles side by side and how each describes the entity they
//! share, scroll and see both sides move, `Esc` back to the reader, `q`,
//! and the terminal restored.

mod e2e_support;

use dossier::compare::compare;
use dossier::entities;
use dossier::store;
use e2e_support::Session;

const COLS: u16 = 160;
const ROWS: u16 = 45;

/// The first `n` chars of `s`.
fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The text rows (inside the borders) of the left and right halves.
fn halves(s: &Session) -> (Vec<String>, Vec<String>) {
    let parser = s.parser.lock().unwrap();
    let screen = parser.screen();
    let half = COLS / 2;
    let rows = |x: u16| -> Vec<String> {
        screen
            .rows(x + 1, half - 2)
            .skip(1)
            .take(10)
            .collect::<Vec<_>>()
    };
    (rows(0), rows(half))
}

#[test]
fn compare_two_seeds_scroll_and_go_back() {
    let corpus = store::bundled();
    let index = entities::build(&corpus.docs);
    // With no filter the list is in corpus order, and the first article is
    // open; B is the article two rows down.
    let (a, b) = (0, 2);
    let cmp = compare(&corpus.docs, &index, a, b);
    let shared = cmp.shared.first().expect("the seeds share an entity");
    let described = cmp
        .descriptors
        .iter()
        .find(|d| d.entity == shared.entity && !d.a.is_empty() && !d.b.is_empty())
        .expect("the first shared entity is described on both sides");
    let (doc_a, doc_b) = (&corpus.docs[a], &corpus.docs[b]);

    let mut s = Session::start(&[], COLS, ROWS);
    s.wait_for("entities indexed", |sc| sc.contains("here docs"));
    s.keys("c");
    s.wait_text("pick B");
    s.keys("jj");
    s.wait_text(&head(&doc_b.title, 30));
    s.keys("\r");

    // The status bar, drawn last, says the frame is whole.
    let status = format!("B {}", doc_b.id);
    let screen = s.wait_for("the compare view", |sc| {
        sc.lines()
            .last()
            .is_some_and(|l| l.contains("COMPARE") && l.contains(&status))
    });
    // Both titles on one row: side by side.
    let top = screen.lines().next().unwrap_or("");
    assert!(
        top.contains(&head(&doc_a.title, 20)) && top.contains(&head(&doc_b.title, 20)),
        "{screen}"
    );
    assert!(screen.contains("COMPARE"), "{screen}");
    // How each side describes the entity they share, on one row.
    let phrase = |d: &dossier::compare::Descriptor| format!("• {}", head(&d.text, 25));
    let (pa, pb) = (phrase(&described.a[0]), phrase(&described.b[0]));
    let row = screen
        .lines()
        .find(|l| l.contains(&pa))
        .unwrap_or_else(|| panic!("{pa} not on screen:\n{screen}"));
    assert!(row.contains(&pb), "{row}");

    // Scroll a page twice (space): both sides move, B by less.
    let before = halves(&s);
    s.keys("  ");
    s.wait_for("both sides scrolled", |_| {
        let now = halves(&s);
        now.0 != before.0 && now.1 != before.1
    });

    // Esc: back to the reader on A.
    s.keys("\x1b");
    let screen = s.wait_text("NORMAL");
    assert!(screen.contains("Sources"), "{screen}");
    assert!(screen.contains(&head(&doc_a.title, 30)), "{screen}");
    assert!(!screen.contains("COMPARE"), "{screen}");

    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}
