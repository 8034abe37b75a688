//! Finding input files and turning each into documents.
//!
//! SCAFFOLD: plain text only, title = first line. The real loaders
//! (Markdown, HTML, JSON, JSON Lines) and the cleaner replace this.

use std::path::{Path, PathBuf};

use super::{Corpus, Document, Problem, StoreError};

/// Every file under `paths`, recursively, in a stable order.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, StoreError> {
    let mut files = Vec::new();
    for path in paths {
        if !path.exists() {
            return Err(StoreError::Missing(path.clone()));
        }
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry = entry.map_err(|e| StoreError::Io {
                path: e.path().unwrap_or(path).to_path_buf(),
                source: e.into(),
            })?;
            if entry.file_type().is_file() {
                files.push(entry.into_path());
            }
        }
    }
    Ok(files)
}

/// Load every document under `paths`; per-file failures become problems.
pub fn load(paths: &[PathBuf]) -> Result<Corpus, StoreError> {
    let mut corpus = Corpus::default();
    for file in discover(paths)? {
        match load_file(&file) {
            Ok((docs, problems)) => {
                corpus.docs.extend(docs);
                corpus.problems.extend(problems);
            }
            Err(problem) => corpus.problems.push(problem),
        }
    }
    Ok(corpus)
}

/// Read and parse one file.
pub fn load_file(path: &Path) -> Result<(Vec<Document>, Vec<Problem>), Problem> {
    let bytes = std::fs::read(path).map_err(|e| Problem {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    parse_file(path, &bytes)
}

/// Parse the bytes of one file into its documents, plus non-fatal problems.
pub(crate) fn parse_file(
    path: &Path,
    bytes: &[u8],
) -> Result<(Vec<Document>, Vec<Problem>), Problem> {
    let raw = String::from_utf8_lossy(bytes).into_owned();
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = raw
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string();
    let doc = Document {
        id,
        path: path.display().to_string(),
        title,
        source: None,
        author: None,
        date: None,
        url: None,
        body: raw.clone(),
        raw,
    };
    Ok((vec![doc], Vec::new()))
}
