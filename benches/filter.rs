//! The source-list filter at scale: 100,000 generated articles
//! (`dossier::testgen`, seed 42), built in memory without files.
//!
//! ```text
//! cargo bench --bench filter                  # everything
//! cargo bench --bench filter -- matcher       # skim vs nucleo vs substring
//! cargo bench --bench filter -- keystroke     # typed sequences, engine only
//! cargo bench --bench filter -- phrase        # phrase search and memmem baseline
//! cargo bench --bench filter -- fulltext      # the table only: index vs scan vs memmem
//! cargo bench --bench filter -- fulltext-check  # index == scan on phrases cut from bodies
//! cargo bench --bench filter -- entity        # `n` and `]` jumps
//! cargo bench --bench filter -- percentiles   # per-keystroke p50/p99 through the worker
//! DOSSIER_BENCH_DOCS=20000 cargo bench --bench filter
//! DOSSIER_BENCH_REPS=3 cargo bench --bench filter -- percentiles
//! ```
//!
//! Criterion gives a distribution per benchmark. The per-keystroke p50 and
//! p99 come from the `percentiles` part: every prefix of each typed
//! sequence, sent through the real filter worker thread and drawn into a
//! `TestBackend`, timed from the key to the full list on screen, with the
//! echo (update plus draw before the answer) timed apart.

use std::hint::black_box;
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};
use dossier::app::{Action, App, Edit, Focus, Msg, update};
use dossier::config::{Keymap, Theme};
use dossier::entities::{self, EntityIndex};
use dossier::search::filter::{Filter, Prepared, Query};
use dossier::search::live::Live;
use dossier::search::matcher::{self, FuzzyPattern, Haystacks, haystack};
use dossier::search::phrase::{Phrase, PhraseIndex};
use dossier::search::scan::Scan;
use dossier::store::Corpus;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rayon::prelude::*;

/// Patterns for the matcher comparison: one letter (everything matches),
/// short words, two words, a word no title holds.
const PATTERNS: &[&str] = &["i", "ir", "iran", "iran opp", "camp a", "mek", "water ri"];

/// Typed sequences: each prefix is one keystroke.
const TYPED: &[&str] = &[
    "iran opp",
    "camp a",
    "mek",
    "water rights",
    "\"camp ashraf\"",
    "\"peace talks\" nea",
];

/// Phrases for the body search: frequent, medium, rare, absent.
const PHRASES: &[&str] = &[
    "the",
    "water rights",
    "mountain rescue service",
    "camp ashraf",
];

fn docs_wanted() -> usize {
    std::env::var("DOSSIER_BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000)
}

struct Fixture {
    corpus: Arc<Corpus>,
    live: Mutex<Live>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let n = docs_wanted();
        let t = Instant::now();
        let corpus = Arc::new(Corpus {
            docs: dossier::testgen::documents(n, 42),
            problems: Vec::new(),
        });
        eprintln!("generated {n} articles in {:.1?}", t.elapsed());
        let mut live = Live::new(corpus.clone(), Arc::new(EntityIndex::default()));
        let t = Instant::now();
        live.prepare();
        eprintln!("prepared (haystacks + word index) in {:.1?}", t.elapsed());
        Fixture {
            corpus,
            live: Mutex::new(live),
        }
    })
}

/// The entity index of the fixture, built with the real extractor (slow:
/// built only when an entity benchmark runs).
fn entity_index() -> &'static Arc<EntityIndex> {
    static I: OnceLock<Arc<EntityIndex>> = OnceLock::new();
    I.get_or_init(|| {
        let t = Instant::now();
        let index = entities::build(&fixture().corpus.docs);
        eprintln!(
            "entity index: {} entities in {:.1?}",
            index.entities().len(),
            t.elapsed()
        );
        Arc::new(index)
    })
}

fn single_thread<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a one-thread pool")
    })
    .install(f)
}

