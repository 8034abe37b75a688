//! Nothing lost, nothing touched: the corrections file survives a process
//! killed (SIGKILL) at any moment of `dossier correct`, holding the old or
//! the new list, never a broken one; and using the reader on a folder of
//! documents leaves every document's bytes and modification time as they
//! were, and adds nothing to the folder.

mod common;
mod e2e_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use dossier::entities::{Correction, Corrections};

/// SplitMix64, deterministic.
fn rng(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn rename(i: usize) -> Correction {
    Correction::Rename {
        entity: format!("org:group-{i}"),
        name: format!("Group number {i} “renamed” — 日本 {i}"),
    }
}

/// `dossier correct rename` run over and over, each killed with SIGKILL
/// after a random delay (some before it writes, some while, some after):
/// the file always parses, and holds the list before the run or that list
/// plus the new correction.
#[test]
fn a_killed_correct_leaves_the_old_or_the_new_file() {
    let sandbox = e2e_support::sandbox::Sandbox::new();
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("corrections.toml");
    // A long list, so writing it takes long enough to be interrupted.
    let mut list = Corrections {
        list: (0..3_000).map(rename).collect(),
    };
    list.save_to(&file).unwrap();

    // How long one uninterrupted run takes, to spread the kills over it.
    let started = Instant::now();
    let ok = sandbox
        .dossier()
        .args(["correct", "hide", "org:probe"])
        .env("DOSSIER_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let span = started.elapsed().as_micros() as u64;
    list = Corrections::load_from(&file).unwrap();

    let mut seed = 0x000d_ead0;
    let (mut old, mut new) = (0, 0);
    for i in 0..40 {
        let c = rename(100_000 + i);
        let mut child = sandbox
            .dossier()
            .args(["correct", "rename"])
            .arg(match &c {
                Correction::Rename { entity, .. } => entity,
                _ => unreachable!(),
            })
            .arg(match &c {
                Correction::Rename { name, .. } => name,
                _ => unreachable!(),
            })
            .env("DOSSIER_DATA_DIR", data.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng(&mut seed) % (span * 2 + 1)));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let now = Corrections::load_from(&file)
            .unwrap_or_else(|e| panic!("round {i}: broken corrections file: {e}"));
        if now == list {
            old += 1;
        } else {
            let mut grown = list.clone();
            grown.list.push(c);
            assert_eq!(now, grown, "round {i}: neither the old nor the new list");
            new += 1;
            list = now;
        }
    }
    // How the kills fell depends on the machine's load, so it is reported,
    // not asserted (every round above already checked the file).
    let strays = strays(data.path());
    eprintln!(
        "killed runs: {old} left the old file, {new} the new one, {} temp files",
        strays.len()
    );
    assert_eq!(old + new, 40);
    // Whatever temp files the kills left are ours by name, and go with the
    // next write once they are old enough to be nobody's write in progress.
    for stray in &strays {
        age(stray);
    }
    let out = sandbox
        .dossier()
        .args(["correct", "hide", "org:last"])
        .env("DOSSIER_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(others(data.path()), Vec::<PathBuf>::new());
}

/// The files beside the corrections other than the corrections.
fn others(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "corrections.toml")
        .collect();
    out.sort();
    out
}

/// Temp files of a write of the corrections: `.corrections.toml.*.tmp`.
fn strays(dir: &Path) -> Vec<PathBuf> {
    others(dir)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(".corrections.toml.") && name.ends_with(".tmp")
        })
        .collect()
}

/// Make `path` look untouched for longer than a write ever takes.
fn age(path: &Path) {
    common::set_modified_ago(path, dossier::store::atomic::STALE + Duration::from_secs(5));
}

