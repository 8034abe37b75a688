//! Plain text: scrapes like the seeds (one paragraph per line), hard-wrapped
//! text (paragraphs of short lines between blank lines), and text with a
//! header of `Title:` / `Author:` / `Date:` / `Source:` / `URL:` lines.

use std::sync::LazyLock;

use regex::Regex;

use crate::store::clean::{Draft, Meta};
use crate::store::meta::normalise_date;

/// A field line at the top of a text file ("Title: …", "Source: …").
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(title|headline|author|authors|source|outlet|publisher|date|published|url|link)\s*:\s*(\S.*)$")
        .expect("valid regex")
});

/// Split `text` into blocks, reading a leading field header into metadata.
pub fn draft(text: &str) -> Draft {
    let (meta, body) = fields(text);
    Draft {
        blocks: blocks(body),
        meta,
    }
}

/// Blocks of plain text. A scrape puts a paragraph on each line; hard-wrapped
/// text (no line longer than 100 characters, most lines followed by another
/// line) puts one paragraph between blank lines, and its lines are joined.
pub fn blocks(text: &str) -> Vec<String> {
    let mut lines = 0usize;
    let mut followed = 0usize;
    let mut longest = 0usize;
    let mut prev_nonblank = false;
    for line in split_lines(text) {
        let blank = line.trim().is_empty();
        if !blank {
            lines += 1;
            longest = longest.max(line.len());
            followed += usize::from(prev_nonblank);
        }
        prev_nonblank = !blank;
    }
    let wrapped = lines >= 4 && longest <= 100 && followed * 2 >= lines;
    if !wrapped {
        return split_lines(text)
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
    }
    let mut out = Vec::new();
    let mut para = String::new();
    for line in split_lines(text).chain(std::iter::once("")) {
        let line = line.trim();
        if line.is_empty() {
            if !para.is_empty() {
                out.push(std::mem::take(&mut para));
            }
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(line);
        }
    }
    out
}

/// The lines of `text`, as [`str::lines`] makes them (a `\r` before a
/// `\n` is dropped, a last `\r` kept), found with memchr: the standard library's own search
/// for the newline goes a byte at a time.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        Some(match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(at) => {
                let line = &rest[..at];
                rest = &rest[at + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        })
    })
}

/// The leading `Field: value` lines of `text` as metadata, and the rest.
fn fields(text: &str) -> (Meta, &str) {
    let mut meta = Meta::default();
    let mut rest = text;
    let mut any = false;
    loop {
        let trimmed = rest.trim_start_matches(['\n', ' ', '\t']);
        let (line, after) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
        let Some(caps) = FIELD.captures(crate::store::meta::head(line, 400)) else {
            break;
        };
        let value = caps[2].trim().to_string();
        let slot = match caps[1].to_lowercase().as_str() {
            "title" | "headline" => &mut meta.title,
            "author" | "authors" => &mut meta.author,
            "source" | "outlet" | "publisher" => &mut meta.source,
            "date" | "published" => {
                meta.date = normalise_date(&value);
                rest = after;
                any = true;
                continue;
            }
            _ => &mut meta.url,
        };
        *slot = Some(value);
        rest = after;
        any = true;
    }
    // A lone "Source: X" line is a field header only if a title or another
    // field goes with it; otherwise leave the text as it was.
    if any && (meta.title.is_some() || meta.author.is_some() || meta.date.is_some()) {
        (meta, rest)
    } else {
        (Meta::default(), text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_the_standard_lines() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\n\r\nb",
            "a\n\nb\r",
            "\r\n",
            "x\ry\n\n\n",
        ] {
            assert_eq!(
                split_lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn one_paragraph_per_line() {
        let b = blocks("Title\n\nFirst paragraph is long.\nCNN\n\n\nSecond.\n");
        assert_eq!(b, ["Title", "First paragraph is long.", "CNN", "Second."]);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "Dam plan approved\n\nThe regional water board approved\nthe dam on Friday after a long\ndebate.\n\nWork starts in\nthe spring.\n";
        assert_eq!(
            blocks(text),
            [
                "Dam plan approved",
                "The regional water board approved the dam on Friday after a long debate.",
                "Work starts in the spring."
            ]
        );
    }

    #[test]
    fn field_header() {
        let d = draft(
            "Title: Dam plan approved\nAuthor: Ana Souza\nDate: 2021-04-09\n\nThe board approved it.\n",
        );
        assert_eq!(d.meta.title.as_deref(), Some("Dam plan approved"));
        assert_eq!(d.meta.author.as_deref(), Some("Ana Souza"));
        assert_eq!(d.meta.date.as_deref(), Some("2021-04-09"));
        assert_eq!(d.blocks, ["The board approved it."]);
        // A sentence that merely starts with "Source:" is text.
        let d = draft("Source: officials close to the talks.\nMore text.");
        assert_eq!(d.meta, Meta::default());
    }
}
