//! The on-disk index: a warm load gives exactly what a cold one (and
//! `store::load`) gives; changed, added and removed files are noticed; a
//! damaged or foreign index is rebuilt with a message; `--no-cache` writes
//! nothing; the documents are never touched.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use dossier::entities::{self, Corrections, EntityIndex};
use dossier::index::{self, Options};
use dossier::store::{self, Corpus, Document};

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store")
}

/// A corpus folder with the seeds, a second copy of two of them in a
/// subfolder (same stems, so `~2` ids), a JSON Lines file, an unreadable
/// binary file and an empty one; every file dated an hour ago, so the
/// index may trust their times.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("again")).unwrap();
    for entry in fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, root.join(path.file_name().unwrap())).unwrap();
    }
    for name in ["000_16bc0d923c9e3325.txt", "003_3fb4b85d121f7341.txt"] {
        fs::copy(seeds().join(name), root.join("again").join(name)).unwrap();
    }
    fs::copy(fixtures().join("feed.jsonl"), root.join("feed.jsonl")).unwrap();
    fs::write(root.join("blob.bin"), [0u8, 159, 146, 150, 0, 0, 7, 1]).unwrap();
    fs::write(root.join("empty.txt"), b"").unwrap();
    age_all(root);
    dir
}

/// Set every file's modification time an hour back.
fn age_all(dir: &Path) {
    for entry in walkdir(dir) {
        age(&entry);
    }
}

