//! Peak memory of the reader's load path: what `dossier DIR` holds once
//! loading is done and the user has typed a first query.
//!
//! ```text
//! cargo run --release --example reader_rss -- DIR
//! ```
//!
//! Runs the loading worker (`app::load::run`, through the on-disk index in
//! `$DOSSIER_CACHE_DIR`, else the user's) to completion, keeping the last
//! corpus (bodies) and the entity index as the reader does, then prepares
//! the filter data (matcher haystacks and the word index for phrases, which
//! the filter worker builds on the first query) beside them. Prints the
//! process's peak resident memory (`VmHWM`) and the corpus's body text, so
//! the ratio the memory bar is stated in can be read off.

use std::path::PathBuf;
use std::sync::Mutex;

use dossier::app::{self, Msg};
use dossier::search::filter::Prepared;

fn main() -> anyhow::Result<()> {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: reader_rss DIR");
        std::process::exit(2);
    };
    let corpus = Mutex::new(None);
    let index = Mutex::new(None);
    let failed = Mutex::new(None);
    app::load::run(&[dir], &|msg| match msg {
        Msg::Loaded(c) => *corpus.lock().expect("corpus lock") = Some(c),
        Msg::Indexed(i) => *index.lock().expect("index lock") = Some(i),
        Msg::Failed(e) => *failed.lock().expect("failed lock") = Some(e.to_string()),
        _ => {}
    });
    if let Some(e) = failed.into_inner()? {
        anyhow::bail!("load failed: {e}");
    }
    let corpus = corpus
        .into_inner()?
        .ok_or_else(|| anyhow::anyhow!("no corpus"))?;
    let index = index
        .into_inner()?
        .ok_or_else(|| anyhow::anyhow!("no entity index"))?;
    let prepared = Prepared::new(&corpus.docs);
    let body: usize = corpus.docs.iter().map(|d| d.body.len()).sum();
    let peak = peak_kb()?;
    println!(
        "{} docs, {:.1} MB body text, {} entities, filter data {:.1} MB; peak RSS {:.0} MB ({:.2}× the text)",
        corpus.docs.len(),
        body as f64 / 1e6,
        index.entities().len(),
        prepared.heap_bytes() as f64 / 1e6,
        peak as f64 * 1024.0 / 1e6,
        peak as f64 * 1024.0 / body as f64
    );
    Ok(())
}

/// `VmHWM` of this process, in KiB.
fn peak_kb() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no VmHWM in /proc/self/status"))
}
