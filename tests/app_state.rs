//! State tests: feed the reader actions, as the keymap would, and check
//! what it does: filtering, opening, the entity panel, entity jumps across
//! articles, cross-references, the article search, raw text and the keys.

mod app_fixture;
mod sandbox;

use app_fixture::{small_app, small_corpus};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use dossier::app::{Action, App, Edit, Focus, Loading, Mode, Msg, Phase, Progress, update};
use dossier::config::Keymap;
use dossier::entities::Mention;
use sandbox::Sandbox;

fn act(app: &mut App, action: Action) -> bool {
    update(app, Msg::Action(action))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Msg::Edit(Edit::Insert(c)));
    }
}

fn entity(app: &App, name: &str) -> usize {
    app.index
        .entities()
        .iter()
        .position(|e| e.name == name)
        .expect("fixture entity")
}

/// Select `name` through the entity panel, as a user would.
fn select_in_panel(app: &mut App, name: &str) {
    act(app, Action::FocusNext);
    act(app, Action::FocusNext);
    assert_eq!(app.focus, Focus::Entities);
    let want = entity(app, name);
    act(app, Action::Top);
    while app.selected != Some(want) {
        assert!(
            act(app, Action::Down),
            "{name} not in the article's entities"
        );
    }
}

#[test]
fn first_document_opens_and_list_is_whole() {
    let app = small_app(120, 40);
    assert_eq!(app.list, vec![0, 1, 2]);
    assert_eq!(app.article.doc, Some(0));
    assert!(!app.article.rows.is_empty());
    assert_eq!(app.focus, Focus::Sources);
}

#[test]
fn filter_is_live_and_esc_clears() {
    let mut app = small_app(120, 40);
    act(&mut app, Action::Search);
    assert_eq!(app.mode, Mode::Filter);
    type_text(&mut app, "weather");
    let weather = app
        .docs()
        .iter()
        .position(|d| d.title.contains("Weather"))
        .unwrap();
    assert_eq!(app.list, vec![weather]);
    // The list previews the match at once.
    assert_eq!(app.article.doc, Some(weather));
    update(&mut app, Msg::Edit(Edit::Submit));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.input, "weather");
    act(&mut app, Action::Back);
    assert!(app.input.is_empty());
    assert_eq!(app.list.len(), app.docs().len());
}

#[test]
fn filter_narrows_by_outlet_and_entity() {
    let mut app = small_app(120, 40);
    act(&mut app, Action::Search);
    type_text(&mut app, "source:cnn");
    let cnn: Vec<usize> = (0..app.docs().len())
        .filter(|&i| app.docs()[i].source.as_deref() == Some("CNN"))
        .collect();
    assert_eq!(app.list, cnn);
    update(&mut app, Msg::Edit(Edit::Clear));
    type_text(&mut app, "@kerry");
    let kerry = entity(&app, "John Kerry");
    assert_eq!(app.list, app.index.docs_of(kerry).collect::<Vec<_>>());
    update(&mut app, Msg::Edit(Edit::Cancel));
    assert_eq!(app.list.len(), 3);
}

#[test]
fn down_moves_the_list_and_previews() {
    let mut app = small_app(120, 40);
    assert!(act(&mut app, Action::Down));
    assert_eq!(app.article.doc, Some(1));
    act(&mut app, Action::Bottom);
    assert_eq!(app.list_cursor, 2);
    assert!(!act(&mut app, Action::Down), "nothing below the last row");
    act(&mut app, Action::Top);
    act(&mut app, Action::Open);
    assert_eq!(app.focus, Focus::Article);
    assert_eq!(app.article.doc, Some(0));
}

#[test]
fn entity_panel_groups_this_articles_entities() {
    let app = small_app(120, 40);
    let mut expected: Vec<usize> = app
        .index
        .mentions_in(0)
        .iter()
        .map(|m| m.entity_idx())
        .collect();
    expected.sort_unstable();
    expected.dedup();
    let mut shown: Vec<usize> = app.doc_entities.iter().map(|&(e, _)| e).collect();
    shown.sort_unstable();
    assert_eq!(shown, expected);
    let mek = entity(&app, "MEK");
    let here = app
        .index
        .mentions_in(0)
        .iter()
        .filter(|m| m.entity_idx() == mek)
        .count();
    assert!(app.doc_entities.contains(&(mek, here)));
}

