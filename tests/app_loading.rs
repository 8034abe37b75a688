//! The reader while it loads: the gauge on the status line for every phase
//! (snapshots at 80×24), the entity panel's "building entities…", notes
//! about the index on the message line (inert, gone after a key or a
//! while), the user's place kept when the checked corpus replaces the
//! catalogue, and the loading worker's messages on cold, warm and damaged
//! indexes, all in a sandbox (never the user's cache).

mod app_fixture;
mod sandbox;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app_fixture::{render, small_corpus};
use dossier::app::{Action, App, Edit, Focus, Loading, Msg, Phase, Progress, update};
use dossier::config::{Keymap, Theme};
use dossier::store::{Corpus, Document};
use sandbox::Sandbox;

fn theme() -> Theme {
    Theme::preset(false)
}

fn act(app: &mut App, action: Action) {
    update(app, Msg::Action(action));
}

fn new_app(w: u16, h: u16) -> App {
    let mut app = App::new(Arc::new(Keymap::preset()));
    update(&mut app, Msg::Resize(w, h));
    app
}

/// The catalogue the worker would send for `corpus`: no bodies.
fn catalogue(corpus: &Corpus) -> Corpus {
    Corpus {
        docs: corpus
            .docs
            .iter()
            .map(|d| Document {
                body: String::new(),
                raw: String::new(),
                ..d.clone()
            })
            .collect(),
        problems: corpus.problems.clone(),
    }
}

fn progress(phase: Phase, done: usize, total: usize) -> Msg {
    Msg::Progress(Progress { phase, done, total })
}

fn status_line(app: &App) -> String {
    let screen = render(app, &theme());
    screen.lines().last().unwrap_or("").to_string()
}

/// A warm start at 80×24: the catalogue is up, files being checked.
#[test]
fn gauge_checking_files_80x24() {
    let mut app = new_app(80, 24);
    update(&mut app, progress(Phase::Finding, 0, 0));
    update(
        &mut app,
        Msg::Catalogue(Arc::new(catalogue(&dossier::store::bundled()))),
    );
    update(&mut app, progress(Phase::Checking, 2, 5));
    let line = status_line(&app);
    assert!(line.contains("LOADING"), "{line}");
    assert!(line.contains("checking files"), "{line}");
    assert!(line.contains('━') && line.contains('─'), "{line}");
    insta::assert_snapshot!(render(&app, &theme()));
}

/// The corpus is in, entities counted: the status line names the phase,
/// and the entity panel (where the terminal is wide enough to show it)
/// says what it waits for.
#[test]
fn gauge_building_entities_80x24() {
    let mut app = new_app(80, 24);
    update(&mut app, Msg::Loaded(Arc::new(dossier::store::bundled())));
    update(&mut app, progress(Phase::Building, 3, 5));
    let line = status_line(&app);
    assert!(line.contains("INDEXING"), "{line}");
    assert!(line.contains("building entities 3/5"), "{line}");
    insta::assert_snapshot!(render(&app, &theme()));
    update(&mut app, Msg::Resize(160, 40));
    let screen = render(&app, &theme());
    assert!(screen.contains("building entities…"), "{screen}");
    assert!(status_line(&app).contains("building entities 3/5"));
    // A warm start reads the entities back: the panel says so too.
    update(&mut app, progress(Phase::Reading, 0, 0));
    let screen = render(&app, &theme());
    assert!(screen.contains("reading entities…"), "{screen}");
    assert!(!screen.contains("building entities"), "{screen}");
}

/// Before the corpus is in, the entity panel waits for the files, and
/// does not claim to be building entities yet.
#[test]
fn entity_panel_waits_for_files_160x40() {
    let mut app = new_app(160, 40);
    update(&mut app, progress(Phase::Finding, 0, 0));
    update(
        &mut app,
        Msg::Catalogue(Arc::new(catalogue(&dossier::store::bundled()))),
    );
    update(&mut app, progress(Phase::Checking, 2, 5));
    let screen = render(&app, &theme());
    assert!(screen.contains("waiting for the files…"), "{screen}");
    assert!(!screen.contains("building entities"), "{screen}");
}

