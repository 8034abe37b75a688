//! Word-wrapping a body into rows of byte ranges for the compare view:
//! line breaks end a row, a blank line is an empty row, and a word wider
//! than the row is cut at a char boundary. Widths are display columns.

use unicode_width::UnicodeWidthChar;

/// Word-wrap `text` to `width` display columns as byte ranges of rows.
/// Line breaks in the text end a row; a blank line is an empty row; a word
/// wider than the row is cut at a char boundary.
pub fn wrap(text: &str, width: usize) -> Vec<(usize, usize)> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        wrap_line(content, line_start, width, &mut rows);
        line_start += line.len();
    }
    rows
}

fn wrap_line(line: &str, base: usize, width: usize, rows: &mut Vec<(usize, usize)>) {
    let cols = |s: &str| -> usize { s.chars().map(|c| c.width().unwrap_or(0)).sum() };
    // The row being filled: its start, end and width so far.
    let mut row: Option<(usize, usize, usize)> = None;
    let mut words = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w));
    let mut pending = words.next();
    while let Some((at, word)) = pending {
        let w = cols(word);
        match row {
            Some((start, _, used)) if used + 1 + w <= width => {
                row = Some((start, at + word.len(), used + 1 + w));
            }
            Some((start, end, _)) => {
                rows.push((base + start, base + end));
                row = None;
                continue;
            }
            None if w <= width => row = Some((at, at + word.len(), w)),
            None => {
                // Wider than the row: cut at the last char that fits.
                let mut cut = 0;
                let mut used = 0;
                for (i, c) in word.char_indices() {
                    let cw = c.width().unwrap_or(0);
                    if used + cw > width && i > 0 {
                        break;
                    }
                    used += cw;
                    cut = i + c.len_utf8();
                }
                rows.push((base + at, base + at + cut));
                pending = Some((at + cut, &word[cut..])).filter(|(_, rest)| !rest.is_empty());
                if pending.is_none() {
                    pending = words.next();
                }
                continue;
            }
        }
        pending = words.next();
    }
    match row {
        Some((start, end, _)) => rows.push((base + start, base + end)),
        None if line.trim().is_empty() => rows.push((base, base)),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn wraps_words_breaks_and_long_words() {
        assert_eq!(
            lines("the quick brown fox\n\njumps", 10),
            vec!["the quick", "brown fox", "", "jumps"]
        );
        assert_eq!(lines("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(lines("Iran’s 伊朗 text", 6), vec!["Iran’s", "伊朗", "text"]);
        for (s, e) in wrap("x y\u{301} zz", 2) {
            assert!(s <= e);
        }
    }
}
