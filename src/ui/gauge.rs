//! The loading gauge on the status line: the phase named ("checking
//! files", "building entities"), its count where it has one, and a line
//! that fills as it goes (heavy for done, light for to do, so it reads
//! without colour too). A phase that cannot count its work shows its name
//! alone (with what it has counted so far, where it counts without knowing
//! the end) rather than a line that would not move.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{LineGauge, Paragraph};

use super::fit;
use crate::app::Progress;
use crate::app::wrap::str_width;
use crate::config::Theme;

/// Columns of line the gauge keeps beside its label, at least.
const MIN_LINE: usize = 6;

/// The columns the gauge takes on a status line `width` wide: none on a
/// terminal too narrow to spare them.
pub fn width(width: u16) -> u16 {
    match width {
        0..40 => 0,
        // Room for the longest phase name and a percentage at 80 columns.
        40..90 => width * 3 / 8,
        _ => (width / 3).min(60),
    }
}

/// The label for `p` in `room` columns: the phase and its count, or the
/// phase and a percentage, or the percentage alone.
pub fn label(p: &Progress, room: usize) -> String {
    let name = p.phase.label();
    let Some(ratio) = p.ratio() else {
        return match p.done {
            0 => format!("{name}…"),
            // A count without a total (files found so far).
            n => [format!("{name} {n}…"), format!("{name}…")]
                .into_iter()
                .find(|l| str_width(l) <= room)
                .unwrap_or_else(|| format!("{name}…")),
        };
    };
    let pct = (ratio * 100.0).floor() as u32;
    [
        format!("{name} {}/{}", p.done.min(p.total), p.total),
        format!("{name} {pct}%"),
        format!("{pct}%"),
    ]
    .into_iter()
    .find(|l| str_width(l) + 1 + MIN_LINE <= room)
    .unwrap_or_default()
}

/// Draw the gauge for `p` in `area` (one row).
pub fn draw(frame: &mut Frame, area: Rect, p: &Progress, theme: &Theme) {
    // The panes are laid out from the size of the last resize event; the
    // terminal can be smaller by the time a frame is drawn. ratatui's
    // LineGauge writes past its buffer then (a panic), so keep to it.
    let area = area.intersection(frame.area());
    if area.width == 0 || area.height == 0 {
        return;
    }
    let bar = theme.style("status");
    let text = label(p, area.width as usize);
    match p.ratio() {
        Some(ratio) => frame.render_widget(
            LineGauge::default()
                .ratio(ratio)
                .label(Span::styled(text, bar))
                .filled_symbol("━")
                .unfilled_symbol("─")
                .filled_style(bar.patch(theme.style("gauge_filled")))
                .unfilled_style(bar.patch(theme.style("gauge_empty")))
                .style(bar),
            area,
        ),
        None => frame.render_widget(
            Paragraph::new(Span::styled(fit(&text, area.width as usize), bar)).style(bar),
            area,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Phase;

    #[test]
    fn a_gauge_laid_out_wider_than_the_terminal_is_drawn_inside_it() {
        use ratatui::{Terminal, backend::TestBackend};
        let mut terminal = Terminal::new(TestBackend::new(12, 1)).unwrap();
        let p = Progress {
            phase: Phase::Parsing,
            done: 900,
            total: 1_000,
        };
        let stale = Rect::new(4, 0, 40, 1);
        terminal
            .draw(|frame| draw(frame, stale, &p, &Theme::preset(true)))
            .unwrap();
        let row: String = (0..12)
            .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
            .collect();
        assert!(row.contains('━'), "{row:?}");
    }

    #[test]
    fn the_label_shrinks_to_fit() {
        let p = Progress {
            phase: Phase::Checking,
            done: 41_200,
            total: 100_000,
        };
        assert_eq!(label(&p, 60), "checking files 41200/100000");
        assert_eq!(label(&p, 28), "checking files 41%");
        assert_eq!(label(&p, 25), "checking files 41%");
        assert_eq!(label(&p, 24), "41%");
        assert_eq!(label(&p, 14), "41%");
        assert_eq!(label(&p, 4), "");
        assert_eq!(
            label(&Progress::start(Phase::Linking), 4),
            "linking entities…"
        );
        let found = Progress {
            phase: Phase::Finding,
            done: 5_120,
            total: 0,
        };
        assert_eq!(label(&found, 40), "finding files 5120…");
        assert_eq!(label(&found, 16), "finding files…");
    }
}
