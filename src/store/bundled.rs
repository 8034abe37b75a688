//! The bundled corpus: the five seed articles compiled into the binary, so
//! `dossier` with no path works from any directory.

use super::{
    Corpus,
    load::{parse_file, unique_ids},
};

macro_rules! seed {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/", $name)),
        )
    };
}

/// (file name, contents) of every seed, in order.
const SEEDS: &[(&str, &[u8])] = &[
    seed!("000_16bc0d923c9e3325.txt"),
    seed!("001_d13298caa99095e9.txt"),
    seed!("002_9592ed5bc08531cd.txt"),
    seed!("003_3fb4b85d121f7341.txt"),
    seed!("004_96937d237d215014.txt"),
];

/// The bundled corpus, parsed and cleaned like any file on disk.
pub fn bundled() -> Corpus {
    let mut corpus = Corpus::default();
    for (name, bytes) in SEEDS {
        let path = std::path::Path::new("seeds").join(name);
        match parse_file(&path, bytes) {
            Ok((docs, problems)) => {
                corpus.docs.extend(docs);
                corpus.problems.extend(problems);
            }
            Err(problem) => corpus.problems.push(problem),
        }
    }
    unique_ids(&mut corpus.docs);
    corpus
}
