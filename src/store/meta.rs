//! Recognisers for the metadata an article states in its own text: bylines
//! ("By Kasra Nejat", "Written by …, Reuters"), trailing "From Michael Ware"
//! credits, date lines ("Published March 3, 2012"), wire datelines
//! ("BAGHDAD, Iraq (CNN) —"), "Outlet:" lead prefixes and lone outlet names.
//!
//! Each recogniser looks at one short line (or the first few hundred bytes of
//! a long one), so using them costs nothing on large files. Outlet names are
//! recognised by shape (a short Title Case name ending in a newspaper noun:
//! "… Tribune", "… Blogs", "… Times") or from a small list of agencies and
//! broadcasters whose names have no such noun (CNN, Reuters, Al Jazeera).

use std::sync::LazyLock;

use regex::Regex;

/// Nouns that end outlet names ("Columbia Daily Tribune", "Foreign Policy
/// Blogs", "The Seattle Times").
const OUTLET_NOUNS: &[&str] = &[
    "times",
    "post",
    "tribune",
    "herald",
    "journal",
    "gazette",
    "news",
    "daily",
    "press",
    "review",
    "magazine",
    "monitor",
    "guardian",
    "telegraph",
    "observer",
    "chronicle",
    "report",
    "reporter",
    "agency",
    "network",
    "radio",
    "tv",
    "television",
    "wire",
    "today",
    "weekly",
    "dispatch",
    "courier",
    "express",
    "mail",
    "standard",
    "independent",
    "economist",
    "blog",
    "blogs",
    "insider",
    "register",
    "sun",
    "star",
    "mirror",
    "bulletin",
    "examiner",
    "inquirer",
    "enquirer",
    "sentinel",
    "record",
    "digest",
    "focus",
    "voice",
    "online",
    "media",
    "channel",
    "wires",
    "broadcasting",
    "newsletter",
    "quarterly",
    "affairs",
    "gazette",
    "tribune-review",
];

/// Outlets whose names do not end in an outlet noun.
const KNOWN_OUTLETS: &[&str] = &[
    "cnn",
    "bbc",
    "ap",
    "afp",
    "reuters",
    "bloomberg",
    "npr",
    "pbs",
    "nbc",
    "abc",
    "cbs",
    "msnbc",
    "al jazeera",
    "politico",
    "axios",
    "vox",
    "slate",
    "salon",
    "forbes",
    "fortune",
    "newsweek",
    "time",
    "euronews",
    "xinhua",
    "tass",
    "interfax",
    "irna",
    "isna",
    "tasnim",
    "haaretz",
    "kyodo",
    "yonhap",
    "dpa",
    "ansa",
    "efe",
    "upi",
    "voa",
    "dw",
    "france 24",
    "itv",
    "cbc",
    "the hill",
    "huffpost",
    "buzzfeed",
    "vice",
    "wired",
    "rudaw",
    "al arabiya",
    "al-monitor",
    "foreign policy",
    "the atlantic",
    "the new yorker",
    "propublica",
    "the intercept",
    "rfe/rl",
    "iran focus",
];

/// Words allowed in lower case inside names ("Organisation of the …",
/// "Ludwig van Beethoven", "Shirwan al-Waeli").
const CONNECTORS: &[&str] = &[
    "of", "the", "and", "&", "on", "for", "in", "de", "da", "van", "von", "al", "bin", "ibn", "la",
    "le", "du", "del", "der", "y", "e", "di", "its",
];

static LEAD_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([\p{Lu}\p{N}][^\s:]*(?:\s+[^\s:]+){0,5}):\s+\S").expect("valid regex")
});

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}\p{M} .'’-]+(?:,\s*[\p{L} .'’-]+){0,2}\s*\(([^()]{2,40})\)\s*[—–-]+")
        .expect("valid regex")
});

static FROM_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s.;])From\s+(\p{Lu}[\p{L}'’.-]*(?:\s+\p{L}[\p{L}'’.-]*){1,3})\s*$")
        .expect("valid regex")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:by|written by|words by|story by|reporting by|author:|authors:|byline:)\s+(.+)$",
    )
    .expect("valid regex")
});

const MONTHS: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?P<iso>(?P<y>\d{{4}})[-/](?P<m>\d{{1,2}})[-/](?P<d>\d{{1,2}}))
        | (?P<mdy>(?P<m1>{MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}}))
        | (?P<dmy>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTHS}),?\s+(?P<y2>\d{{4}}))"
    );
    Regex::new(&pattern).expect("valid regex")
});

static DATE_LINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:(?:first\s+|last\s+)?(?:published|posted|updated|date|dated|modified)(?:\s+on)?\s*:?\s*)?(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?",
    )
    .expect("valid regex")
});

