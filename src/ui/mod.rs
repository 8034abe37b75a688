//! Drawing the reader: one file per pane, each a pure function of the
//! borrowed [`App`] and the [`Theme`]. Nothing here changes state; the
//! geometry comes from the state's own layout, so what is drawn and what
//! the state scrolls agree.

mod article;
pub mod compare;
mod entities;
mod gauge;
mod help;
mod sources;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};

use crate::app::wrap::{char_width, visible};
use crate::app::{App, Focus};
use crate::config::Theme;

/// Draw the whole screen.
///
/// Every pane is clipped to the frame: the state's layout is for the size
/// of the last resize, and a terminal can shrink between that and the draw.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let screen = frame.area();
    let clip = |pane: Rect| pane.intersection(screen);
    let panes = &crate::app::Panes {
        sources: clip(app.panes.sources),
        article: clip(app.panes.article),
        entities: clip(app.panes.entities),
        status: clip(app.panes.status),
    };
    if let Some(view) = app.compare.view() {
        let styles = compare::CompareStyles::from_theme(theme);
        compare::draw(frame, clip(app.compare_area()), view, &app.index, &styles);
        if panes.status.area() > 0 {
            status::draw(frame, panes.status, app, theme);
        }
        if let Some(scroll) = app.help {
            help::draw(frame, frame.area(), app, theme, scroll);
        }
        return;
    }
    if panes.sources.area() > 0 {
        sources::draw(frame, panes.sources, app, theme);
    }
    if panes.article.area() > 0 {
        article::draw(frame, panes.article, app, theme);
    }
    if panes.entities.area() > 0 {
        entities::draw(frame, panes.entities, app, theme);
    }
    if panes.status.area() > 0 {
        status::draw(frame, panes.status, app, theme);
    }
    if let Some(scroll) = app.help {
        help::draw(frame, frame.area(), app, theme, scroll);
    }
}

/// A pane's frame, brighter when focused.
fn pane_block<'a>(
    title: impl Into<ratatui::text::Line<'a>>,
    focused: bool,
    theme: &Theme,
) -> Block<'a> {
    let (border, kind) = if focused {
        (theme.style("border_focused"), BorderType::Thick)
    } else {
        (theme.style("border"), BorderType::Plain)
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(kind)
        .border_style(border)
        .title(title)
}

/// Whether `pane` has the focus (and nothing is typed elsewhere).
fn focused(app: &App, pane: Focus) -> bool {
    app.focus == pane
}

/// `s` made safe to draw (control chars replaced) and cut to `width`
/// columns, with an ellipsis when cut.
fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total: usize = s.chars().map(char_width).sum();
    let room = if total > width {
        width.saturating_sub(1)
    } else {
        width
    };
    for c in s.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        out.push(visible(c));
    }
    if total > width && width > 0 {
        out.push('…');
    }
    out
}

/// Spans for `s` with the chars at `marks` (char indices, ascending) in
/// `mark`, the rest in `base`, cut to `width` columns. When the marks lie
/// past the cut, the text is shown from a little before the first one,
/// after an ellipsis, as fuzzy finders do, so a match is never invisible.
fn marked<'a>(s: &str, marks: &[usize], base: Style, mark: Style, width: usize) -> Vec<Span<'a>> {
    let chars: Vec<(char, bool)> = s
        .chars()
        .enumerate()
        .map(|(i, c)| (visible(c), marks.binary_search(&i).is_ok()))
        .collect();
    let total: usize = chars.iter().map(|(c, _)| char_width(*c)).sum();
    let last_col: usize = marks
        .last()
        .map(|&l| chars.iter().take(l + 1).map(|(c, _)| char_width(*c)).sum())
        .unwrap_or(0);
    let room = if total > width {
        width.saturating_sub(1)
    } else {
        width
    };
    let mut shown: Vec<(char, bool)> = Vec::new();
    let start = match (marks.first(), marks.last()) {
        (Some(&first), Some(&last)) if last_col > room && width > 4 => {
            // As much text before the match as fits with all of it (after
            // the leading ellipsis), or else from just before its start.
            let mut start = last.min(chars.len().saturating_sub(1));
            let mut span = chars.get(start).map_or(0, |(c, _)| char_width(*c));
            while start > 0 {
                let w = char_width(chars[start - 1].0);
                if span + w + 2 > width {
                    break;
                }
                span += w;
                start -= 1;
            }
            if start <= first {
                start
            } else {
                first.saturating_sub(3)
            }
        }
        _ => 0,
    };
    if start > 0 {
        shown.push(('…', false));
    }
    let mut used = shown.len();
    let rest = &chars[start.min(chars.len())..];
    let rest_w: usize = rest.iter().map(|(c, _)| char_width(*c)).sum();
    let room = if used + rest_w > width {
        width.saturating_sub(1)
    } else {
        width
    };
    let mut cut = false;
    for &(c, m) in rest {
        let w = char_width(c);
        if used + w > room {
            cut = true;
            break;
        }
        used += w;
        shown.push((c, m));
    }
    if cut && width > 0 {
        shown.push(('…', false));
    }
    let mut spans: Vec<Span<'a>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (c, m) in shown {
        if m != run_marked && !run.is_empty() {
            let style = if run_marked { base.patch(mark) } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = m;
        run.push(c);
    }
    if !run.is_empty() {
        let style = if run_marked { base.patch(mark) } else { base };
        spans.push(Span::styled(run, style));
    }
    spans
}

/// A rectangle of `w` × `h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Row `start..end` of `body`, styled char by char from `ranges` (later
/// ranges patch earlier ones) and merged into runs; control characters
/// drawn inert. Shared by the article pane and the compare view.
pub(crate) fn styled_row<'a>(
    body: &str,
    start: usize,
    end: usize,
    ranges: &[(usize, usize, Style)],
    base: Style,
) -> Line<'a> {
    let Some(row) = body.get(start..end) else {
        return Line::default();
    };
    let here: Vec<_> = ranges
        .iter()
        .filter(|(s, e, _)| *s < end && *e > start)
        .collect();
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_style = base;
    for (i, c) in row.char_indices() {
        let at = start + i;
        let style = here
            .iter()
            .filter(|(s, e, _)| *s <= at && at < *e)
            .fold(base, |acc, (_, _, st)| acc.patch(*st));
        if style != run_style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_style = style;
        run.push(visible(c));
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style));
    }
    Line::from(spans)
}
