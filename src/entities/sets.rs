//! Union-find over resolution's nodes, with each set's kind evidence
//! tallied as sets join.
//!
//! Resolution asks "what kind does this set lean to?" in four passes over
//! millions of nodes. Re-tallying every node each time was a sixth of its
//! serial instructions; a tally is a sum over the set's members, so it can
//! be kept per set and added up at each union instead, and asking is then
//! a few reads.
//!
//! Memory: tallies are kept only for sets of two or more members with
//! evidence (a lone node's tally is its own evidence, read from the node),
//! and a set's tally slot is recycled when it joins another.

use super::Kind;
use super::nodes::{NONE, Node, flag};

/// The evidence one node gives its set: a weight for one kind, or none.
fn own(c: &Node) -> Option<(usize, u32)> {
    let k = c.kind?;
    if c.is(flag::BARE_TITLE) {
        return None;
    }
    let w = c.strength as u32 * if c.is(flag::OPEN) { 1 } else { 2 };
    let i = Kind::ALL.iter().position(|x| *x == k).unwrap_or(0);
    Some((i, w.max(1)))
}

/// Disjoint sets of nodes. The smallest node of a set is its root, so
/// roots (all any result reads) do not depend on the order of unions.
#[derive(Default)]
pub struct Sets {
    /// Each node's parent; a root is its own. A parent always has a
    /// smaller index than its child.
    up: Vec<u32>,
    /// Per root: its tally in `tallies`, or [`NONE`] when the set's tally
    /// is its root's own evidence (no other member has added any).
    slot: Vec<u32>,
    tallies: Vec<[u32; 5]>,
    /// Tally slots given up by sets that joined another.
    free: Vec<u32>,
}

impl Sets {
    /// `n` singletons, nodes `0..n`.
    #[cfg(test)]
    pub fn new(n: usize) -> Self {
        let mut sets = Sets::default();
        (0..n).for_each(|_| sets.add());
        sets
    }

    /// A new singleton for the next node.
    pub fn add(&mut self) {
        self.up.push(self.up.len() as u32);
        self.slot.push(NONE);
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while self.up[x] as usize != x {
            let up = self.up[self.up[x] as usize];
            self.up[x] = up;
            x = up as usize;
        }
        x
    }

    /// Point every node straight at its root, so each `find` until the
    /// next union is one step. As a parent is always smaller than its
    /// child, one pass in index order finds every parent already flat.
    pub fn flatten(&mut self) {
        for n in 0..self.up.len() {
            let up = self.up[n] as usize;
            self.up[n] = self.up[up];
        }
    }

    /// Flatten, then the kind each set leans to, by root (a non-root's
    /// entry is `None`), for a pass that reads one per node with no union
    /// meanwhile: a byte per node is far cheaper to reach at random than
    /// each root's slot and tally.
    pub fn leanings(&mut self, nodes: &[Node]) -> Vec<Option<Kind>> {
        self.flatten();
        (0..self.up.len())
            .map(|n| {
                if self.up[n] as usize == n {
                    self.lean(n, nodes)
                } else {
                    None
                }
            })
            .collect()
    }

    /// Every node's root, by node, the sets' evidence given up: flattened
    /// parents are roots, so the parent table itself is returned, not a
    /// copy of it (at 100,000 articles it is tens of megabytes).
    pub fn into_roots(mut self) -> Vec<u32> {
        self.flatten();
        self.up
    }

    /// The root of `n` when no union came since the last flatten.
    pub fn flat_root(&self, n: usize) -> usize {
        let root = self.up[n] as usize;
        debug_assert_eq!(self.up[root] as usize, root);
        root
    }

    /// Join the sets of `a` and `b`; `nodes` gives each node's evidence.
    pub fn union(&mut self, a: usize, b: usize, nodes: &[Node]) {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        // The smaller index stays root so results are deterministic.
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        self.up[hi] = lo as u32;
        let gone = self.slot[hi];
        let add = match gone {
            NONE => match own(&nodes[hi]) {
                Some((i, w)) => {
                    let mut t = [0; 5];
                    t[i] = w;
                    t
                }
                None => return,
            },
            s => {
                self.free.push(s);
                self.tallies[s as usize]
            }
        };
        let keep = match self.slot[lo] {
            NONE => {
                let mut t = [0; 5];
                if let Some((i, w)) = own(&nodes[lo]) {
                    t[i] = w;
                }
                let s = match self.free.pop() {
                    Some(s) => {
                        self.tallies[s as usize] = t;
                        s
                    }
                    None => {
                        self.tallies.push(t);
                        (self.tallies.len() - 1) as u32
                    }
                };
                self.slot[lo] = s;
                s
            }
            s => s,
        };
        let t = &mut self.tallies[keep as usize];
        for (sum, more) in t.iter_mut().zip(add) {
            *sum += more;
        }
    }

