//! Text made harmless for a terminal: article text, file names and error
//! messages may carry control characters and escape sequences (a scraped
//! page, a record's field, a hostile file name), which a terminal would
//! act on (clear the screen, set the title, hide the cursor). The reader
//! draws them as `·`; the command line does the same for what it prints
//! for people, and spells them out (`\u{1b}`) in messages, so a file name
//! can still be told apart.

use std::borrow::Cow;

/// `s` with every control character but newline drawn as `·`.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if c.is_control() && c != '\n' { '·' } else { c })
            .collect(),
    )
}

/// A one-line message with every control character spelled out.
pub fn message(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_drawn_or_spelled_out() {
        assert_eq!(text("a\u{1b}[2J\nb\u{9b}c\td"), "a·[2J\nb·c·d");
        assert!(matches!(text("plain\ntext"), Cow::Borrowed(_)));
        assert_eq!(
            message("x\u{1b}]0;t\u{7}.txt: bad"),
            "x\\u{1b}]0;t\\u{7}.txt: bad"
        );
    }
}
