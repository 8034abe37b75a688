//! Killing `dossier` while it writes its index never leaves an index that
//! gives a wrong answer: the process is killed (SIGKILL) again and again
//! while it indexes a corpus of a few thousand files, and each following
//! run still prints exactly what a run without the index prints.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "on",
    "Tuesday",
    "that",
    "talks",
    "with",
    "officials",
    "in",
    "Geneva",
    "would",
    "resume",
    "after",
    "a",
    "week",
    "of",
    "protests",
    "near",
    "harbour",
    "Maria",
    "Okafor",
    "told",
    "reporters",
    "ministry",
    "budget",
    "river",
    "bridge",
    "union",
];

/// `n` articles of a few kilobytes in subfolders, deterministic.
fn corpus(root: &Path, n: usize) {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..n {
        let dir = root.join(format!("{:02}", i / 500));
        fs::create_dir_all(&dir).unwrap();
        let mut text = format!("Report number {i} on the harbour dispute\n\nBy Ada Lindqvist\n\n");
        for _ in 0..6 {
            let mut sentence = Vec::new();
            for _ in 0..60 {
                sentence.push(WORDS[next() as usize % WORDS.len()]);
            }
            text.push_str(&sentence.join(" "));
            text.push_str(".\n\n");
        }
        fs::write(dir.join(format!("article_{i:05}.txt")), text).unwrap();
    }
}

fn run(args: &[&str], cache: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.env("DOSSIER_DATA_DIR", cache.join("data"))
        .env("DOSSIER_CONFIG_DIR", cache.join("config"))
        .args(args)
        .env("DOSSIER_CACHE_DIR", cache)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn killed_while_indexing_the_index_stays_right() {
    let docs = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let none = tempfile::tempdir().unwrap();
    corpus(docs.path(), 1200);
    let d = docs.path().to_str().unwrap();
    let list = ["list", d, "--json"];
    // A phrase search too: its answer comes from the word index.
    let phrase = ["list", d, "--filter", "\"talks with officials\"", "--json"];

    let start = Instant::now();
    let reference = run(&["--no-cache", "list", d, "--json"], none.path())
        .output()
        .unwrap();
    assert!(reference.status.success());
    let full = start.elapsed();
    let mut bypass = vec!["--no-cache"];
    bypass.extend(phrase);
    let phrase_reference = run(&bypass, none.path()).output().unwrap();
    assert!(phrase_reference.status.success());
    assert!(
        phrase_reference.stdout.len() > 2,
        "the phrase matches nothing"
    );

    // Kill points spread over a cold run (the first ones land before or
    // during the first batch, later ones after some batches committed).
    let mut killed_running = 0;
    for k in 1..=6u32 {
        let mut child = run(&list, cache.path()).spawn().unwrap();
        std::thread::sleep(full * k / 8 + Duration::from_millis(20 * u64::from(k)));
        if child.try_wait().unwrap().is_none() {
            killed_running += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        // Every state the kill left must read back right.
        let after = run(&list, cache.path()).output().unwrap();
        assert!(after.status.success());
        assert_eq!(
            String::from_utf8_lossy(&after.stdout),
            String::from_utf8_lossy(&reference.stdout),
            "after kill {k}"
        );
        let stderr = String::from_utf8_lossy(&after.stderr);
        assert!(!stderr.contains("index:"), "after kill {k}: {stderr}");
        let found = run(&phrase, cache.path()).output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&found.stdout),
            String::from_utf8_lossy(&phrase_reference.stdout),
            "phrase after kill {k}"
        );
        // Start the next kill from a partly written index again.
        if k % 2 == 0 {
            let conn = rusqlite::Connection::open(cache.path().join(dossier::index::FILE)).unwrap();
            conn.execute("DELETE FROM files WHERE id % 3 = 0", [])
                .unwrap();
        }
    }
    assert!(killed_running > 0, "no kill landed while dossier ran");
}
