//! Writing the user's state (corrections, and whatever else is kept under
//! the data folder) atomically: the new content goes to a temp file beside
//! the target, is synced, and is renamed over it, so a reader sees the old
//! file or the new one, never half of one.
//!
//! A process killed between creating the temp file and the rename leaves
//! the temp file behind. Ours are named after their target,
//! `.NAME.XXXXXX.tmp` (six random letters or digits), so they can be told
//! from anything else in the folder; [`sweep`] removes those of a target
//! that nobody has touched for a while (a live write of the same file by
//! another process is younger than that), and nothing else: the folder
//! may be one the user chose, holding their own files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How old a temp file must be before it is taken for a leftover: far
/// longer than any write of ours takes, so a write in progress in another
/// process is never pulled from under it.
pub const STALE: Duration = Duration::from_secs(60);

/// The random part of a temp file's name: tempfile's default length.
const RANDOM: usize = 6;
const SUFFIX: &str = ".tmp";

/// Write `bytes` to `path` atomically, creating its folder, after removing
/// stale temp files left by an earlier write of it.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder(path);
    std::fs::create_dir_all(dir)?;
    sweep(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix(path))
        .suffix(SUFFIX)
        .rand_bytes(RANDOM)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Remove the temp files of `path` left by writes that never finished
/// (older than [`STALE`]); returns the ones removed. Failures are ignored:
/// a leftover is harmless, and never read.
pub fn sweep(path: &Path) -> Vec<PathBuf> {
    sweep_older(path, STALE)
}

/// [`sweep`] with another age (tests).
pub fn sweep_older(path: &Path, age: Duration) -> Vec<PathBuf> {
    let prefix = prefix(path);
    let Ok(entries) = std::fs::read_dir(folder(path)) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_ours(name, &prefix) {
            continue;
        }
        // A plain file only (not a link to something elsewhere), and
        // untouched for long enough.
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|d| d >= age);
        if meta.is_file() && old && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// Whether `name` is one of our temp files for the target behind `prefix`.
fn is_ours(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
        .is_some_and(|random| {
            random.len() == RANDOM && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// `.NAME.`, the start of every temp file of `path`.
fn prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_for_this_target_are_ours() {
        let p = ".corrections.toml.";
        assert!(is_ours(".corrections.toml.a1B2c3.tmp", p));
        for other in [
            ".corrections.toml.a1B2c.tmp",   // too short
            ".corrections.toml.a1B2c3d.tmp", // too long
            ".corrections.toml.a1-2c3.tmp",
            ".corrections.toml.a1B2c3.bak",
            ".tmpa1B2c3", // tempfile's own default name: not ours
            ".notes.toml.a1B2c3.tmp",
            "corrections.toml",
        ] {
            assert!(!is_ours(other, p), "{other}");
        }
    }

    #[test]
    fn a_write_leaves_only_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("state.toml");
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state.toml")]);
    }
}
