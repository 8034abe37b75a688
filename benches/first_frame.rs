//! Warm start to first frame, and the load phases behind it.
//!
//! ```text
//! cargo bench --bench first_frame -- DIR [RUNS]
//! ```
//!
//! Times, inside one process, what the reader does from the moment it
//! starts loading: the loading worker (`app::load::run`, through the on-disk
//! index in `$DOSSIER_CACHE_DIR`, else the user's) sends the corpus; the
//! state takes it (`update`); one full frame with the document list is drawn
//! into a 160×48 `TestBackend`. That is "first frame". It then waits for the
//! entity index and draws again ("entities ready"). Not counted: process
//! start, terminal setup, keymap and theme loading (a few ms, see
//! `benches/commands.sh` for whole-process times). The first run warms the
//! index if it is cold; the median and worst of the others are printed.
//!
//! Beside it, in the same run, the baseline of the machine: walking DIR,
//! reading every file, and scanning the bytes with `memchr` (what any
//! program that looks at these files must at least pay).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use dossier::app::{self, App, Msg, update};
use dossier::config::{Keymap, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench first_frame -- DIR [RUNS]");
        return;
    };
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
    // The index load alone (no reader state, no drawing).
    for _ in 0..2 {
        let start = Instant::now();
        let cpu0 = cpu();
        let options = dossier::index::Options::from_env();
        let loaded =
            dossier::index::load(std::slice::from_ref(&dir), &options, &|_, _| {}).expect("load");
        println!(
            "index::load alone: {} docs in {:.0} ms (cpu {:.0} ms)",
            loaded.corpus.docs.len(),
            ms(start.elapsed()),
            ms(cpu().saturating_sub(cpu0))
        );
    }
    let mut first = Vec::new();
    let mut ready = Vec::new();
    for run in 0..=runs {
        let ((f, fc), (r, rc), docs) = once(&dir);
        println!(
            "run {run}: {docs} docs, first frame {:.0} ms (cpu {:.0} ms), entities ready {:.0} ms (cpu {:.0} ms){}",
            ms(f),
            ms(fc),
            ms(r),
            ms(rc),
            if run == 0 {
                " (warm-up, not counted)"
            } else {
                ""
            }
        );
        if run > 0 {
            first.push(f);
            ready.push(r);
        }
    }
    first.sort();
    ready.sort();
    if let (Some(fm), Some(rm)) = (first.get(first.len() / 2), ready.get(ready.len() / 2)) {
        println!(
            "median of {runs}: first frame {:.0} ms (worst {:.0}), entities ready {:.0} ms (worst {:.0})",
            ms(*fm),
            ms(*first.last().unwrap_or(fm)),
            ms(*rm),
            ms(*ready.last().unwrap_or(rm))
        );
    }
}

/// One start: (first frame, entities ready, documents), as wall time and
/// CPU time of the whole process (all threads; on a shared machine the wall
/// time includes waiting for a core, the CPU time does not).
fn once(dir: &Path) -> ((Duration, Duration), (Duration, Duration), usize) {
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
    let mut first = None;
    let mut ready = None;
    for msg in rx {
        let loaded = matches!(msg, Msg::Loaded(_));
        let indexed = matches!(msg, Msg::Indexed(_));
        if let Msg::Failed(e) = &msg {
            panic!("load failed: {e}");
        }
        update(&mut app, msg);
        if loaded || indexed {
            term.draw(|f| dossier::ui::draw(f, &app, &theme))
                .expect("draw");
            let at = (start.elapsed(), cpu().saturating_sub(cpu0));
            if loaded {
                first = Some(at);
            } else {
                ready = Some(at);
            }
        }
    }
    worker.join().expect("worker");
    let docs = app.docs().len();
    (first.unwrap_or_default(), ready.unwrap_or_default(), docs)
}

/// Walk `dir`; then walk, read every file and count newlines with memchr.
fn baseline(dir: &Path) -> (Duration, (Duration, Duration), u64) {
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
