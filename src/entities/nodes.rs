//! The mentions resolution works on, compactly: every candidate of every
//! document folded into a fixed-size [`Node`] of numbers, its strings
//! interned once for the whole corpus.
//!
//! A corpus of 100,000 articles has millions of candidate mentions but far
//! fewer distinct names; keeping a `Cand` (a dozen fields, up to four
//! strings) per mention until resolution ends cost several times the
//! corpus's text. Here each document's extract is folded in and can be
//! dropped at once, and whatever depends on a name only (its comparison
//! key, skeleton, word count, guessed kind) is computed once per distinct
//! name rather than once per mention.

use rustc_hash::FxHashMap as HashMap;

use super::Kind;
use super::extract::Extract;
use super::resolve::{key, skeleton, words};
use super::sets::Sets;

/// "No such string" in a [`Node`]'s id fields.
pub const NONE: u32 = u32::MAX;
/// "Not computed yet" in lazily filled tables.
const UNSET: u32 = u32::MAX - 1;

/// Strings stored once, by id.
#[derive(Default)]
pub struct Interner {
    ids: HashMap<Box<str>, u32>,
    all: Vec<Box<str>>,
}

impl Interner {
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.all.len() as u32;
        self.all.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }

    pub fn str(&self, id: u32) -> &str {
        &self.all[id as usize]
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }
}

/// A node (or any `u32`) per interned id, [`NONE`] where unset: a dense
/// table, since ids are small and every pass over the nodes asks it once
/// per node (hashing was a large part of resolution).
#[derive(Default)]
pub struct Table(Vec<u32>);

impl Table {
    pub fn get(&self, id: u32) -> u32 {
        self.0.get(id as usize).copied().unwrap_or(NONE)
    }

    pub fn set(&mut self, id: u32, v: u32) {
        let i = id as usize;
        if self.0.len() <= i {
            self.0.resize(i + 1, NONE);
        }
        self.0[i] = v;
    }

    /// `(id, value)` of every id set, ascending.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.0
            .iter()
            .enumerate()
            .filter(|&(_, &v)| v != NONE)
            .map(|(i, &v)| (i as u32, v))
    }
}

/// Flags of a [`Node`].
pub mod flag {
    pub const BARE_TITLE: u8 = 1;
    pub const WEAK_COMMON: u8 = 2;
    pub const NESTED: u8 = 4;
    /// Waits for a referent (see `resolve`).
    pub const OPEN: u8 = 8;
    /// Has an [`Extra`](super::Extra) in [`Nodes::extras`](super::Nodes).
    pub const EXTRA: u8 = 16;
}

/// What few candidates carry beyond a name, kept beside the nodes rather
/// than in each: a title, a long form, a bare place name.
#[derive(Debug, Clone, Copy)]
pub struct Extra {
    /// The lowercased title written before it, in `norm`, or [`NONE`].
    pub title: u32,
    /// Surface forms in `names`, or [`NONE`].
    pub long_form: u32,
    pub bare_place: u32,
}

const NO_EXTRA: Extra = Extra {
    title: NONE,
    long_form: NONE,
    bare_place: NONE,
};

/// One candidate mention. Offsets are `u32`: a body is one file's text,
/// and the store refuses files over 1 GiB (`store::load::MAX_FILE`);
/// decoding at most triples that (an invalid byte becomes a three-byte
/// U+FFFD, NFC expands UTF-8 at most threefold), so every offset fits.
/// [`Nodes::push`] still checks each and skips a candidate that does not.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    pub doc: u32,
    pub start: u32,
    pub end: u32,
    /// The name as written, in [`Nodes::names`].
    pub name: u32,
    /// Its comparison key (kind-prefixed for dates and figures), in
    /// [`Nodes::norm`].
    pub key: u32,
    pub alias: u32,
    pub kind: Option<Kind>,
    pub strength: u8,
    pub flags: u8,
}

impl Node {
    pub fn is(&self, f: u8) -> bool {
        self.flags & f != 0
    }
}

