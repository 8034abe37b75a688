//! A sandbox for every test that runs `dossier` or loads through the
//! on-disk index: its own temp folders for the cache (the index), the data
//! (corrections) and the config (keymap, theme), so a test never reads or
//! writes the user's `~/.cache/dossier`, corrections or keys, and tests
//! running at once never share an index.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

pub struct Sandbox {
    root: tempfile::TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let root = tempfile::Builder::new()
            .prefix("dossier-test-")
            .tempdir()
            .expect("temp sandbox");
        Sandbox { root }
    }

    /// `$DOSSIER_CACHE_DIR`: where the index goes.
    pub fn cache(&self) -> PathBuf {
        self.root.path().join("cache")
    }

    /// `$DOSSIER_DATA_DIR`: where corrections go.
    pub fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// `$DOSSIER_CONFIG_DIR`: an empty config (the preset keymap and theme).
    pub fn config(&self) -> PathBuf {
        self.root.path().join("config")
    }

    /// The variables that point dossier at this sandbox.
    pub fn vars(&self) -> [(&'static str, PathBuf); 3] {
        [
            ("DOSSIER_CACHE_DIR", self.cache()),
            ("DOSSIER_DATA_DIR", self.data()),
            ("DOSSIER_CONFIG_DIR", self.config()),
        ]
    }

    /// The `dossier` binary, set to use this sandbox.
    pub fn dossier(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
        self.apply(&mut cmd);
        cmd
    }

    /// Point `cmd` at this sandbox.
    pub fn apply(&self, cmd: &mut Command) {
        for (k, v) in self.vars() {
            cmd.env(k, v);
        }
    }

    /// The loading worker's setup in this sandbox (in-process loads).
    pub fn setup(&self) -> dossier::app::load::Setup {
        dossier::app::load::Setup {
            index: dossier::index::Options::at(self.cache()),
            corrections: Some(self.data().join("corrections.toml")),
        }
    }
}
