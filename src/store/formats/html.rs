//! HTML pages, parsed with `scraper` (html5ever): the article's text, not
//! the page around it.
//!
//! The article is the largest `<article>`, else `[itemprop=articleBody]`,
//! `<main>`, `[role=main]`, or the whole `<body>`. Inside it, scripts,
//! styles, navigation, asides, forms, figures, footers and elements whose
//! class or id names boilerplate (`related-posts`, `share-bar`,
//! `site-footer`) are skipped; each block element (`p`, `h1`…, `li`,
//! `blockquote`, …) becomes one block. Metadata comes from the page head
//! (`og:title`, `og:site_name`, `author`, `article:published_time`,
//! canonical link), JSON-LD (`headline`, `author`, `datePublished`,
//! `publisher`), and the article (`<h1>`, `<time datetime>`). The tree is
//! walked without recursion, so deeply nested pages cannot exhaust the stack.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::store::clean::{Draft, Meta};
use crate::store::meta::{key, normalise_date};

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
    "select", "input", "textarea", "svg", "canvas", "iframe", "object", "embed", "figure",
    "picture", "video", "audio", "map", "head", "title", "dialog", "menu",
];

/// Elements that start and end a block of text.
const BLOCK: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "div",
    "section",
    "article",
    "main",
    "header",
    "td",
    "th",
    "dd",
    "dt",
    "figcaption",
    "ul",
    "ol",
    "table",
    "tr",
    "address",
    "summary",
    "details",
    "center",
    "hr",
    "br",
    "body",
    "dl",
];

/// Class or id words that mark page furniture.
const FURNITURE: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "sidebar",
    "related",
    "share",
    "sharing",
    "social",
    "comments",
    "comment",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "promo",
    "newsletter",
    "breadcrumb",
    "breadcrumbs",
    "subscribe",
    "cookie",
    "cookies",
    "popup",
    "modal",
    "teaser",
    "teasers",
    "recommended",
    "widget",
    "masthead",
    "banner",
    "toolbar",
    "pagination",
    "tags",
    "byline-share",
    "most-read",
    "trending",
];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "menu",
];

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    let sel = selector(css)?;
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr))
        .map(str::trim)
        .find(|v| !v.is_empty())
        .map(str::to_string)
}

fn text_of(el: ElementRef) -> String {
    crate::store::clean::tidy(&el.text().collect::<String>())
}

/// Nesting deeper than this is read as flat text: html5ever's tree builder
/// scans the stack of open elements on each start tag, so a page of 100,000
/// nested `<div>`s takes minutes. Browsers cap the depth similarly (512).
pub const MAX_DEPTH: usize = 512;

/// Blocks and metadata of an HTML page.
pub fn draft(text: &str) -> Draft {
    if depth(text) > MAX_DEPTH {
        return Draft {
            blocks: flat_text(text),
            meta: Meta::default(),
        };
    }
    let doc = Html::parse_document(text);
    let root = article_root(&doc);
    let mut meta = head_meta(&doc);
    let ld = json_ld(&doc);
    let h1 = selector("h1")
        .and_then(|s| root.select(&s).next())
        .map(text_of)
        .filter(|t| !t.is_empty());

    fill(&mut meta.title, ld.title);
    fill(&mut meta.source, ld.source);
    fill(&mut meta.author, ld.author);
    fill(&mut meta.date, ld.date);
    if meta.date.is_none() {
        meta.date = selector("time[datetime]")
            .and_then(|s| root.select(&s).next())
            .and_then(|t| t.value().attr("datetime"))
            .and_then(normalise_date);
    }
    if meta.title.is_none() {
        meta.title = first_text(&doc, "title");
    }
    meta.title = choose_title(meta.title, h1, meta.source.as_deref());
    Draft {
        blocks: blocks(root),
        meta,
    }
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value.filter(|v| !v.trim().is_empty());
    }
}

fn first_text(doc: &Html, css: &str) -> Option<String> {
    let sel = selector(css)?;
    doc.select(&sel).map(text_of).find(|t| !t.is_empty())
}

