//! Finding input files and turning each into documents.
//!
//! Loading is two steps. [`discover`] walks the given paths (recursively,
//! sorted by name, following symlinks, skipping hidden entries inside
//! folders) into a list of files. Each file is then read and parsed on its
//! own by [`parse_file`], a pure function of path and bytes, so the files are
//! parsed in parallel (rayon) and an on-disk index can later skip files
//! whose path and content hash it has seen. Results are gathered in
//! discovery order, so the corpus is the same whatever the thread count.
//!
//! Ids: the file stem for a file; `stem#N` for the N-th record (1-based) of
//! a JSON or JSON Lines file, or the record's own `id`. An id already taken
//! by an earlier document gets `~2`, `~3`, … appended.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::clean::clean;
use super::decode::{decode_owned, nfc};
use super::formats::{self, RecordId};
use super::{Corpus, Document, Problem, StoreError};

/// Files larger than this are refused rather than read whole.
const MAX_FILE: u64 = 1 << 30;

/// Every file under `paths`, recursively, in a stable order. A path that
/// does not exist is an error; entries that cannot be walked are left out
/// (see [`walk`] to hear about them).
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, StoreError> {
    walk(paths).map(|(files, _)| files)
}

/// Like [`discover`], with the entries that could not be walked (unreadable
/// folders, broken links, link loops) as problems.
pub fn walk(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Problem>), StoreError> {
    walk_counted(paths, &|_| {})
}

/// [`walk`], calling `found(n)` with the number of files found so far as
/// they are found (for a loading gauge; the walk itself is unchanged).
pub fn walk_counted(
    paths: &[PathBuf],
    found: &dyn Fn(usize),
) -> Result<(Vec<PathBuf>, Vec<Problem>), StoreError> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(StoreError::Missing(path.clone()));
        }
        let walk = walkdir::WalkDir::new(path)
            .follow_links(true)
            // Siblings share their parent's path, so their whole paths sort
            // as their names do; comparing them as bytes spares
            // `sort_by_file_name`'s parse of each path for its last part
            // (most of the walk's instructions).
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    files.push(e.into_path());
                    found(files.len());
                }
                Ok(_) => {}
                Err(e) => problems.push(Problem {
                    path: e.path().unwrap_or(path).to_path_buf(),
                    reason: walk_reason(&e),
                }),
            }
        }
    }
    Ok((files, problems))
}

fn walk_reason(e: &walkdir::Error) -> String {
    if e.loop_ancestor().is_some() {
        return "symbolic link loop; skipped".into();
    }
    match e.io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "broken symbolic link; skipped".into()
        }
        Some(io) => format!("cannot read: {io}"),
        None => e.to_string(),
    }
}

/// Load every document under `paths`; per-file failures become problems.
pub fn load(paths: &[PathBuf]) -> Result<Corpus, StoreError> {
    load_with_progress(paths, &|_, _| {})
}

