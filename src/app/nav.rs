//! Moving around: the source list and its filter, the entity panel, and the
//! entity jumps (next mention, next article, a cross-reference) that may
//! change which article is open.

use crate::entities::{Mention, Position};

use super::{App, EntityRow, Focus};

/// `cursor` moved by `delta` within `len` items.
fn moved(cursor: usize, delta: isize, len: usize) -> usize {
    cursor
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// The first row to draw so that `cursor` is on screen.
fn keep_visible(offset: usize, cursor: usize, height: usize) -> usize {
    let height = height.max(1);
    if cursor < offset {
        cursor
    } else if cursor >= offset + height {
        cursor + 1 - height
    } else {
        offset
    }
}

impl App {
    /// Re-run the filter after the input or the index changed, keeping the
    /// open article selected when it is still listed.
    pub fn refilter(&mut self) {
        self.refilter_from(false);
    }

    /// Re-run the filter as the user types: the best match comes to the
    /// top and is previewed, as in any fuzzy picker. When the new query
    /// can only narrow the old one, only the previous hits are matched.
    pub fn refilter_typed(&mut self) {
        self.refilter_from(true);
    }

    /// Move the source-list cursor and preview the article under it.
    pub fn move_list(&mut self, delta: isize) -> bool {
        let before = self.list_cursor;
        self.list_cursor = moved(before, delta, self.list.len());
        self.scroll_lists();
        if let Some(&doc) = self.list.get(self.list_cursor) {
            self.open_doc(doc);
        }
        self.list_cursor != before
    }

    /// Keep every list's cursor on screen after a move or a resize.
    pub fn scroll_lists(&mut self) {
        self.list_offset = keep_visible(self.list_offset, self.list_cursor, self.list_height());
        let pane = self.entity_pane();
        let row = self
            .entity_rows
            .iter()
            .position(|r| *r == EntityRow::Entity(self.entity_cursor))
            .unwrap_or(0);
        // Show the kind heading above the first entity of the list.
        let top = if row == 1 { 0 } else { row };
        self.entity_offset = keep_visible(self.entity_offset, top, pane.list.height as usize);
        self.entity_offset = keep_visible(self.entity_offset, row, pane.list.height as usize);
        self.xref_offset = keep_visible(
            self.xref_offset,
            self.xref_cursor,
            pane.xrefs.height as usize,
        );
    }

    /// Rebuild the entity panel for the open article, keeping the selected
    /// entity under the cursor when the article mentions it.
    pub fn refresh_entities(&mut self) {
        if self
            .selected
            .is_some_and(|e| e >= self.index.entities().len())
        {
            self.selected = None;
        }
        self.doc_entities = match self.article.doc {
            Some(doc) => self.index.entities_in(doc),
            None => Vec::new(),
        };
        self.entity_rows.clear();
        let mut last = None;
        for (i, &(e, _)) in self.doc_entities.iter().enumerate() {
            let kind = self.index.entity(e).kind;
            if last != Some(kind) {
                self.entity_rows.push(EntityRow::Heading(kind));
                last = Some(kind);
            }
            self.entity_rows.push(EntityRow::Entity(i));
        }
        self.entity_cursor = self
            .selected
            .and_then(|s| self.doc_entities.iter().position(|&(e, _)| e == s))
            .unwrap_or(0);
        self.sync_xref_cursor();
        self.scroll_lists();
    }

    /// Point the mention list at the cursor's mention, or at the open
    /// article's first mention of the selected entity.
    fn sync_xref_cursor(&mut self) {
        let (Some(e), Some(doc)) = (self.selected, self.article.doc) else {
            self.xref_cursor = 0;
            return;
        };
        let mentions = self.index.mentions_of(e);
        self.xref_cursor = match self.article.cursor {
            Some((start, end)) => Mention::at(doc, start, end).and_then(|m| mentions.position(m)),
            None => None,
        }
        .unwrap_or_else(|| mentions.before_doc(doc))
        .min(mentions.len().saturating_sub(1));
    }

    /// Make the entity under the entity-list cursor the selected one.
    pub fn select_at_cursor(&mut self) {
        if let Some(&(e, _)) = self.doc_entities.get(self.entity_cursor)
            && self.selected != Some(e)
        {
            self.selected = Some(e);
            self.xref_offset = 0;
            self.sync_xref_cursor();
            self.scroll_lists();
        }
    }

    /// Move within the entity panel: the entities, or the mention list.
    pub fn move_entities(&mut self, delta: isize) -> bool {
        if self.in_xrefs {
            let Some(e) = self.selected else { return false };
            let before = self.xref_cursor;
            self.xref_cursor = moved(before, delta, self.index.mentions_of(e).len());
            self.scroll_lists();
            return self.xref_cursor != before;
        }
        let before = (self.entity_cursor, self.selected);
        self.entity_cursor = moved(self.entity_cursor, delta, self.doc_entities.len());
        self.select_at_cursor();
        self.scroll_lists();
        (self.entity_cursor, self.selected) != before
    }

    /// Select entity `e` (from the article), moving the panel cursor to it.
    pub fn select_entity(&mut self, e: usize) {
        self.selected = Some(e);
        self.in_xrefs = false;
        self.xref_offset = 0;
        if let Some(i) = self.doc_entities.iter().position(|&(x, _)| x == e) {
            self.entity_cursor = i;
        }
        self.sync_xref_cursor();
        self.scroll_lists();
    }

    /// Open the article of `m` with the cursor on it.
    pub fn goto_mention(&mut self, m: Mention) {
        if self.article.raw {
            self.article.raw = false;
            self.rewrap();
        }
        if self.article.doc != Some(m.doc_idx()) {
            self.open_doc(m.doc_idx());
            if let Some(pos) = self.list.iter().position(|&d| d == m.doc_idx()) {
                self.list_cursor = pos;
            }
        }
        let range = m.range();
        self.article.cursor = Some((range.start, range.end));
        self.reveal(range.start);
        if let Some(e) = self.selected
            && let Some(i) = self.doc_entities.iter().position(|&(x, _)| x == e)
        {
            self.entity_cursor = i;
        }
        self.sync_xref_cursor();
        self.scroll_lists();
    }

    /// The next (or previous) mention of the selected entity from the
    /// cursor, or from the top of the screen, continuing into other
    /// articles and wrapping around the corpus.
    pub fn step_entity(&mut self, forward: bool) -> bool {
        let Some(e) = self.selected else {
            self.message =
                Some("no entity selected: Tab to the entity panel, or Enter on a mention".into());
            return true;
        };
        let Some(doc) = self.article.doc else {
            return false;
        };
        let index = self.index.clone();
        let (entity, mentions) = (index.entity(e), index.mentions_of(e));
        let cursor = self.article.cursor.filter(|_| !self.article.raw);
        let next = match (cursor, forward) {
            (Some((start, _)), _) => index.step(e, Position { doc, offset: start }, forward),
            (None, true) => {
                let top = self.article.top_offset();
                mentions
                    .get(mentions.before(doc, top, false))
                    .filter(|m| m.doc_idx() == doc)
                    .or_else(|| {
                        index.step(
                            e,
                            Position {
                                doc,
                                offset: usize::MAX,
                            },
                            true,
                        )
                    })
            }
            (None, false) => index.step(
                e,
                Position {
                    doc,
                    offset: self.article.top_offset(),
                },
                false,
            ),
        };
        let next = next.or_else(|| {
            self.message = Some(format!(
                "{} wrapped to the {} mention of {}",
                if forward { "▼" } else { "▲" },
                if forward { "first" } else { "last" },
                entity.name
            ));
            if forward {
                mentions.first()
            } else {
                mentions.last()
            }
        });
        match next {
            Some(m) => {
                self.goto_mention(m);
                true
            }
            None => false,
        }
    }

    /// The first mention of the selected entity in the next (or previous)
    /// article that mentions it.
    pub fn step_article(&mut self, forward: bool) -> bool {
        let (Some(e), Some(doc)) = (self.selected, self.article.doc) else {
            self.message = Some("no entity selected".into());
            return true;
        };
        let index = self.index.clone();
        let (entity, mentions) = (index.entity(e), index.mentions_of(e));
        // The first mention past this article, or the last before it: its
        // article is the target.
        let target = if forward {
            mentions.get(mentions.before_doc(doc + 1))
        } else {
            mentions
                .before_doc(doc)
                .checked_sub(1)
                .and_then(|i| mentions.get(i))
        }
        .map(|m| m.doc_idx());
        let Some(target) = target else {
            self.message = Some(format!(
                "no {} article mentions {}",
                if forward { "later" } else { "earlier" },
                entity.name
            ));
            return true;
        };
        match mentions.get(mentions.before_doc(target)) {
            Some(m) => {
                self.goto_mention(m);
                true
            }
            None => false,
        }
    }

    /// Move the article cursor to the next (or previous) mention of any
    /// entity.
    pub fn step_any_mention(&mut self, forward: bool) -> bool {
        let Some(doc) = self.article.doc else {
            return false;
        };
        if self.article.raw {
            return false;
        }
        let mentions = self.index.mentions_in(doc);
        let from = self.article.cursor.map(|c| c.0);
        let top = self.article.top_offset();
        let found = if forward {
            let pos = match from {
                Some(f) => mentions.partition_point(|m| m.start as usize <= f),
                None => mentions.partition_point(|m| (m.start as usize) < top),
            };
            mentions.get(pos)
        } else {
            let f = from.unwrap_or(top);
            let pos = mentions.partition_point(|m| (m.start as usize) < f);
            pos.checked_sub(1).and_then(|p| mentions.get(p))
        };
        match found {
            Some(m) => {
                let range = m.range();
                self.article.cursor = Some((range.start, range.end));
                self.reveal(range.start);
                true
            }
            None => {
                self.message = Some("no more mentions in this article".into());
                true
            }
        }
    }

    /// Select the entity under the article cursor; without a cursor, put
    /// it on the first mention on screen.
    pub fn select_under_cursor(&mut self) -> bool {
        let Some(doc) = self.article.doc else {
            return false;
        };
        if self.article.cursor.is_none() {
            self.step_any_mention(true);
        }
        let Some((start, _)) = self.article.cursor else {
            return true;
        };
        match self.index.at(doc, start) {
            Some(e) => self.select_entity(e),
            None => self.message = Some("no entity under the cursor (e moves to the next)".into()),
        }
        true
    }

    /// Narrow the source list to the articles mentioning the selected entity.
    pub fn narrow_to_selected(&mut self) -> bool {
        let Some(e) = self.selected else {
            self.message = Some("no entity selected".into());
            return true;
        };
        let name = &self.index.entity(e).name;
        self.input = if name.contains(char::is_whitespace) {
            format!("@\"{name}\"")
        } else {
            format!("@{name}")
        };
        self.refilter();
        true
    }

    /// Focus a pane, folding or unfolding the side panel as needed.
    pub fn focus_pane(&mut self, focus: Focus) {
        self.focus = focus;
        match focus {
            Focus::Sources => self.unfolded = false,
            Focus::Entities => {
                self.unfolded = true;
                if self.selected.is_none() {
                    self.select_at_cursor();
                }
            }
            Focus::Article => {}
        }
        self.relayout();
    }

    /// Recompute the panes after a resize or a focus change.
    pub fn relayout(&mut self) {
        self.panes = super::Panes::new(self.area(), self.focus, self.unfolded);
        self.rewrap();
        self.clamp_scroll();
        self.scroll_lists();
    }
}
