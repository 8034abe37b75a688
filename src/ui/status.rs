//! The status bar: mode, position in the list, the filter, the selected
//! entity with "mention i of n", a note (from a key, or from the loading
//! worker about the index), the loading gauge while loading (`gauge.rs`),
//! and key hints generated from the keymap (so a remapped key shows as
//! remapped).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit;
use crate::app::wrap::str_width;
use crate::app::{Action, App, Compare, Focus, Loading, Mode};
use crate::compare::view::CompareView;
use crate::config::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let width = area.width as usize;
    let bar = theme.style("status");
    let mode = match (app.mode, &app.loading) {
        (Mode::Filter, _) => " FILTER ",
        (Mode::Search, _) => " SEARCH ",
        _ if !matches!(app.compare, Compare::Off) => " COMPARE ",
        (_, Loading::Busy(p)) if p.phase.entities() => " INDEXING ",
        (_, Loading::Busy(_)) => " LOADING ",
        _ => " NORMAL ",
    };
    let mut parts: Vec<String> = Vec::new();
    if let Some(view) = app.compare.view() {
        parts = compare_parts(app, view);
    } else {
        reader_parts(app, &mut parts);
    }
    let mut left = parts.join("  ");
    if let Some(msg) = &app.message {
        left = format!("{left}  {msg}");
    }
    let left = left.trim_start();

    // While loading, the gauge follows the text, with room kept for it.
    let progress = match &app.loading {
        Loading::Busy(p) => Some(*p),
        _ => None,
    };
    let gauge_w = progress.map_or(0, |_| super::gauge::width(area.width) as usize);
    let mode_w = str_width(mode);
    let left_room = width.saturating_sub(mode_w + 1 + gauge_w + 2 * (gauge_w > 0) as usize);
    let left = fit(left, left_room);
    let left_w = str_width(&left);
    // Two spaces after the text, none before the gauge when there is none.
    let gap = if left_w > 0 { 2 } else { 0 };
    let gauge_at = (mode_w + 1 + left_w + gap).min(width);
    let used = if gauge_w > 0 {
        (gauge_at + gauge_w).min(width)
    } else {
        mode_w + 1 + left_w
    };
    let mut spans = vec![
        Span::styled(fit(mode, width), theme.style("status_mode")),
        Span::styled(" ", bar),
        Span::styled(left, bar),
    ];
    // Hints only where they fit whole, dropping from the right.
    let mut hint_spans: Vec<Span> = Vec::new();
    let mut hint_w = 0;
    for (key, what) in hints(app) {
        let w = str_width(&key) + str_width(&what) + 3;
        if used + hint_w + w + 1 > width {
            break;
        }
        hint_w += w;
        hint_spans.push(Span::styled(format!("  {key}"), theme.style("status_key")));
        hint_spans.push(Span::styled(format!(" {what}"), bar));
    }
    spans.push(Span::styled(
        " ".repeat(width.saturating_sub(mode_w + 1 + left_w + hint_w)),
        bar,
    ));
    spans.extend(hint_spans);
    frame.render_widget(Paragraph::new(Line::from(spans)).style(bar), area);
    if let Some(p) = progress
        && gauge_w > 0
    {
        let gauge = Rect {
            x: area.x + gauge_at as u16,
            width: (used - gauge_at) as u16,
            ..area
        };
        super::gauge::draw(frame, gauge, &p, theme);
    }
}

/// In the compare view: the two ids, the scrolling, and where the active
/// side's cursor is among the selected entity's mentions.
fn compare_parts(app: &App, view: &CompareView) -> Vec<String> {
    let id = |d: usize| app.docs().get(d).map_or("?", |doc| doc.id.as_str());
    let mut parts = vec![
        format!("A {}", id(view.cmp.a)),
        format!("B {}", id(view.cmp.b)),
        if view.synced { "synced" } else { "independent" }.to_string(),
    ];
    if let (Some(e), Some((at, n))) = (view.selected_entity(), view.mention_position(&app.index)) {
        let at = at.map_or("–".to_string(), |i| i.to_string());
        let name = &app.index.entity(e).name;
        parts.push(format!("{name} {at}/{n} in {}", view.side.label()));
    }
    parts
}

