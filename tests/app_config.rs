//! The user's config directory: a keymap there merges over the preset, and
//! a mistake in it stops the reader with the file and line named, before
//! the terminal is touched.

mod sandbox;

use dossier::app::Action;
use dossier::config::{Key, Keymap, Theme};

#[test]
fn user_keymap_and_theme_merge_and_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    // One test owns the variable, so no other test in this binary races it.
    unsafe { std::env::set_var("DOSSIER_CONFIG_DIR", dir.path()) };
    assert_eq!(dossier::config::config_dir().as_deref(), Some(dir.path()));

    // No files: the presets.
    let keymap = Keymap::load().unwrap();
    assert_eq!(keymap.get(&Key::parse("j").unwrap()), Some(Action::Down));

    std::fs::write(
        dir.path().join("keymap.toml"),
        "[keys]\nx = \"narrow_to_entity\"\nf = \"none\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("theme.toml"),
        "[styles]\norg = { fg = \"red\" }\n",
    )
    .unwrap();
    let keymap = Keymap::load().unwrap();
    assert_eq!(
        keymap.get(&Key::parse("x").unwrap()),
        Some(Action::NarrowToEntity)
    );
    assert_eq!(keymap.get(&Key::parse("f").unwrap()), None);
    assert_eq!(keymap.get(&Key::parse("q").unwrap()), Some(Action::Quit));
    let theme = Theme::load().unwrap();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !no_color {
        assert_eq!(theme.style("org").fg, Some(ratatui::style::Color::Red));
    }

    let path = dir.path().join("keymap.toml");
    std::fs::write(&path, "[keys]\nj = \"down\"\nk = \"jump_around\"\n").unwrap();
    let err = Keymap::load().unwrap_err().to_string();
    assert!(err.starts_with(&format!("{}:3:", path.display())), "{err}");
    assert!(err.contains("jump_around"), "{err}");

    // The binary refuses to start on it, with the same message, exit 1.
    let out = sandbox::Sandbox::new()
        .dossier()
        .env("DOSSIER_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:3:", path.display())),
        "{stderr}"
    );
}
