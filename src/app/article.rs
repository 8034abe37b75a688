//! The article pane's state: which document, wrapped how, scrolled where,
//! the cursor (a byte range: a mention or a search match), and the text
//! search. The wrap is computed when the document, the raw toggle or the
//! width changes, never while drawing.

use aho_corasick::AhoCorasick;

use super::wrap;
use super::{App, Mode};
use crate::store::DocIdx;

/// One display row of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A row of the wrapped title.
    Title(String),
    /// A row of the outlet · author · date line.
    Meta(String),
    /// Space between the head and the text.
    Blank,
    /// A byte range of the shown text (body or raw).
    Text(usize, usize),
}

/// State of the article pane.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub doc: Option<DocIdx>,
    /// Showing the raw text as read rather than the cleaned body.
    pub raw: bool,
    /// First row on screen.
    pub scroll: usize,
    /// Byte range of the text under the cursor.
    pub cursor: Option<(usize, usize)>,
    /// The search pattern, and its matches in the shown text.
    pub search: String,
    pub matches: Vec<(usize, usize)>,
    /// The wrapped rows, and the width they were wrapped for.
    pub rows: Vec<Row>,
    pub wrapped_for: Option<(DocIdx, bool, usize)>,
    /// Index of the first [`Row::Text`] in `rows`.
    pub body_start: usize,
    /// The raw text of a document loaded without it (the on-disk index
    /// keeps none), read from its file when first shown.
    pub raw_text: Option<(DocIdx, String)>,
}

impl Article {
    /// The row showing byte `offset` of the text.
    pub fn row_of(&self, offset: usize) -> usize {
        let body = &self.rows[self.body_start.min(self.rows.len())..];
        let i = body.partition_point(|r| matches!(r, Row::Text(s, _) if *s <= offset));
        self.body_start + i.saturating_sub(1)
    }

    /// Byte offset of the first text row at or below the top of the screen.
    pub fn top_offset(&self) -> usize {
        self.rows
            .iter()
            .skip(self.scroll.max(self.body_start))
            .find_map(|r| match r {
                Row::Text(s, _) => Some(*s),
                _ => None,
            })
            .unwrap_or(0)
    }
}

impl App {
    /// The raw text of document `i`: kept in memory, or read again.
    pub(crate) fn raw_of(&self, i: DocIdx) -> &str {
        match (&self.article.raw_text, self.corpus.docs.get(i)) {
            (_, Some(doc)) if !doc.raw.is_empty() => &doc.raw,
            (Some((d, text)), _) if *d == i => text,
            _ => "",
        }
    }

    /// Read the raw text of the open document from its file if it was
    /// loaded without it (a failure shows as the reason).
    pub(crate) fn fetch_raw(&mut self) {
        let Some(i) = self.article.doc else { return };
        let Some(doc) = self.corpus.docs.get(i) else {
            return;
        };
        if !doc.raw.is_empty() || self.article.raw_text.as_ref().is_some_and(|(d, _)| *d == i) {
            return;
        }
        let text = crate::store::raw_text(doc).unwrap_or_else(|p| p.to_string());
        self.article.raw_text = Some((i, text));
    }

    /// Show `doc` in the article pane from its top.
    pub fn open_doc(&mut self, doc: DocIdx) {
        if self.article.doc == Some(doc) {
            return;
        }
        self.article.doc = Some(doc);
        self.article.scroll = 0;
        self.article.cursor = None;
        if self.article.raw {
            self.fetch_raw();
        }
        self.rewrap();
        self.find_matches();
        self.refresh_entities();
    }

