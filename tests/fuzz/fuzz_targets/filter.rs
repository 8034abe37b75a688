//! The filter parser on anything typed: no panic, terms never empty, and
//! the query written out canonically parses back to itself.
#![no_main]

use dossier::search::filter::Query;
use libfuzzer_sys::fuzz_target;

fn canonical(q: &Query) -> String {
    let value = |v: &str| {
        if v.contains(char::is_whitespace) {
            format!("\"{v}\"")
        } else {
            v.to_string()
        }
    };
    let mut parts: Vec<String> = Vec::new();
    if !q.text.is_empty() {
        parts.push(q.text.clone());
    }
    parts.extend(q.entities.iter().map(|e| format!("@{}", value(e))));
    parts.extend(q.sources.iter().map(|s| format!("source:{}", value(s))));
    parts.join(" ")
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let q = Query::parse(text);
    assert!(q.entities.iter().chain(&q.sources).all(|v| !v.is_empty()));
    assert_eq!(Query::parse(&canonical(&q)), q);
});
