//! A deterministic generator of realistic news articles, for testing and
//! benchmarking dossier at scale (`examples/gen_corpus.rs` writes them to
//! files; the benches build [`Document`]s straight from it).
//!
//! The same people, organisations and places recur across articles with a
//! skewed (Zipf-like) frequency, as in a real dossier where a few actors
//! dominate. The random generator is a hand-rolled SplitMix64 rather than
//! the `rand` crate because its output must never change between crate
//! versions: the benchmark notes name a seed and expect the same bytes.
//!
//! Not part of the reader: hidden from the docs, kept in the library only
//! so that the example, the benches and the tests share one generator.

use crate::store::Document;

const GIVEN: &[&str] = &[
    "Amira", "Daniel", "Farah", "Hassan", "Ingrid", "James", "Kenji", "Laila", "Marco", "Nadia",
    "Oliver", "Priya", "Rafael", "Sofia", "Tomas", "Yusuf", "Elena", "Victor", "Grace", "Samuel",
    "Leila", "Anton", "Beatriz", "Chen", "Dmitri", "Esther", "Felix", "Hana", "Ivan", "Julia",
];
const FAMILY: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Moreau",
    "Tanaka",
    "Rahimi",
    "Kowalski",
    "Fernandes",
    "Abbasi",
    "Novak",
    "Brennan",
    "Castillo",
    "Duarte",
    "Eriksen",
    "Farouk",
    "Gallagher",
    "Hosseini",
    "Ibrahim",
    "Jansen",
    "Karimi",
    "Larsen",
    "Mendoza",
    "Nakamura",
    "Osei",
    "Petrov",
    "Quinn",
    "Rossi",
    "Sadeghi",
    "Takahashi",
    "Usman",
    "Varga",
    "Whitfield",
];
const TITLES: &[&str] = &[
    "Minister",
    "Sen.",
    "Gen.",
    "Ambassador",
    "Dr.",
    "Rep.",
    "Prime Minister",
    "spokesman",
];
/// (full name, acronym)
const ORGS: &[(&str, &str)] = &[
    ("International Water Council", "IWC"),
    ("Northern Energy Agency", "NEA"),
    ("Coastal Defence Ministry", "CDM"),
    ("United Farmers Union", "UFU"),
    ("Regional Health Organization", "RHO"),
    ("Federal Investigation Committee", "FIC"),
    ("Harbor Workers Association", "HWA"),
    ("Civic Reform Party", "CRP"),
    ("Pacific Trade Commission", "PTC"),
    ("National Election Board", "NEB"),
    ("Mountain Rescue Service", "MRS"),
    ("Institute for Peace Studies", "IPS"),
];
const PLACES: &[&str] = &[
    "Lisbon",
    "Nairobi",
    "Baghdad",
    "Oslo",
    "Karachi",
    "Lima",
    "Tehran",
    "Ankara",
    "Manila",
    "Geneva",
    "Bogota",
    "Hanoi",
    "Accra",
    "Tbilisi",
    "Beirut",
    "Dakar",
    "Quito",
    "Riga",
    "Kyrgyzstan",
    "Portugal",
    "Kenya",
    "Norway",
    "Peru",
    "Ghana",
    "Georgia",
    "Lebanon",
];
const OUTLETS: &[&str] = &[
    "The Morning Ledger",
    "Global Wire",
    "Harbor Times",
    "The Civic Post",
    "Eastern Herald",
    "Daily Dispatch",
    "World Report",
    "The Evening Standard Review",
];
const TOPICS: &[&str] = &[
    "water rights",
    "the energy deal",
    "border security",
    "the harvest crisis",
    "refugee resettlement",
    "the election dispute",
    "port strikes",
    "the rescue mission",
    "trade tariffs",
    "the peace talks",
];
const VERBS: &[&str] = &[
    "criticised",
    "praised",
    "met with",
    "warned",
    "accused",
    "defended",
    "questioned",
    "thanked",
];
const LINKS: &[&str] = &[
    "However,",
    "Meanwhile,",
    "Earlier this week,",
    "In a statement,",
    "According to officials,",
    "Despite the pressure,",
    "On Tuesday,",
    "Last month,",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// SplitMix64: tiny, fast, and stable forever for a given seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// An index in `0..n` skewed towards small values, so a few items recur a lot.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

struct Person {
    name: String,
    surname: &'static str,
    title: &'static str,
}

/// One generated article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub title: String,
    pub source: &'static str,
    pub author: String,
    pub date: String,
    /// Paragraphs separated by a blank line, as a cleaned body is.
    pub body: String,
}

fn people(rng: &mut Rng, count: usize) -> Vec<Person> {
    (0..count)
        .map(|_| {
            let surname = FAMILY[rng.below(FAMILY.len())];
            Person {
                name: format!("{} {}", rng.pick(GIVEN), surname),
                surname,
                title: TITLES[rng.below(TITLES.len())],
            }
        })
        .collect()
}