/// The page title without a " | Site" suffix; the article's `<h1>` when
/// the title starts with it or there is no other.
fn choose_title(title: Option<String>, h1: Option<String>, site: Option<&str>) -> Option<String> {
    let Some(mut title) = title else { return h1 };
    if let Some(h1) = h1
        && key(&title).starts_with(&key(&h1))
    {
        return Some(h1);
    }
    for sep in [" | ", " - ", " — ", " – ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && (site.is_some_and(|s| key(tail) == key(s))
                || tail.split_whitespace().count() <= 3 && head.split_whitespace().count() >= 3)
        {
            title = head.to_string();
            break;
        }
    }
    Some(title)
}

/// The element holding the article text.
fn article_root(doc: &Html) -> ElementRef<'_> {
    if let Some(sel) = selector("article") {
        let best = doc
            .select(&sel)
            .map(|a| (a.text().map(str::len).sum::<usize>(), a))
            .max_by_key(|(len, _)| *len);
        if let Some((len, a)) = best
            && len > 0
        {
            return a;
        }
    }
    for css in ["[itemprop=articleBody]", "main", "[role=main]", "body"] {
        if let Some(el) = selector(css).and_then(|s| doc.select(&s).next()) {
            return el;
        }
    }
    doc.root_element()
}

/// Whether `el` is page furniture by its tag, class, id, role or visibility.
fn furniture(el: &scraper::node::Element, is_root: bool) -> bool {
    let name = el.name();
    if SKIP.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || el
            .attr("role")
            .is_some_and(|r| FURNITURE_ROLES.contains(&r))
        || el
            .attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("display:none"))
    {
        return true;
    }
    if is_root || matches!(name, "article" | "main" | "body" | "html") {
        return false;
    }
    let names = el.attr("class").into_iter().flat_map(str::split_whitespace);
    names.chain(el.attr("id")).any(|n| {
        let n = n.to_ascii_lowercase();
        // "has-sidebar", "is-related" describe a container, not furniture.
        if ["has-", "with-", "no-", "is-"]
            .iter()
            .any(|p| n.starts_with(p))
        {
            return false;
        }
        let parts: Vec<&str> = n.split(['-', '_']).filter(|p| !p.is_empty()).collect();
        FURNITURE.contains(&n.as_str())
            || parts.first().is_some_and(|p| FURNITURE.contains(p))
            || parts.last().is_some_and(|p| FURNITURE.contains(p))
    })
}

/// The text blocks under `root`, skipping furniture.
fn blocks(root: ElementRef) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut skipping = None;
    let flush = |buf: &mut String, out: &mut Vec<String>| {
        let block = crate::store::clean::tidy(buf);
        if !block.is_empty() {
            out.push(block);
        }
        buf.clear();
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Text(t) => buf.push_str(t),
                Node::Element(el) => {
                    if furniture(el, node.id() == root.id()) {
                        skipping = Some(node.id());
                    } else if BLOCK.contains(&el.name()) {
                        flush(&mut buf, &mut out);
                    } else {
                        // Inline elements may sit flush against text ("a<b>b</b>").
                    }
                }
                _ => {}
            },
            Edge::Open(_) => {}
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none()
                    && let Node::Element(el) = node.value()
                    && BLOCK.contains(&el.name())
                {
                    flush(&mut buf, &mut out);
                }
            }
        }
    }
    flush(&mut buf, &mut out);
    out
}

/// Elements that never take content or whose end tag may be left out, so
/// their start tags do not deepen the page.
const FLAT: &[&str] = &[
    "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "dt", "dd", "option", "tbody", "thead", "tfoot",
    "colgroup", "rb", "rt", "rp", "!doctype",
];

