//! Mentions of a document never cross, and lie inside one another only
//! where nesting is a reading worth keeping.
//!
//! Extraction reports names inside a longer name as well as the name
//! ("Geneva" in "Geneva Convention", "United States" in "United States
//! Navy"), and leaves resolution to decide what the longer name is. After
//! resolution:
//! - a name inside a person's name that opens with a given name goes:
//!   "Hassan" and "Mendoza" in "Hassan Mendoza" are not places (the
//!   generated corpus had 1,372 such overlaps in 1,000 articles);
//! - so does anything inside a date or a figure, anything that crosses
//!   another mention (the first to start wins) and a second mention of the
//!   exact same span;
//! - a name inside an organisation's or a place's name stays, and so does
//!   one inside a "person" that does not open with a given name ("Fan Expo
//!   Canada", "Ontario Ghostbusters", or the junk "United States
//!   Mondaythe"): there the inner name is as likely right as the outer.
//!
//! Why nesting is kept at all: gold annotations such as GUM's count nested
//! names, and every stricter rule measured lost GUM recall below its 0.75
//! bar: dropping every inner name, 0.705; making weak "persons" yield to
//! the names inside them, 0.746; letting the better-mentioned reading win,
//! 0.743. An entity left without mentions is dropped.

use rayon::prelude::*;

use super::gazetteer::Gazetteer;
use super::{Entity, Kind, Mention};

