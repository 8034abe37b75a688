//! Web boilerplate: the lines a scrape picks up that are not the article.
//!
//! Three kinds, told apart because they are removed differently:
//! - *noise*: lone lines dropped wherever they stand ("Advertisement",
//!   "Share this", "-", "Home » World » Europe", "Tags: …");
//! - *teaser headings*: "Latest news", "Must read", "Related", "You might also
//!   like" start a block of other articles' titles and snippets, removed up to
//!   the next real paragraph;
//! - *footer markers*: "Exit mobile version", "Leave a Comment", "3 Comments",
//!   "© 2024 …" end the article; everything after them goes.
//!
//! Phrases are compared by [`key`] (lower case, letters and digits), and a
//! short line may be several phrases run together, as scrapers flatten
//! adjacent links ("You might also likeRELATED", "ShareTweetEmail").

use std::sync::LazyLock;

use regex::Regex;

use crate::store::meta::key;

/// What kind of boilerplate a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boilerplate {
    Noise,
    Teaser,
    Footer,
}

const NOISE: &[&str] = &[
    "advertisement",
    "advertisements",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "share",
    "shares",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "share on facebook",
    "share on twitter",
    "share via email",
    "share via",
    "tweet",
    "print",
    "email",
    "e mail",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "reddit",
    "telegram",
    "pinterest",
    "copy link",
    "copy url",
    "skip to content",
    "skip to main content",
    "menu",
    "search",
    "close",
    "loading",
    "continue reading",
    "read more",
    "click to share",
    "save",
    "save article",
    "listen",
    "listen to this article",
    "font size",
    "text size",
    "show comments",
    "hide comments",
    "subscribe",
    "sign in",
    "log in",
    "register",
    "back to top",
    "top",
    "home",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "newsletter",
    "follow us",
    "toggle navigation",
    "main menu",
    "open menu",
    "scroll to top",
    "print this page",
    "email this",
    "like this",
    "like",
    "loading comments",
];

const TEASER: &[&str] = &[
    "latest news",
    "latest",
    "latest stories",
    "latest articles",
    "latest posts",
    "latest headlines",
    "must read",
    "must reads",
    "you might also like",
    "you may also like",
    "you might like",
    "you may like",
    "recommended",
    "recommended to you",
    "recommended for you",
    "recommended stories",
    "recommended articles",
    "recommended reading",
    "related",
    "related articles",
    "related posts",
    "related stories",
    "related news",
    "related content",
    "related coverage",
    "related topics",
    "more stories",
    "more news",
    "more on this story",
    "most popular",
    "most read",
    "most viewed",
    "popular",
    "popular posts",
    "popular stories",
    "trending",
    "trending now",
    "top stories",
    "read next",
    "what to read next",
    "up next",
    "also read",
    "read also",
    "editors picks",
    "editor s picks",
    "don t miss",
    "dont miss",
    "in case you missed it",
    "sponsored content",
    "sponsored stories",
    "from around the web",
    "around the web",
    "promoted stories",
    "more like this",
    "further reading",
    "see also",
    "other news",
    "more headlines",
    "news feed",
    "in other news",
];

const FOOTER: &[&str] = &[
    "exit mobile version",
    "leave a comment",
    "leave a reply",
    "comments",
    "comment",
    "post navigation",
    "previous post",
    "next post",
    "previous article",
    "next article",
    "you must be logged in to post a comment",
    "join the conversation",
    "add a comment",
    "write a comment",
    "view comments",
    "all rights reserved",
    "report an error",
    "cancel reply",
    "post a comment",
];

/// Lines made of one of these lead-ins and a short list are noise
/// ("Tags: Iran, Iraq", "Filed under: World").
static LABELLED_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:tags|tagged|filed under|topics|categories|category|related|read more|see also|also read|read also|more)\s*[:：]")
        .expect("valid regex")
});

