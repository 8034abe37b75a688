//! The theme: every named style of the reader, preset merged with the
//! user's file, with `NO_COLOR` honoured by dropping colours and keeping
//! the modifiers that make selections visible.

use std::collections::BTreeMap;
use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use super::{ConfigError, line_of, user_file};
use crate::entities::Kind;

const DEFAULT_THEME: &str = include_str!("../../assets/theme.toml");

/// Every named style of the reader.
#[derive(Debug, Clone)]
pub struct Theme {
    styles: BTreeMap<String, Style>,
    no_color: bool,
}

#[derive(Deserialize, Default)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    modifiers: Vec<String>,
}

#[derive(Deserialize)]
struct ThemeFile {
    #[serde(default)]
    styles: BTreeMap<String, toml::Spanned<StyleSpec>>,
}

impl Theme {
    /// The preset from `assets/theme.toml`; `no_color` drops every colour.
    pub fn preset(no_color: bool) -> Theme {
        let mut theme = Theme {
            styles: BTreeMap::new(),
            no_color,
        };
        let _ = theme.merge(Path::new("assets/theme.toml"), DEFAULT_THEME);
        theme
    }

    /// The preset with the user's `theme.toml` merged over it, honouring
    /// `NO_COLOR` (set and non-empty, per no-color.org).
    pub fn load() -> Result<Theme, ConfigError> {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let mut theme = Theme::preset(no_color);
        if let Some((path, text)) = user_file("theme.toml")? {
            theme.merge(&path, &text)?;
        }
        Ok(theme)
    }

    /// Merge the styles of a theme file over these.
    pub fn merge(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: match e.span() {
                Some(s) => format!("line {}: {}", line_of(text, s.start), e.message()),
                None => e.message().to_string(),
            },
        })?;
        for (name, spec) in file.styles {
            let line = line_of(text, spec.span().start);
            let err = |message: String| ConfigError::Entry {
                path: path.to_path_buf(),
                line,
                message,
            };
            let spec = spec.into_inner();
            let mut style = Style::default();
            if !self.no_color {
                if let Some(fg) = &spec.fg {
                    style = style.fg(fg
                        .parse::<Color>()
                        .map_err(|_| err(format!("unknown colour {fg:?}")))?);
                }
                if let Some(bg) = &spec.bg {
                    style = style.bg(bg
                        .parse::<Color>()
                        .map_err(|_| err(format!("unknown colour {bg:?}")))?);
                }
            }
            for m in &spec.modifiers {
                style = style.add_modifier(match m.as_str() {
                    "bold" => Modifier::BOLD,
                    "dim" => Modifier::DIM,
                    "italic" => Modifier::ITALIC,
                    "underlined" | "underline" => Modifier::UNDERLINED,
                    "reversed" | "reverse" => Modifier::REVERSED,
                    other => return Err(err(format!("unknown modifier {other:?}"))),
                });
            }
            self.styles.insert(name, style);
        }
        Ok(())
    }

    /// A named style; unknown names are plain.
    pub fn style(&self, name: &str) -> Style {
        self.styles.get(name).copied().unwrap_or_default()
    }

    /// The style of a mention of an entity of `kind`. Without colour, kinds
    /// cannot be told apart, so mentions are at least underlined.
    pub fn kind(&self, kind: Kind) -> Style {
        let style = self.style(kind.as_str());
        if self.no_color {
            style.add_modifier(Modifier::UNDERLINED)
        } else {
            style
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_parses_and_no_color_drops_colours() {
        let theme = Theme::preset(false);
        assert!(theme.style("org").fg.is_some());
        let plain = Theme::preset(true);
        assert_eq!(plain.style("org").fg, None);
        assert_eq!(plain.style("status").bg, None);
        assert!(
            plain
                .style("cursor")
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert!(
            plain
                .kind(Kind::Org)
                .add_modifier
                .contains(Modifier::UNDERLINED)
        );
        let mut t = Theme::preset(false);
        let err = t
            .merge(
                Path::new("t.toml"),
                "[styles]\n\norg = { fg = \"ultraviolet\" }\n",
            )
            .unwrap_err();
        assert!(err.to_string().starts_with("t.toml:3:"), "{err}");
    }
}
