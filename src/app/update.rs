//! `update`: apply one message to the state and say whether the screen
//! must be redrawn. What an action does depends on the mode (typing or
//! not), the help overlay and the focused pane; the pane logic lives in
//! `nav.rs` and `article.rs`.

use std::time::{Duration, Instant};

use super::layout::{self, Focus};
use super::{Action, App, Edit, EntityRow, Loading, Mode, Msg, Phase, Progress, compare};

/// How long a note from the loading worker stays if no key clears it.
pub const NOTE_FOR: Duration = Duration::from_secs(8);

/// Apply `msg`; `true` when something visible changed.
pub fn update(app: &mut App, msg: Msg) -> bool {
    match msg {
        Msg::Action(action) => {
            app.message_until = None;
            let had_message = app.message.take().is_some();
            act(app, action) || had_message
        }
        Msg::Edit(edit) => {
            app.message_until = None;
            app.message = None;
            edit_line(app, edit)
        }
        Msg::Resize(w, h) => {
            app.size = (w, h);
            app.relayout();
            app.layout_compare();
            true
        }
        Msg::Click { column, row } => {
            compare::click(app, column, row).unwrap_or_else(|| click(app, column, row))
        }
        Msg::Wheel { column, row, down } => {
            compare::wheel(app, column, row, down).unwrap_or_else(|| wheel(app, column, row, down))
        }
        Msg::Progress(progress) => {
            // A count that arrives after the entities are in is stale.
            if !matches!(app.loading, Loading::Busy(_)) {
                return false;
            }
            app.loading = Loading::Busy(progress);
            true
        }
        Msg::Catalogue(corpus) => {
            app.reset_compare();
            app.replace_corpus(corpus);
            true
        }
        Msg::Loaded(corpus) => {
            app.reset_compare();
            app.replace_corpus(corpus);
            app.loading = Loading::Busy(Progress::start(Phase::Building));
            true
        }
        Msg::Indexed(index) => {
            app.reset_compare();
            app.index = index;
            app.loading = Loading::Ready;
            app.refilter();
            app.refresh_entities();
            true
        }
        Msg::Failed(reason) => {
            app.loading = Loading::Failed(reason);
            true
        }
        Msg::Note(note) => {
            note_message(app, &note);
            true
        }
        Msg::Tick(now) => match app.message_until {
            Some(until) if now >= until => {
                app.message = None;
                app.message_until = None;
                true
            }
            _ => false,
        },
        Msg::Filtered(answer) => app.filtered(answer),
    }
}

/// Show `note` (inert: a path in it may hold control characters) until
/// the next key or [`NOTE_FOR`] from now; notes that arrive together are
/// shown together.
fn note_message(app: &mut App, note: &str) {
    let note = crate::cli::inert::message(note);
    app.notes.push(note.to_string());
    app.message = match (app.message.take(), app.message_until) {
        (Some(shown), Some(_)) => Some(format!("{shown} · {note}")),
        _ => Some(note.into_owned()),
    };
    app.message_until = Some(Instant::now() + NOTE_FOR);
}

