//! Warm start to first frame, and the load phases behind it.
//!
//! ```text
//! cargo bench --bench first_frame -- DIR [RUNS] [--no-entities]
//! ```
//!
//! Times, inside one process, what the reader does from the moment it
//! starts loading. The loading worker (`app::load::run`, through the on-disk
//! index in `$DOSSIER_CACHE_DIR`, else the user's) sends messages; each
//! `Loaded` and `Indexed` is applied (`update`) and one full 160×48 frame is
//! drawn into a `TestBackend`. Three moments are printed:
//!
//! - "first frame": the first frame with the document list drawn. On a
//!   warm start that list is the catalogue of the last load (`index::glance`:
//!   titles, outlets, dates, no bodies, no file checked yet);
//! - "corpus": the frame after the real corpus (every file checked, bodies
//!   read) replaced it;
//! - "entities": the frame after the entity index arrived.
//!
//! Not counted: process start, terminal setup, keymap and theme loading (a
//! few ms; `benches/commands.sh` times whole processes). The first run warms
//! the index if it is cold; median and worst of the others are printed,
//! wall and CPU time (all threads; on a shared machine wall time includes
//! waiting for a core). `--no-entities` stops each run once the corpus is
//! drawn, and runs it in a child process so that the entity work left
//! running cannot slow the next run (for 100,000 articles, where entities
//! take minutes).
//!
//! Beside it, in the same run, the baseline of the machine: walking DIR,
//! reading every file and scanning the bytes with `memchr` on one thread
//! (what any program that looks at these files must at least pay).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use dossier::app::{self, App, Msg, update};
use dossier::config::{Keymap, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Wall and CPU time at one moment.
type At = (Duration, Duration);

fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    let no_entities = all.iter().any(|a| a == "--no-entities");
    let child = all.iter().any(|a| a == "--child");
    let args: Vec<&String> = all.iter().filter(|a| !a.starts_with("--")).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench first_frame -- DIR [RUNS] [--no-entities]");
        return;
    };
    if child {
        // One run, printed as numbers for the parent, then exit at once
        // (the entity work still running is dropped with the process).
        let r = once(&dir, true);
        println!(
            "{} {} {} {} {}",
            r.docs,
            r.first.0.as_nanos(),
            r.first.1.as_nanos(),
            r.corpus.0.as_nanos(),
            r.corpus.1.as_nanos()
        );
        std::process::exit(0);
    }
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(5);
    let (walk, (read, read_cpu), bytes) = baseline(&dir);
    println!(
        "baseline (one thread): walk {:.0} ms; walk+read+memchr {:.0} ms (cpu {:.0} ms; {:.1} MB, {:.0} MB/s)",
        ms(walk),
        ms(read),
        ms(read_cpu),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / read.as_secs_f64()
    );
    let mut results = Vec::new();
    for run in 0..=runs {
        let r = match no_entities {
            true => in_child(&dir),
            false => once(&dir, false),
        };
        println!(
            "run {run}: {} docs; first frame {}; corpus {}; entities {}{}",
            r.docs,
            show(r.first),
            show(r.corpus),
            if no_entities {
                "-".into()
            } else {
                show(r.entities)
            },
            if run == 0 {
                " (warm-up, not counted)"
            } else {
                ""
            }
        );
        if run > 0 {
            results.push(r);
        }
    }
    for (name, pick) in [
        ("first frame", (|r: &Run| r.first) as fn(&Run) -> At),
        ("corpus", |r: &Run| r.corpus),
        ("entities", |r: &Run| r.entities),
    ] {
        let mut wall: Vec<Duration> = results.iter().map(|r| pick(r).0).collect();
        let mut cpu: Vec<Duration> = results.iter().map(|r| pick(r).1).collect();
        wall.sort();
        cpu.sort();
        if let (Some(w), Some(c)) = (wall.get(wall.len() / 2), cpu.get(cpu.len() / 2)) {
            println!(
                "median of {runs}, {name}: {:.0} ms wall (worst {:.0}), {:.0} ms cpu",
                ms(*w),
                ms(*wall.last().unwrap_or(w)),
                ms(*c)
            );
        }
    }
}

