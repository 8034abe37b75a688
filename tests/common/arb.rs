//! Proptest strategies for text that exercises the whole engine: not only
//! arbitrary bytes and strings (which mostly test the "this is binary"
//! path), but text built from fragments that reach deep into each loader,
//! the cleaner and the extractor: markup, JSON syntax, capitalised names,
//! acronyms in brackets, dates and figures, right-to-left and wide scripts,
//! combining marks, control characters and escape sequences.

use proptest::prelude::*;

/// Fragments text is built from.
pub const FRAGMENTS: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    ".",
    ",",
    "\"",
    "'",
    "(",
    ")",
    ":",
    "-",
    "—",
    "…",
    "the",
    "said",
    "on",
    "and",
    "of",
    "in",
    "group",
    "Monday",
    "The",
    "In",
    "By",
    "Sen.",
    "Dr.",
    "Mujahedin-e Khalq",
    "(MEK)",
    "MKO",
    "also known as",
    "Camp Ashraf",
    "Iraq",
    "Iran's",
    "United States",
    "U.S.",
    "John Kerry",
    "Kerry",
    "Maj. Gen.",
    "Secretary of State",
    "CNN",
    "Reuters",
    "Jan. 5, 2013",
    "2013-01-05",
    "3,000",
    "$4.5 million",
    "45%",
    "1,2",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<h1>",
    "&amp;",
    "&#x1b;",
    "&#769;",
    "<br>",
    "<html>",
    "<title>",
    "</title>",
    "<meta property=\"og:title\" content=\"T\">",
    "{",
    "}",
    "[",
    "]",
    "\"title\":",
    "\"text\":",
    "\"body\":",
    "\"id\":",
    "null",
    "true",
    "42",
    "# ",
    "## ",
    "* ",
    "> ",
    "```",
    "[link](http://x)",
    "**",
    "_",
    "Share this:",
    "Related",
    "Latest news",
    "Exit mobile version",
    "Advertisement",
    "Home »",
    "گروه",
    "مجاهدین خلق",
    "العراق",
    "東京",
    "日本語",
    "한국어",
    "😀",
    "👨‍👩‍👧",
    "🇮🇷",
    "e\u{301}",
    "\u{200b}",
    "\u{202e}",
    "\u{ad}",
    "\u{a0}",
    "\u{3000}",
    "\u{2028}",
    "\u{85}",
    "\u{0}",
    "\u{1b}[2J",
    "\u{1b}]0;x\u{7}",
    "\u{9b}",
    "\u{7f}",
    "\u{feff}",
    "\u{fffd}",
    "ß",
    "İ",
    "ﬁ",
];

/// Text assembled from [`FRAGMENTS`].
pub fn fragments(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..max)
        .prop_map(|parts| parts.concat())
}

/// Text that is sometimes fragments, sometimes any Unicode at all.
pub fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => fragments(max),
        1 => any::<String>(),
        1 => "[a-zA-Z .,\n]{0,400}",
    ]
}

/// File bytes: arbitrary, text-like, or text with a few bytes damaged (a
/// cut multi-byte character, a UTF-16 byte-order mark, a NUL).
pub fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..max),
        3 => text(max / 8).prop_map(String::into_bytes),
        1 => (text(max / 8), any::<u16>(), any::<u8>()).prop_map(|(t, at, b)| {
            let mut v = t.into_bytes();
            if !v.is_empty() {
                let at = at as usize % v.len();
                v[at] = b;
            }
            v
        }),
        1 => (text(max / 8), any::<bool>()).prop_map(|(t, little)| {
            let mut v = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
            for u in t.encode_utf16() {
                v.extend(if little { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            v
        }),
    ]
}
