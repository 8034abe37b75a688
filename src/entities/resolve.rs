//! Resolution: candidate mentions of every document into entities.
//!
//! Mentions join when their normalised names are equal, when a curated
//! alias says so (U.S. = United States), when the text links them (an
//! acronym and its expansion), when they are spelling variants
//! (Mujahedin / Mujahedeen / Mojahedin share a consonant skeleton), when a
//! cue word is dropped (Camp Ashraf = Ashraf), when a surname or a bare
//! title points to exactly one person, and when two organisations share an
//! unusual word. The kind of an entity is a vote of its mentions' evidence.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::extract::Extract;
use super::gazetteer::Gazetteer;
use super::nodes::{Interner, NONE, Node, Nodes, Table, flag};
use super::sets::Sets;
use super::{Entity, Kind, Mention};

/// A name normalised for comparison: no diacritics, lowercase, no periods
/// or possessive, hyphens as spaces, no leading "the".
pub fn key(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 1);
    // Acronyms keep apart from words: "WHO" is not "Who".
    if super::links::is_acronym(name) {
        s.push('^');
    }
    // Whitespace collapses as it is written, so one allocation suffices.
    let mut push = |c: char| match c {
        '.' => {}
        '’' | '‘' | '\'' => s.push('\''),
        c if c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | '—') => {
            if !s.is_empty() && !s.ends_with(' ') {
                s.push(' ');
            }
        }
        c if c.is_ascii() => s.push(c.to_ascii_lowercase()),
        c => s.extend(c.to_lowercase()),
    };
    // Most names are ASCII: skip the decomposition then.
    if name.is_ascii() {
        name.chars().for_each(&mut push);
    } else {
        name.nfd()
            .filter(|c| !is_combining_mark(*c))
            .for_each(&mut push);
    }
    while s.ends_with(' ') {
        s.pop();
    }
    if s.ends_with("'s") {
        s.truncate(s.len() - 2);
    }
    if s.starts_with("the ") {
        s.drain(..4);
    }
    s
}

/// A consonant skeleton that spelling and transliteration variants share:
/// each word keeps its first letter and its consonants, doubled letters
/// once; small particles ("e" in "Mujahedin-e Khalq") are dropped.
pub fn skeleton(key: &str) -> Option<String> {
    let words: Vec<&str> = key
        .split(' ')
        .filter(|w| !matches!(*w, "e" | "of" | "the" | "al" | "el" | "and" | "i" | "ul"))
        .collect();
    if key.len() < 8 || !words.iter().any(|w| w.chars().count() >= 5) || words.len() < 2 {
        return None;
    }
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut prev = None;
        for (i, c) in w.chars().enumerate() {
            let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | '\'');
            if (i == 0 || !vowel) && prev != Some(c) {
                out.push(c);
            }
            prev = Some(c);
        }
    }
    Some(out)
}

pub fn words(name: &str) -> usize {
    name.split_whitespace().count()
}

/// Resolve the candidates of every document (`extracts[doc]`) into entities.
pub fn resolve(extracts: &[Extract]) -> Vec<Entity> {
    let mut nodes = Nodes::default();
    for x in extracts {
        nodes.push(x);
    }
    resolve_nodes(nodes)
}

/// `(doc or NONE, normalised word)`: where a name part was seen.
type Part = (u32, u32);

/// "Two or more sets" in a [`point`] map.
const MANY: u32 = NONE;

/// Note that `k` points to the set of `root`: a map keeps the one set its
/// key points to, or [`MANY`]. Only "exactly one" is ever asked, so this
/// replaces a list of distinct roots per key (an allocation each).
fn point<K: std::hash::Hash + Eq>(map: &mut HashMap<K, u32>, k: K, root: usize) {
    let root = root as u32;
    map.entry(k)
        .and_modify(|r| {
            if *r != root {
                *r = MANY;
            }
        })
        .or_insert(root);
}

/// The one set a [`point`] map gives, if one.
fn single(r: Option<&u32>) -> Option<usize> {
    r.filter(|&&r| r != MANY).map(|&r| r as usize)
}

