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
    /// The token is ASCII letters and digits only, and no letter follows
    /// it: its text is the word a gazetteer phrase would start with, so
    /// phrase lookups need not find that word again.
    pub plain: bool,
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
    let mut flow = Flow {
        at_sentence_start: true,
        soft_start: false,
        saw_break: true,
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Most tokens: ASCII letters or digits then a space or plain
        // punctuation. Their facts come from the one pass over them.
        if ALNUM[b as usize]
            && let Some((end, word_end)) = plain_ascii_word(bytes, i, gaz)
        {
            let (kind, cap, all_caps) = if b.is_ascii_digit() {
                (TokKind::Num, false, false)
            } else {
                let upper = b.is_ascii_uppercase();
                // All caps: no lowercase letter, and two letters or more.
                // (A capitalised word is settled at its second letter.)
                let word = &bytes[i..word_end];
                let all = upper
                    && !word.iter().any(u8::is_ascii_lowercase)
                    && word.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2;
                (TokKind::Word, upper, all)
            };
            let shape = Shape {
                kind,
                cap,
                all_caps,
                plain: end == word_end,
            };
            out.push(flow.token(body, gaz, i, end, shape));
            i = end;
            continue;
        }
        if b == b'\n' {
            flow.saw_break = true;
            flow.at_sentence_start = true;
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let Some((end, shape)) = other_token(body, i, gaz, &out) else {
            // Non-ASCII whitespace.
            i += body[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        out.push(flow.token(body, gaz, i, end, shape));
        i = end;
    }
    out
}

/// What the tokenizer carries from one token to the next.
struct Flow {
    at_sentence_start: bool,
    /// After "U.S." or "(" a capitalised ordinary word may start a sentence
    /// or clause ("… in Washington D.C. Image: …"); names still run on.
    soft_start: bool,
    saw_break: bool,
}

/// A token's kind and shape, as its scan found them.
struct Shape {
    kind: TokKind,
    cap: bool,
    all_caps: bool,
    plain: bool,
}

impl Flow {
    /// The token `start..end`, with what the tokens before it say (sentence
    /// and line starts); the state moves on past it.
    #[inline(always)]
    fn token(&mut self, body: &str, gaz: &Gazetteer, start: usize, end: usize, s: Shape) -> Token {
        let text = &body[start..end];
        let kind = s.kind;
        let soft = self.soft_start
            && kind == TokKind::Word
            && s.cap
            && (gaz.is_common(text) || gaz.is_not_name(text))
            && !gaz
                .lookup(text)
                .is_some_and(|l| l.title || l.place || l.alias.is_some())
            && !gaz.is_org_cue(text)
            && gaz.place_cue(text).is_none()
            && !gaz.is_given(text);
        let sent_start =
            (self.at_sentence_start || soft) && matches!(kind, TokKind::Word | TokKind::Num);
        let token = Token {
            start,
            end,
            kind,
            cap: s.cap,
            all_caps: s.all_caps,
            sent_start,
            line_start: self.saw_break,
            after_break: self.saw_break,
            plain: s.plain,
        };
        self.saw_break = false;
        self.soft_start = match kind {
            TokKind::Word => {
                text.ends_with('.')
                    && text.chars().count() > 2
                    && !gaz.lookup(text).is_some_and(|l| l.title)
            }
            TokKind::Punct => matches!(text, "(" | "\"" | "“" | "‘" | "'" | "[") || self.soft_start,
            _ => false,
        };
        match kind {
            TokKind::Word | TokKind::Num | TokKind::Poss => self.at_sentence_start = false,
            TokKind::Punct => {
                if ends_sentence(text, body, end) {
                    self.at_sentence_start = true;
                }
            }
        }
        token
    }
}

/// The token at `i` that the fast path does not take (non-ASCII, joined
/// words, abbreviations, numbers with commas, punctuation): its end and
/// shape; `None` at non-ASCII whitespace. Kept out of line, so the loop
/// over plain words stays small.
#[inline(never)]
fn other_token(body: &str, i: usize, gaz: &Gazetteer, out: &[Token]) -> Option<(usize, Shape)> {
    let c = body[i..].chars().next()?;
    if c.is_whitespace() {
        return None;
    }
    let kind;
    let end;
    if c.is_alphanumeric() {
        end = scan_word(body, i, gaz);
        kind = if c.is_ascii_digit() {
            TokKind::Num
        } else {
            TokKind::Word
        };
    } else if is_apostrophe(c) && possessive_at(body, i, out) {
        kind = TokKind::Poss;
        let after = i + c.len_utf8();
        end = if body[after..].starts_with('s') {
            after + 1
        } else {
            after
        };
    } else {
        kind = TokKind::Punct;
        end = i + c.len_utf8();
    }
    let text = &body[i..end];
    let (cap, all_caps) = if kind == TokKind::Word {
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
    let shape = Shape {
        kind,
        cap,
        all_caps,
        plain: is_plain(body, i, end, kind),
    };
    Some((end, shape))
}

/// ASCII letters and digits, so the loop over a word reads one table
/// entry a byte.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the ASCII word or number at `i` and the end of its letters
/// and digits, when nothing after it can join it (`scan_word` would stop
/// there too); `None` sends the word to `scan_word`. The end is after a
/// period when the word is a listed abbreviation ("Sen."), as `scan_word`
/// decides for a word of two characters or more.
fn plain_ascii_word(bytes: &[u8], i: usize, gaz: &Gazetteer) -> Option<(usize, usize)> {
    let rest = &bytes[i..];
    let j = i + rest
        .iter()
        .position(|&b| !ALNUM[b as usize])
        .unwrap_or(rest.len());
    let digit_first = bytes[i].is_ascii_digit();
    let next_digit = || bytes.get(j + 1).is_some_and(u8::is_ascii_digit);
    let end = match bytes.get(j) {
        None => j,
        // Curly quotes, dashes, ellipses and spaces of U+2000–U+203F end a
        // word; not the two hyphens (U+2010, U+2011) or the apostrophe
        // (U+2019), which may join one.
        Some(0xE2)
            if bytes.get(j + 1) == Some(&0x80)
                && bytes
                    .get(j + 2)
                    .is_some_and(|&c| !matches!(c, 0x90 | 0x91 | 0x99)) =>
        {
            j
        }
        // "1.5" and single letters ("U.S.", "L.") are for `scan_word`; a
        // longer word keeps its period only if it is an abbreviation.
        Some(b'.') if j - i >= 2 && !(digit_first && next_digit()) => {
            let word = std::str::from_utf8(&bytes[i..j]).ok()?;
            if gaz.is_abbreviation(word) { j + 1 } else { j }
        }
        // Non-ASCII letters, hyphens and apostrophes; "-", "&", "'", "."
        // and "%" may join or end a word.
        Some(&b) if b >= 0x80 || matches!(b, b'-' | b'&' | b'\'' | b'.' | b'%') => return None,
        // "3,000" and "1,5".
        Some(b',') if digit_first && next_digit() => return None,
        Some(_) => j,
    };
    Some((end, j))
}

/// Whether the token `start..end` is a plain word: ASCII letters and digits
/// with no letter or digit after it (see `Token::plain`).
pub(super) fn is_plain(body: &str, start: usize, end: usize, kind: TokKind) -> bool {
    matches!(kind, TokKind::Word | TokKind::Num)
        && body.as_bytes()[start..end]
            .iter()
            .all(u8::is_ascii_alphanumeric)
        && body[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
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
