//! Load a folder with `dossier::store::load` only (walk, read, decode,
//! parse, clean: no entities), and print how long it took. A fixed amount of
//! work, so it can run under `valgrind --tool=callgrind` to count the
//! instructions of loading alone.
//!
//! ```text
//! cargo run --release --example load_once -- DIR [DIR...]
//! ```

use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: load_once DIR [DIR...]");
        std::process::exit(2);
    }
    let t0 = Instant::now();
    let corpus = dossier::store::load(&paths)?;
    let secs = t0.elapsed().as_secs_f64();
    let raw: usize = corpus.docs.iter().map(|d| d.raw.len()).sum();
    let body: usize = corpus.docs.iter().map(|d| d.body.len()).sum();
    eprintln!(
        "{} docs, {} problems, {:.1} MB raw, {:.1} MB body; load {secs:.3} s = {:.1} MB/s",
        corpus.docs.len(),
        corpus.problems.len(),
        raw as f64 / 1e6,
        body as f64 / 1e6,
        raw as f64 / 1e6 / secs
    );
    Ok(())
}
