//! Markdown, read with `pulldown-cmark` (CommonMark): headings, paragraphs,
//! list items, quotes and code become blocks with the markup gone (link text
//! kept, images and raw HTML dropped). A YAML-style front matter block gives
//! title, author, date, source and URL; otherwise the first `#` heading is
//! the title.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::store::clean::{Draft, Meta};
use crate::store::meta::normalise_date;

/// Blocks and metadata of a Markdown document.
pub fn draft(text: &str) -> Draft {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut meta = Meta::default();
    let mut blocks = Vec::new();
    let mut buf = String::new();
    let mut front = String::new();
    let (mut in_front, mut in_image, mut in_h1) = (false, 0usize, false);
    let mut first_h1: Option<String> = None;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_front = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_front = false,
            Event::Text(t) if in_front => front.push_str(&t),
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut buf, &mut blocks);
                in_h1 = level == HeadingLevel::H1;
            }
            Event::End(TagEnd::Heading(_)) => {
                if in_h1 && first_h1.is_none() && !buf.trim().is_empty() {
                    first_h1 = Some(buf.trim().to_string());
                }
                in_h1 = false;
                flush(&mut buf, &mut blocks);
            }
            Event::Start(
                Tag::Paragraph | Tag::Item | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::TableRow,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => flush(&mut buf, &mut blocks),
            Event::End(TagEnd::TableCell) => buf.push(' '),
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    flush(&mut buf, &mut blocks);
    front_matter(&front, &mut meta);
    if meta.title.is_none() {
        meta.title = first_h1;
    }
    Draft { blocks, meta }
}

fn flush(buf: &mut String, blocks: &mut Vec<String>) {
    let block = buf.trim();
    if !block.is_empty() {
        blocks.push(block.to_string());
    }
    buf.clear();
}

/// `key: value` lines of a front matter block (the YAML subset articles use).
fn front_matter(front: &str, meta: &mut Meta) {
    for line in front.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim().trim_matches(['"', '\'']).trim();
        if v.is_empty() {
            continue;
        }
        let slot = match k.trim().to_lowercase().as_str() {
            "title" | "headline" => &mut meta.title,
            "author" | "authors" | "byline" => &mut meta.author,
            "source" | "outlet" | "publisher" | "site" => &mut meta.source,
            "url" | "link" | "canonical" => &mut meta.url,
            "date" | "published" | "pubdate" => {
                meta.date = normalise_date(v);
                continue;
            }
            _ => continue,
        };
        *slot = Some(v.trim_start_matches('[').trim_end_matches(']').to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_without_markup() {
        let d = draft(
            "# Flood *warning* for the valley\n\nRain **continued** on [Sunday](http://x.test),\nofficials said. ![map](m.png)\n\n- first point\n- second `point`\n\n> a quote\n",
        );
        assert_eq!(
            d.meta.title.as_deref(),
            Some("Flood warning for the valley")
        );
        assert_eq!(
            d.blocks,
            [
                "Flood warning for the valley",
                "Rain continued on Sunday, officials said.",
                "first point",
                "second point",
                "a quote"
            ]
        );
    }

    #[test]
    fn front_matter_wins() {
        let d = draft(
            "---\ntitle: \"Valley floods\"\nauthor: Mei Tanaka\ndate: 2020-07-01\nsource: Valley Gazette\n---\n\n# Heading\n\nText.\n",
        );
        assert_eq!(d.meta.title.as_deref(), Some("Valley floods"));
        assert_eq!(d.meta.author.as_deref(), Some("Mei Tanaka"));
        assert_eq!(d.meta.date.as_deref(), Some("2020-07-01"));
        assert_eq!(d.meta.source.as_deref(), Some("Valley Gazette"));
        assert_eq!(d.blocks, ["Heading", "Text."]);
    }
}
