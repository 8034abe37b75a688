//! `dossier compare DOC_A DOC_B`: the comparison of two documents as JSON
//! (the shape of PRODUCT.md) or as a report fitted to the terminal width.

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value, json};
use unicode_width::UnicodeWidthStr;

use super::json;
use super::table::fit;
use crate::compare::{Comparison, Descriptor, EntityCount};
use crate::entities::EntityIndex;
use crate::store::Corpus;

/// `{"a", "b", "shared", "only_a", "only_b", "passages", "descriptors"}`,
/// plus `"entities"`: every entity of either side with its counts
/// (`{"id", "name", "kind", "a", "b"}`), so scripts need no second call.
pub fn to_json(cmp: &Comparison, corpus: &Corpus, index: &EntityIndex) -> Value {
    let id = |d: usize| corpus.docs.get(d).map(|doc| doc.id.as_str());
    let ids = |list: &[EntityCount]| -> Vec<&str> {
        list.iter()
            .map(|c| index.entity(c.entity).id.as_str())
            .collect()
    };
    let descriptors: Map<String, Value> = cmp
        .descriptors
        .iter()
        .map(|d| {
            let key = index.entity(d.entity).id.clone();
            (key, json!({"a": texts(&d.a), "b": texts(&d.b)}))
        })
        .collect();
    let entities: Vec<Value> = [&cmp.shared, &cmp.only_a, &cmp.only_b]
        .into_iter()
        .flatten()
        .map(|c| {
            let e = index.entity(c.entity);
            json!({"id": e.id, "name": e.name, "kind": e.kind, "a": c.a, "b": c.b})
        })
        .collect();
    json!({
        "a": id(cmp.a),
        "b": id(cmp.b),
        "shared": ids(&cmp.shared),
        "only_a": ids(&cmp.only_a),
        "only_b": ids(&cmp.only_b),
        "passages": cmp.passages,
        "descriptors": descriptors,
        "entities": entities,
    })
}

fn texts(list: &[Descriptor]) -> Vec<&str> {
    list.iter().map(|d| d.text.as_str()).collect()
}

/// Print the comparison: `--json` or the human report.
pub fn print(
    out: &mut dyn Write,
    cmp: &Comparison,
    corpus: &Corpus,
    index: &EntityIndex,
    as_json: bool,
    width: usize,
) -> Result<()> {
    if as_json {
        return json::print(out, &to_json(cmp, corpus, index));
    }
    let width = width.max(40);
    for (side, d) in [("A", cmp.a), ("B", cmp.b)] {
        let Some(doc) = corpus.docs.get(d) else {
            continue;
        };
        let source = doc.source.as_deref().unwrap_or("-");
        let line = format!("{side}  {}  {source} · {}", doc.id, doc.title);
        writeln!(out, "{}", fit(&line, width).trim_end())?;
    }

    let name_w = width.saturating_sub(24).min(40);
    let row = |c: &EntityCount| {
        let e = index.entity(c.entity);
        format!(
            "  {} {} {:>5} {:>5}",
            fit(e.kind.as_str(), 8),
            fit(&e.name, name_w),
            c.a,
            c.b
        )
    };
    let sets = [
        ("Shared entities", &cmp.shared),
        ("Only in A", &cmp.only_a),
        ("Only in B", &cmp.only_b),
    ];
    for (heading, list) in sets {
        writeln!(out)?;
        let head = format!("{heading} ({})", list.len());
        writeln!(out, "{}{:>5} {:>5}", fit(&head, name_w + 11), "A", "B")?;
        for c in list {
            writeln!(out, "{}", row(c).trim_end())?;
        }
    }

    writeln!(out, "\nShared passages ({})", cmp.passages.len())?;
    for p in &cmp.passages {
        writeln!(
            out,
            "  A {}–{}  B {}–{}",
            p.a_start, p.a_end, p.b_start, p.b_end
        )?;
        for line in wrap(&p.text, width.saturating_sub(4)) {
            writeln!(out, "    {line}")?;
        }
    }

    writeln!(out, "\nHow each describes the shared entities")?;
    if cmp.descriptors.is_empty() {
        writeln!(out, "  (no descriptive phrases found)")?;
    }
    for d in &cmp.descriptors {
        writeln!(out, "  {}", index.entity(d.entity).name)?;
        for (side, list) in [("A", &d.a), ("B", &d.b)] {
            if list.is_empty() {
                writeln!(out, "    {side}  -")?;
            }
            for (k, desc) in list.iter().enumerate() {
                let label = if k == 0 { side } else { " " };
                let line = format!("    {label}  {}", one_line(&desc.text));
                writeln!(out, "{}", fit(&line, width).trim_end())?;
            }
        }
    }
    Ok(())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Greedy word wrap to `width` display columns (a longer word gets a line of
/// its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_width() {
        assert_eq!(
            wrap("the quick brown fox jumps", 10),
            vec!["the quick", "brown fox", "jumps"]
        );
        assert!(wrap("  ", 10).is_empty());
    }
}
