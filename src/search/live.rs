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
use super::matcher::{Ranked, Stop};

/// Answers kept for reuse: a typed word or two, and its way back.
const KEEP: usize = 24;

/// A filter session over one corpus and entity index.
#[derive(Default)]
pub struct Live {
    corpus: Arc<Corpus>,
    index: Arc<EntityIndex>,
    prepared: Option<Prepared>,
    /// Recent queries and their answers, oldest first.
    answers: VecDeque<(Query, Ranked)>,
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
        match self.run_until(input, &|| false) {
            Some(answer) => answer,
            // Never stopped, so never reached.
            None => (Filter::new(Query::parse(input), &self.index), Vec::new()),
        }
    }

    /// [`run`](Self::run), given up (`None`, nothing remembered) once
    /// `stop` says the answer is no longer wanted: the worker asks it
    /// whether newer typing has overtaken the query.
    pub fn run_until(&mut self, input: &str, stop: Stop<'_>) -> Option<(Filter, Vec<DocIdx>)> {
        let query = Query::parse(input);
        let filter = Filter::new(query.clone(), &self.index);
        if query.is_empty() {
            return Some((filter, (0..self.corpus.docs.len()).collect()));
        }
        if let Some(i) = self.answers.iter().position(|(q, _)| *q == query) {
            // Seen moments ago (a Backspace): most recent again.
            let answer = self.answers.remove(i).unwrap_or_default();
            let list = answer.1.docs();
            self.answers.push_back(answer);
            return Some((filter, list));
        }
        self.prepare();
        let Some(prepared) = &self.prepared else {
            return Some((filter, Vec::new()));
        };
        let earlier = self
            .answers
            .iter()
            .filter(|(q, _)| query.narrows(q))
            .min_by_key(|(_, ranked)| ranked.len())
            .map(|(q, ranked)| (q, ranked));
        let ranked = filter.rerun(prepared, &self.corpus.docs, &self.index, earlier, stop)?;
        let list = ranked.docs();
        if self.answers.len() == KEEP {
            self.answers.pop_front();
        }
        self.answers.push_back((query, ranked));
        Some((filter, list))
    }

    /// Bytes held by the kept answers, for the memory figures.
    pub fn answers_heap_bytes(&self) -> usize {
        self.answers.iter().map(|(_, r)| r.heap_bytes()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{Entity, Kind, Mention};
    use crate::store::Document;
    use proptest::prelude::*;

    fn corpus(n: usize, seed: u64) -> (Arc<Corpus>, Arc<EntityIndex>) {
        let docs: Vec<Document> = crate::testgen::documents(n, seed);
        // One entity in every third document, so `@` terms keep some.
        let mentions = (0..n)
            .step_by(3)
            .map(|doc| Mention {
                doc: u32::try_from(doc).unwrap(),
                start: 0,
                end: 1,
            })
            .collect();
        let iran = Entity {
            id: "place:iran".into(),
            name: "Iran".into(),
            kind: Kind::Place,
            aliases: vec!["Iran".into()],
            mentions,
        };
        let index = Arc::new(EntityIndex::new(vec![iran], n));
        let corpus = Arc::new(Corpus {
            docs,
            problems: Vec::new(),
        });
        (corpus, index)
    }

    #[test]
    fn every_answer_equals_a_fresh_run() {
        let (corpus, index) = corpus(400, 3);
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

    #[test]
    fn a_stopped_run_gives_nothing_and_remembers_nothing() {
        let (corpus, index) = corpus(200, 1);
        let mut live = Live::new(corpus.clone(), index.clone());
        assert!(live.run_until("wa", &|| true).is_none());
        assert_eq!(live.answers.len(), 0);
        let (_, got) = live.run("wa");
        let fresh = Filter::new(Query::parse("wa"), &index).apply(&corpus.docs, &index);
        assert_eq!(got, fresh);
    }

    /// What a user does to the filter line: type a piece, or Backspace.
    #[derive(Debug, Clone)]
    enum Key {
        Type(&'static str),
        Back,
    }

    const PIECES: &[&str] = &[
        "i", "r", "a", "n", "o", "p", "e", "t", "s", "w", " ", " ", "I", "R", "é", "\\", "\"", "@",
        "@iran ", "source:", "dai", "the ", "\"the", "\" ",
    ];

    fn keys() -> impl Strategy<Value = Vec<Key>> {
        let key = prop_oneof![
            4 => proptest::sample::select(PIECES).prop_map(Key::Type),
            1 => Just(Key::Back),
        ];
        proptest::collection::vec(key, 1..24)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

        /// Narrowing, reused scores and remembered answers give exactly
        /// the list (same documents, same order) of a fresh full run.
        #[test]
        fn typing_and_backspace_equal_fresh_runs(keys in keys(), seed in 0u64..4) {
            let (corpus, index) = corpus(240, seed);
            let mut live = Live::new(corpus.clone(), index.clone());
            let mut input = String::new();
            for key in keys {
                match key {
                    Key::Type(piece) => input.push_str(piece),
                    Key::Back => {
                        input.pop();
                    }
                }
                let (_, got) = live.run(&input);
                let fresh = Filter::new(Query::parse(&input), &index).apply(&corpus.docs, &index);
                prop_assert_eq!(got, fresh, "{:?}", input);
            }
        }
    }
}