/// A phase that cannot count shows its name, no line that never moves.
#[test]
fn gauge_linking_entities_80x24() {
    let mut app = new_app(80, 24);
    update(&mut app, Msg::Loaded(Arc::new(dossier::store::bundled())));
    update(&mut app, progress(Phase::Linking, 0, 0));
    let line = status_line(&app);
    assert!(line.contains("linking entities…"), "{line}");
    assert!(!line.contains('━'), "{line}");
    insta::assert_snapshot!(render(&app, &theme()));
}

/// The gauge fills with the count: more heavy cells as it goes, all of
/// them at the end; and it is gone once the entities are in.
#[test]
fn the_gauge_fills_and_goes() {
    let mut app = new_app(120, 30);
    update(&mut app, Msg::Loaded(Arc::new(dossier::store::bundled())));
    let heavy = |app: &App| status_line(app).matches('━').count();
    update(&mut app, progress(Phase::Building, 0, 100));
    let none = heavy(&app);
    update(&mut app, progress(Phase::Building, 50, 100));
    let half = heavy(&app);
    update(&mut app, progress(Phase::Building, 100, 100));
    let full = heavy(&app);
    assert!(none == 0 && half > 0 && full > half, "{none} {half} {full}");
    assert!(!status_line(&app).contains('─'));
    let index = app_fixture::index(&app.corpus.docs);
    update(&mut app, Msg::Indexed(Arc::new(index)));
    assert_eq!(app.loading, Loading::Ready);
    let line = status_line(&app);
    assert!(!line.contains('━') && !line.contains("entities…"), "{line}");
    // A late count (from another thread) does not bring it back.
    assert!(!update(&mut app, progress(Phase::Building, 99, 100)));
    assert_eq!(app.loading, Loading::Ready);
}

/// Every size draws a status line while loading, down to the smallest.
#[test]
fn the_gauge_draws_at_every_size() {
    for (w, h) in [(20, 6), (39, 10), (40, 10), (61, 12), (89, 20), (200, 60)] {
        let mut app = new_app(w, h);
        update(
            &mut app,
            Msg::Catalogue(Arc::new(catalogue(&dossier::store::bundled()))),
        );
        update(&mut app, progress(Phase::Checking, 123_456, 234_567));
        let line = status_line(&app);
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(line.as_str()),
            w as usize
        );
    }
}

#[test]
fn an_index_note_shows_inert_and_goes_with_a_key() {
    let mut app = new_app(160, 30);
    update(&mut app, Msg::Loaded(Arc::new(small_corpus())));
    update(
        &mut app,
        Msg::Note("/tmp/x\u{1b}[2J/index.sqlite: index: not a database; rebuilt".into()),
    );
    let line = status_line(&app);
    assert!(line.contains("not a database; rebuilt"), "{line}");
    assert!(!line.contains('\u{1b}'), "{line}");
    assert!(
        line.contains("\\u{1b}"),
        "spelled out as the CLI does: {line}"
    );
    // A second note joins the first rather than hiding it.
    update(&mut app, Msg::Note("second note".into()));
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("rebuilt") && message.ends_with("second note"));
    act(&mut app, Action::Down);
    assert_eq!(app.message, None);
    assert_eq!(app.message_until, None);
    assert!(!status_line(&app).contains("rebuilt"));
    // Gone from the screen, but kept (inert) to be said again on exit.
    assert_eq!(app.notes.len(), 2);
    assert!(app.notes[0].contains("rebuilt") && !app.notes[0].contains('\u{1b}'));
    assert_eq!(app.notes[1], "second note");
}

