//! Shared passages between two bodies: found through differences of quote
//! style, dashes, spacing, line breaks and case; reported as char-safe byte
//! ranges into each body.

use dossier::compare::{MIN_TOKENS, Passage, shared_passages};

fn check_ranges(a: &str, b: &str, passages: &[Passage]) {
    for p in passages {
        assert!(
            a.get(p.a_start..p.a_end).is_some(),
            "A range on char boundaries"
        );
        assert!(
            b.get(p.b_start..p.b_end).is_some(),
            "B range on char boundaries"
        );
        assert_eq!(&a[p.a_start..p.a_end], p.text);
    }
}

#[test]
fn same_quote_differing_only_in_quote_style_and_spacing() {
    let a = "Sen. Roy Blunt pressed Secretary of State John Kerry: “What plans we might have for \
the disposition of the roughly 3,000 Iranian dissidents at Camp Liberty in Iraq,” he asked — \
and Kerry’s answer was short.";
    let b = "Sen. Roy Blunt  pressed Secretary of State John Kerry: \"What plans we might have \
for the\ndisposition of the roughly 3,000 Iranian dissidents at  Camp Liberty in Iraq,\" he asked \
- and Kerry's answer was short.";
    let got = shared_passages(a, b, MIN_TOKENS);
    check_ranges(a, b, &got);
    assert_eq!(got.len(), 1, "{got:#?}");
    let p = &got[0];
    // The whole text, first word to last, on both sides.
    assert_eq!((p.a_start, p.a_end), (0, a.len() - 1));
    assert_eq!((p.b_start, p.b_end), (0, b.len() - 1));
}

#[test]
fn wire_copy_inside_different_articles() {
    let wire = "The safety and security of the residents has always been our primary concern, \
and they have now been effectively placed beyond the immediate reach of Iran.";
    let a = format!(
        "Lawmakers welcomed the move on Friday. “{wire}” The statement was issued jointly. \
Critics said little."
    );
    let b = format!(
        "In a joint release, the two chairmen wrote: '{}' Nothing else was said about \
Albania.",
        wire.to_uppercase()
    );
    let got = shared_passages(&a, &b, MIN_TOKENS);
    check_ranges(&a, &b, &got);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].text, wire.trim_end_matches('.'));
    assert_eq!(
        b[got[0].b_start..got[0].b_end].to_lowercase(),
        wire.trim_end_matches('.').to_lowercase()
    );
}

#[test]
fn unrelated_articles_share_nothing_and_order_follows_a() {
    let a = "Air pollution will remain at dangerous levels and will increase for the next few \
days in most big cities. The trafficking of women is a real problem in the region.";
    let b = "The livelihood baskets of the people are shrinking dramatically, which has \
introduced new concerns. Workers are living below minimum wage.";
    assert!(shared_passages(a, b, MIN_TOKENS).is_empty());

    // Two passages, B carrying them in the opposite order.
    let p1 = "one two three four five six seven eight nine";
    let p2 = "alpha beta gamma delta epsilon zeta eta theta";
    let a = format!("{p1}. Filler between. {p2}.");
    let b = format!("{p2}! Other filler here. {p1}!");
    let got = shared_passages(&a, &b, MIN_TOKENS);
    check_ranges(&a, &b, &got);
    let texts: Vec<_> = got.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, vec![p1, p2]);
    assert!(got[0].b_start > got[1].b_start);
}

#[test]
fn multibyte_text_is_cut_on_char_boundaries() {
    let a =
        "Überraschung: «Die Gruppe bleibt im Lager Ashraf, sagte der Sprecher am Montag» — Ende.";
    let b = "Die  Gruppe bleibt im Lager Ashraf sagte der Sprecher am Montag!";
    let got = shared_passages(a, b, MIN_TOKENS);
    check_ranges(a, b, &got);
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].text,
        "Die Gruppe bleibt im Lager Ashraf, sagte der Sprecher am Montag"
    );
}
