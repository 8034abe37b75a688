//! Curated word lists for extraction, embedded from `assets/entities/` and
//! loaded once: places (GeoNames countries, US states, major cities),
//! demonyms, usual aliases of well-known bodies, given names and surnames
//! (US Census), titles, organisation and place cue words, and common English
//! words (SCOWL). Credits are in `assets/entities/LICENSES.md`.
//!
//! Entries of one or more words ("United States", "Secretary of State") are
//! found at a capitalised word by an index from each entry's first word to
//! the entries that start with it, longest first: one hash lookup and a few
//! byte comparisons per word, and an index that costs a hash insert per
//! entry to build (an Aho-Corasick automaton over the same entries took most
//! of the load time, and an anchored search per word cost more than the
//! lookup). Single words are looked up in hash sets.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use super::Kind;

const PLACES: &str = include_str!("../../assets/entities/places.tsv");
const ALIASES: &str = include_str!("../../assets/entities/aliases.tsv");
const DEMONYMS: &str = include_str!("../../assets/entities/demonyms.tsv");
const GIVEN: &str = include_str!("../../assets/entities/given_names.txt");
const GIVEN_EXTRA: &str = include_str!("../../assets/entities/given_names_extra.txt");
const GIVEN_WORLD: &str = include_str!("../../assets/entities/given_names_world.txt");
const SURNAMES: &str = include_str!("../../assets/entities/surnames.txt");
const TITLES: &str = include_str!("../../assets/entities/titles.txt");
const ORG_CUES: &str = include_str!("../../assets/entities/org_cues.txt");
const PLACE_CUES: &str = include_str!("../../assets/entities/place_cues.txt");
const COMMON: &str = include_str!("../../assets/entities/common_words.txt");
const MISC: &str = include_str!("../../assets/entities/misc.tsv");

/// What one gazetteer phrase is known to be.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lex {
    /// Index into [`Gazetteer::canon`]: a known place or body.
    pub alias: Option<u32>,
    /// A place from GeoNames (country, US state, city).
    pub place: bool,
    pub country: bool,
    pub title: bool,
    pub demonym: bool,
}

/// A word that makes a name a place.
#[derive(Debug, Clone, Copy)]
pub struct PlaceCue {
    pub prefix: bool,
    /// The name without the cue is the same place.
    pub bare: bool,
    /// An organisation cue in the same name wins ("School District").
    pub weak: bool,
}

pub struct Gazetteer {
    lex: HashMap<&'static str, Lex>,
    /// Canonical names and kinds of alias groups.
    pub canon: Vec<(Kind, &'static str)>,
    /// Entries by their first word, longest first, with what each is.
    phrases: HashMap<&'static str, Vec<(&'static str, Lex)>>,
    given: HashSet<&'static str>,
    surnames: HashSet<&'static str>,
    org_cues: WordSet,
    place_cues: HashMap<&'static str, PlaceCue>,
    place_cue_shapes: Shapes,
    /// As bytes, looked up by an ASCII-lowercased copy (see `numbers`).
    common: HashSet<&'static [u8]>,
    abbreviations: WordSet,
    months: HashMap<&'static str, u8>,
    month_shapes: Shapes,
    weekdays: WordSet,
    not_names: WordSet,
    connectors: WordSet,
    /// As bytes: they are looked up by an ASCII-lowercased copy of a word,
    /// which needs no UTF-8 check as bytes.
    numbers: HashSet<&'static [u8]>,
    /// For each first letter a-z, a bit per length (below 32) of the number
    /// words that start with it: most words are ruled out without hashing.
    number_shapes: [u32; 26],
    /// The same bits by the first two letters (`26 * first + second`):
    /// common words that pass the first-letter filter ("the", "said",
    /// "from") fail this one.
    number_pairs: NumberPairs,
    media: WordSet,
    multipliers: WordSet,
    function: WordSet,
    /// Words before a number that belong to the quantity ("more than").
    pub modifiers: Vec<Vec<&'static str>>,
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

impl Gazetteer {
    /// The shared gazetteer, built on first use.
    pub fn get() -> &'static Gazetteer {
        &GAZETTEER
    }