#[test]
fn an_index_note_goes_by_itself_after_a_while() {
    let mut app = new_app(160, 30);
    let before = Instant::now();
    update(&mut app, Msg::Note("index: not writable".into()));
    let until = app.message_until.expect("a note has an end");
    assert!(until > before);
    // Not yet.
    assert!(!update(&mut app, Msg::Tick(before)));
    assert!(app.message.is_some());
    // Past its time.
    assert!(update(
        &mut app,
        Msg::Tick(until + Duration::from_millis(1))
    ));
    assert_eq!(app.message, None);
    // A message from a key has no end: a tick leaves it.
    update(&mut app, Msg::Loaded(Arc::new(small_corpus())));
    let index = app_fixture::index(&app.corpus.docs);
    update(&mut app, Msg::Indexed(Arc::new(index)));
    act(&mut app, Action::NextMatch);
    assert!(app.message.is_some());
    assert!(!update(
        &mut app,
        Msg::Tick(Instant::now() + Duration::from_secs(3600))
    ));
    assert!(app.message.is_some());
}

/// A corpus like `small_corpus` with one more document first, so every
/// index shifts by one.
fn grown() -> Corpus {
    let mut corpus = small_corpus();
    corpus.docs.insert(
        0,
        app_fixture::doc("a0", "A new file", Some("AP"), "Nothing much."),
    );
    corpus
}

/// Warm start: the catalogue is up, the user moves to the third article,
/// opens it and reads; the checked corpus (one file added, so every index
/// shifts) keeps them there, now with the body.
#[test]
fn the_checked_corpus_keeps_the_open_article() {
    let mut app = new_app(120, 30);
    update(
        &mut app,
        Msg::Catalogue(Arc::new(catalogue(&small_corpus()))),
    );
    act(&mut app, Action::Down);
    act(&mut app, Action::Down);
    act(&mut app, Action::Open);
    assert_eq!(app.current().map(|d| d.id.as_str()), Some("c3"));
    assert_eq!(app.focus, Focus::Article);
    update(&mut app, Msg::Loaded(Arc::new(grown())));
    assert_eq!(app.current().map(|d| d.id.as_str()), Some("c3"));
    assert!(app.text().contains("CNN reports"), "the body is there now");
    assert_eq!(app.focus, Focus::Article);
    assert_eq!(app.list.len(), 4);
    assert_eq!(app.list[app.list_cursor], app.article.doc.unwrap());
}

/// The filter typed over the catalogue applies to the new corpus, and the
/// article scrolled to (and the cursor on its text) stays where it was
/// when the text is the same.
#[test]
fn filter_scroll_and_cursor_survive_a_replacement() {
    let mut app = new_app(100, 20);
    update(&mut app, Msg::Loaded(Arc::new(small_corpus())));
    let index = app_fixture::index(&app.corpus.docs);
    update(&mut app, Msg::Indexed(Arc::new(index)));
    act(&mut app, Action::Search);
    for c in "cnn".chars() {
        update(&mut app, Msg::Edit(Edit::Insert(c)));
    }
    update(&mut app, Msg::Edit(Edit::Submit));
    let listed: Vec<String> = app.list.iter().map(|&d| app.docs()[d].id.clone()).collect();
    assert!(listed.contains(&"c3".to_string()), "{listed:?}");
    let c3 = app.docs().iter().position(|d| d.id == "c3").unwrap();
    let at = app.list.iter().position(|&d| d == c3).unwrap();
    app.move_list(at as isize - app.list_cursor as isize);
    act(&mut app, Action::Open);
    act(&mut app, Action::PageDown);
    act(&mut app, Action::NextMatch); // no entity selected: a message only
    let scroll = app.article.scroll;
    assert!(scroll > 0);
    // A cursor on a word of the text.
    let start = app.text().find("protected").unwrap();
    app.article.cursor = Some((start, start + "protected".len()));

    update(&mut app, Msg::Loaded(Arc::new(grown())));
    assert_eq!(app.input, "cnn");
    let listed_now: Vec<String> = app.list.iter().map(|&d| app.docs()[d].id.clone()).collect();
    assert_eq!(listed, listed_now, "the same filter over the same docs");
    assert_eq!(app.current().map(|d| d.id.as_str()), Some("c3"));
    assert_eq!(app.article.scroll, scroll);
    assert_eq!(app.article.cursor, Some((start, start + "protected".len())));
    assert_eq!(app.list[app.list_cursor], app.article.doc.unwrap());
}

