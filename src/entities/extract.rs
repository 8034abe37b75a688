//! Extraction: the candidate mentions of one cleaned body, each with a kind
//! (or none yet) and the evidence for it, plus the acronym links the text
//! states ("Mujahedin-e Khalq (MEK)", "…, or MKO", "also known as").
//!
//! Names are runs of capitalised words (with "of", "al", "de" … inside)
//! cut at titles, possessives and punctuation. The kind comes from curated
//! lists (places, usual aliases), cue words (Committee, Camp), titles and
//! given names, and context ("X said"); a run that is only a sentence's
//! first word and an ordinary English word ("However") is dropped.
//! Resolution (`resolve.rs`) decides what is left undecided.

use super::Kind;
use super::gazetteer::{Gazetteer, Lex};
use super::links;
use super::numeric;
use super::tokens::{TokKind, Token, tokenize};

/// How sure extraction is of a candidate's kind.
pub mod strength {
    /// No evidence: resolution decides.
    pub const NONE: u8 = 0;
    /// A default guess from the shape of the name.
    pub const WEAK: u8 = 1;
    /// Context ("X said", "in X, Iran").
    pub const CONTEXT: u8 = 2;
    /// A list, cue word, title or given name says so.
    pub const STRONG: u8 = 3;
}

/// One candidate mention in a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cand {
    pub start: usize,
    pub end: usize,
    /// First and last token, for link detection.
    pub first_tok: usize,
    pub last_tok: usize,
    /// The name as written (whitespace collapsed; dateline caps title-cased).
    pub name: String,
    pub kind: Option<Kind>,
    pub strength: u8,
    /// Group of a curated alias ("U.S." and "United States").
    pub alias: Option<u32>,
    /// The title written before a person ("Secretary of State").
    pub title: Option<String>,
    /// The mention is only a title ("the President").
    pub bare_title: bool,
    /// A single ordinary word, capitalised ("the Court"): kept only when it
    /// refers back to a named entity of the document.
    pub weak_common: bool,
    /// For "Camp Ashraf": "Ashraf", the same place without its cue word.
    pub bare_place: Option<String>,
    /// The name with the title and modifiers written before it ("U.S.
    /// President Donald Trump"), a surface form of the same person.
    pub long_form: Option<String>,
    /// Inside a longer name ("Colorado" in "Colorado State University").
    pub nested: bool,
}

/// What extraction finds in one document.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Extract {
    pub cands: Vec<Cand>,
    /// Pairs of candidate indices that the text says are the same entity.
    pub links: Vec<(usize, usize)>,
}

/// A run of tokens that may be a name: either one gazetteer phrase or one
/// token.
#[derive(Debug, Clone, Copy)]
struct Unit {
    first: usize,
    last: usize,
    lex: Option<Lex>,
}

pub struct Extractor<'a> {
    pub body: &'a str,
    pub toks: Vec<Token>,
    pub gaz: &'static Gazetteer,
    /// Longest gazetteer phrase starting at each token: its last token.
    phrase: Vec<Option<(usize, Lex)>>,
    used: Vec<bool>,
    /// Whether each token may be part of a name, `used` aside: worked out
    /// once per token in `new`, since the run loop asks again and again
    /// about the same words while it extends and cuts a name.
    name_word: Vec<bool>,
    /// First token of the name run being parsed.
    span_start: usize,
    /// The units of the run being parsed: one buffer for every run.
    units_buf: Vec<Unit>,
    out: Extract,
}

/// Extract the candidate mentions of one body.
pub fn extract(body: &str) -> Extract {
    let gaz = Gazetteer::get();
    let toks = tokenize(body, gaz);
    let mut x = Extractor::new(body, toks, gaz);
    x.run();
    links::find(&mut x);
    x.out
}

impl<'a> Extractor<'a> {
    fn new(body: &'a str, toks: Vec<Token>, gaz: &'static Gazetteer) -> Self {
        let mut phrase = vec![None; toks.len()];
        // Gazetteer phrases start at capitalised words; map their ends onto
        // tokens.
        for (first, t) in toks.iter().enumerate() {
            if !t.cap {
                continue;
            }
            let found = if t.plain {
                gaz.phrase_at_word(body, t.start, t.end)
            } else {
                gaz.phrase_at(body, t.start)
            };
            let Some((e, lex)) = found else {
                continue;
            };
            // A phrase ends a few tokens on: walk to it.
            if let Some(last) = toks[first..].iter().position(|t| t.end >= e)
                && toks[first + last].end == e
            {
                phrase[first] = Some((first + last, lex));
            }
        }
        let used = vec![false; toks.len()];
        let mut x = Extractor {
            body,
            toks,
            gaz,
            phrase,
            used,
            name_word: Vec::new(),
            span_start: 0,
            units_buf: Vec::new(),
            out: Extract::default(),
        };
        // Most tokens are not capitalised words: ruled out without a call.
        x.name_word = (0..x.toks.len())
            .map(|i| x.toks[i].is_capword() && x.may_be_name_word(i))
            .collect();
        x
    }

