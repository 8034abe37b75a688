//! The descriptor patterns, each reading the tokens around one mention:
//! appositives after and before the name, modifiers inside its noun phrase,
//! passive and copular predicates, and active framing verbs. Each returns
//! the phrase's token span or nothing; [`Reader::read`] collects them.

use super::{MAX_WORDS, Reader, Span, Stop, is_in};
use crate::compare::lex;

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

impl Reader<'_> {
    /// "X, a …", "X – the …", "X, vice president of …", "X, considered …",
    /// "X, which is …".
    pub(super) fn appositive_after(&self, i: usize) -> Option<Span> {
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
    pub(super) fn closes(&self, i: usize) -> bool {
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
    pub(super) fn framed(&self, j: usize) -> Option<Span> {
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
    pub(super) fn subject_predicate(&self, head: usize, after: usize) -> Option<Span> {
        if head > 0 && self.word(head - 1).is_some_and(lex::is_prep) {
            return None;
        }
        self.predicate(after)
    }

    /// "X is regarded as …", "X has repeatedly been denounced as …", "X is a …".
    pub(super) fn predicate(&self, i: usize) -> Option<Span> {
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
    pub(super) fn appositive_before(&self, head: usize, after: usize) -> Option<Span> {
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
    pub(super) fn modifiers(&self, first: usize, after: usize) -> Option<Span> {
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
        if k == first || k == 0 || !self.word(k - 1).is_some_and(lex::is_det) {
            return None;
        }
        let verb_like = (k + 1..first)
            .filter_map(|i| self.word(i))
            .any(|w| w.ends_with("ed") || w.ends_with('s') || w.ends_with("ing"));
        (!verb_like && self.acceptable(k, first)).then_some((k, first))
    }

    /// "considers the MEK a terrorist organization", "listed the MEK as …".
    pub(super) fn active(&self, head: usize, after: usize) -> Option<Span> {
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
