//! Drawing the reader: one file per pane, each a pure function of the
//! borrowed [`App`] and the [`Theme`]. Nothing here changes state; the
//! geometry comes from the state's own layout, so what is drawn and what
//! the state scrolls agree.

mod article;
mod entities;
mod help;
mod sources;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders};

use crate::app::wrap::{char_width, visible};
use crate::app::{App, Focus};
use crate::config::Theme;

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let panes = &app.panes;
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

/// Spans for `s` with the chars at `marks` (char indices) in `mark`,
/// the rest in `base`, cut to `width` columns.
fn marked<'a>(s: &str, marks: &[usize], base: Style, mark: Style, width: usize) -> Vec<Span<'a>> {
    let cut = fit(s, width);
    let mut spans: Vec<Span<'a>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in cut.chars().enumerate() {
        let m = marks.binary_search(&i).is_ok();
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
