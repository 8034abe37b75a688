//! The filter worker: its answers are the synchronous filter's, answers
//! overtaken by more typing are dropped, and the list on screen always
//! ends as the final query's. No timing here; speed is in benches/filter.rs.

mod app_fixture;

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use app_fixture::index;
use dossier::app::filter_worker::Filtered;
use dossier::app::{Action, App, Edit, Msg, update};
use dossier::config::Keymap;
use dossier::search::filter::{Filter, Query};
use dossier::store::Corpus;

/// A generated corpus (with the fixture's few entities) and a worker.
fn threaded_app(n: usize) -> (App, Receiver<Msg>) {
    let corpus = Corpus {
        docs: dossier::testgen::documents(n, 11),
        problems: Vec::new(),
    };
    let index = index(&corpus.docs);
    let mut app = App::ready(corpus, index, Keymap::preset(), (120, 40));
    let (tx, rx) = mpsc::channel();
    app.spawn_filter_worker(move |m| {
        let _ = tx.send(m);
    })
    .expect("worker starts");
    assert!(app.matching.threaded());
    update(&mut app, Msg::Action(Action::Search));
    (app, rx)
}

fn next_answer(rx: &Receiver<Msg>) -> Filtered {
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(Msg::Filtered(f)) => f,
        Ok(other) => panic!("unexpected message {other:?}"),
        Err(e) => panic!("no answer from the filter worker: {e}"),
    }
}

/// Apply answers until the newest request is answered.
fn settle(app: &mut App, rx: &Receiver<Msg>) {
    while app.matching.pending() {
        update(app, Msg::Filtered(next_answer(rx)));
    }
}

fn sync_list(app: &App, input: &str) -> Vec<usize> {
    Filter::new(Query::parse(input), &app.index).apply(app.docs(), &app.index)
}

#[test]
fn worker_answers_like_the_synchronous_filter() {
    let (mut app, rx) = threaded_app(1000);
    let queries = [
        "water",
        "tal stal",
        "\"the energy deal\"",
        "\"the ener",
        "\"peace talks\" source:ledger",
        "in Lisbon",
        "zzzz-nothing",
    ];
    for q in queries {
        update(&mut app, Msg::Edit(Edit::Clear));
        for c in q.chars() {
            update(&mut app, Msg::Edit(Edit::Insert(c)));
            // The typed text shows at once, whatever the worker is doing.
            assert!(q.starts_with(app.input.as_str()));
            settle(&mut app, &rx);
        }
        let want = sync_list(&app, q);
        assert_eq!(app.list, want, "{q}");
        assert_eq!(app.filter.query(), &Query::parse(q));
        assert!(!app.matching.pending());
        if let Some(&first) = want.first() {
            assert_eq!(app.article.doc, Some(first), "typing previews the best");
        }
    }
    // Some queries kept something and some nothing, so the test means it.
    assert!(!sync_list(&app, "water").is_empty());
    assert!(sync_list(&app, "zzzz-nothing").is_empty());
}

#[test]
fn stale_answers_are_dropped_and_the_final_query_wins() {
    let (mut app, rx) = threaded_app(1000);
    settle(&mut app, &rx);
    let before = app.list.clone();
    // Type the whole query before any answer is applied, as a fast typist
    // outruns the matcher.
    let typed = "\"peace talks\" in";
    for c in typed.chars() {
        update(&mut app, Msg::Edit(Edit::Insert(c)));
    }
    assert_eq!(app.input, typed);
    assert!(app.matching.pending());
    // Every answer but the last is stale: applying it changes nothing.
    loop {
        let answer = next_answer(&rx);
        let last = *answer.filter.query() == Query::parse(typed);
        let changed = update(&mut app, Msg::Filtered(answer));
        if !app.matching.pending() {
            assert!(changed && last);
            break;
        }
        assert!(!changed);
        assert_eq!(app.list, before, "a stale answer reached the screen");
    }
    assert_eq!(app.list, sync_list(&app, typed));
    assert_ne!(app.list, before);
}

#[test]
fn an_answer_to_an_old_request_never_shows() {
    let (mut app, rx) = threaded_app(500);
    for c in "water".chars() {
        update(&mut app, Msg::Edit(Edit::Insert(c)));
    }
    settle(&mut app, &rx);
    let shown = app.list.clone();
    // A late answer from generation 1 (the first key), delivered now.
    let stale = Filtered {
        generation: 1,
        filter: Filter::new(Query::parse("w"), &app.index),
        list: vec![0],
        to_top: true,
    };
    assert!(!update(&mut app, Msg::Filtered(stale)));
    assert_eq!(app.list, shown);
    assert_eq!(app.filter.query(), &Query::parse("water"));
}

#[test]
fn a_new_corpus_and_index_reach_the_worker() {
    let (mut app, rx) = threaded_app(400);
    for c in "water".chars() {
        update(&mut app, Msg::Edit(Edit::Insert(c)));
    }
    settle(&mut app, &rx);
    // The loader delivers a different corpus: the filter runs over it.
    let corpus = Corpus {
        docs: dossier::testgen::documents(900, 5),
        problems: Vec::new(),
    };
    let idx = index(&corpus.docs);
    update(&mut app, Msg::Loaded(Arc::new(corpus)));
    settle(&mut app, &rx);
    update(&mut app, Msg::Indexed(Arc::new(idx)));
    settle(&mut app, &rx);
    assert_eq!(app.docs().len(), 900);
    assert_eq!(app.list, sync_list(&app, "water"));
    assert!(app.list.iter().all(|&d| d < 900));
}