    /// Build every table. The two large word sets (surnames, common words)
    /// are built on another core while this one builds the rest: they are
    /// most of the load time, and nothing else depends on them.
    ///
    /// The helper is a plain scoped thread, not a rayon task: the first
    /// `get` usually happens inside a rayon worker (extraction runs per
    /// document in parallel), and a `rayon::join` there lets this thread
    /// steal another document's task, which then waits on this very
    /// `LazyLock`: a deadlock.
    fn load() -> Gazetteer {
        std::thread::scope(|scope| {
            let sets = scope.spawn(|| {
                let surnames = lines(SURNAMES).collect();
                let common = lines(COMMON).map(str::as_bytes).collect();
                (surnames, common)
            });
            let mut g = Gazetteer::load_rest();
            match sets.join() {
                Ok((surnames, common)) => {
                    g.surnames = surnames;
                    g.common = common;
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
            g
        })
    }

    fn load_rest() -> Gazetteer {
        let mut lex: HashMap<&'static str, Lex> = HashMap::default();
        for line in lines(PLACES) {
            let mut cols = line.split('\t');
            let (Some(name), Some(kind)) = (cols.next(), cols.next()) else {
                continue;
            };
            let e = lex.entry(name).or_default();
            e.place = true;
            e.country |= kind == "country";
        }
        let mut canon = Vec::new();
        for line in lines(ALIASES) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(kind), Some(name)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let Ok(kind) = kind.parse::<Kind>() else {
                continue;
            };
            let id = canon.len() as u32;
            canon.push((kind, *name));
            let others = cols.get(2).map(|s| s.split('|')).into_iter().flatten();
            for form in std::iter::once(*name).chain(others) {
                lex.entry(form).or_default().alias = Some(id);
            }
        }
        for line in lines(DEMONYMS) {
            let Some((country, forms)) = line.split_once('\t') else {
                continue;
            };
            let _ = country;
            for form in forms.split('|') {
                lex.entry(form).or_default().demonym = true;
            }
        }
        for title in lines(TITLES) {
            lex.entry(title).or_default().title = true;
        }
        let mut phrases: HashMap<&'static str, Vec<(&'static str, Lex)>> = HashMap::default();
        for (&entry, &l) in &lex {
            phrases
                .entry(first_word(entry))
                .or_default()
                .push((entry, l));
        }
        // Longest first: "United States Navy" must not stop at "United".
        for list in phrases.values_mut() {
            list.sort_unstable_by_key(|(e, _)| std::cmp::Reverse(e.len()));
        }

        let mut abbreviations: HashSet<&'static str> = HashSet::default();
        for title in lines(TITLES).chain(lines(ORG_CUES)) {
            for word in title.split(' ') {
                if let Some(w) = word.strip_suffix('.') {
                    abbreviations.insert(w);
                }
            }
        }
        let mut months = HashMap::default();
        let mut weekdays = HashSet::default();
        let mut not_names = HashSet::default();
        let mut connectors = HashSet::default();
        let mut numbers = HashSet::default();
        let mut media = HashSet::default();
        let mut multipliers = HashSet::default();
        let mut function = HashSet::default();
        let mut modifiers = Vec::new();
        let mut month = 0u8;
        for line in lines(MISC) {
            let Some((class, words)) = line.split_once('\t') else {
                continue;
            };
            if class == "month" {
                month += 1;
            }
            for w in words.split('|') {
                match class {
                    "month" => {
                        months.insert(w, month);
                    }
                    "weekday" => {
                        weekdays.insert(w);
                    }
                    "abbrev" => {
                        abbreviations.insert(w);
                    }
                    "not_name" => {
                        not_names.insert(w);
                    }
                    "connector" => {
                        connectors.insert(w);
                    }
                    "number" => {
                        numbers.insert(w);
                    }
                    "media" => {
                        media.insert(w);
                    }
                    "multiplier" => {
                        multipliers.insert(w);
                    }
                    "function" => {
                        function.insert(w);
                    }
                    "modifier" => modifiers.push(w.split(' ').collect()),
                    _ => {}
                }
            }
        }
        for (m, _) in months
            .iter()
            .filter(|(m, _)| m.len() <= 4 && !matches!(**m, "May" | "June" | "July"))
        {
            abbreviations.insert(m);
        }
        let place_cues: HashMap<&'static str, PlaceCue> = lines(PLACE_CUES)
            .filter_map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                Some((
                    *cols.first()?,
                    PlaceCue {
                        prefix: cols.get(1) == Some(&"prefix"),
                        bare: cols.get(2) == Some(&"bare"),
                        weak: cols.get(2) == Some(&"weak"),
                    },
                ))
            })
            .collect();
        // Census given names include words like "In": never treat a
        // grammatical word as a name.
        let given = lines(GIVEN)
            .chain(lines(GIVEN_WORLD))
            .chain(lines(GIVEN_EXTRA))
            .filter(|g| !function.contains(g.to_lowercase().as_str()))
            .collect();
        Gazetteer {
            lex,
            canon,
            phrases,
            given,
            surnames: HashSet::default(),
            org_cues: WordSet::new(lines(ORG_CUES).collect()),
            place_cue_shapes: Shapes::of(place_cues.keys().copied()),
            place_cues,
            common: HashSet::default(),
            abbreviations: WordSet::new(abbreviations),
            month_shapes: Shapes::of(months.keys().copied()),
            months,
            weekdays: WordSet::new(weekdays),
            not_names: WordSet::new(not_names),
            connectors: WordSet::new(connectors),
            number_shapes: shapes(&numbers),
            number_pairs: NumberPairs::of(&numbers),
            numbers: numbers.iter().map(|w| w.as_bytes()).collect(),
            media: WordSet::new(media),
            multipliers: WordSet::new(multipliers),
            function: WordSet::new(function),
            modifiers,
        }
    }

    /// The longest gazetteer phrase that starts at byte `start` of `text`
    /// and ends on a word boundary: (end, lex). Callers ask only at the
    /// start of a word.
    pub fn phrase_at(&self, text: &str, start: usize) -> Option<(usize, Lex)> {
        let rest = text.get(start..)?;
        self.phrase_from(text, start, first_word(rest))
    }

    /// [`Gazetteer::phrase_at`] when the caller knows the word at `start`
    /// (a plain token: ASCII letters and digits, no letter after it).
    pub fn phrase_at_word(&self, text: &str, start: usize, end: usize) -> Option<(usize, Lex)> {
        self.phrase_from(text, start, text.get(start..end)?)
    }

    fn phrase_from(&self, text: &str, start: usize, first: &str) -> Option<(usize, Lex)> {
        let rest = text.get(start..)?;
        let list = self.phrases.get(first)?;
        list.iter().find_map(|&(entry, lex)| {
            let after = rest.strip_prefix(entry)?;
            let boundary = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
            boundary.then_some((start + entry.len(), lex))
        })
    }

    pub fn lookup(&self, phrase: &str) -> Option<Lex> {
        self.lex.get(phrase).copied()
    }

    pub fn is_given(&self, w: &str) -> bool {
        self.given.contains(w)
    }

    pub fn is_surname(&self, w: &str) -> bool {
        self.surnames.contains(w)
    }

    pub fn is_org_cue(&self, w: &str) -> bool {
        self.org_cues.contains(w)
    }

    pub fn place_cue(&self, w: &str) -> Option<PlaceCue> {
        if !self.place_cue_shapes.may_hold(w) {
            return None;
        }
        self.place_cues.get(w).copied()
    }

    /// A lowercase English word ("however", "warning"), asked of a word in
    /// any case.
    /// Derived forms count when their stem is listed ("resettlement",
    /// "unjustifiable").
    pub fn is_common(&self, w: &str) -> bool {
        // Lowercased on the stack: no allocation for ASCII words of up to
        // 32 bytes, and ASCII needs no UTF-8 check as bytes.
        let mut buf = [0u8; 32];
        let lower;
        let w: &[u8] = if w.is_ascii() && w.len() <= buf.len() {
            let out = &mut buf[..w.len()];
            out.copy_from_slice(w.as_bytes());
            out.make_ascii_lowercase();
            out
        } else {
            lower = w.to_lowercase();
            lower.as_bytes()
        };
        if self.common.contains(w) {
            return true;
        }
        if w.len() < 6 || !w.is_ascii() {
            return false;
        }
        const SUFFIXES: [&[u8]; 14] = [
            b"ments", b"ment", b"ness", b"ations", b"ation", b"ions", b"ion", b"ings", b"ing",
            b"ers", b"er", b"ed", b"ly", b"s",
        ];
        const PREFIXES: [&[u8]; 8] = [
            b"re", b"un", b"non", b"pre", b"over", b"anti", b"counter", b"mis",
        ];
        let known =
            |stem: &[u8]| stem.len() >= 3 && (self.common.contains(stem) || self.with_e(stem));
        let prefixed = |stem: &[u8]| {
            PREFIXES
                .iter()
                .filter_map(|p| stem.strip_prefix(*p))
                .any(|rest| rest.len() >= 3 && known(rest))
        };
        // The word itself with a prefix off; each stem with or without one.
        prefixed(w)
            || SUFFIXES
                .iter()
                .filter_map(|s| w.strip_suffix(*s))
                .any(|stem| known(stem) || prefixed(stem))
    }

    /// Whether `stem` + "e" is a common word ("resettl" + "e").
    fn with_e(&self, stem: &[u8]) -> bool {
        let mut buf = [0u8; 64];
        match buf.get_mut(..stem.len() + 1) {
            Some(out) => {
                out[..stem.len()].copy_from_slice(stem);
                out[stem.len()] = b'e';
                self.common.contains(&*out)
            }
            None => self.common.contains([stem, b"e"].concat().as_slice()),
        }
    }

    pub fn is_abbreviation(&self, w: &str) -> bool {
        self.abbreviations.contains(w)
    }

    /// Month number of a month name or abbreviation (with or without its
    /// period).
    pub fn month(&self, w: &str) -> Option<u8> {
        let w = w.trim_end_matches('.');
        if !self.month_shapes.may_hold(w) {
            return None;
        }
        self.months.get(w).copied()
    }

    pub fn is_weekday(&self, w: &str) -> bool {
        self.weekdays.contains(w)
    }

    /// Capitalised words that never name an entity on their own (pronouns,
    /// interjections, generic nouns of headings).
    pub fn is_not_name(&self, w: &str) -> bool {
        self.not_names.contains(w)
    }

    /// Number words ("thirty", "dozens"); parts of "thirty-six" each are.
    ///
    /// This is asked of every word: a test on the length and the first two
    /// letters, inlined into the caller, rules out nearly all of them
    /// before a call.
    #[inline]
    pub fn is_number_word(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if !(3..=24).contains(&b.len()) {
            return false;
        }
        let bits = self.number_pairs.bits_for(b[0], b[1]);
        if bits == 0 || (bits & (1 << b.len()) == 0 && !b.contains(&b'-')) {
            return false;
        }
        self.number_word_lookup(w)
    }

    /// The whole test of [`Gazetteer::is_number_word`], filters and lookup.
    fn number_word_lookup(&self, w: &str) -> bool {
        // Every number word starts with one of these letters and is short.
        let first = w.as_bytes().first().map_or(0, |b| b.to_ascii_lowercase());
        if !matches!(
            first,
            b't' | b'f' | b's' | b'e' | b'n' | b'h' | b'm' | b'b' | b'd' | b'o'
        ) || w.len() > 24
        {
            return false;
        }
        if w.len() < 3 {
            return false;
        }
        // A whole number word has a member's first two letters and length;
        // "thirty-six" starts with those of a member, or of "one".
        let whole = self.may_be_number(w) && self.number_pairs.may_hold(w, true);
        let parts = || self.number_pairs.may_hold(w, false) && w.as_bytes().contains(&b'-');
        if !(whole || parts()) {
            return false;
        }
        let bytes = w.as_bytes();
        if bytes.len() > 32 || !w.is_ascii() {
            return false;
        }
        let mut buf = [0u8; 32];
        let lower = &mut buf[..bytes.len()];
        lower.copy_from_slice(bytes);
        lower.make_ascii_lowercase();
        let lower = &*lower;
        if !lower.contains(&b'-') {
            return self.numbers.contains(lower);
        }
        lower
            .split(|&b| b == b'-')
            .all(|p| self.numbers.contains(p) || p == b"one")
    }

    /// Words after a number that scale it ("million", "percent", "%").
    pub fn is_multiplier(&self, w: &str) -> bool {
        self.multipliers.contains(w)
    }

    /// Grammatical words that never end a quantity ("the", "of", "in").
    pub fn is_function(&self, w: &str) -> bool {
        self.function.contains(w)
    }

    /// Words that end an outlet's name ("Times", "Tribune").
    pub fn is_media(&self, w: &str) -> bool {
        self.media.contains(w)
    }

    /// Lowercase words allowed inside a name ("of", "al", "de").
    pub fn is_connector(&self, w: &str) -> bool {
        self.connectors.contains(w)
    }
}

