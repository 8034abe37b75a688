//! Cleaning: from the blocks a format found to an article's title, outlet,
//! author, date and body.
//!
//! Every format (text, Markdown, HTML, JSON records) reduces a file to a
//! [`Draft`]: its blocks (lines or paragraphs, in reading order) and whatever
//! metadata its structure states (an HTML `og:title`, a JSON `author`).
//! [`clean`] then runs the same steps on all of them:
//! 1. tidy whitespace in each block;
//! 2. drop boilerplate ([`boilerplate`]): noise lines, teaser blocks, and
//!    everything after a footer marker;
//! 3. read the header ([`header`]) for the metadata the text states, and
//!    find the first real paragraph;
//! 4. drop paragraphs repeated verbatim and repeats of the title;
//! 5. join the rest with blank lines: the body is paragraphs separated by
//!    `"\n\n"`, nothing else.
//!
//! Structure-given metadata wins over what the text states. Each step is a
//! linear pass (the header step reads a bounded window), so cleaning a huge
//! file costs what reading it costs.

pub mod boilerplate;
pub mod header;

use std::hash::{Hash, Hasher};

use boilerplate::Boilerplate;
use rustc_hash::FxHashSet;

use crate::store::meta::{self, key};

/// Metadata known about a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// What a format found in a file (or a record): blocks and known metadata.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub blocks: Vec<String>,
    pub meta: Meta,
}

/// A cleaned article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub title: String,
    pub source: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub body: String,
}

/// Clean one draft.
pub fn clean(draft: Draft) -> Cleaned {
    let blocks: Vec<String> = draft
        .blocks
        .into_iter()
        .map(|b| if is_tidy(&b) { b } else { tidy(&b) })
        .filter(|b| !b.is_empty())
        .collect();
    let blocks = strip_boilerplate(blocks);
    let header = header::read(&blocks, &draft.meta);
    let meta = header.meta;

    let title_key = meta.title.as_deref().map(|t| key(meta::head(t, 600)));
    // Fx rather than SipHash, over a paragraph's length and ends rather
    // than all of it (see `Para`): every paragraph of every file goes in.
    let mut seen = FxHashSet::default();
    let rest = &blocks[header.body_start.min(blocks.len())..];
    // The body is at most the blocks and their separators: one allocation.
    let mut body = String::with_capacity(rest.iter().map(|b| b.len() + 2).sum());
    for b in rest {
        // (Lengths first: most paragraphs cannot be the title, so skip the key.)
        let repeat_of_title = title_key
            .as_deref()
            .is_some_and(|t| b.len() <= 2 * t.len() + 16 && b.len() + 16 >= t.len() && t == key(b));
        // Paragraphs of a few words ("Yes.", "Analysis") may repeat in a
        // real article; longer ones repeated verbatim are scraping debris.
        let repeated = header::words(b, 4) >= 4 && !seen.insert(Para(b));
        if repeat_of_title || repeated {
            continue;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(b);
    }
    let title = meta
        .title
        .map(|t| tidy(&t))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| untitled(&body));
    Cleaned {
        title,
        source: meta.source,
        author: meta.author,
        date: meta.date,
        url: meta.url,
        body,
    }
}

/// A paragraph in the set of those seen: equal to another when all its
/// text is, hashed on its length and its first and last 16 bytes only
/// (hashing every byte of every paragraph was a twentieth of loading;
/// paragraphs that differ only inside are told apart by the equality test).
#[derive(PartialEq, Eq)]
struct Para<'a>(&'a str);

impl Hash for Para<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let b = self.0.as_bytes();
        state.write_usize(b.len());
        state.write(&b[..b.len().min(16)]);
        state.write(&b[b.len().saturating_sub(16)..]);
    }
}

/// Drop noise lines, teaser blocks and everything after a footer marker.
/// Teaser headings and footer markers only count once the article has begun
/// (a long paragraph is kept): above it they are navigation links.
fn strip_boilerplate(blocks: Vec<String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::with_capacity(blocks.len());
    let mut begun = false;
    let mut in_teasers = false;
    for b in blocks {
        match boilerplate::classify(&b) {
            Some(Boilerplate::Noise) => continue,
            Some(Boilerplate::Footer) if begun => break,
            Some(Boilerplate::Teaser) if begun => in_teasers = true,
            Some(_) => continue,
            None if in_teasers && boilerplate::teaser_item(&b) => continue,
            None => {
                in_teasers = false;
                begun |= header::words(&b, 12) >= 12;
                kept.push(b);
            }
        }
    }
    kept
}

