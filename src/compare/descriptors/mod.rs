//! Descriptors: the phrases an article attaches to an entity, which is where
//! its framing shows ("the main Iranian opposition" against "a terrorist
//! group").
//!
//! Each mention is read in place, on the tokens of [`super::lex`], against a
//! handful of English patterns:
//!
//! - appositive after the name: "the MEK, a source of …", "Parsaii, vice
//!   president of MEK", "X, considered … by …", "X, which is regarded as …";
//! - appositive before it: "the main Iranian opposition, the MEK (…)";
//! - modifiers inside its noun phrase: "the exiled MEK";
//! - passive and copular predicates: "X is regarded (by …) as …", "X has
//!   been denounced as …", "X is considered …", "X is a …";
//! - active framing verbs: "considers X a …", "listed X as …".
//!
//! Aliases are skipped, never reported ("X, also known as Y", "X, or Y",
//! "X (Y)"), and a phrase that names the entity itself is a gloss of its
//! name, not a description. Phrases end at clause boundaries (punctuation,
//! "that", "by", "because", an auxiliary), lose trailing function words, must
//! hold at least one descriptive (lowercase) word, and are dropped when still
//! longer than [`MAX_WORDS`]: accurate rather than long.

use serde::Serialize;

mod patterns;

use super::lex::{self, Tok};
use crate::entities::{DocMention, EntityIdx};

/// Longest descriptor kept, in words.
pub const MAX_WORDS: usize = 10;

/// One descriptive phrase: its byte range in the body and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Descriptor {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Words that make a phrase a gloss of the name rather than a description
/// ("the Farsi initials of …").
const GLOSS: &[&str] = &["initials", "acronym", "abbreviation"];

fn is_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The descriptors `body` attaches to `entity`, in order of first
/// appearance, without duplicates. `mentions` are the document's mentions
/// sorted by start (as [`crate::entities::EntityIndex::mentions_in`] gives
/// them).
pub fn describe(body: &str, mentions: &[DocMention], entity: EntityIdx) -> Vec<Descriptor> {
    describe_lexed(body, &lex::lex(body), mentions, entity)
}

/// [`describe`] on a body already cut into tokens, so several entities of one
/// document share the work.
pub fn describe_lexed(
    body: &str,
    toks: &[Tok],
    mentions: &[DocMention],
    entity: EntityIdx,
) -> Vec<Descriptor> {
    let reader = Reader {
        body,
        toks,
        mentions,
        entity,
    };
    let mut found: Vec<Descriptor> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for m in mentions.iter().filter(|m| m.entity_idx() == entity) {
        let Some((first, last)) = reader.span(m) else {
            continue;
        };
        for (from, to) in reader.read(first, last) {
            let (start, end) = (toks[from].start, toks[to - 1].end);
            let text = body[start..end].to_string();
            let key = normalise(&text);
            if !seen.contains(&key) {
                seen.push(key);
                found.push(Descriptor { start, end, text });
            }
        }
    }
    found.sort_by_key(|d| d.start);
    found
}

/// Lowercase, single-spaced, with typographic quotes made plain: the form
/// under which two phrasings count as the same descriptor.
fn normalise(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A phrase as a half-open token range.
type Span = (usize, usize);

/// Why a forward phrase stopped: a clause-level stop (an auxiliary, running
/// too long) makes an appositive reading doubtful.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Boundary,
    Aux,
}

struct Reader<'a> {
    body: &'a str,
    toks: &'a [Tok],
    mentions: &'a [DocMention],
    entity: EntityIdx,
}

