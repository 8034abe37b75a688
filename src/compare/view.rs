//! The state of the compare view, apart from any drawing: the comparison,
//! each side's wrapped rows and scroll position, synchronised or independent
//! scrolling, which side has the focus, and the selected entity of the
//! panel. The reader holds one while comparing and feeds it actions; the
//! draw function in `ui/compare.rs` only reads it.
//!
//! Synchronised scrolling keeps the two texts at the same point of the
//! story: when the top of A lies in a shared passage, B shows the same
//! words; elsewhere B follows proportionally.

use super::{Comparison, EntityCount};
use crate::entities::{EntityIdx, EntityIndex};
use crate::store::Document;

pub use crate::wrap::wrap;

/// One side of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
    /// 0 for A, 1 for B: the index into the per-side arrays.
    pub fn at(self) -> usize {
        match self {
            Side::A => 0,
            Side::B => 1,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Side::A => "A",
            Side::B => "B",
        }
    }
}

/// Which of the three entity sets a panel row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    Shared,
    OnlyA,
    OnlyB,
}

/// Where a step through the selected entity's mentions landed: its
/// 1-based place among that side's mentions, how many there are, and
/// whether the step wrapped around the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub at: usize,
    pub of: usize,
    pub wrapped: bool,
}

/// Everything the compare view shows and where it is scrolled.
#[derive(Debug, Clone)]
pub struct CompareView {
    pub cmp: Comparison,
    /// The two bodies (cleaned), A then B.
    pub bodies: [String; 2],
    /// Headings: "id · source · title" of each side.
    pub headings: [String; 2],
    /// The outlet of each side (its id when unknown), for column heads.
    pub sources: [String; 2],
    /// Wrapped rows of each body as byte ranges, for the last width given.
    pub rows: [Vec<(usize, usize)>; 2],
    widths: [usize; 2],
    /// First visible row of each side.
    pub scroll: [usize; 2],
    /// Visible rows per side, as of the last layout.
    pub height: usize,
    pub synced: bool,
    /// The active side: the one that scrolls and steps through mentions.
    pub side: Side,
    /// Whether the entity panel has the focus (the active side stays).
    pub panel: bool,
    /// The mention under each side's cursor, as a byte range.
    pub cursor: [Option<(usize, usize)>; 2],
    /// The fraction of a row the follower owes after synchronised moves,
    /// so that many small steps add up to the right distance.
    carry: f64,
    /// Selected row of the entity panel: shared, then only A, then only B.
    pub selected: usize,
}

impl CompareView {
    pub fn new(cmp: Comparison, docs: &[Document]) -> CompareView {
        let doc = |d: usize| docs.get(d);
        let body = |d: usize| doc(d).map(|x| x.body.clone()).unwrap_or_default();
        let heading = |d: usize| {
            doc(d).map_or_else(String::new, |x| {
                let source = x.source.as_deref().unwrap_or("-");
                format!("{} · {source} · {}", x.id, x.title)
            })
        };
        let source = |d: usize| {
            doc(d).map_or_else(String::new, |x| x.source.clone().unwrap_or(x.id.clone()))
        };
        CompareView {
            bodies: [body(cmp.a), body(cmp.b)],
            headings: [heading(cmp.a), heading(cmp.b)],
            sources: [source(cmp.a), source(cmp.b)],
            cmp,
            rows: [Vec::new(), Vec::new()],
            widths: [0, 0],
            scroll: [0, 0],
            height: 0,
            synced: true,
            side: Side::A,
            panel: false,
            cursor: [None, None],
            carry: 0.0,
            selected: 0,
        }
    }

    /// Re-wrap for text columns of `width_a` and `width_b` and `height`
    /// visible rows, keeping each side's top line in view.
    pub fn layout(&mut self, width_a: usize, width_b: usize, height: usize) {
        for (s, width) in [(0, width_a), (1, width_b)] {
            if self.widths[s] != width || self.rows[s].is_empty() {
                let top = self.rows[s].get(self.scroll[s]).map_or(0, |r| r.0);
                self.rows[s] = wrap(&self.bodies[s], width);
                self.widths[s] = width;
                self.scroll[s] = row_of(&self.rows[s], top);
            }
        }
        self.height = height;
        for s in 0..2 {
            self.scroll[s] = self.scroll[s].min(self.max_scroll(s));
        }
    }

    fn max_scroll(&self, s: usize) -> usize {
        self.rows[s].len().saturating_sub(self.height.max(1))
    }

