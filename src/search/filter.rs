//! The source-list filter: parsing what the user types after `/` into a
//! [`Query`] and applying it to a corpus.
//!
//! A query is free text matched fuzzily over title, outlet and author (see
//! [`matcher`](super::matcher)), plus narrowing terms: `"a phrase"` keeps
//! articles whose body contains the phrase (see [`phrase`](super::phrase);
//! the closing quote is optional while typing), `@name` keeps articles that
//! mention an entity (resolved with [`EntityIndex::find`]) and `source:cnn`
//! keeps articles whose outlet contains the word, ignoring case. `@` and
//! `source:` take a quoted value too (`@"Camp Ashraf"`, `source:"daily
//! tribune"`). Terms combine with AND.

use std::sync::Mutex;

use nucleo_matcher::Matcher;

use crate::entities::{EntityIdx, EntityIndex};
use crate::store::{DocIdx, Document};

use super::matcher::{self, FuzzyPattern, Haystacks, Ranked, Stop};
use super::phrase::{Phrase, PhraseIndex};

/// A parsed filter query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The free text, matched fuzzily; empty when the query only narrows.
    pub text: String,
    /// `@name` terms: entity names to resolve against the index.
    pub entities: Vec<String>,
    /// `source:` terms: outlet substrings, lowercased.
    pub sources: Vec<String>,
    /// `"…"` terms: phrases the body must contain.
    pub phrases: Vec<Phrase>,
}

impl Query {
    /// Parse a query. Never fails: anything that is not a term is text, and
    /// an empty term (`@` alone, `source:` alone, `""`) is ignored while
    /// typing; a quote left open runs to the end of the input.
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        let mut text: Vec<&str> = Vec::new();
        let mut rest = input.trim_start();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('@') {
                let (value, _, tail) = take_value(after);
                if !value.is_empty() {
                    query.entities.push(value.to_string());
                }
                rest = tail;
            } else if let Some(after) = strip_prefix_ignore_case(rest, "source:") {
                let (value, _, tail) = take_value(after);
                if !value.is_empty() {
                    query.sources.push(value.to_lowercase());
                }
                rest = tail;
            } else if rest.starts_with('"') {
                let (value, closed, tail) = take_value(rest);
                query.phrases.extend(Phrase::new(value, closed));
                rest = tail;
            } else {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                text.push(&rest[..end]);
                rest = &rest[end..];
            }
            rest = rest.trim_start();
        }
        query.text = text.join(" ");
        query
    }

    /// Whether the query keeps every document.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
            && self.entities.is_empty()
            && self.sources.is_empty()
            && self.phrases.is_empty()
    }

    /// Whether every document this query keeps is kept by `previous`: the
    /// same `@` and `source:` terms, free text that extends the previous
    /// text (a fuzzy word that extends another matches a subset of its
    /// matches, and an added word only removes matches), and phrases that
    /// extend the previous ones (see [`Phrase::narrows`]).
    pub fn narrows(&self, previous: &Query) -> bool {
        self.entities == previous.entities
            && self.sources == previous.sources
            && self.text.starts_with(&previous.text)
            // `a\` then `a\ b`: the backslash escapes the space, and
            // the word `a b` is not a narrower `a\`.
            && (self.text == previous.text || !previous.text.ends_with('\\'))
            && self.phrases.len() >= previous.phrases.len()
            && self
                .phrases
                .iter()
                .zip(&previous.phrases)
                .all(|(new, old)| new.narrows(old))
    }
}

/// `s` without `prefix`, compared ignoring ASCII case.
fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// A term's value, whether it was closed, and what follows: a
/// double-quoted string (closing quote optional, so a half-typed query
/// still works) or a run up to the next whitespace.
fn take_value(s: &str) -> (&str, bool, &str) {
    if let Some(quoted) = s.strip_prefix('"') {
        match quoted.find('"') {
            Some(end) => (quoted[..end].trim(), true, &quoted[end + 1..]),
            None => (quoted.trim(), false, ""),
        }
    } else {
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        (&s[..end], true, &s[end..])
    }
}

