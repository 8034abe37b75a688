//! The source list: the filter line, then one row per document (outlet,
//! title, date) with the filter's matched characters highlighted. Rows are
//! built only for the visible window, so a list of 100,000 costs what a
//! list of 20 does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, marked, pane_block};
use crate::app::wrap::str_width;
use crate::app::{App, Focus, Loading, Mode, layout};
use crate::config::Theme;
use crate::search::haystack;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = super::focused(app, Focus::Sources);
    let title = format!(" Sources {}/{} ", app.list.len(), app.docs().len());
    frame.render_widget(pane_block(title, focused, theme), area);
    let inner = layout::inner(area);
    if inner.area() == 0 {
        return;
    }
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::with_capacity(inner.height as usize);
    lines.push(filter_line(app, theme, width));

    if app.docs().is_empty() {
        let note = match &app.loading {
            Loading::Busy(p) if p.ratio().is_some() => {
                format!("{}…", super::gauge::label(p, usize::MAX))
            }
            Loading::Busy(p) => super::gauge::label(p, usize::MAX),
            Loading::Failed(e) => e.clone(),
            Loading::Ready => "no documents".to_string(),
        };
        lines.push(Line::styled(fit(&note, width), theme.style("dim")));
    } else if app.list.is_empty() {
        lines.push(Line::styled(
            fit("no match (Esc clears)", width),
            theme.style("dim"),
        ));
    }

    let visible = app
        .list
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(app.list_height());
    let show_date = width >= 44;
    // Outlet column as wide as the widest visible outlet, within bounds.
    let outlet_w = app
        .list
        .iter()
        .skip(app.list_offset)
        .take(app.list_height())
        .filter_map(|&d| app.docs()[d].source.as_deref().map(str_width))
        .max()
        .unwrap_or(0)
        .min((width / 4).clamp(3, 14));
    for (pos, &doc_idx) in visible {
        let doc = &app.docs()[doc_idx];
        let selected = pos == app.list_cursor;
        let base = if selected && focused {
            theme.style("list_selected")
        } else if selected {
            theme.style("list_selected_unfocused")
        } else {
            theme.style("text")
        };
        let mark = theme.style("filter_match");
        // Match positions come from the same haystack the ranking scored,
        // mapped back onto the title and outlet columns.
        let hay_marks = app.filter.highlight(&haystack(doc));
        let title_len = doc.title.chars().count();
        let title_marks: Vec<usize> = hay_marks
            .iter()
            .copied()
            .filter(|&i| i < title_len)
            .collect();
        let outlet_marks: Vec<usize> = hay_marks
            .iter()
            .filter_map(|&i| i.checked_sub(title_len + 3))
            .collect();

        let mut spans: Vec<Span> = vec![Span::styled(if selected { "▸" } else { " " }, base)];
        let mut used = 1;
        if outlet_w > 0 {
            let outlet = doc.source.as_deref().unwrap_or("");
            let cut = fit(outlet, outlet_w);
            let pad = outlet_w.saturating_sub(str_width(&cut));
            spans.extend(marked(
                outlet,
                &outlet_marks,
                base.patch(theme.style("meta")),
                mark,
                outlet_w,
            ));
            spans.push(Span::styled(" ".repeat(pad + 1), base));
            used += outlet_w + 1;
        }
        let date = doc
            .date
            .as_deref()
            .filter(|_| show_date)
            .map(|d| fit(d, 10));
        let date_w = date.as_ref().map_or(0, |d| str_width(d) + 1);
        let title_w = width.saturating_sub(used + date_w);
        let title_text = if doc.title.is_empty() {
            &doc.id
        } else {
            &doc.title
        };
        let title_spans = marked(title_text, &title_marks, base, mark, title_w);
        let title_used: usize = title_spans.iter().map(|s| str_width(&s.content)).sum();
        spans.extend(title_spans);
        if let Some(date) = date {
            let pad = width.saturating_sub(used + title_used + str_width(&date));
            spans.push(Span::styled(" ".repeat(pad), base));
            spans.push(Span::styled(date, base.patch(theme.style("dim"))));
        } else {
            spans.push(Span::styled(
                " ".repeat(title_w.saturating_sub(title_used)),
                base,
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The first row: the filter as typed, with a cursor while typing, or a
/// hint when empty.
fn filter_line<'a>(app: &App, theme: &Theme, width: usize) -> Line<'a> {
    let typing = app.mode == Mode::Filter;
    if app.input.is_empty() && !typing {
        let key = app
            .keymap
            .hint(crate::app::Action::Search)
            .unwrap_or_default();
        return Line::styled(
            fit(&format!("{key} filter · @entity · source:x"), width),
            theme.style("dim"),
        );
    }
    let cursor = if typing { "▏" } else { "" };
    let text = format!("/{}{cursor}", app.input);
    // While the worker matches, the previous list stays on screen under a
    // quiet mark at the end of this line, where it fits.
    let mark = " matching…";
    let pending = app.matching.pending() && width >= 2 * str_width(mark);
    let room = if pending {
        width - str_width(mark)
    } else {
        width
    };
    // Keep the end of a long filter in view: that is where the typing is.
    let shown: String = {
        let w = str_width(&text);
        if w <= room {
            text
        } else {
            let skip = w - room;
            let mut dropped = 0;
            text.chars()
                .skip_while(|c| {
                    let keep = dropped >= skip;
                    dropped += crate::app::wrap::char_width(*c);
                    !keep
                })
                .collect()
        }
    };
    let style = if typing {
        theme.style("filter_match")
    } else {
        theme.style("title")
    };
    let shown = fit(&shown, room);
    if !pending {
        return Line::styled(shown, style);
    }
    let pad = " ".repeat(room.saturating_sub(str_width(&shown)));
    Line::from(vec![
        Span::styled(shown, style),
        Span::raw(pad),
        Span::styled(mark, theme.style("dim")),
    ])
}
