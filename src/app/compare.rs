//! The reader's compare mode: `c` marks the open article as A and asks for
//! B from the source list; `Enter` there opens the comparison, which then
//! takes the keys until `Esc` puts the reader back where it was.
//!
//! The comparison itself (`crate::compare`) is computed on the key path:
//! two 10,000-word articles take about 6.5 ms (`cargo bench --bench
//! compare`), well inside a frame, so a worker would only add a state in
//! which the view exists without its content. The view state is
//! [`CompareView`]; what each key does here is listed once, in [`KEYS`],
//! which the help overlay shows and a test holds to the behaviour.

use ratatui::layout::{Position, Rect};

use super::compare_layout::{self, geometry, inner};
use super::{Action, App, Focus, Loading, Mode};
use crate::compare::view::{CompareView, Side};
use crate::store::DocIdx;

/// Whether the reader is comparing, and how far it has got.
#[derive(Debug, Default)]
pub enum Compare {
    #[default]
    Off,
    /// A is marked; B is being picked from the source list.
    Picking { a: DocIdx, saved: Saved },
    /// The comparison is on screen.
    Open {
        view: Box<CompareView>,
        saved: Saved,
    },
}

impl Compare {
    /// The comparison on screen, if any.
    pub fn view(&self) -> Option<&CompareView> {
        match self {
            Compare::Open { view, .. } => Some(view),
            _ => None,
        }
    }

    /// A, while B is being picked.
    pub fn picking(&self) -> Option<DocIdx> {
        match self {
            Compare::Picking { a, .. } => Some(*a),
            _ => None,
        }
    }
}

/// Where the reader was when `c` was pressed, to go back to.
#[derive(Debug, Clone)]
pub struct Saved {
    input: String,
    doc: DocIdx,
    scroll: usize,
    cursor: Option<(usize, usize)>,
    focus: Focus,
    unfolded: bool,
    selected: Option<usize>,
    in_xrefs: bool,
}

/// What each key does in the compare view, in the order the help overlay
/// lists them. An action not listed here does nothing there.
pub const KEYS: &[(Action, &str)] = &[
    (
        Action::Back,
        "Leave the comparison: back to the reader as it was.",
    ),
    (
        Action::FocusNext,
        "Next pane: side A, side B, the entity panel.",
    ),
    (Action::FocusPrev, "Previous pane."),
    (
        Action::ToggleSidePanel,
        "Focus the entity panel, or go back to the text.",
    ),
    (
        Action::ToggleSync,
        "Scroll both sides together, or each on its own.",
    ),
    (
        Action::Down,
        "Scroll down a line (both sides when synced), or the next entity in the panel.",
    ),
    (
        Action::Up,
        "Scroll up a line, or the previous entity in the panel.",
    ),
    (Action::PageDown, "Scroll or move down a page."),
    (Action::PageUp, "Scroll or move up a page."),
    (Action::Top, "Go to the top (both sides when synced)."),
    (Action::Bottom, "Go to the bottom (both sides when synced)."),
    (
        Action::Open,
        "Jump both sides to the first mention of the selected entity.",
    ),
    (
        Action::NextMatch,
        "Next mention of the selected entity on the active side.",
    ),
    (
        Action::PrevMatch,
        "Previous mention of the selected entity on the active side.",
    ),
    (Action::Compare, "Pick another article as B."),
    (Action::ToggleHelp, "Show or hide this help."),
    (Action::Quit, "Quit dossier."),
];

impl App {
    /// `c` in the reader: mark the open article as A and pick B.
    pub fn start_compare(&mut self) -> bool {
        let refuse = |app: &mut App, why: &str| {
            app.message = Some(format!("compare: {why}"));
            true
        };
        if self.loading != Loading::Ready {
            return refuse(self, "wait until the entities are indexed");
        }
        if self.docs().len() < 2 {
            return refuse(self, "needs two articles");
        }
        let Some(a) = self.article.doc else {
            return refuse(self, "open an article first");
        };
        let saved = Saved {
            input: self.input.clone(),
            doc: a,
            scroll: self.article.scroll,
            cursor: self.article.cursor,
            focus: self.focus,
            unfolded: self.unfolded,
            selected: self.selected,
            in_xrefs: self.in_xrefs,
        };
        self.compare = Compare::Picking { a, saved };
        self.focus_pane(Focus::Sources);
        true
    }

