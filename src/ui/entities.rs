//! The side panel: the open article's entities grouped by kind (mentions
//! here, articles mentioning it), then the selected entity's
//! cross-references, one keyword-in-context line per mention. Only the
//! visible window of either list is built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, pane_block};
use crate::app::wrap::str_width;
use crate::app::{App, EntityRow, Focus};
use crate::config::Theme;
use crate::entities::{Kind, context};

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "PEOPLE",
        Kind::Org => "ORGANISATIONS",
        Kind::Place => "PLACES",
        Kind::Date => "DATES",
        Kind::Quantity => "QUANTITIES",
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = super::focused(app, Focus::Entities);
    frame.render_widget(pane_block(" Entities ", focused, theme), area);
    let parts = app.entity_pane();
    if parts.list.area() == 0 {
        return;
    }
    let width = parts.list.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if app.entity_rows.is_empty() {
        // While loading, say what the panel waits for in the words the
        // status line's gauge uses, so the two never disagree.
        let note = match &app.loading {
            crate::app::Loading::Ready => "no entities in this article".to_string(),
            crate::app::Loading::Failed(_) => "no entities".to_string(),
            crate::app::Loading::Busy(p) if p.phase.entities() => format!("{}…", p.phase.label()),
            crate::app::Loading::Busy(_) => "waiting for the files…".to_string(),
        };
        lines.push(Line::styled(fit(&note, width), theme.style("dim")));
    }
    for row in app
        .entity_rows
        .iter()
        .skip(app.entity_offset)
        .take(parts.list.height as usize)
    {
        lines.push(match *row {
            EntityRow::Heading(kind) => {
                let label = kind_label(kind);
                let legend = "here docs";
                let pad = width.saturating_sub(label.len() + legend.len());
                let text = if pad > 0 {
                    format!("{label}{}{legend}", " ".repeat(pad))
                } else {
                    label.to_string()
                };
                Line::styled(fit(&text, width), theme.style("kind_header"))
            }
            EntityRow::Entity(i) => entity_line(app, theme, i, width, focused),
        });
    }
    frame.render_widget(Paragraph::new(lines), parts.list);
    if parts.xref_title.area() > 0 {
        xrefs(frame, app, theme, focused);
    }
}

fn entity_line<'a>(app: &App, theme: &Theme, i: usize, width: usize, focused: bool) -> Line<'a> {
    let Some(&(e, here)) = app.doc_entities.get(i) else {
        return Line::default();
    };
    let entity = app.index.entity(e);
    let counts = format!("{here:>4} {:>4}", app.index.doc_count(e));
    let at_cursor = i == app.entity_cursor;
    let base = if at_cursor && focused && !app.in_xrefs {
        theme.style("list_selected")
    } else if Some(e) == app.selected {
        theme.style("list_selected_unfocused")
    } else {
        Style::default()
    };
    let marker = if Some(e) == app.selected { "▸" } else { " " };
    let name_w = width.saturating_sub(1 + counts.len());
    let name = fit(&entity.name, name_w);
    let pad = width.saturating_sub(1 + str_width(&name) + counts.len());
    Line::from(vec![
        Span::styled(marker, base),
        Span::styled(name, base.patch(theme.kind(entity.kind))),
        Span::styled(" ".repeat(pad), base),
        Span::styled(
            fit(&counts, width.saturating_sub(1)),
            base.patch(theme.style("dim")),
        ),
    ])
}

/// The title row and the mention list of the selected entity.
fn xrefs(frame: &mut Frame, app: &App, theme: &Theme, focused: bool) {
    let parts = app.entity_pane();
    let width = parts.xref_title.width as usize;
    let Some(e) = app.selected else {
        let title = fit("─ select an entity ", width);
        let pad = "─".repeat(width.saturating_sub(str_width(&title)));
        frame.render_widget(
            Paragraph::new(Line::styled(title + &pad, theme.style("border"))),
            parts.xref_title,
        );
        return;
    };
    let (entity, mentions) = (app.index.entity(e), app.index.mentions_of(e));
    let title = fit(
        &format!(
            "─ Mentions of {} ({} in {}) ",
            entity.name,
            mentions.len(),
            app.index.doc_count(e)
        ),
        width,
    );
    let pad = "─".repeat(width.saturating_sub(str_width(&title)));
    frame.render_widget(
        Paragraph::new(Line::styled(title + &pad, theme.style("border"))),
        parts.xref_title,
    );

    let docs = app.docs();
    let label_w = 4.min(width / 4);
    let mut lines: Vec<Line> = Vec::new();
    // The document of the row above: a document's label shows on its
    // first row only (and on the top row).
    let mut above = None;
    for (i, m) in mentions
        .iter()
        .enumerate()
        .skip(app.xref_offset)
        .take(parts.xrefs.height as usize)
    {
        let prev = above.replace(m.doc);
        let Some(doc) = docs.get(m.doc_idx()) else {
            continue;
        };
        let first_of_doc = i == app.xref_offset || prev != Some(m.doc);
        // The id's leading chars (`002`), once per article.
        let label: String = if first_of_doc {
            let id = doc.id.split(['_', '#']).next().unwrap_or(&doc.id);
            crate::app::wrap::fit(id, label_w).to_string()
        } else {
            String::new()
        };
        let label = format!("{label:<label_w$}");
        let base = if i == app.xref_cursor && focused && app.in_xrefs {
            theme.style("list_selected")
        } else if app.article.doc == Some(m.doc_idx())
            && app.article.cursor == Some((m.start as usize, m.end as usize))
        {
            theme.style("list_selected_unfocused")
        } else {
            Style::default()
        };
        let room = width.saturating_sub(label_w + 1);
        let mut spans = vec![
            Span::styled(label, base.patch(theme.style("meta"))),
            Span::styled(" ", base),
        ];
        if let Some(mention) = doc.body.get(m.range()) {
            spans.extend(kwic(
                &doc.body,
                m.start as usize,
                m.end as usize,
                mention,
                room,
                base,
                theme.kind(entity.kind),
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), parts.xrefs);
}

/// A keyword-in-context line fitted to `room` columns with the mention
/// marked; the context is balanced so the mention sits in the middle.
fn kwic<'a>(
    body: &str,
    start: usize,
    end: usize,
    mention: &str,
    room: usize,
    base: Style,
    mark: Style,
) -> Vec<Span<'a>> {
    let side = room.saturating_sub(str_width(mention)) / 2;
    let line = context(body, start, end, side);
    // `context` collapses whitespace; find the mention where the left
    // context ends (it is at most `side` chars long).
    let mention_flat = mention.split_whitespace().collect::<Vec<_>>().join(" ");
    let before_chars = body[..start].chars().rev().take(side).count();
    let at = line
        .match_indices(mention_flat.as_str())
        .map(|(b, _)| b)
        .min_by_key(|&b| line[..b].chars().count().abs_diff(before_chars));
    let Some(at) = at else {
        return vec![Span::styled(fit(&line, room), base)];
    };
    let before = &line[..at];
    let after = &line[at + mention_flat.len()..];
    let mut spans = Vec::new();
    let mut left = room;
    for (part, style) in [
        (before, base),
        (mention_flat.as_str(), base.patch(mark)),
        (after, base),
    ] {
        let cut = fit(part, left);
        left = left.saturating_sub(str_width(&cut));
        spans.push(Span::styled(cut, style));
    }
    spans
}