/// When the open article's file is gone, the reader falls back to the
/// first listed one, and offsets into another text are dropped.
#[test]
fn a_vanished_or_changed_article_is_not_kept_blindly() {
    let mut app = new_app(100, 30);
    update(&mut app, Msg::Loaded(Arc::new(small_corpus())));
    act(&mut app, Action::Down);
    assert_eq!(app.current().map(|d| d.id.as_str()), Some("b2"));
    app.article.cursor = Some((0, 5));
    let mut changed = small_corpus();
    changed.docs[1].body = "Rain in Iraq tomorrow, said John Kerry.".into();
    update(&mut app, Msg::Loaded(Arc::new(changed)));
    assert_eq!(app.current().map(|d| d.id.as_str()), Some("b2"));
    assert_eq!(app.article.cursor, None, "the text changed");

    let mut gone = small_corpus();
    gone.docs.remove(1);
    update(&mut app, Msg::Loaded(Arc::new(gone)));
    assert_eq!(app.current().map(|d| d.id.as_str()), Some("a1"));
    assert_eq!(app.list_cursor, 0);
}

fn worker(paths: &[std::path::PathBuf], sandbox: &Sandbox) -> Vec<Msg> {
    let msgs = Mutex::new(Vec::new());
    dossier::app::load::run_with(paths, &sandbox.setup(), &|m| msgs.lock().unwrap().push(m));
    msgs.into_inner().unwrap()
}

fn phases(msgs: &[Msg]) -> Vec<Phase> {
    let mut out: Vec<Phase> = Vec::new();
    for m in msgs {
        if let Msg::Progress(p) = m
            && out.last() != Some(&p.phase)
        {
            out.push(p.phase);
        }
    }
    out
}

fn write_docs(dir: &std::path::Path, n: usize) {
    for i in 0..n {
        std::fs::write(
            dir.join(format!("{i}.txt")),
            format!("Report {i}\n\nThe United Nations met in Geneva on day {i}.\n"),
        )
        .unwrap();
    }
}

/// Cold: finding, parsing, building (counted), linking (counted steps), in
/// that order; no catalogue. Warm: the catalogue first, then checking,
/// then the stored entities read back. Phases only move forward, and
/// counts within a phase never go back.
#[test]
fn the_worker_reports_every_phase_cold_and_warm() {
    let docs = tempfile::tempdir().unwrap();
    write_docs(docs.path(), 6);
    let sandbox = Sandbox::new();
    let paths = [docs.path().to_path_buf()];

    let cold = worker(&paths, &sandbox);
    assert!(!cold.iter().any(|m| matches!(m, Msg::Catalogue(_))));
    assert_eq!(
        phases(&cold),
        [
            Phase::Finding,
            Phase::Parsing,
            Phase::Building,
            Phase::Linking
        ]
    );
    let counted = cold.iter().any(|m| {
        matches!(
            m,
            Msg::Progress(Progress {
                phase: Phase::Building,
                done: 6,
                total: 6
            })
        )
    });
    assert!(counted, "{cold:?}");
    let linked = cold.iter().any(|m| {
        matches!(m, Msg::Progress(Progress { phase: Phase::Linking, done, total })
            if done == total && *total > 1)
    });
    assert!(linked, "{cold:?}");
    assert!(matches!(cold.last(), Some(Msg::Indexed(_))));
    assert!(!cold.iter().any(|m| matches!(m, Msg::Note(_))), "{cold:?}");

    let warm = worker(&paths, &sandbox);
    let first_corpus = warm
        .iter()
        .position(|m| matches!(m, Msg::Catalogue(_) | Msg::Loaded(_)));
    assert!(matches!(warm[first_corpus.unwrap()], Msg::Catalogue(_)));
    assert_eq!(
        phases(&warm),
        [Phase::Finding, Phase::Checking, Phase::Reading]
    );
    for run in [&cold, &warm] {
        let mut last: Option<Progress> = None;
        for m in run.iter() {
            if let Msg::Progress(p) = m {
                if let Some(l) = last {
                    assert!(l.phase <= p.phase, "{l:?} then {p:?}");
                    if l.phase == p.phase && l.total == p.total {
                        assert!(l.done <= p.done, "{l:?} then {p:?}");
                    }
                }
                last = Some(*p);
            }
        }
    }
}