/// Each ASCII byte as it stands in a key: letters lower-cased, digits as
/// they are, and 0 for everything else (a separator). One look-up per byte
/// in the loops that key text.
pub(crate) static ASCII_KEY: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// `s` lower-cased with only letters, digits and single spaces left: the key
/// under which boilerplate phrases and repeated lines are compared.
///
/// ASCII bytes go through a table ([`ASCII_KEY`]); only non-ASCII
/// characters are decoded; the separating space is written only before the
/// next word, so none trails. Keys are taken of every header line and
/// title, and the char-by-char version was a tenth of loading.
pub fn key(s: &str) -> String {
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut gap = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii() {
            let l = ASCII_KEY[c as usize];
            if l == 0 {
                gap = true;
            } else {
                if gap && !out.is_empty() {
                    out.push(b' ');
                }
                gap = false;
                out.push(l);
            }
            i += 1;
            continue;
        }
        let Some(ch) = s[i..].chars().next() else {
            break;
        };
        i += ch.len_utf8();
        if ch.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(b' ');
            }
            gap = false;
            let mut buf = [0u8; 4];
            for l in ch.to_lowercase() {
                out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        } else {
            gap = true;
        }
    }
    // Whole characters and ASCII spaces only: always valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// The first `limit` bytes of `s`, cut back to a char boundary.