    /// The kind the set of root `root` leans to (the most evidence; on a
    /// tie the earlier of [`Kind::ALL`]), `None` without evidence. Asked
    /// once per node in several passes, so kept to a few reads.
    #[inline]
    pub fn lean(&self, root: usize, nodes: &[Node]) -> Option<Kind> {
        match self.slot[root] {
            // A set's own evidence: its root's kind (its weight is never 0).
            NONE => {
                let c = &nodes[root];
                if c.is(flag::BARE_TITLE) { None } else { c.kind }
            }
            s => {
                let t = &self.tallies[s as usize];
                let mut best = 0;
                for i in 1..t.len() {
                    if t[i] > t[best] {
                        best = i;
                    }
                }
                (t[best] > 0).then_some(Kind::ALL[best])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(kind: Option<Kind>, strength: u8, flags: u8) -> Node {
        Node {
            doc: 0,
            start: 0,
            end: 1,
            name: 0,
            key: 0,
            alias: NONE,
            kind,
            strength,
            flags,
        }
    }

    /// The tally of every set counted afresh, as resolution once did.
    fn recount(nodes: &[Node], sets: &mut Sets) -> Vec<Option<Kind>> {
        let mut t = vec![[0u32; 5]; nodes.len()];
        for (n, c) in nodes.iter().enumerate() {
            if let Some((i, w)) = own(c) {
                t[sets.find(n)][i] += w;
            }
        }
        (0..nodes.len())
            .filter(|&n| sets.find(n) == n)
            .map(|n| {
                let (i, &best) = t[n]
                    .iter()
                    .enumerate()
                    .max_by_key(|&(i, v)| (*v, std::cmp::Reverse(i)))?;
                (best > 0).then_some(Kind::ALL[i])
            })
            .collect()
    }

    #[test]
    fn kept_tallies_equal_a_recount() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as usize
        };
        let kinds = [None, Some(Kind::Person), Some(Kind::Org), Some(Kind::Place)];
        let nodes: Vec<Node> = (0..300)
            .map(|_| {
                node(
                    kinds[next(4)],
                    next(3) as u8,
                    [0, flag::OPEN, flag::BARE_TITLE][next(3)],
                )
            })
            .collect();
        let mut sets = Sets::new(nodes.len());
        let mut leaned = 0;
        for round in 0..6 {
            for _ in 0..40 {
                let (a, b) = (next(nodes.len() as u64), next(nodes.len() as u64));
                sets.union(a, b, &nodes);
            }
            if round % 2 == 0 {
                sets.flatten();
            }
            let expected = recount(&nodes, &mut sets);
            let roots: Vec<usize> = (0..nodes.len()).filter(|&n| sets.find(n) == n).collect();
            let kept: Vec<Option<Kind>> = roots.iter().map(|&n| sets.lean(n, &nodes)).collect();
            assert_eq!(kept, expected, "round {round}");
            leaned += kept.iter().flatten().count();
        }
        assert!(leaned > 100, "{leaned}");
        // Roots are the smallest member whatever the order of unions.
        for n in 0..nodes.len() {
            let r = sets.find(n);
            assert!((0..n).all(|m| sets.find(m) != r || m >= r));
        }
        // Handed over unflattened, the parents are every node's root.
        for _ in 0..40 {
            let (a, b) = (next(nodes.len() as u64), next(nodes.len() as u64));
            sets.union(a, b, &nodes);
        }
        let mut probe = Sets {
            up: sets.up.clone(),
            ..Sets::default()
        };
        let found: Vec<u32> = (0..nodes.len()).map(|n| probe.find(n) as u32).collect();
        assert!(found.iter().enumerate().any(|(n, &r)| sets.up[n] != r));
        assert_eq!(sets.into_roots(), found);
    }
}