/// What a SIGKILL between the temp file and the rename leaves, made by
/// hand so it is there every time: the next write and the reader's next
/// load remove our stale temp files, and only those; a young one (another
/// process writing right now) and every file not named as ours stay.
#[test]
fn stale_temp_files_of_ours_are_swept_and_nothing_else() {
    let sandbox = e2e_support::sandbox::Sandbox::new();
    let data = sandbox.data();
    std::fs::create_dir_all(&data).unwrap();
    let file = data.join("corrections.toml");
    Corrections::default().save_to(&file).unwrap();
    let ours_old = [
        ".corrections.toml.a1B2c3.tmp",
        ".corrections.toml.ZZZZZZ.tmp",
    ];
    let ours_young = ".corrections.toml.y0ung1.tmp";
    let not_ours = [
        ".tmpa1B2c3",                     // tempfile's default name
        ".corrections.toml.a1B2c3.tmp.x", // not our suffix
        ".corrections.toml.ab.tmp",       // not our length
        ".notes.toml.a1B2c3.tmp",         // another file's
        "corrections.toml.bak",
        "article.txt",
    ];
    let make = |name: &str, old: bool| {
        let p = data.join(name);
        std::fs::write(&p, "half a file").unwrap();
        if old {
            age(&p);
        }
    };
    let all_but_ours = |young: bool| {
        let mut keep: Vec<PathBuf> = not_ours.iter().map(|n| data.join(n)).collect();
        if young {
            keep.push(data.join(ours_young));
        }
        keep.sort();
        keep
    };
    for run in ["correct", "reader"] {
        ours_old.iter().for_each(|n| make(n, true));
        not_ours.iter().for_each(|n| make(n, true));
        make(ours_young, false);
        match run {
            "correct" => {
                let out = sandbox
                    .dossier()
                    .args(["correct", "hide", "org:probe"])
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            _ => {
                let docs = tempfile::tempdir().unwrap();
                std::fs::write(docs.path().join("a.txt"), "Title\n\nBody text.\n").unwrap();
                dossier::app::load::run_with(
                    &[docs.path().to_path_buf()],
                    &sandbox.setup(),
                    &|_| {},
                );
            }
        }
        assert_eq!(others(&data), all_but_ours(true), "after the {run}");
        std::fs::remove_file(data.join(ours_young)).unwrap();
    }
    // The corrections themselves are intact.
    let list = Corrections::load_from(&file).unwrap();
    assert_eq!(list.list.len(), 1);
}

/// Bytes and modification time of every file under `dir`.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            let bytes = std::fs::read(e.path()).unwrap();
            (e.path().to_path_buf(), (bytes, meta.modified().unwrap()))
        })
        .collect()
}

/// The reader on a copy of the seeds plus the hostile files, used (filter,
/// open, entity panel, jumps, raw text, compare key, help) and quit: every
/// document's bytes and modification time are unchanged, nothing is added.
#[test]
fn using_the_reader_leaves_the_documents_untouched() {
    let dir = tempfile::tempdir().unwrap();
    common::hostile::write_all(dir.path());
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let before = snapshot(dir.path());
    // Modification times are compared, so let the clock move past them.
    std::thread::sleep(Duration::from_millis(20));

    let path = dir.path().to_string_lossy().into_owned();
    let mut s = e2e_support::Session::start(&[&path], 140, 40);
    s.wait_text("Sources");
    s.wait_for("entities indexed", |sc| {
        sc.contains("here docs") || sc.contains("no entities")
    });
    for keys in [
        "/iraq", "\r", "\r", "\t", "j", "\r", "n", "n", "]", "[", "e", "r", "r", "c", "\x1b",
        "\x1b", "?", "\x1b", "/", "mek", "\x1b", "G", "g",
    ] {
        s.keys(keys);
    }
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();

    let after = snapshot(dir.path());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files added or removed"
    );
    for (path, (bytes, mtime)) in &before {
        let (now_bytes, now_mtime) = &after[path];
        assert!(bytes == now_bytes, "{} changed", path.display());
        assert_eq!(mtime, now_mtime, "{} modification time", path.display());
    }
}