pub fn head(s: &str, limit: usize) -> &str {
    if s.len() <= limit {
        return s;
    }
    let mut end = limit;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Whether `word` starts with a capital letter or digit, or is a connector.
fn capitalised_or_connector(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
    bare.is_empty()
        || bare
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        || CONNECTORS.contains(&bare.to_lowercase().as_str())
        || bare
            .split(['-', '’', '\''])
            .next()
            .is_some_and(|p| CONNECTORS.contains(&p))
}

/// Whether `s` is shaped like the name of an outlet.
pub fn outlet_like(s: &str) -> bool {
    let s = s.trim().trim_end_matches(['.', ',', ':']);
    if s.is_empty() || s.len() > 60 {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() > 6 || !words.iter().all(|w| capitalised_or_connector(w)) {
        return false;
    }
    let lower = s.to_lowercase();
    let bare = lower.strip_prefix("the ").unwrap_or(&lower);
    if KNOWN_OUTLETS.contains(&lower.as_str()) || KNOWN_OUTLETS.contains(&bare) {
        return true;
    }
    let last = key(words.last().copied().unwrap_or(""));
    words.len() >= 2 && OUTLET_NOUNS.contains(&last.as_str())
}

/// Whether `s` is shaped like a person's name: one to five capitalised
/// words (connectors and initials allowed), at least `min_words` of them.
pub fn name_like(s: &str, min_words: usize) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (min_words..=5).contains(&words.len())
        && s.len() <= 60
        && words.iter().all(|w| {
            capitalised_or_connector(w)
                && w.chars().all(|c| c.is_alphabetic() || "'’.-".contains(c))
        })
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A name in capitals ("KASRA NEJAT") in title case; others as written.
fn tidy_name(s: &str) -> String {
    let s = s.trim().trim_end_matches([',', ';', '.']).trim();
    if s.chars().any(char::is_lowercase) {
        return s.to_string();
    }
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_string() + &cs.as_str().to_lowercase())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a byline line states.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Byline {
    pub author: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
}

/// Read a byline: "By Kasra Nejat", "By A and B, Reuters", "By The
/// Associated Press", "Written by X | March 3, 2012".
pub fn byline(line: &str) -> Option<Byline> {
    if line.len() > 160 || !may_open_byline(line.trim()) {
        return None;
    }
    let rest = BYLINE.captures(line.trim())?.get(1)?.as_str();
    let mut out = Byline::default();
    let mut authors = Vec::new();
    for part in rest.split(['|', '•', '·', '—', '–']).map(str::trim) {
        if let Some(date) = date_in(part).filter(|_| date_line(part).is_some()) {
            out.date.get_or_insert(date);
            continue;
        }
        for piece in part.split(", ").map(str::trim).filter(|p| !p.is_empty()) {
            // After a name, an outlet-shaped piece is the outlet even when
            // it could be a name ("By A. Otieno, Nairobi Courier").
            let after_name = !authors.is_empty() && outlet_like(piece);
            if let Some(date) = date_in(piece) {
                out.date.get_or_insert(date);
            } else if after_name || names_outlet(piece) {
                out.source.get_or_insert_with(|| piece.to_string());
            } else {
                for name in piece.split(" and ").flat_map(|n| n.split(" & ")) {
                    let name = tidy_name(name);
                    if !name_like(&name, 1) {
                        return None;
                    }
                    authors.push(name);
                }
            }
        }
    }
    if !authors.is_empty() {
        out.author = Some(authors.join(", "));
    }
    (out != Byline::default()).then_some(out)
}

/// Whether `line` may open with one of [`BYLINE`]'s words: a cheap test
/// that spares most lines the regular expression. A non-ASCII first letter
/// is left to it (case-insensitive matching folds "ſ" to "s").
fn may_open_byline(line: &str) -> bool {
    line.as_bytes().first().is_some_and(|&b| {
        !b.is_ascii() || matches!(b.to_ascii_lowercase(), b'b' | b'w' | b's' | b'r' | b'a')
    })
}

/// Whether `s` may hold a [`DATE`]: each of its forms has a digit (`\d`
/// is Unicode, so any non-ASCII byte may start one too).
fn may_hold_date(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit() || !b.is_ascii())
}

/// Whether a byline piece names an outlet rather than a person: "Reuters",
/// "The Associated Press", "Daily Mail" but not "Jane Post".
fn names_outlet(piece: &str) -> bool {
    if !outlet_like(piece) {
        return false;
    }
    let words: Vec<String> = piece.split_whitespace().map(key).collect();
    !name_like(piece, 2)
        || words.len() >= 3
        || words
            .first()
            .is_some_and(|w| w == "the" || OUTLET_NOUNS.contains(&w.as_str()))
}

/// A trailing credit "… From Michael Ware": the name, and where the credit
/// starts in `line`.
pub fn from_credit(line: &str) -> Option<(String, usize)> {
    let tail_start = line.len().saturating_sub(80);
    let tail_start = (tail_start..line.len()).find(|&i| line.is_char_boundary(i))?;
    let caps = FROM_CREDIT.captures(&line[tail_start..])?;
    let name = caps.get(1)?;
    name_like(name.as_str(), 2).then(|| {
        let start = tail_start + caps.get(0).map_or(0, |m| m.start());
        (tidy_name(name.as_str()), start)
    })
}

/// The "Outlet:" that leads `line` ("CNN: An Iranian …"), if it is shaped
/// like a name (short, capitalised).
pub fn lead_prefix(line: &str) -> Option<&str> {
    let line = head(line, 200);
    // The prefix ends at a colon: most lines have none; and it opens with
    // a capital or a digit (non-ASCII bytes are left to the expression).
    let first = line.as_bytes().first()?;
    if first.is_ascii() && !first.is_ascii_uppercase() && !first.is_ascii_digit() {
        return None;
    }
    memchr::memchr(b':', line.as_bytes())?;
    let caps = LEAD_PREFIX.captures(line)?;
    let prefix = caps.get(1)?.as_str();
    prefix
        .split_whitespace()
        .all(capitalised_or_connector)
        .then_some(prefix)
}

/// The outlet a wire dateline names: "BAGHDAD, Iraq (CNN) —" gives "CNN".
pub fn dateline_outlet(line: &str) -> Option<&str> {
    let line = head(line, 200);
    // The outlet is in parentheses: most lines have none. And the place
    // opens with two capitals (or a capital and a space, stop, apostrophe
    // or hyphen): most paragraphs open "The …" and are spared the regular
    // expression. (Non-ASCII bytes are left to it.)
    let bytes = line.as_bytes();
    let first = bytes
        .first()
        .is_some_and(|&b| !b.is_ascii() || b.is_ascii_uppercase());
    let second = bytes.get(1).is_some_and(|&b| {
        !b.is_ascii() || b.is_ascii_uppercase() || matches!(b, b' ' | b'.' | b'\'' | b'-')
    });
    if !(first && second) {
        return None;
    }
    memchr::memchr(b'(', bytes)?;
    let caps = DATELINE.captures(line)?;
    let outlet = caps.get(1)?.as_str().trim();
    (outlet.split_whitespace().count() <= 4 && !outlet.chars().any(|c| c.is_ascii_digit()))
        .then_some(outlet)
}

/// The first date in `s`, as `YYYY-MM-DD` when it can be read that way.
pub fn date_in(s: &str) -> Option<String> {
    let s = head(s, 300);
    if !may_hold_date(s) {
        return None;
    }
    let caps = DATE.captures(s)?;
    let (y, m, d) = if caps.name("iso").is_some() {
        (&caps["y"], caps["m"].parse().ok()?, &caps["d"])
    } else if caps.name("mdy").is_some() {
        (&caps["y1"], month(&caps["m1"])?, &caps["d1"])
    } else {
        (&caps["y2"], month(&caps["m2"])?, &caps["d2"])
    };
    let d: u32 = d.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y}-{m:02}-{d:02}"))
}

