//! Dates and quantities: "September 12, 2016", "Friday, July 21, 2017",
//! "March 2006", "in 2009", "the 1980s"; "more than 3,000 members",
//! "35 civilians", "60%", "$5 million". They are found before names so that
//! "March" or "Sunday" never become a person or a place.

use super::Kind;
use super::gazetteer::Gazetteer;
use super::tokens::{TokKind, Token};

/// A date or quantity over tokens `first..last` (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: usize,
    pub last: usize,
    pub kind: Kind,
}

fn is_day(t: &str) -> bool {
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    digits.len() <= 2
        && !digits.is_empty()
        && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
        && matches!(&t[digits.len()..], "" | "st" | "nd" | "rd" | "th")
}

fn is_year(t: &str) -> bool {
    t.len() == 4 && t.parse::<u16>().is_ok_and(|y| (1800..=2100).contains(&y))
}

fn is_decade(t: &str) -> bool {
    t.len() == 5 && t.ends_with('s') && is_year(&t[..4])
}

/// Find every date and quantity, in order, not overlapping.
pub fn scan(body: &str, toks: &[Token], gaz: &Gazetteer) -> Vec<Span> {
    let text = |i: usize| toks.get(i).map_or("", |t| t.text(body));
    let is_punct =
        |i: usize, p: &str| toks.get(i).is_some_and(|t| t.kind == TokKind::Punct) && text(i) == p;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // Punctuation starts nothing, and a lowercase word only a quantity
        // ("thirty-six members"): most tokens are settled here.
        match t.kind {
            TokKind::Punct | TokKind::Poss => {
                i += 1;
                continue;
            }
            TokKind::Word if !t.cap => {
                if gaz.is_number_word(text(i))
                    && let Some(span) = quantity(body, toks, i, gaz)
                {
                    i = span.last + 1;
                    out.push(span);
                } else {
                    i += 1;
                }
                continue;
            }
            TokKind::Word | TokKind::Num => {}
        }
        let w = text(i);
        // Dates.
        let month = (t.kind == TokKind::Word && t.cap)
            .then(|| gaz.month(w))
            .flatten();
        if let Some(_m) = month {
            let mut last = i;
            if is_day(text(i + 1)) {
                last = i + 1;
                if is_punct(i + 2, ",") && is_year(text(i + 3)) {
                    last = i + 3;
                } else if is_year(text(i + 2)) {
                    last = i + 2;
                }
            } else if is_year(text(i + 1)) {
                last = i + 1;
            }
            // "May" alone is mostly the verb.
            let bare_ok = w != "May" || last > i;
            if bare_ok {
                let mut first = i;
                // "19 June 2018"
                if i > 0 && is_day(text(i - 1)) && out.last().is_none_or(|s: &Span| s.last < i - 1)
                {
                    first = i - 1;
                }
                // "Friday, July 21"
                if first >= 2 && is_punct(first - 1, ",") && gaz.is_weekday(text(first - 2)) {
                    if out.last().is_some_and(|s: &Span| s.first == first - 2) {
                        out.pop();
                    }
                    first -= 2;
                }
                out.push(Span {
                    first,
                    last,
                    kind: Kind::Date,
                });
                i = last + 1;
                continue;
            }
        }
        if t.kind == TokKind::Word && t.cap && gaz.is_weekday(w) {
            out.push(Span {
                first: i,
                last: i,
                kind: Kind::Date,
            });
            i += 1;
            continue;
        }
        if t.kind == TokKind::Num
            && (is_year(w) || is_decade(w))
            && !quantity_follows(body, toks, i, gaz)
        {
            out.push(Span {
                first: i,
                last: i,
                kind: Kind::Date,
            });
            i += 1;
            continue;
        }
        // A clock time or ratio ("06:40", "14:30:05", "3:1") counts
        // nothing: its numbers are skipped whole, so "the 06:40 sailing" is
        // not "40 sailing".
        if let Some(last) = clock_time(body, toks, i) {
            i = last + 1;
            continue;
        }
        // Quantities.
        let numeric = t.kind == TokKind::Num
            && !w.ends_with("st")
            && !w.ends_with("nd")
            && !w.ends_with("rd")
            && !w.ends_with("th");
        if (numeric || (t.kind == TokKind::Word && gaz.is_number_word(w)))
            && let Some(span) = quantity(body, toks, i, gaz)
        {
            i = span.last + 1;
            out.push(span);
            continue;
        }
        i += 1;
    }
    out
}

/// The last token of a clock time, ratio or score starting at `i`:
/// numbers joined by colons with no space between ("06:40", "14:30:05",
/// "3:1"). None of them counts the noun after it.
fn clock_time(body: &str, toks: &[Token], i: usize) -> Option<usize> {
    let digits =
        |t: &Token| t.kind == TokKind::Num && t.text(body).bytes().all(|b| b.is_ascii_digit());
    // Checked first: this runs for every token of every body.
    if !digits(&toks[i]) {
        return None;
    }
    let mut last = i;
    while let (Some(colon), Some(next)) = (toks.get(last + 1), toks.get(last + 2)) {
        let joined = toks[last].end == colon.start
            && colon.kind == TokKind::Punct
            && colon.text(body) == ":"
            && colon.end == next.start
            && digits(next);
        if !joined {
            break;
        }
        last += 2;
    }
    (last > i).then_some(last)
}

