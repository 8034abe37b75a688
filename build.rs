//! Build script: fingerprint the code whose output the on-disk index keeps.
//!
//! The index stores parsed documents and entity extracts. If the parsers,
//! the cleaner, the extractor or its word lists change, what is stored is
//! no longer what this build would compute, so the index must be rebuilt.
//! The crate version alone does not change between development builds; a
//! hash of those sources does. `src/index/db.rs` reads it as
//! `DOSSIER_ENGINE_FINGERPRINT`.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// The folders whose files decide what the index stores.
const INPUTS: &[&str] = &["src/store", "src/entities", "src/index", "assets/entities"];

fn main() {
    let mut files = Vec::new();
    for dir in INPUTS {
        println!("cargo::rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
    }
    files.sort();
    let mut h = DefaultHasher::new();
    for f in &files {
        f.hash(&mut h);
        std::fs::read(f).unwrap_or_default().hash(&mut h);
    }
    println!(
        "cargo::rustc-env=DOSSIER_ENGINE_FINGERPRINT={:016x}",
        h.finish()
    );
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}
