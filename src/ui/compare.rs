//! The compare view: article A and article B side by side, shared passages
//! marked on both, entities both name highlighted alike, and a panel of the
//! entity sets with, for the selected entity, how each side describes it.
//!
//! A pure function of a borrowed [`CompareView`]: the reader calls
//! [`geometry`] to learn the text sizes, gives them to
//! [`CompareView::layout`] when the terminal changes, and [`draw`]s. Only the
//! visible rows are styled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use unicode_width::UnicodeWidthChar;

use crate::compare::view::{CompareView, Set, Side};
use crate::entities::{EntityIdx, EntityIndex};

/// The styles the view paints with; the reader maps its theme onto them.
#[derive(Debug, Clone, Copy)]
pub struct CompareStyles {
    pub text: Style,
    /// Text both articles carry.
    pub passage: Style,
    /// Mentions of entities both articles name.
    pub shared: Style,
    /// Mentions of entities only this side names.
    pub only: Style,
    /// The entity selected in the panel.
    pub selected: Style,
    pub border: Style,
    pub border_focused: Style,
    pub dim: Style,
    pub status: Style,
}

impl Default for CompareStyles {
    fn default() -> Self {
        CompareStyles {
            text: Style::default(),
            passage: Style::default().bg(Color::Indexed(236)),
            shared: Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            only: Style::default().fg(Color::Yellow),
            selected: Style::default().add_modifier(Modifier::REVERSED),
            border: Style::default().fg(Color::DarkGray),
            border_focused: Style::default().fg(Color::White),
            dim: Style::default().fg(Color::DarkGray),
            status: Style::default().add_modifier(Modifier::REVERSED),
        }
    }
}

/// Where each part of the view goes in `area`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub a: Rect,
    pub b: Rect,
    pub entities: Rect,
    pub describe: Rect,
    pub status: Rect,
}

impl Geometry {
    /// Text columns of A and B, and visible text rows: what
    /// [`CompareView::layout`] needs.
    pub fn text_size(&self) -> (usize, usize, usize) {
        let inner = |r: Rect| inner(r);
        (
            inner(self.a).width as usize,
            inner(self.b).width as usize,
            inner(self.a).height as usize,
        )
    }
}

/// Split `area`: the two texts on top, the panel below them when there is
/// room (a third of the height, 5 to 12 rows), one status row at the bottom.
pub fn geometry(area: Rect) -> Geometry {
    let status_h = area.height.min(1);
    let body_h = area.height - status_h;
    let panel_h = if body_h >= 14 {
        (body_h / 3).clamp(5, 12)
    } else {
        0
    };
    let text_h = body_h - panel_h;
    let half = area.width / 2;
    let row = |y: u16, h: u16, left: bool| Rect {
        x: if left { area.x } else { area.x + half },
        y,
        width: if left { half } else { area.width - half },
        height: h,
    };
    Geometry {
        a: row(area.y, text_h, true),
        b: row(area.y, text_h, false),
        entities: row(area.y + text_h, panel_h, true),
        describe: row(area.y + text_h, panel_h, false),
        status: Rect {
            x: area.x,
            y: area.y + body_h,
            width: area.width,
            height: status_h,
        },
    }
}

fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

fn block<'a>(title: String, focused: bool, styles: &CompareStyles) -> Block<'a> {
    let (style, kind) = if focused {
        (styles.border_focused, BorderType::Thick)
    } else {
        (styles.border, BorderType::Plain)
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(kind)
        .border_style(style)
        .title(title)
}

/// Draw the whole view into `area`.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    view: &CompareView,
    index: &EntityIndex,
    styles: &CompareStyles,
) {
    let g = geometry(area);
    let selected = view.selected_entity();
    for side in [Side::A, Side::B] {
        let r = if side == Side::A { g.a } else { g.b };
        if r.area() > 0 {
            draw_text(frame, r, view, side, index, selected, styles);
        }
    }
    if g.entities.area() > 0 {
        draw_entities(frame, g.entities, view, index, styles);
    }
    if g.describe.area() > 0 {
        draw_descriptors(frame, g.describe, view, index, selected, styles);
    }
    if g.status.area() > 0 {
        let sync = if view.synced { "synced" } else { "independent" };
        let side = if view.side == Side::A { "A" } else { "B" };
        let line = format!(
            " COMPARE  {side}  {sync}  passages: {}   Tab side  s sync  J/K entity  Esc back",
            view.cmp.passages.len()
        );
        let line = Line::styled(fit(&line, g.status.width as usize), styles.status);
        frame.render_widget(Paragraph::new(line), g.status);
    }
}

/// Byte ranges of one side within `from..to` (the visible text) to paint,
/// with their style, later ones on top.
fn marks(
    view: &CompareView,
    side: Side,
    (from, to): (usize, usize),
    index: &EntityIndex,
    selected: Option<EntityIdx>,
    styles: &CompareStyles,
) -> Vec<(usize, usize, Style)> {
    let cmp = &view.cmp;
    let doc = if side == Side::A { cmp.a } else { cmp.b };
    let mut out: Vec<(usize, usize, Style)> = cmp
        .passages
        .iter()
        .map(|p| match side {
            Side::A => (p.a_start, p.a_end, styles.passage),
            Side::B => (p.b_start, p.b_end, styles.passage),
        })
        .filter(|&(s, e, _)| s < to && e > from)
        .collect();
    let mut shared: Vec<EntityIdx> = cmp.shared.iter().map(|c| c.entity).collect();
    shared.sort_unstable();
    let mentions = index.mentions_in(doc);
    // Sorted by start: skip those starting well before the visible text (a
    // mention is a name, far shorter than 256 bytes).
    let first = mentions.partition_point(|m| m.start + 256 < from);
    for m in mentions[first..].iter().take_while(|m| m.start < to) {
        if m.end <= from {
            continue;
        }
        let mut style = if shared.binary_search(&m.entity).is_ok() {
            styles.shared
        } else {
            styles.only
        };
        if Some(m.entity) == selected {
            style = style.patch(styles.selected);
        }
        out.push((m.start, m.end, style));
    }
    out
}