fn act(app: &mut App, action: Action) -> bool {
    if action == Action::Quit {
        app.quit = true;
        return true;
    }
    if let Some(scroll) = app.help {
        let page = app.size.1.saturating_sub(4).max(1) as usize;
        app.help = match action {
            Action::ToggleHelp | Action::Back => None,
            Action::Down => Some(scroll + 1),
            Action::Up => Some(scroll.saturating_sub(1)),
            Action::PageDown => Some(scroll + page),
            Action::PageUp => Some(scroll.saturating_sub(page)),
            Action::Top => Some(0),
            // The overlay clamps what it draws; a large number means "end".
            Action::Bottom => Some(usize::MAX / 2),
            _ => return false,
        };
        return true;
    }
    if let Some(changed) = compare::act(app, action) {
        return changed;
    }
    let page = |h: usize| h.saturating_sub(1).max(1) as isize;
    match action {
        Action::Quit => true,
        Action::ToggleHelp => {
            app.help = Some(0);
            true
        }
        Action::Back => back(app),
        Action::FocusNext | Action::FocusPrev => {
            let order = [Focus::Sources, Focus::Article, Focus::Entities];
            let i = order.iter().position(|&f| f == app.focus).unwrap_or(0);
            let step = if action == Action::FocusNext { 1 } else { 2 };
            app.focus_pane(order[(i + step) % 3]);
            true
        }
        Action::ToggleSidePanel => toggle_side_panel(app),
        Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
            let sign = if matches!(action, Action::Down | Action::PageDown) {
                1
            } else {
                -1
            };
            let paged = matches!(action, Action::PageDown | Action::PageUp);
            match app.focus {
                Focus::Sources => {
                    let step = if paged { page(app.list_height()) } else { 1 };
                    app.move_list(sign * step)
                }
                Focus::Article => {
                    let step = if paged { page(app.article_height()) } else { 1 };
                    app.scroll_by(sign * step)
                }
                Focus::Entities => {
                    let pane = app.entity_pane();
                    let h = if app.in_xrefs {
                        pane.xrefs.height
                    } else {
                        pane.list.height
                    };
                    let step = if paged { page(h as usize) } else { 1 };
                    app.move_entities(sign * step)
                }
            }
        }
        Action::Top | Action::Bottom => {
            let far = if action == Action::Top {
                isize::MIN / 2
            } else {
                isize::MAX / 2
            };
            match app.focus {
                Focus::Sources => app.move_list(far),
                Focus::Article => app.scroll_by(far),
                Focus::Entities => app.move_entities(far),
            }
        }
        Action::Open => open(app),
        Action::Search => {
            if app.focus == Focus::Article && app.article.doc.is_some() {
                app.mode = Mode::Search;
                app.set_search(String::new());
            } else {
                app.focus_pane(Focus::Sources);
                app.mode = Mode::Filter;
            }
            true
        }
        Action::NextMatch | Action::PrevMatch => {
            let forward = action == Action::NextMatch;
            if app.focus == Focus::Article && !app.article.search.is_empty() {
                app.step_search(forward)
            } else {
                app.step_entity(forward)
            }
        }
        Action::NextArticle => app.step_article(true),
        Action::PrevArticle => app.step_article(false),
        Action::NextMention => app.step_any_mention(true),
        Action::PrevMention => app.step_any_mention(false),
        Action::NarrowToEntity => app.narrow_to_selected(),
        Action::ToggleRaw => {
            app.article.raw = !app.article.raw;
            app.fetch_raw();
            app.article.cursor = None;
            app.article.scroll = 0;
            app.rewrap();
            app.find_matches();
            true
        }
        Action::Compare => app.start_compare(),
        Action::ToggleSync => app.sync_outside_compare(),
    }
}

/// `Esc`: undo the innermost thing.
fn back(app: &mut App) -> bool {
    if app.focus == Focus::Entities && app.in_xrefs {
        app.in_xrefs = false;
    } else if app.focus == Focus::Article && !app.article.search.is_empty() {
        app.set_search(String::new());
    } else if app.focus == Focus::Article && app.article.cursor.is_some() {
        app.article.cursor = None;
    } else if app.focus != Focus::Sources {
        app.focus_pane(Focus::Sources);
    } else if !app.input.is_empty() {
        app.input.clear();
        app.refilter();
    } else {
        return false;
    }
    true
}

fn toggle_side_panel(app: &mut App) -> bool {
    let width = app.size.0;
    if width >= layout::WIDE {
        return false;
    }
    if width >= layout::MEDIUM {
        app.unfolded = !app.unfolded;
        match app.focus {
            Focus::Sources if app.unfolded => app.focus_pane(Focus::Entities),
            Focus::Entities if !app.unfolded => app.focus_pane(Focus::Sources),
            _ => app.relayout(),
        }
    } else if app.focus == Focus::Entities {
        app.focus_pane(Focus::Article);
    } else {
        app.focus_pane(Focus::Entities);
    }
    true
}

/// `Enter`: open what is under the cursor.
fn open(app: &mut App) -> bool {
    match app.focus {
        Focus::Sources => {
            if let Some(&doc) = app.list.get(app.list_cursor) {
                app.open_doc(doc);
                app.focus_pane(Focus::Article);
            }
            true
        }
        Focus::Article => app.select_under_cursor(),
        Focus::Entities if !app.in_xrefs => {
            if app.doc_entities.is_empty() {
                return false;
            }
            app.select_at_cursor();
            app.in_xrefs = true;
            app.scroll_lists();
            true
        }
        Focus::Entities => {
            let Some(e) = app.selected else { return false };
            let Some(m) = app.index.mentions_of(e).get(app.xref_cursor) else {
                return false;
            };
            app.goto_mention(m);
            app.focus_pane(Focus::Article);
            true
        }
    }
}