fn age(path: &Path) {
    common::set_modified_ago(path, Duration::from_secs(3600));
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn load(paths: &[PathBuf], cache: &Path) -> (Corpus, EntityIndex) {
    let (corpus, entities, notes) = load_noting(paths, cache);
    assert!(notes.is_empty(), "{notes:?}");
    (corpus, entities)
}

/// Load and resolve through the index; also the notes about the index.
fn load_noting(paths: &[PathBuf], cache: &Path) -> (Corpus, EntityIndex, Vec<String>) {
    let mut loaded = index::load(paths, &Options::at(cache), &|_, _| {}).unwrap();
    let idx = loaded
        .cache
        .entities(&loaded.corpus.docs, &Corrections::default(), &|_, _| {});
    let mut notes: Vec<String> = loaded.notes.iter().map(|p| p.to_string()).collect();
    notes.extend(loaded.cache.take_problem().map(|p| p.to_string()));
    (loaded.corpus, idx, notes)
}

/// Documents without their raw text (which the index does not keep).
fn cooked(docs: &[Document]) -> Vec<Document> {
    docs.iter()
        .map(|d| Document {
            raw: String::new(),
            ..d.clone()
        })
        .collect()
}

#[test]
fn warm_load_gives_what_a_cold_load_and_store_load_give() {
    let dir = corpus();
    let (plain, cold, warm, _) = cold_and_warm_match_a_plain_load(dir.path());
    let ids: Vec<&str> = warm.docs.iter().map(|d| d.id.as_str()).collect();
    assert!(ids.contains(&"000_16bc0d923c9e3325~2"), "{ids:?}");
    assert_eq!(plain.problems, cold.problems);
    assert_eq!(cold.problems, warm.problems);
    assert!(
        warm.problems
            .iter()
            .any(|p| p.path.ends_with("blob.bin") || p.path.ends_with("empty.txt")),
        "problems are reported again when warm: {:?}",
        warm.problems
    );
}

/// Load `dir` cold, then warm, through a fresh index, and check both give
/// what a load without the index gives: documents (less their raw text)
/// and entities, in order. Returns the plain, cold and warm corpora and
/// the entities.
fn cold_and_warm_match_a_plain_load(dir: &Path) -> (Corpus, Corpus, Corpus, EntityIndex) {
    let cache = tempfile::tempdir().unwrap();
    let paths = vec![dir.to_path_buf()];
    let plain = store::load(&paths).unwrap();
    let plain_entities = entities::build_with(&plain.docs, &Corrections::default());

    let (cold, cold_entities) = load(&paths, cache.path());
    let (warm, warm_entities) = load(&paths, cache.path());
    assert!(fs::read_dir(cache.path()).unwrap().next().is_some());

    assert_eq!(cooked(&plain.docs), cold.docs);
    assert_eq!(cold.docs, warm.docs);
    assert!(!plain_entities.entities().is_empty());
    assert_eq!(plain_entities, cold_entities);
    assert_eq!(cold_entities, warm_entities);
    (plain, cold, warm, warm_entities)
}

#[test]
fn an_unchanged_key_is_trusted_and_not_read_again() {
    // Same size, same time, other bytes: only a parse of the file would
    // see the change, so seeing the old text proves it was not parsed.
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    let file = dir.path().join("002_9592ed5bc08531cd.txt");
    let (cold, _) = load(&paths, cache.path());
    let text = fs::read_to_string(&file).unwrap();
    let before = fs::metadata(&file).unwrap().modified().unwrap();
    fs::write(&file, text.replace("terrorist", "TERRORIST")).unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let (warm, _) = load(&paths, cache.path());
    assert_eq!(cold.docs, warm.docs);
    // Without the index the change is there.
    let fresh = store::load(&paths).unwrap();
    assert!(fresh.docs.iter().any(|d| d.body.contains("TERRORIST")));
}

#[test]
fn changed_added_and_removed_files_are_noticed() {
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    let (cold, cold_entities) = load(&paths, cache.path());

    // Changed: same size, new time (a rewrite within the same second is
    // caught by the hash); changed size; added; removed.
    let same_size = dir.path().join("002_9592ed5bc08531cd.txt");
    let text = fs::read_to_string(&same_size).unwrap();
    fs::write(&same_size, text.replace("terrorist", "TERRORIST")).unwrap();
    let grown = dir.path().join("004_96937d237d215014.txt");
    let text = fs::read_to_string(&grown).unwrap();
    fs::write(&grown, text.replace("refuge", "refuge and shelter")).unwrap();
    fs::copy(
        fixtures().join("wire_scrape.txt"),
        dir.path().join("wire.txt"),
    )
    .unwrap();
    fs::remove_file(dir.path().join("again/003_3fb4b85d121f7341.txt")).unwrap();

    let (warm, warm_entities) = load(&paths, cache.path());
    let plain = store::load(&paths).unwrap();
    assert_eq!(cooked(&plain.docs), warm.docs);
    assert_eq!(plain.problems, warm.problems);
    assert!(warm.docs.iter().any(|d| d.body.contains("TERRORIST")));
    assert!(
        warm.docs
            .iter()
            .any(|d| d.body.contains("refuge and shelter"))
    );
    assert!(warm.docs.iter().any(|d| d.id == "wire"));
    assert!(!warm.docs.iter().any(|d| d.id == "003_3fb4b85d121f7341~2"));
    assert!(cold.docs.iter().any(|d| d.id == "003_3fb4b85d121f7341~2"));
    assert_ne!(cold_entities, warm_entities);
    let expected = entities::build_with(&plain.docs, &Corrections::default());
    assert_eq!(expected, warm_entities);

    // And once more, now all from the index.
    let (again, again_entities) = load(&paths, cache.path());
    assert_eq!(warm.docs, again.docs);
    assert_eq!(warm_entities, again_entities);
}

#[test]
fn a_garbage_index_is_rebuilt_with_a_message() {
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    let (cold, _) = load(&paths, cache.path());
    let file = cache.path().join(index::FILE);
    let garbage: Vec<u8> = (0..70_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    fs::write(&file, garbage).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(cache.path().join(format!("{}{suffix}", index::FILE)));
    }
    let (rebuilt, _, notes) = load_noting(&paths, cache.path());
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains(index::FILE), "{notes:?}");
    assert!(notes[0].contains("rebuilt"), "{notes:?}");
    assert_eq!(cold.docs, rebuilt.docs);
    // The rebuilt index is sound: no message the next time.
    let (next, _) = load(&paths, cache.path());
    assert_eq!(cold.docs, next.docs);
    assert_eq!(cold.problems, next.problems);
}