fn sentence(rng: &mut Rng, cast: &[Person]) -> String {
    let p = &cast[rng.skewed(cast.len())];
    let q = &cast[rng.skewed(cast.len())];
    let (org, acronym) = ORGS[rng.skewed(ORGS.len())];
    let place = PLACES[rng.skewed(PLACES.len())];
    let topic = rng.pick(TOPICS);
    let n = 10 + rng.below(4990);
    match rng.below(7) {
        0 => format!(
            "{} {} {} {} the {org} ({acronym}) over {topic} in {place}.",
            rng.pick(LINKS),
            p.title,
            p.name,
            rng.pick(VERBS)
        ),
        1 => format!(
            "“We will not accept delays on {topic},” {} said in {place}, adding that more than {n} people were affected.",
            p.surname
        ),
        2 => format!(
            "The {acronym} {} {} after talks in {place} on {} {}.",
            rng.pick(VERBS),
            q.name,
            rng.pick(MONTHS),
            1 + rng.below(28)
        ),
        3 => format!(
            "{} said the {org} had spent {n} million dollars on {topic} since {}.",
            p.name,
            1990 + rng.below(35)
        ),
        4 => format!(
            "Officials in {place} said {} {} {} over {topic}.",
            q.surname,
            rng.pick(VERBS),
            p.surname
        ),
        5 => format!(
            "{} {} visited {place}, where {n} residents have waited for news about {topic}.",
            rng.pick(LINKS),
            q.name
        ),
        _ => format!(
            "Critics of the {acronym} say its handling of {topic} has left {place} exposed, a charge {} denies.",
            p.surname
        ),
    }
}

fn article(rng: &mut Rng, cast: &[Person]) -> Article {
    let paragraphs = 4 + rng.below(9);
    let mut body = String::new();
    for i in 0..paragraphs {
        if i > 0 {
            body.push_str("\n\n");
        }
        let sentences = 2 + rng.below(4);
        for j in 0..sentences {
            if j > 0 {
                body.push(' ');
            }
            body.push_str(&sentence(rng, cast));
        }
    }
    let p = &cast[rng.skewed(cast.len())];
    let place = PLACES[rng.skewed(PLACES.len())];
    let topic = rng.pick(TOPICS);
    let title = match rng.below(3) {
        0 => format!("{} pressed on {topic} in {place}", p.name),
        1 => format!(
            "{} talks stall as {topic} divides {place}",
            ORGS[rng.skewed(ORGS.len())].1
        ),
        _ => format!("In {place}, a new chapter in {topic}"),
    };
    Article {
        title,
        source: OUTLETS[rng.below(OUTLETS.len())],
        author: format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY)),
        date: format!(
            "{}-{:02}-{:02}",
            2005 + rng.below(20),
            1 + rng.below(12),
            1 + rng.below(28)
        ),
        body,
    }
}

/// An endless, deterministic stream of articles for `seed`.
pub struct Articles {
    rng: Rng,
    cast: Vec<Person>,
}

impl Articles {
    pub fn new(seed: u64) -> Articles {
        let mut rng = Rng(seed);
        let cast = people(&mut rng, 400);
        Articles { rng, cast }
    }
}

impl Iterator for Articles {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        Some(article(&mut self.rng, &self.cast))
    }
}

impl Article {
    /// The article as a plain-text scrape: title, outlet, byline, date,
    /// then the body.
    pub fn to_txt(&self) -> String {
        format!(
            "{}\n\n{}\n\nBy {}\n\n{}\n\n{}\n",
            self.title, self.source, self.author, self.date, self.body
        )
    }

    /// The article as one JSON Lines record (with its newline).
    pub fn to_jsonl(&self) -> String {
        let esc = |s: &str| {
            let mut out = String::with_capacity(s.len() + 2);
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    c => out.push(c),
                }
            }
            out
        };
        format!(
            "{{\"title\":\"{}\",\"source\":\"{}\",\"author\":\"{}\",\"date\":\"{}\",\"body\":\"{}\"}}\n",
            esc(&self.title),
            esc(self.source),
            esc(&self.author),
            esc(&self.date),
            esc(&self.body)
        )
    }

    /// The article as a loaded document, without going through files: the
    /// metadata a loader would read, the body as the cleaned text and the
    /// plain-text scrape as the raw text (so memory figures stay honest).
    pub fn to_document(&self, i: usize) -> Document {
        Document {
            id: format!("article_{i:06}"),
            path: format!("{:04}/article_{i:06}.txt", i / 1000),
            title: self.title.clone(),
            source: Some(self.source.to_string()),
            author: Some(self.author.clone()),
            date: Some(self.date.clone()),
            url: None,
            body: self.body.clone(),
            raw: self.to_txt(),
        }
    }
}

/// `count` documents generated from `seed`.
pub fn documents(count: usize, seed: u64) -> Vec<Document> {
    Articles::new(seed)
        .take(count)
        .enumerate()
        .map(|(i, a)| a.to_document(i))
        .collect()
}
