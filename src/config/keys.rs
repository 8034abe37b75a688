//! Keys and the keymap: naming keys in TOML (`j`, `G`, `ctrl-d`, `pgdn`),
//! normalising terminal key events to those names, and the table from key
//! to [`Action`], preset merged with the user's file.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::{ConfigError, line_of, user_file};
use crate::app::Action;

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A key press as the keymap names it: a code and its modifiers, with
/// Shift folded into the character (`G`, not `shift-g`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// Normalise a terminal key event: Shift is dropped for characters and
    /// BackTab, since terminals disagree on whether they report it.
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        if !matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab)
            && event.modifiers.contains(KeyModifiers::SHIFT)
        {
            mods |= KeyModifiers::SHIFT;
        }
        let code = match event.code {
            // Ctrl+letter arrives lowercase on most terminals, uppercase on some.
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            code => code,
        };
        Key { code, mods }
    }

    /// Parse a keymap name: `j`, `G`, `?`, `enter`, `ctrl-d`, `alt-x`, `f1`.
    pub fn parse(name: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = name;
        loop {
            // A single char is always the key itself, so "-" binds minus.
            if rest.chars().count() == 1 {
                break;
            }
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::SHIFT) {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c.to_ascii_uppercase())
                } else if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                other => {
                    let n: u8 = other.strip_prefix('f')?.parse().ok()?;
                    (1..=12).contains(&n).then_some(KeyCode::F(n))?
                }
            },
        };
        Some(Key { code, mods })
    }

    /// The name shown in help and hints (`ctrl-d`, `PgDn`, `?`).
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("shift-");
        }
        match self.code {
            KeyCode::Char(' ') => s.push_str("space"),
            KeyCode::Char(c) => s.push(c),
            KeyCode::Enter => s.push_str("enter"),
            KeyCode::Esc => s.push_str("esc"),
            KeyCode::Tab => s.push_str("tab"),
            KeyCode::BackTab => s.push_str("shift-tab"),
            KeyCode::Backspace => s.push_str("backspace"),
            KeyCode::Delete => s.push_str("del"),
            KeyCode::Up => s.push('↑'),
            KeyCode::Down => s.push('↓'),
            KeyCode::Left => s.push('←'),
            KeyCode::Right => s.push('→'),
            KeyCode::Home => s.push_str("home"),
            KeyCode::End => s.push_str("end"),
            KeyCode::PageUp => s.push_str("pgup"),
            KeyCode::PageDown => s.push_str("pgdn"),
            KeyCode::F(n) => s.push_str(&format!("f{n}")),
            _ => s.push('?'),
        }
        s
    }
}

/// Which key does what.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: HashMap<Key, Action>,
}

#[derive(Deserialize)]
struct KeymapFile {
    #[serde(default)]
    keys: BTreeMap<String, toml::Spanned<String>>,
}

impl Keymap {
    /// The preset from `assets/keymap.toml`.
    pub fn preset() -> Keymap {
        let mut keymap = Keymap::default();
        // The preset is compiled in and tested, so it cannot fail here; an
        // empty keymap would still leave Ctrl-C, which the loop hard-wires.
        let _ = keymap.merge(Path::new("assets/keymap.toml"), DEFAULT_KEYMAP);
        keymap
    }

    /// The preset with the user's `keymap.toml` merged over it.
    pub fn load() -> Result<Keymap, ConfigError> {
        let mut keymap = Keymap::preset();
        if let Some((path, text)) = user_file("keymap.toml")? {
            keymap.merge(&path, &text)?;
        }
        Ok(keymap)
    }

