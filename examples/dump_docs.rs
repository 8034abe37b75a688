//! Print every document `dossier::store::load` makes of the given paths, all
//! fields (the raw text too, which `Document`'s own JSON leaves out), one
//! JSON object a line, then the problems. Two builds' outputs compared byte
//! for byte show that a change to loading left its results as they were.
//!
//! ```text
//! cargo run --release --example dump_docs -- PATH [PATH...] > docs.jsonl
//! ```

use std::io::{BufWriter, Write};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: dump_docs PATH [PATH...]");
        std::process::exit(2);
    }
    let corpus = dossier::store::load(&paths)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for d in &corpus.docs {
        let value = serde_json::json!({
            "id": d.id,
            "path": d.path,
            "title": d.title,
            "source": d.source,
            "author": d.author,
            "date": d.date,
            "url": d.url,
            "body": d.body,
            "raw": d.raw,
        });
        serde_json::to_writer(&mut out, &value)?;
        writeln!(out)?;
    }
    for p in &corpus.problems {
        serde_json::to_writer(&mut out, &serde_json::json!({ "problem": p.to_string() }))?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}