    /// Wrap the article for the pane's width, if anything it depends on
    /// changed. A hidden pane keeps the last wrap.
    pub fn rewrap(&mut self) {
        let width = self.article_width();
        let Some(doc_idx) = self.article.doc else {
            self.article.rows.clear();
            self.article.wrapped_for = None;
            return;
        };
        // A hidden pane (narrow terminal) keeps the width it last had, so
        // the rows always belong to the document and text on show.
        let width = match (width, self.article.wrapped_for) {
            (0, Some((_, _, last))) => last,
            (0, None) => 80,
            (w, _) => w,
        };
        let key = (doc_idx, self.article.raw, width);
        if self.article.wrapped_for == Some(key) {
            return;
        }
        let Some(doc) = self.corpus.docs.get(doc_idx) else {
            return;
        };
        // Keep the reading position across a re-wrap.
        let anchor = self.article.cursor.map(|c| c.0);
        let top = (self.article.wrapped_for.is_some() && self.article.scroll > 0)
            .then(|| self.article.top_offset());
        let mut rows: Vec<Row> = Vec::new();
        let title = if doc.title.trim().is_empty() {
            doc.id.as_str()
        } else {
            doc.title.as_str()
        };
        for (s, e) in wrap::wrap(title, width) {
            rows.push(Row::Title(title[s..e].to_string()));
        }
        let mut meta: Vec<&str> = [&doc.source, &doc.author, &doc.date]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if meta.is_empty() {
            meta.push(&doc.id);
        }
        if self.article.raw {
            meta.push("RAW TEXT");
        }
        let meta = meta.join(" · ");
        for (s, e) in wrap::wrap(&meta, width) {
            rows.push(Row::Meta(meta[s..e].to_string()));
        }
        rows.push(Row::Blank);
        let body_start = rows.len();
        let text = if self.article.raw {
            self.raw_of(doc_idx)
        } else {
            &doc.body
        };
        rows.extend(
            wrap::wrap(text, width)
                .into_iter()
                .map(|(s, e)| Row::Text(s, e)),
        );
        self.article.rows = rows;
        self.article.body_start = body_start;
        self.article.wrapped_for = Some(key);
        if let Some(offset) = anchor {
            self.reveal(offset);
        } else if let Some(offset) = top {
            self.article.scroll = self.article.row_of(offset);
        }
        self.clamp_scroll();
    }

    /// Columns of article text.
    pub fn article_width(&self) -> usize {
        super::layout::inner(self.panes.article).width as usize
    }

    /// Keep the scroll inside the article.
    pub fn clamp_scroll(&mut self) {
        let max = self
            .article
            .rows
            .len()
            .saturating_sub(self.article_height().max(1));
        self.article.scroll = self.article.scroll.min(max);
    }

    /// Scroll so that byte `offset` is on screen, a third of the way down
    /// when it has to move.
    pub fn reveal(&mut self, offset: usize) {
        let row = self.article.row_of(offset);
        let height = self.article_height().max(1);
        let scroll = self.article.scroll;
        if row < scroll || row >= scroll + height {
            self.article.scroll = row.saturating_sub(height / 3);
        }
        self.clamp_scroll();
    }

    /// Scroll the article by `delta` rows.
    pub fn scroll_by(&mut self, delta: isize) -> bool {
        let before = self.article.scroll;
        self.article.scroll = before.saturating_add_signed(delta);
        self.clamp_scroll();
        self.article.scroll != before
    }

    /// Recompute the search matches in the shown text. ASCII letters match
    /// either case; other chars match exactly, which keeps byte offsets
    /// valid without lowercasing the text. With no search, the filter's
    /// phrases are the matches.
    pub fn find_matches(&mut self) {
        self.article.matches.clear();
        if self.article.search.is_empty() {
            // An article found by a phrase filter shows where the phrase is.
            if !self.article.raw {
                self.article.matches = self.filter.phrase_hits(self.text());
            }
            return;
        }
        let Ok(ac) = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([self.article.search.as_str()])
        else {
            return;
        };
        let matches: Vec<(usize, usize)> = ac
            .find_iter(self.text())
            .map(|m| (m.start(), m.end()))
            .collect();
        self.article.matches = matches;
    }

    /// Move the cursor to the next (or previous) search match, from the
    /// cursor or the top of the screen, wrapping around the article.
    pub fn step_search(&mut self, forward: bool) -> bool {
        let matches = &self.article.matches;
        if matches.is_empty() {
            self.message = Some(format!("no match for {:?}", self.article.search));
            return true;
        }
        let from = self.article.cursor.map(|c| c.0);
        let found = if forward {
            let pos = match from {
                Some(f) => matches.partition_point(|m| m.0 <= f),
                None => matches.partition_point(|m| m.0 < self.article.top_offset()),
            };
            matches.get(pos).or_else(|| {
                self.message = Some("search wrapped to the top".into());
                matches.first()
            })
        } else {
            let f = from.unwrap_or_else(|| self.article.top_offset());
            let pos = matches.partition_point(|m| m.0 < f);
            pos.checked_sub(1).and_then(|p| matches.get(p)).or_else(|| {
                self.message = Some("search wrapped to the bottom".into());
                matches.last()
            })
        };
        if let Some(&(s, e)) = found {
            self.article.cursor = Some((s, e));
            self.reveal(s);
        }
        true
    }

    /// Apply a typed search pattern: jump to its first match from the top
    /// of the screen.
    pub fn set_search(&mut self, pattern: String) {
        self.article.search = pattern;
        self.find_matches();
        self.article.cursor = None;
        if !self.article.matches.is_empty() {
            let message = self.message.take();
            self.step_search(true);
            self.message = message;
        }
    }

    /// Whether n/N step through search matches rather than mentions.
    pub fn searching(&self) -> bool {
        !self.article.search.is_empty() || self.mode == Mode::Search
    }
}
