//! What the user means, independent of the key that said it.
//!
//! [`Action`] is the vocabulary of the keymap: every variant is bindable by
//! its snake_case name in `keymap.toml`, and its doc line is the text the
//! help overlay shows, so keys, help and behaviour cannot drift apart. What
//! an action does can depend on the focused pane (`down` moves the list
//! selection in the sources, scrolls in the article).

use serde::{Deserialize, Serialize};

/// Declares [`Action`] together with the table of its doc lines, from one
/// list, so adding a variant without a description is impossible.
macro_rules! actions {
    ($( #[doc = $doc:literal] $variant:ident, )*) => {
        /// A bindable user intent.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $( #[doc = $doc] $variant, )*
        }

        impl Action {
            /// Every action, in the order the help overlay lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];

            /// One line saying what the action does (its doc comment).
            pub fn describe(self) -> &'static str {
                match self {
                    $( Action::$variant => $doc.trim_ascii(), )*
                }
            }
        }
    };
}

actions! {
    /// Quit dossier.
    Quit,
    /// Show or hide this help.
    ToggleHelp,
    /// Go back: close help, leave mentions, clear a search or the filter.
    Back,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Unfold or fold the entity panel (narrow terminals).
    ToggleSidePanel,
    /// Move down one row, or scroll the article down a line.
    Down,
    /// Move up one row, or scroll the article up a line.
    Up,
    /// Move or scroll down a page.
    PageDown,
    /// Move or scroll up a page.
    PageUp,
    /// Go to the top.
    Top,
    /// Go to the bottom.
    Bottom,
    /// Open the article, select the entity, or open the mention under the cursor.
    Open,
    /// Filter the source list, or search the article text.
    Search,
    /// Next search match, or next mention of the selected entity (across articles).
    NextMatch,
    /// Previous search match, or previous mention of the selected entity.
    PrevMatch,
    /// Next article that mentions the selected entity.
    NextArticle,
    /// Previous article that mentions the selected entity.
    PrevArticle,
    /// Move the article cursor to the next mention of any entity.
    NextMention,
    /// Move the article cursor to the previous mention of any entity.
    PrevMention,
    /// Narrow the source list to articles mentioning the selected entity.
    NarrowToEntity,
    /// Show the raw text as read from the file, or the cleaned text.
    ToggleRaw,
    /// Compare this article with another: pick B from the list, then Enter.
    Compare,
    /// In the compare view: scroll both sides together, or each on its own.
    ToggleSync,
}

impl Action {
    /// The name used in the keymap file (`select_next` style).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_every_action_is_described() {
        for &a in Action::ALL {
            let name = a.name();
            assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            let back: Action = serde_json::from_value(name.clone().into()).unwrap();
            assert_eq!(back, a);
            assert!(a.describe().ends_with('.'), "{name}: {}", a.describe());
        }
        assert_eq!(Action::NarrowToEntity.name(), "narrow_to_entity");
    }
}
