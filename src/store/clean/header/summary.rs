//! The header's summary test: whether a lead paragraph repeats one of the
//! blocks just below it (a site's teaser of its own opening), so that it is
//! read for its credits and dropped from the body.
//!
//! A lead is a summary of a later block when that block has at least as
//! many content words, and it opens with the same six words or holds four
//! fifths of the lead's words. Content words are the words of the block's
//! [`key`](crate::store::meta::key) in its first [`HEAD`] bytes, less an
//! "Outlet:" prefix, a wire dateline and a "From Name" credit, compared as
//! hashes.
//!
//! The test is asked of the first paragraph of nearly every article, and
//! the later blocks are long, so it is built to read them as little as it
//! can: a later block's words are first only counted (a branch-free scan of
//! its ASCII stretches), and most blocks have fewer words than the lead;
//! only the blocks that have enough are hashed, and their words are looked
//! up in a small open-addressed table of the lead's words.

use std::cell::OnceCell;

use super::from_credit;
use crate::store::meta;

/// How many blocks below a lead are searched for the paragraph it repeats.
pub(super) const SUMMARY_REACH: usize = 8;

/// How much of the start of a block is read.
const HEAD: usize = 1200;

/// How many of the lead's words count.
const LEAD_WORDS: usize = 80;

/// How many equal opening words make a repeat.
const OPENING: usize = 6;

/// One block's content words, worked out only when a test needs them: the
/// text they come from, their hashes.
pub(super) struct Content<'a> {
    block: &'a str,
    text: OnceCell<&'a str>,
    words: OnceCell<Vec<u64>>,
}

impl<'a> Content<'a> {
    pub(super) fn new(block: &'a str) -> Self {
        Content {
            block,
            text: OnceCell::new(),
            words: OnceCell::new(),
        }
    }

    /// The part of the block's head that carries its content.
    fn text(&self) -> &'a str {
        self.text.get_or_init(|| {
            let mut s = meta::head(self.block, HEAD);
            if let Some(prefix) = meta::lead_prefix(s) {
                s = &s[prefix.len() + 1..];
            }
            if let Some(paren) = meta::dateline_outlet(s).and_then(|_| s.find(')')) {
                s = &s[paren + 1..];
            }
            if let Some((_, at)) = from_credit(s) {
                s = &s[..at];
            }
            s
        })
    }

    /// Whether there are at least `n` content words: `self.words().len()
    /// >= n`, without hashing them, and counting no further than `n`.
    fn has_words(&self, n: usize) -> bool {
        match self.words.get() {
            Some(words) => words.len() >= n,
            None => alphanumeric_run_count(self.text(), n) >= n,
        }
    }

    fn words(&self) -> &[u64] {
        self.words
            .get_or_init(|| key_word_hashes(self.text(), usize::MAX))
    }
}

/// Whether block `i` summarises one of the blocks just below it.
pub(super) fn summary(i: usize, blocks: &[String], contents: &[Content]) -> bool {
    let pw = match contents[i].words.get() {
        Some(words) => words[..words.len().min(LEAD_WORDS)].to_vec(),
        None => key_word_hashes(contents[i].text(), LEAD_WORDS),
    };
    if pw.len() < OPENING {
        return false;
    }
    let lead = LeadWords::new(&pw);
    let mut found = [false; LEAD_WORDS];
    (i + 1..contents.len().min(i + SUMMARY_REACH))
        // A verbatim repeat is not a summary: the repeat goes, the first stays.
        .filter(|&j| blocks[j] != blocks[i])
        .any(|j| {
            // (The count first: most later blocks are shorter than the lead
            // and need not be hashed.)
            if !contents[j].has_words(pw.len()) {
                return false;
            }
            let qw = contents[j].words();
            if pw[..OPENING] == qw[..OPENING] {
                return true;
            }
            let found = &mut found[..lead.distinct];
            found.fill(false);
            for &w in qw {
                if let Some(slot) = lead.slot(w) {
                    found[slot] = true;
                }
            }
            let shared = lead.slot_of.iter().filter(|&&slot| found[slot]).count();
            shared * 5 >= pw.len() * 4
        })
}

