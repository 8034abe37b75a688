//! Full-screen snapshots of the reader on the bundled corpus, drawn into
//! ratatui's `TestBackend` and compared with `insta`, at 80×24 and 160×48;
//! style checks on the drawn cells; and a sweep of terminal sizes from 1×1
//! to 300×100 that must draw without a panic.

mod app_fixture;

use app_fixture::{bundled_app, render, small_app};
use dossier::app::{Action, App, Edit, Msg, update};
use dossier::config::Theme;
use ratatui::style::Modifier;

fn act(app: &mut App, action: Action) {
    update(app, Msg::Action(action));
}

fn theme() -> Theme {
    Theme::preset(false)
}

/// Open the first article, select MEK in the panel, jump to its first
/// mention.
fn reading_mek(w: u16, h: u16) -> App {
    let mut app = bundled_app(w, h);
    act(&mut app, Action::Open);
    act(&mut app, Action::FocusNext);
    let mek = app
        .index
        .entities()
        .iter()
        .position(|e| e.name == "MEK")
        .expect("MEK in the fixture");
    act(&mut app, Action::Top);
    while app.selected != Some(mek) {
        act(&mut app, Action::Down);
    }
    act(&mut app, Action::NextMatch);
    app
}

#[test]
fn start_80x24() {
    insta::assert_snapshot!(render(&bundled_app(80, 24), &theme()));
}

#[test]
fn start_160x48() {
    insta::assert_snapshot!(render(&bundled_app(160, 48), &theme()));
}

#[test]
fn entity_selected_160x48() {
    insta::assert_snapshot!(render(&reading_mek(160, 48), &theme()));
}

#[test]
fn entity_selected_80x24() {
    insta::assert_snapshot!(render(&reading_mek(80, 24), &theme()));
}

#[test]
fn filter_typed_80x24() {
    let mut app = bundled_app(80, 24);
    act(&mut app, Action::Search);
    for c in "iraq".chars() {
        update(&mut app, Msg::Edit(Edit::Insert(c)));
    }
    insta::assert_snapshot!(render(&app, &theme()));
}

#[test]
fn help_80x24() {
    let mut app = bundled_app(80, 24);
    act(&mut app, Action::ToggleHelp);
    insta::assert_snapshot!(render(&app, &theme()));
}

#[test]
fn tiny_20x6() {
    insta::assert_snapshot!(render(&bundled_app(20, 6), &theme()));
}

#[test]
fn selected_entity_stands_out_and_matches_are_marked() {
    let theme = theme();
    let app = reading_mek(160, 48);
    let (w, h) = app.size;
    let backend = ratatui::backend::TestBackend::new(w, h);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|f| dossier::ui::draw(f, &app, &theme))
        .unwrap();
    let buf = terminal.backend().buffer();
    let selected = theme.style("selected_entity");
    let inner = dossier::app::layout::inner(app.panes.article);
    // Every MEK mention on screen is drawn in the selected style: count
    // the cells and compare with the mentions' lengths.
    let mek = app.selected.unwrap();
    let text = app.text();
    let mut expected = 0;
    for row in app
        .article
        .rows
        .iter()
        .skip(app.article.scroll)
        .take(inner.height as usize)
    {
        if let dossier::app::Row::Text(s, e) = row {
            for m in app.index.mentions_in(app.article.doc.unwrap()) {
                if m.entity_idx() == mek && m.range().start >= *s && m.range().end <= *e {
                    expected += text[m.range()].chars().count();
                }
            }
        }
    }
    let mut found = 0;
    for y in inner.y..inner.bottom() {
        for x in inner.x..inner.right() {
            let cell = &buf[(x, y)];
            if cell.bg == selected.bg.unwrap() || cell.modifier.contains(Modifier::REVERSED) {
                found += 1;
            }
        }
    }
    assert!(expected > 0);
    assert_eq!(found, expected, "selected-entity cells");
}

#[test]
fn no_color_keeps_selection_visible() {
    let theme = Theme::preset(true);
    let app = reading_mek(160, 48);
    let backend = ratatui::backend::TestBackend::new(160, 48);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|f| dossier::ui::draw(f, &app, &theme))
        .unwrap();
    let buf = terminal.backend().buffer();
    let mut coloured = 0;
    let mut reversed = 0;
    for cell in buf.content() {
        if cell.fg != ratatui::style::Color::Reset || cell.bg != ratatui::style::Color::Reset {
            coloured += 1;
        }
        if cell.modifier.contains(Modifier::REVERSED) {
            reversed += 1;
        }
    }
    assert_eq!(coloured, 0);
    assert!(reversed > 0, "the cursor shows without colour");
}