    /// Scroll the active side by `delta` rows (and the other with it when
    /// synchronised). Returns whether anything moved.
    pub fn scroll_by(&mut self, delta: isize) -> bool {
        let s = self.side.at();
        let before = self.scroll;
        let target = self.scroll[s].saturating_add_signed(delta);
        self.scroll[s] = target.min(self.max_scroll(s));
        let moved = self.scroll[s] as isize - before[s] as isize;
        if self.synced && moved != 0 {
            self.follow_by(self.side, moved);
        }
        self.scroll != before
    }

    /// Scroll the active side to its top (`false`) or bottom (`true`);
    /// when synchronised, the other side goes to the same end.
    pub fn scroll_to_end(&mut self, bottom: bool) -> bool {
        let before = self.scroll;
        let end = |v: &CompareView, s: usize| if bottom { v.max_scroll(s) } else { 0 };
        let s = self.side.at();
        self.scroll[s] = end(self, s);
        if self.synced {
            let f = self.side.other().at();
            self.scroll[f] = end(self, f);
            self.carry = 0.0;
        }
        self.scroll != before
    }

    /// Move the other side after the leader moved `moved` rows. In a
    /// shared passage the other side shows the same words; elsewhere it
    /// moves by the same share of its text, from wherever it was (a jump
    /// to an entity may have put the two sides at different places, and a
    /// scroll must not snap that away).
    fn follow_by(&mut self, leader: Side, moved: isize) {
        let (l, f) = (leader.at(), leader.other().at());
        let top = self.rows[l].get(self.scroll[l]).map_or(0, |r| r.0);
        if let Some(offset) = self.counterpart(leader, top) {
            self.scroll[f] = row_of(&self.rows[f], offset).min(self.max_scroll(f));
            self.carry = 0.0;
            return;
        }
        let ratio = self.max_scroll(f) as f64 / self.max_scroll(l).max(1) as f64;
        self.carry += moved as f64 * ratio;
        let step = self.carry.trunc();
        self.carry -= step;
        let target = (self.scroll[f] as f64 + step).max(0.0) as usize;
        self.scroll[f] = target.min(self.max_scroll(f));
    }

    /// Bring the other side to the place of `leader`: the same words in a
    /// shared passage, the bottom at the bottom, else the same fraction of
    /// the text.
    fn follow(&mut self, leader: Side) {
        let (l, f) = (leader.at(), leader.other().at());
        let top = self.rows[l].get(self.scroll[l]).map_or(0, |r| r.0);
        let target = if self.scroll[l] >= self.max_scroll(l) && self.max_scroll(l) > 0 {
            self.max_scroll(f)
        } else if let Some(offset) = self.counterpart(leader, top) {
            row_of(&self.rows[f], offset)
        } else {
            let (len_l, len_f) = (self.bodies[l].len().max(1), self.bodies[f].len());
            row_of(&self.rows[f], top * len_f / len_l)
        };
        self.scroll[f] = target.min(self.max_scroll(f));
        self.carry = 0.0;
    }

    /// The offset on the other side showing the same words as byte
    /// `offset` of `side`, when it lies in a shared passage.
    fn counterpart(&self, side: Side, offset: usize) -> Option<usize> {
        self.cmp.passages.iter().find_map(|p| {
            let (from, to, other) = match side {
                Side::A => (p.a_start, p.a_end, p.b_start),
                Side::B => (p.b_start, p.b_end, p.a_start),
            };
            (from <= offset && offset < to).then(|| other + (offset - from))
        })
    }

    /// `s`: toggle synchronised scrolling; turning it on aligns the other
    /// side with the active one.
    pub fn toggle_sync(&mut self) {
        self.synced = !self.synced;
        if self.synced {
            self.follow(self.side);
        }
    }

    /// The other side becomes the active one.
    pub fn switch_side(&mut self) {
        self.side = self.side.other();
    }

    /// `Tab`: side A, side B, the entity panel, and round again (`back`
    /// goes the other way).
    pub fn cycle_focus(&mut self, back: bool) {
        let order = [(Side::A, false), (Side::B, false), (self.side, true)];
        let here = match (self.panel, self.side) {
            (true, _) => 2,
            (false, Side::A) => 0,
            (false, Side::B) => 1,
        };
        let next = if back { (here + 2) % 3 } else { (here + 1) % 3 };
        (self.side, self.panel) = order[next];
    }

    /// The panel rows: every entity of either side with its set.
    pub fn entity_rows(&self) -> impl Iterator<Item = (Set, &EntityCount)> {
        let c = &self.cmp;
        (c.shared.iter().map(|e| (Set::Shared, e)))
            .chain(c.only_a.iter().map(|e| (Set::OnlyA, e)))
            .chain(c.only_b.iter().map(|e| (Set::OnlyB, e)))
    }

