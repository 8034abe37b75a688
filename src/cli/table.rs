//! Human output: tables that fit the terminal width, measured in display
//! columns so wide characters (CJK, emoji) keep the columns aligned.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::entities::{EntityIdx, EntityIndex};
use crate::store::{DocIdx, Document};

/// Width to fit: the terminal's, else `$COLUMNS`, else 100.
pub fn width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = crossterm::terminal::size()
    {
        return w as usize;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// `text` cut to at most `width` display columns (with `…` when cut) and
/// padded with spaces to exactly `width`.
pub fn fit(text: &str, width: usize) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.width() <= width {
        let pad = width - text.width();
        return format!("{text}{}", " ".repeat(pad));
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// One row per document: id, outlet, author, date, words, title.
pub fn documents(
    out: &mut dyn Write,
    docs: &[Document],
    order: &[DocIdx],
    width: usize,
) -> Result<()> {
    let id_w = order
        .iter()
        .map(|&i| docs[i].id.width())
        .max()
        .unwrap_or(2)
        .clamp(2, 24);
    let (src_w, author_w, date_w, words_w) = (16, 14, 10, 6);
    let fixed = id_w + src_w + author_w + date_w + words_w + 5;
    let title_w = width.saturating_sub(fixed).max(10);
    let row = |id: &str, src: &str, author: &str, date: &str, words: &str, title: &str| {
        format!(
            "{} {} {} {} {:>words_w$} {}",
            fit(id, id_w),
            fit(src, src_w),
            fit(author, author_w),
            fit(date, date_w),
            words,
            fit(title, title_w).trim_end()
        )
    };
    writeln!(
        out,
        "{}",
        row("ID", "SOURCE", "AUTHOR", "DATE", "WORDS", "TITLE")
    )?;
    for &i in order {
        let d = &docs[i];
        let dash = |f: &Option<String>| f.clone().unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "{}",
            row(
                &d.id,
                &dash(&d.source),
                &dash(&d.author),
                &dash(&d.date),
                &d.words().to_string(),
                &d.title
            )
        )?;
    }
    Ok(())
}

/// A document for reading: a header of its metadata, then the body.
pub fn document(out: &mut dyn Write, doc: &Document) -> Result<()> {
    use super::inert::text;
    writeln!(out, "{}", text(&doc.title))?;
    let meta: Vec<&str> = [&doc.source, &doc.author, &doc.date]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !meta.is_empty() {
        writeln!(out, "{}", text(&meta.join(" · ")))?;
    }
    writeln!(out, "{} · {} words\n", text(&doc.id), doc.words())?;
    writeln!(out, "{}", text(&doc.body))?;
    Ok(())
}

/// One row per entity of `index` in `entities`: kind, name, documents,
/// mentions, other aliases.
pub fn entities(
    out: &mut dyn Write,
    index: &EntityIndex,
    entities: &[EntityIdx],
    width: usize,
) -> Result<()> {
    let name_w = 32;
    let alias_w = width.saturating_sub(8 + name_w + 5 + 9 + 4).max(10);
    writeln!(
        out,
        "{} {}  DOCS MENTIONS ALIASES",
        fit("KIND", 8),
        fit("NAME", name_w),
    )?;
    for &i in entities {
        let e = index.entity(i);
        let others: Vec<&str> = e
            .aliases
            .iter()
            .filter(|a| **a != e.name)
            .map(String::as_str)
            .collect();
        writeln!(
            out,
            "{} {} {:>5} {:>8} {}",
            fit(e.kind.as_str(), 8),
            fit(&e.name, name_w),
            index.doc_count(i),
            index.mentions_of(i).len(),
            fit(&others.join(", "), alias_w).trim_end()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        // Each CJK character is two columns wide.
        assert_eq!(fit("日本語テキスト", 7).width(), 7);
        assert_eq!(fit("a\u{1b}[31mb", 8), "a [31mb ");
    }
}
