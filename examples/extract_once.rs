//! Extract the candidate mentions of every document of a folder, one
//! document after another on this thread, and print how long it took.
//! Extraction is per-document work, so this isolates its cost from loading
//! and resolution: run it under `valgrind --tool=callgrind
//! --toggle-collect='extract_once::extract_all'` to count its
//! instructions. With `--dump FILE` it also writes every extract as JSON
//! lines, so two builds can be compared byte for byte.
//!
//! ```text
//! cargo run --release --example extract_once -- DIR [--dump FILE]
//! ```

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let mut dirs = Vec::new();
    let mut dump = None;
    while let Some(a) = args.next() {
        if a == "--dump" {
            dump = args.next().map(PathBuf::from);
        } else {
            dirs.push(PathBuf::from(a));
        }
    }
    if dirs.is_empty() {
        eprintln!("usage: extract_once DIR [DIR...] [--dump FILE]");
        std::process::exit(2);
    }
    let corpus = dossier::store::load(&dirs)?;
    // The gazetteer loads on first use; keep that out of the timing.
    let _ = dossier::entities::extract("Warm up.");
    let t0 = Instant::now();
    let extracts = extract_all(&corpus.docs);
    let secs = t0.elapsed().as_secs_f64();
    let body: usize = corpus.docs.iter().map(|d| d.body.len()).sum();
    let cands: usize = extracts.iter().map(|x| x.cands.len()).sum();
    eprintln!(
        "{} docs, {:.1} MB body, {cands} candidates; extract {secs:.3} s = {:.1} MB/s on one thread",
        corpus.docs.len(),
        body as f64 / 1e6,
        body as f64 / 1e6 / secs
    );
    if let Some(path) = dump {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for (d, x) in corpus.docs.iter().zip(&extracts) {
            writeln!(out, "{}\t{}", d.id, serde_json::to_string(x)?)?;
        }
        out.flush()?;
    }
    Ok(())
}

/// Every document's extract, in order: the measured work (a function of
/// its own so callgrind can count it alone).
#[inline(never)]
fn extract_all(docs: &[dossier::store::Document]) -> Vec<dossier::entities::Extract> {
    docs.iter()
        .map(|d| dossier::entities::extract(&d.body))
        .collect()
}