/// Every size from 1×1 up draws without a panic, in every pane, with help,
/// while typing, and after jumps.
#[test]
fn every_size_draws() {
    let theme = theme();
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in 1..=40 {
        for h in 1..=12 {
            sizes.push((w, h));
        }
    }
    for w in (41..=300).step_by(37) {
        for h in (13..=100).step_by(29) {
            sizes.push((w, h));
        }
    }
    sizes.extend([(99, 30), (100, 30), (59, 20), (60, 20), (300, 100)]);
    let script = [
        Action::Down,
        Action::FocusNext,
        Action::NextMention,
        Action::Open,
        Action::NextMatch,
        Action::FocusNext,
        Action::Open,
        Action::Bottom,
        Action::ToggleHelp,
        Action::Bottom,
        Action::Back,
        Action::ToggleSidePanel,
        Action::ToggleRaw,
        Action::Search,
    ];
    let mut app = small_app(80, 24);
    for (i, &(w, h)) in sizes.iter().enumerate() {
        update(&mut app, Msg::Resize(w, h));
        let _ = render(&app, &theme);
        update(&mut app, Msg::Action(script[i % script.len()]));
        if app.mode != dossier::app::Mode::Normal {
            update(&mut app, Msg::Edit(Edit::Insert('日')));
            let _ = render(&app, &theme);
            update(&mut app, Msg::Edit(Edit::Cancel));
        }
        let _ = render(&app, &theme);
    }
}

/// A terminal that shrank after the state last heard its size (the resize
/// event still queued): drawing the old layout on the smaller screen must
/// not panic or write past it, in the reader, the help and compare views.
#[test]
fn layout_for_a_larger_terminal_draws_on_a_smaller_one() {
    let theme = theme();
    let mut app = reading_mek(160, 48);
    let draw_on = |app: &App, w: u16, h: u16| {
        let backend = ratatui::backend::TestBackend::new(w, h);
        let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
        terminal
            .draw(|f| dossier::ui::draw(f, app, &theme))
            .expect("draw");
        app_fixture::buffer_text(terminal.backend().buffer())
    };
    for (w, h) in [(120, 30), (80, 24), (40, 10), (20, 6), (3, 2), (1, 1)] {
        let text = draw_on(&app, w, h);
        assert_eq!(text.lines().count(), usize::from(h), "{w}x{h}");
    }
    act(&mut app, Action::ToggleHelp);
    for (w, h) in [(80, 24), (20, 6), (1, 1)] {
        draw_on(&app, w, h);
    }
    act(&mut app, Action::ToggleHelp);
    act(&mut app, Action::Compare);
    act(&mut app, Action::Top);
    act(&mut app, Action::Down);
    act(&mut app, Action::Open);
    assert!(app.compare.view().is_some(), "the compare view opened");
    for (w, h) in [(80, 24), (20, 6), (1, 1)] {
        draw_on(&app, w, h);
    }
    // Loading: the gauge on the status line once wrote past a shrunk screen.
    let mut loading = App::new(std::sync::Arc::new(dossier::config::Keymap::preset()));
    update(&mut loading, Msg::Resize(160, 48));
    update(
        &mut loading,
        Msg::Progress(dossier::app::Progress {
            phase: dossier::app::Phase::Parsing,
            done: 3,
            total: 10,
        }),
    );
    for (w, h) in [(80, 24), (20, 6), (1, 1)] {
        let text = draw_on(&loading, w, h);
        assert_eq!(text.lines().count(), usize::from(h), "{w}x{h}");
    }
}