#[test]
fn a_damaged_record_or_another_version_is_rebuilt_not_trusted() {
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    let (cold, cold_entities) = load(&paths, cache.path());
    let file = cache.path().join(index::FILE);

    // A blob whose bytes no longer match its checksum.
    let conn = rusqlite::Connection::open(&file).unwrap();
    let changed = conn
        .execute(
            "UPDATE entries SET blob = zeroblob(length(blob)) WHERE id = (SELECT min(id) FROM entries)",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let (rebuilt, rebuilt_entities, notes) = load_noting(&paths, cache.path());
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(cold.docs, rebuilt.docs);
    assert_eq!(cold_entities, rebuilt_entities);

    // Damaged extracts (read once no stored resolution spares them).
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute("UPDATE extracts SET sum = sum + 1", [])
        .unwrap();
    conn.execute("DELETE FROM resolutions", []).unwrap();
    drop(conn);
    let (_, again, notes) = load_noting(&paths, cache.path());
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(cold_entities, again);

    // Another schema version.
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema'", [])
        .unwrap();
    drop(conn);
    let (other, _, notes) = load_noting(&paths, cache.path());
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("schema"), "{notes:?}");
    assert_eq!(cold.docs, other.docs);
}

#[test]
fn a_transaction_dropped_half_way_leaves_the_last_committed_index() {
    // A batch that fails after some writes is rolled back whole; the next
    // load sees a consistent index and gives the right corpus.
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    let (cold, _) = load(&paths, cache.path());
    let file = cache.path().join(index::FILE);
    {
        let mut conn = rusqlite::Connection::open(&file).unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute("DELETE FROM entries", []).unwrap();
        tx.execute("UPDATE files SET size = size + 1", []).unwrap();
        // Dropped without commit, as a killed process would leave it.
        drop(tx);
    }
    let (warm, _) = load(&paths, cache.path());
    assert_eq!(cold.docs, warm.docs);
}

fn dossier(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("DOSSIER_CACHE_DIR", cache)
        .env("DOSSIER_DATA_DIR", cache.join("data"))
        .output()
        .expect("the binary runs")
}

fn ok(out: Output) -> Vec<u8> {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn the_commands_print_the_same_cold_warm_and_without_cache() {
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    let none = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let runs: [&[&str]; 5] = [
        &["list", d, "--json"],
        &["entities", d, "--json"],
        &["show", "003_3fb4b85d121f7341~2", d, "--json"],
        &["show", "42", d, "--raw", "--json"],
        &["xref", "MEK", d, "--json"],
    ];
    for args in runs {
        let cold = ok(dossier(args, cache.path()));
        let warm = ok(dossier(args, cache.path()));
        let mut bypass: Vec<&str> = vec!["--no-cache"];
        bypass.extend(args);
        let plain = ok(dossier(&bypass, none.path()));
        assert_eq!(cold, warm, "{args:?}");
        assert_eq!(cold, plain, "{args:?}");
    }
    assert!(
        !none.path().join(index::FILE).exists(),
        "--no-cache wrote an index"
    );
    assert_eq!(
        fs::read_dir(none.path()).unwrap().count(),
        0,
        "--no-cache wrote into the cache folder"
    );
}

#[test]
fn no_cache_after_the_command_writes_nothing_either() {
    let dir = corpus();
    let none = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    ok(dossier(
        &["entities", d, "--no-cache", "--json"],
        none.path(),
    ));
    ok(dossier(&["list", "--no-cache", d], none.path()));
    assert_eq!(fs::read_dir(none.path()).unwrap().count(), 0);
}

#[test]
fn the_documents_are_only_read() {
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    let before: Vec<(PathBuf, Vec<u8>, SystemTime)> = walkdir(dir.path())
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            let mtime = fs::metadata(&p).unwrap().modified().unwrap();
            (p, bytes, mtime)
        })
        .collect();
    let d = dir.path().to_str().unwrap();
    for _ in 0..2 {
        ok(dossier(&["entities", d, "--json"], cache.path()));
        ok(dossier(&["show", "002", d, "--raw"], cache.path()));
    }
    let paths = vec![dir.path().to_path_buf()];
    load(&paths, cache.path());
    for (path, bytes, mtime) in before {
        assert_eq!(fs::read(&path).unwrap(), bytes, "{}", path.display());
        assert_eq!(
            fs::metadata(&path).unwrap().modified().unwrap(),
            mtime,
            "{}",
            path.display()
        );
    }
    assert_eq!(walkdir(dir.path()).len(), 10, "no file added to the corpus");
}