#[test]
fn n_walks_every_mention_then_crosses_into_the_next_article() {
    let mut app = small_app(120, 40);
    select_in_panel(&mut app, "MEK");
    let mek = entity(&app, "MEK");
    let mentions: Vec<Mention> = app.index.mentions_of(mek).iter().collect();
    assert!(
        mentions.iter().any(|m| m.doc != 0),
        "fixture spans articles"
    );
    for (i, m) in mentions.iter().enumerate() {
        act(&mut app, Action::NextMatch);
        assert_eq!(app.article.doc, Some(m.doc_idx()), "mention {i}");
        assert_eq!(app.article.cursor, Some((m.start as usize, m.end as usize)));
        assert_eq!(app.mention_position(), Some((Some(i + 1), mentions.len())));
        // The mention is on screen.
        let row = app.article.row_of(m.start as usize);
        assert!(row >= app.article.scroll && row < app.article.scroll + app.article_height());
        // The panel follows the entity into the new article.
        assert_eq!(app.doc_entities[app.entity_cursor].0, mek);
    }
    // Past the last it wraps, and says so.
    act(&mut app, Action::NextMatch);
    assert_eq!(
        app.article.cursor,
        Some((mentions[0].start as usize, mentions[0].end as usize))
    );
    assert!(app.message.as_deref().unwrap_or("").contains("wrapped"));
    // N goes back across articles.
    act(&mut app, Action::PrevMatch);
    let last = mentions.last().unwrap();
    assert_eq!(
        (app.article.doc, app.article.cursor),
        (
            Some(last.doc_idx()),
            Some((last.start as usize, last.end as usize))
        )
    );
}

#[test]
fn brackets_go_article_to_article() {
    let mut app = small_app(120, 40);
    select_in_panel(&mut app, "MEK");
    let mek = entity(&app, "MEK");
    let docs: Vec<usize> = app.index.docs_of(mek).collect();
    act(&mut app, Action::NextArticle);
    assert_eq!(app.article.doc, Some(docs[1]));
    let first: Mention = app
        .index
        .mentions_of(mek)
        .iter()
        .find(|m| m.doc_idx() == docs[1])
        .unwrap();
    assert_eq!(
        app.article.cursor,
        Some((first.start as usize, first.end as usize))
    );
    // The source list follows.
    assert_eq!(app.list[app.list_cursor], docs[1]);
    act(&mut app, Action::NextArticle);
    assert_eq!(app.article.doc, Some(docs[1]), "no later article");
    assert!(app.message.is_some());
    act(&mut app, Action::PrevArticle);
    assert_eq!(app.article.doc, Some(docs[0]));
}

#[test]
fn enter_on_a_cross_reference_opens_that_mention() {
    let mut app = small_app(120, 40);
    select_in_panel(&mut app, "Iraq");
    let iraq = entity(&app, "Iraq");
    act(&mut app, Action::Open);
    assert!(app.in_xrefs);
    act(&mut app, Action::Bottom);
    let last = app.index.mentions_of(iraq).last().unwrap();
    assert_eq!(app.xref_cursor, app.index.mentions_of(iraq).len() - 1);
    act(&mut app, Action::Open);
    assert_eq!(app.focus, Focus::Article);
    assert_eq!(app.article.doc, Some(last.doc_idx()));
    assert_eq!(
        app.article.cursor,
        Some((last.start as usize, last.end as usize))
    );
    // Back in the panel, the cursor is still in the mention list, where
    // the user was working; Esc leaves it.
    act(&mut app, Action::FocusNext);
    assert!(app.in_xrefs);
    act(&mut app, Action::Back);
    assert!(!app.in_xrefs);
    assert_eq!(app.focus, Focus::Entities);
}

#[test]
fn f_narrows_the_list_to_the_entity() {
    let mut app = small_app(120, 40);
    act(&mut app, Action::Down);
    select_in_panel(&mut app, "John Kerry");
    let kerry = entity(&app, "John Kerry");
    act(&mut app, Action::NarrowToEntity);
    assert_eq!(app.input, "@\"John Kerry\"");
    assert_eq!(app.list, app.index.docs_of(kerry).collect::<Vec<_>>());
}

