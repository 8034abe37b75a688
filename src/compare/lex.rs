//! A small word-and-punctuation lexer for reading the phrases around a
//! mention, plus the closed word classes (determiners, prepositions, clause
//! openers, auxiliaries) the descriptor patterns are written in.
//!
//! Tokens carry byte offsets into the body they were cut from, so a phrase
//! found on tokens maps straight back to a char-safe slice of the text.

/// A word (letters and digits, with inner hyphens, apostrophes and the dots
/// of abbreviations such as `U.S.`) or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

impl Tok {
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }
}

/// Apostrophes as typed (`'`) and as typeset (`’`, `ʼ`).
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Characters that may join two runs of letters into one word.
fn is_joiner(c: char) -> bool {
    is_apostrophe(c) || matches!(c, '-' | '‐' | '.' | '&')
}

/// Cut `body` into tokens. A possessive `'s` becomes a word of its own, so a
/// mention of "Iran" lines up with the token "Iran" in "Iran's".
pub fn lex(body: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(body.len() / 5);
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            toks.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                word: false,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            let next = body[j + d.len_utf8()..].chars().next();
            if !is_joiner(d) || !next.is_some_and(char::is_alphanumeric) {
                break;
            }
            // "Iran's": stop before the possessive, which follows as a word.
            let after = &body[j + d.len_utf8()..];
            if is_apostrophe(d)
                && (after.starts_with('s') || after.starts_with('S'))
                && !after[1..].chars().next().is_some_and(char::is_alphanumeric)
            {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        // A final dot belongs to an initialism ("U.S.", "U.N.").
        if body[end..].starts_with('.') && is_initialism(&body[i..end]) {
            end += 1;
            chars.next();
        }
        toks.push(Tok {
            start: i,
            end,
            word: true,
        });
        // The possessive marker, if one was left behind.
        if let Some(&(j, d)) = chars.peek()
            && j == end
            && is_apostrophe(d)
        {
            let s_at = j + d.len_utf8();
            if body[s_at..].starts_with(['s', 'S'])
                && !body[s_at + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                chars.next();
                chars.next();
                toks.push(Tok {
                    start: j,
                    end: s_at + 1,
                    word: true,
                });
            }
        }
    }
    toks
}

/// "U.S", "U.N": single letters joined by dots.
fn is_initialism(word: &str) -> bool {
    word.len() >= 3
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// Lowercase comparison against a word list without allocating for ASCII.
fn is_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

pub fn is_possessive(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(a), Some('s' | 'S'), None) if is_apostrophe(a)
    )
}

/// Quantities that head a subject, not a title: "dozens of members".
pub fn is_quantifier(word: &str) -> bool {
    is_in(
        word,
        &[
            "dozens",
            "hundreds",
            "thousands",
            "millions",
            "some",
            "many",
            "most",
            "all",
            "both",
            "each",
            "none",
            "several",
            "few",
            "much",
            "more",
            "any",
            "half",
            "part",
            "scores",
        ],
    )
}

pub fn is_det(word: &str) -> bool {
    is_in(word, &["a", "an", "the"])
}

/// Words that may open an appositive noun phrase.
pub fn is_np_opener(word: &str) -> bool {
    is_det(word) || is_in(word, &["one", "another", "its", "their", "his", "her"])
}

pub fn is_prep(word: &str) -> bool {
    is_in(
        word,
        &[
            "of",
            "in",
            "on",
            "at",
            "to",
            "for",
            "from",
            "with",
            "against",
            "by",
            "about",
            "over",
            "under",
            "between",
            "among",
            "into",
            "within",
            "without",
            "across",
            "toward",
            "towards",
            "through",
            "during",
            "inside",
            "outside",
            "near",
            "behind",
            "beyond",
            "amid",
            "upon",
            "like",
            "unlike",
            "including",
            "featuring",
            "involving",
            "regarding",
            "concerning",
            "following",
            "via",
            "per",
            "except",
            "besides",
            "versus",
        ],
    )
}

/// Words that end a descriptive phrase: they open a clause, an agent or a
/// reason, which is no longer a description of the entity.
pub fn is_clause_word(word: &str) -> bool {
    is_in(
        word,
        &[
            "that",
            "which",
            "who",
            "whom",
            "whose",
            "where",
            "when",
            "while",
            "because",
            "since",
            "although",
            "though",
            "despite",
            "after",
            "before",
            "until",
            "unless",
            "if",
            "as",
            "by",
            "meaning",
            "whereas",
            "but",
            "so",
            "yet",
            "whether",
            "according",
            "said",
            "says",
            "told",
            "than",
            "not",
        ],
    )
}

/// Finite auxiliaries and copulas: a phrase that reaches one has become a
/// clause.
pub fn is_aux(word: &str) -> bool {
    is_in(
        word,
        &[
            "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will",
            "would", "can", "could", "should", "may", "might", "must", "does", "do", "did",
            "shall",
        ],
    )
}

/// Relative pronouns: after one, an auxiliary belongs to a relative
/// clause inside the phrase, not to a new main clause.
pub fn is_relative(word: &str) -> bool {
    is_in(word, &["that", "which", "who", "whom", "whose"])
}

pub fn is_be(word: &str) -> bool {
    is_in(
        word,
        &["is", "are", "was", "were", "remains", "remained", "became"],
    )
}

/// Adverbs that may sit inside a verb group ("has repeatedly been
/// denounced", "officially considers").
pub fn is_adverb(word: &str) -> bool {
    let lower = word.len() > 3 && word.ends_with("ly") && starts_lower(word);
    lower
        || is_in(
            word,
            &[
                "also",
                "still",
                "long",
                "often",
                "now",
                "even",
                "already",
                "once",
                "never",
                "always",
                "sometimes",
                "not",
            ],
        )
}

/// Conjunctions and other words a phrase must not end on.
pub fn is_function_word(word: &str) -> bool {
    is_det(word)
        || is_prep(word)
        || is_aux(word)
        || is_in(
            word,
            &[
                "and", "or", "nor", "also", "its", "their", "his", "her", "this", "these",
            ],
        )
}

pub fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// A word that describes rather than names: lowercase ("terrorist"), or a
/// compound with a lowercase part ("Paris-based"), and not a function word.
pub fn is_content(word: &str) -> bool {
    if is_function_word(word) || is_possessive(word) || !word.chars().any(char::is_alphabetic) {
        return false;
    }
    starts_lower(word) || word.split(['-', '‐']).skip(1).any(starts_lower)
}

/// Opening and closing quote marks, which a phrase may start after and
/// always ends at.
pub fn is_quote(c: &str) -> bool {
    matches!(c, "\"" | "“" | "”" | "‘" | "’" | "'" | "«" | "»")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        lex(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn lexes_abbreviations_compounds_and_possessives() {
        assert_eq!(
            words("the U.S. and Iran’s Mujahedin-e Khalq (MEK)."),
            vec![
                "the",
                "U.S.",
                "and",
                "Iran",
                "’s",
                "Mujahedin-e",
                "Khalq",
                "(",
                "MEK",
                ")",
                "."
            ]
        );
        assert_eq!(words("al-Wa’eli — don't"), vec!["al-Wa’eli", "—", "don't"]);
        assert_eq!(words("‘people,’ he"), vec!["‘", "people", ",", "’", "he"]);
    }

    #[test]
    fn classes() {
        assert!(is_content("terrorist"));
        assert!(is_content("Paris-based"));
        assert!(!is_content("Iranian"));
        assert!(!is_content("the"));
        assert!(is_possessive("’s"));
        assert!(is_adverb("repeatedly"));
        assert!(!is_adverb("Italy"));
    }
}
