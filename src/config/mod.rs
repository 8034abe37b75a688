//! The reader's configuration: where it lives, the keymap and the theme.
//!
//! Both come as TOML presets in `assets/`, compiled into the binary; a file
//! of the same name in the config directory (`$DOSSIER_CONFIG_DIR`, else
//! `dirs::config_dir()/dossier`) merges over the preset entry by entry. A
//! mistake in the user's file is an error naming the file and the line, not
//! a silent fallback: a key that does nothing is worse than a clear message.

mod keys;
mod theme;

use std::path::PathBuf;

pub use keys::{Key, Keymap};
pub use theme::Theme;

/// Errors in a configuration file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
    Parse { path: PathBuf, message: String },
    #[error("{}:{line}: {message}", path.display())]
    Entry {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// The config directory: `$DOSSIER_CONFIG_DIR` when set, else the
/// platform's config dir (`$XDG_CONFIG_HOME` or `~/.config`) + `dossier`.
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os("DOSSIER_CONFIG_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::config_dir().map(|d| d.join("dossier")),
    }
}

/// The contents of `name` in the config directory, if the file exists.
pub(crate) fn user_file(name: &str) -> Result<Option<(PathBuf, String)>, ConfigError> {
    let Some(path) = config_dir().map(|d| d.join(name)) else {
        return Ok(None);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some((path, text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ConfigError::Read { path, source }),
    }
}

/// 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