    pub fn text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.body[t.start..t.end])
    }

    pub fn cands_mut(&mut self) -> &mut Extract {
        &mut self.out
    }

    pub fn cands(&self) -> &[Cand] {
        &self.out.cands
    }

    fn run(&mut self) {
        let spans = numeric::scan(self.body, &self.toks, self.gaz);
        // Sized once: a candidate is large, and a growing list copies them.
        self.out.cands.reserve_exact(spans.len());
        for span in spans {
            for u in &mut self.used[span.first..=span.last] {
                *u = true;
            }
            let (start, end) = (self.toks[span.first].start, self.toks[span.last].end);
            self.push(span.first, span.last, Some(span.kind), strength::STRONG);
            if let Some(c) = self.out.cands.last_mut() {
                debug_assert_eq!((c.start, c.end), (start, end));
            }
        }
        // Dates and quantities come in text order; names nearly so. Keep
        // them apart and merge them, rather than sort them all together:
        // a candidate is large, and a sort moves it several times.
        let dates = std::mem::take(&mut self.out.cands);
        // Names come from capitalised words: a bound that is rarely passed.
        self.out.cands = Vec::with_capacity(self.toks.iter().filter(|t| t.cap).count());
        let mut i = 0;
        while i < self.toks.len() {
            if self.used[i] || !self.starts_name(i) {
                i += 1;
                continue;
            }
            if self.dateline(i) {
                i += 1;
                continue;
            }
            let last = self.extend(i);
            self.parse_span(i, last);
            i = last + 1;
        }
        let names = std::mem::take(&mut self.out.cands);
        self.out.cands = merge_sorted(dates, names);
    }

    fn is_name_word(&self, i: usize) -> bool {
        self.name_word.get(i).is_some_and(|&ok| ok && !self.used[i])
    }

    /// Whether token `i` may be part of a name, whether or not it is used
    /// already (what [`Extractor::is_name_word`] remembers).
    fn may_be_name_word(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        if !t.is_capword() {
            return false;
        }
        // "#IStandWithAhmed", "@CNN": hashtags and handles.
        if i > 0 && self.toks[i - 1].end == t.start && matches!(self.text(i - 1), "#" | "@") {
            return false;
        }
        let w = self.text(i);
        // "Image:" of a caption, "Photo": never inside a name.
        if self.gaz.is_not_name(w) && !self.gaz.is_org_cue(w) && self.phrase[i].is_none() {
            return false;
        }
        // "CON. RES." in a bill number, "UNLESS" shouted: not names.
        let next_is_word = self
            .toks
            .get(i + 1)
            .is_some_and(|n| n.is_capword() && !n.all_caps && !n.after_break);
        if t.all_caps && self.gaz.is_common(w) && self.phrase[i].is_none() && !next_is_word {
            return false;
        }
        // Party-and-state tags: "R-Calif.", "D-NY".
        let b = w.as_bytes();
        if b.len() >= 3 && matches!(b[0], b'R' | b'D' | b'I') && b[1] == b'-' {
            return false;
        }
        // Contractions: "I've", "Theres" aside, "Don't". (A plain token
        // has no apostrophe; every "’" starts with byte 0xE2: most words
        // are ruled out by one pass.)
        const CONTRACTIONS: [&str; 7] = ["ve", "ll", "re", "d", "m", "t", "s"];
        !(!t.plain
            && b.iter().any(|&c| c == b'\'' || c == 0xE2)
            && w.rsplit_once(['\'', '’'])
                .is_some_and(|(_, tail)| CONTRACTIONS.contains(&tail)))
    }

    fn starts_name(&self, i: usize) -> bool {
        self.is_name_word(i)
    }

    /// A dateline: "BAGHDAD, Iraq (CNN) —" at the start of a line.
    fn dateline(&mut self, i: usize) -> bool {
        let t = self.toks[i];
        if !t.line_start || !t.all_caps {
            return false;
        }
        let mut last = i;
        while self
            .toks
            .get(last + 1)
            .is_some_and(|n| n.all_caps && !n.after_break)
        {
            last += 1;
        }
        let next = self.text(last + 1);
        if !matches!(next, "," | "(" | "—" | "–" | "-") {
            return false;
        }
        let words: Vec<String> = (i..=last).map(|j| title_case(self.text(j))).collect();
        let name = words.join(" ");
        let known = self.gaz.lookup(&name);
        if words.iter().any(|w| self.gaz.is_common(w)) && known.is_none() {
            return false;
        }
        let alias = known.and_then(|l| l.alias);
        self.push(i, last, Some(Kind::Place), strength::STRONG);
        if let Some(c) = self.out.cands.last_mut() {
            c.name = name;
            c.alias = alias;
        }
        for u in &mut self.used[i..=last] {
            *u = true;
        }
        true
    }

    /// The last token of the name run starting at `i`.
    fn extend(&self, i: usize) -> usize {
        let mut last = self.phrase[i].map_or(i, |(l, _)| l);
        let mut has_cue = self.has_org_cue(i, last);
        let mut has_of = false;
        loop {
            let n = last + 1;
            let Some(t) = self.toks.get(n) else { break };
            // A clause start ends a name unless an organisation's name
            // runs on: "U.S. Environmental Protection Agency".
            if t.after_break || (t.sent_start && !self.run_has_org_cue(n)) {
                break;
            }
            if self.is_name_word(n) {
                last = self.phrase[n].map_or(n, |(l, _)| l);
                has_cue |= self.has_org_cue(n, last);
                continue;
            }
            let w = self.text(n);
            // The possessive of an ordinary word is part of a name:
            // "People's Mujahedeen", "Children's Hospital".
            if t.kind == TokKind::Poss {
                let prev = self.text(last);
                if self.gaz.is_common(prev)
                    && !self
                        .gaz
                        .lookup(prev)
                        .is_some_and(|l| l.place || l.alias.is_some())
                    && self.is_name_word(n + 1)
                {
                    last = n + 1;
                    continue;
                }
                break;
            }
            if t.kind != TokKind::Word || t.cap || !self.gaz.is_connector(w) {
                break;
            }
            let title_before = self.ends_with_title(i, last);
            let allowed = match w {
                // "Union of Rationalist Atheists and Agnostics", but not
                // "Institute of Technology and Colorado State University".
                "and" | "&" => has_cue && !self.run_has_org_cue(n + 1),
                "on" | "at" => has_cue,
                "to" => title_before,
                "the" => false,
                // "Lydia Buchtmann for Food Standards …" is two names.
                "of" => {
                    title_before
                        || has_cue
                        || !(self.person_like(i, last) || self.person_tail(i, last))
                }
                "for" => title_before || has_cue,
                _ => true,
            };
            let _ = has_of;
            if !allowed {
                break;
            }
            // "of the Red Cross": skip one "the".
            let mut k = n + 1;
            if matches!(w, "of" | "for" | "to") && self.text(k) == "the" {
                k += 1;
            }
            if !self.is_name_word(k) {
                break;
            }
            has_of |= w == "of";
            last = self.phrase[k].map_or(k, |(l, _)| l);
            has_cue |= self.has_org_cue(k, last);
        }
        last
    }

    /// Whether the run of capitalised words from `i` holds an organisation
    /// cue word.
    fn run_has_org_cue(&self, mut i: usize) -> bool {
        while self.is_name_word(i) && !self.toks[i].after_break {
            if self.gaz.is_org_cue(self.text(i)) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// A run shaped like a person's name: a given name then one to three
    /// capitalised words.
    fn person_like(&self, first: usize, last: usize) -> bool {
        let n = last + 1 - first;
        (2..=4).contains(&n)
            && (self.gaz.is_given(self.text(first))
                || self.gaz.lookup(self.text(first)).is_some_and(|l| l.title))
            && (first..=last).all(|j| self.phrase[j].is_none_or(|(_, l)| l.title) || j == first)
    }

    /// Whether the run `first..=last` ends in a person's name that follows a
    /// title: "Republican Reps. Ted Poe" (before "of Texas").
    fn person_tail(&self, first: usize, last: usize) -> bool {
        (last.saturating_sub(2)..last).any(|k| {
            k > first
                && self.gaz.is_given(self.text(k))
                && self.gaz.lookup(self.text(k - 1)).is_some_and(|l| l.title)
        })
    }

    fn has_org_cue(&self, first: usize, last: usize) -> bool {
        (first..=last).any(|j| self.gaz.is_org_cue(self.text(j)))
    }

    /// Whether the last unit of `first..=last` is a title.
    fn ends_with_title(&self, first: usize, last: usize) -> bool {
        let mut lex = None;
        let mut j = first;
        while j <= last {
            let (end, l) = match self.phrase[j] {
                Some((l, lex)) if l <= last => (l, Some(lex)),
                _ => (j, None),
            };
            lex = l;
            j = end + 1;
        }
        lex.is_some_and(|l| l.title)
    }

    /// The units of tokens `first..=last` into `out` (cleared first):
    /// gazetteer phrases inside the run first, single tokens otherwise.
    fn units(&self, first: usize, last: usize, out: &mut Vec<Unit>) {
        out.clear();
        let mut j = first;
        while j <= last {
            let (end, lex) = match self.phrase[j] {
                Some((l, lex)) if l <= last => (l, Some(lex)),
                _ => (j, None),
            };
            out.push(Unit {
                first: j,
                last: end,
                lex,
            });
            j = end + 1;
        }
    }

    #[inline]
    fn unit_text(&self, u: &Unit) -> &'a str {
        &self.body[self.toks[u.first].start..self.toks[u.last].end]
    }

    fn is_connector_unit(&self, u: &Unit) -> bool {
        u.first == u.last && {
            let t = self.toks[u.first];
            (t.kind == TokKind::Word && !t.cap && self.gaz.is_connector(self.text(u.first)))
                || t.kind == TokKind::Poss
        }
    }

    /// Turn one name run into candidates.
    fn parse_span(&mut self, first: usize, last: usize) {
        self.span_start = first;
        let mut all = std::mem::take(&mut self.units_buf);
        self.units(first, last, &mut all);
        self.parse_units(&all);
        self.units_buf = all;
    }

    /// Turn the units of one name run into candidates.
    fn parse_units(&mut self, all: &[Unit]) {
        let mut units = all;
        // Drop what only starts the sentence or the run: "However", "The".
        while let Some(u) = units.first().copied() {
            let w = self.unit_text(&u);
            let t = self.toks[u.first];
            let known = u
                .lex
                .is_some_and(|l| l.place || l.alias.is_some() || l.title || l.demonym);
            let droppable = self.is_connector_unit(&u)
                || matches!(w, "The" | "A" | "An")
                || self.gaz.is_not_name(w)
                || (t.sent_start
                    && !(self.gaz.is_given(w) && units.len() > 1)
                    && !known
                    && self.gaz.is_common(w)
                    && !self.gaz.is_org_cue(w)
                    && self.gaz.place_cue(w).is_none());
            if !droppable {
                break;
            }
            units = &units[1..];
        }
        while let Some((u, rest)) = units.split_last()
            && self.is_connector_unit(u)
        {
            units = rest;
        }
        if units.is_empty() {
            return;
        }
        let title_at = units.iter().position(|u| u.lex.is_some_and(|l| l.title));
        // "Doctor Who Society of Canada" is a society, not a doctor.
        let title_at = title_at.filter(|&t| {
            units.get(t + 1).is_some_and(|u| self.is_connector_unit(u))
                || !units[t + 1..].iter().any(|u| {
                    let w = self.unit_text(u);
                    self.gaz.is_org_cue(w) || self.gaz.place_cue(w).is_some_and(|c| !c.prefix)
                })
        });
        match title_at {
            Some(t) => self.parse_titled(units, t),
            None => self.parse_plain(units),
        }
    }

    /// A run with a title at unit `t`: what comes before is its own name
    /// ("U.S." in "U.S. Maj. Gen. John D. Gardner"), the title may have a
    /// complement ("Ambassador to the United States"), the rest is a person.
    fn parse_titled(&mut self, units: &[Unit], t: usize) {
        if t > 0 {
            self.parse_plain(&units[..t]);
        }
        let mut k = t;
        while units.get(k).is_some_and(|u| u.lex.is_some_and(|l| l.title)) {
            k += 1;
        }
        let title_last = units[k - 1].last;
        let title =
            self.body[self.toks[units[t].first].start..self.toks[title_last].end].to_string();
        // Complement: "to the United States", "of Education", "of the
        // Refugee Council".
        if units.get(k).is_some_and(|u| self.is_connector_unit(u)) {
            let mut c = k + 1;
            while units.get(c).is_some_and(|u| self.is_connector_unit(u)) {
                c += 1;
            }
            let end = self.complement_end(units, c);
            if end > c {
                self.parse_plain(&units[c..end]);
            }
            k = end;
        }
        let rest = &units[k.min(units.len())..];
        let rest: Vec<Unit> = rest
            .iter()
            .copied()
            .filter(|u| !self.is_connector_unit(u))
            .collect();
        if rest.is_empty() {
            self.push(
                units[t].first,
                title_last,
                Some(Kind::Person),
                strength::WEAK,
            );
            if let Some(c) = self.out.cands.last_mut() {
                c.bare_title = true;
                c.title = Some(title);
            }
            return;
        }
        // "Captain America": a title before a bare place is not a person.
        if rest.len() == 1 && rest[0].lex.is_some_and(|l| l.place || l.alias.is_some()) && t == 0 {
            self.push(units[t].first, rest[0].last, None, strength::WEAK);
            return;
        }
        if rest.iter().any(|u| u.lex.is_some_and(|l| l.title)) {
            let pos = rest
                .iter()
                .position(|u| u.lex.is_some_and(|l| l.title))
                .unwrap_or(0);
            if pos > 0 {
                self.person(&rest[..pos], Some(title));
            }
            self.parse_titled(&rest, pos);
            return;
        }
        self.person(&rest, Some(title));
    }

    /// Where a title's complement ends: after a known place or body, after
    /// the last organisation cue word, or before a given name that starts a
    /// name of two words or more.
    fn complement_end(&self, units: &[Unit], c: usize) -> usize {
        let Some(u) = units.get(c) else {
            return c;
        };
        if u.lex.is_some_and(|l| l.place || l.alias.is_some()) && units.len() > c + 1 {
            return c + 1;
        }
        if let Some(g) = (c..units.len()).find(|&j| {
            j + 1 < units.len()
                && units[j].lex.is_none()
                && self.gaz.is_given(self.unit_text(&units[j]))
        }) {
            return g;
        }
        // "of the Refugee Council Enver Solomon": a name of plain words
        // after the last cue word.
        if let Some(cue) = (c..units.len().saturating_sub(1))
            .rev()
            .find(|&j| self.gaz.is_org_cue(self.unit_text(&units[j])))
        {
            let tail = &units[cue + 1..];
            let personal = tail.len() <= 3
                && tail.iter().all(|u| {
                    u.lex.is_none()
                        && !self.is_connector_unit(u)
                        && !self.gaz.is_common(self.unit_text(u))
                });
            if personal {
                return cue + 1;
            }
        }
        units.len()
    }

    fn person(&mut self, units: &[Unit], title: Option<String>) {
        let (Some(first), Some(last)) = (units.first(), units.last()) else {
            return;
        };
        let from = self.span_start.min(first.first);
        self.push(first.first, last.last, Some(Kind::Person), strength::STRONG);
        let long = title.is_some().then(|| {
            let (a, b) = (self.toks[from].start, self.toks[last.last].end);
            self.body[a..b]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        });
        if let Some(c) = self.out.cands.last_mut() {
            c.title = title;
            c.long_form = long;
        }
    }

    /// A run without a title.
    fn parse_plain(&mut self, units: &[Unit]) {
        let mut units = units;
        while let Some((u, rest)) = units.split_last()
            && self.is_connector_unit(u)
        {
            units = rest;
        }
        while let Some((u, rest)) = units.split_first()
            && self.is_connector_unit(u)
        {
            units = rest;
        }
        let (Some(first), Some(last)) = (units.first().copied(), units.last().copied()) else {
            return;
        };
        let texts = |k: usize| self.unit_text(&units[k]);
        let n = units.len();
        let has_org_cue = n > 1 && (0..n).any(|k| self.gaz.is_org_cue(texts(k)));
        if n == 1 && first.lex.is_none() && self.single_word(first.first) {
            return;
        }
        // "Shiite-dominated Iraqi …": a compound adjective opens the run.
        if n > 1
            && first.lex.is_none()
            && texts(0)
                .rsplit_once('-')
                .is_some_and(|(_, t)| t.len() >= 3 && t.chars().all(char::is_lowercase))
        {
            self.single(first.first);
            return self.parse_plain(&units[1..]);
        }
        // One known phrase.
        if n == 1
            && let Some(lex) = first.lex
        {
            if let Some(a) = lex.alias {
                let kind = self.gaz.canon[a as usize].0;
                self.push(first.first, first.last, Some(kind), strength::STRONG);
                if let Some(c) = self.out.cands.last_mut() {
                    c.alias = Some(a);
                }
                return;
            }
            if lex.place {
                self.push(first.first, first.last, Some(Kind::Place), strength::STRONG);
                return;
            }
            if lex.demonym || lex.title {
                return;
            }
        }
        // Leading adjectives of nationality: kept inside an organisation's
        // name ("Iranian American Cultural Association", "British Red
        // Cross"), else dropped.
        let org_alias = |u: &Unit| {
            u.lex
                .and_then(|l| l.alias)
                .is_some_and(|a| self.gaz.canon[a as usize].0 == Kind::Org)
        };
        if n == 2 && first.lex.is_some_and(|l| l.demonym) && org_alias(&last) {
            self.push(first.first, last.last, Some(Kind::Org), strength::STRONG);
            return;
        }
        if first
            .lex
            .is_some_and(|l| l.demonym && l.alias.is_none() && !l.place)
            && !has_org_cue
        {
            return self.parse_plain(&units[1..]);
        }
        // A place then a person: "United States Hamdullah Mohib".
        if first.lex.is_some_and(|l| l.place || l.alias.is_some()) && n >= 3 && !has_org_cue {
            let rest = &units[1..];
            if rest
                .iter()
                .all(|u| u.lex.is_none() && !self.is_connector_unit(u))
                && self.gaz.is_given(self.unit_text(&rest[0]))
            {
                self.parse_plain(&units[..1]);
                self.person(rest, None);
                return;
            }
        }
        // An organisation then a person: "Refugee Council Enver Solomon".
        if let Some(cue) = (1..n.saturating_sub(2))
            .rev()
            .find(|&k| self.gaz.is_org_cue(texts(k)))
        {
            let tail = &units[cue + 1..];
            let personal = (2..=3).contains(&tail.len())
                && tail.iter().all(|u| {
                    let w = self.unit_text(u);
                    u.lex.is_none()
                        && !self.is_connector_unit(u)
                        && !self.gaz.is_common(w)
                        && !self.gaz.is_org_cue(w)
                });
            if personal {
                self.parse_plain(&units[..=cue]);
                let (a, b) = (tail[0].first, tail[tail.len() - 1].last);
                self.push(a, b, Some(Kind::Person), strength::WEAK);
                return;
            }
        }
        let last_text = texts(n - 1);
        // Organisation cue: "… Committee", "Ministry of …", "Team Estonia".
        if (n > 1 && (self.gaz.is_org_cue(last_text) || self.gaz.is_org_cue(texts(0))))
            || (n >= 3 && self.gaz.is_org_cue(texts(0)) && self.is_connector_unit(&units[1]))
        {
            self.push(first.first, last.last, Some(Kind::Org), strength::STRONG);
            self.nested(units);
            return;
        }
        // Place cue: "Camp Ashraf", "Diyala Province".
        if n >= 2 {
            let prefix = self.gaz.place_cue(texts(0)).filter(|c| c.prefix);
            let suffix = self
                .gaz
                .place_cue(last_text)
                .filter(|c| !(c.prefix || c.weak && has_org_cue));
            if let Some(cue) = prefix.or(suffix) {
                let bare = if prefix.is_some() {
                    &units[1..]
                } else {
                    &units[..n - 1]
                };
                let bare_name = (cue.bare && !bare.is_empty()).then(|| {
                    self.body
                        [self.toks[bare[0].first].start..self.toks[bare[bare.len() - 1].last].end]
                        .to_string()
                });
                // "Mexico City" is not Mexico.
                let bare_name =
                    bare_name.filter(|b| !self.gaz.lookup(b).is_some_and(|l| l.country));
                self.push(first.first, last.last, Some(Kind::Place), strength::STRONG);
                self.nested(units);
                if let Some(c) = self.out.cands.last_mut() {
                    c.bare_place = bare_name;
                }
                return;
            }
        }
        if has_org_cue {
            self.push(first.first, last.last, Some(Kind::Org), strength::STRONG);
            self.nested(units);
            return;
        }
        // Person: a given name (or an initial and a given name) then one to
        // three more words.
        let initial =
            |w: &str| w.len() == 2 && w.ends_with('.') && w.starts_with(char::is_uppercase);
        let word_units = units
            .iter()
            .all(|u| u.lex.is_none_or(|l| !l.place || l.title) && !self.toks[u.first].all_caps);
        if (2..=4).contains(&n)
            && word_units
            && (self.gaz.is_given(texts(0)) || (initial(texts(0)) && self.gaz.is_given(texts(1))))
        {
            self.push(first.first, last.last, Some(Kind::Person), strength::STRONG);
            return;
        }
        if n == 1 {
            self.single(first.first);
            return;
        }
        self.push(first.first, last.last, None, strength::NONE);
        self.nested(units);
    }

    /// Places and known bodies named inside a longer name are mentioned
    /// too: "Colorado" in "Colorado State University", "Canada" in "Doctor
    /// Who Society of Canada". Not inside an outlet's name ("Washington
    /// Times"), which names the paper, not the city.
    fn nested(&mut self, units: &[Unit]) {
        let Some(last) = units.last() else { return };
        if units.len() < 2 || self.gaz.is_media(self.unit_text(last)) {
            return;
        }
        let outer = self.out.cands.len().checked_sub(1);
        for u in units {
            let Some(lex) = u.lex else { continue };
            let kind = match lex.alias {
                Some(a) => self.gaz.canon[a as usize].0,
                None if lex.place => Kind::Place,
                None => continue,
            };
            self.push(u.first, u.last, Some(kind), strength::STRONG);
            if let Some(c) = self.out.cands.last_mut() {
                c.alias = lex.alias;
                c.nested = true;
            }
        }
        // Keep the outer name last, so links see it after its parts.
        if let Some(o) = outer {
            let outer = self.out.cands.remove(o);
            self.out.cands.push(outer);
        }
    }

    /// A lone capitalised word that no list knows.
    fn single(&mut self, i: usize) {
        let w = self.text(i);
        if self.toks[i].all_caps {
            self.push(i, i, Some(Kind::Org), strength::CONTEXT);
            return;
        }
        // "Paris-based", "Scientology-related": the name is the head.
        if let Some((head, tail)) = w.rsplit_once('-')
            && tail.len() >= 3
            && tail.chars().all(char::is_lowercase)
            && head.starts_with(char::is_uppercase)
        {
            let lex = self.gaz.lookup(head);
            // Only a known head: "Paris-based"; not "Co-founder".
            if lex.is_none_or(|l| l.demonym || l.title) {
                return;
            }
            self.push(i, i, None, strength::NONE);
            if let Some(c) = self.out.cands.last_mut() {
                c.end = c.start + head.len();
                c.name = head.to_string();
                if let Some(l) = lex.filter(|l| l.place || l.alias.is_some()) {
                    c.kind = Some(
                        l.alias
                            .map_or(Kind::Place, |a| self.gaz.canon[a as usize].0),
                    );
                    c.strength = strength::STRONG;
                    c.alias = l.alias;
                }
            }
            return;
        }
        self.push(i, i, None, strength::NONE);
        // "the Court", "the Council": an ordinary word that may refer back
        // to a name of the document.
        if ((self.gaz.is_common(w) && !self.gaz.is_given(w)) || self.gaz.is_org_cue(w))
            && let Some(c) = self.out.cands.last_mut()
        {
            c.weak_common = true;
            c.kind = None;
            c.strength = strength::NONE;
        }
    }

    /// A lone word that is no name: an acronym that is an ordinary word or
    /// a roman numeral ("UNLESS", "XVII"), a plural acronym ("MPs"), or a
    /// nationality adjective ("Gabonese team").
    fn single_word(&self, i: usize) -> bool {
        let w = self.text(i);
        if self.gaz.is_not_name(w) {
            return true;
        }
        // A lone initial: "S." of "S. 42".
        if w.len() == 2 && w.ends_with('.') {
            return true;
        }
        if self.toks[i].all_caps {
            let roman = w.chars().all(|c| "IVXLCDM".contains(c));
            return roman || self.gaz.is_common(w) || w.chars().count() > 6;
        }
        if w.len() >= 3 && w.ends_with('s') && w[..w.len() - 1].chars().all(char::is_uppercase) {
            return true;
        }
        let next = self.toks.get(i + 1);
        ["ese", "ian", "ean", "ish", "ic", "an"]
            .iter()
            .any(|s| w.ends_with(s))
            && next.is_some_and(|t| t.kind == TokKind::Word && !t.cap && !t.after_break)
            && !self.gaz.is_function(self.text(i + 1))
            && !self.gaz.is_given(w)
            && !self.gaz.is_surname(w)
    }

    /// Record a candidate over tokens `first..=last` and apply context.
    fn push(&mut self, first: usize, last: usize, kind: Option<Kind>, strength: u8) {
        let start = self.toks[first].start;
        let end = self.toks[last].end;
        // Whitespace lies only between tokens: when each gap is one space
        // or none, there is nothing to collapse.
        let bytes = self.body.as_bytes();
        let single_spaced = self.toks[first..=last].windows(2).all(|w| {
            let gap = w[1].start - w[0].end;
            gap == 0 || gap == 1 && bytes[w[0].end] == b' '
        });
        let name = if single_spaced {
            self.body[start..end].to_string()
        } else {
            collapse(&self.body[start..end])
        };
        let mut cand = Cand {
            start,
            end,
            first_tok: first,
            last_tok: last,
            name,
            kind,
            strength,
            alias: None,
            title: None,
            bare_title: false,
            weak_common: false,
            bare_place: None,
            long_form: None,
            nested: false,
        };
        if !matches!(kind, Some(Kind::Date | Kind::Quantity)) {
            // "Mountain View, California": the place with its state or
            // country is a surface form of it too.
            if self.text(last + 1) == ","
                && let Some((l, lex)) = self.phrase.get(last + 2).copied().flatten()
            {
                let ends = self
                    .toks
                    .get(l + 1)
                    .is_none_or(|t| t.kind == TokKind::Punct || t.after_break);
                let kind_ok = matches!(cand.kind, None | Some(Kind::Place));
                if lex.place && ends && kind_ok && !self.toks[last + 2].after_break {
                    let b = self.toks[l].end;
                    cand.long_form = Some(
                        self.body[start..b]
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                }
            }
            if cand.strength < strength::CONTEXT
                && let Some(k) = self.context_kind(first, last)
            {
                cand.kind = Some(k);
                cand.strength = strength::CONTEXT;
            }
        }
        self.out.cands.push(cand);
    }

    /// Kind from the words around a name: "X said", "X, who", "in X, Iran".
    fn context_kind(&self, first: usize, last: usize) -> Option<Kind> {
        let next = self.text(last + 1);
        if is_speech_verb(next) {
            return Some(Kind::Person);
        }
        if next == "," && self.text(last + 2) == "who" {
            return Some(Kind::Person);
        }
        // "Tanter and Martin": coordinated with a personal name.
        let personal = |j: usize| {
            self.toks.get(j).is_some_and(|t| t.is_capword())
                && self.gaz.is_given(self.text(j))
                && !self.gaz.lookup(self.text(j)).is_some_and(|l| l.place)
        };
        if last == first
            && (next == "and" && personal(last + 2)
                || first >= 2 && self.text(first - 1) == "and" && personal(first - 2))
        {
            return Some(Kind::Person);
        }
        if first >= 1
            && is_speech_verb(self.text(first - 1))
            && matches!(self.text(last + 1), "." | ",")
        {
            return Some(Kind::Person);
        }
        if first >= 1
            && matches!(
                self.text(first - 1),
                "in" | "near" | "across" | "throughout" | "outside"
            )
            && !self.gaz.is_org_cue(self.text(last))
        {
            return Some(Kind::Place);
        }
        if next == "," {
            let n2 = last + 2;
            if let Some((l, lex)) = self.phrase.get(n2).copied().flatten() {
                // "Zahedan, Iran." but not "Gomez, Panama's coach".
                let after = self.toks.get(l + 1);
                let ends = after.is_none_or(|t| t.kind == TokKind::Punct || t.after_break);
                if lex.place
                    && ends
                    && !self.gaz.is_given(self.text(first))
                    && self.toks.get(n2).is_some_and(|t| !t.after_break)
                {
                    return Some(Kind::Place);
                }
            }
        }
        None
    }
}

/// Two lists sorted by (start, end) made one, as a stable sort of `a`
/// then `b` would order them: on a tie, `a` first. Each list is sorted
/// first if it is not (names are, but for a nested name's parts).
fn merge_sorted(mut a: Vec<Cand>, mut b: Vec<Cand>) -> Vec<Cand> {
    let key = |c: &Cand| (c.start, c.end);
    for list in [&mut a, &mut b] {
        if !list.is_sorted_by_key(key) {
            list.sort_by_key(key);
        }
    }
    if a.is_empty() {
        // `b` was sized for every capitalised word: give back the rest.
        b.shrink_to_fit();
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for c in a {
        while let Some(n) = b.next_if(|n| key(n) < key(&c)) {
            out.push(n);
        }
        out.push(c);
    }
    out.extend(b);
    out
}

/// `s` with each run of whitespace made one space; most names have none to
/// collapse, and are copied as they are.
fn collapse(s: &str) -> String {
    // One pass: ASCII with no line breaks, tabs or double spaces is kept as
    // it is (anything else may hold whitespace to collapse).
    let mut prev_space = false;
    let plain = s.bytes().all(|c| {
        let ok = c < 0x80
            && !matches!(c, b'\n' | b'\t' | b'\r' | 0x0b | 0x0c)
            && !(c == b' ' && prev_space);
        prev_space = c == b' ';
        ok
    });
    if plain {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A verb of speech next to a name ("X said", "said X."): a person. The
/// length and first letter rule out most words before any comparison.
fn is_speech_verb(w: &str) -> bool {
    const SPEECH: [&str; 10] = [
        "said",
        "says",
        "told",
        "wrote",
        "added",
        "asked",
        "explained",
        "stated",
        "argued",
        "tweeted",
    ];
    (4..=9).contains(&w.len())
        && matches!(w.as_bytes()[0], b's' | b't' | b'w' | b'a' | b'e')
        && SPEECH.contains(&w)
}

fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for (i, c) in w.chars().enumerate() {
        if i == 0 {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<(String, Option<Kind>)> {
        extract(s)
            .cands
            .into_iter()
            .map(|c| (c.name, c.kind))
            .collect()
    }

    fn has(s: &str, name: &str, kind: Kind) -> bool {
        found(s).iter().any(|(n, k)| n == name && *k == Some(kind))
    }

    #[test]
    fn titles_are_stripped_and_kept_apart() {
        let s = "In March, Sen. Roy Blunt pressed Secretary of State John Kerry. U.S. Maj. Gen. John D. Gardner wrote.";
        assert!(has(s, "Roy Blunt", Kind::Person));
        assert!(has(s, "John Kerry", Kind::Person));
        assert!(has(s, "John D. Gardner", Kind::Person));
        assert!(has(s, "U.S.", Kind::Place));
        assert!(has(s, "March", Kind::Date));
        assert!(
            !found(s)
                .iter()
                .any(|(n, _)| n.contains("Sen.") || n.contains("Secretary"))
        );
    }

    #[test]
    fn sentence_openers_are_not_names() {
        let s = "However, the talks failed. Despite repeated requests. Warning signs grew. Consider Iran.";
        let names: Vec<String> = found(s).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["Iran"]);
    }

    #[test]
    fn possessives_and_cues() {
        let s = "Iran’s Ministry of Intelligence and the residents of Camp Ashraf met the Foreign Affairs Committee.";
        assert!(has(s, "Iran", Kind::Place));
        assert!(has(s, "Ministry of Intelligence", Kind::Org));
        assert!(has(s, "Camp Ashraf", Kind::Place));
        assert!(has(s, "Foreign Affairs Committee", Kind::Org));
    }

    #[test]
    fn datelines_are_places() {
        let s = "BAGHDAD, Iraq (CNN) — An Iranian group is based in Iraq.";
        assert!(has(s, "Baghdad", Kind::Place));
        assert!(has(s, "Iraq", Kind::Place));
        assert!(has(s, "CNN", Kind::Org));
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let s = "Gérald Darmanin met Nabil Maâloul in Paris’s north.";
        for c in extract(s).cands {
            assert!(s.is_char_boundary(c.start) && s.is_char_boundary(c.end));
            assert_eq!(&s[c.start..c.end], c.name);
        }
    }
}