    /// The prompt while B is being picked, with the keys as bound.
    pub fn compare_prompt(&self) -> String {
        let key = |a: Action, default: &str| self.keymap.hint(a).unwrap_or(default.into());
        format!(
            "compare: pick B, {} to open, {} to cancel",
            key(Action::Open, "enter"),
            key(Action::Back, "esc")
        )
    }

    /// The sync key in the reader: say where it works.
    pub fn sync_outside_compare(&mut self) -> bool {
        let key = |a: Action| self.keymap.hint(a).unwrap_or_default();
        self.message = Some(format!(
            "{} toggles synced scrolling in the compare view ({} opens it)",
            key(Action::ToggleSync),
            key(Action::Compare)
        ));
        true
    }

    /// Leave compare mode and put the reader back as it was at `c`.
    fn restore(&mut self, saved: Saved) {
        self.compare = Compare::Off;
        self.mode = Mode::Normal;
        if self.input != saved.input {
            self.input = saved.input;
            self.refilter();
        }
        self.open_doc(saved.doc);
        if let Some(pos) = self.list.iter().position(|&d| d == saved.doc) {
            self.list_cursor = pos;
        }
        self.article.cursor = saved.cursor;
        self.selected = saved.selected;
        self.refresh_entities();
        self.in_xrefs = saved.in_xrefs && self.selected.is_some();
        self.unfolded = saved.unfolded;
        self.focus_pane(saved.focus);
        self.unfolded = saved.unfolded;
        self.relayout();
        self.article.scroll = saved.scroll;
        self.clamp_scroll();
    }

    /// Open the comparison of A with the article under the list cursor.
    fn pick(&mut self) -> bool {
        let Compare::Picking { a, saved } = std::mem::take(&mut self.compare) else {
            return false;
        };
        let Some(&b) = self.list.get(self.list_cursor) else {
            self.message = Some("compare: no article to pick".into());
            self.compare = Compare::Picking { a, saved };
            return true;
        };
        if b == a {
            self.message = Some("compare: that is A; pick another article as B".into());
            self.compare = Compare::Picking { a, saved };
            return true;
        }
        let cmp = crate::compare::compare(&self.corpus.docs, &self.index, a, b);
        let view = Box::new(CompareView::new(cmp, &self.corpus.docs));
        self.compare = Compare::Open { view, saved };
        self.layout_compare();
        true
    }

    /// The screen above the status bar, where the compare view goes.
    pub fn compare_area(&self) -> Rect {
        let (w, h) = self.size;
        Rect::new(0, 0, w, h.saturating_sub(1))
    }

    /// Re-wrap the comparison for the terminal's size.
    pub fn layout_compare(&mut self) {
        let area = self.compare_area();
        if let Compare::Open { view, .. } = &mut self.compare {
            let (wa, wb, h) = compare_layout::text_size(area, view.side);
            view.layout(wa, wb, h);
        }
    }

    /// Forget any comparison: the corpus or the index it was made from
    /// has been replaced, so its offsets and entities no longer hold.
    pub fn reset_compare(&mut self) {
        if !matches!(self.compare, Compare::Off) {
            self.compare = Compare::Off;
            self.message = Some("compare closed: the articles were reloaded".into());
        }
    }
}

/// An action while comparing or picking; `None` when the reader should
/// handle it as usual (moving in and filtering the list while picking).
pub(super) fn act(app: &mut App, action: Action) -> Option<bool> {
    match &app.compare {
        Compare::Off => None,
        Compare::Picking { .. } => match action {
            Action::Open => Some(app.pick()),
            Action::Back => {
                let Compare::Picking { saved, .. } = std::mem::take(&mut app.compare) else {
                    return Some(false);
                };
                app.restore(saved);
                Some(true)
            }
            Action::Search => {
                // Picking is from the list, so `/` always filters it.
                app.focus_pane(Focus::Sources);
                app.mode = Mode::Filter;
                Some(true)
            }
            Action::Compare | Action::ToggleSync => Some(false),
            _ => None,
        },
        // Help works as in the reader, and shows the compare keys.
        Compare::Open { .. } if action == Action::ToggleHelp => None,
        Compare::Open { .. } => Some(act_open(app, action)),
    }
}