/// Drop the mentions that overlap as described above, and the entities
/// left with none. Entity order is kept.
pub(crate) fn settle(mut entities: Vec<Entity>) -> Vec<Entity> {
    let all = reading_order(&entities);
    // Names may nest inside organisations, places, and "persons" that do
    // not open with a given name.
    let gaz = Gazetteer::get();
    let nests: Vec<bool> = entities
        .par_iter()
        .map(|entity| match entity.kind {
            Kind::Org | Kind::Place => true,
            Kind::Person => !entity
                .name
                .split_whitespace()
                .next()
                .is_some_and(|w| gaz.is_given(w)),
            Kind::Date | Kind::Quantity => false,
        })
        .collect();
    // Documents are settled on their own: in parallel.
    let mut dropped: Vec<(u32, Mention)> = all
        .par_chunk_by(|(a, _), (b, _)| a.doc == b.doc)
        .fold(Vec::new, |mut out, list| {
            settle_doc(list, &nests, &mut out);
            out
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    if dropped.is_empty() {
        return entities;
    }
    dropped.par_sort_unstable();
    // Each entity loses its own dropped mentions: independent, so in
    // parallel.
    entities.par_iter_mut().enumerate().for_each(|(e, entity)| {
        let lo = dropped.partition_point(|&(d, _)| (d as usize) < e);
        let hi = dropped.partition_point(|&(d, _)| d as usize <= e);
        if lo == hi {
            return;
        }
        let gone = &dropped[lo..hi];
        entity
            .mentions
            .retain(|m| gone.binary_search(&(e as u32, *m)).is_err());
    });
    entities.retain(|entity| !entity.mentions.is_empty());
    entities
}

/// The mentions to drop of one document's (in reading order), given
/// whether names may nest inside each entity's, onto `out`.
fn settle_doc(list: &[(Mention, u32)], nests: &[bool], out: &mut Vec<(u32, Mention)>) {
    // The last outer mention kept, whether names may nest inside it, and
    // where the last name kept inside it ends.
    let mut outer: Option<(Mention, bool)> = None;
    let mut inner_end = 0;
    for &(m, e) in list {
        match outer {
            Some((o, nests)) if m.start < o.end => {
                let inside = m.end <= o.end && m.end - m.start < o.end - o.start;
                if nests && inside && m.start >= inner_end {
                    inner_end = m.end;
                } else {
                    out.push((e, m));
                }
            }
            _ => {
                outer = Some((m, nests[e as usize]));
                inner_end = m.start;
            }
        }
    }
}

/// Every mention, with its entity, in reading order; at one start the
/// longest first, so the outer name is met before what is inside it.
/// Mentions are bucketed by document first (a counting sort), then each
/// document's few are sorted: cheaper than one sort of them all.
fn reading_order(entities: &[Entity]) -> Vec<(Mention, u32)> {
    let docs = entities
        .iter()
        .filter_map(|entity| entity.mentions.iter().map(|m| m.doc_idx()).max())
        .max()
        .map_or(0, |d| d + 1);
    // starts[d]: where document d's mentions begin in `all`.
    let mut starts = vec![0usize; docs + 1];
    for m in entities.iter().flat_map(|entity| &entity.mentions) {
        starts[m.doc_idx() + 1] += 1;
    }
    for d in 1..starts.len() {
        starts[d] += starts[d - 1];
    }
    let total = starts[docs];
    let mut next = starts.clone();
    let placeholder = (
        Mention {
            doc: 0,
            start: 0,
            end: 0,
        },
        0,
    );
    let mut all = vec![placeholder; total];
    for (e, entity) in entities.iter().enumerate() {
        for &m in &entity.mentions {
            all[next[m.doc_idx()]] = (m, e as u32);
            next[m.doc_idx()] += 1;
        }
    }
    // Each document's mentions sort on their own: in parallel.
    let mut lists: Vec<&mut [(Mention, u32)]> = Vec::with_capacity(docs);
    let mut rest = all.as_mut_slice();
    for d in 0..docs {
        let (list, tail) = rest.split_at_mut(starts[d + 1] - starts[d]);
        lists.push(list);
        rest = tail;
    }
    lists.par_iter_mut().for_each(|list| {
        list.sort_unstable_by(|(a, ea), (b, eb)| {
            (a.start, std::cmp::Reverse(a.end), ea).cmp(&(b.start, std::cmp::Reverse(b.end), eb))
        })
    });
    drop(lists);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Kind;

    fn entity(name: &str, kind: Kind, mentions: &[(u32, u32, u32)]) -> Entity {
        let mentions: Vec<Mention> = mentions
            .iter()
            .map(|&(doc, start, end)| Mention { doc, start, end })
            .collect();
        Entity {
            id: String::new(),
            name: name.into(),
            kind,
            aliases: vec![name.into()],
            mentions,
        }
    }

    #[test]
    fn reading_order_is_the_order_of_one_global_sort() {
        // Pseudo-random mentions over a few documents, ties included
        // (same start, same span in two entities).
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as u32
        };
        let entities: Vec<Entity> = (0..40)
            .map(|e| {
                let mut ms: Vec<(u32, u32, u32)> = (0..next(30))
                    .map(|_| {
                        let (doc, start) = (next(7), next(50));
                        (doc, start, start + 1 + next(6))
                    })
                    .collect();
                ms.sort_unstable();
                entity(&format!("E{e}"), Kind::Org, &ms)
            })
            .collect();
        let mut expected: Vec<(Mention, u32)> = entities
            .iter()
            .enumerate()
            .flat_map(|(e, entity)| entity.mentions.iter().map(move |&m| (m, e as u32)))
            .collect();
        expected.sort_by_key(|&(m, e)| (m.doc, m.start, std::cmp::Reverse(m.end), e));
        assert!(expected.len() > 200);
        assert_eq!(reading_order(&entities), expected);
    }

    #[test]
    fn nothing_inside_a_person_and_nothing_crosses() {
        let settled = settle(vec![
            entity(
                "United States",
                Kind::Place,
                &[(0, 0, 13), (0, 40, 53), (1, 0, 13)],
            ),
            // A person that opens with a given name keeps its words.
            entity("Hassan Mendoza", Kind::Person, &[(0, 40, 54)]),
            // Crosses the person's name: the first to start wins.
            entity("Mendoza Day", Kind::Org, &[(0, 47, 58)]),
        ]);
        let names: Vec<&str> = settled.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["United States", "Hassan Mendoza"]);
        assert_eq!(
            settled[0].mentions,
            [
                Mention {
                    doc: 0,
                    start: 0,
                    end: 13
                },
                Mention {
                    doc: 1,
                    start: 0,
                    end: 13
                }
            ]
        );
    }

    #[test]
    fn a_person_without_a_given_name_keeps_what_is_inside() {
        let settled = settle(vec![
            entity("United States", Kind::Place, &[(0, 40, 53)]),
            // "United States Mondaythe", read as a person.
            entity("United States Mondaythe", Kind::Person, &[(0, 40, 63)]),
        ]);
        assert_eq!(settled.len(), 2);
    }

    #[test]
    fn names_inside_an_organisation_stay() {
        let settled = settle(vec![
            entity("Geneva Convention", Kind::Org, &[(0, 10, 27)]),
            entity("Geneva", Kind::Place, &[(0, 10, 16)]),
            // The same span twice is one mention too many.
            entity("Geneva Convention", Kind::Place, &[(0, 10, 27)]),
        ]);
        let names: Vec<&str> = settled.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Geneva Convention", "Geneva"]);
        assert_eq!(settled[1].kind, Kind::Place);
    }
}