/// Thousands of pseudo-random messages (actions, typing, clicks, wheel,
/// resizes down to 1×1) through update and draw: no panic, and the state's
/// invariants hold after every step.
#[test]
fn random_messages_never_panic() {
    let theme = theme();
    let mut app = bundled_app(120, 40);
    // SplitMix64: deterministic, no dependency.
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let chars = ['a', 'r', 'q', ' ', '@', '"', 'é', '日', '/', ':'];
    for step in 0..3000 {
        let r = next();
        let msg = match r % 10 {
            0 => Msg::Resize((next() % 200 + 1) as u16, (next() % 60 + 1) as u16),
            1 => Msg::Edit(match next() % 5 {
                0 => Edit::Backspace,
                1 => Edit::Submit,
                2 => Edit::Cancel,
                3 => Edit::Clear,
                _ => Edit::Insert(chars[(next() % chars.len() as u64) as usize]),
            }),
            2 => Msg::Click {
                column: (next() % 200) as u16,
                row: (next() % 60) as u16,
            },
            3 => Msg::Wheel {
                column: (next() % 200) as u16,
                row: (next() % 60) as u16,
                down: next() % 2 == 0,
            },
            _ => {
                let actions = Action::ALL;
                let a = actions[(next() % actions.len() as u64) as usize];
                if a == Action::Quit {
                    continue;
                }
                Msg::Action(a)
            }
        };
        update(&mut app, msg);
        if step % 5 == 0 {
            let _ = render(&app, &theme);
        }
        assert!(app.list_cursor < app.list.len().max(1), "step {step}");
        assert!(app.list.iter().all(|&d| d < app.docs().len()));
        let text = app.text();
        if let Some((s, e)) = app.article.cursor {
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s <= e);
        }
        for row in &app.article.rows {
            if let dossier::app::Row::Text(s, e) = row {
                assert!(text.get(*s..*e).is_some(), "step {step}: row {s}..{e}");
            }
        }
    }
}

/// Escape sequences inside an article are drawn inert, and wide chars
/// (CJK, emoji) keep the pane borders aligned.
#[test]
fn hostile_text_is_inert_and_wide_text_aligned() {
    let body =
        "Evil \u{1b}[2J\u{1b}]0;pwned\u{7} text.\n\n日本語のテキスト 😀 wide words, فارسی too. "
            .repeat(8);
    let corpus = dossier::store::Corpus {
        docs: vec![app_fixture::doc(
            "x",
            "日本語 title \u{1b}[31m",
            Some("Ω"),
            &body,
        )],
        problems: Vec::new(),
    };
    let index = app_fixture::index(&corpus.docs);
    for (w, h) in [(80, 24), (61, 10), (160, 48), (33, 7)] {
        let app = App::ready(
            corpus.clone(),
            index.clone(),
            dossier::config::Keymap::preset(),
            (w, h),
        );
        let screen = render(&app, &theme());
        assert!(
            !screen.contains('\u{1b}') && !screen.contains('\u{7}'),
            "{screen}"
        );
        // Every line is exactly as wide as the terminal.
        for line in screen.lines() {
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(line),
                w as usize,
                "{line:?}"
            );
        }
    }
}

/// The characters the filter matched are highlighted in the list rows.
#[test]
fn filter_matches_are_highlighted() {
    let theme = theme();
    let mut app = bundled_app(160, 48);
    act(&mut app, Action::Search);
    for c in "iraq".chars() {
        update(&mut app, Msg::Edit(Edit::Insert(c)));
    }
    let backend = ratatui::backend::TestBackend::new(160, 48);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|f| dossier::ui::draw(f, &app, &theme))
        .unwrap();
    let buf = terminal.backend().buffer();
    let inner = dossier::app::layout::inner(app.panes.sources);
    let mark = theme.style("filter_match");
    let mut whole = 0;
    for (i, _) in app.list.iter().enumerate().take(inner.height as usize - 1) {
        let y = inner.y + 1 + i as u16;
        let marked: String = (inner.x..inner.right())
            .map(|x| &buf[(x, y)])
            .filter(|c| c.fg == mark.fg.unwrap() && c.modifier.contains(Modifier::UNDERLINED))
            .map(|c| c.symbol().to_lowercase())
            .collect();
        // Marked chars are the pattern's letters, in order; a match that
        // falls past the cut of a long title is simply not on screen.
        let mut pattern = "iraq".chars();
        assert!(
            marked.chars().all(|c| pattern.any(|p| p == c)),
            "row {i}: {marked}"
        );
        whole += usize::from(marked == "iraq");
    }
    assert!(whole > 0, "no row shows its whole match");
}