/// The distinct sets an unusual word is seen in, while they are two at most.
#[derive(Clone, Copy)]
enum Few {
    One(u32),
    Two(u32, u32),
    Many,
}

/// Resolve the folded candidates of a corpus into entities.
///
/// The first pass (equal keys, curated aliases, skeletons) was done as the
/// nodes were pushed (see [`Nodes`]); what is left reads the corpus whole.
pub fn resolve_nodes(mut x: Nodes) -> Vec<Entity> {
    let gaz = Gazetteer::get();
    let count = x.len();
    let mut dropped = vec![false; count];
    let nodes = std::mem::take(&mut x.nodes);
    let mut sets = std::mem::take(&mut x.sets);
    let mut by_key = std::mem::take(&mut x.by_key);
    x.first_pass_done();
    let open = |n: usize| nodes[n].is(flag::OPEN);

    // 1. (Equal names, curated aliases and skeletons were joined as the
    // nodes came.) A bare place ("Ashraf" of "Camp Ashraf") joins the name
    // it equals; else it is remembered as written, for open words to join
    // below.
    let mut raw: Vec<(u32, usize)> = Vec::new();
    let bare: Vec<(usize, u32)> = x
        .extras()
        .iter()
        .filter(|(_, e)| e.bare_place != NONE)
        .map(|&(n, e)| (n as usize, e.bare_place))
        .collect();
    for (n, place) in bare {
        let k = x.key(place, 0);
        match by_key.get(k) {
            NONE if x.names.str(place) == x.norm.str(k) => by_key.set(k, n as u32),
            NONE => raw.push((k, n)),
            m => sets.union(m as usize, n, &nodes),
        }
    }
    // Everything remembered, by its key keyed again. Where two keys key
    // again alike the later node wins (they were inserted in node order),
    // then the raw bare places, in order.
    let mut settled = Table::default();
    for (k, n) in by_key.iter() {
        let again = x.key_again(k);
        let m = settled.get(again);
        if m == NONE || m < n {
            settled.set(again, n);
        }
    }
    drop(by_key);
    for (k, n) in raw {
        settled.set(k, n as u32);
    }
    for &(a, b) in &x.links {
        sets.union(a as usize, b as usize, &nodes);
    }

    // 2. Open single words that equal a settled name join it. Noted for
    // step 3: which keys the open words left ask for there, as a name part
    // (1) and, weak words, as an organisation's cue word (2); parts no
    // word asks for need not be kept.
    let mut joined = vec![false; count];
    let mut asked: Vec<u8> = vec![0; x.norm.len()];
    for (n, c) in nodes.iter().enumerate() {
        if !open(n) || c.is(flag::BARE_TITLE) {
            continue;
        }
        if c.is(flag::WEAK_COMMON) {
            asked[c.key as usize] |= 3;
            continue;
        }
        let m = settled.get(c.key);
        if m != NONE {
            sets.union(m as usize, n, &nodes);
            joined[n] = true;
        } else {
            asked[c.key as usize] |= 1;
        }
    }
    let asked = |w: u32, bit: u8| asked.get(w as usize).is_some_and(|&a| a & bit != 0);
    drop(settled);

    // 3. People: surnames and first names, then bare titles; organisations
    // and places by their cue words.
    // The kind a name guesses, per name, lazily (0 = not guessed yet).
    let mut guesses: Vec<u8> = vec![0; x.names.len()];
    let mut guess = |name: u32, names: &Interner| {
        let g = &mut guesses[name as usize];
        if *g == 0 {
            *g = 1 + guess_kind(names.str(name), gaz) as u8;
        }
        Kind::ALL[(*g - 1) as usize]
    };
    let kinds = sets.leanings(&nodes);
    let mut surname: HashMap<Part, u32> = HashMap::default();
    let mut titled: HashMap<Part, u32> = HashMap::default();
    let mut org_words: HashMap<Part, u32> = HashMap::default();
    let keys = x.norm.len();
    // Per key: its first and last part (no "Jr."), when it has two or
    // more; and its first and last words that are cue words, when it has
    // two words or more. `None` until asked.
    let mut parts_of: Vec<Option<(u32, u32)>> = vec![None; keys];
    let mut cues_of: Vec<Option<[u32; 2]>> = vec![None; keys];
    for (n, c) in nodes.iter().enumerate() {
        let root = sets.flat_root(n);
        let voted = kinds[root];
        if voted.unwrap_or_else(|| guess(c.name, &x.names)) == Kind::Person {
            let title = x.extra(n, c).title;
            if title != NONE && !c.is(flag::BARE_TITLE) {
                point(&mut titled, (c.doc, title), root);
            }
            if open(n) {
                continue;
            }
            let (first, last) = *parts_of[c.key as usize].get_or_insert_with(|| {
                let k = x.norm.str(c.key).to_string();
                let parts: Vec<&str> = k
                    .split(' ')
                    .filter(|w| !matches!(*w, "jr" | "sr" | "ii" | "iii"))
                    .collect();
                match parts[..] {
                    [first, .., last] => (x.norm.id(first), x.norm.id(last)),
                    _ => (NONE, NONE),
                }
            });
            if first != NONE && asked(first, 1) {
                point(&mut surname, (c.doc, first), root);
            }
            if last != NONE && asked(last, 1) {
                point(&mut surname, (c.doc, last), root);
                point(&mut surname, (NONE, last), root);
            }
        } else if !open(n) && matches!(voted, Some(Kind::Org | Kind::Place)) {
            let cues = *cues_of[c.key as usize].get_or_insert_with(|| {
                let k = x.norm.str(c.key).to_string();
                let ws: Vec<&str> = k.split(' ').collect();
                let mut cues = [NONE; 2];
                if ws.len() >= 2 {
                    for (slot, w) in cues.iter_mut().zip([ws[0], ws[ws.len() - 1]]) {
                        let t = title_word(w);
                        if gaz.is_org_cue(&t) || gaz.place_cue(&t).is_some() {
                            *slot = x.norm.id(w);
                        }
                    }
                }
                cues
            });
            for w in cues.into_iter().filter(|&w| w != NONE && asked(w, 2)) {
                point(&mut org_words, (c.doc, w), root);
            }
        }
    }
    drop((parts_of, cues_of, kinds));
    for (n, c) in nodes.iter().enumerate() {
        if !open(n) || joined[n] {
            continue;
        }
        let bare_title = c.is(flag::BARE_TITLE);
        let weak = c.is(flag::WEAK_COMMON);
        let referent = if bare_title {
            let title = x.extra(n, c).title;
            single(titled.get(&(c.doc, title)))
        } else {
            match surname.get(&(c.doc, c.key)) {
                Some(r) => single(Some(r)),
                None if weak => single(org_words.get(&(c.doc, c.key))),
                None => single(surname.get(&(NONE, c.key))),
            }
        };
        match referent {
            Some(root) => {
                sets.union(root, n, &nodes);
                joined[n] = true;
            }
            None if bare_title || weak => dropped[n] = true,
            None => {}
        }
    }
    drop((surname, titled, org_words));
    // Leftover single words join their equals.
    let mut left = Table::default();
    for (n, c) in nodes.iter().enumerate() {
        if open(n) && !dropped[n] && !joined[n] {
            match left.get(c.key) {
                NONE => left.set(c.key, n as u32),
                m => sets.union(m as usize, n, &nodes),
            }
        }
    }
    drop((left, joined));

    // 4. Organisations that share an unusual word.
    let kinds = sets.leanings(&nodes);
    let mut rare: HashMap<u32, Few> = HashMap::default();
    // Per name: its unusual words, `None` until asked.
    let mut rare_of: Vec<Option<Box<[u32]>>> = vec![None; x.names.len()];
    for (n, c) in nodes.iter().enumerate() {
        if dropped[n] {
            continue;
        }
        let root = sets.flat_root(n);
        let kind = kinds[root].unwrap_or_else(|| guess(c.name, &x.names));
        if kind != Kind::Org {
            continue;
        }
        let words = rare_of[c.name as usize]
            .get_or_insert_with(|| rare_words(x.names.str(c.name), gaz, &mut x.norm).into());
        let r = root as u32;
        for &w in words.iter() {
            rare.entry(w)
                .and_modify(|few| {
                    *few = match *few {
                        Few::One(a) if a == r => Few::One(a),
                        Few::One(a) => Few::Two(a, r),
                        Few::Two(a, b) if a == r || b == r => Few::Two(a, b),
                        _ => Few::Many,
                    }
                })
                .or_insert(Few::One(r));
        }
    }
    drop((rare_of, kinds));
    for few in rare.values() {
        if let Few::Two(a, b) = *few {
            sets.union(a as usize, b as usize, &nodes);
        }
    }
    drop(rare);

    // 5. A short organisation name that ends exactly one longer one.
    short_forms(&nodes, &x.norm, &mut sets, &dropped, gaz);

    x.linking_done();
    super::trim::give_back(nodes.len());
    let entities = build(&nodes, &x, sets, dropped, gaz);
    // Freeing millions of nodes and interned strings need not hold up
    // the overlap pass: another thread does it.
    rayon::spawn(move || drop((nodes, x)));
    entities
}

