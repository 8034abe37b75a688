//! The compare view as the reader opens it: state tests that feed actions
//! as the keymap would (c, pick, open, Tab, s, scrolling, the entity panel,
//! n/N, Esc), full-screen snapshots of the seeds 000 vs 002 at 80×24 and
//! 160×48, and a sweep of terminal sizes.

mod app_fixture;

use app_fixture::{bundled_app, render, small_app};
use dossier::app::{Action, App, COMPARE_KEYS, Compare, Edit, Focus, Mode, Msg, update};
use dossier::compare::view::{CompareView, Side};
use dossier::config::Theme;

fn act(app: &mut App, action: Action) -> bool {
    update(app, Msg::Action(action))
}

fn view(app: &App) -> &CompareView {
    app.compare.view().expect("the compare view is open")
}

/// Move the source-list cursor to the document whose id starts with `id`.
fn cursor_to(app: &mut App, id: &str) {
    act(app, Action::Top);
    while !app.docs()[app.list[app.list_cursor]].id.starts_with(id) {
        assert!(act(app, Action::Down), "{id} is in the list");
    }
}

/// The seeds, 000 as A and 002 as B, at `w` × `h`.
fn seeds_000_vs_002(w: u16, h: u16) -> App {
    let mut app = bundled_app(w, h);
    cursor_to(&mut app, "000");
    act(&mut app, Action::Compare);
    cursor_to(&mut app, "002");
    act(&mut app, Action::Open);
    assert!(app.compare.view().is_some());
    app
}

fn theme() -> Theme {
    Theme::preset(false)
}

#[test]
fn c_marks_a_and_enter_on_another_article_opens_the_comparison() {
    let mut app = small_app(120, 40);
    act(&mut app, Action::Open);
    assert_eq!(app.focus, Focus::Article);
    let a = app.article.doc.expect("an article is open");

    act(&mut app, Action::Compare);
    assert_eq!(app.compare.picking(), Some(a));
    assert_eq!(app.focus, Focus::Sources, "B is picked from the list");
    let screen = render(&app, &theme());
    assert!(screen.contains("COMPARE"), "{screen}");
    assert!(screen.contains(&app.compare_prompt()), "{screen}");
    assert!(app.compare_prompt().contains("pick B"));

    // A itself is refused, with a message, and picking goes on.
    assert_eq!(app.list[app.list_cursor], a);
    act(&mut app, Action::Open);
    assert_eq!(app.compare.picking(), Some(a));
    assert!(app.message.as_deref().unwrap_or("").contains("that is A"));

    act(&mut app, Action::Down);
    let b = app.list[app.list_cursor];
    assert_ne!(a, b);
    act(&mut app, Action::Open);
    let v = view(&app);
    assert_eq!((v.cmp.a, v.cmp.b), (a, b));
    assert_eq!((v.side, v.synced, v.panel), (Side::A, true, false));
    let screen = render(&app, &theme());
    for d in [a, b] {
        assert!(screen.contains(&app.docs()[d].id), "{screen}");
    }
}

#[test]
fn the_list_can_be_filtered_while_picking_and_esc_restores_the_reader() {
    let mut app = bundled_app(120, 40);
    cursor_to(&mut app, "000");
    act(&mut app, Action::Open);
    act(&mut app, Action::PageDown);
    let (a, scroll) = (app.article.doc, app.article.scroll);
    assert!(scroll > 0);

    act(&mut app, Action::Compare);
    // `/` filters the list even from another pane.
    act(&mut app, Action::FocusNext);
    act(&mut app, Action::Search);
    assert_eq!((app.mode, app.focus), (Mode::Filter, Focus::Sources));
    for c in "policy blogs".chars() {
        update(&mut app, Msg::Edit(Edit::Insert(c)));
    }
    update(&mut app, Msg::Edit(Edit::Submit));
    assert!(
        app.compare.picking().is_some(),
        "still picking after the filter"
    );
    let b = app.list[app.list_cursor];
    assert!(app.docs()[b].id.starts_with("002"), "{}", app.docs()[b].id);
    act(&mut app, Action::Open);
    assert_eq!(view(&app).cmp.b, b);

    // Esc: the reader as it was at `c`, filter, article and scroll.
    assert!(act(&mut app, Action::Back));
    assert!(matches!(app.compare, Compare::Off));
    assert_eq!(app.input, "");
    assert_eq!(app.list.len(), app.docs().len());
    assert_eq!(app.article.doc, a);
    assert_eq!(app.list[app.list_cursor], a.unwrap());
    assert_eq!(app.article.scroll, scroll);
    assert_eq!(app.focus, Focus::Article);
}