fn bench_matcher(c: &mut Criterion) {
    let mut group = c.benchmark_group("matcher");
    group.sample_size(20);
    let mut strings: Option<Vec<String>> = None;
    let mut hay: Option<Haystacks> = None;
    for &p in PATTERNS {
        group.bench_with_input(BenchmarkId::new("skim_1core", p), p, |b, p| {
            let docs = &fixture().corpus.docs;
            let strings = strings.get_or_insert_with(|| docs.iter().map(haystack).collect());
            let skim = SkimMatcherV2::default().smart_case();
            b.iter(|| {
                let mut hits: Vec<(i64, usize)> = strings
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| skim.fuzzy_match(s, p).map(|sc| (sc, i)))
                    .collect();
                hits.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                black_box(hits.len())
            })
        });
        let all: Vec<usize> = (0..docs_wanted()).collect();
        for (name, one) in [("nucleo_1core", true), ("nucleo_2core", false)] {
            group.bench_with_input(BenchmarkId::new(name, p), p, |b, p| {
                let hay = hay.get_or_insert_with(|| Haystacks::new(&fixture().corpus.docs));
                let pattern = FuzzyPattern::new(p);
                b.iter(|| {
                    let run = || matcher::rank(&pattern, hay, &all, &|_| true).len();
                    black_box(if one { single_thread(run) } else { run() })
                })
            });
        }
        group.bench_with_input(BenchmarkId::new("substring_1core", p), p, |b, p| {
            let docs = &fixture().corpus.docs;
            let strings = strings.get_or_insert_with(|| docs.iter().map(haystack).collect());
            let lower: Vec<String> = strings.iter().map(|s| s.to_lowercase()).collect();
            let finder = memmem::Finder::new(p.as_bytes());
            b.iter(|| {
                black_box(
                    lower
                        .iter()
                        .filter(|s| finder.find(s.as_bytes()).is_some())
                        .count(),
                )
            })
        });
    }
    group.finish();
}

/// Every prefix of `typed`, from a session with nothing remembered.
fn type_through(live: &mut Live, typed: &str) -> usize {
    let index = live.index().clone();
    live.set_index(index);
    let mut hits = 0;
    for (end, _) in typed.char_indices().skip(1).chain([(typed.len(), ' ')]) {
        hits += live.run(&typed[..end]).1.len();
    }
    hits
}

fn bench_keystrokes(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke");
    group.sample_size(20);
    for &typed in TYPED {
        group.bench_with_input(BenchmarkId::new("sequence", typed), typed, |b, typed| {
            let mut live = fixture().live.lock().expect("fixture lock");
            b.iter(|| black_box(type_through(&mut live, typed)))
        });
    }
    group.finish();
}

/// The old scan's normalised copy of the fixture's bodies: the oracle and
/// the memmem baseline's bytes (built only when a phrase bench runs).
fn scan() -> &'static Scan {
    static S: OnceLock<Scan> = OnceLock::new();
    S.get_or_init(|| Scan::new(&fixture().corpus.docs))
}

fn bench_phrases(c: &mut Criterion) {
    let mut group = c.benchmark_group("phrase");
    group.sample_size(20);
    for &p in PHRASES {
        let phrase = Phrase::new(p, true).expect("a phrase");
        let docs = &fixture().corpus.docs;
        group.bench_with_input(BenchmarkId::new("find_2core", p), &phrase, |b, phrase| {
            let mut live = fixture().live.lock().expect("fixture lock");
            let prepared: &Prepared = live.prepare();
            b.iter(|| black_box(prepared.phrases.find(phrase, docs).len()))
        });
        group.bench_with_input(BenchmarkId::new("find_1core", p), &phrase, |b, phrase| {
            let mut live = fixture().live.lock().expect("fixture lock");
            let prepared: &Prepared = live.prepare();
            b.iter(|| black_box(single_thread(|| prepared.phrases.find(phrase, docs).len())))
        });
        group.bench_with_input(BenchmarkId::new("scan_2core", p), &phrase, |b, phrase| {
            b.iter(|| black_box(scan().find(phrase).len()))
        });
        // The machine's limit: memmem over the same bytes, counting every
        // hit, no boundaries, no documents.
        for (name, par) in [
            ("memmem_baseline_1core", false),
            ("memmem_baseline_2core", true),
        ] {
            group.bench_with_input(BenchmarkId::new(name, p), &phrase, |b, phrase| {
                let blocks: Vec<&str> = scan().blocks().collect();
                let finder = memmem::Finder::new(phrase.text.as_bytes());
                b.iter(|| black_box(memmem_count(&blocks, &finder, par)))
            });
        }
    }
    group.bench_function("query/\"camp ashraf\" iran", |b| {
        let mut live = fixture().live.lock().expect("fixture lock");
        b.iter(|| {
            let index = live.index().clone();
            live.set_index(index);
            black_box(live.run("\"camp ashraf\" iran").1.len())
        })
    });
    group.finish();
}