fn draw_text(
    frame: &mut Frame,
    area: Rect,
    view: &CompareView,
    side: Side,
    index: &EntityIndex,
    selected: Option<EntityIdx>,
    styles: &CompareStyles,
) {
    let s = if side == Side::A { 0 } else { 1 };
    let label = if side == Side::A { "A" } else { "B" };
    let title = format!(" {label} {} ", view.headings[s]);
    let title = fit(&title, area.width.saturating_sub(2) as usize);
    frame.render_widget(block(title, view.side == side, styles), area);
    let inner = inner(area);
    if inner.area() == 0 {
        return;
    }
    let body = &view.bodies[s];
    let rows: Vec<(usize, usize)> = view.rows[s]
        .iter()
        .skip(view.scroll[s])
        .take(inner.height as usize)
        .copied()
        .collect();
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return;
    };
    let ranges = marks(view, side, (first.0, last.1), index, selected, styles);
    let lines: Vec<Line> = rows
        .iter()
        .map(|&(start, end)| super::styled_row(body, start, end, &ranges, styles.text))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_entities(
    frame: &mut Frame,
    area: Rect,
    view: &CompareView,
    index: &EntityIndex,
    styles: &CompareStyles,
) {
    let c = &view.cmp;
    let title = format!(
        " Entities: both {} · A {} · B {} ",
        c.shared.len(),
        c.only_a.len(),
        c.only_b.len()
    );
    let title = fit(&title, area.width.saturating_sub(2) as usize);
    frame.render_widget(block(title, false, styles), area);
    let inner = inner(area);
    if inner.area() == 0 {
        return;
    }
    let (width, height) = (inner.width as usize, inner.height as usize);
    // Keep the selection in view without state: scroll just enough.
    let first = view.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = view
        .entity_rows()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, (set, count))| {
            let e = index.entity(count.entity);
            let (tag, style) = match set {
                Set::Shared => ("both", styles.shared),
                Set::OnlyA => ("A   ", styles.only),
                Set::OnlyB => ("B   ", styles.only),
            };
            let counts = match set {
                Set::Shared => format!("{}·{}", count.a, count.b),
                Set::OnlyA => count.a.to_string(),
                Set::OnlyB => count.b.to_string(),
            };
            let kind = e.kind.as_str();
            let name_w = width.saturating_sub(tag.len() + 10 + counts.len() + 2);
            let text = format!("{tag} {kind:<8} {} {counts}", pad(&e.name, name_w));
            let style = if i == view.selected {
                style.patch(styles.selected)
            } else {
                style
            };
            Line::styled(fit(&text, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_descriptors(
    frame: &mut Frame,
    area: Rect,
    view: &CompareView,
    index: &EntityIndex,
    selected: Option<EntityIdx>,
    styles: &CompareStyles,
) {
    let name = selected.map_or("", |e| index.entity(e).name.as_str());
    let title = fit(
        &format!(" How each describes {name} "),
        area.width.saturating_sub(2) as usize,
    );
    frame.render_widget(block(title, false, styles), area);
    let inner = inner(area);
    if inner.area() == 0 {
        return;
    }
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let described = selected.and_then(|e| view.cmp.descriptors.iter().find(|d| d.entity == e));
    let shared = selected.is_some_and(|e| view.cmp.shared.iter().any(|c| c.entity == e));
    match described {
        Some(d) => {
            for (label, list) in [("A", &d.a), ("B", &d.b)] {
                if list.is_empty() {
                    lines.push(Line::styled(fit(&format!("{label}  -"), width), styles.dim));
                }
                for (k, desc) in list.iter().enumerate() {
                    let tag = if k == 0 { label } else { " " };
                    let text = desc.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    lines.push(Line::styled(
                        fit(&format!("{tag}  {text}"), width),
                        styles.text,
                    ));
                }
            }
        }
        None => {
            let note = match (selected, shared) {
                (None, _) => "no entities",
                (Some(_), true) => "no descriptive phrases on either side",
                (Some(_), false) => "named on one side only",
            };
            lines.push(Line::styled(fit(note, width), styles.dim));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A char safe to put in a terminal cell.
fn visible(c: char) -> char {
    if c.is_control() { ' ' } else { c }
}

/// `s` cut to `width` columns, with `…` when cut.
fn fit(s: &str, width: usize) -> String {
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.chars().map(visible).collect();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(visible(c));
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `s` fitted and padded to exactly `width` columns.
fn pad(s: &str, width: usize) -> String {
    let cut = fit(s, width);
    let used: usize = cut.chars().map(|c| c.width().unwrap_or(0)).sum();
    format!("{cut}{}", " ".repeat(width.saturating_sub(used)))
}