/// The leading run of letters and digits of `s`: the word an entry starts
/// with, and the word of a text an entry may start at.
fn first_word(s: &str) -> &str {
    // ASCII letters and digits first, bytes at a time: most words are ASCII.
    let b = s.as_bytes();
    let mut j = 0;
    while j < b.len() && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if b.get(j).is_none_or(u8::is_ascii) {
        return &s[..j];
    }
    let end = s[j..]
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| j + i);
    &s[..end]
}

impl Gazetteer {
    /// Whether a word without hyphens has the first letter and length of a
    /// number word (ASCII lowercase of `w`, as [`Gazetteer::is_number_word`]
    /// compares).
    fn may_be_number(&self, w: &str) -> bool {
        let first = w.as_bytes().first().map_or(0, |b| b.to_ascii_lowercase());
        first.is_ascii_lowercase()
            && w.len() < 32
            && self.number_shapes[(first - b'a') as usize] & (1 << w.len()) != 0
    }
}

/// The first byte and length, and the last byte and length, of every word
/// of a set: a word of a shape no member has is not in the set, and is
/// ruled out without hashing. Most words a document asks about are in none
/// of the small sets, and every capitalised word is asked about several
/// times.
struct Shapes {
    /// Bit `n` of entry `b`: a member of `n` bytes starts with byte `b`.
    bits: [u32; 128],
    /// Bit `n` of entry `b`: a member of `n` bytes ends with byte `b`.
    last: [u32; 128],
    /// A member the bits cannot describe: let every word through.
    all: bool,
}

