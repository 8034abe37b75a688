//! Generate a corpus of realistic-looking news articles for testing dossier
//! at scale.
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR COUNT [--seed N] [--format txt|jsonl]
//! ```
//!
//! The output is deterministic for a given seed and count: the same people,
//! organisations and places recur across articles with a skewed (Zipf-like)
//! frequency, as in a real dossier where a few actors dominate. Text files go
//! into subfolders of 1,000 so no directory grows huge; `jsonl` writes one
//! `articles.jsonl` of records with `title`, `body`, `source`, `author`,
//! `date`.
//!
//! The random generator is a hand-rolled SplitMix64 rather than the `rand`
//! crate because its output must never change between crate versions: the
//! benchmarks in BENCHMARKS.md name a seed and expect the same bytes.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

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

struct Article {
    title: String,
    source: &'static str,
    author: String,
    date: String,
    body: String,
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

fn write_txt(dir: &Path, i: usize, a: &Article) -> std::io::Result<()> {
    let folder = dir.join(format!("{:04}", i / 1000));
    fs::create_dir_all(&folder)?;
    let text = format!(
        "{}\n\n{}\n\nBy {}\n\n{}\n\n{}\n",
        a.title, a.source, a.author, a.date, a.body
    );
    fs::write(folder.join(format!("article_{i:06}.txt")), text)
}

fn jsonl_record(a: &Article) -> String {
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
        esc(&a.title),
        esc(a.source),
        esc(&a.author),
        esc(&a.date),
        esc(&a.body)
    )
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_corpus OUT_DIR COUNT [--seed N] [--format txt|jsonl]";
    let (Some(out), Some(count)) = (args.first(), args.get(1).and_then(|c| c.parse().ok())) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let seed: u64 = flag("--seed").and_then(|s| s.parse().ok()).unwrap_or(42);
    let jsonl = flag("--format").is_some_and(|f| f == "jsonl");
    let dir = PathBuf::from(out);
    fs::create_dir_all(&dir)?;

    let mut rng = Rng(seed);
    let cast = people(&mut rng, 400);
    let mut bytes = 0usize;
    let mut sink = if jsonl {
        Some(BufWriter::new(fs::File::create(
            dir.join("articles.jsonl"),
        )?))
    } else {
        None
    };
    for i in 0..count {
        let a = article(&mut rng, &cast);
        bytes += a.body.len();
        match &mut sink {
            Some(w) => w.write_all(jsonl_record(&a).as_bytes())?,
            None => write_txt(&dir, i, &a)?,
        }
    }
    if let Some(mut w) = sink {
        w.flush()?;
    }
    eprintln!(
        "wrote {count} articles ({:.1} MB of body text) to {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    Ok(())
}