#[test]
fn esc_while_picking_cancels() {
    let mut app = small_app(120, 40);
    let a = app.article.doc;
    act(&mut app, Action::Compare);
    act(&mut app, Action::Down);
    assert_ne!(app.article.doc, a, "the list previews the candidate");
    act(&mut app, Action::Back);
    assert!(matches!(app.compare, Compare::Off));
    assert_eq!(app.article.doc, a);
    assert_eq!(app.list[app.list_cursor], a.unwrap());
}

#[test]
fn tab_cycles_sides_and_panel_and_s_toggles_sync() {
    let mut app = seeds_000_vs_002(120, 40);
    let focus = |app: &App| (view(app).side, view(app).panel);
    assert_eq!(focus(&app), (Side::A, false));
    act(&mut app, Action::FocusNext);
    assert_eq!(focus(&app), (Side::B, false));
    act(&mut app, Action::FocusNext);
    assert_eq!(focus(&app), (Side::B, true), "panel, B stays active");
    act(&mut app, Action::FocusNext);
    assert_eq!(focus(&app), (Side::A, false));
    // Back from A to the panel: A stays the active side.
    act(&mut app, Action::FocusPrev);
    assert_eq!(focus(&app), (Side::A, true));
    act(&mut app, Action::ToggleSidePanel);
    assert_eq!(focus(&app), (Side::A, false));

    assert!(view(&app).synced);
    act(&mut app, Action::ToggleSync);
    assert!(!view(&app).synced);
    assert!(render(&app, &theme()).contains("independent"));
}

#[test]
fn scrolling_moves_both_sides_when_synced_and_one_when_not() {
    let mut app = seeds_000_vs_002(100, 30);
    let before = view(&app).scroll;
    // Page until both have moved: B is shorter, so it moves by less.
    for _ in 0..4 {
        act(&mut app, Action::PageDown);
    }
    let after = view(&app).scroll;
    assert!(after[0] > before[0] && after[1] > before[1], "{after:?}");
    act(&mut app, Action::Top);
    assert_eq!(view(&app).scroll, [0, 0]);
    act(&mut app, Action::Bottom);
    let bottom = view(&app).scroll;
    assert!(bottom[0] > 0 && bottom[1] > 0);

    act(&mut app, Action::Top);
    act(&mut app, Action::ToggleSync);
    act(&mut app, Action::FocusNext);
    assert!(act(&mut app, Action::Down));
    assert_eq!(view(&app).scroll, [0, 1], "only B moved");
    assert!(act(&mut app, Action::Up));
    assert!(!act(&mut app, Action::Up), "the top stops it");
}