/// A line that is only a date, perhaps with "Published"/"Updated" and a time.
pub fn date_line(line: &str) -> Option<String> {
    if line.len() > 100 || !may_hold_date(line) {
        return None;
    }
    let rest = &line[DATE_LINE_PREFIX.find(line).map_or(0, |m| m.end())..];
    let m = DATE.find(rest)?;
    let leftover = rest[m.end()..].trim_start_matches([',', ' ', '|', '-', '•', '·']);
    let leftover_ok = leftover.is_empty()
        || leftover
            .trim_start_matches('T')
            .starts_with(|c: char| c.is_ascii_digit())
        || leftover.to_lowercase().starts_with("at ");
    (m.start() == 0 && leftover_ok && leftover.split_whitespace().count() <= 4)
        .then(|| date_in(rest))
        .flatten()
}

/// A date given in a field (JSON, HTML meta): `YYYY-MM-DD` when readable,
/// otherwise as given.
pub fn normalise_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    Some(date_in(s).unwrap_or_else(|| s.to_string()))
}

fn month(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    NAMES
        .iter()
        .position(|m| name.starts_with(m))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_by_shape_and_by_name() {
        for yes in [
            "Columbia Daily Tribune",
            "Foreign Policy Blogs",
            "CNN",
            "The Seattle Times",
            "Reuters",
            "Al Jazeera",
            "The Associated Press",
        ] {
            assert!(outlet_like(yes), "{yes}");
        }
        for no in [
            "Allies in Iran deserve our help",
            "Times",
            "Supporting MEK: Not a Step",
            "the daily news",
            "Kasra Nejat",
        ] {
            assert!(!outlet_like(no), "{no}");
        }
    }

    #[test]
    fn bylines() {
        let b = byline("By Kasra Nejat").unwrap();
        assert_eq!(b.author.as_deref(), Some("Kasra Nejat"));
        let b = byline("By JANE DOE and Omar al-Rashid, Reuters").unwrap();
        assert_eq!(b.author.as_deref(), Some("Jane Doe, Omar al-Rashid"));
        assert_eq!(b.source.as_deref(), Some("Reuters"));
        let b = byline("By Achieng Otieno, Nairobi Courier").unwrap();
        assert_eq!(b.author.as_deref(), Some("Achieng Otieno"));
        assert_eq!(b.source.as_deref(), Some("Nairobi Courier"));
        let b = byline("Written by Li Wei | March 3, 2012").unwrap();
        assert_eq!(
            (b.author.as_deref(), b.date.as_deref()),
            (Some("Li Wei"), Some("2012-03-03"))
        );
        let b = byline("By The Associated Press").unwrap();
        assert_eq!(
            (b.author, b.source.as_deref()),
            (None, Some("The Associated Press"))
        );
        assert_eq!(byline("By the time we arrived, the camp was empty."), None);
        assert_eq!(byline("Bypass surgery"), None);
    }

    #[test]
    fn credits_prefixes_datelines() {
        let line = "An Iranian group continues to get protection. From Michael Ware";
        let (name, at) = from_credit(line).unwrap();
        assert_eq!(name, "Michael Ware");
        assert!(line[..at].trim_end().ends_with("protection."));
        assert_eq!(from_credit("They fled from Tehran"), None);
        assert_eq!(lead_prefix("CNN: An Iranian group"), Some("CNN"));
        assert_eq!(lead_prefix("Le Monde: Un texte"), Some("Le Monde"));
        assert_eq!(lead_prefix("He said: go"), None);
        assert_eq!(lead_prefix("the group said: go"), None);
        assert_eq!(
            dateline_outlet("BAGHDAD, Iraq (CNN) — An Iranian"),
            Some("CNN")
        );
        assert_eq!(dateline_outlet("NAIROBI, Kenya (AP) - Rains"), Some("AP"));
        assert_eq!(dateline_outlet("The group (MEK) — said"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(
            date_in("on September 12, 2016, he"),
            Some("2016-09-12".into())
        );
        assert_eq!(date_in("3 Sept. 2019"), Some("2019-09-03".into()));
        assert_eq!(
            date_line("Published: Monday, March 3, 2012 at 10:00 a.m."),
            Some("2012-03-03".into())
        );
        assert_eq!(date_line("2016-09-12T10:00:00Z"), Some("2016-09-12".into()));
        assert_eq!(date_line("Kerry spoke on September 12, 2016."), None);
        assert_eq!(normalise_date("yesterday"), Some("yesterday".into()));
    }
}