    /// Merge the bindings of a keymap file over these; `"none"` unbinds.
    pub fn merge(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let file: KeymapFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            match line {
                Some(line) => ConfigError::Entry {
                    path: path.to_path_buf(),
                    line,
                    message: e.message().to_string(),
                },
                None => ConfigError::Parse {
                    path: path.to_path_buf(),
                    message: e.message().to_string(),
                },
            }
        })?;
        for (name, value) in file.keys {
            let line = line_of(text, value.span().start);
            let entry_error = |message: String| ConfigError::Entry {
                path: path.to_path_buf(),
                line,
                message,
            };
            let key =
                Key::parse(&name).ok_or_else(|| entry_error(format!("unknown key {name:?}")))?;
            let action_name = value.get_ref().as_str();
            if action_name == "none" {
                self.bindings.remove(&key);
                continue;
            }
            let action: Action = serde_json::from_value(action_name.into()).map_err(|_| {
                entry_error(format!(
                    "unknown action {action_name:?} for key {name:?} (see `?` in the reader for the list)"
                ))
            })?;
            self.bindings.insert(key, action);
        }
        Ok(())
    }

    /// The action bound to a key.
    pub fn get(&self, key: &Key) -> Option<Action> {
        self.bindings.get(key).copied()
    }

    /// The keys bound to an action, in a stable order: single characters
    /// first, as they are what people type, then named keys, then chords.
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .bindings
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_by_key(|k| {
            let rank = match (k.code, k.mods.is_empty()) {
                (KeyCode::Char(_), true) => 0,
                (_, true) => 1,
                _ => 2,
            };
            (rank, k.label())
        });
        keys
    }

    /// The first key for an action, as a label, for hints. Moving between
    /// panes reads better as `tab` than as a vim letter.
    pub fn hint(&self, action: Action) -> Option<String> {
        let keys = self.keys_for(action);
        let tab = Key::parse("tab");
        let key = match action {
            Action::FocusNext => keys.iter().find(|k| Some(**k) == tab).or(keys.first()),
            _ => keys.first(),
        };
        key.map(Key::label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_keymap_binds_every_action() {
        let keymap = Keymap::preset();
        let mut check = Keymap::default();
        check
            .merge(Path::new("keymap.toml"), DEFAULT_KEYMAP)
            .expect("preset parses");
        for &a in Action::ALL {
            assert!(!keymap.keys_for(a).is_empty(), "{} unbound", a.name());
        }
        let key = |s| Key::parse(s).unwrap();
        assert_eq!(keymap.get(&key("G")), Some(Action::Bottom));
        assert_eq!(keymap.get(&key("ctrl-d")), Some(Action::PageDown));
        assert_eq!(keymap.get(&key("space")), Some(Action::PageDown));
    }

    #[test]
    fn user_file_merges_and_errors_name_the_line() {
        let mut keymap = Keymap::preset();
        let text = "[keys]\nx = \"quit\"\nq = \"none\"\n";
        keymap.merge(Path::new("/u/keymap.toml"), text).unwrap();
        assert_eq!(keymap.get(&Key::parse("x").unwrap()), Some(Action::Quit));
        assert_eq!(keymap.get(&Key::parse("q").unwrap()), None);
        assert_eq!(keymap.get(&Key::parse("j").unwrap()), Some(Action::Down));

        let bad = "[keys]\nj = \"down\"\n\nk = \"fly_away\"\n";
        let err = keymap.merge(Path::new("/u/keymap.toml"), bad).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("/u/keymap.toml:4:"), "{msg}");
        assert!(msg.contains("fly_away"), "{msg}");

        let bad_key = "[keys]\nctrl-nope = \"quit\"\n";
        let msg = keymap
            .merge(Path::new("k.toml"), bad_key)
            .unwrap_err()
            .to_string();
        assert!(
            msg.starts_with("k.toml:2:") && msg.contains("ctrl-nope"),
            "{msg}"
        );
    }

    #[test]
    fn key_events_normalise() {
        use crossterm::event::KeyEvent;
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Key::parse("G").unwrap());
        let ev = KeyEvent::new(KeyCode::Char('C'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(&ev), Key::parse("ctrl-c").unwrap());
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Key::parse("backtab").unwrap());
        assert_eq!(Key::parse("-").map(|k| k.code), Some(KeyCode::Char('-')));
        assert_eq!(Key::parse("f13"), None);
        assert_eq!(Key::parse("ctrl-d").unwrap().label(), "ctrl-d");
    }
}