#[test]
fn the_catalogue_of_the_last_load_comes_back_without_bodies() {
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    assert!(index::glance(&paths, &Options::at(cache.path())).is_none());
    let (cold, _) = load(&paths, cache.path());
    let glance = index::glance(&paths, &Options::at(cache.path())).expect("a catalogue");
    let strip = |docs: &[Document]| -> Vec<Document> {
        docs.iter()
            .map(|d| Document {
                body: String::new(),
                raw: String::new(),
                ..d.clone()
            })
            .collect()
    };
    assert_eq!(strip(&cold.docs), glance.docs);
    assert_eq!(cold.problems, glance.problems);
    // Other paths (here: one file of the folder) have their own catalogue.
    let one = vec![dir.path().join("002_9592ed5bc08531cd.txt")];
    assert!(index::glance(&one, &Options::at(cache.path())).is_none());
    // Without an index there is nothing to glance at.
    assert!(index::glance(&paths, &Options { dir: None }).is_none());
}

#[test]
fn the_reader_shows_the_raw_text_of_a_document_from_the_index() {
    use dossier::app::{Action, App, Msg, update};
    let dir = corpus();
    let cache = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    load(&paths, cache.path());
    let mut loaded = index::load(&paths, &Options::at(cache.path()), &|_, _| {}).unwrap();
    let idx = loaded
        .cache
        .entities(&loaded.corpus.docs, &Corrections::default(), &|_, _| {});
    assert!(loaded.corpus.docs.iter().all(|d| d.raw.is_empty()));
    let plain = store::load(&paths).unwrap();
    let keymap = dossier::config::Keymap::preset();
    let mut app = App::ready(loaded.corpus, idx, keymap, (120, 40));
    update(&mut app, Msg::Action(Action::ToggleRaw));
    assert!(app.article.raw);
    let shown = app
        .current()
        .map(|d| d.id.clone())
        .expect("an open article");
    let want = plain.docs.iter().find(|d| d.id == shown).unwrap();
    assert!(!want.raw.is_empty());
    assert_eq!(app.text(), want.raw);
    update(&mut app, Msg::Action(Action::ToggleRaw));
    assert_eq!(app.text(), want.body);
}

/// More files than one batch of the index (2,048 parsed files per
/// transaction, 512 extracts read back at a time), so the writer and
/// folding threads hand several batches over: cold and warm must still
/// give exactly what a load without the index gives, in corpus order.
#[test]
fn several_batches_cold_and_warm_give_what_a_plain_load_gives() {
    let dir = tempfile::tempdir().unwrap();
    for (i, article) in dossier::testgen::Articles::new(7).take(2_300).enumerate() {
        fs::write(dir.path().join(format!("{i:05}.txt")), article.to_txt()).unwrap();
    }
    let (plain, _, warm, entities) = cold_and_warm_match_a_plain_load(dir.path());
    assert_eq!(plain.docs.len(), 2_300);
    assert_eq!(warm.docs.len(), 2_300);
    assert!(entities.entities().len() > 100);
}