#[test]
fn the_panel_selects_entities_and_n_steps_through_their_mentions() {
    let mut app = seeds_000_vs_002(160, 48);
    let mek = app
        .index
        .entities()
        .iter()
        .position(|e| e.name == "MEK")
        .unwrap();
    assert_eq!(view(&app).selected_entity(), Some(mek), "MEK comes first");

    // Into the panel; j selects the next entity and jumps both sides.
    act(&mut app, Action::FocusNext);
    act(&mut app, Action::FocusNext);
    assert!(view(&app).panel);
    assert!(act(&mut app, Action::Down));
    let second = view(&app).selected_entity().unwrap();
    assert_ne!(second, mek);
    assert!(view(&app).cursor.iter().any(Option::is_some));
    act(&mut app, Action::Up);
    act(&mut app, Action::Open);
    let v = view(&app);
    let first_in = |doc: usize| {
        app.index
            .mentions_in(doc)
            .iter()
            .find(|m| m.entity_idx() == mek)
            .map(|m| (m.start as usize, m.end as usize))
    };
    assert_eq!(v.cursor, [first_in(v.cmp.a), first_in(v.cmp.b)]);

    // n/N on the active side (B: Tab went A, B, panel), wrapping with a
    // message.
    assert_eq!(v.side, Side::B);
    let count = app
        .index
        .mentions_in(v.cmp.b)
        .iter()
        .filter(|m| m.entity_idx() == mek)
        .count();
    assert!(count >= 2);
    assert_eq!(
        view(&app).mention_position(&app.index),
        Some((Some(1), count))
    );
    act(&mut app, Action::NextMatch);
    assert_eq!(
        view(&app).mention_position(&app.index),
        Some((Some(2), count))
    );
    assert!(render(&app, &theme()).contains(&format!("MEK 2/{count} in B")));
    act(&mut app, Action::PrevMatch);
    act(&mut app, Action::PrevMatch);
    assert_eq!(
        view(&app).mention_position(&app.index),
        Some((Some(count), count))
    );
    assert!(app.message.as_deref().unwrap_or("").contains("wrapped"));
}

#[test]
fn keys_not_listed_for_the_compare_view_do_nothing_there() {
    let mut app = seeds_000_vs_002(120, 40);
    let listed: Vec<Action> = COMPARE_KEYS.iter().map(|&(a, _)| a).collect();
    for &a in Action::ALL {
        if listed.contains(&a) {
            continue;
        }
        let before = (view(&app).scroll, view(&app).selected, view(&app).side);
        assert!(!act(&mut app, a), "{} changed something", a.name());
        let v = view(&app);
        assert_eq!((v.scroll, v.selected, v.side), before, "{}", a.name());
    }
}

#[test]
fn help_in_the_compare_view_lists_its_keys() {
    let mut app = seeds_000_vs_002(160, 48);
    act(&mut app, Action::ToggleHelp);
    let screen = render(&app, &theme());
    assert!(screen.contains("Keys in the compare view"), "{screen}");
    for &(action, what) in COMPARE_KEYS {
        let head: String = what.chars().take(30).collect();
        assert!(
            screen.contains(&head),
            "{} missing:\n{screen}",
            action.name()
        );
        let key = app.keymap.hint(action).unwrap();
        assert!(screen.contains(&key), "{key}");
    }
    act(&mut app, Action::Back);
    assert!(app.help.is_none() && app.compare.view().is_some());
    // And in the reader, the two new actions are listed.
    act(&mut app, Action::Back);
    act(&mut app, Action::ToggleHelp);
    for _ in 0..3 {
        act(&mut app, Action::PageDown);
    }
    let screen = render(&app, &theme());
    assert!(screen.contains(Action::Compare.describe()), "{screen}");
}

#[test]
fn c_waits_for_the_index_and_reloading_closes_the_view() {
    let mut app = App::new(std::sync::Arc::new(dossier::config::Keymap::preset()));
    update(&mut app, Msg::Resize(80, 24));
    act(&mut app, Action::Compare);
    assert!(matches!(app.compare, Compare::Off));
    assert!(app.message.as_deref().unwrap_or("").starts_with("compare:"));

    let mut app = seeds_000_vs_002(80, 24);
    update(
        &mut app,
        Msg::Loaded(std::sync::Arc::new(dossier::store::bundled())),
    );
    assert!(matches!(app.compare, Compare::Off));
}

#[test]
fn clicks_pick_a_side_or_an_entity_and_the_wheel_scrolls() {
    let mut app = seeds_000_vs_002(120, 40);
    update(&mut app, Msg::Click { column: 90, row: 5 });
    assert_eq!(view(&app).side, Side::B);
    update(
        &mut app,
        Msg::Wheel {
            column: 10,
            row: 5,
            down: true,
        },
    );
    assert!(view(&app).scroll[0] > 0, "the side under the wheel");
    assert_eq!(view(&app).side, Side::B, "the wheel leaves the focus");
    // The second row of the entity list.
    let g = dossier::ui::compare::geometry(app.compare_area(), Side::B, false);
    update(
        &mut app,
        Msg::Click {
            column: g.entities.x + 3,
            row: g.entities.y + 2,
        },
    );
    assert!(view(&app).panel);
    assert_eq!(view(&app).selected, 1);
}

