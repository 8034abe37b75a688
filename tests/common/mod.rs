//! Helpers shared by integration tests.
#![allow(dead_code)]

pub mod arb;
pub mod hostile;
pub mod score;

use std::path::Path;
use std::time::{Duration, SystemTime};

/// Set `path`'s modification time `ago` into the past (files the index
/// should trust by their time, temp files old enough to be swept).
pub fn set_modified_ago(path: &Path, ago: Duration) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - ago)
        .unwrap();
}