/// The unusual words of an organisation's name, as keys: seven letters or
/// more, capitalised but not all capitals, in no word list.
fn rare_words(name: &str, gaz: &Gazetteer, norm: &mut Interner) -> Vec<u32> {
    let mut out = Vec::new();
    for w in name.split(|ch: char| ch.is_whitespace() || ch == '-') {
        let w = w.trim_end_matches("’s").trim_end_matches("'s");
        if w.chars().count() >= 7
            && w.chars().next().is_some_and(char::is_uppercase)
            && !w.chars().all(char::is_uppercase)
            && !gaz.is_common(w)
            && !gaz.is_given(w)
            && !gaz.is_org_cue(w)
            && gaz.lookup(w).is_none()
        {
            out.push(norm.id(&key(w)));
        }
    }
    out
}

/// "Red Cross" and "International Committee of the Red Cross": an
/// organisation's name of two words or more that ends the name of exactly
/// one other organisation in the corpus is a short form of it. Not when the
/// short name is only cue and small words ("the Committee", "Foreign
/// Affairs Committee" is allowed, "Committee of State" is not), and not
/// when two longer names end with it ("Red Cross" stays apart from both
/// "British Red Cross" and "International Committee of the Red Cross").
/// "Department of State" joins "United States Department of State" but
/// never "Department of Defense": only a whole trailing run of words counts.
fn short_forms(
    nodes: &[Node],
    norm: &Interner,
    sets: &mut Sets,
    dropped: &[bool],
    gaz: &Gazetteer,
) {
    let kinds = sets.leanings(nodes);
    // Each organisation's distinct keys, by set (by key id first: hashing
    // a number per node, not a string).
    let mut by_key: HashMap<u32, Vec<usize>> = HashMap::default();
    for (n, c) in nodes.iter().enumerate() {
        if dropped[n] || c.is(flag::OPEN) || c.is(flag::NESTED) {
            continue;
        }
        let root = sets.flat_root(n);
        if kinds[root] != Some(Kind::Org) || norm.str(c.key).starts_with('^') {
            continue;
        }
        push_unique(by_key.entry(c.key).or_default(), root);
    }
    drop(kinds);
    let names: HashMap<&str, Vec<usize>> = by_key
        .into_iter()
        .map(|(k, roots)| (norm.str(k), roots))
        .collect();
    // Every trailing run of two words or more of a longer name, with the
    // sets whose names end so.
    let mut endings: HashMap<&str, Vec<usize>> = HashMap::default();
    for (&name, roots) in &names {
        let mut at = 0;
        // Skip the first word: the whole name is not its own ending.
        while let Some(sp) = name[at..].find(' ') {
            at += sp + 1;
            let tail = &name[at..];
            if tail.contains(' ') {
                for &r in roots {
                    push_unique(endings.entry(tail).or_default(), r);
                }
            }
        }
    }
    let mut joins = Vec::new();
    for (&short, roots) in &names {
        let Some(longer) = endings.get(short) else {
            continue;
        };
        let distinctive = short.split(' ').any(|w| {
            let t = title_word(w);
            !gaz.is_org_cue(&t) && !gaz.is_connector(w) && !gaz.is_function(w)
        });
        let others: Vec<usize> = longer
            .iter()
            .copied()
            .filter(|r| !roots.contains(r))
            .collect();
        if distinctive && others.len() == 1 && roots.len() == 1 {
            joins.push((roots[0], others[0]));
        }
    }
    joins.sort_unstable();
    for (a, b) in joins {
        sets.union(a, b, nodes);
    }
}

