//! The entity scorer of `shared/tools/score_entities.py`, ported: scores the
//! entities of a run against a gold file (same JSON format).
//!
//! Recall: a gold entity counts when ONE reported person/org/place entity
//! carries one of its aliases, has its kind and is linked to all its docs.
//! Precision: reported person/org/place entities that match a gold name or
//! an optional one. Merges: every `must_merge` list inside one entity.
//! Leaks: an entity named like a `forbid` rule credited to a forbidden doc.

use std::collections::{BTreeSet, HashSet};

use dossier::entities::{EntityIndex, Kind};
use dossier::store::Document;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Gold {
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub optional: Vec<String>,
    #[serde(default)]
    pub teaser_only: Vec<GoldEntity>,
    #[serde(default)]
    pub junk: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct GoldEntity {
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub docs: Vec<String>,
    #[serde(default)]
    pub also: Vec<String>,
    #[serde(default)]
    pub must_merge: Option<Vec<String>>,
    #[serde(default)]
    pub forbid: Option<Vec<String>>,
}

#[derive(Debug, Default)]
pub struct Score {
    pub recalled: usize,
    pub gold: usize,
    pub right: usize,
    pub reported: usize,
    pub merges_ok: usize,
    pub merges_all: usize,
    pub leaks: usize,
    pub junk: usize,
    pub over_merged: usize,
    /// What went wrong, one line each, for assertion messages.
    pub notes: Vec<String>,
}

impl Score {
    pub fn recall(&self) -> f64 {
        self.recalled as f64 / self.gold.max(1) as f64
    }
    pub fn precision(&self) -> f64 {
        self.right as f64 / self.reported.max(1) as f64
    }
    pub fn summary(&self) -> String {
        format!(
            "recall {:.3} ({}/{}) precision {:.3} ({}/{}) merges {}/{} over-merged {} leaks {} junk {}",
            self.recall(),
            self.recalled,
            self.gold,
            self.precision(),
            self.right,
            self.reported,
            self.merges_ok,
            self.merges_all,
            self.over_merged,
            self.leaks,
            self.junk
        )
    }
}

/// The scorer's name normalisation: curly quotes and dashes plain,
/// lowercase, no periods, whitespace collapsed, no leading "the", no
/// trailing "'s".
pub fn norm(s: &str) -> String {
    let s = s
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{2013}', '\u{2014}'], "-")
        .to_lowercase()
        .replace('.', "");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.strip_prefix("the ").map(str::to_string).unwrap_or(s);
    s.strip_suffix("'s").map(str::to_string).unwrap_or(s)
}

struct Cluster {
    name: String,
    kind: Kind,
    names: HashSet<String>,
    docs: BTreeSet<String>,
}

/// A reported doc id in the gold's terms: the longest gold id it starts with.
fn short(doc: &str, gold_docs: &[String]) -> String {
    gold_docs
        .iter()
        .filter(|g| doc.starts_with(g.as_str()))
        .max_by_key(|g| g.len())
        .cloned()
        .unwrap_or_else(|| doc.to_string())
}

fn kind_of(s: &str) -> Option<Kind> {
    s.parse().ok()
}

pub fn score(gold: &Gold, index: &EntityIndex, docs: &[Document]) -> Score {
    let mut gold_docs: Vec<String> = gold
        .entities
        .iter()
        .chain(&gold.teaser_only)
        .flat_map(|g| {
            g.docs
                .iter()
                .chain(&g.also)
                .chain(g.forbid.iter().flatten())
                .cloned()
        })
        .collect();
    gold_docs.sort();
    gold_docs.dedup();
    let clusters: Vec<Cluster> = (0..index.entities().len())
        .map(|i| (index.entity(i), i))
        .map(|(e, i)| Cluster {
            name: e.name.clone(),
            kind: e.kind,
            names: std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| norm(n))
                .collect(),
            docs: index
                .docs_of(i)
                .map(|d| short(&docs[d].id, &gold_docs))
                .collect(),
        })
        .collect();
    let ents: Vec<&Cluster> = clusters
        .iter()
        .filter(|c| matches!(c.kind, Kind::Person | Kind::Org | Kind::Place))
        .collect();
    let gold_alias: Vec<HashSet<String>> = gold
        .entities
        .iter()
        .map(|g| {
            g.aliases
                .iter()
                .chain(std::iter::once(&g.name))
                .map(|a| norm(a))
                .collect()
        })
        .collect();
    let optional: HashSet<String> = gold.optional.iter().map(|o| norm(o)).collect();
    let junk: HashSet<String> = gold.junk.iter().map(|j| norm(j)).collect();
    let mut s = Score {
        gold: gold.entities.len(),
        reported: ents.len(),
        ..Score::default()
    };

    for (g, aliases) in gold.entities.iter().zip(&gold_alias) {
        let need: BTreeSet<String> = g.docs.iter().cloned().collect();
        let ok = ents.iter().any(|c| {
            !c.names.is_disjoint(aliases)
                && kind_of(&g.kind) == Some(c.kind)
                && need.is_subset(&c.docs)
        });
        if ok {
            s.recalled += 1;
        } else {
            s.notes.push(format!("MISSED {} ({})", g.name, g.kind));
        }
    }
    for c in &ents {
        let hits = gold_alias
            .iter()
            .filter(|a| !c.names.is_disjoint(a))
            .count();
        if hits > 1 {
            s.over_merged += 1;
            s.notes.push(format!("OVERMERGED {}", c.name));
        }
        if hits > 0 || !c.names.is_disjoint(&optional) {
            s.right += 1;
        } else {
            s.notes.push(format!("WRONG {}", c.name));
            if !c.names.is_disjoint(&junk) {
                s.junk += 1;
            }
        }
    }
    for g in &gold.entities {
        let Some(want) = &g.must_merge else { continue };
        s.merges_all += 1;
        let want: HashSet<String> = want.iter().map(|a| norm(a)).collect();
        let owners: Vec<&&Cluster> = ents
            .iter()
            .filter(|c| !c.names.is_disjoint(&want))
            .collect();
        if owners.len() == 1 && want.is_subset(&owners[0].names) {
            s.merges_ok += 1;
        } else {
            s.notes.push(format!("SPLIT {}", g.name));
        }
    }
    for rule in gold.entities.iter().chain(&gold.teaser_only) {
        let Some(forbid) = &rule.forbid else { continue };
        let names: HashSet<String> = std::iter::once(&rule.name)
            .chain(&rule.aliases)
            .map(|a| norm(a))
            .collect();
        for c in &clusters {
            if !c.names.is_disjoint(&names) && forbid.iter().any(|f| c.docs.contains(f)) {
                s.leaks += 1;
                s.notes.push(format!("LEAK {} in {:?}", rule.name, forbid));
            }
        }
    }
    s
}