/// The lead's distinct words, each with a slot number, in an open-addressed
/// table of twice as many entries as the lead may have words (a general
/// hash map's look-up cost more than the rest of the test).
struct LeadWords {
    keys: [u64; TABLE],
    /// The slot of the word in `keys` at the same place, or [`EMPTY`].
    slots: [u8; TABLE],
    /// The slot of each of the lead's words, in order.
    slot_of: Vec<usize>,
    distinct: usize,
}

const TABLE: usize = 256;
const EMPTY: u8 = u8::MAX;

impl LeadWords {
    fn new(words: &[u64]) -> Self {
        let mut lead = LeadWords {
            keys: [0; TABLE],
            slots: [EMPTY; TABLE],
            slot_of: Vec::with_capacity(words.len()),
            distinct: 0,
        };
        for &w in words {
            let mut at = Self::start(w);
            let slot = loop {
                match lead.slots[at] {
                    EMPTY => {
                        let slot = lead.distinct;
                        lead.keys[at] = w;
                        lead.slots[at] = slot as u8;
                        lead.distinct += 1;
                        break slot;
                    }
                    slot if lead.keys[at] == w => break usize::from(slot),
                    _ => at = (at + 1) % TABLE,
                }
            };
            lead.slot_of.push(slot);
        }
        lead
    }

    /// Where the search for `w` starts: the top bits of the hash, which
    /// its last multiplication mixes best.
    fn start(w: u64) -> usize {
        (w >> 56) as usize
    }

    fn slot(&self, w: u64) -> Option<usize> {
        let mut at = Self::start(w);
        loop {
            match self.slots[at] {
                EMPTY => return None,
                slot if self.keys[at] == w => return Some(usize::from(slot)),
                _ => at = (at + 1) % TABLE,
            }
        }
    }
}

