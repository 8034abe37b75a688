//! Time the serial resolution step alone: what runs after the last block
//! of extracts is folded (resolution, the overlap pass, ids, the entity
//! index), on a folder's documents.
//!
//! ```text
//! cargo run --release --example resolve_time -- DIR [RUNS]
//! ```
//!
//! Loads and extracts the folder (in parallel, not timed), then for each
//! run folds the extracts and times `Fold::build` with no corrections;
//! prints each run's wall and this thread's CPU time, so runs on a busy
//! machine can still be compared.

use std::path::PathBuf;
use std::time::Instant;

use dossier::entities::{Corrections, Extract, Fold, extract};
use rayon::prelude::*;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: resolve_time DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = match args.next() {
        Some(r) => r.to_string_lossy().parse()?,
        None => 3,
    };
    let corpus = dossier::store::load(&[dir])?;
    let extracts: Vec<Extract> = corpus.docs.par_iter().map(|d| extract(&d.body)).collect();
    for run in 1..=runs {
        let mut fold = Fold::default();
        extracts.iter().for_each(|x| fold.push(x));
        let (wall, cpu) = (Instant::now(), cpu_seconds()?);
        let index = fold.build(&corpus.docs, &Corrections::default());
        let (wall, cpu) = (wall.elapsed().as_secs_f64(), cpu_seconds()? - cpu);
        println!(
            "run {run}: {} docs, {} entities; resolution {wall:.3} s wall, {cpu:.3} s process CPU",
            corpus.docs.len(),
            index.entities().len()
        );
    }
    Ok(())
}

/// User + system CPU seconds of this process so far (all threads).
fn cpu_seconds() -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    // Fields after the command name (which may hold spaces) in parens.
    let rest = stat
        .rsplit_once(')')
        .map(|(_, r)| r)
        .ok_or_else(|| anyhow::anyhow!("odd /proc/self/stat"))?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f[11].parse::<f64>()? + f[12].parse::<f64>()?;
    Ok(ticks / 100.0)
}
