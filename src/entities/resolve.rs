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
use super::nodes::{Interner, NONE, Node, Nodes, flag};
use super::{Entity, Kind, Mention};

/// Union-find over mention nodes.
struct Sets(Vec<u32>);

impl Sets {
    fn new(n: usize) -> Self {
        Sets((0..n as u32).collect())
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] as usize != x {
            let up = self.0[self.0[x] as usize];
            self.0[x] = up;
            x = up as usize;
        }
        x
    }
    /// Point every node straight at its root, so each `find` until the
    /// next union is one step. A parent always has a smaller index than
    /// its child (the smaller root wins a union, halving only moves a node
    /// up), so one pass in index order finds every parent already flat.
    fn flatten(&mut self) {
        for n in 0..self.0.len() {
            let up = self.0[n] as usize;
            self.0[n] = self.0[up];
        }
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            // The smaller index stays root so results are deterministic.
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            self.0[hi] = lo as u32;
        }
    }
}

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

/// Resolve the folded candidates of a corpus into entities.
pub fn resolve_nodes(mut x: Nodes) -> Vec<Entity> {
    let gaz = Gazetteer::get();
    let count = x.len();
    let mut sets = Sets::new(count);
    let mut dropped = vec![false; count];
    let nodes = std::mem::take(&mut x.nodes);
    let open = |n: usize| nodes[n].is(flag::OPEN);

    // 1. Equal names, curated aliases, stated links, bare places, skeletons.
    let mut by_key: HashMap<u32, usize> = HashMap::default();
    let mut by_alias: HashMap<u32, usize> = HashMap::default();
    let mut by_skeleton: HashMap<u32, usize> = HashMap::default();
    for (n, c) in nodes.iter().enumerate() {
        if open(n) {
            continue;
        }
        match by_key.get(&c.key) {
            Some(&m) => sets.union(m, n),
            None => {
                by_key.insert(c.key, n);
            }
        }
        if c.alias != NONE {
            match by_alias.get(&c.alias) {
                Some(&m) => sets.union(m, n),
                None => {
                    by_alias.insert(c.alias, n);
                }
            }
        }
        let skel = x.skeleton_of(c.key);
        if matches!(c.kind, Some(Kind::Date | Kind::Quantity)) || skel == NONE {
            continue;
        }
        match by_skeleton.get(&skel) {
            Some(&m) => sets.union(m, n),
            None => {
                by_skeleton.insert(skel, n);
            }
        }
    }
    drop((by_alias, by_skeleton));
    // A bare place ("Ashraf" of "Camp Ashraf") joins the name it equals;
    // else it is remembered as written, for open words to join below.
    let mut raw: Vec<(u32, usize)> = Vec::new();
    let bare: Vec<(usize, u32)> = x
        .extras()
        .iter()
        .filter(|(_, e)| e.bare_place != NONE)
        .map(|&(n, e)| (n as usize, e.bare_place))
        .collect();
    for (n, place) in bare {
        let k = x.key(place, 0);
        if let Some(&m) = by_key.get(&k) {
            sets.union(m, n);
        } else if x.names.str(place) == x.norm.str(k) {
            by_key.insert(k, n);
        } else {
            raw.push((place, n));
        }
    }
    // Everything remembered, by normalised key.
    let mut settled: HashMap<u32, usize> = HashMap::default();
    let mut remembered: Vec<(u32, usize)> = by_key.into_iter().collect();
    remembered.sort_unstable_by_key(|&(_, n)| n);
    // Keying every remembered key again is independent per key: in
    // parallel; interning the results stays in order.
    let again: Vec<String> = remembered
        .par_iter()
        .map(|&(k, _)| key(x.norm.str(k)))
        .collect();
    for ((_, n), again) in remembered.into_iter().zip(again) {
        settled.insert(x.norm.id(&again), n);
    }
    for (name, n) in raw {
        settled.insert(x.key(name, 0), n);
    }
    for &(a, b) in &x.links {
        sets.union(a as usize, b as usize);
    }

    // 2. Open single words that equal a settled name join it.
    let mut joined = vec![false; count];
    for (n, c) in nodes.iter().enumerate() {
        if open(n)
            && !c.is(flag::BARE_TITLE)
            && !c.is(flag::WEAK_COMMON)
            && let Some(&m) = settled.get(&c.key)
        {
            sets.union(m, n);
            joined[n] = true;
        }
    }
    drop(settled);

    // 3. People: surnames and first names, then bare titles.
    let mut guesses: HashMap<u32, Kind> = HashMap::default();
    let mut guess = |name: u32, names: &Interner| {
        *guesses
            .entry(name)
            .or_insert_with(|| guess_kind(names.str(name), gaz))
    };
    let kinds = vote(&nodes, &mut sets);
    let mut surname: HashMap<Part, Vec<usize>> = HashMap::default();
    let mut titled: HashMap<Part, Vec<usize>> = HashMap::default();
    // Per key: its first and last part (no "Jr."), when it has two or more.
    let mut parts_of: HashMap<u32, Option<(u32, u32)>> = HashMap::default();
    for (n, c) in nodes.iter().enumerate() {
        let root = sets.find(n);
        let kind = kinds.get(&root).unwrap_or_else(|| guess(c.name, &x.names));
        if kind != Kind::Person {
            continue;
        }
        let title = x.extra(n, c).title;
        if title != NONE && !c.is(flag::BARE_TITLE) {
            push_unique(titled.entry((c.doc, title)).or_default(), root);
        }
        if open(n) {
            continue;
        }
        let parts = *parts_of.entry(c.key).or_insert_with(|| {
            let k = x.norm.str(c.key).to_string();
            let parts: Vec<&str> = k
                .split(' ')
                .filter(|w| !matches!(*w, "jr" | "sr" | "ii" | "iii"))
                .collect();
            match parts[..] {
                [first, .., last] => Some((x.norm.id(first), x.norm.id(last))),
                _ => None,
            }
        });
        if let Some((first, last)) = parts {
            push_unique(surname.entry((c.doc, first)).or_default(), root);
            push_unique(surname.entry((c.doc, last)).or_default(), root);
            push_unique(surname.entry((NONE, last)).or_default(), root);
        }
    }
    let mut org_words: HashMap<Part, Vec<usize>> = HashMap::default();
    // Per key: its first and last words that are cue words, when it has
    // two words or more.
    let mut cues_of: HashMap<u32, Vec<u32>> = HashMap::default();
    for (n, c) in nodes.iter().enumerate() {
        let root = sets.find(n);
        if open(n) || !matches!(kinds.get(&root), Some(Kind::Org | Kind::Place)) {
            continue;
        }
        let cues = cues_of.entry(c.key).or_insert_with(|| {
            let k = x.norm.str(c.key).to_string();
            let ws: Vec<&str> = k.split(' ').collect();
            if ws.len() < 2 {
                return Vec::new();
            }
            [ws[0], ws[ws.len() - 1]]
                .into_iter()
                .filter(|w| {
                    let t = title_word(w);
                    gaz.is_org_cue(&t) || gaz.place_cue(&t).is_some()
                })
                .map(|w| x.norm.id(w))
                .collect()
        });
        for &w in cues.iter() {
            push_unique(org_words.entry((c.doc, w)).or_default(), root);
        }
    }
    drop((kinds, parts_of, cues_of));
    let single = |v: &Vec<usize>| (v.len() == 1).then_some(v[0]);
    for (n, c) in nodes.iter().enumerate() {
        if !open(n) || joined[n] {
            continue;
        }
        let bare_title = c.is(flag::BARE_TITLE);
        let weak = c.is(flag::WEAK_COMMON);
        let referent = if bare_title {
            let title = x.extra(n, c).title;
            titled.get(&(c.doc, title)).and_then(single)
        } else {
            match surname.get(&(c.doc, c.key)) {
                Some(v) => single(v),
                None if weak => org_words.get(&(c.doc, c.key)).and_then(single),
                None => surname.get(&(NONE, c.key)).and_then(single),
            }
        };
        match referent {
            Some(root) => {
                sets.union(root, n);
                joined[n] = true;
            }
            None if bare_title || weak => dropped[n] = true,
            None => {}
        }
    }
    drop((surname, titled, org_words));
    // Leftover single words join their equals.
    let mut left: HashMap<u32, usize> = HashMap::default();
    for (n, c) in nodes.iter().enumerate() {
        if open(n) && !dropped[n] && !joined[n] {
            match left.get(&c.key) {
                Some(&m) => sets.union(m, n),
                None => {
                    left.insert(c.key, n);
                }
            }
        }
    }
    drop((left, joined));

    // 4. Organisations that share an unusual word.
    let kinds = vote(&nodes, &mut sets);
    let mut rare: HashMap<u32, Vec<usize>> = HashMap::default();
    // A name repeated in a set says nothing new: read each once.
    let mut read: rustc_hash::FxHashSet<(usize, u32)> = Default::default();
    let mut rare_of: HashMap<u32, Vec<u32>> = HashMap::default();
    for (n, c) in nodes.iter().enumerate() {
        let root = sets.find(n);
        if dropped[n] || !read.insert((root, c.name)) {
            continue;
        }
        let kind = kinds.get(&root).unwrap_or_else(|| guess(c.name, &x.names));
        if kind != Kind::Org {
            continue;
        }
        let words = rare_of
            .entry(c.name)
            .or_insert_with(|| rare_words(x.names.str(c.name), gaz, &mut x.norm));
        for &w in words.iter() {
            push_unique(rare.entry(w).or_default(), root);
        }
    }
    drop((read, rare_of, kinds));
    for roots in rare.values() {
        if roots.len() == 2 {
            sets.union(roots[0], roots[1]);
        }
    }
    drop(rare);

    // 5. A short organisation name that ends exactly one longer one.
    short_forms(&nodes, &x.norm, &mut sets, &dropped, gaz);

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
    let kinds = vote(nodes, sets);
    // Each organisation's distinct keys, by set.
    let mut names: HashMap<&str, Vec<usize>> = HashMap::default();
    for (n, c) in nodes.iter().enumerate() {
        if dropped[n] || c.is(flag::OPEN) || c.is(flag::NESTED) {
            continue;
        }
        let k = norm.str(c.key);
        if k.starts_with('^') {
            continue;
        }
        let root = sets.find(n);
        if kinds.get(&root) != Some(Kind::Org) {
            continue;
        }
        push_unique(names.entry(k).or_default(), root);
    }
    drop(kinds);
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
        sets.union(a, b);
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

/// The kind each set leans to, by root node: a dense table rather than a
/// hash map, since it is asked once per node in several passes.
struct Votes(Vec<Option<Kind>>);

impl Votes {
    fn get(&self, root: &usize) -> Option<Kind> {
        self.0.get(*root).copied().flatten()
    }
}

/// The kind each current set leans to (the most evidence).
///
/// The tallies are kept per set that has evidence, not per node: five
/// counts for each of millions of nodes were the largest table of
/// resolution, and most nodes are not roots.
fn vote(nodes: &[Node], sets: &mut Sets) -> Votes {
    sets.flatten();
    let mut slot: Vec<u32> = vec![NONE; nodes.len()];
    let mut tally: Vec<[u32; 5]> = Vec::new();
    for (n, c) in nodes.iter().enumerate() {
        let Some(k) = c.kind else { continue };
        if c.is(flag::BARE_TITLE) {
            continue;
        }
        let w = c.strength as u32 * if c.is(flag::OPEN) { 1 } else { 2 };
        let i = Kind::ALL.iter().position(|x| *x == k).unwrap_or(0);
        let root = sets.find(n);
        if slot[root] == NONE {
            slot[root] = tally.len() as u32;
            tally.push([0; 5]);
        }
        tally[slot[root] as usize][i] += w.max(1);
    }
    let lean = |t: &[u32; 5]| {
        let (i, &best) = t
            .iter()
            .enumerate()
            .max_by_key(|&(i, v)| (*v, std::cmp::Reverse(i)))?;
        (best > 0).then_some(Kind::ALL[i])
    };
    Votes(
        slot.into_iter()
            .map(|s| tally.get(s as usize).and_then(lean))
            .collect(),
    )
}

/// Turn the sets into entities: kind, display name, aliases, mentions.
fn build(
    nodes: &[Node],
    x: &Nodes,
    mut sets: Sets,
    dropped: Vec<bool>,
    gaz: &Gazetteer,
) -> Vec<Entity> {
    let kinds = vote(nodes, &mut sets);
    // Members by set, in root order, each set's members ascending: a
    // counting sort by root (the nodes are met ascending), linear and
    // half the bytes of sorting `(root, node)` pairs.
    let count = nodes.len();
    let mut root: Vec<u32> = Vec::with_capacity(count);
    for n in 0..count {
        root.push(sets.find(n) as u32);
    }
    drop(sets);
    let mut at = vec![0u32; count + 1];
    for (n, &r) in root.iter().enumerate() {
        if !dropped[n] {
            at[r as usize + 1] += 1;
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
        .filter_map(|&(r, lo, hi)| {
            let group = &members[lo as usize..hi as usize];
            entity(nodes, x, r as usize, group, &kinds, gaz)
        })
        .collect()
}

/// The entity of one set (its root, its nodes ascending): kind, display name,
/// aliases, mentions; `None` when it has no surface form left (only bare
/// titles).
fn entity(
    nodes: &[Node],
    x: &Nodes,
    root: usize,
    group: &[u32],
    kinds: &Votes,
    gaz: &Gazetteer,
) -> Option<Entity> {
    let names = &x.names;
    let members = || group.iter().map(|&n| &nodes[n as usize]);
    let kind = match kinds.get(&root) {
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