#[test]
fn article_cursor_selects_the_mention_under_it() {
    let mut app = small_app(120, 40);
    act(&mut app, Action::Open);
    act(&mut app, Action::NextMention);
    let first = app.index.mentions_in(0)[0];
    assert_eq!(
        app.article.cursor,
        Some((first.start as usize, first.end as usize))
    );
    act(&mut app, Action::NextMention);
    let second = app.index.mentions_in(0)[1];
    assert_eq!(
        app.article.cursor,
        Some((second.start as usize, second.end as usize))
    );
    act(&mut app, Action::Open);
    assert_eq!(app.selected, Some(second.entity_idx()));
    act(&mut app, Action::PrevMention);
    assert_eq!(
        app.article.cursor,
        Some((first.start as usize, first.end as usize))
    );
}

#[test]
fn article_search_steps_with_n_and_esc_returns_n_to_entities() {
    let mut app = small_app(120, 40);
    act(&mut app, Action::Open);
    act(&mut app, Action::Search);
    assert_eq!(app.mode, Mode::Search);
    type_text(&mut app, "filler");
    update(&mut app, Msg::Edit(Edit::Submit));
    let body = app.docs()[0].body.clone();
    let expected: Vec<usize> = body
        .to_lowercase()
        .match_indices("filler")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        app.article.matches.iter().map(|m| m.0).collect::<Vec<_>>(),
        expected
    );
    assert_eq!(app.article.cursor.map(|c| c.0), Some(expected[0]));
    act(&mut app, Action::NextMatch);
    assert_eq!(app.article.cursor.map(|c| c.0), Some(expected[1]));
    act(&mut app, Action::PrevMatch);
    act(&mut app, Action::PrevMatch);
    assert_eq!(
        app.article.cursor.map(|c| c.0),
        expected.last().copied(),
        "wraps"
    );
    act(&mut app, Action::Back);
    assert!(app.article.search.is_empty() && app.article.matches.is_empty());
}

#[test]
fn scrolling_stays_inside_the_article() {
    let mut app = small_app(100, 12);
    act(&mut app, Action::Open);
    act(&mut app, Action::Bottom);
    let max = app.article.rows.len() - app.article_height();
    assert_eq!(app.article.scroll, max);
    assert!(!act(&mut app, Action::Down));
    act(&mut app, Action::PageUp);
    assert_eq!(app.article.scroll, max - (app.article_height() - 1));
    act(&mut app, Action::Top);
    assert_eq!(app.article.scroll, 0);
    // A resize re-wraps and keeps the scroll valid.
    act(&mut app, Action::Bottom);
    update(&mut app, Msg::Resize(300, 12));
    assert!(
        app.article.scroll + app.article_height()
            <= app.article.rows.len().max(app.article_height())
    );
}

#[test]
fn raw_toggle_shows_the_text_as_read() {
    let mut app = small_app(120, 40);
    act(&mut app, Action::ToggleRaw);
    assert!(app.article.raw);
    assert_eq!(app.text(), app.docs()[0].raw);
    act(&mut app, Action::ToggleRaw);
    assert_eq!(app.text(), app.docs()[0].body);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = small_app(120, 40);
    act(&mut app, Action::ToggleHelp);
    assert_eq!(app.help, Some(0));
    act(&mut app, Action::Down);
    assert_eq!(app.help, Some(1));
    assert_eq!(app.list_cursor, 0, "keys go to the help");
    act(&mut app, Action::Back);
    assert_eq!(app.help, None);
    act(&mut app, Action::Quit);
    assert!(app.quit);
}

#[test]
fn narrow_terminal_folds_the_side_panel_behind_a_key() {
    let mut app = small_app(80, 24);
    assert_eq!(app.panes.entities.width, 0);
    act(&mut app, Action::ToggleSidePanel);
    assert!(app.panes.entities.width > 0);
    assert_eq!(app.panes.sources.width, 0);
    assert_eq!(app.focus, Focus::Entities);
    act(&mut app, Action::ToggleSidePanel);
    assert_eq!(app.panes.entities.width, 0);
    let mut wide = small_app(160, 40);
    assert!(wide.panes.entities.width > 0 && wide.panes.sources.width > 0);
    assert!(!act(&mut wide, Action::ToggleSidePanel));
}