/// A damaged index is rebuilt, and the reader is told, through a note.
#[test]
fn a_damaged_index_is_noted_for_the_message_line() {
    let docs = tempfile::tempdir().unwrap();
    write_docs(docs.path(), 3);
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.cache()).unwrap();
    std::fs::write(
        sandbox.cache().join(dossier::index::FILE),
        b"this is not a database at all, not even close",
    )
    .unwrap();
    let msgs = worker(&[docs.path().to_path_buf()], &sandbox);
    let notes: Vec<&String> = msgs
        .iter()
        .filter_map(|m| match m {
            Msg::Note(n) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(notes.len(), 1, "{msgs:?}");
    assert!(notes[0].contains("rebuilt"), "{}", notes[0]);
    // The note reaches the status line.
    let mut app = new_app(200, 30);
    for m in msgs {
        update(&mut app, m);
    }
    assert!(status_line(&app).contains("rebuilt"));
    assert_eq!(app.docs().len(), 3);
}

/// A corrections file that does not parse is said, not silently dropped.
#[test]
fn broken_corrections_are_noted() {
    let docs = tempfile::tempdir().unwrap();
    write_docs(docs.path(), 2);
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.data()).unwrap();
    std::fs::write(sandbox.data().join("corrections.toml"), "[[list]\nbroken").unwrap();
    let msgs = worker(&[docs.path().to_path_buf()], &sandbox);
    assert!(
        msgs.iter()
            .any(|m| matches!(m, Msg::Note(n) if n.contains("corrections"))),
        "{msgs:?}"
    );
    assert!(matches!(msgs.last(), Some(Msg::Indexed(_))));
}

/// Sixty short articles, all titled "Report N", so a filter keeps them all.
fn long_corpus(first: usize) -> Corpus {
    Corpus {
        docs: (first..first + 60)
            .map(|i| {
                let body = format!("Report number {i} on the talks.");
                Document::from_text(format!("r{i:02}"), format!("Report {i:02}"), body)
            })
            .collect(),
        problems: Vec::new(),
    }
}

/// The document under the list cursor and the screen row it is drawn on.
fn place(app: &App) -> (String, usize) {
    let doc = app.list[app.list_cursor];
    (
        app.corpus.docs[doc].id.clone(),
        app.list_cursor - app.list_offset,
    )
}

/// The list must not jump when an answer only adds or drops other rows:
/// the entity index arriving, and the checked corpus (with a file added
/// before the cursor) replacing the catalogue, with and without a filter.
#[test]
fn selected_row_stays_on_its_screen_row_when_the_list_is_answered_again() {
    for filter in ["", "report"] {
        let mut app = new_app(100, 30);
        update(&mut app, Msg::Loaded(Arc::new(long_corpus(1))));
        if !filter.is_empty() {
            act(&mut app, Action::Search);
            for c in filter.chars() {
                update(&mut app, Msg::Edit(Edit::Insert(c)));
            }
            update(&mut app, Msg::Edit(Edit::Submit));
        }
        app.focus_pane(Focus::Sources);
        for _ in 0..40 {
            act(&mut app, Action::Down);
        }
        for _ in 0..6 {
            act(&mut app, Action::Up);
        }
        let before = place(&app);
        assert!(
            before.1 > 0 && before.1 + 1 < app.list_height(),
            "the cursor sits mid-screen: {before:?}"
        );

        let index = app_fixture::index(&app.corpus.docs);
        update(&mut app, Msg::Indexed(Arc::new(index)));
        assert_eq!(place(&app), before, "after the index, filter {filter:?}");

        update(&mut app, Msg::Loaded(Arc::new(long_corpus(0))));
        assert_eq!(
            place(&app),
            before,
            "after the new corpus, filter {filter:?}"
        );
    }
}
