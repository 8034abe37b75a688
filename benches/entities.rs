//! Throughput of entity extraction plus resolution, in bytes of article
//! text per second, over the GUM news fixture repeated to ~2 MB (so the
//! corpus-wide resolution sees many documents), and over the bundled seeds.
//!
//! "resolve (extracts made)" is resolution alone, as on a warm start.
//!
//! Run: `cargo bench --bench entities`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::entities::{Corrections, Extract, Fold, build_with, extract, resolve_docs};
use dossier::store::{self, Document};

fn corpus() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gum-news/text");
    let base = store::load(&[dir]).expect("fixture").docs;
    let seeds = store::bundled().docs;
    let mut docs = Vec::new();
    let mut size = 0;
    let mut n = 0;
    while size < 2_000_000 {
        for d in base.iter().chain(&seeds) {
            let mut d = d.clone();
            d.id = format!("{}#{n}", d.id);
            size += d.body.len();
            docs.push(d);
        }
        n += 1;
    }
    docs
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.body.len()).sum();
    // The gazetteers load once per process; keep that out of the figure.
    let _ = resolve_docs(&docs[..1]);
    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("extract+resolve", |b| {
        b.iter(|| black_box(resolve_docs(black_box(&docs))))
    });
    group.bench_function("build (with index)", |b| {
        b.iter(|| black_box(build_with(black_box(&docs), &Corrections::default())))
    });
    // What a warm start pays: the extracts come from the on-disk index, so
    // only folding them in and resolving is left.
    let extracts: Vec<Extract> = docs.iter().map(|d| extract(&d.body)).collect();
    group.bench_function("resolve (extracts made)", |b| {
        b.iter(|| {
            let mut fold = Fold::default();
            black_box(&extracts).iter().for_each(|x| fold.push(x));
            black_box(fold.resolve())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
