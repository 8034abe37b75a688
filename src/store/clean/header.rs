//! The header of a scraped article: the blocks above its first real
//! paragraph, read for title, outlet, author and date, then dropped from the
//! body.
//!
//! The rules, each about shapes rather than particular sites:
//! - a heading that another line *ends with* is the title, and that line a
//!   breadcrumb ("Home » News » Title", "OpinionIran in the World PressTitle");
//!   a heading that appears twice is the title too;
//! - otherwise the title is the first heading of three words or more (a lone
//!   "Opinion" or "World" is a section label);
//! - a byline ("By …") gives the author, maybe the outlet and date, and
//!   marks the end of the header: short lines above it are title and deck;
//! - a lone outlet-shaped line ("Foreign Policy Blogs"), or one repeated as
//!   the "Outlet:" prefix of a lead or in a dateline's parentheses, is the
//!   outlet;
//! - a lead paragraph that repeats the opening of a later paragraph is a
//!   summary: its "Outlet:" prefix and "From Name" credit are read, and it is
//!   dropped;
//! - date lines ("Published March 3, 2012") give the date.
//!
//! Only the first [`WINDOW`] blocks are looked at, and each test reads a
//! bounded prefix of a block, so the cost does not grow with the article.

use rustc_hash::FxHashSet;
use std::cell::OnceCell;

use std::sync::LazyLock;

use regex::Regex;

use super::Meta;
use crate::store::meta::{self, key};

mod summary;

use summary::{Content, SUMMARY_REACH, summary};

/// How many blocks from the top may belong to the header.
const WINDOW: usize = 12;

/// What the header said, and where the body starts.
#[derive(Debug, Default)]
pub struct Header {
    pub meta: Meta,
    pub body_start: usize,
}

/// Up to `cap` words of `s`, counted: `s.split_whitespace().take(cap)
/// .count()`, scanning bytes and decoding only the characters that may be
/// Unicode spaces (it is asked of every block, several times).
pub fn words(s: &str, cap: usize) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    loop {
        // Skip spaces (ASCII letters and marks at once: they are not).
        while i < b.len() {
            if b[i].is_ascii() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                break;
            }
            match space_at(s, i) {
                Some(len) => i += len,
                None => break,
            }
        }
        if i >= b.len() || n == cap {
            return n;
        }
        n += 1;
        // Skip the word: ASCII bytes at a time, other characters decoded
        // only when their lead byte may start a space.
        while i < b.len() {
            let c = b[i];
            if c.is_ascii() {
                if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                    break;
                }
                i += 1;
            } else if space_at(s, i).is_some() {
                break;
            } else {
                i += 1;
            }
        }
    }
}

/// The length of the whitespace character at byte `i` of `s`, if there is
/// one there. Non-ASCII spaces (U+0085, U+00A0, U+1680, U+2000-U+205F,
/// U+3000) start with one of four lead bytes; other bytes are not spaces.
#[inline]
fn space_at(s: &str, i: usize) -> Option<usize> {
    match s.as_bytes()[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Some(1),
        0xC2 | 0xE1 | 0xE2 | 0xE3 => s
            .get(i..)
            .and_then(|r| r.chars().next())
            .filter(|c| c.is_whitespace())
            .map(char::len_utf8),
        _ => None,
    }
}

/// A line shaped like a headline: short, not closed by a full stop or comma.
pub fn heading_like(s: &str) -> bool {
    // (The length first: most blocks are paragraphs, too long to count.)
    s.len() <= 250
        && (1..=25).contains(&words(s, 26))
        && !s.ends_with(['.', ',', ';', ':'])
        && s.chars().next().is_some_and(|c| !c.is_lowercase())
        && !(memchr::memchr3(b'.', b'!', b'?', s.as_bytes()).is_some()
            && SENTENCE_BREAK.is_match(s))
}