/// A quick upper estimate of how deeply the tags of `text` nest, from one
/// scan of the tags (no tree is built).
pub fn depth(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        if rest.first() == Some(&b'/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!')
            .count();
        if name_len == 0 || !rest[0].is_ascii_alphabetic() {
            continue;
        }
        let name = String::from_utf8_lossy(&rest[..name_len]).to_ascii_lowercase();
        let self_closing =
            memchr::memchr(b'>', rest).is_some_and(|end| end > 0 && rest[end - 1] == b'/');
        if !FLAT.contains(&name.as_str()) && !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The text of a page without its tags (for pages too deep to parse): each
/// tag ends a block, script and style contents are dropped, the common
/// entities are decoded.
fn flat_text(text: &str) -> Vec<String> {
    let mut out = String::with_capacity(text.len() / 2);
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push('\n');
        rest = &rest[open..];
        let lower = crate::store::meta::head(rest, 8).to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            "</script"
        } else if lower.starts_with("<style") {
            "</style"
        } else {
            ">"
        };
        rest = match rest.find(skip_to) {
            Some(end) => &rest[end + skip_to.len()..],
            None => "",
        };
        if skip_to != ">" {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
        }
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Metadata from `<meta>` and `<link>` in the page head.
fn head_meta(doc: &Html) -> Meta {
    let content = |css: &str| first_attr(doc, css, "content");
    let author = content("meta[name=author]")
        .or_else(|| content("meta[property='article:author']").filter(|a| !a.starts_with("http")));
    Meta {
        title: content("meta[property='og:title']")
            .or_else(|| content("meta[name='twitter:title']")),
        source: content("meta[property='og:site_name']"),
        author,
        date: content("meta[property='article:published_time']")
            .or_else(|| content("meta[name=date]"))
            .or_else(|| content("meta[name=pubdate]"))
            .or_else(|| content("meta[itemprop=datePublished]"))
            .and_then(|d| normalise_date(&d)),
        url: first_attr(doc, "link[rel=canonical]", "href")
            .or_else(|| content("meta[property='og:url']")),
    }
}

/// The first JSON-LD object describing an article.
fn json_ld(doc: &Html) -> Meta {
    let Some(sel) = selector("script[type='application/ld+json']") else {
        return Meta::default();
    };
    for script in doc.select(&sel) {
        let Ok(value) = serde_json::from_str::<Value>(&script.text().collect::<String>()) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(o) if o.contains_key("@graph") => stack.extend(o.get("@graph")),
                Value::Object(o) if o.contains_key("headline") => {
                    return Meta {
                        title: o.get("headline").and_then(name_of),
                        source: o.get("publisher").and_then(name_of),
                        author: o.get("author").and_then(name_of),
                        date: o
                            .get("datePublished")
                            .and_then(Value::as_str)
                            .and_then(normalise_date),
                        url: None,
                    };
                }
                _ => {}
            }
        }
    }
    Meta::default()
}

/// A string, an object's `name`, or the names of a list, joined.
pub fn name_of(v: &Value) -> Option<String> {
    let name = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Object(o) => return o.get("name").and_then(name_of),
        Value::Array(items) => items
            .iter()
            .filter_map(name_of)
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_by_class() {
        let page = r#"<html><body><main class="content has-sidebar">
            <p>Kept text.</p><div class="related-posts"><p>Other story</p></div>
            <div id="share-bar">Share</div><p style="display: none">hidden</p>
            <p>More <b>kept</b> text.</p></main></body></html>"#;
        let d = draft(page);
        assert_eq!(d.blocks, ["Kept text.", "More kept text."]);
    }

    #[test]
    fn title_suffix_and_h1() {
        let t = choose_title(
            Some("Dam approved | Valley Gazette".into()),
            None,
            Some("Valley Gazette"),
        );
        assert_eq!(t.as_deref(), Some("Dam approved"));
        let t = choose_title(Some("Dam approved after long row - VG".into()), None, None);
        assert_eq!(t.as_deref(), Some("Dam approved after long row"));
        let t = choose_title(
            Some("Dam approved after long row: what it means".into()),
            Some("Dam approved after long row".into()),
            None,
        );
        assert_eq!(t.as_deref(), Some("Dam approved after long row"));
    }

    #[test]
    fn deep_nesting_is_read_flat_and_fast() {
        let page = format!(
            "<script>x()</script>{}<p>deep &amp; dark</p>{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(depth(&page), 100_000);
        let started = std::time::Instant::now();
        assert_eq!(draft(&page).blocks, ["deep & dark"]);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        // Just under the limit still builds a tree, without recursion.
        let page = format!("{}<p>deep</p>{}", "<div>".repeat(500), "</div>".repeat(500));
        assert_eq!(draft(&page).blocks, ["deep"]);
    }

    #[test]
    fn depth_ignores_void_and_optional_end_tags() {
        let page = "<html><body><p>a<p>b<br><img src=x><li>c<li>d<div><hr/></div></body></html>";
        assert_eq!(depth(page), 3);
    }
}