struct Run {
    docs: usize,
    first: At,
    corpus: At,
    entities: At,
}

fn show(at: At) -> String {
    format!("{:.0} ms (cpu {:.0} ms)", ms(at.0), ms(at.1))
}

/// One start in a child process (see `--no-entities`).
fn in_child(dir: &Path) -> Run {
    let out = std::process::Command::new(std::env::current_exe().expect("own path"))
        .arg(dir)
        .arg("--child")
        .output()
        .expect("child runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let n: Vec<u128> = text
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    let d = |i: usize| Duration::from_nanos(n.get(i).copied().unwrap_or(0) as u64);
    Run {
        docs: n.first().copied().unwrap_or(0) as usize,
        first: (d(1), d(2)),
        corpus: (d(3), d(4)),
        entities: (Duration::ZERO, Duration::ZERO),
    }
}

/// One start, up to the corpus (`frame_only`) or to the entities.
fn once(dir: &Path, frame_only: bool) -> Run {
    let start = Instant::now();
    let cpu0 = cpu();
    let (tx, rx) = mpsc::channel();
    let paths = vec![dir.to_path_buf()];
    let worker = std::thread::spawn(move || {
        app::load::run(&paths, &move |m| {
            let _ = tx.send(m);
        })
    });
    let mut app = App::new(Arc::new(Keymap::preset()));
    let theme = Theme::preset(false);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("test backend");
    update(&mut app, Msg::Resize(160, 48));
    let mut moments: Vec<(bool, At)> = Vec::new();
    for msg in rx {
        let loaded = matches!(msg, Msg::Loaded(_) | Msg::Catalogue(_));
        let indexed = matches!(msg, Msg::Indexed(_));
        if let Msg::Failed(e) = &msg {
            panic!("load failed: {e}");
        }
        update(&mut app, msg);
        if loaded || indexed {
            term.draw(|f| dossier::ui::draw(f, &app, &theme))
                .expect("draw");
            moments.push((loaded, (start.elapsed(), cpu().saturating_sub(cpu0))));
        }
        // The corpus is the last `Loaded`, which has bodies.
        let bodies = app.docs().first().is_some_and(|d| !d.body.is_empty());
        if frame_only && loaded && bodies {
            break;
        }
    }
    if !frame_only {
        worker.join().expect("worker");
    }
    let loads: Vec<At> = moments.iter().filter(|m| m.0).map(|m| m.1).collect();
    let zero = (Duration::ZERO, Duration::ZERO);
    Run {
        docs: app.docs().len(),
        first: loads.first().copied().unwrap_or(zero),
        corpus: loads.last().copied().unwrap_or(zero),
        entities: moments.iter().find(|m| !m.0).map(|m| m.1).unwrap_or(zero),
    }
}

/// Walk `dir`; then walk, read every file and count newlines with memchr.
fn baseline(dir: &Path) -> (Duration, At, u64) {
    let start = Instant::now();
    std::hint::black_box(dossier::store::discover(&[dir.to_path_buf()]).expect("walk"));
    let walk = start.elapsed();
    let start = Instant::now();
    let cpu0 = cpu();
    let files = dossier::store::discover(&[dir.to_path_buf()]).expect("walk");
    let mut bytes = 0u64;
    let mut lines = 0usize;
    for f in &files {
        if let Ok(b) = std::fs::read(f) {
            bytes += b.len() as u64;
            lines += memchr::memchr_iter(b'\n', &b).count();
        }
    }
    std::hint::black_box(lines);
    (walk, (start.elapsed(), cpu().saturating_sub(cpu0)), bytes)
}

/// CPU time used by this process so far (user + system, all threads),
/// from `/proc/self/stat` (Linux; zero elsewhere).
fn cpu() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // Fields after the command name (which is in parentheses): utime and
    // stime are the 12th and 13th, in clock ticks (100 per second here).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    Duration::from_millis(f.iter().sum::<u64>() * 10)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