impl Shapes {
    fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> Shapes {
        let mut bits = [0u32; 128];
        let mut last = [0u32; 128];
        for w in words {
            match (w.as_bytes().first(), w.as_bytes().last()) {
                (Some(&f), Some(&l)) if f < 128 && l < 128 && w.len() < 32 => {
                    bits[f as usize] |= 1 << w.len();
                    last[l as usize] |= 1 << w.len();
                }
                _ => {
                    return Shapes {
                        bits,
                        last,
                        all: true,
                    };
                }
            }
        }
        Shapes {
            bits,
            last,
            all: false,
        }
    }

    /// False when `w` is surely not a member.
    #[inline]
    fn may_hold(&self, w: &str) -> bool {
        if self.all {
            return true;
        }
        match (w.as_bytes().first(), w.as_bytes().last()) {
            (Some(&f), Some(&l)) if f < 128 && l < 128 && w.len() < 32 => {
                self.bits[f as usize] & self.last[l as usize] & (1 << w.len()) != 0
            }
            _ => false,
        }
    }
}

/// A small word set behind its [`Shapes`].
struct WordSet {
    set: HashSet<&'static str>,
    shapes: Shapes,
}

impl WordSet {
    fn new(set: HashSet<&'static str>) -> WordSet {
        let shapes = Shapes::of(set.iter().copied());
        WordSet { set, shapes }
    }