/// `s` trimmed, with each run of whitespace made one space.
pub fn tidy(s: &str) -> String {
    if is_tidy(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `s` is already tidy: a byte scan that decodes only the few
/// characters that could be Unicode spaces, so the common case of a clean
/// paragraph (or a clean 50 MB line) costs one pass and one copy.
fn is_tidy(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    if !ascii_tidy(bytes) {
        return false;
    }
    // The non-ASCII spaces (U+0085, U+00A0, U+1680, U+2000-U+205F, U+3000)
    // start with one of four lead bytes: only characters with those are
    // decoded.
    memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes)
        .chain(memchr::memchr_iter(0xE3, bytes))
        .all(|i| !s[i..].chars().next().is_some_and(char::is_whitespace))
}

/// Whether `bytes` has no ASCII control spaces and no two spaces in a row
/// (bytes of other characters are neither). One pass, over 32-byte
/// chunks tested branch-free so that the compiler vectorises it; each chunk
/// is also tested against the next chunk's first byte, for the pair that
/// straddles them.
fn ascii_tidy(bytes: &[u8]) -> bool {
    let control = |b: u8| (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0b) | (b == 0x0c);
    let bad_pair = |a: u8, b: u8| control(a) | ((a == b' ') & (b == b' '));
    let mut i = 0;
    while i + 33 <= bytes.len() {
        let window = &bytes[i..i + 33];
        let bad = window
            .iter()
            .zip(&window[1..])
            .fold(false, |bad, (&a, &b)| bad | bad_pair(a, b));
        if bad {
            return false;
        }
        i += 32;
    }
    let rest = &bytes[i..];
    !(rest.iter().any(|&b| control(b)) || rest.windows(2).any(|w| bad_pair(w[0], w[1])))
}

/// A title for an article that states none: its opening words.
fn untitled(body: &str) -> String {
    let opening = meta::head(body.lines().next().unwrap_or(""), 400);
    let words: Vec<&str> = opening.split_whitespace().take(13).collect();
    if words.len() > 12 {
        format!("{}…", words[..12].join(" "))
    } else if words.is_empty() {
        "(untitled)".to_string()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(lines: &[&str]) -> Draft {
        Draft {
            blocks: lines.iter().map(|s| s.to_string()).collect(),
            meta: Meta::default(),
        }
    }

    const P1: &str = "The council voted on Tuesday to close the old bridge to traffic after engineers found cracks in two of its piers.";
    const P2: &str = "Repairs are expected to take eighteen months and to cost the city more than four million dollars, officials said.";

    #[test]
    fn teasers_footers_and_repeats_go() {
        let c = clean(draft(&[
            "Bridge to close for repairs",
            P1,
            "Advertisement",
            P2,
            P1,
            "Related",
            "Mayor opens new library",
            "The new library on Elm Street opened its doors to readers on Monday with a...",
            "Leave a Reply",
            "Great article, thanks for sharing this with the community here.",
        ]));
        assert_eq!(c.title, "Bridge to close for repairs");
        assert_eq!(c.body, format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn teasers_end_at_the_next_real_paragraph() {
        let c = clean(draft(&[
            "Bridge to close",
            P1,
            "Read next",
            "Mayor opens new library",
            P2,
        ]));
        assert_eq!(c.body, format!("{P1}\n\n{P2}"));
    }

    /// Strings of spaces (ASCII, control, Unicode), letters and curly
    /// quotes, short and longer than the 32-byte chunks `is_tidy` scans.
    fn random_strings() -> Vec<String> {
        let pool: Vec<char> =
            "ab  \t\n\r\u{b}\u{c}\u{1c}.“”—é\u{a0}\u{2009}\u{3000}\u{85}\u{1680}\u{e2}"
                .chars()
                .collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut out = Vec::new();
        for len in [0usize, 1, 2, 5, 31, 32, 33, 34, 64, 65, 100, 300] {
            for _ in 0..200 {
                out.push(
                    (0..len)
                        .map(|_| {
                            seed = seed
                                .wrapping_mul(6364136223846793005)
                                .wrapping_add(1442695040888963407);
                            // Mostly letters, so that tidy strings come up.
                            let r = (seed >> 33) as usize;
                            if r.is_multiple_of(3) {
                                pool[r / 3 % pool.len()]
                            } else {
                                'a'
                            }
                        })
                        .collect(),
                );
            }
        }
        out
    }

    #[test]
    fn is_tidy_means_tidy_changes_nothing() {
        for s in random_strings() {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(is_tidy(&s), joined == s, "{s:?}");
            assert_eq!(tidy(&s), joined, "{s:?}");
        }
    }

    #[test]
    fn whitespace_and_untitled() {
        assert_eq!(tidy("  a \t b\u{a0}c \u{a0}d  "), "a b c d");
        assert_eq!(tidy("“Quoted” text — fine"), "“Quoted” text — fine");
        assert_eq!(tidy("a\u{3000}b"), "a b");
        let c = clean(draft(&[P1]));
        assert_eq!(
            c.title,
            "The council voted on Tuesday to close the old bridge to traffic…"
        );
        assert_eq!(c.body, P1);
    }
}
