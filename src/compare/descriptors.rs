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

/// Past participles that frame an entity passively ("is regarded as").
const FRAMING: &[&str] = &[
    "regarded",
    "considered",
    "seen",
    "viewed",
    "described",
    "denounced",
    "labeled",
    "labelled",
    "branded",
    "designated",
    "listed",
    "classified",
    "deemed",
    "perceived",
    "portrayed",
    "characterized",
    "characterised",
    "recognized",
    "recognised",
    "called",
    "dubbed",
    "condemned",
];

/// Framing participles that take their description without "as"
/// ("considered a threat").
const FRAMING_BARE: &[&str] = &["considered", "deemed", "called", "dubbed"];

/// Active framing verbs ("the United States considers X a source of …").
const FRAMING_ACTIVE: &[&str] = &[
    "consider",
    "considers",
    "considered",
    "regard",
    "regards",
    "regarded",
    "view",
    "views",
    "viewed",
    "describe",
    "describes",
    "described",
    "call",
    "calls",
    "called",
    "label",
    "labels",
    "labeled",
    "labelled",
    "brand",
    "brands",
    "branded",
    "designate",
    "designates",
    "designated",
    "list",
    "lists",
    "listed",
    "denounce",
    "denounces",
    "denounced",
    "deem",
    "deems",
    "deemed",
    "dub",
    "dubs",
    "dubbed",
];

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
    for m in mentions.iter().filter(|m| m.entity == entity) {
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
        let first = self.toks.partition_point(|t| t.end <= m.start);
        let last = self.toks.partition_point(|t| t.start < m.end);
        (first < last).then_some((first, last))
    }

    /// The mention starting at token `i`, as (entity, one past its last
    /// token).
    fn mention_at(&self, i: usize) -> Option<(EntityIdx, usize)> {
        let tok = self.toks.get(i)?;
        let k = self.mentions.partition_point(|m| m.start < tok.start);
        let m = self.mentions.get(k).filter(|m| m.start < tok.end)?;
        Some((m.entity, self.span(m)?.1))
    }

    /// Whether tokens `from..to` hold a mention of the entity described.
    fn names_entity(&self, from: usize, to: usize) -> bool {
        let (start, end) = (self.toks[from].start, self.toks[to - 1].end);
        let k = self.mentions.partition_point(|m| m.start < start);
        self.mentions[k..]
            .iter()
            .take_while(|m| m.start < end)
            .any(|m| m.entity == self.entity)
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

    /// "X, a …", "X – the …", "X, vice president of …", "X, considered …",
    /// "X, which is …".
    fn appositive_after(&self, i: usize) -> Option<Span> {
        if !self.is_punct(i, &[",", "—", "–", "-"]) {
            return None;
        }
        let mut j = i + 1;
        while self.word(j).is_some_and(lex::is_adverb) {
            j += 1;
        }
        let w = self.word(j)?;
        if is_in(w, FRAMING) {
            return self.framed(j);
        }
        if is_in(w, &["which", "who"]) {
            return self.predicate(j + 1);
        }
        let opens = lex::is_np_opener(w)
            || self.word(j + 1).is_some_and(lex::is_possessive)
            || (lex::starts_lower(w)
                && !lex::is_function_word(w)
                && !lex::is_quantifier(w)
                && !lex::is_clause_word(w)
                && !w.ends_with("ing")
                && !w.ends_with("ed")
                && (j + 1..j + 4).any(|k| self.is(k, "of")));
        // "Iraq, the United States needs …": a new clause's subject.
        let names_other = lex::is_det(w)
            && self
                .mention_at(j + 1)
                .is_some_and(|(e, _)| e != self.entity);
        if !opens || names_other {
            return None;
        }
        let (span, stop) = self.phrase(j)?;
        (stop == Stop::Boundary && self.closes(span.1)).then_some(span)
    }

    /// Whether the text from `i` to the next punctuation is no main clause:
    /// in "According to Rathbun, a detective for the Sheriff's office was
    /// provided …" the phrase after the comma is a subject, not an
    /// appositive.
    fn closes(&self, i: usize) -> bool {
        for k in i..i + 3 * MAX_WORDS {
            match self.word(k) {
                None => return true,
                Some(w) if lex::is_relative(w) => return true,
                Some(w) if lex::is_aux(w) => return false,
                Some(_) => {}
            }
        }
        false
    }

    /// After a framing participle at `j`: "[by …] as PHRASE", or a bare
    /// PHRASE for "considered" and kin.
    fn framed(&self, j: usize) -> Option<Span> {
        let verb = self.word(j)?;
        let mut k = j + 1;
        if self.is(k, "by") {
            // "regarded by both the Iranian and the U.S. government as …"
            k = (k + 1..k + 12)
                .take_while(|&x| self.word(x).is_some())
                .find(|&x| self.is(x, "as"))?;
        }
        if self.is(k, "as") {
            return self.phrase(k + 1).map(|(span, _)| span);
        }
        if !is_in(verb, FRAMING_BARE) {
            return None;
        }
        if self.is(k, "to") && self.is(k + 1, "be") {
            k += 2;
        }
        // Without "as", only an indefinite or descriptive phrase: ", called
        // Jeffrey's proposal …" is a verb and its object, not a framing.
        let bare = self
            .word(k)
            .is_some_and(|w| is_in(w, &["a", "an"]) || (lex::is_content(w) && !lex::is_det(w)));
        if !bare {
            return None;
        }
        self.phrase(k).map(|(span, _)| span)
    }

    /// The predicate of the name when it is a subject: not when it is the
    /// object of a preposition ("the trafficking of women in Iran is …").
    fn subject_predicate(&self, head: usize, after: usize) -> Option<Span> {
        if head > 0 && self.word(head - 1).is_some_and(lex::is_prep) {
            return None;
        }
        self.predicate(after)
    }

    /// "X is regarded as …", "X has repeatedly been denounced as …", "X is a …".
    fn predicate(&self, i: usize) -> Option<Span> {
        let mut j = i;
        let copula = if self.word(j).is_some_and(lex::is_be) {
            j += 1;
            true
        } else if ["has", "have", "had"].iter().any(|w| self.is(j, w)) {
            j += 1;
            while self.word(j).is_some_and(lex::is_adverb) {
                j += 1;
            }
            if !self.is(j, "been") {
                return None;
            }
            j += 1;
            true
        } else {
            false
        };
        if !copula {
            return None;
        }
        while self.word(j).is_some_and(lex::is_adverb) {
            j += 1;
        }
        let w = self.word(j)?;
        if w.eq_ignore_ascii_case("known") {
            return None; // "is known as": an alias.
        }
        if is_in(w, FRAMING) {
            return self.framed(j);
        }
        if lex::is_det(w) {
            return self.phrase(j).map(|(span, _)| span);
        }
        None
    }

    /// "the main Iranian opposition, the MEK." with `head` the first token
    /// of the name (its determiner included) and `after` the token after it.
    fn appositive_before(&self, head: usize, after: usize) -> Option<Span> {
        // The appositive must close right after the name, or the comma was
        // the end of an opening phrase ("In the talks with Iran, the …").
        let closed = self.toks.get(after).is_none_or(|t| !t.word)
            && !self.is_punct(after, &["(", "'", "’", "\"", "”"]);
        if head < 2 || !closed || !self.is_punct(head - 1, &[",", "—", "–"]) {
            return None;
        }
        // "a boy from Irving, Texas", "with Lukaku, Carrasco": a comma after
        // a name joins names, it does not open an appositive.
        if self
            .word(head - 2)
            .is_none_or(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return None;
        }
        let end = head - 1;
        let mut start = None;
        let mut k = end;
        while k > 0 && end - k <= MAX_WORDS + 2 {
            k -= 1;
            let Some(w) = self.word(k) else { break };
            if lex::is_aux(w) || lex::is_clause_word(w) {
                break;
            }
            if lex::is_possessive(w) && k > 0 {
                // "the Afghan team's coach": a determiner may still come.
                start = Some(k - 1);
                continue;
            }
            if lex::is_np_opener(w) {
                start = Some(k);
            } else {
                continue;
            }
            // "the most potent opposition against the mullahs": a
            // prepositional phrase belongs to the noun before it.
            if !(k > 0 && self.word(k - 1).is_some_and(lex::is_prep)) {
                break;
            }
        }
        let start = start?;
        // "In the midst of …, the X", "After the match, X": an opening
        // adverbial, not an appositive.
        if start > 0
            && self
                .word(start - 1)
                .is_some_and(|w| lex::is_prep(w) || lex::is_clause_word(w))
        {
            return None;
        }
        self.acceptable(start, end).then_some((start, end))
    }

    /// "the exiled MEK": descriptive words between a determiner and the name
    /// (the determiner left out), when the name ends its noun phrase ("the
    /// defenseless MEK members" describes the members). Only lowercase words
    /// or compounds ("Paris-based") and no verb after a noun: in "the group
    /// invaded Iraq" the words before the name are a clause.
    fn modifiers(&self, first: usize, after: usize) -> Option<Span> {
        let ends_np = match self.word(after) {
            None => true,
            Some(w) => lex::is_function_word(w) || lex::is_clause_word(w),
        };
        if !ends_np || first == 0 {
            return None;
        }
        let mut k = first;
        while k > 0 && first - k < 3 {
            let w = self.word(k - 1)?;
            if lex::is_det(w) {
                break;
            }
            if !lex::is_content(w) || lex::is_clause_word(w) {
                return None;
            }
            k -= 1;
        }
        if k == first || !self.word(k - 1).is_some_and(lex::is_det) {
            return None;
        }
        let verb_like = (k + 1..first)
            .filter_map(|i| self.word(i))
            .any(|w| w.ends_with("ed") || w.ends_with('s') || w.ends_with("ing"));
        (!verb_like && self.acceptable(k, first)).then_some((k, first))
    }

    /// "considers the MEK a terrorist organization", "listed the MEK as …".
    fn active(&self, head: usize, after: usize) -> Option<Span> {
        if head == 0
            || !self
                .word(head - 1)
                .is_some_and(|w| is_in(w, FRAMING_ACTIVE))
        {
            return None;
        }
        // ", or MEK, a source of …": the alias leaves its closing comma.
        let j = if self.is_punct(after, &[","]) {
            after + 1
        } else {
            after
        };
        if self.is(j, "as") {
            return self.phrase(j + 1).map(|(span, _)| span);
        }
        if self.word(j).is_some_and(|w| is_in(w, &["a", "an"])) {
            return self.phrase(j).map(|(span, _)| span);
        }
        None
    }
}