    fn contains(&self, w: &str) -> bool {
        self.shapes.may_hold(w) && self.set.contains(w)
    }
}

/// The first-letter-and-length bits of a set of ASCII words (see
/// `Gazetteer::number_shapes`); a word that fits none of them is not in it.
fn shapes(words: &HashSet<&'static str>) -> [u32; 26] {
    let mut out = [0u32; 26];
    for w in words {
        if let Some(&f) = w.as_bytes().first()
            && f.is_ascii_lowercase()
            && w.len() < 32
        {
            out[(f - b'a') as usize] |= 1 << w.len();
        } else {
            // A word the bits cannot describe: let every word through.
            return [u32::MAX; 26];
        }
    }
    out
}

/// The first-two-letters-and-length filter of the number words (see
/// `Gazetteer::number_pairs`).
struct NumberPairs {
    /// Bit `n` of entry `26 * a + b`: a member of `n` bytes starts with the
    /// letters `a`, `b` (0 for 'a').
    bits: Vec<u32>,
    /// A member the bits cannot describe: let every word through.
    all: bool,
}

impl NumberPairs {
    fn of(words: &HashSet<&'static str>) -> NumberPairs {
        let mut bits = vec![0u32; 26 * 26];
        // "one" is a number only as a part ("twenty-one").
        for w in words.iter().chain(&["one"]) {
            match w.as_bytes() {
                [a, b, ..] if a.is_ascii_lowercase() && b.is_ascii_lowercase() && w.len() < 32 => {
                    bits[26 * (a - b'a') as usize + (b - b'a') as usize] |= 1 << w.len();
                }
                _ => return NumberPairs { bits, all: true },
            }
        }
        NumberPairs { bits, all: false }
    }