fn act_open(app: &mut App, action: Action) -> bool {
    if action == Action::Back {
        if let Compare::Open { saved, .. } = std::mem::take(&mut app.compare) {
            app.restore(saved);
        }
        return true;
    }
    if action == Action::Compare {
        // Back to the list, where B was picked, to pick another.
        if let Compare::Open { view, saved } = std::mem::take(&mut app.compare) {
            app.compare = Compare::Picking {
                a: view.cmp.a,
                saved,
            };
        }
        return true;
    }
    let index = app.index.clone();
    let panel_rows = app.compare_panel_rows();
    let Compare::Open { view, .. } = &mut app.compare else {
        return false;
    };
    let page = |h: usize| h.saturating_sub(1).max(1) as isize;
    let relayout;
    let changed = match action {
        Action::FocusNext | Action::FocusPrev => {
            view.cycle_focus(action == Action::FocusPrev);
            relayout = true;
            true
        }
        Action::ToggleSidePanel => {
            view.panel = !view.panel;
            relayout = true;
            true
        }
        Action::ToggleSync => {
            view.toggle_sync();
            relayout = false;
            true
        }
        Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
            let sign = if matches!(action, Action::Down | Action::PageDown) {
                1
            } else {
                -1
            };
            let paged = matches!(action, Action::PageDown | Action::PageUp);
            relayout = false;
            if view.panel {
                let step = if paged { page(panel_rows) } else { 1 };
                view.select_by(sign * step, &index)
            } else {
                let step = if paged { page(view.height) } else { 1 };
                view.scroll_by(sign * step)
            }
        }
        Action::Top | Action::Bottom => {
            relayout = false;
            let bottom = action == Action::Bottom;
            if view.panel {
                view.select_by(
                    if bottom {
                        isize::MAX / 2
                    } else {
                        isize::MIN / 2
                    },
                    &index,
                )
            } else {
                view.scroll_to_end(bottom)
            }
        }
        Action::Open => {
            relayout = false;
            view.jump_to_selected(&index);
            true
        }
        Action::NextMatch | Action::PrevMatch => {
            relayout = false;
            let name = view
                .selected_entity()
                .map_or_else(String::new, |e| index.entity(e).name.clone());
            let side = view.side.label();
            app.message = match view.step_mention(action == Action::NextMatch, &index) {
                None if name.is_empty() => Some("no entity selected".into()),
                None => Some(format!("side {side} does not name {name}")),
                Some(step) if step.wrapped => Some(format!(
                    "wrapped to the {} mention of {name} in {side}",
                    if action == Action::NextMatch {
                        "first"
                    } else {
                        "last"
                    }
                )),
                Some(_) => None,
            };
            true
        }
        _ => return false,
    };
    if relayout {
        app.layout_compare();
    }
    changed
}

impl App {
    /// Rows of the entity panel's list, for paging through it.
    fn compare_panel_rows(&self) -> usize {
        let Some(view) = self.compare.view() else {
            return 0;
        };
        let g = geometry(self.compare_area(), view.side, true);
        inner(g.entities).height as usize
    }
}

/// A click while comparing: on a side, make it the active one; on a row of
/// the entity panel, select that entity. `None` when not comparing.
pub(super) fn click(app: &mut App, column: u16, row: u16) -> Option<bool> {
    let area = app.compare_area();
    let index = app.index.clone();
    let Compare::Open { view, .. } = &mut app.compare else {
        return None;
    };
    let g = geometry(area, view.side, view.panel);
    let at = Position { x: column, y: row };
    for side in [Side::A, Side::B] {
        if g.text(side).contains(at) {
            view.side = side;
            view.panel = false;
            return Some(true);
        }
    }
    let list = inner(g.entities);
    if list.contains(at) {
        view.panel = true;
        // The panel scrolls to keep the selection on its last row.
        let first = view
            .selected
            .saturating_sub((list.height as usize).saturating_sub(1));
        let target = first + (row - list.y) as usize;
        if target < view.entity_count() {
            view.select_by(target as isize - view.selected as isize, &index);
        }
        return Some(true);
    }
    Some(false)
}

/// The wheel while comparing scrolls the side under the pointer (and the
/// other with it when synced). `None` when not comparing.
pub(super) fn wheel(app: &mut App, column: u16, row: u16, down: bool) -> Option<bool> {
    let area = app.compare_area();
    let Compare::Open { view, .. } = &mut app.compare else {
        return None;
    };
    let g = geometry(area, view.side, view.panel);
    let at = Position { x: column, y: row };
    let Some(side) = [Side::A, Side::B]
        .into_iter()
        .find(|&s| g.text(s).contains(at))
    else {
        return Some(false);
    };
    let active = view.side;
    view.side = side;
    let moved = view.scroll_by(if down { 3 } else { -3 });
    view.side = active;
    Some(moved)
}