#[test]
fn clicks_focus_and_select() {
    let mut app = small_app(160, 12);
    let list = dossier::app::layout::inner(app.panes.sources);
    // Row 0 of the inner area is the filter line; rows follow.
    update(
        &mut app,
        Msg::Click {
            column: list.x + 2,
            row: list.y + 3,
        },
    );
    assert_eq!(app.list_cursor, 2);
    assert_eq!(app.article.doc, Some(2));
    let article = app.panes.article;
    update(
        &mut app,
        Msg::Wheel {
            column: article.x + 3,
            row: article.y + 3,
            down: true,
        },
    );
    assert_eq!(app.article.scroll, 3);
}

#[test]
fn keys_are_read_once_and_ctrl_c_always_quits() {
    let mut app = small_app(120, 40);
    let keymap = Keymap::preset();
    let press = |code, mods| Event::Key(KeyEvent::new(code, mods));
    let release = Event::Key(KeyEvent::new_with_kind(
        KeyCode::Char('j'),
        KeyModifiers::NONE,
        KeyEventKind::Release,
    ));
    assert!(dossier::tui::translate(&release, &app, &keymap).is_none());
    let j = dossier::tui::translate(
        &press(KeyCode::Char('j'), KeyModifiers::NONE),
        &app,
        &keymap,
    );
    assert!(matches!(j, Some(Msg::Action(Action::Down))));
    act(&mut app, Action::Search);
    let typed = dossier::tui::translate(
        &press(KeyCode::Char('q'), KeyModifiers::NONE),
        &app,
        &keymap,
    );
    assert!(
        matches!(typed, Some(Msg::Edit(Edit::Insert('q')))),
        "q is text while typing"
    );
    let quit = dossier::tui::translate(
        &press(KeyCode::Char('c'), KeyModifiers::CONTROL),
        &app,
        &keymap,
    );
    assert!(matches!(quit, Some(Msg::Action(Action::Quit))));
}

#[test]
fn loading_messages_arrive_in_order() {
    let mut app = App::new(std::sync::Arc::new(Keymap::preset()));
    update(&mut app, Msg::Resize(100, 30));
    let parsing = Progress {
        phase: Phase::Parsing,
        done: 1,
        total: 3,
    };
    update(&mut app, Msg::Progress(parsing));
    assert_eq!(app.loading, Loading::Busy(parsing));
    let corpus = small_corpus();
    let index = app_fixture::index(&corpus.docs);
    update(&mut app, Msg::Loaded(std::sync::Arc::new(corpus)));
    assert_eq!(app.list.len(), 3);
    assert!(app.doc_entities.is_empty());
    assert!(app.loading.building_entities());
    update(&mut app, Msg::Indexed(std::sync::Arc::new(index)));
    assert_eq!(app.loading, dossier::app::Loading::Ready);
    assert!(!app.doc_entities.is_empty());
}

#[test]
fn the_worker_loads_folders_and_reports_progress() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..4 {
        std::fs::write(
            dir.path().join(format!("{i}.txt")),
            format!("Title {i}\n\nBody {i}.\n"),
        )
        .unwrap();
    }
    let sandbox = Sandbox::new();
    let msgs = std::sync::Mutex::new(Vec::new());
    dossier::app::load::run_with(&[dir.path().to_path_buf()], &sandbox.setup(), &|m| {
        msgs.lock().unwrap().push(m)
    });
    let msgs = msgs.into_inner().unwrap();
    assert!(matches!(
        msgs.first(),
        Some(Msg::Progress(p)) if p.phase == Phase::Finding
    ));
    // A cold start parses: its count starts at 0 of the 4 files.
    assert!(msgs.iter().any(|m| matches!(
        m,
        Msg::Progress(Progress {
            phase: Phase::Parsing,
            done: 0,
            total: 4
        })
    )));
    let loaded = msgs.iter().find_map(|m| match m {
        Msg::Loaded(c) => Some(c.docs.len()),
        _ => None,
    });
    assert_eq!(loaded, Some(4));
    assert!(matches!(msgs.last(), Some(Msg::Indexed(_))));
    let failed = std::sync::Mutex::new(Vec::new());
    dossier::app::load::run_with(&[dir.path().join("missing")], &sandbox.setup(), &|m| {
        failed.lock().unwrap().push(m)
    });
    let failed = failed.into_inner().unwrap();
    match failed.as_slice() {
        [Msg::Progress(_), Msg::Failed(reason)] => assert!(reason.contains("missing"), "{reason}"),
        other => panic!("expected one failure, got {other:?}"),
    }
}