    /// The length bits of the members (and "one") that start with bytes
    /// `a`, `b` in ASCII lowercase: 0 when none does.
    fn bits_for(&self, a: u8, b: u8) -> u32 {
        if self.all {
            return u32::MAX;
        }
        let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
        if a.is_ascii_lowercase() && b.is_ascii_lowercase() {
            self.bits[26 * (a - b'a') as usize + (b - b'a') as usize]
        } else {
            0
        }
    }

    /// False when `w` (compared in ASCII lowercase) is surely not a member
    /// (`exact`), or surely does not start with one (`!exact`, asked of
    /// hyphenated words).
    fn may_hold(&self, w: &str, exact: bool) -> bool {
        if self.all {
            return true;
        }
        match w.as_bytes() {
            [a, b, ..] if w.len() < 32 => {
                let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
                a.is_ascii_lowercase()
                    && b.is_ascii_lowercase()
                    && self.bits[26 * (a - b'a') as usize + (b - b'a') as usize]
                        & if exact { 1 << w.len() } else { u32::MAX }
                        != 0
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_every_list() {
        let g = Gazetteer::get();
        assert!(g.lookup("Iraq").is_some_and(|l| l.place && l.country));
        assert!(g.lookup("Baghdad").is_some_and(|l| l.place && !l.country));
        assert!(g.lookup("Texas").is_some_and(|l| l.place));
        assert!(g.lookup("Secretary of State").is_some_and(|l| l.title));
        assert!(g.lookup("Iranian").is_some_and(|l| l.demonym));
        let us = g
            .lookup("U.S.")
            .and_then(|l| l.alias)
            .map(|i| g.canon[i as usize]);
        assert_eq!(us, Some((Kind::Place, "United States")));
        assert!(g.is_given("John") && g.is_surname("Smith"));
        assert!(g.is_org_cue("Committee") && g.place_cue("Camp").is_some_and(|c| c.prefix));
        assert!(g.is_common("However") && !g.is_common("Kerry"));
        assert_eq!(g.month("Sep."), Some(9));
        assert!(g.is_abbreviation("Sen") && g.is_abbreviation("Gen"));
    }

    #[test]
    fn number_words_pass_their_filters() {
        let g = Gazetteer::get();
        for w in lines(MISC).filter_map(|l| l.strip_prefix("number\t")) {
            for n in w.split('|') {
                let title = format!("{}{}", n[..1].to_uppercase(), &n[1..]);
                for v in [n.to_string(), title, n.to_uppercase()] {
                    assert!(g.is_number_word(&v), "{v}");
                }
            }
        }
        assert!(g.is_number_word("thirty-six") && g.is_number_word("Twenty-one"));
        for w in [
            "the", "said", "from", "that", "them", "fifth", "tenth", "Sixtyish",
        ] {
            assert!(!g.is_number_word(w), "{w}");
        }
    }

    #[test]
    fn finds_phrases_on_word_boundaries() {
        let g = Gazetteer::get();
        let text = "Secretary of State John Kerry left the United States for Iranshahr.";
        let found: Vec<&str> = (0..text.len())
            .filter(|&i| i == 0 || &text[i - 1..i] == " ")
            .filter_map(|i| g.phrase_at(text, i).map(|(e, _)| &text[i..e]))
            .collect();
        assert!(found.contains(&"Secretary of State"));
        assert!(found.contains(&"United States"));
        assert!(!found.contains(&"Iran"));
    }
}
