//! Where each part of the compare view goes for a terminal size: pure
//! geometry, shared by the state (wrap widths, scroll limits, mouse hits)
//! and the drawing, as `layout.rs` is for the reader.
//!
//! Wide enough (≥ [`SIDE_BY_SIDE`] columns), A and B stand side by side;
//! narrower, only the active side shows and its title says the other is
//! hidden. Tall enough (≥ [`PANEL_ROWS`] rows), the entity panel and the
//! descriptors sit under the texts; lower, the panel shows only while it
//! has the focus, in place of the texts.

use ratatui::layout::Rect;

use crate::compare::view::Side;

/// Columns from which A and B show side by side.
pub const SIDE_BY_SIDE: u16 = 60;
/// Rows from which the panel shows under the texts.
pub const PANEL_ROWS: u16 = 14;

/// The rectangles of the compare view; a hidden part is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub a: Rect,
    pub b: Rect,
    pub entities: Rect,
    pub describe: Rect,
}

impl Geometry {
    /// The text pane of `side`.
    pub fn text(&self, side: Side) -> Rect {
        match side {
            Side::A => self.a,
            Side::B => self.b,
        }
    }

    /// Whether only one side shows.
    pub fn one_side(&self) -> bool {
        self.a.area() == 0 || self.b.area() == 0
    }
}

/// Lay the view out in `area` (the screen above the status bar): `side`
/// is the active side, `panel` whether the entity panel has the focus.
pub fn geometry(area: Rect, side: Side, panel: bool) -> Geometry {
    let mut g = Geometry::default();
    if area.area() == 0 {
        return g;
    }
    let panel_h = if area.height >= PANEL_ROWS {
        (area.height / 3).clamp(5, 12)
    } else if panel {
        area.height
    } else {
        0
    };
    let text_h = area.height - panel_h;
    let (x, w) = (area.x, area.width);
    if text_h > 0 {
        let texts = Rect {
            height: text_h,
            ..area
        };
        if w >= SIDE_BY_SIDE {
            let half = w / 2;
            g.a = Rect {
                width: half,
                ..texts
            };
            g.b = Rect {
                x: x + half,
                width: w - half,
                ..texts
            };
        } else if side == Side::A {
            g.a = texts;
        } else {
            g.b = texts;
        }
    }
    if panel_h > 0 {
        let bottom = Rect {
            y: area.y + text_h,
            height: panel_h,
            ..area
        };
        if w >= SIDE_BY_SIDE {
            let left = (w * 2 / 5).clamp(28, 60);
            g.entities = Rect {
                width: left,
                ..bottom
            };
            g.describe = Rect {
                x: x + left,
                width: w - left,
                ..bottom
            };
        } else if panel_h >= 10 {
            let top = panel_h / 2;
            g.entities = Rect {
                height: top,
                ..bottom
            };
            g.describe = Rect {
                y: bottom.y + top,
                height: panel_h - top,
                ..bottom
            };
        } else {
            g.entities = bottom;
        }
    }
    g
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    super::layout::inner(r)
}

/// Text columns of A and B and visible text rows, for
/// [`CompareView::layout`](crate::compare::view::CompareView::layout). A
/// hidden side is wrapped as wide as the shown one, ready to be shown; a
/// panel that hides both texts does not change how they are wrapped.
pub fn text_size(area: Rect, side: Side) -> (usize, usize, usize) {
    let g = geometry(area, side, false);
    let (a, b) = (inner(g.a), inner(g.b));
    let shown = if side == Side::A { a } else { b };
    let width = |r: Rect| {
        if r.width > 0 {
            r.width as usize
        } else {
            shown.width as usize
        }
    };
    (width(a), width(b), shown.height as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_by_side_stacked_or_one_side() {
        let g = geometry(Rect::new(0, 0, 160, 47), Side::A, false);
        assert_eq!(g.a.width + g.b.width, 160);
        assert_eq!(g.a.height, g.b.height);
        assert!(g.entities.height >= 5 && g.describe.width > 0);
        assert_eq!(g.a.height + g.entities.height, 47);

        let g = geometry(Rect::new(0, 0, 40, 20), Side::B, false);
        assert!(g.one_side() && g.b.width == 40 && g.a.area() == 0);

        // Low: the panel only when focused, and then alone.
        let g = geometry(Rect::new(0, 0, 80, 10), Side::A, false);
        assert_eq!((g.a.height, g.entities.area()), (10, 0));
        let g = geometry(Rect::new(0, 0, 80, 10), Side::A, true);
        assert_eq!((g.a.area(), g.entities.height), (0, 10));
        // The text size ignores the panel's focus.
        assert_eq!(
            text_size(Rect::new(0, 0, 30, 5), Side::B),
            (28, 28, 3),
            "the hidden side wraps like the shown one"
        );
    }

    #[test]
    fn every_size_fits_inside_the_area() {
        for w in 0..=170 {
            for h in 0..=30 {
                let area = Rect::new(0, 0, w, h);
                for side in [Side::A, Side::B] {
                    for panel in [false, true] {
                        let g = geometry(area, side, panel);
                        for r in [g.a, g.b, g.entities, g.describe] {
                            assert!(r.right() <= w && r.bottom() <= h, "{w}x{h} {r:?}");
                        }
                    }
                }
            }
        }
    }
}