    pub fn entity_count(&self) -> usize {
        self.cmp.shared.len() + self.cmp.only_a.len() + self.cmp.only_b.len()
    }

    /// The entity of the selected panel row.
    pub fn selected_entity(&self) -> Option<EntityIdx> {
        self.entity_rows().nth(self.selected).map(|(_, c)| c.entity)
    }

    /// Move the panel selection by `delta` and jump both sides to the
    /// selected entity's first mention there.
    pub fn select_by(&mut self, delta: isize, index: &EntityIndex) -> bool {
        let last = self.entity_count().saturating_sub(1);
        let next = self.selected.saturating_add_signed(delta).min(last);
        let moved = next != self.selected;
        self.selected = next;
        self.jump_to_selected(index);
        moved
    }

    /// Scroll each side so the selected entity's first mention there is in
    /// view, a few rows from the top, with the cursor on it; a side that
    /// does not mention it stays where it is, without a cursor.
    pub fn jump_to_selected(&mut self, index: &EntityIndex) {
        let Some(e) = self.selected_entity() else {
            return;
        };
        for (s, doc) in [(0, self.cmp.a), (1, self.cmp.b)] {
            let first = index.mentions_in(doc).iter().find(|m| m.entity_idx() == e);
            self.cursor[s] = first.map(|m| (m.start as usize, m.end as usize));
            if let Some(m) = first {
                let row = row_of(&self.rows[s], m.start as usize);
                self.scroll[s] = row.saturating_sub(2).min(self.max_scroll(s));
            }
        }
        self.carry = 0.0;
    }

    /// `n`/`N`: move the active side's cursor to the next (or previous)
    /// mention of the selected entity, wrapping around the text, and
    /// scroll it into view (the other side follows when synchronised).
    /// `None` when the active side does not mention the entity.
    pub fn step_mention(&mut self, forward: bool, index: &EntityIndex) -> Option<Step> {
        let e = self.selected_entity()?;
        let s = self.side.at();
        let doc = if self.side == Side::A {
            self.cmp.a
        } else {
            self.cmp.b
        };
        let mentions: Vec<(usize, usize)> = index
            .mentions_in(doc)
            .iter()
            .filter(|m| m.entity_idx() == e)
            .map(|m| (m.start as usize, m.end as usize))
            .collect();
        if mentions.is_empty() {
            return None;
        }
        // From the cursor, or else from the top of the screen.
        let top = self.rows[s].get(self.scroll[s]).map_or(0, |r| r.0);
        let found = match (self.cursor[s], forward) {
            (Some((at, _)), true) => mentions.iter().position(|m| m.0 > at),
            (None, true) => mentions.iter().position(|m| m.0 >= top),
            (Some((at, _)), false) => mentions.iter().rposition(|m| m.0 < at),
            (None, false) => mentions.iter().rposition(|m| m.0 < top),
        };
        let wrapped = found.is_none();
        let i = found.unwrap_or(if forward { 0 } else { mentions.len() - 1 });
        self.cursor[s] = Some(mentions[i]);
        self.reveal(mentions[i].0);
        Some(Step {
            at: i + 1,
            of: mentions.len(),
            wrapped,
        })
    }

    /// Scroll the active side so byte `offset` is on screen, a third of
    /// the way down when it has to move.
    fn reveal(&mut self, offset: usize) {
        let s = self.side.at();
        let row = row_of(&self.rows[s], offset);
        let height = self.height.max(1);
        if row < self.scroll[s] || row >= self.scroll[s] + height {
            let target = row.saturating_sub(height / 3) as isize;
            self.scroll_by(target - self.scroll[s] as isize);
        }
    }

    /// The 1-based place of the active side's cursor among the selected
    /// entity's mentions there, and their number.
    pub fn mention_position(&self, index: &EntityIndex) -> Option<(Option<usize>, usize)> {
        let e = self.selected_entity()?;
        let doc = if self.side == Side::A {
            self.cmp.a
        } else {
            self.cmp.b
        };
        let mentions = index
            .mentions_in(doc)
            .iter()
            .filter(|m| m.entity_idx() == e);
        let cursor = self.cursor[self.side.at()];
        let mut at = None;
        let mut of = 0;
        for (i, m) in mentions.enumerate() {
            if cursor == Some((m.start as usize, m.end as usize)) {
                at = Some(i + 1);
            }
            of = i + 1;
        }
        Some((at, of))
    }
}

/// The row holding byte `offset` (the last row starting at or before it).
fn row_of(rows: &[(usize, usize)], offset: usize) -> usize {
    rows.partition_point(|r| r.0 <= offset).saturating_sub(1)
}