/// [`load`], calling `progress(done, total)` as files finish (from worker
/// threads, in no particular order), so a caller can show a gauge.
pub fn load_with_progress(
    paths: &[PathBuf],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Corpus, StoreError> {
    let (files, problems) = walk(paths)?;
    Ok(load_files(&files, problems, progress))
}

/// Parse `files` (from [`walk`]) in parallel into a corpus, after the walk's
/// own `problems`; ids are made unique in file order.
pub(crate) fn load_files(
    files: &[PathBuf],
    mut problems: Vec<Problem>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Corpus {
    let total = files.len();
    let done = AtomicUsize::new(0);
    progress(0, total);
    let parsed: Vec<_> = files
        .par_iter()
        .map(|f| {
            let result = load_file(f);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            result
        })
        .collect();
    let mut corpus = Corpus::default();
    for result in parsed {
        match result {
            Ok((docs, file_problems)) => {
                corpus.docs.extend(docs);
                problems.extend(file_problems);
            }
            Err(problem) => problems.push(problem),
        }
    }
    corpus.problems = problems;
    unique_ids(&mut corpus.docs);
    corpus
}

/// Read and parse one file.
pub fn load_file(path: &Path) -> Result<(Vec<Document>, Vec<Problem>), Problem> {
    parse_bytes(path, read_file(path)?)
}

/// The bytes of one file; a file that cannot be read, or is too large to
/// read whole, is a problem.
///
/// Four system calls: open, one fstat of the open file (for the size),
/// one read of exactly that many bytes, close. (`fs::read` and
/// `read_to_end` also ask for the size and the position again, and read a
/// second time to meet the end of the file: seven calls, and loading makes
/// one set per file.) A regular file's size says where its end is; a file
/// that says it is empty may be a pseudo-file (`/proc`) with text all the
/// same, so it is read to its end.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, Problem> {
    let problem = |reason: String| Problem {
        path: path.to_path_buf(),
        reason,
    };
    let cannot = |e: std::io::Error| problem(format!("cannot read: {e}"));
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_FILE {
        return Err(problem(format!("too large ({size} bytes); skipped")));
    }
    if size == 0 {
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(cannot)?;
        return Ok(bytes);
    }
    // Read until the size is filled: one read for any file the kernel hands
    // over whole; a file that shrank meanwhile ends early.
    let mut bytes = vec![0u8; size as usize];
    let mut filled = 0;
    while filled < bytes.len() {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(cannot(e)),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// The text of `doc` as read from its file, before cleaning. Documents
/// loaded from the on-disk index do not keep it in memory (it would double
/// the corpus), so it is read again: the file is parsed anew and the
/// document with the same id, title and body gives its raw text.
pub fn raw_text(doc: &Document) -> Result<String, Problem> {
    if !doc.raw.is_empty() {
        return Ok(doc.raw.clone());
    }
    let path = Path::new(&doc.path);
    let (docs, _) = load_file(path)?;
    // Ids in the corpus may carry a `~N` made by `unique_ids`; the body and
    // title are what the same bytes parse to again.
    docs.into_iter()
        .find(|d| d.body == doc.body && d.title == doc.title)
        .map(|d| d.raw)
        .ok_or_else(|| Problem {
            path: path.to_path_buf(),
            reason: "changed since it was loaded; cannot show its raw text".into(),
        })
}

/// Parse the bytes of one file into its documents, plus non-fatal problems
/// (lossy decoding, unreadable records). A file with nothing to load is an
/// error problem. Pure: the same bytes give the same documents.
pub fn parse_file(path: &Path, bytes: &[u8]) -> Result<(Vec<Document>, Vec<Problem>), Problem> {
    parse_bytes(path, bytes.to_vec())
}

/// [`parse_file`] of bytes it may keep: valid UTF-8 is decoded in place.
fn parse_bytes(path: &Path, bytes: Vec<u8>) -> Result<(Vec<Document>, Vec<Problem>), Problem> {
    let problem = |reason: String| Problem {
        path: path.to_path_buf(),
        reason,
    };
    let decoded = decode_owned(bytes).map_err(problem)?;
    let mut problems: Vec<Problem> = decoded.caveat.into_iter().map(problem).collect();
    let format = formats::detect(path, &decoded.text);
    let (found, issues) = formats::parse(format, decoded.text);
    problems.extend(issues.into_iter().map(|i| match i.line {
        Some(line) => problem(format!("line {line}: {}", i.reason)),
        None => problem(i.reason),
    }));

    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let shown = path.display().to_string();
    let docs: Vec<Document> = found
        .into_iter()
        .map(|f| {
            let cleaned = clean(f.draft);
            let id = match f.id {
                None => stem.clone(),
                Some(RecordId::Nth(n)) => format!("{stem}#{n}"),
                Some(RecordId::Own(id)) => id,
            };
            Document {
                id,
                path: shown.clone(),
                title: nfc(cleaned.title),
                source: cleaned.source.map(nfc),
                author: cleaned.author.map(nfc),
                date: cleaned.date,
                url: cleaned.url,
                body: nfc(cleaned.body),
                raw: f.raw,
            }
        })
        .collect();
    for doc in &docs {
        if doc.body.is_empty() {
            problems.push(problem(format!("{}: no article text found", doc.id)));
        }
    }
    if docs.is_empty() && problems.is_empty() {
        return Err(problem("no documents found".into()));
    }
    Ok((docs, problems))
}

/// Make ids unique in corpus order: a repeat of an earlier id gets `~2`, …
pub(crate) fn unique_ids(docs: &mut [Document]) {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(docs.len());
    for doc in docs.iter_mut() {
        let count = seen.entry(doc.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            let mut n = *count;
            while seen.contains_key(&format!("{}~{n}", doc.id)) {
                n += 1;
            }
            doc.id = format!("{}~{n}", doc.id);
            seen.insert(doc.id.clone(), 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages cut at every few bytes, and random bytes, under every format's
    /// name: parsing never panics, and whatever loads has a title.
    #[test]
    fn no_panic_on_any_input() {
        let pages: [&[u8]; 5] = [
            include_bytes!("../../tests/fixtures/store/election.html"),
            include_bytes!("../../tests/fixtures/store/records.json"),
            include_bytes!("../../tests/fixtures/store/rivers.md"),
            include_bytes!("../../tests/fixtures/store/harbour_scrape.txt"),
            include_bytes!("../../seeds/003_3fb4b85d121f7341.txt"),
        ];
        let names = ["a.html", "a.json", "a.jsonl", "a.md", "a.txt", "a"];
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for page in pages {
            inputs.extend((0..page.len()).step_by(37).map(|cut| page[..cut].to_vec()));
            inputs.extend((0..page.len()).step_by(53).map(|cut| page[cut..].to_vec()));
        }
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for len in [1usize, 7, 64, 300, 2000] {
            for _ in 0..20 {
                inputs.push(
                    (0..len)
                        .map(|_| {
                            seed = seed
                                .wrapping_mul(6364136223846793005)
                                .wrapping_add(1442695040888963407);
                            // Mostly text-like bytes, some markup and high bytes.
                            b"ab .\n<>{}[]\":,#*-\xc3\xa9\xe2\x80\x9c\xff"
                                [(seed >> 33) as usize % 22]
                        })
                        .collect(),
                );
            }
        }
        for input in &inputs {
            for name in names {
                if let Ok((docs, _)) = parse_file(Path::new(name), input) {
                    assert!(docs.iter().all(|d| !d.title.is_empty()));
                }
            }
        }
    }
}
