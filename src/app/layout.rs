//! Where each pane goes for a terminal size: pure geometry, shared by the
//! state (scroll limits, wrap width, mouse hits) and the drawing, so the two
//! can never disagree about how tall a list is.
//!
//! Wide terminals (≥ 100 columns) show sources | article | entities. Narrower
//! ones fold the side panel: the left column shows the sources or, when
//! unfolded, the entities. Below 60 columns only the focused pane shows.

use ratatui::layout::Rect;

/// The panes of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Sources,
    Article,
    Entities,
}

/// Columns from which all three panes show.
pub const WIDE: u16 = 100;
/// Columns from which two panes show.
pub const MEDIUM: u16 = 60;

/// The rectangles of every pane; a hidden pane has an empty rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub sources: Rect,
    pub article: Rect,
    pub entities: Rect,
    pub status: Rect,
}

impl Panes {
    /// Lay out an `area`; `unfolded` says whether a narrow terminal shows
    /// the entity panel instead of the sources.
    pub fn new(area: Rect, focus: Focus, unfolded: bool) -> Panes {
        let mut panes = Panes::default();
        if area.height == 0 || area.width == 0 {
            return panes;
        }
        panes.status = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        let main = Rect {
            height: area.height - 1,
            ..area
        };
        if main.height == 0 {
            return panes;
        }
        let w = main.width;
        if w >= WIDE {
            let left = (w * 26 / 100).clamp(24, 44);
            let right = (w * 27 / 100).clamp(28, 52);
            panes.sources = Rect {
                width: left,
                ..main
            };
            panes.article = Rect {
                x: main.x + left,
                width: w - left - right,
                ..main
            };
            panes.entities = Rect {
                x: main.x + w - right,
                width: right,
                ..main
            };
        } else if w >= MEDIUM {
            let left = (w * 36 / 100).clamp(22, 34);
            let left_rect = Rect {
                width: left,
                ..main
            };
            let show_entities = match focus {
                Focus::Sources => false,
                Focus::Entities => true,
                Focus::Article => unfolded,
            };
            if show_entities {
                panes.entities = left_rect;
            } else {
                panes.sources = left_rect;
            }
            panes.article = Rect {
                x: main.x + left,
                width: w - left,
                ..main
            };
        } else {
            match focus {
                Focus::Sources => panes.sources = main,
                Focus::Article => panes.article = main,
                Focus::Entities => panes.entities = main,
            }
        }
        panes
    }

    /// The pane containing a screen cell, if any.
    pub fn hit(&self, column: u16, row: u16) -> Option<Focus> {
        let pos = ratatui::layout::Position { x: column, y: row };
        [
            (self.sources, Focus::Sources),
            (self.article, Focus::Article),
            (self.entities, Focus::Entities),
        ]
        .into_iter()
        .find(|(r, _)| r.contains(pos))
        .map(|(_, f)| f)
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    r.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 1,
    })
}

/// The entity pane's two parts inside its border: the article's entities
/// on top, then a title row and the selected entity's mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EntityPane {
    pub list: Rect,
    pub xref_title: Rect,
    pub xrefs: Rect,
}

impl EntityPane {
    /// Split the pane; `wanted` is how many rows the entity list would fill.
    pub fn new(pane: Rect, wanted: usize) -> EntityPane {
        let area = inner(pane);
        if area.height < 4 {
            return EntityPane {
                list: area,
                ..Default::default()
            };
        }
        let half = area.height / 2;
        let wanted = u16::try_from(wanted).unwrap_or(u16::MAX).max(1);
        // The list takes what it needs up to half; the mentions get the rest.
        let list_h = wanted.min(half).max(1);
        EntityPane {
            list: Rect {
                height: list_h,
                ..area
            },
            xref_title: Rect {
                y: area.y + list_h,
                height: 1,
                ..area
            },
            xrefs: Rect {
                y: area.y + list_h + 1,
                height: area.height - list_h - 1,
                ..area
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_shows_three_narrow_folds_tiny_shows_one() {
        let p = Panes::new(Rect::new(0, 0, 160, 48), Focus::Sources, false);
        assert!(p.sources.width > 0 && p.article.width > 0 && p.entities.width > 0);
        assert_eq!(p.sources.width + p.article.width + p.entities.width, 160);
        assert_eq!(p.status, Rect::new(0, 47, 160, 1));

        let p = Panes::new(Rect::new(0, 0, 80, 24), Focus::Article, false);
        assert!(p.sources.width > 0 && p.entities.width == 0);
        let p = Panes::new(Rect::new(0, 0, 80, 24), Focus::Article, true);
        assert!(p.sources.width == 0 && p.entities.width > 0);

        let p = Panes::new(Rect::new(0, 0, 20, 6), Focus::Entities, false);
        assert_eq!(p.entities, Rect::new(0, 0, 20, 5));
        assert_eq!(p.hit(3, 3), Some(Focus::Entities));
        assert_eq!(p.hit(3, 5), None);
    }

    #[test]
    fn every_size_fits_inside_the_area() {
        for w in 0..=130 {
            for h in 0..=12 {
                let area = Rect::new(0, 0, w, h);
                for focus in [Focus::Sources, Focus::Article, Focus::Entities] {
                    let p = Panes::new(area, focus, true);
                    for r in [p.sources, p.article, p.entities, p.status] {
                        assert!(r.right() <= w && r.bottom() <= h, "{w}x{h} {r:?}");
                    }
                    let e = EntityPane::new(p.entities, 7);
                    assert!(e.xrefs.bottom() <= h);
                }
            }
        }
    }
}
