//! JSON (one record or an array of them) and JSON Lines (a record a line).
//!
//! A record is an object with `text`, `body` or `content` (also `article`,
//! `articleBody`), and optionally `title` (`headline`), `source` (`outlet`,
//! `publisher`; a string or `{"name": …}`), `author` (`authors`, `byline`; a
//! string, a list, or `{"name": …}`), `date` (`published`, `publishedAt`,
//! `pubDate`, `datePublished`), `url` (`link`) and `id`. Text that is HTML
//! is read as HTML. A field of the wrong type is reported and ignored; a
//! record without text, or a line that is not JSON, is reported with its
//! line and skipped; the rest load.

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{Found, Issue, RecordId, html};
use crate::store::clean::Meta;
use crate::store::meta::normalise_date;

const TEXT: &[&str] = &["text", "body", "content", "article", "articleBody"];
const TITLE: &[&str] = &["title", "headline"];
const SOURCE: &[&str] = &["source", "outlet", "publisher"];
const AUTHOR: &[&str] = &["author", "authors", "byline"];
const DATE: &[&str] = &[
    "date",
    "published",
    "publishedAt",
    "published_at",
    "pubDate",
    "datePublished",
];
const URL: &[&str] = &["url", "link"];

/// The records of a JSON (`lines == false`) or JSON Lines file.
pub fn records(text: &str, lines: bool) -> (Vec<Found>, Vec<Issue>) {
    if lines {
        return json_lines(text);
    }
    let trimmed = text.trim_start();
    let array = trimmed.starts_with('[');
    let parsed: Result<Vec<&RawValue>, _> = if array {
        serde_json::from_str(text)
    } else {
        serde_json::from_str::<&RawValue>(text).map(|r| vec![r])
    };
    match parsed {
        Ok(raws) => {
            let mut found: Vec<Found> = Vec::new();
            let mut issues = Vec::new();
            let mut line = Lines::new(text);
            for (i, raw) in raws.into_iter().enumerate() {
                let at = line.of(raw.get());
                match serde_json::from_str::<Value>(raw.get()) {
                    Ok(v) => record(v, raw.get(), i + 1, at, &mut found, &mut issues),
                    Err(e) => issues.push(Issue::at(at, e.to_string())),
                }
            }
            if !array {
                // A file holding one record is named by its stem alone.
                for f in &mut found {
                    if f.id == Some(RecordId::Nth(1)) {
                        f.id = None;
                    }
                }
            }
            (found, issues)
        }
        // Several objects one after another: JSON Lines under a .json name.
        Err(_) if looks_like_lines(text) => json_lines(text),
        Err(e) => (
            Vec::new(),
            vec![Issue::at(e.line(), format!("not valid JSON: {e}"))],
        ),
    }
}

fn looks_like_lines(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("");
    lines.next().is_some() && serde_json::from_str::<Map<String, Value>>(first).is_ok()
}

fn json_lines(text: &str) -> (Vec<Found>, Vec<Issue>) {
    let mut found = Vec::new();
    let mut issues = Vec::new();
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        n += 1;
        match serde_json::from_str::<Value>(line) {
            Ok(v) => record(v, line, n, i + 1, &mut found, &mut issues),
            Err(e) => issues.push(Issue::at(i + 1, format!("not valid JSON: {e}"))),
        }
    }
    (found, issues)
}

/// Line numbers of slices of one text, counted incrementally so that a file
/// of many records is scanned once.
struct Lines<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The line `part` (a slice of the text, after earlier parts) starts on.
    fn of(&mut self, part: &str) -> usize {
        let at = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let at = at.clamp(self.offset, self.text.len());
        self.line += memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.offset..at]).count();
        self.offset = at;
        self.line
    }
}

/// Read record number `n` (on `line`) into `found`, or say what is wrong.
fn record(
    v: Value,
    raw: &str,
    n: usize,
    line: usize,
    found: &mut Vec<Found>,
    issues: &mut Vec<Issue>,
) {
    let Value::Object(o) = v else {
        issues.push(Issue::at(
            line,
            format!("record {n} is {}, expected an object", kind(&v)),
        ));
        return;
    };
    let mut field = |names: &[&str], read: fn(&Value) -> Option<String>| -> Option<String> {
        let (name, value) = names
            .iter()
            .find_map(|k| o.get(*k).filter(|v| !v.is_null()).map(|v| (*k, v)))?;
        let got = read(value);
        if got.is_none() {
            issues.push(Issue::at(
                line,
                format!(
                    "record {n}: `{name}` is {}, expected text; ignored",
                    kind(value)
                ),
            ));
        }
        got
    };
    let body = field(TEXT, string);
    let meta = Meta {
        title: field(TITLE, string),
        source: field(SOURCE, html::name_of),
        author: field(AUTHOR, html::name_of),
        date: field(DATE, string).and_then(|d| normalise_date(&d)),
        url: field(URL, string),
    };
    let id = match o.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => RecordId::Own(s.trim().to_string()),
        Some(Value::Number(num)) => RecordId::Own(num.to_string()),
        _ => RecordId::Nth(n),
    };
    let Some(body) = body else {
        issues.push(Issue::at(
            line,
            format!("record {n} has no text (`text`, `body` or `content`); skipped"),
        ));
        return;
    };
    let draft = super::record_draft(&body, looks_like_html(&body), meta);
    found.push(Found {
        id: Some(id),
        draft,
        raw: raw.to_string(),
    });
}

fn string(v: &Value) -> Option<String> {
    v.as_str().map(|s| s.trim().to_string())
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn looks_like_html(s: &str) -> bool {
    let head = crate::store::meta::head(s, 2000).to_ascii_lowercase();
    ["<p>", "<p ", "</p>", "<br", "<div"]
        .iter()
        .any(|t| head.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_records_with_line_numbers() {
        let text = "[\n  {\"title\": \"A\", \"text\": \"Alpha.\"},\n  {\"title\": 7, \"body\": \"Beta.\"},\n  {\"title\": \"C\"},\n  3\n]";
        let (found, issues) = records(text, false);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].id, Some(RecordId::Nth(1)));
        assert_eq!(found[1].draft.meta.title, None);
        assert_eq!(found[1].raw, "{\"title\": 7, \"body\": \"Beta.\"}");
        let lines: Vec<_> = issues.iter().map(|i| i.line).collect();
        assert_eq!(lines, [Some(3), Some(4), Some(5)]);
        assert!(issues[0].reason.contains("`title` is a number"));
    }

    #[test]
    fn lines_and_broken_lines() {
        let text = "{\"id\": \"x1\", \"content\": \"One.\", \"source\": {\"name\": \"Wire\"}}\n\n{broken\n{\"text\": \"Two.\", \"author\": [\"A B\", \"C D\"]}\n";
        let (found, issues) = records(text, true);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].id, Some(RecordId::Own("x1".into())));
        assert_eq!(found[0].draft.meta.source.as_deref(), Some("Wire"));
        assert_eq!(found[1].id, Some(RecordId::Nth(3)));
        assert_eq!(found[1].draft.meta.author.as_deref(), Some("A B, C D"));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].line, Some(3));
    }

    #[test]
    fn broken_json_names_the_line() {
        let (found, issues) = records("[\n{\"text\": \"a\"},\n{\"text\": }\n]", false);
        assert!(found.is_empty());
        assert_eq!(issues[0].line, Some(3));
    }
}