fn memmem_count(blocks: &[&str], finder: &memmem::Finder, par: bool) -> usize {
    let count = |t: &&str| finder.find_iter(t.as_bytes()).count();
    if par {
        blocks.par_iter().map(count).sum()
    } else {
        blocks.iter().map(count).sum()
    }
}

/// Phrases for the side-by-side table: one word in nearly every body, a
/// common pair, medium and rare phrases, an open one being typed, and two
/// that match nothing (words that exist, and a word that does not).
const TABLE: &[(&str, bool)] = &[
    ("the", true),
    ("of the", true),
    ("said", true),
    ("water rights", true),
    ("mountain rescue service", true),
    ("camp ashraf", true),
    ("peace talks ne", false),
    ("the the the", true),
    ("zebra quartz", true),
];

/// `runs` timings of `f`, after one untimed call, the answer's length and
/// the mean CPU time per call (every thread; not inflated by other
/// programs' load as wall time is).
fn timed(runs: usize, mut f: impl FnMut() -> usize) -> (Vec<Duration>, usize, Duration) {
    let n = f();
    let cpu = cpu_time();
    let samples = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    let per_call = (cpu_time() - cpu) / u32::try_from(runs.max(1)).unwrap_or(u32::MAX);
    (samples, n, per_call)
}

/// Phrase search from the word index beside the scan it replaced and a
/// bare memmem over the same normalised bytes, in one run: index build
/// time and size, then p50/p99 per phrase. Every index answer is checked
/// against the scan's.
fn fulltext() {
    let load = || std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let docs = &fixture().corpus.docs;
    let body: usize = docs.iter().map(|d| d.body.len()).sum();
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "\nphrase search at {} articles, {:.1} MB of bodies; load {}",
        docs.len(),
        mb(body),
        load().trim()
    );
    let (cpu, t) = (cpu_time(), Instant::now());
    let index = PhraseIndex::new(docs);
    println!(
        "word index: built in {:.2?} wall, {:.2?} CPU (2 cores); {:.1} MB = {:.2}x the bodies",
        t.elapsed(),
        cpu_time() - cpu,
        mb(index.heap_bytes()),
        index.heap_bytes() as f64 / body as f64
    );
    let (cpu, t) = (cpu_time(), Instant::now());
    let scan = scan();
    println!(
        "scan copy:  built in {:.2?} wall, {:.2?} CPU; {:.1} MB = {:.2}x the bodies",
        t.elapsed(),
        cpu_time() - cpu,
        mb(scan.heap_bytes()),
        scan.heap_bytes() as f64 / body as f64
    );
    let blocks: Vec<&str> = scan.blocks().collect();
    let runs = 40;
    for &(p, closed) in TABLE {
        let phrase = Phrase::new(p, closed).expect("a phrase");
        let shown = format!("{}{p}{}", '"', if closed { "\"" } else { "" });
        let want = scan.find(&phrase);
        assert_eq!(
            index.find(&phrase, docs),
            want,
            "index and scan differ on {shown}"
        );
        println!("{shown}: {} docs", want.len());
        let (samples, _, cpu) = timed(runs, || index.find(&phrase, docs).len());
        report(&format!("  index 2 cores, CPU {cpu:.2?}"), samples);
        let one = || single_thread(|| index.find(&phrase, docs).len());
        let (samples, _, cpu) = timed(runs, one);
        report(&format!("  index 1 core, CPU {cpu:.2?}"), samples);
        let (samples, _, cpu) = timed(runs / 4, || scan.find(&phrase).len());
        report(&format!("  scan 2 cores, CPU {cpu:.2?}"), samples);
        let finder = memmem::Finder::new(phrase.text.as_bytes());
        let (samples, _, cpu) = timed(runs / 4, || memmem_count(&blocks, &finder, false));
        report(&format!("  bare memmem 1 core, CPU {cpu:.2?}"), samples);
    }
    println!("load {}", load().trim());
}