/// Every candidate of the corpus, in corpus order, with the strings they
/// name.
#[derive(Default)]
pub struct Nodes {
    pub nodes: Vec<Node>,
    /// The extras of the nodes that have one, by node.
    extras: Vec<(u32, Extra)>,
    /// Pairs of nodes the text says are one entity.
    pub links: Vec<(u32, u32)>,
    /// Surface forms as written.
    pub names: Interner,
    /// Normalised strings: keys, their words, skeletons, lowercased titles.
    pub norm: Interner,
    /// Per name: its key as a plain name, a date and a figure (lazily).
    name_keys: Vec<[u32; 3]>,
    /// Per name: its word count.
    pub name_words: Vec<u32>,
    /// Per key of a plain name: its skeleton, [`NONE`] when it has none
    /// ([`UNSET`] when not computed).
    key_skel: Vec<u32>,
    /// The sets of nodes, joined by the first pass of resolution (equal
    /// keys, curated aliases, skeletons) as each node is pushed: that
    /// pass reads nodes in order and nothing later, so it runs here, on
    /// the folding thread, alongside extraction.
    pub sets: Sets,
    /// Per key: the first node not open with it.
    pub by_key: Table,
    /// Per curated alias, and per skeleton: the first node not open with it.
    by_alias: Table,
    by_skeleton: Table,
    /// Per key in `by_key`: its key keyed again, in `norm` (see `resolve`).
    again: Table,
    docs: u32,
    /// Scratch for [`Nodes::push`]: the node of each candidate of the
    /// document being pushed, [`NONE`] for one skipped.
    slots: Vec<u32>,
}

impl Nodes {
    /// Fold in the extract of the next document, in corpus order.
    pub fn push(&mut self, x: &Extract) {
        let doc = self.docs;
        self.docs += 1;
        let mut slots = std::mem::take(&mut self.slots);
        slots.clear();
        for c in &x.cands {
            // Offsets past 4 GiB cannot come from the store (see [`Node`]);
            // a candidate with one is skipped, not truncated into a wrong
            // range, and links to it are dropped with it.
            let (Ok(start), Ok(end)) = (u32::try_from(c.start), u32::try_from(c.end)) else {
                slots.push(NONE);
                continue;
            };
            slots.push(self.nodes.len() as u32);
            let name = self.name(&c.name);
            let class = match c.kind {
                Some(Kind::Date) => 1,
                Some(Kind::Quantity) => 2,
                _ => 0,
            };
            let key = self.key(name, class);
            if class == 0 {
                self.skeleton(key);
            }
            let mut flags = 0;
            if c.bare_title {
                flags |= flag::BARE_TITLE;
            }
            if c.weak_common {
                flags |= flag::WEAK_COMMON;
            }
            if c.nested {
                flags |= flag::NESTED;
            }
            // Open nodes wait for a referent: single-word people or
            // unknowns, ordinary words ("the Court") and bare titles ("the
            // President").
            if c.bare_title
                || c.weak_common
                || (self.name_words[name as usize] == 1
                    && c.alias.is_none()
                    && matches!(c.kind, None | Some(Kind::Person)))
            {
                flags |= flag::OPEN;
            }
            let title = match &c.title {
                Some(t) => self.norm.id(&t.to_lowercase()),
                None => NONE,
            };
            let long_form = match &c.long_form {
                Some(l) => self.name(l),
                None => NONE,
            };
            let bare_place = match &c.bare_place {
                Some(b) => self.name(b),
                None => NONE,
            };
            let extra = Extra {
                title,
                long_form,
                bare_place,
            };
            if title != NONE || long_form != NONE || bare_place != NONE {
                flags |= flag::EXTRA;
                self.extras.push((self.nodes.len() as u32, extra));
            }
            self.nodes.push(Node {
                doc,
                start,
                end,
                name,
                key,
                alias: c.alias.unwrap_or(NONE),
                kind: c.kind,
                strength: c.strength,
                flags,
            });
            self.sets.add();
            self.join_first();
        }
        for &(a, b) in &x.links {
            if let (Some(&a), Some(&b)) = (slots.get(a), slots.get(b))
                && a != NONE
                && b != NONE
            {
                self.links.push((a, b));
            }
        }
        self.slots = slots;
    }

