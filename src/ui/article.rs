//! The article pane: title, outlet · author · date, then the wrapped text
//! from the state's cached rows; mentions coloured by kind, the selected
//! entity standing out, search matches and the cursor marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{fit, pane_block};
use crate::app::{App, Focus, Loading, Mode, Row, layout};
use crate::config::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = super::focused(app, Focus::Article);
    let mut title = String::from(" Article ");
    if app.article.raw {
        title.push_str("(raw) ");
    }
    if app.mode == Mode::Search || !app.article.search.is_empty() {
        let cursor = if app.mode == Mode::Search { "▏" } else { "" };
        title.push_str(&format!(
            "/{}{cursor} [{}] ",
            app.article.search,
            app.article.matches.len()
        ));
    }
    let mut block = pane_block(title, focused, theme);
    let inner = layout::inner(area);
    let rows = &app.article.rows;
    if rows.len() > inner.height as usize && inner.height > 0 {
        let bottom = (app.article.scroll + inner.height as usize).min(rows.len());
        let pct = bottom * 100 / rows.len().max(1);
        block = block.title_bottom(Line::from(format!(" {pct}% ")).right_aligned());
    }
    frame.render_widget(block, area);
    if inner.area() == 0 {
        return;
    }
    let width = inner.width as usize;
    if app.current().is_none() {
        let note = match app.loading {
            Loading::Ready => "no document",
            Loading::Failed(_) => "nothing loaded",
            _ => "loading…",
        };
        frame.render_widget(
            Paragraph::new(Line::styled(note, theme.style("dim"))),
            inner,
        );
        return;
    }
    let text = app.text();
    let marks = Marks::new(app, theme);
    let mut lines: Vec<Line> = rows
        .iter()
        .skip(app.article.scroll)
        .take(inner.height as usize)
        .map(|row| match row {
            Row::Title(t) => Line::styled(fit(t, width), theme.style("title")),
            Row::Meta(m) => Line::styled(fit(m, width), theme.style("meta")),
            Row::Blank => Line::default(),
            Row::Text(s, e) => marks.line(text, *s, *e),
        })
        .collect();
    // An article of the catalogue shown before the corpus is checked has
    // no text yet: say it is coming rather than show it empty.
    let awaited = matches!(&app.loading, Loading::Busy(p) if !p.phase.entities());
    if awaited && text.is_empty() && lines.len() < inner.height as usize {
        lines.push(Line::styled(
            fit("reading the text…", width),
            theme.style("dim"),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What colours a text row: the styled byte ranges of the shown text.
struct Marks {
    /// (start, end, style) sorted by start, later entries painted on top.
    ranges: Vec<(usize, usize, Style)>,
    base: Style,
}

impl Marks {
    fn new(app: &App, theme: &Theme) -> Marks {
        let mut ranges = Vec::new();
        if let (Some(doc), false) = (app.article.doc, app.article.raw) {
            for m in app.index.mentions_in(doc) {
                let kind = app.index.entity(m.entity_idx()).kind;
                let style = if Some(m.entity_idx()) == app.selected {
                    theme.kind(kind).patch(theme.style("selected_entity"))
                } else {
                    theme.kind(kind)
                };
                ranges.push((m.start as usize, m.end as usize, style));
            }
        }
        for &(s, e) in &app.article.matches {
            ranges.push((s, e, theme.style("search_match")));
        }
        if let Some((s, e)) = app.article.cursor {
            ranges.push((s, e, theme.style("cursor")));
        }
        Marks {
            ranges,
            base: theme.style("text"),
        }
    }

    /// The spans of text row `start..end`, styled char by char and merged.
    fn line<'a>(&self, text: &str, start: usize, end: usize) -> Line<'a> {
        super::styled_row(text, start, end, &self.ranges, self.base)
    }
}