#[test]
fn every_size_draws_and_keeps_working() {
    let mut app = seeds_000_vs_002(120, 40);
    let sizes = [
        (1, 1),
        (20, 6),
        (59, 13),
        (60, 14),
        (80, 24),
        (300, 100),
        (0, 0),
    ];
    for (w, h) in sizes {
        update(&mut app, Msg::Resize(w, h));
        for a in [
            Action::FocusNext,
            Action::Down,
            Action::NextMatch,
            Action::Bottom,
            Action::FocusNext,
            Action::PageDown,
        ] {
            act(&mut app, a);
            if w > 0 && h > 0 {
                render(&app, &theme());
            }
        }
    }
    update(&mut app, Msg::Resize(20, 6));
    let screen = render(&app, &theme());
    assert!(screen.contains("COMPARE"), "{screen}");
}

#[test]
fn narrow_shows_one_side_with_a_marker() {
    let mut app = seeds_000_vs_002(50, 20);
    let screen = render(&app, &theme());
    assert!(screen.contains("A (B hidden)"), "{screen}");
    act(&mut app, Action::FocusNext);
    let screen = render(&app, &theme());
    assert!(screen.contains("B (A hidden)"), "{screen}");
}

#[test]
fn seeds_000_vs_002_at_160x48() {
    let app = seeds_000_vs_002(160, 48);
    let screen = render(&app, &theme());
    // The framing the view exists to show, side by side on one row.
    let row = screen
        .lines()
        .find(|l| l.contains("• the main Iranian opposition"))
        .expect("A's phrase for the MEK");
    assert!(row.contains("• a terrorist group"), "{row}");
    insta::assert_snapshot!(screen);
}

#[test]
fn seeds_000_vs_002_at_80x24() {
    insta::assert_snapshot!(render(&seeds_000_vs_002(80, 24), &theme()));
}

#[test]
fn the_theme_styles_the_view_and_shared_entities_look_alike_on_both_sides() {
    use dossier::ui::compare::CompareStyles;
    use ratatui::style::{Color, Modifier};
    let styles = CompareStyles::from_theme(&theme());
    assert_eq!(styles.passage.bg, Some(Color::Indexed(236)));
    assert_ne!(styles.shared, styles.only);
    // Without colour, each still stands out by a modifier.
    let plain = CompareStyles::from_theme(&Theme::preset(true));
    for s in [plain.passage, plain.shared, plain.only] {
        assert_ne!(s.add_modifier, Modifier::empty(), "{s:?}");
    }

    // Move the selection off MEK so its mentions show the shared style.
    let mut app = seeds_000_vs_002(160, 48);
    act(&mut app, Action::FocusNext);
    act(&mut app, Action::FocusNext);
    act(&mut app, Action::Down);
    assert_ne!(view(&app).selected, 0);
    let backend = ratatui::backend::TestBackend::new(160, 48);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|f| dossier::ui::draw(f, &app, &theme()))
        .unwrap();
    let buf = terminal.backend().buffer();
    // The first "MEK" on each half of the text rows.
    let find = |x0: u16, x1: u16| {
        (1..30u16).find_map(|y| {
            let row: String = (x0..x1).map(|x| buf[(x, y)].symbol().to_string()).collect();
            row.find("MEK")
                .map(|k| buf[(x0 + row[..k].chars().count() as u16, y)].style())
        })
    };
    let (a, b) = (
        find(1, 79).expect("MEK in A"),
        find(81, 159).expect("MEK in B"),
    );
    assert_eq!(a, b);
    assert_eq!(a.fg, styles.shared.fg);
}