fn edit_line(app: &mut App, edit: Edit) -> bool {
    let mut line = match app.mode {
        Mode::Normal => return false,
        Mode::Filter => std::mem::take(&mut app.input),
        Mode::Search => std::mem::take(&mut app.article.search),
    };
    let mut done = false;
    match edit {
        Edit::Insert(c) => line.push(c),
        Edit::Backspace => {
            line.pop();
        }
        Edit::Clear => line.clear(),
        Edit::Submit => done = true,
        Edit::Cancel => {
            line.clear();
            done = true;
        }
    }
    match app.mode {
        Mode::Filter => {
            let changed = app.input != line;
            app.input = line;
            if edit == Edit::Cancel {
                // Clearing keeps the article the user is on.
                app.refilter();
            } else if changed {
                app.refilter_typed();
            }
        }
        Mode::Search => app.set_search(line),
        Mode::Normal => {}
    }
    if done {
        app.mode = Mode::Normal;
    }
    true
}

fn click(app: &mut App, column: u16, row: u16) -> bool {
    if app.help.is_some() {
        app.help = None;
        return true;
    }
    let Some(pane) = app.panes.hit(column, row) else {
        return false;
    };
    if app.focus != pane {
        app.focus_pane(pane);
    }
    match pane {
        Focus::Sources => {
            let inner = layout::inner(app.panes.sources);
            if row > inner.y && row < inner.bottom() {
                let i = app.list_offset + (row - inner.y - 1) as usize;
                if i < app.list.len() {
                    app.move_list(i as isize - app.list_cursor as isize);
                }
            }
        }
        Focus::Entities => {
            let parts = app.entity_pane();
            if row >= parts.list.y && row < parts.list.bottom() {
                let r = app.entity_offset + (row - parts.list.y) as usize;
                if let Some(EntityRow::Entity(i)) = app.entity_rows.get(r).copied() {
                    app.in_xrefs = false;
                    app.move_entities(i as isize - app.entity_cursor as isize);
                }
            } else if row >= parts.xrefs.y && row < parts.xrefs.bottom() {
                let i = app.xref_offset + (row - parts.xrefs.y) as usize;
                let count = app.selected.map_or(0, |e| app.index.mentions_of(e).len());
                if i < count {
                    app.in_xrefs = true;
                    app.xref_cursor = i;
                }
            }
        }
        Focus::Article => click_article(app, column, row),
    }
    true
}

/// A click on a mention in the article selects its entity.
fn click_article(app: &mut App, column: u16, row: u16) {
    let inner = layout::inner(app.panes.article);
    if row < inner.y || column < inner.x {
        return;
    }
    let r = app.article.scroll + (row - inner.y) as usize;
    let Some(&super::Row::Text(start, end)) = app.article.rows.get(r) else {
        return;
    };
    let Some(doc) = app.article.doc else { return };
    let text = app.text();
    let mut col = 0;
    let target = (column - inner.x) as usize;
    let mut offset = None;
    for (i, c) in text.get(start..end).unwrap_or("").char_indices() {
        col += super::wrap::char_width(c);
        if col > target {
            offset = Some(start + i);
            break;
        }
    }
    let Some(offset) = offset else { return };
    if app.article.raw {
        return;
    }
    let hit = app
        .index
        .mentions_in(doc)
        .iter()
        .find(|m| m.range().contains(&offset))
        .copied();
    if let Some(m) = hit {
        let range = m.range();
        app.article.cursor = Some((range.start, range.end));
        app.select_entity(m.entity_idx());
    }
}

fn wheel(app: &mut App, column: u16, row: u16, down: bool) -> bool {
    let delta = if down { 3 } else { -3 };
    match app.panes.hit(column, row) {
        Some(Focus::Sources) => app.move_list(delta),
        Some(Focus::Article) => app.scroll_by(delta),
        Some(Focus::Entities) => app.move_entities(delta),
        None => false,
    }
}
