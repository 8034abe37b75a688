//! The source-list filter: parsing what the user types after `/` into a
//! [`Query`] and applying it to a corpus.
//!
//! A query is free text matched fuzzily over title, outlet and author, plus
//! narrowing terms: `@name` keeps articles that mention an entity (resolved
//! with [`EntityIndex::find`]) and `source:cnn` keeps articles whose outlet
//! contains the word, ignoring case. Either term takes a quoted value
//! (`@"Camp Ashraf"`, `source:"daily tribune"`). Terms combine with AND.

use crate::entities::{EntityIdx, EntityIndex};
use crate::store::{DocIdx, Document};

use super::{Fuzzy, haystack};

/// A parsed filter query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The free text, matched fuzzily; empty when the query only narrows.
    pub text: String,
    /// `@name` terms: entity names to resolve against the index.
    pub entities: Vec<String>,
    /// `source:` terms: outlet substrings, lowercased.
    pub sources: Vec<String>,
}

impl Query {
    /// Parse a query. Never fails: anything that is not a term is text, and
    /// an empty term (`@` alone, `source:` alone) is ignored while typing.
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        let mut text: Vec<&str> = Vec::new();
        let mut rest = input.trim_start();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('@') {
                let (value, tail) = take_value(after);
                if !value.is_empty() {
                    query.entities.push(value.to_string());
                }
                rest = tail;
            } else if let Some(after) = strip_prefix_ignore_case(rest, "source:") {
                let (value, tail) = take_value(after);
                if !value.is_empty() {
                    query.sources.push(value.to_lowercase());
                }
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
        self.text.is_empty() && self.entities.is_empty() && self.sources.is_empty()
    }
}

/// `s` without `prefix`, compared ignoring ASCII case.
fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// A term's value: a double-quoted string (closing quote optional, so a
/// half-typed query still works) or a run up to the next whitespace.
fn take_value(s: &str) -> (&str, &str) {
    if let Some(quoted) = s.strip_prefix('"') {
        match quoted.find('"') {
            Some(end) => (quoted[..end].trim(), &quoted[end + 1..]),
            None => (quoted.trim(), ""),
        }
    } else {
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        (&s[..end], &s[end..])
    }
}

/// A query compiled against a corpus: entity names resolved, the fuzzy
/// pattern built once.
pub struct Filter {
    query: Query,
    fuzzy: Option<Fuzzy>,
    /// Resolved `@name` terms; `None` for a name no entity matches, which
    /// then matches no document.
    entities: Vec<Option<EntityIdx>>,
}

impl Filter {
    pub fn new(query: Query, index: &EntityIndex) -> Filter {
        let fuzzy = (!query.text.is_empty()).then(|| Fuzzy::new(&query.text));
        let entities = query.entities.iter().map(|name| index.find(name)).collect();
        Filter {
            query,
            fuzzy,
            entities,
        }
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The resolved entity of every `@name` term.
    pub fn entities(&self) -> &[Option<EntityIdx>] {
        &self.entities
    }

    /// Score of a document, `None` when the filter drops it. Documents that
    /// pass only narrowing terms all score 0.
    pub fn score(&self, doc_idx: DocIdx, doc: &Document, index: &EntityIndex) -> Option<i64> {
        for source in &self.query.sources {
            let outlet = doc.source.as_deref()?.to_lowercase();
            if !outlet.contains(source.as_str()) {
                return None;
            }
        }
        for e in &self.entities {
            let entity = index.entities().get((*e)?)?;
            entity.docs.binary_search(&doc_idx).ok()?;
        }
        match &self.fuzzy {
            Some(fuzzy) => fuzzy.score(&haystack(doc)),
            None => Some(0),
        }
    }

    /// The documents the filter keeps, best first, ties in corpus order.
    pub fn apply(&self, docs: &[Document], index: &EntityIndex) -> Vec<DocIdx> {
        if self.query.is_empty() {
            return (0..docs.len()).collect();
        }
        self.rank(docs, index, 0..docs.len())
    }

    /// Like [`apply`](Self::apply), looking only at `candidates`: the
    /// previous result when [`narrows`](Self::narrows) says this query can
    /// only keep fewer documents, which makes each typed character cheaper
    /// than the last.
    pub fn apply_within(
        &self,
        docs: &[Document],
        index: &EntityIndex,
        candidates: &[DocIdx],
    ) -> Vec<DocIdx> {
        self.rank(docs, index, candidates.iter().copied())
    }

    /// Whether every document this query keeps was kept by `previous`: the
    /// same narrowing terms and free text that extends the previous text.
    /// A fuzzy pattern that extends another matches a subset of its
    /// matches (a subsequence of a subsequence), smart case included.
    pub fn narrows(&self, previous: &Query) -> bool {
        self.query.entities == previous.entities
            && self.query.sources == previous.sources
            && self.query.text.starts_with(&previous.text)
    }

    fn rank(
        &self,
        docs: &[Document],
        index: &EntityIndex,
        candidates: impl Iterator<Item = DocIdx>,
    ) -> Vec<DocIdx> {
        let mut hits: Vec<(i64, DocIdx)> = candidates
            .filter_map(|i| {
                let doc = docs.get(i)?;
                self.score(i, doc, index).map(|s| (s, i))
            })
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        hits.into_iter().map(|(_, i)| i).collect()
    }

    /// Char indices of `text` matched by the free text, for highlighting.
    pub fn highlight(&self, text: &str) -> Vec<usize> {
        self.fuzzy
            .as_ref()
            .and_then(|f| f.indices(text))
            .map(|(_, idx)| idx)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{Entity, Kind, Mention};

    fn doc(title: &str, source: Option<&str>) -> Document {
        Document {
            id: title.into(),
            path: String::new(),
            title: title.into(),
            source: source.map(Into::into),
            author: None,
            date: None,
            url: None,
            body: String::new(),
            raw: String::new(),
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
            docs: vec![],
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
