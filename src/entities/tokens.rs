//! A tokenizer for entity extraction: words, numbers and punctuation with
//! their byte ranges in the cleaned body, and the facts extraction needs
//! about each (capitalised, all caps, starts a sentence, starts a line).
//!
//! It keeps abbreviations whole ("U.S.", "Sen.", "L.") so a period inside a
//! name does not end a sentence, and splits the possessive "'s" off so
//! "Iran's" yields "Iran". Offsets are always on char boundaries.

use super::gazetteer::Gazetteer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    /// The possessive `'s` / `’s` (or a bare `'` after a plural).
    Poss,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// First character is uppercase.
    pub cap: bool,
    /// Every letter is uppercase and there are at least two letters.
    pub all_caps: bool,
    /// First word of a sentence (capitalisation says nothing about it).
    pub sent_start: bool,
    /// First token of a line (a paragraph, heading or dateline).
    pub line_start: bool,
    /// A line break separates this token from the previous one.
    pub after_break: bool,
}

impl Token {
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }

    pub fn is_capword(&self) -> bool {
        self.kind == TokKind::Word && self.cap
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

/// Split `body` into tokens.
pub fn tokenize(body: &str, gaz: &Gazetteer) -> Vec<Token> {
    let bytes = body.as_bytes();
    let mut out: Vec<Token> = Vec::with_capacity(body.len() / 5);
    let mut at_sentence_start = true;
    // After "U.S." or "(" a capitalised ordinary word may start a sentence
    // or clause ("… in Washington D.C. Image: …"); names still run on.
    let mut soft_start = false;
    let mut saw_break = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            saw_break = true;
            at_sentence_start = true;
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let c = if b.is_ascii() {
            b as char
        } else {
            match body[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind;
        // (cap, all caps) when the fast path already knows them.
        let mut shape = None;
        if b.is_ascii_alphanumeric()
            && let Some((end, lower, letters)) = plain_ascii_word(bytes, i)
        {
            // Most words: ASCII letters or digits then a space or plain
            // punctuation. Their facts come from the one pass over them.
            i = end;
            if b.is_ascii_digit() {
                kind = TokKind::Num;
            } else {
                kind = TokKind::Word;
                let upper = b.is_ascii_uppercase();
                shape = Some((upper, upper && !lower && letters >= 2));
            }
        } else if c.is_alphanumeric() {
            let end = scan_word(body, i, gaz);
            kind = if c.is_ascii_digit() {
                TokKind::Num
            } else {
                TokKind::Word
            };
            i = end;
        } else if is_apostrophe(c) && possessive_at(body, i, &out) {
            kind = TokKind::Poss;
            i += c.len_utf8();
            if body[i..].starts_with('s') {
                i += 1;
            }
        } else {
            kind = TokKind::Punct;
            i += c.len_utf8();
        }
        let text = &body[start..i];
        let (cap, all_caps) = if let Some(shape) = shape {
            shape
        } else if kind == TokKind::Word {
            // "e-Khalq", "al-Maliki": a lowercase particle before a name.
            let first_upper = match text.as_bytes()[0] {
                b'A'..=b'Z' => true,
                b'a'..=b'z' => particle(text),
                b if b.is_ascii() => false,
                _ => text.chars().next().is_some_and(char::is_uppercase),
            };
            let all = first_upper && {
                if text.is_ascii() {
                    let b = text.as_bytes();
                    !b.iter().any(u8::is_ascii_lowercase)
                        && b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2
                } else {
                    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
                    letters >= 2 && !text.chars().any(char::is_lowercase)
                }
            };
            (first_upper, all)
        } else {
            (false, false)
        };
        let soft = soft_start
            && kind == TokKind::Word
            && cap
            && (gaz.is_common(text) || gaz.is_not_name(text))
            && !gaz
                .lookup(text)
                .is_some_and(|l| l.title || l.place || l.alias.is_some())
            && !gaz.is_org_cue(text)
            && gaz.place_cue(text).is_none()
            && !gaz.is_given(text);
        let sent_start =
            (at_sentence_start || soft) && matches!(kind, TokKind::Word | TokKind::Num);
        out.push(Token {
            start,
            end: i,
            kind,
            cap,
            all_caps,
            sent_start,
            line_start: saw_break,
            after_break: saw_break,
        });
        saw_break = false;
        soft_start = match kind {
            TokKind::Word => {
                text.ends_with('.')
                    && text.chars().count() > 2
                    && !gaz.lookup(text).is_some_and(|l| l.title)
            }
            TokKind::Punct => matches!(text, "(" | "\"" | "“" | "‘" | "'" | "[") || soft_start,
            _ => false,
        };
        match kind {
            TokKind::Word | TokKind::Num | TokKind::Poss => at_sentence_start = false,
            TokKind::Punct => {
                if ends_sentence(text, body, i) {
                    at_sentence_start = true;
                }
            }
        }
    }
    out
}

/// The end of the ASCII word or number at `i`, whether it has a lowercase
/// letter and how many letters, when nothing after it can join it
/// (`scan_word` would stop there too); `None` sends the word to
/// `scan_word`.
fn plain_ascii_word(bytes: &[u8], i: usize) -> Option<(usize, bool, usize)> {
    let mut j = i;
    let mut lower = false;
    let mut letters = 0;
    while let Some(&b) = bytes.get(j) {
        if b.is_ascii_lowercase() {
            lower = true;
            letters += 1;
        } else if b.is_ascii_uppercase() {
            letters += 1;
        } else if !b.is_ascii_digit() {
            break;
        }
        j += 1;
    }
    let plain = match bytes.get(j) {
        None => true,
        // Non-ASCII letters, hyphens and apostrophes; "-", "&", "'", "."
        // and "%" may join or end a word.
        Some(&b) if b >= 0x80 || matches!(b, b'-' | b'&' | b'\'' | b'.' | b'%') => false,
        // "3,000" and "1,5".
        Some(b',') => !bytes.get(j + 1).is_some_and(u8::is_ascii_digit),
        Some(_) => true,
    };
    plain.then_some((j, lower, letters))
}

/// "e-Khalq", "al-Maliki": a lowercase particle, a hyphen, a capitalised
/// name. (A byte scan: particles are at most three letters long, and this
/// is asked of every lowercase word.)
fn particle(text: &str) -> bool {
    let b = text.as_bytes();
    let Some(k) = b.iter().take(4).position(|&c| c == b'-') else {
        return false;
    };
    matches!(
        &text[..k],
        "e" | "al" | "el" | "ul" | "bin" | "ibn" | "de" | "di" | "da" | "van" | "von"
    ) && text[k + 1..].starts_with(char::is_uppercase)
}

/// Sentence-ending punctuation: `.`, `!`, `?`, `:`, bullets and dashes that
/// open a line, when followed by space or the end.
fn ends_sentence(p: &str, body: &str, after: usize) -> bool {
    let next_space = body[after..]
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || c == '"' || c == '“' || c == '”');
    next_space && matches!(p, "." | "!" | "?" | ":" | "•" | "…" | "—" | "–")
}

/// An apostrophe that makes a possessive: after a word, followed by `s` and
/// a non-letter, or after a word ending in `s` and followed by a non-letter.
fn possessive_at(body: &str, i: usize, out: &[Token]) -> bool {
    let Some(prev) = out.last() else {
        return false;
    };
    if prev.end != i || prev.kind != TokKind::Word {
        return false;
    }
    let rest = &body[i..];
    let after = rest.chars().nth(1);
    let after2 = rest.chars().nth(2);
    match after {
        Some('s') => after2.is_none_or(|c| !c.is_alphanumeric()),
        Some(c) => !c.is_alphanumeric() && body[prev.start..prev.end].ends_with('s'),
        None => body[prev.start..prev.end].ends_with('s'),
    }
}

/// The end of the word or number starting at `i`.
fn scan_word(body: &str, i: usize, gaz: &Gazetteer) -> usize {
    // Fast path over the ASCII letters and digits that make most words.
    let bytes = body.as_bytes();
    let mut j = i;
    while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
        j += 1;
    }
    let mut end = j;
    let mut chars = body[j..].char_indices().peekable();
    let mut letters_since_dot = j - i;
    let mut dotted = false;
    while let Some((off, c)) = chars.next() {
        let pos = j + off;
        if c.is_alphanumeric() {
            end = pos + c.len_utf8();
            letters_since_dot += 1;
            continue;
        }
        let next = chars.peek().map(|&(_, n)| n);
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        if (is_hyphen(c) || c == '&') && next_alnum {
            end = pos + c.len_utf8();
            letters_since_dot = 0;
            continue;
        }
        if is_apostrophe(c) && next_alnum {
            // "al-Wa’eli", "O'Brien", but not the possessive "Iran's".
            let rest = &body[pos + c.len_utf8()..];
            let is_poss = rest.starts_with('s')
                && rest[1..]
                    .chars()
                    .next()
                    .is_none_or(|n| !n.is_alphanumeric());
            if is_poss {
                break;
            }
            end = pos + c.len_utf8();
            continue;
        }
        if (c == ',' || c == '.') && next.is_some_and(|n| n.is_ascii_digit()) && {
            let w = &body[i..pos];
            w.chars().next().is_some_and(|f| f.is_ascii_digit())
        } {
            // 3,000 and 1.5
            end = pos + 1;
            continue;
        }
        if c == '%'
            && body[i..pos]
                .chars()
                .all(|d| d.is_ascii_digit() || d == '.' || d == ',')
        {
            end = pos + 1;
            break;
        }
        if c == '.' {
            // "U.S." and "D.C.": single letters joined by periods.
            if letters_since_dot == 1 && (next_alnum || dotted) {
                dotted = true;
                end = pos + 1;
                letters_since_dot = 0;
                if next_alnum {
                    continue;
                }
                break;
            }
            if dotted {
                break;
            }
            let word = &body[i..pos];
            let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if single_initial || gaz.is_abbreviation(word) {
                end = pos + 1;
            }
            break;
        }
        break;
    }
    end
}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, Gazetteer::get())
            .iter()
            .map(|t| t.text(s).to_string())
            .collect()
    }

    #[test]
    fn keeps_abbreviations_and_splits_possessives() {
        assert_eq!(
            words("Sen. Roy Blunt met U.S. envoys in Iran’s capital."),
            [
                "Sen.", "Roy", "Blunt", "met", "U.S.", "envoys", "in", "Iran", "’s", "capital", "."
            ]
        );
        assert_eq!(
            words("L. Ron Hubbard and al-Wa’eli, 3,000 men, 60% of D.C."),
            [
                "L.",
                "Ron",
                "Hubbard",
                "and",
                "al-Wa’eli",
                ",",
                "3,000",
                "men",
                ",",
                "60%",
                "of",
                "D.C."
            ]
        );
    }

    #[test]
    fn marks_sentence_and_line_starts() {
        let s = "He left. However, Kerry stayed.\nBAGHDAD, Iraq";
        let toks = tokenize(s, Gazetteer::get());
        let starts: Vec<&str> = toks
            .iter()
            .filter(|t| t.sent_start)
            .map(|t| t.text(s))
            .collect();
        assert_eq!(starts, ["He", "However", "BAGHDAD"]);
        assert!(
            toks.iter()
                .any(|t| t.text(s) == "BAGHDAD" && t.line_start && t.all_caps)
        );
    }

    /// Pieces of text that exercise every branch of the tokenizer: ASCII
    /// and other letters, joiners, abbreviations, numbers, quotes, breaks.
    const PIECES: &[&str] = &[
        "Iran",
        "iran",
        "U",
        "S",
        ".",
        ",",
        " ",
        "  ",
        "\n",
        "\t",
        "'",
        "’",
        "s",
        "-",
        "‐",
        "‑",
        "&",
        "%",
        "3",
        "000",
        "1.5",
        "é",
        "Gérald",
        "al",
        "e",
        "Sen",
        "Dec",
        "(",
        ")",
        "\"",
        "“",
        "”",
        "‘",
        "[",
        "MEK",
        "UNLESS",
        "the",
        "However",
        "42",
        ":",
        "!",
        "?",
        "—",
        "–",
        "…",
        "•",
        "#",
        "@",
        "Théâtre",
        "ß",
        "İ",
        "ΦΧ",
        "x",
        "L",
        "D.C.",
        "R",
        "st",
        "th",
        "Camp",
        "\u{a0}",
    ];

    fn shown(toks: &[Token]) -> Vec<String> {
        toks.iter().map(|t| format!("{t:?}")).collect()
    }

    proptest::proptest! {
        #[test]
        fn fast_paths_tokenize_as_the_reference(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
        ) {
            let s = parts.concat();
            let g = Gazetteer::get();
            proptest::prop_assert_eq!(shown(&tokenize(&s, g)), shown(&reference::tokenize(&s, g)));
        }
    }

    #[test]
    fn fast_paths_tokenize_the_fixtures_as_the_reference() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gum-news/text");
        let mut docs = crate::store::load(&[dir]).expect("fixtures").docs;
        docs.extend(crate::store::bundled().docs);
        assert!(docs.len() > 10);
        let g = Gazetteer::get();
        for d in &docs {
            assert_eq!(
                shown(&tokenize(&d.body, g)),
                shown(&reference::tokenize(&d.body, g)),
                "{}",
                d.id
            );
        }
    }
}
