//! Where a word of a document starts in its body, found again from the
//! word's number rather than stored beside every place: the postings hold
//! word numbers only, and each document keeps the byte offset of every
//! [`STRIDE`]th word (a mark). A word's offset is re-found by reading the
//! body on from the mark before it, a few words at most. Only phrases
//! that are checked on the body (punctuation inside, an open last word
//! read from the body) ask, and only where their words stand in a row.
//!
//! Reading from a mark must find the same words as reading the whole body.
//! Words are the alphanumeric runs of the normalised text, and the
//! normaliser's only state (inside a run of whitespace or not) decides
//! spaces, never letters, so starting afresh at a word's first char finds
//! the same words from there on, provided no earlier word began in that
//! same char (one char can normalise to more than one letter and
//! non-letter: `İ` is `i` and a combining dot). A mark is kept only where
//! the word's first char normalises to a letter first; elsewhere the mark
//! is [`NONE`] and the reading starts from the mark before.

use super::push_normalized;

/// Words between marks: a few hundred bytes of body at most to read on
/// average, for 4 bytes a mark (a sixteenth of the 4-byte offset every
/// place held before).
pub(super) const STRIDE: u32 = 16;

/// No mark here: read from the one before.
pub(super) const NONE: u32 = u32::MAX;

/// Whether reading afresh from `body[at..]` starts a word at `at`: its
/// first char's normalised form begins with a letter or digit.
pub(super) fn clean_start(body: &str, at: usize) -> bool {
    let Some(c) = body.get(at..).and_then(|rest| rest.chars().next()) else {
        return false;
    };
    if c.is_ascii_alphanumeric() {
        return true;
    }
    let mut tmp = String::new();
    push_normalized(c, &mut tmp, &mut false);
    tmp.chars().next().is_some_and(char::is_alphanumeric)
}

/// The byte offset in `body` of word number `n` (0 for the first), given
/// the document's marks (`marks[k]` for word `(k + 1) * stride`).
pub(super) fn word_start(body: &str, marks: &[u32], stride: u32, n: u32) -> Option<usize> {
    let mut k = (n / stride) as usize;
    // Back to the nearest usable mark; word 0 starts the reading when
    // there is none.
    let from = loop {
        match k.checked_sub(1) {
            None => break 0,
            Some(i) => match marks.get(i) {
                Some(&at) if at != NONE => break at as usize,
                _ => k = i,
            },
        }
    };
    nth_start(body, from, n - k as u32 * stride)
}

/// The byte offset of the `skip`th word (0 for the first) read afresh
/// from `body[from..]`.
fn nth_start(body: &str, from: usize, mut skip: u32) -> Option<usize> {
    let rest = body.get(from..)?;
    let mut in_word = false;
    let mut tmp = String::new();
    for (i, c) in rest.char_indices() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if !in_word {
                    if skip == 0 {
                        return Some(from + i);
                    }
                    skip -= 1;
                    in_word = true;
                }
            } else {
                in_word = false;
            }
            continue;
        }
        // Whitespace normalises to a space or (after one) to nothing; a
        // word has ended either way. Any other char's form does not
        // depend on the spacing state.
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        tmp.clear();
        push_normalized(c, &mut tmp, &mut false);
        for n in tmp.chars() {
            if !n.is_alphanumeric() {
                in_word = false;
            } else if !in_word {
                if skip == 0 {
                    return Some(from + i);
                }
                skip -= 1;
                in_word = true;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(body: &str) -> Vec<usize> {
        let mut out = Vec::new();
        super::super::for_each_word(body, |_, at, _| out.push(at));
        out
    }

    /// Every word's offset is found again from the marks, whatever the
    /// stride and whichever marks are missing, across chars that
    /// normalise to more than one char (`İ` holds the end of a word and
    /// a non-letter) or to nothing (a soft hyphen inside a word).
    #[test]
    fn every_word_is_found_again_from_the_marks() {
        let bodies = [
            "Camp\u{a0}Ashraf’s X\u{ad}Y 2012, the—end",
            "İz İİ aİb ﬁne É e\u{301}t 日本 Ω-Σς",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "",
            "  ,. ",
            "\u{a0}camp\u{a0}ß İ\u{3000}x\u{a0}\u{a0}y z",
        ];
        for body in bodies {
            let want = starts(body);
            for stride in 1..5u32 {
                let marks: Vec<u32> = want
                    .iter()
                    .skip(stride as usize)
                    .step_by(stride as usize)
                    .map(|&at| {
                        assert!(clean_start(body, at), "{body:?} at {at}");
                        at as u32
                    })
                    .collect();
                // Some marks or all of them missing: read from further back.
                for missing in [usize::MAX, 2, 1] {
                    let marks: Vec<u32> = marks
                        .iter()
                        .enumerate()
                        .map(|(k, &at)| if k % missing == 0 { NONE } else { at })
                        .collect();
                    for (n, &at) in want.iter().enumerate() {
                        let got = word_start(body, &marks, stride, n as u32);
                        assert_eq!(got, Some(at), "{body:?} word {n} stride {stride}");
                    }
                    let past = word_start(body, &marks, stride, want.len() as u32);
                    assert_eq!(past, None, "{body:?}");
                }
            }
        }
        // A combining mark normalises to no letter: no word starts there.
        assert!(!clean_start("\u{301}e", 0));
        assert!(clean_start("ﬁ", 0));
    }
}
