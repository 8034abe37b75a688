//! Replacing the corpus under the user: on a warm start the reader first
//! shows the catalogue of the last load, then the checked corpus (with its
//! bodies, and any file added or removed since) takes its place. The user
//! may have moved, filtered or opened an article in between; the new corpus
//! must not throw them back to the top.
//!
//! Documents are matched by id (indices may shift when files come or go).
//! The open article stays open, with its scroll, raw view and search; the
//! cursor's byte range is kept only when the text is the same, since
//! offsets into another text mean nothing. The filter as typed is run
//! again on the new corpus; until its answer comes (from the worker), the
//! old list is shown in the new corpus's numbers.

use std::collections::HashMap;
use std::sync::Arc;

use super::App;
use crate::store::{Corpus, DocIdx};

/// Old document index to new, by id.
enum Remap<'a> {
    /// The same ids in the same order (the usual warm start).
    Same(usize),
    ById {
        old: &'a Corpus,
        new: HashMap<&'a str, DocIdx>,
    },
}

impl<'a> Remap<'a> {
    fn new(old: &'a Corpus, new: &'a Corpus) -> Remap<'a> {
        let same = old.docs.len() == new.docs.len()
            && old.docs.iter().zip(&new.docs).all(|(a, b)| a.id == b.id);
        if same {
            return Remap::Same(new.docs.len());
        }
        Remap::ById {
            old,
            new: new
                .docs
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.as_str(), i))
                .collect(),
        }
    }

    fn get(&self, old_idx: DocIdx) -> Option<DocIdx> {
        match self {
            Remap::Same(len) => (old_idx < *len).then_some(old_idx),
            Remap::ById { old, new } => new.get(old.docs.get(old_idx)?.id.as_str()).copied(),
        }
    }
}

impl App {
    /// Show `corpus` in place of the current one, keeping the user's place
    /// where its documents still exist.
    pub(super) fn replace_corpus(&mut self, corpus: Arc<Corpus>) {
        let old = std::mem::replace(&mut self.corpus, corpus);
        let article = std::mem::take(&mut self.article);
        let (list, cursor_doc) = {
            let remap = Remap::new(&old, &self.corpus);
            let cursor_doc = self.list.get(self.list_cursor).and_then(|&d| remap.get(d));
            let list: Vec<DocIdx> = self.list.iter().filter_map(|&d| remap.get(d)).collect();
            let open = article.doc.and_then(|d| Some((d, remap.get(d)?)));
            if let Some((was, now)) = open {
                self.reopen(&article, &old, was, now);
            }
            (list, cursor_doc)
        };
        // Until the filter answers for the new corpus, the old list, the
        // selected row on the same screen row (rows before it may be gone).
        let screen_row = self.list_cursor.saturating_sub(self.list_offset);
        self.list = list;
        self.list_cursor = cursor_doc
            .and_then(|d| self.list.iter().position(|&x| x == d))
            .unwrap_or(0);
        self.list_offset = self.list_cursor.saturating_sub(screen_row);
        self.scroll_lists();
        // The answer (at once, or from the worker) keeps the selected row
        // on the screen row it is on now.
        self.refilter();
    }

    /// Open `now` as `was` (of `old`) was shown: scroll, raw view, search,
    /// and the cursor when the text is unchanged.
    fn reopen(&mut self, article: &super::Article, old: &Corpus, was: DocIdx, now: DocIdx) {
        self.article.raw = article.raw;
        self.article.search = article.search.clone();
        self.article.raw_text = article
            .raw_text
            .as_ref()
            .filter(|(d, _)| *d == was)
            .map(|(_, text)| (now, text.clone()));
        self.open_doc(now);
        let same_text = match (old.docs.get(was), self.corpus.docs.get(now)) {
            (Some(a), Some(b)) => article.raw || a.body == b.body,
            _ => false,
        };
        if same_text {
            self.article.cursor = article.cursor;
        }
        self.article.scroll = article.scroll;
        self.clamp_scroll();
    }
}
