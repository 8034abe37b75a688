//! Links the text itself states between two names: an acronym in brackets
//! after its expansion ("Mujahedin-e Khalq (MEK)"), "X, or Y" when one is
//! the initials of the other ("Mojahedin Khalq Organization, or MKO"),
//! "X, also known as Y", and "X … the initials of Y".

use super::Kind;
use super::extract::Extractor;
use super::tokens::TokKind;

/// Add the links between the candidates of `x`, which are sorted by start.
pub fn find(x: &mut Extractor) {
    let mut links = Vec::new();
    let cands = x.cands();
    let names = |i: usize| {
        cands[i]
            .kind
            .is_none_or(|k| matches!(k, Kind::Org | Kind::Place | Kind::Person))
    };
    for i in 0..cands.len() {
        if !names(i) {
            continue;
        }
        let Some(j) = (i + 1..cands.len()).find(|&j| cands[j].start >= cands[i].end && names(j))
        else {
            continue;
        };
        let (a, b) = (&cands[i], &cands[j]);
        if b.first_tok <= a.last_tok {
            continue;
        }
        // Links are stated in a few words; skip far neighbours cheaply.
        if b.first_tok - a.last_tok > 14 {
            continue;
        }
        // Past four words only an acronym's "initials of" link is left:
        // for any other name, stop there.
        let acronym = is_acronym(&a.name);
        let most = if acronym { 13 } else { 4 };
        // At most 13 words between: on the stack, not a Vec per pair.
        let mut words = [""; 14];
        let mut len = 0;
        for w in (a.last_tok + 1..b.first_tok).map(|t| x.text(t)) {
            if w != "the" {
                if len == most {
                    len += 1;
                    break;
                }
                words[len] = w;
                len += 1;
            }
        }
        if len > most {
            continue;
        }
        let between = &words[..len];
        let after = x.text(b.last_tok + 1);
        let compat = || initials_match(&b.name, &a.name) || initials_match(&a.name, &b.name);
        let stated = match between {
            ["("] => after == ")" && compat(),
            ["or"] | [",", "or"] => matches!(after, "," | "." | ")" | ";" | "") && compat(),
            [",", "also", "known", "as"]
            | ["also", "known", "as"]
            | ["(", "also", "known", "as"] => true,
            [",", "aka"]
            | ["aka"]
            | ["(", "aka"]
            | [",", "a.k.a."]
            | ["(", "formerly"]
            | [",", "formerly"] => true,
            _ => {
                let explicit = between.windows(2).any(|w| {
                    matches!(
                        w,
                        ["initials", "of"]
                            | ["stands", "for"]
                            | ["short", "for"]
                            | ["acronym", "for"]
                            | ["abbreviation", "for"]
                            | ["acronym", "of"]
                    )
                });
                let one_sentence = || {
                    (a.last_tok + 1..b.first_tok).all(|t| {
                        !(x.toks[t].kind == TokKind::Punct && matches!(x.text(t), "." | "!" | "?"))
                    })
                };
                explicit && between.len() <= 12 && acronym && one_sentence()
            }
        };
        if stated {
            links.push((i, j));
        }
    }
    x.cands_mut().links = links;
}

/// An all-caps short form: "MEK", "U.N.", "UNHCR".
pub fn is_acronym(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c == ' ' || c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    (2..=8).contains(&letters)
}

/// Whether `short` is the initials of `long`: each significant word of
/// `long` gives one letter, in order; small words ("of", "the", "e") may
/// give one or none; one extra letter at either end is allowed
/// ("IRGC" for "Revolutionary Guard Corps" of Iran).
pub fn initials_match(short: &str, long: &str) -> bool {
    if !is_acronym(short) || long.split_whitespace().count() < 2 && !long.contains('-') {
        return false;
    }
    // At most 8 letters (an acronym's), each lowercased into at most 3
    // chars: on the stack.
    let mut letters = ['\0'; 24];
    let mut n = 0;
    for c in short
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
    {
        letters[n] = c;
        n += 1;
    }
    let words = || {
        long.split(|c: char| c.is_whitespace() || c == '-' || c == '‐')
            .filter(|w| !w.is_empty())
            .filter_map(|w| {
                let small = matches!(
                    w,
                    "of" | "the"
                        | "for"
                        | "and"
                        | "e"
                        | "de"
                        | "al"
                        | "el"
                        | "&"
                        | "on"
                        | "in"
                        | "to"
                );
                w.chars()
                    .next()
                    .map(|c| (c.to_lowercase().next().unwrap_or(c), small))
            })
    };
    // Whether `letters` explain every word, in order: a small word gives
    // its first letter or none, any other word its first letter. The
    // state is the set of how many letters the words so far can explain
    // (bit i: letters[..i]), carried word by word.
    let fits = |letters: &[char]| {
        let mut state: u32 = 1;
        for (c, small) in words() {
            let mut next = if small { state } else { 0 };
            for (i, &l) in letters.iter().enumerate() {
                if state & (1 << i) != 0 && l == c {
                    next |= 1 << (i + 1);
                }
            }
            state = next;
            if state == 0 {
                return false;
            }
        }
        state & (1 << letters.len()) != 0
    };
    let letters = &letters[..n];
    fits(letters) || (n > 2 && (fits(&letters[1..]) || fits(&letters[..n - 1])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::extract::extract;

    #[test]
    fn initials() {
        assert!(initials_match("MEK", "Mujahedin-e Khalq"));
        assert!(initials_match("MKO", "Mojahedin Khalq Organization"));
        assert!(initials_match(
            "UNHCR",
            "United Nations High Commissioner for Refugees"
        ));
        assert!(initials_match(
            "ICRC",
            "International Committee of the Red Cross"
        ));
        assert!(initials_match("IRGC", "Revolutionary Guard Corps"));
        assert!(!initials_match("MEK", "Camp Ashraf"));
        assert!(!initials_match("CNN", "Michael Ware"));
    }

    fn linked(s: &str) -> Vec<(String, String)> {
        let x = extract(s);
        x.links
            .iter()
            .map(|&(a, b)| (x.cands[a].name.clone(), x.cands[b].name.clone()))
            .collect()
    }

    #[test]
    fn stated_links() {
        assert_eq!(
            linked("the main opposition, the Mujahedin-e Khalq (MEK). According to"),
            [("Mujahedin-e Khalq".to_string(), "MEK".to_string())]
        );
        let l =
            linked("would not comment on MEK, also known as Mojahedin Khalq Organization, or MKO.");
        assert_eq!(l.len(), 2, "{l:?}");
        let l = linked(
            "members of the MEK – the Farsi language initials of the People’s Mujahedeen – beyond",
        );
        assert_eq!(l, [("MEK".to_string(), "People’s Mujahedeen".to_string())]);
        assert!(linked("Tanter and Martin, or Kerry.").is_empty());
    }
}