#[test]
fn clicking_a_mention_selects_its_entity() {
    let mut app = small_app(160, 40);
    let inner = dossier::app::layout::inner(app.panes.article);
    // Find a drawn row holding a mention, and click its first char.
    let doc = app.article.doc.unwrap();
    let m = app.index.mentions_in(doc)[0];
    let row = app.article.row_of(m.start as usize);
    let dossier::app::Row::Text(start, _) = app.article.rows[row] else {
        panic!("mention not on a text row");
    };
    let column = dossier::app::wrap::str_width(&app.text()[start..m.start as usize]) as u16;
    let screen_row = inner.y + (row - app.article.scroll) as u16;
    update(
        &mut app,
        Msg::Click {
            column: inner.x + column,
            row: screen_row,
        },
    );
    assert_eq!(app.focus, Focus::Article);
    assert_eq!(app.selected, Some(m.entity_idx()));
    assert_eq!(app.article.cursor, Some((m.start as usize, m.end as usize)));
}

#[test]
fn jumps_without_a_selection_say_what_to_do() {
    let mut app = small_app(120, 40);
    act(&mut app, Action::Open);
    act(&mut app, Action::NextMatch);
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("no entity selected")
    );
    assert_eq!(app.article.cursor, None);
    // The message goes with the next key.
    act(&mut app, Action::Down);
    assert_eq!(app.message, None);
}

#[test]
fn typing_brings_the_best_match_to_the_top_and_esc_keeps_the_article() {
    let mut app = small_app(120, 40);
    // Open the last article, then filter for text all titles share.
    act(&mut app, Action::Bottom);
    let open = app.article.doc;
    act(&mut app, Action::Search);
    type_text(&mut app, "e");
    assert_eq!(app.list_cursor, 0);
    assert_eq!(
        app.article.doc,
        Some(app.list[0]),
        "the top match is previewed"
    );
    // Each further character narrows; the result equals a fresh run.
    type_text(&mut app, "ather");
    let fresh = dossier::search::filter::Filter::new(
        dossier::search::filter::Query::parse("eather"),
        &app.index,
    )
    .apply(app.docs(), &app.index);
    assert_eq!(app.list, fresh);
    act(&mut app, Action::Down);
    update(&mut app, Msg::Edit(Edit::Cancel));
    assert_eq!(app.list.len(), 3);
    assert_eq!(app.list[app.list_cursor], app.article.doc.unwrap());
    assert_ne!(open, None);
}

/// The reader loads through the same path as the command line: the same
/// documents, the same de-duplicated ids, the same problems.
#[test]
fn loader_worker_and_store_load_agree() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(
            dir.path().join(sub).join("same.txt"),
            format!("Report from folder {sub}\n\nBody of {sub}.\n"),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let paths = [dir.path().to_path_buf()];
    let msgs = std::sync::Mutex::new(Vec::new());
    dossier::app::load::run_with(&paths, &Sandbox::new().setup(), &|m| {
        msgs.lock().unwrap().push(m)
    });
    let msgs = msgs.into_inner().unwrap();
    let reader = msgs
        .iter()
        .find_map(|m| match m {
            Msg::Loaded(c) => Some(c.clone()),
            _ => None,
        })
        .expect("loaded");
    let cli = dossier::store::load(&paths).unwrap();
    let ids = |c: &dossier::store::Corpus| c.docs.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&reader), vec!["same", "same~2"]);
    assert_eq!(ids(&reader), ids(&cli));
    assert_eq!(reader.problems, cli.problems);
    assert_eq!(reader.problems.len(), 1, "{:?}", reader.problems);
}