/// Phrases cut from the bodies, at any char and at word starts, typed
/// open and closed: the index must answer each as the scan does. Prints a
/// digest of every answer, so two builds can be compared on the same
/// corpus too.
fn fulltext_check() {
    let docs = &fixture().corpus.docs;
    let index = PhraseIndex::new(docs);
    let scan = scan();
    let mut cuts: Vec<String> = Vec::new();
    for i in 0..240usize {
        let body: Vec<char> = docs[(i * 7919) % docs.len()].body.chars().collect();
        if body.is_empty() {
            continue;
        }
        let from = (i * 131) % body.len();
        // Half at any char, half from the start of the word there.
        let from = if i % 2 == 0 {
            from
        } else {
            (0..=from)
                .rev()
                .take_while(|&j| body[j].is_alphanumeric())
                .last()
                .unwrap_or(from)
        };
        let to = (from + 1 + (i * 17) % 40).min(body.len());
        cuts.push(body[from..to].iter().collect());
    }
    let (mut phrases, mut hits, mut digest) = (0usize, 0usize, 0xcbf2_9ce4_8422_2325u64);
    for text in &cuts {
        for closed in [true, false] {
            let Some(phrase) = Phrase::new(text, closed) else {
                continue;
            };
            let got = index.find(&phrase, docs);
            assert_eq!(got, scan.find(&phrase), "index and scan differ on {text:?}");
            phrases += 1;
            hits += got.len();
            for d in got.into_iter().chain([usize::MAX]) {
                digest = (digest ^ d as u64).wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    println!(
        "fulltext-check: {phrases} phrases equal to the scan, {hits} hits, digest {digest:016x}"
    );
}

fn bench_entity_jumps(c: &mut Criterion) {
    let mut group = c.benchmark_group("entity");
    for (name, action) in [
        ("next_mention_n", Action::NextMatch),
        ("next_article_bracket", Action::NextArticle),
    ] {
        group.bench_function(name, |b| {
            let index = entity_index().clone();
            let mut app = reader(index.clone());
            // The most mentioned entity: the longest walk across articles.
            let Some(e) = (0..index.entities().len()).max_by_key(|&e| index.mentions_of(e).len())
            else {
                return;
            };
            let Some(first) = index.docs_of(e).next() else {
                return;
            };
            app.open_doc(first);
            app.select_entity(e);
            app.focus_pane(Focus::Article);
            b.iter(|| black_box(update(&mut app, Msg::Action(action))))
        });
    }
    group.finish();
}

/// A reader on the fixture, filtering inline, 160 × 48.
fn reader(index: Arc<EntityIndex>) -> App {
    let mut app = App::new(Arc::new(Keymap::preset()));
    update(&mut app, Msg::Resize(160, 48));
    update(&mut app, Msg::Loaded(fixture().corpus.clone()));
    update(&mut app, Msg::Indexed(index));
    app
}

/// Nearest-rank percentile of sorted samples.
fn pct(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort_unstable();
    println!(
        "{name:<44} n={:<4} p50={:>9.2?} p99={:>9.2?} max={:>9.2?}",
        samples.len(),
        pct(&samples, 50.0),
        pct(&samples, 99.0),
        samples[samples.len() - 1]
    );
}

/// The session as it was before scores were kept (branch `matcher`):
/// answers kept as plain lists, a narrowing query matched within the
/// smallest earlier list by a full [`Filter::run`] (every word scored,
/// every term checked again). Kept for the before/after figures.
#[derive(Default)]
struct ListsOnly {
    answers: std::collections::VecDeque<(Query, Vec<usize>)>,
}

impl ListsOnly {
    fn run(&mut self, live: &mut Live, input: &str) -> Vec<usize> {
        let query = Query::parse(input);
        let index = live.index().clone();
        let filter = Filter::new(query.clone(), &index);
        let docs = &live.corpus().clone().docs;
        if query.is_empty() {
            return (0..docs.len()).collect();
        }
        if let Some(i) = self.answers.iter().position(|(q, _)| *q == query) {
            let answer = self.answers.remove(i).unwrap_or_default();
            let list = answer.1.clone();
            self.answers.push_back(answer);
            return list;
        }
        let within = self
            .answers
            .iter()
            .filter(|(q, _)| query.narrows(q))
            .map(|(_, list)| list.as_slice())
            .min_by_key(|list| list.len());
        let list = filter.run(live.prepare(), docs, &index, within);
        if self.answers.len() == 24 {
            self.answers.pop_front();
        }
        self.answers.push_back((query, list.clone()));
        list
    }
}

/// Engine time per key, and per typed prefix, for `reps` runs of every
/// sequence through `run` (a fresh session each sequence).
fn engine_keys(
    reps: usize,
    live: &mut Live,
    mut run: impl FnMut(&mut Live, &str, bool) -> usize,
) -> (Vec<Duration>, Vec<Duration>, PerKey) {
    let (mut engine, mut engine_cpu) = (Vec::new(), Vec::new());
    let mut per_key: PerKey = Vec::new();
    for _ in 0..reps {
        for typed in TYPED {
            let mut fresh = true;
            for (end, _) in typed.char_indices().skip(1).chain([(typed.len(), ' ')]) {
                let (t, cpu) = (Instant::now(), cpu_time());
                black_box(run(live, &typed[..end], fresh));
                fresh = false;
                let (wall, cpu) = (t.elapsed(), cpu_time().saturating_sub(cpu));
                engine.push(wall);
                engine_cpu.push(cpu);
                let key = &typed[..end];
                match per_key.iter_mut().find(|(k, _, _)| k == key) {
                    Some((_, w, c)) => {
                        w.push(wall);
                        c.push(cpu);
                    }
                    None => per_key.push((key.to_string(), vec![wall], vec![cpu])),
                }
            }
        }
    }
    (engine, engine_cpu, per_key)
}

type PerKey = Vec<(String, Vec<Duration>, Vec<Duration>)>;

/// The costliest keys: per typed prefix, the median CPU and wall time of
/// the engine, so the keys that make the p99 can be named.
fn report_keys(mut per_key: PerKey) {
    for (_, wall, cpu) in &mut per_key {
        wall.sort_unstable();
        cpu.sort_unstable();
    }
    per_key.sort_by_key(|(_, _, cpu)| std::cmp::Reverse(pct(cpu, 50.0)));
    println!("  costliest keys (engine, median of the runs):");
    for (key, wall, cpu) in per_key.iter().take(12) {
        println!(
            "    {:<22} CPU p50={:>9.2?} max={:>9.2?}  wall p50={:>9.2?} max={:>9.2?}",
            format!("{key:?}"),
            pct(cpu, 50.0),
            cpu[cpu.len() - 1],
            pct(wall, 50.0),
            wall[wall.len() - 1]
        );
    }
}

/// Per-keystroke latencies through the real worker thread and a draw.
fn percentiles() {
    let f = fixture();
    let load = || std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average before: {}", load().trim());
    let reps = std::env::var("DOSSIER_BENCH_REPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    // Engine only: the worker's work per key, narrowing as it goes; the
    // session as it was (lists only) and as it is (scores kept).
    let (before, after) = {
        let mut live = f.live.lock().expect("fixture lock");
        let mut old = ListsOnly::default();
        let before = engine_keys(reps, &mut live, |live, input, fresh| {
            if fresh {
                old = ListsOnly::default();
            }
            old.run(live, input).len()
        });
        let after = engine_keys(reps, &mut live, |live, input, fresh| {
            if fresh {
                let index = live.index().clone();
                live.set_index(index);
            }
            live.run(input).1.len()
        });
        (before, after)
    };
    // Through the app: the key's echo (update + draw), and the key to the
    // full list drawn (the worker's answer applied and drawn).
    let (tx, rx) = mpsc::channel();
    let mut app = reader(Arc::new(EntityIndex::default()));
    let theme = Theme::preset(false);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("test terminal");
    let mut draw = |app: &App| {
        term.draw(|frame| dossier::ui::draw(frame, app, &theme))
            .expect("draw");
    };
    app.spawn_filter_worker(move |m| {
        let _ = tx.send(m);
    })
    .expect("filter worker");
    // Let the worker prepare the corpus before timing.
    update(&mut app, Msg::Action(Action::Search));
    update(&mut app, Msg::Edit(Edit::Insert('x')));
    settle(&mut app, &rx);
    let (mut echo, mut ready) = (Vec::new(), Vec::new());
    let (mut busy_echo, mut fast_ready) = (Vec::new(), Vec::new());
    for _ in 0..reps {
        for typed in TYPED {
            update(&mut app, Msg::Edit(Edit::Clear));
            settle(&mut app, &rx);
            for c in typed.chars() {
                let t = Instant::now();
                update(&mut app, Msg::Edit(Edit::Insert(c)));
                draw(&app);
                echo.push(t.elapsed());
                settle(&mut app, &rx);
                draw(&app);
                ready.push(t.elapsed());
            }
        }
        // Typing faster than matching: every key drawn at once while the
        // worker is busy, then the answer to the last.
        for typed in TYPED {
            update(&mut app, Msg::Edit(Edit::Clear));
            settle(&mut app, &rx);
            let mut last = Instant::now();
            for c in typed.chars() {
                let k = Instant::now();
                last = k;
                update(&mut app, Msg::Edit(Edit::Insert(c)));
                draw(&app);
                busy_echo.push(k.elapsed());
                // A fast typist: a key every 30 ms.
                std::thread::sleep(Duration::from_millis(30).saturating_sub(k.elapsed()));
            }
            settle(&mut app, &rx);
            draw(&app);
            fast_ready.push(last.elapsed());
        }
    }
    let n = f.corpus.docs.len();
    println!("\nper keystroke at {n} articles ({reps} runs of {TYPED:?}):");
    for (name, (engine, engine_cpu, per_key)) in [("before", before), ("now", after)] {
        report(&format!("engine {name}: per key (wall)"), engine);
        report(
            &format!("engine {name}: per key (CPU, all threads)"),
            engine_cpu,
        );
        report_keys(per_key);
    }
    report("app: key echoed (update + draw)", echo);
    report("app: key to full list drawn (worker)", ready);
    report("app: key echoed, worker busy (30 ms/key)", busy_echo);
    report("app: last key of a fast sequence to list", fast_ready);
    println!("load average after: {}", load().trim());
    memory(f);
}

/// CPU time used by the whole process so far (every thread), which other
/// programs' load on the machine does not inflate the way it does wall
/// time.
#[cfg(target_os = "linux")]
fn cpu_time() -> Duration {
    // SAFETY: getrusage writes into the struct we hand it, nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

#[cfg(not(target_os = "linux"))]
fn cpu_time() -> Duration {
    Duration::ZERO
}

/// Apply worker answers until the app has the answer to its last request.
fn settle(app: &mut App, rx: &mpsc::Receiver<Msg>) {
    while app.matching.pending() {
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(msg) => {
                update(app, msg);
            }
            Err(_) => panic!("the filter worker did not answer"),
        }
    }
}

fn memory(f: &Fixture) {
    let body: usize = f.corpus.docs.iter().map(|d| d.body.len()).sum();
    let raw: usize = f.corpus.docs.iter().map(|d| d.raw.len()).sum();
    let mut live = f.live.lock().expect("fixture lock");
    let p = live.prepare();
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "\nmemory: bodies {:.1} MB, raw {:.1} MB; prepared {:.1} MB (haystacks {:.1} MB, word index {:.1} MB) = {:.2}x the bodies",
        mb(body),
        mb(raw),
        mb(p.heap_bytes()),
        mb(p.haystacks.heap_bytes()),
        mb(p.phrases.heap_bytes()),
        p.heap_bytes() as f64 / body as f64
    );
    println!(
        "answers kept for narrowing and Backspace: {:.1} MB",
        mb(live.answers_heap_bytes())
    );
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status
            .lines()
            .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        {
            println!("{line}");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let filter = args
        .iter()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .cloned()
        .unwrap_or_default();
    let listing = args.iter().any(|a| a == "--list" || a == "--test");
    if !listing && (filter.is_empty() || filter == "phrase" || filter == "fulltext") {
        fulltext();
    }
    if filter == "fulltext-check" {
        fulltext_check();
    }
    if filter == "fulltext" || filter == "fulltext-check" {
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    if filter != "percentiles" {
        bench_matcher(&mut c);
        bench_keystrokes(&mut c);
        bench_phrases(&mut c);
        bench_entity_jumps(&mut c);
        c.final_summary();
    }
    if !listing && (filter.is_empty() || filter == "percentiles") {
        percentiles();
    }
}