/// Eight bytes, each `b` in every byte.
const fn bytes8(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

const HIGH: u64 = bytes8(0x80);

/// Which of the eight ASCII bytes in `x` (little-endian: bit `k` for byte
/// `k`) are letters or digits, in a few word operations. `(x | HIGH) -
/// bytes8(v)` keeps a byte's high bit exactly when that byte is at least
/// `v` (no byte borrows from the next, as every byte is at least 0x80
/// before the subtraction), and OR-ing 0x20 makes capitals small letters
/// while leaving the digits as they are.
fn alnum_mask8(x: u64) -> u64 {
    let at_least = |x: u64, v: u8| ((x | HIGH).wrapping_sub(bytes8(v))) & HIGH;
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    let lower = x | bytes8(0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    // Gather the high bits, byte `k`'s to bit `k`.
    (((digit | letter) >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// How many runs of letters and digits `s` has (the words of `key(s)`),
/// counting no further than `cap` (give or take the eight bytes read last):
/// eight bytes at a time while they are ASCII ([`alnum_mask8`]), decoding
/// only the other characters.
fn alphanumeric_run_count(s: &str, cap: usize) -> usize {
    let b = s.as_bytes();
    let mut runs = 0;
    // 1 when the character before `i` is a letter or digit.
    let mut prev = 0u64;
    let mut i = 0;
    while i < b.len() && runs < cap {
        if let Some(group) = b.get(i..i + 8)
            && let Ok(group) = <[u8; 8]>::try_from(group)
        {
            let x = u64::from_le_bytes(group);
            if x & HIGH == 0 {
                let mask = alnum_mask8(x);
                runs += (mask & !((mask << 1) | prev)).count_ones() as usize;
                prev = mask >> 7;
                i += 8;
                continue;
            }
        }
        let alnum = if b[i].is_ascii() {
            i += 1;
            b[i - 1].is_ascii_alphanumeric()
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            c.is_alphanumeric()
        };
        runs += usize::from(alnum & (prev == 0));
        prev = u64::from(alnum);
    }
    runs
}

/// Whether `c` is a letter or digit, answering at once for the General
/// Punctuation block (curly quotes, dashes, ellipses: the non-ASCII
/// characters of most English text), which has none.
fn alnum_char(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

/// The first `cap` words of `key(s)`, each hashed, without building the
/// key: letters and digits lower-cased, anything else a separator.
/// (Finding the words eight bytes at a time and hashing them eight bytes a
/// step cost more: most words are a few letters long.)
fn key_word_hashes(s: &str, cap: usize) -> Vec<u64> {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut out = Vec::with_capacity((s.len() / 4).min(cap));
    if cap == 0 {
        return out;
    }
    let mut h: u64 = 0;
    let mut in_word = false;
    let feed = |h: &mut u64, c: char| *h = (h.rotate_left(5) ^ c as u64).wrapping_mul(K);
    // Bytes, decoding only non-ASCII characters: most text is ASCII.
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let letter = if b.is_ascii() {
            i += 1;
            let l = meta::ASCII_KEY[b as usize];
            if l != 0 {
                feed(&mut h, l as char);
            }
            l != 0
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            let alnum = alnum_char(c);
            if alnum {
                for l in c.to_lowercase() {
                    feed(&mut h, l);
                }
            }
            alnum
        };
        if letter {
            in_word = true;
        } else if in_word {
            out.push(h);
            if out.len() == cap {
                return out;
            }
            h = 0;
            in_word = false;
        }
    }
    if in_word && out.len() < cap {
        out.push(h);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::meta::key;

    const SAMPLES: &[&str] = &[
        "",
        " — ",
        "Home » World » Rovers sink City",
        "U.S.-led talks: Café Zürich (AP) — 3,000 said",
        "İstanbul ΣΊΣΥΦΟΣ naïve e\u{301} x CAFÉ café",
        "\u{212a}elvin kelvin KELVIN",
        "—a—b—",
        "“We will not accept delays on the energy deal,” Mendoza said in Tehran, adding that more than 3228 people were affected. “Quoted” again — and again… to pass a chunk or two of text, 12 times.",
    ];

    #[test]
    fn word_hashes_are_one_a_word_of_the_key() {
        for s in SAMPLES {
            let k = key(s);
            let hashes = key_word_hashes(s, usize::MAX);
            let words: Vec<&str> = k.split_whitespace().collect();
            assert_eq!(hashes.len(), words.len(), "{s:?}");
            // Equal words hash equal; these different ones differ.
            for (a, wa) in hashes.iter().zip(&words) {
                for (b, wb) in hashes.iter().zip(&words) {
                    assert_eq!(a == b, wa == wb, "{s:?}: {wa} {wb}");
                }
            }
            for cap in 0..words.len() + 2 {
                assert_eq!(
                    key_word_hashes(s, cap),
                    hashes[..cap.min(hashes.len())],
                    "{s:?} {cap}"
                );
            }
        }
    }

    #[test]
    fn run_count_is_the_number_of_words_of_the_key() {
        for s in SAMPLES {
            // Every start, so that chunks begin at every offset.
            for start in (0..s.len()).filter(|&i| s.is_char_boundary(i)) {
                let s = &s[start..];
                let words = key(s).split_whitespace().count();
                assert_eq!(alphanumeric_run_count(s, usize::MAX), words, "{s:?}");
                for cap in 0..words + 2 {
                    let capped = alphanumeric_run_count(s, cap);
                    assert_eq!(capped >= cap, words >= cap, "{s:?} {cap}");
                }
            }
        }
    }

    #[test]
    fn general_punctuation_has_no_letters_or_digits() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
            assert!(!alnum_char(c));
        }
        assert!(alnum_char('é') && alnum_char('\u{2070}') && !alnum_char('“'));
    }

    #[test]
    fn alnum_mask_of_every_ascii_byte() {
        for b in 0u8..128 {
            for k in 0..8 {
                let mut bytes = [b'.'; 8];
                bytes[k] = b;
                let mask = alnum_mask8(u64::from_le_bytes(bytes));
                let want = if b.is_ascii_alphanumeric() { 1 << k } else { 0 };
                assert_eq!(mask, want, "{b:#x} at {k}");
            }
        }
    }

    #[test]
    fn lead_words_find_their_slots() {
        // Many words sharing the table's top bits, to exercise the probing.
        let words: Vec<u64> = (0..80u64)
            .map(|n| ((n % 50 % 7) << 56) | (n % 50))
            .collect();
        let lead = LeadWords::new(&words);
        assert_eq!(lead.distinct, 50);
        for (n, &w) in words.iter().enumerate() {
            assert_eq!(lead.slot(w), Some(lead.slot_of[n]));
            assert_eq!(lead.slot_of[n], lead.slot_of[n % 50]);
        }
        assert_eq!(lead.slot(99), None);
    }
}
