//! The stored resolution: a warm start with unchanged files reads the
//! entities back rather than resolving them, and gives exactly what a
//! fresh resolution gives; any change to the files (edited, removed,
//! added, reordered) resolves again and still gives what `--no-cache`
//! gives; the user's corrections apply to a stored resolution; a damaged
//! one is noticed, said, and replaced; a kill while entities are stored
//! never leaves a wrong answer.

mod common;
mod sandbox;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use dossier::entities::{self, Corrections, EntityIndex};
use dossier::index::{self, Options, Stage};
use dossier::testgen::Articles;
use sandbox::Sandbox;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// `n` generated articles as text files in `dir`, plus the seeds, every
/// file dated an hour back so the index may trust their times.
fn corpus(dir: &Path, n: usize, seed: u64) {
    fs::create_dir_all(dir).unwrap();
    for (i, article) in Articles::new(seed).take(n).enumerate() {
        fs::write(dir.join(format!("gen_{i:04}.txt")), article.to_txt()).unwrap();
    }
    for entry in fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    for entry in fs::read_dir(dir).unwrap() {
        age(&entry.unwrap().path());
    }
}

fn age(path: &Path) {
    common::set_modified_ago(path, Duration::from_secs(3600));
}

/// One load through the index: the entities, the stages reported while
/// they were made, and the notes about the index.
struct Run {
    entities: EntityIndex,
    stages: Vec<Stage>,
    notes: Vec<String>,
}

impl Run {
    fn recalled(&self) -> bool {
        self.stages.contains(&Stage::Recalling)
            && !self.stages.contains(&Stage::Extracting)
            && !self.stages.contains(&Stage::Linking)
    }

    fn resolved(&self) -> bool {
        self.stages.contains(&Stage::Extracting) && self.stages.contains(&Stage::Linking)
    }
}

fn load(paths: &[PathBuf], cache: &Path, corrections: &Corrections) -> Run {
    let mut loaded = index::load(paths, &Options::at(cache), &|_, _| {}).unwrap();
    let stages = Mutex::new(Vec::new());
    let idx = loaded
        .cache
        .entities_with(&loaded.corpus.docs, corrections, &|stage, _, _| {
            let mut stages = stages.lock().unwrap();
            if stages.last() != Some(&stage) {
                stages.push(stage);
            }
        });
    let mut notes: Vec<String> = loaded.notes.iter().map(|p| p.to_string()).collect();
    while let Some(p) = loaded.cache.take_problem() {
        notes.push(p.to_string());
    }
    Run {
        entities: idx,
        stages: stages.into_inner().unwrap(),
        notes,
    }
}

/// What a resolution without the index gives.
fn fresh(paths: &[PathBuf], corrections: &Corrections) -> EntityIndex {
    let corpus = dossier::store::load(paths).unwrap();
    entities::build_with(&corpus.docs, corrections)
}

#[test]
fn a_warm_start_reads_the_resolution_back_and_gives_what_resolving_gives() {
    let sandbox = Sandbox::new();
    let dir = sandbox.data().join("docs");
    corpus(&dir, 40, 7);
    let paths = vec![dir.clone()];
    let none = Corrections::default();
    let expected = fresh(&paths, &none);
    assert!(
        expected.entities().len() > 20,
        "{}",
        expected.entities().len()
    );

    let cold = load(&paths, &sandbox.cache(), &none);
    assert!(cold.resolved(), "{:?}", cold.stages);
    assert_eq!(cold.entities, expected);
    let warm = load(&paths, &sandbox.cache(), &none);
    assert!(warm.recalled(), "{:?}", warm.stages);
    assert!(warm.notes.is_empty(), "{:?}", warm.notes);
    assert_eq!(warm.entities, expected);
}

#[test]
fn any_change_to_the_files_resolves_again_as_fresh() {
    let sandbox = Sandbox::new();
    let a = sandbox.data().join("a");
    let b = sandbox.data().join("b");
    corpus(&a, 20, 11);
    corpus(&b, 12, 12);
    let none = Corrections::default();
    let cache = sandbox.cache();
    let ab = vec![a.clone(), b.clone()];
    load(&ab, &cache, &none);
    assert!(load(&ab, &cache, &none).recalled());

    // Reordered paths: the same files, another corpus order.
    let ba = vec![b.clone(), a.clone()];
    let run = load(&ba, &cache, &none);
    assert!(run.resolved(), "{:?}", run.stages);
    assert_eq!(run.entities, fresh(&ba, &none));

    // Edited: a name changed in one article.
    let edited = a.join("gen_0003.txt");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(
        &edited,
        format!("{text}\nLater, Ottoline Quarrington of Brackmoor Holdings spoke.\n"),
    )
    .unwrap();
    let run = load(&ab, &cache, &none);
    assert!(run.resolved(), "{:?}", run.stages);
    assert_eq!(run.entities, fresh(&ab, &none));
    assert!(
        run.entities
            .entities()
            .iter()
            .any(|e| e.name.contains("Quarrington"))
    );
    assert!(load(&ab, &cache, &none).recalled());

    // Removed.
    fs::remove_file(a.join("gen_0007.txt")).unwrap();
    let run = load(&ab, &cache, &none);
    assert!(run.resolved(), "{:?}", run.stages);
    assert_eq!(run.entities, fresh(&ab, &none));

    // Added.
    fs::copy(b.join("gen_0001.txt"), a.join("gen_0100.txt")).unwrap();
    let run = load(&ab, &cache, &none);
    assert!(run.resolved(), "{:?}", run.stages);
    assert_eq!(run.entities, fresh(&ab, &none));

    assert!(load(&ab, &cache, &none).recalled());
}

