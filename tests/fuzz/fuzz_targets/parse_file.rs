//! Any bytes under any format's name: `store::parse_file` must not panic,
//! and what loads must be well formed (a title, tidy paragraphs).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "a.txt", "a.md", "a.html", "a.json", "a.jsonl", "a", "a.rss", "a.atom", "a.xml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let path = Path::new(NAMES[pick as usize % NAMES.len()]);
    if let Ok((docs, _)) = dossier::store::parse_file(path, bytes) {
        for d in docs {
            assert!(!d.title.is_empty());
            if !d.body.is_empty() {
                for p in d.body.split("\n\n") {
                    assert!(!p.is_empty() && dossier::store::clean::tidy(p) == p);
                }
            }
        }
    }
});