impl Reader<'_> {
    fn text(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.body))
    }

    /// The text of token `i` when it is a word.
    fn word(&self, i: usize) -> Option<&str> {
        self.toks
            .get(i)
            .filter(|t| t.word)
            .map(|t| t.text(self.body))
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.word(i).is_some_and(|w| w.eq_ignore_ascii_case(word))
    }

    fn is_punct(&self, i: usize, marks: &[&str]) -> bool {
        self.toks.get(i).is_some_and(|t| !t.word) && marks.contains(&self.text(i))
    }

    /// Tokens covered by mention `m`, as (first, one past last).
    fn span(&self, m: &DocMention) -> Option<Span> {
        let first = self.toks.partition_point(|t| t.end <= m.start as usize);
        let last = self.toks.partition_point(|t| t.start < m.end as usize);
        (first < last).then_some((first, last))
    }

    /// The mention starting at token `i`, as (entity, one past its last
    /// token).
    fn mention_at(&self, i: usize) -> Option<(EntityIdx, usize)> {
        let tok = self.toks.get(i)?;
        let k = self
            .mentions
            .partition_point(|m| (m.start as usize) < tok.start);
        let m = self
            .mentions
            .get(k)
            .filter(|m| (m.start as usize) < tok.end)?;
        Some((m.entity_idx(), self.span(m)?.1))
    }

    /// Whether tokens `from..to` hold a mention of the entity described.
    fn names_entity(&self, from: usize, to: usize) -> bool {
        let (start, end) = (self.toks[from].start, self.toks[to - 1].end);
        let k = self
            .mentions
            .partition_point(|m| (m.start as usize) < start);
        self.mentions[k..]
            .iter()
            .take_while(|m| (m.start as usize) < end)
            .any(|m| m.entity_idx() == self.entity)
    }

    /// An acronym standing in for a name: "MKO", "MEK", "U.N.".
    fn is_acronym(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            letters >= 2 && !w.chars().any(char::is_lowercase)
        })
    }

    /// The same entity, or an acronym, starting at `i`: one past its end.
    fn alias_at(&self, i: usize) -> Option<usize> {
        match self.mention_at(i) {
            Some((e, end)) if e == self.entity => Some(end),
            _ if self.is_acronym(i) => Some(i + 1),
            _ => None,
        }
    }

    /// Step over what renames the entity right after a mention: "(MEK)",
    /// ", or MKO", ", also known as Mojahedin Khalq Organization".
    fn skip_aliases(&self, mut i: usize) -> usize {
        loop {
            if self.is_punct(i, &["("])
                && let Some(end) = self.alias_at(i + 1)
                && self.is_punct(end, &[")"])
            {
                i = end + 1;
            } else if self.is_punct(i, &[","])
                && self.is(i + 1, "or")
                && let Some(end) = self.alias_at(i + 2)
            {
                i = end;
            } else if let Some(j) = self.known_as(i) {
                // A name not recognised as a mention: its capitalised words.
                i = self.alias_at(j).unwrap_or_else(|| {
                    let mut k = j;
                    while self.word(k).is_some_and(|w| !lex::starts_lower(w)) {
                        k += 1;
                    }
                    k
                });
            } else {
                return i;
            }
        }
    }

    /// After ", also known as" / "a.k.a.": the index of the name.
    fn known_as(&self, i: usize) -> Option<usize> {
        let i = if self.is_punct(i, &[","]) { i + 1 } else { i };
        let i = if self.is(i, "also") { i + 1 } else { i };
        if self.is(i, "known") && self.is(i + 1, "as") {
            Some(i + 2)
        } else if self.is(i, "aka") || self.is(i, "a.k.a") {
            Some(i + 1)
        } else {
            None
        }
    }

    /// Every descriptor around the mention at tokens `first..last`.
    fn read(&self, first: usize, last: usize) -> Vec<Span> {
        let (first, last) = self.widen(first, last);
        let after = self.skip_aliases(last);
        // "the MEK": the determiner belongs to the name, not to a phrase.
        let head = if first > 0 && self.word(first - 1).is_some_and(lex::is_det) {
            first - 1
        } else {
            first
        };
        [
            self.appositive_after(after),
            self.appositive_before(head, after),
            self.modifiers(first, after),
            self.subject_predicate(head, after),
            self.active(head, after),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// A mention inside parentheses, "Mujahedin-e Khalq (MEK)", stands for
    /// the name before them: read the whole as one.
    fn widen(&self, first: usize, last: usize) -> Span {
        if first < 2 || !self.is_punct(first - 1, &["("]) || !self.is_punct(last, &[")"]) {
            return (first, last);
        }
        let mut start = first - 1;
        while start > 0
            && self
                .word(start - 1)
                .is_some_and(|w| !lex::starts_lower(w) || w == "e" || w == "al")
            && first - start < 6
        {
            start -= 1;
        }
        if start == first - 1 {
            (first, last)
        } else {
            (start, last + 1)
        }
    }

    /// The descriptive phrase starting at `i`, cut at the first clause
    /// boundary, trimmed of trailing function words.
    fn phrase(&self, mut i: usize) -> Option<(Span, Stop)> {
        if self.toks.get(i).is_some_and(|t| !t.word) && lex::is_quote(self.text(i)) {
            i += 1;
        }
        let mut end = i;
        let stop = loop {
            match self.word(end) {
                None => break Stop::Boundary,
                Some(w) if lex::is_aux(w) => break Stop::Aux,
                Some(w) if lex::is_clause_word(w) => break Stop::Boundary,
                Some(_) if end - i >= 2 * MAX_WORDS => return None,
                Some(_) => end += 1,
            }
        };
        while end > i
            && self
                .word(end - 1)
                .is_some_and(|w| lex::is_function_word(w) || w.eq_ignore_ascii_case("and"))
        {
            end -= 1;
        }
        self.acceptable(i, end).then_some(((i, end), stop))
    }

    /// Short enough, descriptive, and not a gloss of the entity's own name.
    fn acceptable(&self, from: usize, to: usize) -> bool {
        let words = to.saturating_sub(from);
        words > 0
            && words <= MAX_WORDS
            && (from..to).any(|k| self.word(k).is_some_and(lex::is_content))
            && !(from..to).any(|k| self.word(k).is_some_and(|w| is_in(w, GLOSS)))
            && !self.names_entity(from, to)
    }
}
