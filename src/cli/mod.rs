//! The command line: argument parsing and the non-interactive commands
//! (`list`, `show`, `entities`, `xref`, `compare`), printing tables for people and JSON
//! for scripts. Messages go to stderr, results to stdout.

mod compare;
pub mod inert;
mod json;
mod progress;
mod table;

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use crate::entities::{self, Correction, Corrections, EntityIndex, Kind};
use crate::index::{self, Loaded, Stage};
use crate::search::filter::{Filter, Query};
use crate::store::{self, Corpus};

/// A terminal reader for a collection of news articles on one subject.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, subcommand_precedence_over_arg = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files or folders to read (default: the bundled corpus).
    pub paths: Vec<PathBuf>,
    /// Neither read nor write the on-disk index: parse every file.
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the documents, optionally filtered.
    List {
        paths: Vec<PathBuf>,
        /// The reader's filter: fuzzy words over title, outlet and author
        /// (best match first), "a phrase" in the body, @entity, source:x.
        #[arg(long, short)]
        filter: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Print one document.
    Show {
        /// Document id (or a unique prefix of one).
        doc: String,
        paths: Vec<PathBuf>,
        /// Print the text as read, before cleaning.
        #[arg(long)]
        raw: bool,
        #[arg(long)]
        json: bool,
    },
    /// List the entities of the corpus.
    Entities {
        paths: Vec<PathBuf>,
        /// Only this kind: person, org, place, date or quantity.
        #[arg(long)]
        kind: Option<Kind>,
        #[arg(long)]
        json: bool,
    },
    /// Correct the entities: the correction is saved in the user's
    /// corrections file and applies from the next run on.
    Correct {
        #[command(subcommand)]
        op: CorrectOp,
    },
    /// Every mention of one entity, in context.
    Xref {
        /// Entity name or alias (case-insensitive), else a fuzzy match.
        name: String,
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Compare two documents: shared entities, shared passages, descriptors.
    Compare {
        /// First document id (or a unique prefix of one).
        doc_a: String,
        /// Second document id (or a unique prefix of one).
        doc_b: String,
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

/// A correction to record; entities are named by id, name or alias.
#[derive(Debug, Subcommand)]
pub enum CorrectOp {
    /// ENTITY is the same thing as INTO.
    Merge { entity: String, into: String },
    /// The mentions of ENTITY written ALIAS are another entity.
    Split { entity: String, alias: String },
    /// Show ENTITY as NAME.
    Rename { entity: String, name: String },
    /// ENTITY is of kind KIND (person, org, place, date, quantity).
    Kind { entity: String, kind: Kind },
    /// ENTITY is not an entity.
    Hide { entity: String },
}

/// The user's corrections; a broken file is an error that names it.
fn corrections() -> Result<Corrections> {
    Corrections::load().context("reading entity corrections")
}

/// Load the documents under `paths`, or the bundled corpus when there are
/// none, reporting per-file problems on stderr.
pub fn load_corpus(paths: &[PathBuf]) -> Result<Corpus> {
    Ok(load_indexed(paths)?.corpus)
}

/// [`load_corpus`] through the on-disk index (unless `--no-cache`), kept
/// open so the entity extracts can be read back or stored too.
fn load_indexed(paths: &[PathBuf]) -> Result<Loaded> {
    let bar = progress::Bar::new();
    let loaded = index::load_with(paths, &index::Options::from_env(), &|stage, done, total| {
        let (label, unit) = match stage {
            Stage::Finding => ("finding", "files"),
            Stage::Checking => ("checking", "files"),
            _ => ("reading", "files"),
        };
        bar.stage(label, done, total, unit)
    })?;
    bar.clear();
    for problem in loaded.corpus.problems.iter().chain(&loaded.notes) {
        eprintln!("dossier: {}", inert::message(&problem.to_string()));
    }
    Ok(loaded)
}

/// The entity index of `loaded` with `corrections`, from stored extracts
/// where the index has them.
fn entity_index(loaded: &mut Loaded, corrections: &Corrections) -> EntityIndex {
    let bar = progress::Bar::new();
    let docs = &loaded.corpus.docs;
    let index = loaded
        .cache
        .entities_with(docs, corrections, &|stage, done, total| {
            let (label, unit) = match stage {
                Stage::Recalling => ("entities", "steps"),
                Stage::Linking => ("linking", "steps"),
                _ => ("entities", "files"),
            };
            bar.stage(label, done, total, unit)
        });
    bar.clear();
    while let Some(problem) = loaded.cache.take_problem() {
        eprintln!("dossier: {}", inert::message(&problem.to_string()));
    }
    index
}

/// Run a non-interactive command, writing to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::List {
            paths,
            filter,
            json,
        } => {
            // The reader's filter syntax: fuzzy words, "phrases", @entity,
            // source:x. Entities are only resolved when the query names one.
            let query = Query::parse(filter.as_deref().unwrap_or(""));
            let mut loaded = load_indexed(&paths)?;
            let index = if query.entities.is_empty() {
                EntityIndex::new(Vec::new(), loaded.corpus.docs.len())
            } else {
                entity_index(&mut loaded, &corrections()?)
            };
            let corpus = &loaded.corpus;
            let order = Filter::new(query, &index).apply(&corpus.docs, &index);
            if json {
                let docs: Vec<_> = order
                    .iter()
                    .map(|&i| json::document(&corpus.docs[i], false))
                    .collect();
                json::print(out, &docs)
            } else {
                table::documents(out, &corpus.docs, &order, table::width())
            }
        }
        Command::Show {
            doc,
            paths,
            raw,
            json,
        } => {
            let corpus = load_corpus(&paths)?;
            let Some(i) = corpus.find(&doc) else {
                bail!("no document with id {doc:?} (try `dossier list`)");
            };
            let doc = &corpus.docs[i];
            let raw_text = match raw {
                true => Some(store::raw_text(doc).map_err(|p| anyhow::anyhow!("{p}"))?),
                false => None,
            };
            if json {
                let mut value = json::document(doc, true);
                if let Some(raw) = raw_text {
                    value["raw"] = raw.into();
                }
                json::print(out, &value)
            } else if let Some(raw) = raw_text {
                // As read, unless a terminal would act on its escapes.
                let text = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                    inert::text(&raw)
                } else {
                    raw.as_str().into()
                };
                write!(out, "{text}").context("writing output")
            } else {
                table::document(out, doc)
            }
        }
        Command::Entities { paths, kind, json } => {
            let mut loaded = load_indexed(&paths)?;
            let index = entity_index(&mut loaded, &corrections()?);
            let corpus = &loaded.corpus;
            let chosen: Vec<_> = (0..index.entities().len())
                .filter(|&e| kind.is_none_or(|k| index.entity(e).kind == k))
                .collect();
            if json {
                json::print(out, &json::entities(&index, chosen, corpus))
            } else {
                table::entities(out, &index, &chosen, table::width())
            }
        }
        Command::Correct { op } => {
            let c = match op {
                CorrectOp::Merge { entity, into } => Correction::Merge { entity, into },
                CorrectOp::Split { entity, alias } => Correction::Split { entity, alias },
                CorrectOp::Rename { entity, name } => Correction::Rename { entity, name },
                CorrectOp::Kind { entity, kind } => Correction::Kind { entity, kind },
                CorrectOp::Hide { entity } => Correction::Hide { entity },
            };
            let path = Corrections::record(c).context("saving the correction")?;
            eprintln!("dossier: correction saved in {}", path.display());
            Ok(())
        }
        Command::Xref { name, paths, json } => {
            let mut loaded = load_indexed(&paths)?;
            let index = entity_index(&mut loaded, &corrections()?);
            let Some(e) = index.find(&name) else {
                bail!("no entity matches {name:?} (try `dossier entities`)");
            };
            xref(out, &loaded.corpus, &index, e, json)
        }
        Command::Compare {
            doc_a,
            doc_b,
            paths,
            json,
        } => {
            let mut loaded = load_indexed(&paths)?;
            // As `entities::build`: a broken corrections file is ignored here.
            let index = entity_index(&mut loaded, &Corrections::load().unwrap_or_default());
            let corpus = &loaded.corpus;
            let find = |id: &str| {
                corpus
                    .find(id)
                    .with_context(|| format!("no document with id {id:?} (try `dossier list`)"))
            };
            let (a, b) = (find(&doc_a)?, find(&doc_b)?);
            let cmp = crate::compare::compare(&corpus.docs, &index, a, b);
            compare::print(out, &cmp, corpus, &index, json, table::width())
        }
    }
}

fn xref(
    out: &mut dyn Write,
    corpus: &Corpus,
    index: &EntityIndex,
    e: usize,
    json: bool,
) -> Result<()> {
    let entity = index.entity(e);
    if json {
        return json::print(out, &json::xref(index, e, corpus));
    }
    writeln!(
        out,
        "{} ({}) · {} mentions in {} documents",
        entity.name,
        entity.kind.as_str(),
        index.mentions_of(e).len(),
        index.doc_count(e)
    )?;
    for m in index.mentions_of(e) {
        let doc = &corpus.docs[m.doc_idx()];
        let range = m.range();
        let line = entities::context(&doc.body, range.start, range.end, 40);
        writeln!(out, "{:<24} {line}", doc.id)?;
    }
    Ok(())
}

/// The document table for `order`, fitted to the terminal.
pub fn print_list(out: &mut dyn Write, corpus: &Corpus, order: &[usize]) -> Result<()> {
    table::documents(out, &corpus.docs, order, table::width())
}