/// Whether the number at `i` is followed by a unit, so "2003 tanks" is a
/// quantity rather than a year.
fn quantity_follows(body: &str, toks: &[Token], i: usize, gaz: &Gazetteer) -> bool {
    toks.get(i + 1).is_some_and(|t| {
        let w = t.text(body);
        t.kind == TokKind::Word
            && !t.cap
            && !gaz.is_function(w)
            && !t.after_break
            && w.ends_with('s')
            && !w.ends_with("ss")
    })
}

/// The quantity whose number is at `i`: modifiers before it, multipliers
/// and one noun after it. A bare number with nothing around it ("1 – 0",
/// "RES. 42") is not reported.
fn quantity(body: &str, toks: &[Token], i: usize, gaz: &Gazetteer) -> Option<Span> {
    let text = |j: usize| toks.get(j).map_or("", |t| t.text(body));
    let mut first = i;
    let mut has_context = text(i).ends_with('%');
    if i > 0 && matches!(text(i - 1), "$" | "€" | "£") {
        first = i - 1;
        has_context = true;
    }
    for m in &gaz.modifiers {
        let n = m.len();
        // Last word first: it rules out most modifiers at once.
        if first >= n
            && (0..n)
                .rev()
                .all(|k| text(first - n + k).eq_ignore_ascii_case(m[k]))
        {
            first -= n;
            has_context = true;
            break;
        }
    }
    let mut last = i;
    // "3,000-plus" is one token; "thirty-six" too.
    while toks.get(last + 1).is_some_and(|t| !t.after_break)
        && (gaz.is_multiplier(text(last + 1)) || gaz.is_number_word(text(last + 1)))
    {
        last += 1;
        has_context = true;
    }
    // "dozens of members"
    if matches!(
        text(last).to_ascii_lowercase().as_str(),
        "dozens" | "hundreds" | "thousands" | "millions" | "tens"
    ) && text(last + 1) == "of"
    {
        last += 1;
    }
    let noun = |j: usize| {
        toks.get(j).is_some_and(|t| {
            let w = t.text(body);
            t.kind == TokKind::Word
                && !t.after_break
                && (!t.cap && !gaz.is_function(w) || gaz.lookup(w).is_some_and(|l| l.demonym))
        })
    };
    if noun(last + 1) {
        last += 1;
        has_context = true;
        // "former officials", "well-maintained tanks": an adjective then
        // a plural noun.
        if noun(last + 1) && text(last + 1).ends_with('s') && !text(last).ends_with('s') {
            last += 1;
        }
    }
    if text(last) == "of" {
        last -= 1;
    }
    has_context.then_some(Span {
        first,
        last,
        kind: Kind::Quantity,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tokens::tokenize;

    fn found(s: &str) -> Vec<(String, Kind)> {
        let g = Gazetteer::get();
        let toks = tokenize(s, g);
        scan(s, &toks, g)
            .into_iter()
            .map(|sp| {
                (
                    s[toks[sp.first].start..toks[sp.last].end].to_string(),
                    sp.kind,
                )
            })
            .collect()
    }

    #[test]
    fn dates() {
        let got = found(
            "On Friday, July 21, 2017 and September 12, 2016, in March 2006 and in 2003, the 1980s, Dec. 25.",
        );
        let dates: Vec<&str> = got
            .iter()
            .filter(|d| d.1 == Kind::Date)
            .map(|d| d.0.as_str())
            .collect();
        assert_eq!(
            dates,
            [
                "Friday, July 21, 2017",
                "September 12, 2016",
                "March 2006",
                "2003",
                "1980s",
                "Dec. 25"
            ]
        );
    }

    #[test]
    fn clock_times_are_not_quantities() {
        let got = found(
            "the 06:40 sailing, at 14:30:05 the 12 ferries left, a 3:1 vote, 2:30 pm, and 35 civilians",
        );
        let q: Vec<&str> = got
            .iter()
            .filter(|d| d.1 == Kind::Quantity)
            .map(|d| d.0.as_str())
            .collect();
        assert_eq!(q, ["12 ferries", "35 civilians"]);
    }

    #[test]
    fn quantities() {
        let got = found(
            "more than 3,000 members, 35 civilians, 60% of them, Thirty-six former officials, Sweden 1 – 0 Korea, 3,000-plus Iranians",
        );
        let q: Vec<&str> = got
            .iter()
            .filter(|d| d.1 == Kind::Quantity)
            .map(|d| d.0.as_str())
            .collect();
        assert_eq!(
            q,
            [
                "more than 3,000 members",
                "35 civilians",
                "60%",
                "Thirty-six former officials",
                "3,000-plus Iranians"
            ]
        );
    }
}