fn title_word(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn push_unique(v: &mut Vec<usize>, x: usize) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// Turn the sets into entities: kind, display name, aliases, mentions.
fn build(
    nodes: &[Node],
    x: &Nodes,
    mut sets: Sets,
    dropped: Vec<bool>,
    gaz: &Gazetteer,
) -> Vec<Entity> {
    // Members by set, in root order, each set's members ascending: a
    // counting sort by root (the nodes are met ascending), linear and
    // half the bytes of sorting `(root, node)` pairs. Every table here is
    // a word per node, beside the nodes themselves at the peak of the
    // resolution: each goes as soon as it has been read (the kinds are
    // taken first, so the sets' evidence goes before `members` is made,
    // and the flattened parents serve as the roots).
    let count = nodes.len();
    sets.flatten();
    let mut at = vec![0u32; count + 1];
    for n in 0..count {
        if !dropped[n] {
            at[sets.flat_root(n) + 1] += 1;
        }
    }
    // Each set with members left: its root and its range in `members`.
    let mut groups: Vec<(u32, u32, u32)> = Vec::new();
    let mut total = 0u32;
    for (r, n) in at.iter_mut().enumerate().skip(1) {
        let len = *n;
        *n = total;
        if len > 0 {
            groups.push(((r - 1) as u32, total, total + len));
        }
        total += len;
    }
    let kinds: Vec<Option<Kind>> = groups
        .iter()
        .map(|&(r, _, _)| sets.lean(r as usize, nodes))
        .collect();
    let root = sets.into_roots();
    // `at[r + 1]` is now where set `r`'s members begin.
    let mut members = vec![0u32; total as usize];
    for (n, &r) in root.iter().enumerate() {
        if !dropped[n] {
            let slot = &mut at[r as usize + 1];
            members[*slot as usize] = n as u32;
            *slot += 1;
        }
    }
    drop((root, at, dropped));
    // Each set becomes its entity on its own: in parallel, in root order.
    groups
        .par_iter()
        .zip(kinds)
        .filter_map(|(&(_, lo, hi), kind)| {
            let group = &members[lo as usize..hi as usize];
            entity(nodes, x, group, kind, gaz)
        })
        .collect()
}

/// The entity of one set (its nodes ascending, the kind it leans to):
/// kind, display name, aliases, mentions; `None` when it has no surface
/// form left (only bare titles).
fn entity(
    nodes: &[Node],
    x: &Nodes,
    group: &[u32],
    voted: Option<Kind>,
    gaz: &Gazetteer,
) -> Option<Entity> {
    let names = &x.names;
    let members = || group.iter().map(|&n| &nodes[n as usize]);
    let kind = match voted {
        Some(k) => k,
        None => guess_kind(names.str(members().next()?.name), gaz),
    };
    // Surface forms by frequency.
    let mut counts: HashMap<u32, usize> = HashMap::default();
    for c in members().filter(|c| !c.is(flag::BARE_TITLE)) {
        *counts.entry(c.name).or_default() += 1;
    }
    if counts.is_empty() {
        return None;
    }
    let mut forms: Vec<(&str, usize)> = counts
        .into_iter()
        .map(|(id, count)| (names.str(id), count))
        .collect();
    forms.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(b.0.len().cmp(&a.0.len()))
            .then(a.0.cmp(b.0))
    });
    let canon = members()
        .find(|c| c.alias != NONE)
        .map(|c| gaz.canon[c.alias as usize].1.to_string());
    let name = match (canon, kind) {
        (Some(c), _) => c,
        (None, Kind::Person) => forms
            .iter()
            .max_by_key(|(f, count)| (words(f), *count))
            .map(|(f, _)| f.to_string())
            .unwrap_or_default(),
        _ => forms[0].0.to_string(),
    };
    let mut aliases: Vec<String> = vec![name.clone()];
    for (f, _) in &forms {
        if !aliases.iter().any(|a| a == f) {
            aliases.push(f.to_string());
        }
    }
    // Bare titles and long forms, in order of first mention, each once.
    let mut seen: rustc_hash::FxHashSet<u32> = Default::default();
    for &n in group {
        let c = &nodes[n as usize];
        let extra = [
            Some(c.name).filter(|_| c.is(flag::BARE_TITLE)),
            Some(x.extra(n as usize, c).long_form).filter(|&l| l != NONE),
        ];
        for id in extra.into_iter().flatten() {
            if seen.insert(id) {
                let s = names.str(id);
                if !aliases.iter().any(|a| a == s) {
                    aliases.push(s.to_string());
                }
            }
        }
    }
    let mentions: Vec<Mention> = members()
        .map(|c| Mention {
            doc: c.doc,
            start: c.start,
            end: c.end,
        })
        .collect();
    Some(Entity {
        id: String::new(),
        name,
        kind,
        aliases,
        mentions,
    })
}