/// A full stop after a lower-case word, then a capital: two sentences, so
/// not a headline ("… for a week. From Achieng Otieno"); "U.S. Troops" and
/// "Mrs. Smith" do not count.
static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\p{Ll}{3,}[.!?]\s+["“‘'(]?\p{Lu}"#).expect("valid regex"));

/// Read the header of `blocks`; fields already in `hints` are kept.
pub fn read(blocks: &[String], hints: &Meta) -> Header {
    let window = &blocks[..blocks.len().min(WINDOW)];
    let mut meta = hints.clone();
    let hint_title = hints.title.as_deref().map(key);

    // Names that stand alone on a short line: an "Outlet:" lead prefix or a
    // dateline outlet that matches one is confirmed as the outlet.
    let headings: Vec<bool> = window.iter().map(|b| heading_like(b)).collect();
    let short: Vec<bool> = window.iter().map(|b| words(b, 8) <= 6).collect();
    let named_elsewhere: FxHashSet<String> = window
        .iter()
        .filter_map(|b| meta::lead_prefix(b).or_else(|| meta::dateline_outlet(b)))
        .map(key)
        .collect();
    let keys = window_keys(
        window,
        &headings,
        &short,
        hint_title.as_deref(),
        &named_elsewhere,
    );
    let standalone: FxHashSet<&str> = keys
        .iter()
        .zip(&short)
        .filter(|(_, short)| **short)
        .filter_map(|(k, _)| k.as_deref())
        .collect();

    let ahead = blocks.len().min(WINDOW + SUMMARY_REACH);
    let contents: Vec<Content> = blocks[..ahead].iter().map(|b| Content::new(b)).collect();

    let strong_title = strong_title(window, &keys, &headings);
    let summaries: Vec<OnceCell<bool>> = window.iter().map(|_| OnceCell::new()).collect();
    let is_summary =
        |i: usize| *summaries[i].get_or_init(|| !headings[i] && summary(i, blocks, &contents));
    // Each block's byline, read once (the search for the byline and the
    // walk down the header both ask).
    let bylines: Vec<OnceCell<Option<meta::Byline>>> =
        window.iter().map(|_| OnceCell::new()).collect();
    let byline = |i: usize| bylines[i].get_or_init(|| meta::byline(&window[i]));
    let byline_at = (0..window.len()).position(|i| {
        byline(i).is_some() && (0..i).all(|j| words(&window[j], 30) < 30 || is_summary(j))
    });

    let mut text_title: Option<usize> = None;
    let mut fallback_title: Option<usize> = None;
    let mut body_start = None;
    for (i, b) in window.iter().enumerate() {
        let k = keys[i].as_deref();
        if k.is_some_and(|k| hint_title.as_deref() == Some(k)) || strong_title == Some(i) {
            continue;
        }
        if let Some(by) = byline(i) {
            fill(&mut meta.author, by.author.clone());
            fill(&mut meta.source, by.source.clone());
            fill(&mut meta.date, by.date.clone());
            continue;
        }
        if let Some(date) = meta::date_line(b) {
            fill(&mut meta.date, Some(date));
            continue;
        }
        if let Some((name, 0)) = from_credit(b) {
            fill(&mut meta.author, Some(name));
            continue;
        }
        if k.is_some_and(|k| breadcrumb(k, &keys, &headings, hint_title.as_deref())) {
            continue;
        }
        if short[i] && (meta::outlet_like(b) || k.is_some_and(|k| named_elsewhere.contains(k))) {
            fill(&mut meta.source, Some(b.trim_end_matches(':').to_string()));
            continue;
        }
        if headings[i] {
            fallback_title.get_or_insert(i);
            if words(b, 3) >= 3 && text_title.is_none() {
                text_title = Some(i);
            }
            continue;
        }
        if is_summary(i) {
            lead_meta(b, &standalone, &mut meta);
            continue;
        }
        if byline_at.is_some_and(|at| i < at) {
            continue; // a deck between title and byline
        }
        // The first real paragraph: a wire lead may still name the outlet.
        if let Some(outlet) = meta::dateline_outlet(b) {
            fill(&mut meta.source, Some(outlet.to_string()));
        } else {
            lead_meta(b, &standalone, &mut meta);
        }
        body_start = Some(i);
        break;
    }
    if meta.title.is_none() {
        meta.title = strong_title
            .or(text_title)
            .or(fallback_title)
            .map(|i| window[i].clone());
    }
    let body_start = body_start.unwrap_or_else(|| {
        // No paragraph in the window: a long article starts after it, a
        // short note keeps whatever is not its title.
        if blocks.len() > window.len() {
            window.len()
        } else {
            strong_title
                .or(text_title)
                .or(fallback_title)
                .map_or(0, |t| t + 1)
        }
    });
    Header { meta, body_start }
}

/// The key of the start of `b`: enough for any title or breadcrumb, and
/// bounded on a 50 MB line.
fn short_key(b: &str) -> String {
    key(meta::head(b, 600))
}

/// The [`short_key`] of each block in the window, or `None` where no test
/// of [`read`] can use it, which spares keying the long paragraphs (keys
/// were a fifth of loading). Keys are compared only for equality with a
/// heading's, the known title's or a name's key, or as a trail of at most
/// 12 words ending with a heading's or the title's key (see
/// [`ends_with_title`]); a key with more words than any of those plus 12
/// can match none of them. The words of a key are the alphanumeric runs of
/// its text, so they are counted without building it. Short blocks (the
/// standalone names) and headings are always keyed.
fn window_keys(
    window: &[String],
    headings: &[bool],
    short: &[bool],
    hint_title: Option<&str>,
    named: &FxHashSet<String>,
) -> Vec<Option<String>> {
    let mut keys: Vec<Option<String>> = window
        .iter()
        .enumerate()
        .map(|(i, b)| (headings[i] || short[i]).then(|| short_key(b)))
        .collect();
    let key_words = |k: &str| {
        if k.is_empty() {
            0
        } else {
            k.matches(' ').count() + 1
        }
    };
    let longest = keys
        .iter()
        .zip(headings)
        .filter(|(_, heading)| **heading)
        .filter_map(|(k, _)| k.as_deref())
        .chain(hint_title)
        .chain(named.iter().map(String::as_str))
        .map(key_words)
        .max()
        .unwrap_or(0);
    let bound = longest + 12;
    for (k, b) in keys.iter_mut().zip(window) {
        if k.is_none() && alphanumeric_runs(meta::head(b, 600), bound + 1) <= bound {
            *k = Some(short_key(b));
        }
    }
    keys
}

/// How many runs of letters and digits `s` has (the words of `key(s)`),
/// counting no further than `cap`.
fn alphanumeric_runs(s: &str, cap: usize) -> usize {
    let bytes = s.as_bytes();
    let mut runs = 0;
    let mut in_run = false;
    let mut i = 0;
    while i < bytes.len() && runs < cap {
        let b = bytes[i];
        let alnum = if b.is_ascii() {
            i += 1;
            b.is_ascii_alphanumeric()
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            c.is_alphanumeric()
        };
        runs += usize::from(alnum && !in_run);
        in_run = alnum;
    }
    runs
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// A heading that another header line ends with (a breadcrumb trail leading
/// to it), or that appears twice.
fn strong_title(window: &[String], keys: &[Option<String>], headings: &[bool]) -> Option<usize> {
    (0..window.len()).find(|&j| {
        let Some(title) = keys[j].as_deref().filter(|_| headings[j]) else {
            return false;
        };
        words(&window[j], 3) >= 2
            && keys.iter().enumerate().any(|(i, other)| {
                i != j
                    && other
                        .as_deref()
                        .is_some_and(|o| o == title || ends_with_title(o, title))
            })
    })
}

/// Whether `line` is a trail of a few words ending with `title` (both keys).
fn ends_with_title(line: &str, title: &str) -> bool {
    !title.is_empty()
        && line.len() > title.len()
        && line.ends_with(title)
        && words(&line[..line.len() - title.len()], 14) <= 12
}

/// Whether `k` is a breadcrumb: it ends with a heading in the window (or the
/// known title) after a few words of trail.
fn breadcrumb(
    k: &str,
    keys: &[Option<String>],
    headings: &[bool],
    hint_title: Option<&str>,
) -> bool {
    hint_title.is_some_and(|t| ends_with_title(k, t))
        || keys
            .iter()
            .zip(headings)
            .filter(|(_, heading)| **heading)
            .filter_map(|(other, _)| other.as_deref())
            .any(|other| ends_with_title(k, other))
}

/// Read an "Outlet:" prefix (confirmed by a standalone line or by shape) and
/// a trailing "From Name" credit from a lead.
fn lead_meta(b: &str, standalone: &FxHashSet<&str>, meta: &mut Meta) {
    if let Some(prefix) = meta::lead_prefix(b)
        && (standalone.contains(key(prefix).as_str()) || meta::outlet_like(prefix))
    {
        fill(&mut meta.source, Some(prefix.to_string()));
    }
    if let Some((name, _)) = from_credit(b) {
        fill(&mut meta.author, Some(name));
    }
}

/// [`meta::from_credit`], skipping the regular expression when the line
/// cannot hold a credit (most lines).
fn from_credit(b: &str) -> Option<(String, usize)> {
    let tail = &b.as_bytes()[b.len().saturating_sub(90)..];
    // (A search for the "F"s rather than `memmem::find`, which builds a
    // searcher on every call.)
    memchr::memchr_iter(b'F', tail).find(|&at| tail[at..].starts_with(b"From"))?;
    meta::from_credit(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn alphanumeric_runs_are_the_words_of_the_key() {
        for s in [
            "",
            "  ",
            "Home » World » Rovers sink City",
            "U.S.-led talks: Café Zürich (AP) — 3,000 said",
            "İstanbul ΣΊΣΥΦΟΣ naïve e\u{301} x",
            "—a—b—",
        ] {
            let words = key(s).split_whitespace().count();
            for cap in 0..words + 3 {
                assert_eq!(alphanumeric_runs(s, cap), words.min(cap), "{s:?} {cap}");
            }
        }
    }

    #[test]
    fn breadcrumb_ending_with_the_title() {
        let b = blocks(&[
            "Sport » Football » Rovers sink City in the cup",
            "Rovers sink City in the cup",
            "A late goal sent Rovers through to the quarter-finals on Saturday evening in front of a full stadium.",
        ]);
        let h = read(&b, &Meta::default());
        assert_eq!(h.meta.title.as_deref(), Some("Rovers sink City in the cup"));
        assert_eq!(h.body_start, 2);
    }

    #[test]
    fn section_label_is_not_the_title() {
        let b = blocks(&[
            "Analysis",
            "Why the harvest failed again",
            "Short deck line.",
            "By Wanjiru Kamau",
            "Farmers in the north say the rains came three weeks late this year, and the maize has suffered.",
        ]);
        let h = read(&b, &Meta::default());
        assert_eq!(
            h.meta.title.as_deref(),
            Some("Why the harvest failed again")
        );
        assert_eq!(h.meta.author.as_deref(), Some("Wanjiru Kamau"));
        assert_eq!(h.body_start, 4);
    }

    #[test]
    fn summary_lead_with_outlet_prefix_and_credit() {
        let b = blocks(&[
            "Storm closes port for a week",
            "Nairobi Courier: Heavy storms closed the port of Mombasa on Monday for at least a week. From Achieng Otieno",
            "Nairobi Courier",
            "MOMBASA, Kenya (Nairobi Courier) — Heavy storms closed the port of Mombasa on Monday for at least a week, officials said.",
        ]);
        let h = read(&b, &Meta::default());
        assert_eq!(h.meta.source.as_deref(), Some("Nairobi Courier"));
        assert_eq!(h.meta.author.as_deref(), Some("Achieng Otieno"));
        assert_eq!(h.body_start, 3);
    }
}
