//! The help overlay, generated from the keymap: every action with the keys
//! bound to it and its description, then the filter syntax; in the compare
//! view, the actions that view handles with what they do there
//! (`app::COMPARE_KEYS`). Nothing here is written by hand per key, so help
//! and keymap cannot disagree.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{centered, fit, pane_block};
use crate::app::wrap::{str_width, wrap};
use crate::app::{Action, App, COMPARE_KEYS, layout};
use crate::config::Theme;

/// The lines of the overlay: (keys, description).
pub fn entries(app: &App) -> Vec<(String, String)> {
    if app.compare.view().is_some() {
        // The compare view's own meanings of the keys it handles.
        let mut rows: Vec<(String, String)> = COMPARE_KEYS
            .iter()
            .map(|&(a, what)| (keys(app, a), what.to_string()))
            .collect();
        rows.push((String::new(), String::new()));
        for (k, d) in [
            (
                "both",
                "an entity both articles name, coloured alike on both sides",
            ),
            ("A / B", "an entity only that side names"),
            ("shaded", "a passage both articles carry"),
            (
                "mouse",
                "click a side or an entity, wheel scrolls the side under it",
            ),
        ] {
            rows.push((k.to_string(), d.to_string()));
        }
        return rows;
    }
    let mut rows: Vec<(String, String)> = Action::ALL
        .iter()
        .map(|&a| (keys(app, a), a.describe().to_string()))
        .collect();
    rows.push((String::new(), String::new()));
    for (k, d) in [
        ("filter", "words match title, outlet, author fuzzily"),
        (
            "@name",
            "only articles mentioning an entity (@\"Camp Ashraf\")",
        ),
        ("source:x", "only articles whose outlet contains x"),
        ("\"phrase\"", "only articles whose text has the phrase"),
        ("typing", "enter keeps, esc clears, ↑/↓ move, ctrl-u erases"),
        ("mouse", "click to focus and select, wheel to scroll"),
    ] {
        rows.push((k.to_string(), d.to_string()));
    }
    rows
}

/// The keys bound to `action`, as the overlay shows them.
fn keys(app: &App, action: Action) -> String {
    // Three keys say enough; the rest are synonyms.
    let keys: Vec<String> = app
        .keymap
        .keys_for(action)
        .iter()
        .take(3)
        .map(|k| k.label())
        .collect();
    if keys.is_empty() {
        "(unbound)".to_string()
    } else {
        keys.join(" ")
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, scroll: usize) {
    let rows = entries(app);
    let key_w = rows
        .iter()
        .map(|(k, _)| str_width(k))
        .max()
        .unwrap_or(0)
        .min(18);
    let want_w = rows
        .iter()
        .map(|(_, d)| key_w + 2 + str_width(d))
        .max()
        .unwrap_or(0)
        + 2;
    let rect_w = u16::try_from(want_w).unwrap_or(u16::MAX).min(area.width);
    let room = (rect_w as usize).saturating_sub(2 + key_w + 2);
    // Descriptions wrap under themselves rather than being cut.
    let mut lines: Vec<Line> = Vec::new();
    for (k, d) in &rows {
        let key = fit(k, key_w);
        let pad = " ".repeat(key_w.saturating_sub(str_width(&key)) + 2);
        let parts = if room >= 12 {
            wrap(d, room)
        } else {
            vec![(0, d.len())]
        };
        for (i, (s, e)) in parts.into_iter().enumerate() {
            let (key, pad) = if i == 0 {
                (key.clone(), pad.clone())
            } else {
                (String::new(), " ".repeat(key_w + 2))
            };
            lines.push(Line::from(vec![
                Span::styled(key, theme.style("help_key")),
                Span::raw(pad),
                Span::raw(fit(&d[s..e], room)),
            ]));
        }
    }
    let rect = centered(
        area,
        rect_w,
        u16::try_from(lines.len() + 2).unwrap_or(u16::MAX),
    );
    if rect.area() == 0 {
        return;
    }
    frame.render_widget(Clear, rect);
    let close = app.keymap.hint(Action::ToggleHelp).unwrap_or_default();
    let what = if app.compare.view().is_some() {
        "Keys in the compare view"
    } else {
        "Keys"
    };
    let block = pane_block(format!(" {what} ({close} or esc closes) "), true, theme)
        .style(theme.style("help"));
    frame.render_widget(block, rect);
    let inner = layout::inner(rect);
    let height = inner.height as usize;
    let scroll = scroll.min(lines.len().saturating_sub(height));
    let lines: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(lines).style(theme.style("help")), inner);
}
