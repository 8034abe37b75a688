//! Index a folder once, the way the reader does at start (load, clean,
//! extract, resolve, cross-reference), and print how long each stage took.
//! A fixed amount of work, so it can run under `valgrind --tool=callgrind`
//! to count instructions when a busy machine makes timings unreliable.
//!
//! ```text
//! cargo run --release --example index_once -- DIR [DIR...]
//! ```

use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: index_once DIR [DIR...]");
        std::process::exit(2);
    }
    let t0 = Instant::now();
    let corpus = dossier::store::load(&paths)?;
    let t1 = Instant::now();
    let index =
        dossier::entities::build_with(&corpus.docs, &dossier::entities::Corrections::default());
    let t2 = Instant::now();
    let body: usize = corpus.docs.iter().map(|d| d.body.len()).sum();
    let raw: usize = corpus.docs.iter().map(|d| d.raw.len()).sum();
    let mb = |s: f64| raw as f64 / 1e6 / s;
    let (load, build) = ((t1 - t0).as_secs_f64(), (t2 - t1).as_secs_f64());
    eprintln!(
        "{} docs, {:.1} MB raw, {:.1} MB body, {} entities; load {load:.3} s, build {build:.3} s, total {:.3} s = {:.1} MB/s of raw text",
        corpus.docs.len(),
        raw as f64 / 1e6,
        body as f64 / 1e6,
        index.entities().len(),
        load + build,
        mb(load + build)
    );
    Ok(())
}