/// Whether `text` lowercased contains `lower` (itself lowercase), without
/// a lowercased copy of an ASCII `text`: this runs once per candidate.
fn contains_lowercased(text: &str, lower: &str) -> bool {
    if text.is_ascii() && lower.is_ascii() {
        let (text, lower) = (text.as_bytes(), lower.as_bytes());
        lower.is_empty()
            || text
                .windows(lower.len())
                .any(|w| w.eq_ignore_ascii_case(lower))
    } else {
        text.to_lowercase().contains(lower)
    }
}

/// A corpus made ready for filtering: every haystack converted for the
/// matcher and every body's words indexed for phrase search. Built once per
/// corpus, off the key path.
#[derive(Debug, Default)]
pub struct Prepared {
    pub haystacks: Haystacks,
    pub phrases: PhraseIndex,
}

impl Prepared {
    /// Prepare `docs`, both halves in parallel on the current rayon pool.
    pub fn new(docs: &[Document]) -> Prepared {
        let (haystacks, phrases) = rayon::join(|| Haystacks::new(docs), || PhraseIndex::new(docs));
        Prepared { haystacks, phrases }
    }

    /// Bytes held, for the memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.haystacks.heap_bytes() + self.phrases.heap_bytes()
    }
}

/// A query compiled against a corpus: entity names resolved, the fuzzy
/// pattern built once.
pub struct Filter {
    query: Query,
    fuzzy: FuzzyPattern,
    /// Resolved `@name` terms; `None` for a name no entity matches, which
    /// then matches no document.
    entities: Vec<Option<EntityIdx>>,
    /// Scratch space for [`highlight`](Self::highlight), which drawing
    /// calls through a shared reference.
    matcher: Mutex<Matcher>,
}

impl std::fmt::Debug for Filter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Filter")
            .field("query", &self.query)
            .field("entities", &self.entities)
            .finish_non_exhaustive()
    }
}

