//! Input formats: each turns decoded text into [`Found`] documents (a
//! [`Draft`] for the cleaner plus the raw text), and reports what it could
//! not read as [`Issue`]s with a line number where there is one.
//!
//! The format is chosen by file extension, and by a look at the first bytes
//! when the extension says nothing (`.txt` scrapes of HTML pages exist,
//! and feeds saved as `.txt`).

pub mod feed;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use std::path::Path;

use super::clean::{Draft, Meta};

/// The formats dossier reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    JsonLines,
    /// RSS 2.0, RSS 1.0 (RDF) or Atom: an item or entry a document.
    Feed,
}

/// One document found in a file, before cleaning.
#[derive(Debug, Clone)]
pub struct Found {
    /// For records: the record's own id or its position.
    pub id: Option<RecordId>,
    pub draft: Draft,
    /// The text this document came from (the whole file, or the record).
    pub raw: String,
}

/// How a record is named: by its own `id` field, or by its 1-based position
/// in the file (every record counts, readable or not, so ids stay put when
/// one record is fixed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordId {
    Own(String),
    Nth(usize),
}

/// Something in a file that could not be read; the rest still loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub line: Option<usize>,
    pub reason: String,
}

impl Issue {
    pub fn at(line: usize, reason: impl Into<String>) -> Self {
        Issue {
            line: Some(line),
            reason: reason.into(),
        }
    }
}

/// Which format `path` with contents `text` is in.
pub fn detect(path: &Path, text: &str) -> Format {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "json" => Format::Json,
        "jsonl" | "ndjson" | "jsonlines" => Format::JsonLines,
        "rss" | "atom" | "xml" | "rdf" => Format::Feed,
        _ => sniff(text),
    }
}

/// A guess from the first non-blank bytes.
fn sniff(text: &str) -> Format {
    if feed::sniff(text) {
        return Format::Feed;
    }
    let start = super::meta::head(text.trim_start(), 512).to_ascii_lowercase();
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        Format::Html
    } else if start.starts_with('{') || start.starts_with('[') {
        Format::Json
    } else {
        Format::Text
    }
}

/// Read `text` (the whole file) in `format`.
pub fn parse(format: Format, text: String) -> (Vec<Found>, Vec<Issue>) {
    let draft = match format {
        Format::Json => return json::records(&text, false),
        Format::JsonLines => return json::records(&text, true),
        Format::Feed => return feed::items(&text),
        Format::Text => text::draft(&text),
        Format::Markdown => markdown::draft(&text),
        Format::Html => html::draft(&text),
    };
    let mut issues = Vec::new();
    if format == Format::Html && html::depth(&text) > html::MAX_DEPTH {
        issues.push(Issue {
            line: None,
            reason: format!(
                "HTML nested more than {} levels deep; read as plain text",
                html::MAX_DEPTH
            ),
        });
    }
    let found = Found {
        id: None,
        draft,
        raw: text,
    };
    (vec![found], issues)
}

/// A record's text made into a draft (read as HTML when `markup`), with the
/// record's own fields (JSON keys, feed elements) taking precedence over
/// what the text says about itself: they say it more surely.
fn record_draft(body: &str, markup: bool, fields: Meta) -> Draft {
    let mut draft = if markup {
        html::draft(body)
    } else {
        Draft {
            blocks: text::blocks(body),
            meta: Meta::default(),
        }
    };
    let from_text = std::mem::take(&mut draft.meta);
    draft.meta = Meta {
        title: fields.title.or(from_text.title),
        source: fields.source.or(from_text.source),
        author: fields.author.or(from_text.author),
        date: fields.date.or(from_text.date),
        url: fields.url.or(from_text.url),
    };
    draft
}
