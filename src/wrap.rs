//! Word wrapping by display width, keeping byte offsets: the one wrapper of
//! the reader's article pane, the compare view and the help overlay.
//!
//! A text is wrapped once per width and the result cached in the state;
//! each row is a byte range of the text, so drawing can colour mentions by
//! their offsets and scrolling can find the row of a mention. Widths come
//! from `unicode-width`, and every cut falls on a char boundary.

use unicode_width::UnicodeWidthChar;

/// Display width of one char as drawn: control chars are drawn as a
/// one-column placeholder (see [`visible`]), so they count as one.
pub fn char_width(c: char) -> usize {
    if c.is_control() {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// The char drawn for `c`: control chars (tabs, escape sequences) become a
/// placeholder so nothing in an article can drive the terminal.
pub fn visible(c: char) -> char {
    match c {
        '\t' => ' ',
        c if c.is_control() => '·',
        c => c,
    }
}

/// Display width of a string, as drawn.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// The longest prefix of `s` that fits in `width` columns, cut at a char
/// boundary.
pub fn fit(s: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += char_width(c);
        if used > width {
            return &s[..i];
        }
    }
    s
}

/// Wrap `text` to `width` columns: each paragraph line is split greedily at
/// whitespace, words longer than a row are broken between chars, and an
/// empty line stays an empty row. Returns `(start, end)` byte ranges;
/// spaces at a break are left out of both rows.
pub fn wrap(text: &str, width: usize) -> Vec<(usize, usize)> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        wrap_line(line, line_start, width, &mut rows);
        line_start += line.len() + 1;
    }
    rows
}

fn wrap_line(line: &str, base: usize, width: usize, rows: &mut Vec<(usize, usize)>) {
    // Trailing carriage returns (CRLF files) are not content.
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut row: Option<(usize, usize)> = None;
    let mut row_width = 0;
    let mut pos = 0;
    while pos < line.len() {
        let rest = &line[pos..];
        let gap_len = rest.len() - rest.trim_start().len();
        let gap = str_width(&rest[..gap_len]);
        let word_start = pos + gap_len;
        if word_start >= line.len() {
            break;
        }
        let word_len = line[word_start..]
            .find(char::is_whitespace)
            .unwrap_or(line.len() - word_start);
        let word_end = word_start + word_len;
        let word_width = str_width(&line[word_start..word_end]);
        match row {
            Some((start, _)) if row_width + gap + word_width <= width => {
                row = Some((start, word_end));
                row_width += gap + word_width;
            }
            _ => {
                if let Some((s, e)) = row.take() {
                    rows.push((base + s, base + e));
                }
                // Leading indentation of a paragraph line is kept when it fits.
                let (start, lead) = if pos == 0 && gap + word_width <= width {
                    (0, gap)
                } else {
                    (word_start, 0)
                };
                let (s, w) = break_word(line, start, word_end, width, lead, base, rows);
                row = Some((s, word_end));
                row_width = w;
            }
        }
        pos = word_end;
    }
    let (s, e) = row.unwrap_or((0, 0));
    rows.push((base + s, base + e));
}

/// Push full rows of a word too long for one row; returns the start and
/// width of what remains for the current row.
fn break_word(
    line: &str,
    start: usize,
    end: usize,
    width: usize,
    lead: usize,
    base: usize,
    rows: &mut Vec<(usize, usize)>,
) -> (usize, usize) {
    let mut row_start = start;
    let mut used = lead;
    for (i, c) in line[start..end].char_indices() {
        let i = start + i;
        let w = char_width(c);
        if used + w > width && i > row_start {
            rows.push((base + row_start, base + i));
            row_start = i;
            used = 0;
        }
        used += w;
    }
    (row_start, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_paragraphs() {
        assert_eq!(
            rows("the quick brown fox\n\njumps", 10),
            vec!["the quick", "brown fox", "", "jumps"]
        );
        assert_eq!(rows("", 10), vec![""]);
        assert_eq!(rows("a  b", 10), vec!["a  b"]);
    }

    #[test]
    fn breaks_long_words_on_char_boundaries() {
        assert_eq!(rows("abcdefgh xy", 3), vec!["abc", "def", "gh", "xy"]);
        // Wide chars take two columns each; never split inside a char.
        assert_eq!(
            rows("日本語テキスト", 5),
            vec!["日本", "語テ", "キス", "ト"]
        );
        assert_eq!(rows("née née", 4), vec!["née", "née"]);
        for w in 1..8 {
            for (s, e) in wrap("x 日本 é\u{1b}[31m y", w) {
                assert!(s <= e);
            }
        }
    }

    #[test]
    fn rows_fit_their_width() {
        let text = "Iran’s regime — and the Mujahedin-e Khalq (MEK), 日本語 a group.";
        for w in 1..40 {
            for (s, e) in wrap(text, w) {
                let row = &text[s..e];
                assert!(
                    str_width(row) <= w || row.chars().count() == 1,
                    "{w}: {row:?}"
                );
            }
        }
    }

    #[test]
    fn fit_cuts_at_width() {
        assert_eq!(fit("日本語", 5), "日本");
        assert_eq!(fit("abc", 10), "abc");
        assert_eq!(fit("abc", 0), "");
    }
}
