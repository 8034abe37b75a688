//! The cleaner on arbitrary blocks (NUL-separated; the first one also
//! offered as the title): no panic, and every body paragraph is one of the
//! tidied input blocks, in order.
#![no_main]

use dossier::store::clean::{Draft, Meta, clean, tidy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let blocks: Vec<String> = text.split('\0').map(str::to_string).collect();
    let tidied: Vec<String> = blocks.iter().map(|b| tidy(b)).collect();
    let title = blocks.first().filter(|b| b.len() % 2 == 0).cloned();
    let cleaned = clean(Draft {
        blocks,
        meta: Meta {
            title,
            ..Meta::default()
        },
    });
    assert!(!cleaned.title.is_empty());
    if !cleaned.body.is_empty() {
        let mut from = 0;
        for p in cleaned.body.split("\n\n") {
            let at = tidied[from..]
                .iter()
                .position(|b| b == p)
                .expect("an input block");
            from += at + 1;
        }
    }
});
