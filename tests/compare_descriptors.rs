//! Descriptors on sentences taken from the bundled seed articles (quoted
//! here so the test stands alone), with mentions placed by `str::find` the
//! way the entity extractor will place them.

use dossier::compare::describe;
use dossier::entities::DocMention;

/// Every whole-word occurrence of each entity's surface forms, sorted.
fn mentions(body: &str, entities: &[&[&str]]) -> Vec<DocMention> {
    let mut out = Vec::new();
    for (entity, names) in entities.iter().enumerate() {
        for name in *names {
            let mut from = 0;
            while let Some(k) = body[from..].find(name) {
                let (start, end) = (from + k, from + k + name.len());
                let before = body[..start].chars().next_back();
                let after = body[end..].chars().next();
                if !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
                    && !out
                        .iter()
                        .any(|m: &DocMention| (m.start as usize) < end && start < m.end as usize)
                {
                    out.push(DocMention {
                        start: u32::try_from(start).unwrap(),
                        end: u32::try_from(end).unwrap(),
                        entity: u32::try_from(entity).unwrap(),
                    });
                }
                from = end;
            }
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// The descriptor texts for entity `e`.
fn texts(body: &str, entities: &[&[&str]], e: usize) -> Vec<String> {
    describe(body, &mentions(body, entities), e)
        .into_iter()
        .map(|d| {
            assert_eq!(&body[d.start..d.end], d.text, "offsets match the text");
            d.text
        })
        .collect()
}

// Longer surface forms first, so "Mujahedin-e Khalq" is not found as "MEK".
const MEK: &[&str] = &[
    "Mujahedin-e Khalq",
    "Mujahedeen-e Khalq",
    "Mujahedeen-e-Khalq",
    "Mojahedin Khalq Organization",
    "People’s Mujahedeen",
    "MEK",
    "MKO",
];

/// 000, the op-ed: the MEK as the main opposition.
const OPED: &str = "The thrust of the argument has been the agreement signed between U.S. \
officials and the main Iranian opposition, the Mujahedin-e Khalq (MEK). According to that \
agreement, the MEK agreed to give up its means of self-defense.\n\nIn the midst of the nuclear \
talks with Iran, the United States needs, as its regional allies have repeatedly said, to \
reassure them. Instead, after invading Iraq in 2003, the United States disarmed the most \
potent opposition against the mullahs, the MEK, and protected them for six years, but in \
2009, it left them at the mercy of the mullahs’ murderous proxies in Iraq. The first step \
would be to save the lives of the defenseless MEK members residing in Camp Liberty.";

#[test]
fn op_ed_calls_the_mek_the_main_opposition() {
    let entities: &[&[&str]] = &[MEK, &["United States"], &["Iran"], &["Iraq"]];
    assert_eq!(
        texts(OPED, entities, 0),
        vec![
            "the main Iranian opposition",
            "the most potent opposition against the mullahs"
        ]
    );
    // An opening adverbial before a comma is not an appositive.
    assert!(texts(OPED, entities, 1).is_empty());
    assert!(texts(OPED, entities, 2).is_empty());
    assert!(texts(OPED, entities, 3).is_empty());
}

/// 002, the blog post: the MEK as a terrorist group, said twice.
const BLOG: &str = "As discussed in my previous blog, MEK is regarded by both the Iranian and \
the U.S. government as a terrorist group.  The group had been operating from Iraq since the \
1980s under the protection of Saddam Hussein.\n\nThe MEK has repeatedly been denounced as a \
terrorist group by the Iranian government for its attacks against Iranian citizens and public \
officials. MEK has also been accused by the Iranian government of organizing unrest in the \
country after the Presidential election.";

#[test]
fn blog_calls_the_mek_a_terrorist_group_once() {
    let entities: &[&[&str]] = &[MEK, &["Saddam Hussein"], &["Iraq"]];
    assert_eq!(texts(BLOG, entities, 0), vec!["a terrorist group"]);
    assert!(texts(BLOG, entities, 1).is_empty());
}

/// 003, the CNN report: intelligence source and terrorist organisation.
const CNN: &str = "It’s a paradox possible only because the United States considers the \
Mujahedeen-e-Khalq, or MEK, a source of valuable intelligence on Iran.\n\nHowever, the U.S. \
State Department officially considers the MEK a terrorist organization — meaning no American \
can deal with it.\n\n“The trips also take place under the control of the MPs,” said Mojgan \
Parsaii, vice president of MEK and leader of Camp Ashraf.\n\nThat’s because, according to U.S. \
documents, coalition forces regard MEK as protected people under the Geneva Conventions.\n\n\
Despite repeated requests, neither Iran’s ambassador in Baghdad nor the U.S. military would \
comment on MEK, also known as Mojahedin Khalq Organization, or MKO.\n\nThe MEK denies it is a \
terrorist group.";

#[test]
fn cnn_report_descriptors_skip_aliases() {
    let entities: &[&[&str]] = &[
        MEK,
        &["Mojgan Parsaii", "Parsaii"],
        &["Camp Ashraf"],
        &["Iran"],
        &["United States"],
    ];
    assert_eq!(
        texts(CNN, entities, 0),
        vec![
            "a source of valuable intelligence on Iran",
            "a terrorist organization",
            "protected people under the Geneva Conventions",
        ]
    );
    assert_eq!(
        texts(CNN, entities, 1),
        vec!["vice president of MEK and leader of Camp Ashraf"]
    );
    for e in 2..5 {
        assert!(texts(CNN, entities, e).is_empty(), "entity {e}");
    }
}

/// 004, the wire story: a gloss of the name is not a description.
const WIRE: &str = "But no country is willing to take in members of the MEK – the Farsi \
language initials of the People’s Mujahedeen – beyond those who have citizenship already.\n\n\
For one thing, the State Department has listed the MEK as a terrorist organization since 1997, \
citing a series of attacks in Tehran.\n\nMohammad Mohaddessin, the official representative \
abroad of Ashraf, called Jeffrey’s proposal for relocation \"shocking and questionable.\"";

#[test]
fn wire_story_descriptors() {
    let entities: &[&[&str]] = &[
        &["MEK"],
        &["Mohammad Mohaddessin"],
        &["Ashraf"],
        &["Jeffrey"],
        &["State Department"],
    ];
    assert_eq!(texts(WIRE, entities, 0), vec!["a terrorist organization"]);
    assert_eq!(
        texts(WIRE, entities, 1),
        vec!["the official representative abroad of Ashraf"]
    );
    assert!(
        texts(WIRE, entities, 2).is_empty(),
        "a verb is not a framing"
    );
    assert!(texts(WIRE, entities, 3).is_empty());
    assert!(texts(WIRE, entities, 4).is_empty());
    // Had the extractor not joined the People's Mujahedeen to the MEK, the
    // gloss would still not be a description.
    let apart: &[&[&str]] = &[&["MEK"], &["People’s Mujahedeen"]];
    assert_eq!(texts(WIRE, apart, 0), vec!["a terrorist organization"]);
}

#[test]
fn other_patterns() {
    let body = "Officials met the exiled Acme Party on Monday. The Acme Party, widely considered \
a front by Ruritania, denied it. Zenda, which is regarded as the cradle of the movement, was \
quiet. Ruritania is a small kingdom. Borduria, the Acme Party said, would object.";
    let entities: &[&[&str]] = &[&["Acme Party"], &["Ruritania"], &["Zenda"], &["Borduria"]];
    assert_eq!(texts(body, entities, 0), vec!["exiled", "a front"]);
    assert_eq!(texts(body, entities, 1), vec!["a small kingdom"]);
    assert_eq!(texts(body, entities, 2), vec!["the cradle of the movement"]);
    assert!(texts(body, entities, 3).is_empty());
}

/// Sentences from Wikinews articles in the GUM corpus (Wikinews, CC BY 2.5;
/// GUM, Zeldes 2017): the patterns must not be tuned to the seeds.
const WIKINEWS: &str = "According to Rathbun, a detective for the Los Angeles Sheriff's office \
was provided with material from Scientology to build a case against Montalvo.\n\nSteve Whitmore, \
a representative for the LA Sheriff's office, told LA Weekly in a statement that the case \
involving Montalvo was being dealt with as charges relating to grand theft.\n\nAhmed Mohamed, a \
14-year-old boy from Irving, Texas, was arrested at his school.\n\nBelgium started the game with \
attacking style with Romelu Lukaku, Yannick Carrasco, and Dries Mertens making early attempts. \
After the match, Hernan Dario Gomez, Panama coach, said, \"I think we have learned a lot.\"";

#[test]
fn generalises_to_other_news() {
    let entities: &[&[&str]] = &[
        &["Rathbun"],
        &["Steve Whitmore"],
        &["Montalvo"],
        &["Ahmed Mohamed"],
        &["Texas"],
        &["Yannick Carrasco"],
        &["Hernan Dario Gomez"],
        &["Irving"],
    ];
    assert!(
        texts(WIKINEWS, entities, 0).is_empty(),
        "a new clause's subject"
    );
    assert_eq!(
        texts(WIKINEWS, entities, 1),
        vec!["a representative for the LA Sheriff's office"]
    );
    assert!(
        texts(WIKINEWS, entities, 2).is_empty(),
        "\"the case involving\""
    );
    assert_eq!(
        texts(WIKINEWS, entities, 3),
        vec!["a 14-year-old boy from Irving"]
    );
    for e in 4..8 {
        assert!(texts(WIKINEWS, entities, e).is_empty(), "entity {e}");
    }
}