/// The kind of a set no evidence speaks for, from its first name: a name
/// of two or three unusual words, or a known surname, is a person;
/// anything else an organisation.
fn guess_kind(name: &str, gaz: &Gazetteer) -> Kind {
    let ws: Vec<&str> = name.split_whitespace().collect();
    let personal = match ws.len() {
        1 => gaz.is_surname(ws[0]) || gaz.is_given(ws[0]),
        2 | 3 => {
            let last = ws[ws.len() - 1];
            !gaz.is_common(last)
                && !gaz.is_org_cue(last)
                && ws.iter().all(|w| {
                    !w.chars().all(char::is_uppercase) && w.starts_with(char::is_uppercase)
                })
        }
        _ => false,
    };
    if personal { Kind::Person } else { Kind::Org }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(texts: &[&str]) -> Vec<Vec<String>> {
        let extracts: Vec<Extract> = texts.iter().map(|t| super::super::extract(t)).collect();
        let mut out: Vec<Vec<String>> = resolve(&extracts)
            .into_iter()
            .filter(|e| e.kind == Kind::Org)
            .map(|e| {
                let mut a = e.aliases;
                a.sort();
                a
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_short_form_joins_the_one_name_it_ends() {
        let orgs = names_of(&[
            "Officials of the International Committee of the Red Cross visited the camp.",
            "A spokesman said the Red Cross would return on Monday.",
        ]);
        assert!(
            orgs.iter()
                .any(|a| a.contains(&"Red Cross".to_string()) && a.len() == 2),
            "{orgs:?}"
        );
        // Two longer names end with it: which one is meant is unknown.
        let orgs = names_of(&[
            "Officials of the International Committee of the Red Cross visited the camp.",
            "The British Red Cross sent tents.",
            "A spokesman said the Red Cross would return on Monday.",
        ]);
        assert!(orgs.contains(&vec!["Red Cross".to_string()]), "{orgs:?}");
        // Only whole trailing words count, and cue words alone never.
        let orgs = names_of(&[
            "The Department of Defense and the Department of State disagreed.",
            "The Foreign Affairs Committee met the Senate Foreign Affairs Committee.",
        ]);
        let with = |name: &str| orgs.iter().position(|a| a.iter().any(|x| x == name));
        assert!(with("Department of State").is_some(), "{orgs:?}");
        assert_ne!(
            with("Department of State"),
            with("Department of Defense"),
            "{orgs:?}"
        );
    }

    #[test]
    fn keys_and_skeletons() {
        assert_eq!(key("U.S."), "^us");
        assert_eq!(key("US"), key("U.S."));
        assert_ne!(key("WHO"), key("Who"));
        assert_eq!(key("Iran’s"), "iran");
        assert_eq!(key("the Mujahedeen-e-Khalq"), "mujahedeen e khalq");
        let a = skeleton(&key("Mujahedin-e Khalq"));
        assert_eq!(a, skeleton(&key("Mujahedeen e-Khalq")));
        assert_eq!(a, skeleton(&key("Mojahedin-e Khalq")));
        assert_ne!(
            skeleton(&key("Austria Hungary")),
            skeleton(&key("Australia Hungary"))
        );
    }
}
