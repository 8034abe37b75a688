//! The typing session: filter queries one after another over one corpus,
//! reusing earlier answers. No threads here; the reader runs a [`Live`] on
//! its filter worker, and the benches drive one directly.
//!
//! Typing mostly appends characters, and a query that extends another
//! keeps a subset of its documents ([`Query::narrows`]), so the newest
//! answer is looked for only among an earlier answer's documents. Answers
//! are kept for the last few queries, so deleting a character (Backspace)
//! finds its answer ready.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::entities::EntityIndex;
use crate::store::{Corpus, DocIdx};

use super::filter::{Filter, Prepared, Query};

/// Answers kept for reuse: a typed word or two, and its way back.
const KEEP: usize = 24;

/// A filter session over one corpus and entity index.
#[derive(Default)]
pub struct Live {
    corpus: Arc<Corpus>,
    index: Arc<EntityIndex>,
    prepared: Option<Prepared>,
    /// Recent queries and their answers, oldest first.
    answers: VecDeque<(Query, Vec<DocIdx>)>,
}

impl Live {
    pub fn new(corpus: Arc<Corpus>, index: Arc<EntityIndex>) -> Live {
        Live {
            corpus,
            index,
            ..Live::default()
        }
    }

    pub fn corpus(&self) -> &Arc<Corpus> {
        &self.corpus
    }

    pub fn index(&self) -> &Arc<EntityIndex> {
        &self.index
    }

    /// Switch to another corpus: everything derived from the old is dropped.
    pub fn set_corpus(&mut self, corpus: Arc<Corpus>) {
        self.corpus = corpus;
        self.prepared = None;
        self.answers.clear();
    }

    /// Switch to another entity index: `@` terms may resolve differently.
    pub fn set_index(&mut self, index: Arc<EntityIndex>) {
        self.index = index;
        self.answers.clear();
    }

    /// Prepare the corpus for matching now, rather than at the first query.
    pub fn prepare(&mut self) -> &Prepared {
        self.prepared
            .get_or_insert_with(|| Prepared::new(&self.corpus.docs))
    }

    /// The compiled filter for `input` and the documents it keeps, best
    /// first.
    pub fn run(&mut self, input: &str) -> (Filter, Vec<DocIdx>) {
        let query = Query::parse(input);
        let filter = Filter::new(query.clone(), &self.index);
        if query.is_empty() {
            return (filter, (0..self.corpus.docs.len()).collect());
        }
        if let Some(i) = self.answers.iter().position(|(q, _)| *q == query) {
            // Seen moments ago (a Backspace): most recent again.
            let answer = self.answers.remove(i).unwrap_or_default();
            let list = answer.1.clone();
            self.answers.push_back(answer);
            return (filter, list);
        }
        self.prepare();
        let Some(prepared) = &self.prepared else {
            return (filter, Vec::new());
        };
        let within = self
            .answers
            .iter()
            .filter(|(q, _)| query.narrows(q))
            .map(|(_, list)| list.as_slice())
            .min_by_key(|list| list.len());
        let list = filter.run(prepared, &self.corpus.docs, &self.index, within);
        if self.answers.len() == KEEP {
            self.answers.pop_front();
        }
        self.answers.push_back((query, list.clone()));
        (filter, list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Document;

    #[test]
    fn every_answer_equals_a_fresh_run() {
        let docs: Vec<Document> = crate::testgen::documents(400, 3);
        let corpus = Arc::new(Corpus {
            docs,
            problems: Vec::new(),
        });
        let index = Arc::new(EntityIndex::new(Vec::new(), corpus.docs.len()));
        let mut live = Live::new(corpus.clone(), index.clone());
        let typed = "in \"the ener\" pea";
        let mut steps: Vec<String> = (1..=typed.len()).map(|e| typed[..e].to_string()).collect();
        // And back again, as Backspace would.
        steps.extend((1..typed.len()).rev().map(|e| typed[..e].to_string()));
        for input in steps {
            let (_, got) = live.run(&input);
            let fresh = Filter::new(Query::parse(&input), &index).apply(&corpus.docs, &index);
            assert_eq!(got, fresh, "{input:?}");
        }
    }
}
