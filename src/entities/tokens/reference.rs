//! The tokenizer as it was before its ASCII fast paths, kept as the
//! oracle of a differential test: the fast paths must give the same tokens
//! on any text.

use super::{TokKind, Token, ends_sentence, is_apostrophe, particle, possessive_at, scan_word};
use crate::entities::gazetteer::Gazetteer;

/// Split `body` into tokens.
pub(super) fn tokenize(body: &str, gaz: &Gazetteer) -> Vec<Token> {
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
        if c.is_alphanumeric() {
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
            plain: super::is_plain(body, start, i, kind),
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