#[test]
fn a_damaged_stored_resolution_is_said_and_replaced() {
    let sandbox = Sandbox::new();
    let dir = sandbox.data().join("docs");
    corpus(&dir, 10, 3);
    let paths = vec![dir.clone()];
    let none = Corrections::default();
    let cache = sandbox.cache();
    let expected = load(&paths, &cache, &none).entities;

    let conn = rusqlite::Connection::open(cache.join(index::FILE)).unwrap();
    let blob: Vec<u8> = conn
        .query_row("SELECT blob FROM resolutions", [], |r| r.get(0))
        .unwrap();
    let mut bad = blob.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x20;
    conn.execute("UPDATE resolutions SET blob = ?1", [&bad])
        .unwrap();
    drop(conn);

    let run = load(&paths, &cache, &none);
    assert_eq!(run.entities, expected);
    assert!(run.resolved(), "{:?}", run.stages);
    assert_eq!(run.notes.len(), 1, "{:?}", run.notes);
    assert!(run.notes[0].contains("damaged"), "{:?}", run.notes);
    assert!(run.notes[0].contains("index.sqlite"), "{:?}", run.notes);
    // Stored again, whole.
    let again = load(&paths, &cache, &none);
    assert!(again.recalled(), "{:?}", again.stages);
    assert!(again.notes.is_empty(), "{:?}", again.notes);
    assert_eq!(again.entities, expected);
}

fn dossier(sandbox: &Sandbox, args: &[&str]) -> Output {
    let out = sandbox.dossier().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn entities_json_warm_equals_cold_and_no_cache_with_corrections() {
    let sandbox = Sandbox::new();
    let dir = sandbox.data().join("docs");
    corpus(&dir, 15, 5);
    let d = dir.to_str().unwrap();
    let args = ["entities", d, "--json"];
    let cold = dossier(&sandbox, &args).stdout;
    let warm = dossier(&sandbox, &args).stdout;
    let plain = dossier(&sandbox, &["--no-cache", "entities", d, "--json"]).stdout;
    assert!(cold.len() > 1000);
    assert!(cold == warm, "warm differs from cold");
    assert!(cold == plain, "cold differs from --no-cache");

    // Corrections made after the resolution was stored still apply to it:
    // the warm run reads that resolution back (a run that resolved again
    // would store it anew, with a later `made`).
    let stored = || -> Vec<i64> {
        let conn = rusqlite::Connection::open(sandbox.cache().join(index::FILE)).unwrap();
        let mut q = conn.prepare("SELECT made FROM resolutions").unwrap();
        q.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = stored();
    assert_eq!(before.len(), 1, "one resolution stored");
    for c in [
        &["correct", "rename", "Tanter", "Raymond Tanter"][..],
        &["correct", "hide", "Martin"],
        &["correct", "merge", "Camp Liberty", "Camp Ashraf"],
    ] {
        dossier(&sandbox, c);
    }
    let warm = dossier(&sandbox, &args).stdout;
    let plain = dossier(&sandbox, &["--no-cache", "entities", d, "--json"]).stdout;
    assert!(warm == plain, "corrected warm differs from --no-cache");
    assert_eq!(stored(), before, "the warm run resolved again");
    assert!(warm != cold, "the corrections changed nothing");
    let text = String::from_utf8_lossy(&warm);
    assert!(text.contains("\"Raymond Tanter\""));
}

#[test]
fn killed_while_storing_entities_the_index_stays_right() {
    let sandbox = Sandbox::new();
    let dir = sandbox.data().join("docs");
    corpus(&dir, 150, 9);
    let d = dir.to_str().unwrap();
    let args = ["entities", d, "--json"];
    let start = Instant::now();
    let reference = dossier(&sandbox, &["--no-cache", "entities", d, "--json"]).stdout;
    let full = start.elapsed();
    let mut killed_running = 0;
    for k in 1..=6u32 {
        let mut child = sandbox.dossier();
        child.args(args).stdout(Stdio::null()).stderr(Stdio::null());
        let mut child = child.spawn().unwrap();
        std::thread::sleep(full * k / 5);
        if child.try_wait().unwrap().is_none() {
            killed_running += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let after = dossier(&sandbox, &args);
        assert!(after.stdout == reference, "after kill {k}");
        let stderr = String::from_utf8_lossy(&after.stderr);
        assert!(!stderr.contains("index:"), "after kill {k}: {stderr}");
        // Start again from an index without its resolutions now and then.
        if k % 2 == 0 {
            let conn = rusqlite::Connection::open(sandbox.cache().join(index::FILE)).unwrap();
            conn.execute("DELETE FROM resolutions", []).unwrap();
        }
    }
    assert!(killed_running > 0, "no kill landed while dossier ran");
}