fn reader_parts(app: &App, parts: &mut Vec<String>) {
    if let Some(a) = app.compare.picking() {
        // The prompt first: it is what the user must read.
        parts.push(app.compare_prompt());
        let id = app.docs().get(a).map_or("?", |doc| doc.id.as_str());
        parts.push(format!("A {id}"));
    }
    let total = app.docs().len();
    if total > 0 {
        let at = app
            .article
            .doc
            .and_then(|d| app.list.iter().position(|&x| x == d))
            .map_or("-".to_string(), |p| (p + 1).to_string());
        parts.push(format!("{at}/{} docs", app.list.len()));
    }
    if let Loading::Failed(e) = &app.loading {
        parts.push(e.clone());
    }
    if !app.input.is_empty() && app.mode != Mode::Filter {
        parts.push(format!("/{}", app.input));
    }
    if let (Some(e), Some((at, n))) = (app.selected, app.mention_position()) {
        let name = &app.index.entity(e).name;
        let at = at.map_or("–".to_string(), |i| i.to_string());
        parts.push(format!("{name} {at}/{n}"));
    }
    if !app.corpus.problems.is_empty() {
        parts.push(problems_summary(&app.corpus.problems));
    }
}

/// "3 problems in 2 files": a problem is not always a skipped file (a
/// record ignored, text decoded lossily), and one file can have several,
/// so both counts are given and neither is called "skipped".
fn problems_summary(problems: &[crate::store::Problem]) -> String {
    let files: std::collections::HashSet<_> = problems.iter().map(|p| &p.path).collect();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    if problems.len() == files.len() {
        format!("{} with problems", plural(files.len(), "file"))
    } else {
        format!(
            "{} in {}",
            plural(problems.len(), "problem"),
            plural(files.len(), "file")
        )
    }
}

/// The hints for the current situation, most useful first.
fn hints(app: &App) -> Vec<(String, String)> {
    let typing = [("enter", "keep"), ("esc", "clear")];
    if app.mode != Mode::Normal {
        return typing
            .iter()
            .map(|(k, w)| (k.to_string(), w.to_string()))
            .collect();
    }
    let sync = |v: &CompareView| if v.synced { "unsync" } else { "sync" };
    let actions: &[(Action, &str)] = match (&app.compare, app.focus) {
        (Compare::Open { view, .. }, _) if view.panel => &[
            (Action::Down, "entity"),
            (Action::Open, "jump"),
            (Action::NextMatch, "next mention"),
            (Action::FocusNext, "pane"),
            (Action::Back, "back"),
            (Action::ToggleHelp, "help"),
        ],
        (Compare::Open { view, .. }, _) => &[
            (Action::FocusNext, "side"),
            (Action::ToggleSync, sync(view)),
            (Action::NextMatch, "next mention"),
            (Action::ToggleSidePanel, "entities"),
            (Action::Back, "back"),
            (Action::ToggleHelp, "help"),
        ],
        (Compare::Picking { .. }, _) => &[
            (Action::Search, "filter"),
            (Action::ToggleHelp, "help"),
            (Action::Quit, "quit"),
        ],
        (Compare::Off, focus) => match focus {
            Focus::Sources => &[
                (Action::Search, "filter"),
                (Action::Open, "open"),
                (Action::Compare, "compare"),
                (Action::FocusNext, "pane"),
                (Action::ToggleHelp, "help"),
                (Action::Quit, "quit"),
            ],
            Focus::Article if !app.article.search.is_empty() => &[
                (Action::NextMatch, "next match"),
                (Action::PrevMatch, "previous"),
                (Action::Back, "end search"),
                (Action::ToggleHelp, "help"),
                (Action::Quit, "quit"),
            ],
            Focus::Article => &[
                (Action::NextMatch, "next mention"),
                (Action::NextMention, "cursor"),
                (Action::Open, "select"),
                (Action::Compare, "compare"),
                (Action::Search, "search"),
                (Action::ToggleHelp, "help"),
                (Action::Quit, "quit"),
            ],
            Focus::Entities => &[
                (Action::Open, "mentions"),
                (Action::NextMatch, "next"),
                (Action::NarrowToEntity, "narrow"),
                (Action::ToggleHelp, "help"),
                (Action::Quit, "quit"),
            ],
        },
    };
    actions
        .iter()
        .filter_map(|&(a, what)| Some((app.keymap.hint(a)?, what.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::problems_summary;
    use crate::store::Problem;

    fn problem(path: &str) -> Problem {
        Problem {
            path: path.into(),
            reason: "bad".into(),
        }
    }

    #[test]
    fn problems_are_counted_by_file_and_not_called_skipped() {
        assert_eq!(problems_summary(&[problem("a")]), "1 file with problems");
        assert_eq!(
            problems_summary(&[problem("a"), problem("b")]),
            "2 files with problems"
        );
        // bad.json with three ignored records, and one binary file.
        let many = [problem("a"), problem("a"), problem("a"), problem("b")];
        assert_eq!(problems_summary(&many), "4 problems in 2 files");
    }
}