impl Filter {
    pub fn new(query: Query, index: &EntityIndex) -> Filter {
        let fuzzy = FuzzyPattern::new(&query.text);
        let entities = query.entities.iter().map(|name| index.find(name)).collect();
        Filter {
            query,
            fuzzy,
            entities,
            matcher: Mutex::new(matcher::new_matcher()),
        }
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The resolved entity of every `@name` term.
    pub fn entities(&self) -> &[Option<EntityIdx>] {
        &self.entities
    }

    /// The documents the filter keeps, best first, ties in corpus order.
    /// Prepares the corpus first: for one-off use (the command line,
    /// tests); the reader keeps a [`Prepared`] and calls [`run`](Self::run).
    pub fn apply(&self, docs: &[Document], index: &EntityIndex) -> Vec<DocIdx> {
        if self.query.is_empty() {
            return (0..docs.len()).collect();
        }
        self.run(&Prepared::new(docs), docs, index, None)
    }

    /// Like [`apply`](Self::apply), looking only at `candidates` (the
    /// previous result, when [`narrows`](Self::narrows) allows). It too
    /// prepares the corpus on every call, so it is for tests of narrowing;
    /// the reader narrows through [`live`](super::live) with one kept
    /// [`Prepared`].
    pub fn apply_within(
        &self,
        docs: &[Document],
        index: &EntityIndex,
        candidates: &[DocIdx],
    ) -> Vec<DocIdx> {
        self.run(&Prepared::new(docs), docs, index, Some(candidates))
    }

    /// Whether every document this query keeps was kept by `previous`.
    pub fn narrows(&self, previous: &Query) -> bool {
        self.query.narrows(previous)
    }

    /// The documents of `candidates` (all when `None`) the filter keeps,
    /// best first, ties in corpus order. Runs on the current rayon pool.
    pub fn run(
        &self,
        prepared: &Prepared,
        docs: &[Document],
        index: &EntityIndex,
        candidates: Option<&[DocIdx]>,
    ) -> Vec<DocIdx> {
        let pool = self.pool(prepared, docs, index, candidates, None);
        let all: Vec<DocIdx>;
        let pool: &[DocIdx] = match (&pool, candidates) {
            (Some(p), _) => p,
            (None, Some(c)) => c,
            (None, None) => {
                all = (0..docs.len()).collect();
                &all
            }
        };
        let keep = |d: DocIdx| self.keeps(d, docs, index);
        matcher::rank(&self.fuzzy, &prepared.haystacks, pool, &keep).docs()
    }

    /// Like [`run`](Self::run), narrowing `earlier` (an answer to a query
    /// this one [`narrows`](Self::narrows)) when given, and keeping the
    /// scores so the next query can narrow this answer in turn. The
    /// earlier hits already passed its `@`, `source:` and unchanged phrase
    /// terms, so only what changed is checked again, and on the usual
    /// keystroke only the last word is scored. Given up (`None`) once
    /// `stop` says so (phrase scans run to their end first).
    pub fn rerun(
        &self,
        prepared: &Prepared,
        docs: &[Document],
        index: &EntityIndex,
        earlier: Option<(&Query, &Ranked)>,
        stop: Stop<'_>,
    ) -> Option<Ranked> {
        let Some((query, ranked)) = earlier.filter(|(q, _)| self.narrows(q)) else {
            let pool = self.pool(prepared, docs, index, None, None);
            let all: Vec<DocIdx>;
            let pool: &[DocIdx] = match &pool {
                Some(p) => p,
                None => {
                    all = (0..docs.len()).collect();
                    &all
                }
            };
            let keep = |d: DocIdx| self.keeps(d, docs, index);
            return matcher::rank_until(&self.fuzzy, &prepared.haystacks, pool, &keep, stop);
        };
        let changed = |i: usize| query.phrases.get(i) != self.query.phrases.get(i);
        let pool = if (0..self.query.phrases.len()).any(changed) {
            let candidates = ranked.docs();
            self.pool(prepared, docs, index, Some(&candidates), Some(query))
        } else {
            None
        };
        match pool {
            Some(pool) => {
                let mut member = vec![false; docs.len()];
                for &d in &pool {
                    if let Some(m) = member.get_mut(d) {
                        *m = true;
                    }
                }
                let keep = |d: DocIdx| member.get(d).copied().unwrap_or(false);
                matcher::rerank(&self.fuzzy, &prepared.haystacks, ranked, &keep, stop)
            }
            None => matcher::rerank(&self.fuzzy, &prepared.haystacks, ranked, &|_| true, stop),
        }
    }

    /// The smallest set at hand to match within, before the fuzzy words,
    /// `@` and `source:` terms: `None` for the candidates (or every
    /// document), else the documents of the first `@` term (without
    /// candidates) and of every phrase. Phrases equal to `earlier`'s at
    /// the same place are skipped: the candidates hold them already.
    fn pool(
        &self,
        prepared: &Prepared,
        docs: &[Document],
        index: &EntityIndex,
        candidates: Option<&[DocIdx]>,
        earlier: Option<&Query>,
    ) -> Option<Vec<DocIdx>> {
        let mut pool: Option<Vec<DocIdx>> = None;
        if candidates.is_none() && !self.entities.is_empty() {
            let first = self.entities[0].map(|e| index.docs_of(e).collect());
            pool = Some(first.unwrap_or_default());
        }
        for (i, phrase) in self.query.phrases.iter().enumerate() {
            if earlier.is_some_and(|q| q.phrases.get(i) == Some(phrase)) {
                continue;
            }
            pool = Some(match (&pool, candidates) {
                (Some(p), _) => prepared.phrases.retain(phrase, p, docs),
                (None, Some(c)) => prepared.phrases.retain(phrase, c, docs),
                (None, None) => prepared.phrases.find(phrase, docs),
            });
        }
        pool
    }

    /// The `source:` and `@` terms: whether document `d` passes them.
    fn keeps(&self, d: DocIdx, docs: &[Document], index: &EntityIndex) -> bool {
        let Some(doc) = docs.get(d) else { return false };
        for source in &self.query.sources {
            let Some(outlet) = doc.source.as_deref() else {
                return false;
            };
            if !contains_lowercased(outlet, source) {
                return false;
            }
        }
        self.entities
            .iter()
            .all(|e| e.is_some_and(|e| index.mentioned_in(e, d)))
    }

    /// Char indices of `text` matched by the free text, for highlighting.
    pub fn highlight(&self, text: &str) -> Vec<usize> {
        if self.fuzzy.is_empty() {
            return Vec::new();
        }
        let mut matcher = self.matcher.lock().unwrap_or_else(|e| e.into_inner());
        self.fuzzy
            .indices(text, &mut matcher)
            .map(|(_, idx)| idx)
            .unwrap_or_default()
    }

    /// Byte ranges of `body` where the query's phrases occur.
    pub fn phrase_hits(&self, body: &str) -> Vec<(usize, usize)> {
        let mut hits: Vec<(usize, usize)> = self
            .query
            .phrases
            .iter()
            .flat_map(|p| super::phrase::find_in(body, p))
            .collect();
        hits.sort_unstable();
        hits.dedup();
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{Entity, Kind, Mention};

    fn doc(title: &str, source: Option<&str>) -> Document {
        Document {
            path: String::new(),
            source: source.map(Into::into),
            ..Document::from_text(title, title, "")
        }
    }

    #[test]
    fn parses_terms_and_text() {
        let q = Query::parse("camp  @MEK Source:CNN @\"Camp Ashraf\" iraq");
        assert_eq!(q.text, "camp iraq");
        assert_eq!(q.entities, vec!["MEK", "Camp Ashraf"]);
        assert_eq!(q.sources, vec!["cnn"]);
        let half = Query::parse("@ source: source:\"daily trib");
        assert_eq!(half.entities, Vec::<String>::new());
        assert_eq!(half.sources, vec!["daily trib"]);
        assert!(Query::parse("   ").is_empty());
    }

    #[test]
    fn narrowing_gives_the_same_result_as_a_full_run() {
        let docs: Vec<Document> = [
            ("Iran talks in Geneva", Some("CNN")),
            ("Iraq camp closes", Some("AP")),
            ("Iranian opposition in Iraq", Some("CNN")),
            ("Irrigation in Iowa", None),
        ]
        .iter()
        .map(|(t, s)| doc(t, *s))
        .collect();
        let index = EntityIndex::new(Vec::new(), docs.len());
        let typed = "source:cnn Iran i";
        let mut prev = Filter::new(Query::parse(""), &index);
        let mut list = prev.apply(&docs, &index);
        for end in 1..=typed.len() {
            let next = Filter::new(Query::parse(&typed[..end]), &index);
            let full = next.apply(&docs, &index);
            if next.narrows(prev.query()) {
                assert_eq!(
                    next.apply_within(&docs, &index, &list),
                    full,
                    "{}",
                    &typed[..end]
                );
            }
            list = full;
            prev = next;
        }
        let a = Filter::new(Query::parse("ira"), &index);
        assert!(a.narrows(&Query::parse("ir")));
        assert!(!a.narrows(&Query::parse("iz")));
        assert!(!Filter::new(Query::parse("@mek ira"), &index).narrows(&Query::parse("ira")));
    }

    #[test]
    fn parse_is_char_safe() {
        let q = Query::parse("é@ü source:ß 日本");
        assert_eq!(q.text, "é@ü 日本");
        assert_eq!(q.sources, vec!["ß"]);
    }

    #[test]
    fn narrows_by_outlet_and_entity() {
        let docs = vec![
            doc("Allies in Iran", Some("Columbia Daily Tribune")),
            doc("U.S. protects group", Some("CNN")),
            doc("Another CNN story", Some("CNN")),
            doc("No outlet", None),
        ];
        let mek = Entity {
            id: "org:mek".into(),
            name: "MEK".into(),
            kind: Kind::Org,
            aliases: vec!["MEK".into()],
            mentions: vec![
                Mention {
                    doc: 0,
                    start: 0,
                    end: 3,
                },
                Mention {
                    doc: 2,
                    start: 0,
                    end: 3,
                },
            ],
        };
        let index = EntityIndex::new(vec![mek], docs.len());
        let run = |q: &str| Filter::new(Query::parse(q), &index).apply(&docs, &index);
        assert_eq!(run(""), vec![0, 1, 2, 3]);
        assert_eq!(run("source:cnn"), vec![1, 2]);
        assert_eq!(run("source:daily"), vec![0]);
        assert_eq!(run("@mek"), vec![0, 2]);
        assert_eq!(run("@mek source:cnn"), vec![2]);
        assert_eq!(run("@nobody-at-all-zzz"), Vec::<usize>::new());
        assert_eq!(run("protects"), vec![1]);
        let f = Filter::new(Query::parse("prot"), &index);
        assert_eq!(f.highlight("U.S. protects"), vec![5, 6, 7, 8]);
    }
}