/// Comment counters and copyright lines, which end an article.
static FOOTER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:\d+\s+(?:comments?|responses?|replies|thoughts on\b.*)|(?:©|\(c\)|copyright\b).*)$",
    )
    .expect("valid regex")
});

/// Breadcrumbs with separators ("Home » World » Middle East").
static CRUMB_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s[»›>/|]\s|»|›").expect("valid regex"));

/// Classify one block (a line or paragraph), or `None` for article text.
pub fn classify(block: &str) -> Option<Boilerplate> {
    if !block.chars().any(char::is_alphanumeric) {
        return Some(Boilerplate::Noise);
    }
    if block.len() > 200 {
        return None;
    }
    if may_be_footer_line(block)
        && FOOTER_LINE.is_match(block)
        && block.split_whitespace().count() <= 25
    {
        return Some(Boilerplate::Footer);
    }
    if let Some(kind) = phrases(block) {
        return Some(kind);
    }
    if (may_be_labelled_list(block)
        && LABELLED_LIST.is_match(block)
        && block.split_whitespace().count() <= 20)
        || crumbs(block)
    {
        return Some(Boilerplate::Noise);
    }
    None
}

/// Whether [`FOOTER_LINE`] may match: it opens with a digit (`\d` is
/// Unicode, so any non-ASCII byte may start one), "©", "(c)" or
/// "copyright" (no other character folds to "c"). Most lines are spared
/// the regular expression.
fn may_be_footer_line(block: &str) -> bool {
    block
        .as_bytes()
        .first()
        .is_some_and(|&b| !b.is_ascii() || b.is_ascii_digit() || matches!(b, b'(' | b'c' | b'C'))
}

/// Whether [`LABELLED_LIST`] may match: a colon (ASCII, or the full-width
/// one, whose last byte is 0x9A) after a label opening with one of the
/// labels' first letters (or a non-ASCII letter, as "ſ" folds to "s").
fn may_be_labelled_list(block: &str) -> bool {
    block.as_bytes().first().is_some_and(|&b| {
        !b.is_ascii()
            || matches!(
                b.to_ascii_lowercase(),
                b't' | b'f' | b'c' | b'r' | b's' | b'a' | b'm'
            )
    }) && memchr::memchr2(b':', 0x9A, block.as_bytes()).is_some()
}

/// Whether `block` is a breadcrumb trail with separators: starts at "Home",
/// or has two or more separators between short segments.
pub fn crumbs(block: &str) -> bool {
    // Every separator has one of these bytes ("»" ends in 0xBB, "›" in
    // 0xBA): most lines have none and are spared the regular expression.
    let bytes = block.as_bytes();
    if memchr::memchr3(b'>', b'/', b'|', bytes).is_none()
        && memchr::memchr2(0xBB, 0xBA, bytes).is_none()
    {
        return false;
    }
    let separators = CRUMB_SEPARATOR.find_iter(block).count();
    if separators == 0 {
        return false;
    }
    let segments_short = CRUMB_SEPARATOR
        .split(block)
        .all(|s| s.split_whitespace().count() <= 6);
    let from_home = key(block).starts_with("home ");
    segments_short && (from_home || separators >= 2)
}

/// Every phrase without its spaces, ranked noise 1, footer 2, teaser 3.
static PHRASES: LazyLock<Vec<(u8, String)>> = LazyLock::new(|| {
    [(1u8, NOISE), (2, FOOTER), (3, TEASER)]
        .iter()
        .flat_map(|(rank, table)| table.iter().map(move |p| (*rank, p.replace(' ', ""))))
        .collect()
});

/// The longest run of phrases (letters and digits, without spaces) that is
/// looked at; longer lines are text.
const MAX_PHRASES: usize = 80;