    /// The first pass of resolution for the node just pushed: one not open
    /// joins the first node with its key, its curated alias and (a plain
    /// name) its skeleton.
    fn join_first(&mut self) {
        let n = self.nodes.len() - 1;
        let c = self.nodes[n];
        if c.is(flag::OPEN) {
            return;
        }
        match self.by_key.get(c.key) {
            NONE => {
                self.by_key.set(c.key, n as u32);
                self.key_again(c.key);
            }
            m => self.sets.union(m as usize, n, &self.nodes),
        }
        if c.alias != NONE {
            match self.by_alias.get(c.alias) {
                NONE => self.by_alias.set(c.alias, n as u32),
                m => self.sets.union(m as usize, n, &self.nodes),
            }
        }
        let skel = self.skeleton_of(c.key);
        if matches!(c.kind, Some(Kind::Date | Kind::Quantity)) || skel == NONE {
            return;
        }
        match self.by_skeleton.get(skel) {
            NONE => self.by_skeleton.set(skel, n as u32),
            m => self.sets.union(m as usize, n, &self.nodes),
        }
    }

    /// The first pass is over: its tables of aliases and skeletons go.
    pub fn first_pass_done(&mut self) {
        self.by_alias = Table::default();
        self.by_skeleton = Table::default();
    }

    /// Resolution is over but for making the entities, which read only
    /// the nodes, their names as written and their extras: the rest goes
    /// before that step (it is where resolution's memory peaks), and so
    /// does the names' lookup (every name is held there a second time).
    pub fn linking_done(&mut self) {
        self.names.ids = HashMap::default();
        self.norm = Interner::default();
        self.links = Vec::new();
        self.name_keys = Vec::new();
        self.key_skel = Vec::new();
        self.by_key = Table::default();
        self.again = Table::default();
        self.slots = Vec::new();
    }

    /// Key `k` (in `norm`) keyed again, computed once per key.
    pub fn key_again(&mut self, k: u32) -> u32 {
        match self.again.get(k) {
            NONE => {
                let again = key(self.norm.str(k));
                let id = self.norm.id(&again);
                self.again.set(k, id);
                id
            }
            id => id,
        }
    }

    fn name(&mut self, s: &str) -> u32 {
        let id = self.names.id(s);
        if id as usize == self.name_keys.len() {
            self.name_keys.push([NONE; 3]);
            self.name_words.push(words(s) as u32);
        }
        id
    }

    /// The key of name `name` read as a plain name (class 0), a date (1)
    /// or a figure (2), computed once per name and class.
    pub fn key(&mut self, name: u32, class: usize) -> u32 {
        let known = self.name_keys[name as usize][class];
        if known != NONE {
            return known;
        }
        let k = key(self.names.str(name));
        let k = match class {
            1 => format!("date:{k}"),
            2 => format!("quantity:{k}"),
            _ => k,
        };
        let id = self.norm.id(&k);
        self.name_keys[name as usize][class] = id;
        id
    }

    /// The skeleton of a plain name's key, computed once per key.
    fn skeleton(&mut self, key: u32) -> u32 {
        let k = key as usize;
        if let Some(&s) = self.key_skel.get(k).filter(|&&s| s != UNSET) {
            return s;
        }
        let s = match skeleton(self.norm.str(key)) {
            Some(s) => self.norm.id(&s),
            None => NONE,
        };
        if self.key_skel.len() <= k {
            self.key_skel.resize(k + 1, UNSET);
        }
        self.key_skel[k] = s;
        s
    }

    /// The skeleton of the key of a plain name, or [`NONE`].
    pub fn skeleton_of(&self, key: u32) -> u32 {
        match self.key_skel.get(key as usize) {
            Some(&s) if s != UNSET => s,
            _ => NONE,
        }
    }

    /// The extra of node `n` (all [`NONE`] when it has none).
    pub fn extra(&self, n: usize, node: &Node) -> Extra {
        if !node.is(flag::EXTRA) {
            return NO_EXTRA;
        }
        match self.extras.binary_search_by_key(&(n as u32), |e| e.0) {
            Ok(i) => self.extras[i].1,
            Err(_) => NO_EXTRA,
        }
    }

    /// The nodes that have an extra, with it, in node order.
    pub fn extras(&self) -> &[(u32, Extra)] {
        &self.extras
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }
}
