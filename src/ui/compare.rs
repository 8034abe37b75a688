//! The compare view: article A and article B side by side, shared passages
//! marked on both, entities both name highlighted alike, and a panel of the
//! entity sets with, for the selected entity, how each side describes it,
//! the two sides' phrases side by side.
//!
//! A pure function of a borrowed [`CompareView`]: the geometry comes from
//! `app::compare_layout` (the state wraps with the same numbers), the
//! reader's status bar says the mode, and only the visible rows are
//! styled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};
use unicode_width::UnicodeWidthChar;

use crate::app::compare_layout::inner;
pub use crate::app::compare_layout::{Geometry, geometry, text_size};
use crate::compare::view::{CompareView, Set, Side};
use crate::config::Theme;
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
    /// The mention under the active side's cursor.
    pub cursor: Style,
    pub border: Style,
    pub border_focused: Style,
    pub dim: Style,
    pub heading: Style,
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
            cursor: Style::default().add_modifier(Modifier::UNDERLINED),
            border: Style::default().fg(Color::DarkGray),
            border_focused: Style::default().fg(Color::White),
            dim: Style::default().fg(Color::DarkGray),
            heading: Style::default().add_modifier(Modifier::BOLD),
        }
    }
}

impl CompareStyles {
    /// The reader's theme: `compare_passage`, `compare_shared` and
    /// `compare_only` for what is particular to this view, the reader's
    /// own styles for the rest.
    pub fn from_theme(theme: &Theme) -> CompareStyles {
        CompareStyles {
            text: theme.style("text"),
            passage: theme.style("compare_passage"),
            shared: theme.style("compare_shared"),
            only: theme.style("compare_only"),
            selected: theme.style("selected_entity"),
            cursor: theme.style("cursor"),
            border: theme.style("border"),
            border_focused: theme.style("border_focused"),
            dim: theme.style("dim"),
            heading: theme.style("title"),
        }
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

/// Draw the whole view into `area` (the screen above the status bar).
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    view: &CompareView,
    index: &EntityIndex,
    styles: &CompareStyles,
) {
    let g = geometry(area, view.side, view.panel);
    let selected = view.selected_entity();
    for side in [Side::A, Side::B] {
        let r = g.text(side);
        if r.area() > 0 {
            draw_text(frame, r, view, side, g.one_side(), index, selected, styles);
        }
    }
    if g.entities.area() > 0 {
        draw_entities(frame, g.entities, view, index, styles);
    }
    if g.describe.area() > 0 {
        draw_descriptors(frame, g.describe, view, index, selected, styles);
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
    let first = mentions.partition_point(|m| m.start as usize + 256 < from);
    for m in mentions[first..]
        .iter()
        .take_while(|m| (m.start as usize) < to)
    {
        if (m.end as usize) <= from {
            continue;
        }
        let mut style = if shared.binary_search(&m.entity_idx()).is_ok() {
            styles.shared
        } else {
            styles.only
        };
        if Some(m.entity_idx()) == selected {
            style = style.patch(styles.selected);
        }
        out.push((m.start as usize, m.end as usize, style));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn draw_text(
    frame: &mut Frame,
    area: Rect,
    view: &CompareView,
    side: Side,
    alone: bool,
    index: &EntityIndex,
    selected: Option<EntityIdx>,
    styles: &CompareStyles,
) {
    let s = side.at();
    // Alone on a narrow screen, the title says the other side is there.
    let hidden = if alone {
        format!("({} hidden) ", side.other().label())
    } else {
        String::new()
    };
    let title = format!(" {} {hidden}{} ", side.label(), view.headings[s]);
    let title = fit(&title, area.width.saturating_sub(2) as usize);
    let focused = view.side == side && !view.panel;
    let mut frame_block = block(title, focused, styles);
    let total = view.rows[s].len();
    let inner = inner(area);
    if total > inner.height as usize && inner.width >= 8 {
        let bottom = (view.scroll[s] + inner.height as usize).min(total);
        let pct = bottom * 100 / total.max(1);
        frame_block = frame_block.title_bottom(Line::from(format!(" {pct}% ")).right_aligned());
    }
    frame.render_widget(frame_block, area);
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
    let mut ranges = marks(view, side, (first.0, last.1), index, selected, styles);
    if let Some((start, end)) = view.cursor[s] {
        ranges.push((start, end, styles.cursor));
    }
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
        " Entities: both {} · only A {} · only B {} ",
        c.shared.len(),
        c.only_a.len(),
        c.only_b.len()
    );
    let title = fit(&title, area.width.saturating_sub(2) as usize);
    frame.render_widget(block(title, view.panel, styles), area);
    let inner = inner(area);
    if inner.area() == 0 {
        return;
    }
    let (width, height) = (inner.width as usize, inner.height as usize);
    if view.entity_count() == 0 {
        let note = Line::styled(fit("neither side names an entity", width), styles.dim);
        frame.render_widget(Paragraph::new(note), inner);
        return;
    }
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
            let counts_w: usize = counts.chars().map(|c| c.width().unwrap_or(0)).sum();
            let name_w = width.saturating_sub(tag.len() + 10 + counts_w + 2);
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

/// How each side describes the selected entity: A's phrases beside B's
/// when there is room for two columns, else A's above B's. Phrases wrap
/// rather than being cut: the framing is the point.
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
    let described = selected.and_then(|e| view.cmp.descriptors.iter().find(|d| d.entity == e));
    let set = view.entity_rows().nth(view.selected).map(|(set, _)| set);
    let Some(d) = described else {
        let note = match set {
            None => "no entities".to_string(),
            Some(Set::Shared) => "no descriptive phrases on either side".to_string(),
            Some(Set::OnlyA) => format!("only A names {name}"),
            Some(Set::OnlyB) => format!("only B names {name}"),
        };
        let line = Line::styled(fit(&note, width), styles.dim);
        frame.render_widget(Paragraph::new(line), inner);
        return;
    };
    let phrases = |list: &[crate::compare::Descriptor]| -> Vec<String> {
        list.iter()
            .map(|d| d.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let (a, b) = (phrases(&d.a), phrases(&d.b));
    let head = |s: Side| format!("{} · {}", s.label(), view.sources[s.at()]);
    if width >= 40 {
        let col = (width - 3) / 2;
        let left = column(&head(Side::A), &a, col, styles);
        let right = column(&head(Side::B), &b, col, styles);
        let rows = left.len().max(right.len());
        let blank = || (String::new(), styles.text);
        let lines: Vec<Line> = (0..rows)
            .map(|i| {
                let (l, ls) = left.get(i).cloned().unwrap_or_else(blank);
                let (r, rs) = right.get(i).cloned().unwrap_or_else(blank);
                Line::from(vec![
                    ratatui::text::Span::styled(pad(&l, col), ls),
                    ratatui::text::Span::styled(" │ ", styles.border),
                    ratatui::text::Span::styled(r, rs),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    } else {
        let mut lines = column(&head(Side::A), &a, width, styles);
        lines.extend(column(&head(Side::B), &b, width, styles));
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|(text, style)| Line::styled(text, style))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// One side's column of descriptors: a heading, then each phrase after a
/// bullet, wrapped to `width` with a hanging indent.
fn column(
    head: &str,
    phrases: &[String],
    width: usize,
    styles: &CompareStyles,
) -> Vec<(String, Style)> {
    let mut out = vec![(fit(head, width), styles.heading)];
    if phrases.is_empty() {
        out.push((fit("  (none)", width), styles.dim));
    }
    let room = width.saturating_sub(2).max(1);
    for phrase in phrases {
        for (k, (s, e)) in crate::compare::view::wrap(phrase, room)
            .into_iter()
            .enumerate()
        {
            let bullet = if k == 0 { "• " } else { "  " };
            out.push((
                fit(&format!("{bullet}{}", &phrase[s..e]), width),
                styles.text,
            ));
        }
    }
    out
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