/// Whether `block` is wholly boilerplate phrases, possibly run together;
/// the strongest kind among them wins (a teaser heading, then a footer).
fn phrases(block: &str) -> Option<Boilerplate> {
    let mut ascii = [0u8; MAX_PHRASES];
    let owned;
    let k: &[u8] = if block.is_ascii() {
        // The key's letters straight from a table, on the stack: no
        // string is built for the many short lines that are not
        // boilerplate.
        let mut n = 0;
        for &b in block.as_bytes() {
            let l = crate::store::meta::ASCII_KEY[usize::from(b)];
            if l != 0 {
                if n == MAX_PHRASES {
                    return None;
                }
                ascii[n] = l;
                n += 1;
            }
        }
        &ascii[..n]
    } else {
        let mut k = key(block).into_bytes();
        k.retain(|&b| b != b' ');
        owned = k;
        &owned
    };
    if k.is_empty() || k.len() > MAX_PHRASES {
        return None;
    }
    // reach[i]: the strongest kind of a segmentation of k[..i], if any.
    let mut reach = [None::<u8>; MAX_PHRASES + 1];
    reach[0] = Some(0);
    for i in 0..k.len() {
        let Some(sofar) = reach[i] else { continue };
        for (rank, phrase) in PHRASES.iter() {
            // (The first byte first: it rules out nearly every phrase.)
            let phrase = phrase.as_bytes();
            if phrase.first() == Some(&k[i]) && k[i..].starts_with(phrase) {
                let end = i + phrase.len();
                reach[end] = Some(reach[end].unwrap_or(0).max(sofar.max(*rank)));
            }
        }
    }
    match reach[k.len()] {
        Some(3) => Some(Boilerplate::Teaser),
        Some(2) => Some(Boilerplate::Footer),
        Some(1) => Some(Boilerplate::Noise),
        _ => None,
    }
}

/// Whether `block` looks like an item of a teaser list: another article's
/// title (short, no closing full stop) or snippet (cut off with "...").
pub fn teaser_item(block: &str) -> bool {
    let trimmed = block.trim_end();
    if trimmed.ends_with("...") || trimmed.ends_with('…') {
        return true;
    }
    let words = trimmed.split_whitespace().take(16).count();
    let closes_sentence = trimmed.ends_with(['.', '!', '"', '”', '’', '\'']);
    words < 16 && !closes_sentence || words <= 6
}

#[cfg(test)]
mod tests {
    use super::*;
    use Boilerplate::*;

    #[test]
    fn classifies_boilerplate_lines() {
        assert_eq!(classify("-"), Some(Noise));
        assert_eq!(classify("• • •"), Some(Noise));
        assert_eq!(classify("Advertisement"), Some(Noise));
        assert_eq!(classify("ShareTweetEmail"), Some(Noise));
        assert_eq!(classify("Tags: Kenya, Drought, Farming"), Some(Noise));
        assert_eq!(classify("Home » Sport » Football"), Some(Noise));
        assert_eq!(classify("Latest news"), Some(Teaser));
        assert_eq!(classify("You might also likeRELATED"), Some(Teaser));
        assert_eq!(classify("MORE STORIES:"), Some(Teaser));
        assert_eq!(classify("Exit mobile version"), Some(Footer));
        assert_eq!(classify("12 Comments"), Some(Footer));
        assert_eq!(
            classify("© 2021 The Nairobi Courier. All rights reserved."),
            Some(Footer)
        );
    }

    #[test]
    fn leaves_article_text_alone() {
        for text in [
            "Related parties met in Geneva on Monday.",
            "Share prices fell 3% in Tokyo.",
            "Latest figures show a rise in exports.",
            "Iran: 60% Of Population Is Poor",
            "The vote was 52/48 in favour.",
            "Comments made by the minister drew criticism.",
        ] {
            assert_eq!(classify(text), None, "{text}");
        }
    }

    #[test]
    fn teaser_items() {
        assert!(teaser_item(
            "Workers living below minimum wage in Iran: Union Chief"
        ));
        assert!(teaser_item(
            "The trafficking of women in Iran is a real problem, with most of the..."
        ));
        assert!(!teaser_item(
            "Farmers in the north say the rains came three weeks late this year, and the maize crop has suffered."
        ));
    }
}
