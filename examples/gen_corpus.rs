//! Generate a corpus of realistic-looking news articles for testing dossier
//! at scale.
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR COUNT [--seed N] [--format txt|jsonl]
//! ```
//!
//! The output is deterministic for a given seed and count (the generator is
//! `dossier::testgen`, shared with the benches). Text files go into
//! subfolders of 1,000 so no directory grows huge; `jsonl` writes one
//! `articles.jsonl` of records with `title`, `body`, `source`, `author`,
//! `date`.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use dossier::testgen::Articles;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_corpus OUT_DIR COUNT [--seed N] [--format txt|jsonl]";
    let (Some(out), Some(count)) = (args.first(), args.get(1).and_then(|c| c.parse().ok())) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let seed: u64 = flag("--seed").and_then(|s| s.parse().ok()).unwrap_or(42);
    let jsonl = flag("--format").is_some_and(|f| f == "jsonl");
    let dir = PathBuf::from(out);
    fs::create_dir_all(&dir)?;

    let mut bytes = 0usize;
    let mut sink = if jsonl {
        Some(BufWriter::new(fs::File::create(
            dir.join("articles.jsonl"),
        )?))
    } else {
        None
    };
    for (i, a) in Articles::new(seed).take(count).enumerate() {
        bytes += a.body.len();
        match &mut sink {
            Some(w) => w.write_all(a.to_jsonl().as_bytes())?,
            None => {
                let folder = dir.join(format!("{:04}", i / 1000));
                fs::create_dir_all(&folder)?;
                fs::write(folder.join(format!("article_{i:06}.txt")), a.to_txt())?;
            }
        }
    }
    if let Some(mut w) = sink {
        w.flush()?;
    }
    eprintln!(
        "wrote {count} articles ({:.1} MB of body text) to {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    Ok(())
}
