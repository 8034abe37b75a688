//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds, read with `quick-xml`: each item
//! or entry is a document.
//!
//! Fields, by namespace rather than by prefix (so `<dc:creator>` and
//! `<foo:creator xmlns:foo="…dc/elements/1.1/">` are the same thing):
//! - title: `title`;
//! - body: the full content (`content:encoded`, Atom `content`), else the
//!   `description` / `summary`; markup inside goes through the HTML reader
//!   ([`html::draft`]), plain text through the text reader;
//! - source: the item's own `source` (RSS text, Atom `source/title`), else
//!   the channel or feed title;
//! - author: `author` (an RSS `jane@example.com (Jane Doe)` gives the name),
//!   `dc:creator`, Atom `author/name`, else the feed's Atom author;
//! - date: `pubDate`, `dc:date`, Atom `published`, else `updated`,
//!   normalised as every format's dates are ([`normalise_date`]);
//! - url: `link` (Atom: its `href`, the `alternate` one when several).
//!
//! Ids are the item's own `guid` / `id` (RSS 1.0: `rdf:about`) when it is
//! usable on a command line (no spaces or control characters, not
//! absurdly long), else its 1-based position (`stem#N`). JSON records keep
//! any non-blank `id` they have: feed guids are often URLs or prose.
//!
//! Undeclared HTML entities (`&nbsp;`, `&rsquo;`) and a bare `&` are common
//! in real feeds, so they are read as a browser would rather than refused.
//! A feed that is not well-formed keeps the items completed before the
//! fault: a feed is a list of independent records (like JSON Lines), and the
//! usual breakage, a download cut short, leaves every earlier item whole.
//! The item the fault falls in is dropped, and the problem names the line.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::{NsReader, XmlVersion};

use super::{Found, Issue, RecordId, html};
use crate::store::clean::Meta;
use crate::store::meta::normalise_date;

/// Own ids longer than this are positions instead (a guid of a whole URL
/// with tracking parameters is no name to type).
const MAX_ID: usize = 200;

/// How far into a file the sniff looks for the root element (past an XML
/// declaration, stylesheet instructions, a doctype and licence comments).
const SNIFF: usize = 4096;

/// Whether `text` starts like a feed: `<rss`, `<feed` or `<rdf:RDF`, after
/// a byte-order mark, XML declaration, processing instructions, comments
/// and a doctype.
pub fn sniff(text: &str) -> bool {
    let mut rest = crate::store::meta::head(text.trim_start_matches('\u{feff}'), SNIFF);
    loop {
        rest = rest.trim_start();
        let skip = if rest.starts_with("<?") {
            rest.find("?>").map(|i| i + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if rest
            .get(..9)
            .is_some_and(|h| h.eq_ignore_ascii_case("<!doctype"))
        {
            // A doctype may carry an internal subset in brackets.
            let close = rest.find('>');
            match (rest.find('['), close) {
                (Some(open), Some(close)) if open < close => rest.find("]>").map(|i| i + 2),
                _ => close.map(|i| i + 1),
            }
        } else {
            break;
        };
        match skip {
            Some(at) => rest = &rest[at..],
            None => return false,
        }
    }
    ["<rss", "<feed", "<rdf:RDF", "<atom:feed"]
        .iter()
        .any(|root| {
            rest.strip_prefix(root).is_some_and(|after| {
                after.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            })
        })
}

/// The vocabularies a feed's elements come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// RSS 2.0 (no namespace), RSS 1.0 and Atom: their element names do
    /// not clash in the places they are read.
    Core,
    Content,
    Dc,
    Rdf,
    Other,
}

fn ns(resolved: &ResolveResult) -> Ns {
    match resolved {
        ResolveResult::Unbound => Ns::Core,
        ResolveResult::Bound(Namespace(uri)) => match uri.trim_end_matches(['/', '#']) {
            "http://purl.org/rss/1.0"
            | "http://www.w3.org/2005/Atom"
            | "http://purl.org/atom/ns"
            | "http://backend.userland.com/rss2"
            | "http://purl.org/net/rss1.1" => Ns::Core,
            "http://purl.org/rss/1.0/modules/content" => Ns::Content,
            "http://purl.org/dc/elements/1.1" | "http://purl.org/dc/terms" => Ns::Dc,
            "http://www.w3.org/1999/02/22-rdf-syntax-ns" => Ns::Rdf,
            _ => Ns::Other,
        },
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

/// What a captured element's text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    /// Full content (2) or a description / summary (1).
    Body(u8),
    /// An RSS `author` or `dc:creator`: the text itself.
    Author,
    /// An Atom `author/name`.
    AuthorName,
    /// Published (2) or only updated (1).
    Date(u8),
    Id,
    /// An RSS `source` (its text) or an Atom `source/title`.
    Source,
    FeedTitle,
    FeedAuthorName,
}

/// How a body's text is to be read (Atom `type`; RSS says nothing, so its
/// text is looked at).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Guess,
    Text,
    Html,
}

/// The text of one element being read.
struct Capture {
    field: Field,
    depth: usize,
    kind: Kind,
    /// Byte offset just after the start tag, for inline XHTML content.
    start: usize,
    text: String,
    /// Child elements seen inside: inline XHTML, read as markup.
    markup: bool,
}

/// One item or entry being read.
#[derive(Default)]
struct Item {
    n: usize,
    depth: usize,
    start: usize,
    title: Option<String>,
    link: Option<String>,
    /// Whether `link` came from an Atom `rel="alternate"`, which no other
    /// link displaces.
    link_alternate: bool,
    body: Option<(u8, Kind, String)>,
    authors: Vec<String>,
    date: Option<(u8, String)>,
    id: Option<String>,
    source: Option<String>,
    /// Depth of an open `author` or `source` whose children are read.
    author_depth: Option<usize>,
    source_depth: Option<usize>,
}

/// Channel- or feed-level facts items fall back on.
#[derive(Default)]
struct Channel {
    title: Option<String>,
    authors: Vec<String>,
    author_depth: Option<usize>,
}

/// The items of a feed, and what could not be read.
pub fn items(text: &str) -> (Vec<Found>, Vec<Issue>) {
    let mut reader = NsReader::from_str(text);
    reader.config_mut().allow_dangling_amp = true;
    let mut read = Reading::default();
    let mut fault = None;
    let mut depth = 0usize;
    let mut rooted = false;
    loop {
        let before = reader.buffer_position() as usize;
        let (resolved, event) = match reader.read_resolved_event() {
            Ok(got) => got,
            Err(e) => {
                let at = (reader.error_position() as usize).min(text.len());
                fault = Some(Issue::at(
                    read.lines.at(text, at),
                    read.fault(&e.to_string()),
                ));
                break;
            }
        };
        let space = ns(&resolved);
        match event {
            Event::Start(e) => {
                depth += 1;
                if !rooted {
                    rooted = true;
                    if let Some(issue) = root_issue(space, &e) {
                        return (Vec::new(), vec![issue]);
                    }
                }
                read.open(space, &e, depth, before, reader.buffer_position() as usize);
            }
            Event::Empty(e) => {
                if !rooted {
                    rooted = true;
                    if let Some(issue) = root_issue(space, &e) {
                        return (Vec::new(), vec![issue]);
                    }
                }
                read.empty(space, &e, depth + 1);
            }
            Event::End(_) => {
                read.close(text, depth, before, reader.buffer_position() as usize);
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) => read.push(&t.xml10_content()),
            Event::CData(t) => read.push(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                match r.resolve_char_ref() {
                    Ok(Some(c)) => read.push(c.encode_utf8(&mut [0; 4])),
                    Ok(None) => match quick_xml::escape::resolve_html5_entity(&name) {
                        Some(s) => read.push(s),
                        None => read.push(&format!("&{name};")),
                    },
                    Err(_) => read.push(&format!("&{name};")),
                }
            }
            Event::Eof => {
                if depth > 0 {
                    let reason = read.fault("the file ends before the feed is closed (cut short?)");
                    fault = Some(Issue::at(read.lines.at(text, text.len()), reason));
                } else if !rooted {
                    fault = Some(Issue {
                        line: None,
                        reason: "no RSS or Atom feed in this XML file".into(),
                    });
                }
                break;
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    let mut issues = std::mem::take(&mut read.issues);
    issues.extend(fault);
    if read.found.is_empty() && read.seen == 0 && issues.is_empty() {
        issues.push(Issue {
            line: None,
            reason: "the feed has no items".into(),
        });
    }
    let channel = read.channel;
    for f in &mut read.found {
        let meta = &mut f.draft.meta;
        if meta.source.is_none() {
            meta.source = channel.title.clone();
        }
        if meta.author.is_none() && !channel.authors.is_empty() {
            meta.author = Some(channel.authors.join(", "));
        }
    }
    (read.found, issues)
}

/// Why a document whose first element is not a feed's root is refused.
fn root_issue(space: Ns, e: &BytesStart) -> Option<Issue> {
    let local = e.local_name();
    let local = local.as_ref();
    let feed = matches!(
        (space, local),
        (Ns::Core, "rss" | "feed") | (Ns::Rdf, "RDF")
    );
    (!feed).then(|| Issue {
        line: None,
        reason: format!(
            "not an RSS or Atom feed (the XML's root element is <{}>)",
            e.name().as_ref()
        ),
    })
}

/// The state of a feed being read, fed one event at a time.
#[derive(Default)]
struct Reading {
    found: Vec<Found>,
    issues: Vec<Issue>,
    channel: Channel,
    /// Items started so far (readable or not), for positional ids.
    seen: usize,
    item: Option<Item>,
    capture: Option<Capture>,
    lines: Lines,
}

impl Reading {
    /// The reason for a fault that stops the reading, saying what was kept.
    fn fault(&mut self, what: &str) -> String {
        let lost = match self.item.take() {
            Some(item) => format!("; item {} is incomplete and was skipped", item.n),
            None => String::new(),
        };
        let kept = self.found.len();
        format!(
            "not well-formed XML: {what}; kept the {kept} item{} before it{lost}",
            if kept == 1 { "" } else { "s" }
        )
    }

    fn open(&mut self, space: Ns, e: &BytesStart, depth: usize, before: usize, after: usize) {
        if let Some(c) = &mut self.capture {
            if let Some(field) = child_field(&self.item, c.field, space, e, depth) {
                // An Atom `author/name` or `source/title` replaces the
                // text of its parent.
                self.capture = Some(capture(field, depth, Kind::Text, after));
            } else {
                c.markup = true;
            }
            return;
        }
        let local = e.local_name();
        let local = local.as_ref();
        let Some(item) = &mut self.item else {
            if space == Ns::Core && matches!(local, "item" | "entry") {
                self.seen += 1;
                self.item = Some(Item {
                    n: self.seen,
                    depth,
                    start: before,
                    id: attr(e, "about"),
                    ..Item::default()
                });
            } else if space == Ns::Core && local == "title" && self.channel.title.is_none() {
                if depth <= 3 {
                    self.capture = Some(capture(Field::FeedTitle, depth, Kind::Guess, after));
                }
            } else if space == Ns::Core && local == "author" && depth == 2 {
                self.channel.author_depth = Some(depth);
            } else if space == Ns::Core
                && local == "name"
                && self.channel.author_depth == Some(depth - 1)
            {
                self.capture = Some(capture(Field::FeedAuthorName, depth, Kind::Text, after));
            }
            return;
        };
        if depth != item.depth + 1 {
            return;
        }
        let kind = match attr(e, "type").as_deref() {
            Some("text" | "text/plain") => Kind::Text,
            Some("html" | "xhtml" | "text/html" | "application/xhtml+xml") => Kind::Html,
            _ => Kind::Guess,
        };
        let field = match (space, local) {
            (Ns::Core, "title") => Field::Title,
            (Ns::Core, "link") => {
                if link_href(item, e) {
                    return;
                }
                Field::Link
            }
            (Ns::Content, "encoded") => Field::Body(2),
            // Atom content kept elsewhere (`src`) is not in the feed.
            (Ns::Core, "content") if attr(e, "src").is_none() => Field::Body(2),
            (Ns::Core, "description" | "summary") => Field::Body(1),
            (Ns::Core, "author") | (Ns::Dc, "creator") => {
                item.author_depth = Some(depth);
                Field::Author
            }
            (Ns::Core, "pubDate" | "published") | (Ns::Dc, "date") => Field::Date(2),
            (Ns::Core, "updated") => Field::Date(1),
            (Ns::Core, "guid" | "id") => Field::Id,
            (Ns::Core, "source") => {
                item.source_depth = Some(depth);
                Field::Source
            }
            _ => return,
        };
        self.capture = Some(capture(field, depth, kind, after));
    }

    /// An element without content: only an Atom link says anything so.
    fn empty(&mut self, space: Ns, e: &BytesStart, depth: usize) {
        if let Some(c) = &mut self.capture {
            c.markup = true;
            return;
        }
        if let Some(item) = &mut self.item
            && depth == item.depth + 1
            && space == Ns::Core
            && e.local_name().as_ref() == "link"
        {
            link_href(item, e);
        }
    }

    fn push(&mut self, s: &str) {
        if let Some(c) = &mut self.capture {
            c.text.push_str(s);
        }
    }

    fn close(&mut self, text: &str, depth: usize, before: usize, after: usize) {
        if let Some(c) = self.capture.take_if(|c| c.depth == depth) {
            let value = if c.markup {
                text.get(c.start..before).unwrap_or_default().to_string()
            } else {
                c.text
            };
            self.keep(c.field, c.kind, c.markup, value);
        }
        if self.channel.author_depth == Some(depth) {
            self.channel.author_depth = None;
        }
        let Some(item) = &mut self.item else { return };
        if item.author_depth == Some(depth) {
            item.author_depth = None;
        }
        if item.source_depth == Some(depth) {
            item.source_depth = None;
        }
        if item.depth == depth
            && let Some(item) = self.item.take()
        {
            let start = item.start;
            let raw = text.get(start..after).unwrap_or_default();
            match finish(item, raw) {
                Ok(found) => self.found.push(found),
                Err(reason) => {
                    let line = self.lines.at(text, start);
                    self.issues.push(Issue::at(line, reason));
                }
            }
        }
    }

    /// Store a captured field's `value`.
    fn keep(&mut self, field: Field, kind: Kind, markup: bool, value: String) {
        let tidy = |s: &str| crate::store::clean::tidy(s);
        match field {
            Field::FeedTitle => self.channel.title = plain(&value),
            Field::FeedAuthorName => self.channel.authors.extend(plain(&value)),
            _ => {}
        }
        let Some(item) = &mut self.item else { return };
        match field {
            Field::Title => item.title = plain(&value),
            Field::Link if item.link.is_none() => item.link = Some(tidy(&value)),
            Field::Body(rank) if item.body.as_ref().is_none_or(|(r, ..)| *r < rank) => {
                let kind = if markup { Kind::Html } else { kind };
                if !value.trim().is_empty() {
                    item.body = Some((rank, kind, value));
                }
            }
            Field::Author => item.authors.extend(rss_author(&value)),
            Field::AuthorName => item.authors.extend(plain(&value)),
            Field::Date(rank) if item.date.as_ref().is_none_or(|(r, _)| *r < rank) => {
                if let Some(date) = normalise_date(&value) {
                    item.date = Some((rank, date));
                }
            }
            Field::Id => item.id = Some(tidy(&value)),
            Field::Source => item.source = plain(&value),
            _ => {}
        }
    }
}

fn capture(field: Field, depth: usize, kind: Kind, start: usize) -> Capture {
    Capture {
        field,
        depth,
        kind,
        start,
        text: String::new(),
        markup: false,
    }
}

/// The field of an element opened inside a capture, when it is one that
/// is read: an Atom `author/name` or `source/title`.
fn child_field(
    item: &Option<Item>,
    parent: Field,
    space: Ns,
    e: &BytesStart,
    depth: usize,
) -> Option<Field> {
    if space != Ns::Core {
        return None;
    }
    let local = e.local_name();
    let under = |d: Option<usize>| d == Some(depth - 1);
    match (parent, local.as_ref(), item) {
        (Field::Author, "name", Some(item)) if under(item.author_depth) => Some(Field::AuthorName),
        (Field::Source, "title", Some(item)) if under(item.source_depth) => Some(Field::Source),
        _ => None,
    }
}

/// Take an Atom link's `href` (the alternate one wins); false when the
/// element has none (an RSS link, whose text is the URL).
fn link_href(item: &mut Item, e: &BytesStart) -> bool {
    let Some(href) = attr(e, "href") else {
        return false;
    };
    let rel = attr(e, "rel");
    let alternate = rel.as_deref().is_none_or(|r| r == "alternate");
    if alternate && !item.link_alternate {
        item.link = Some(href);
        item.link_alternate = true;
    } else if item.link.is_none() && rel.as_deref() != Some("self") {
        item.link = Some(href);
    }
    true
}

/// An attribute's value by local name, unescaped, trimmed, non-empty.
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.trim().to_string())
        })
        .filter(|v| !v.is_empty())
}

/// A title-like field as plain text: markup (an Atom `type="html"` title,
/// a doubly escaped `&amp;#8217;`) read as HTML, whitespace tidied.
fn plain(value: &str) -> Option<String> {
    let text = if value.contains(['<', '&']) {
        html::draft(value).blocks.join(" ")
    } else {
        crate::store::clean::tidy(value)
    };
    (!text.is_empty()).then_some(text)
}

/// The name in an RSS `author` (`jane@example.com (Jane Doe)`), or the
/// text as given.
fn rss_author(value: &str) -> Option<String> {
    let value = value.trim();
    if let Some((mail, rest)) = value.split_once('(')
        && mail.contains('@')
        && let Some(name) = rest.strip_suffix(')')
    {
        return plain(name);
    }
    plain(value)
}

/// Turn a finished item into a document, or say why it has none.
fn finish(item: Item, raw: &str) -> Result<Found, String> {
    let n = item.n;
    let Some((_, kind, body)) = item.body else {
        return Err(format!(
            "item {n} has no text (content, description or summary); skipped"
        ));
    };
    let markup = match kind {
        Kind::Html => true,
        Kind::Text => false,
        Kind::Guess => looks_like_markup(&body),
    };
    let fields = Meta {
        title: item.title,
        source: item.source,
        author: (!item.authors.is_empty()).then(|| item.authors.join(", ")),
        date: item.date.map(|(_, d)| d),
        url: item.link,
    };
    let draft = super::record_draft(&body, markup, fields);
    let id = match item.id.filter(|id| usable_id(id)) {
        Some(id) => RecordId::Own(id),
        None => RecordId::Nth(n),
    };
    Ok(Found {
        id: Some(id),
        draft,
        raw: raw.to_string(),
    })
}

/// Whether a guid can name a document: something one can type or paste as
/// a single word.
fn usable_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_ID && !id.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether text has tags in it (`<p>`, `</b>`, `<br/>`, `<!-- -->`) rather
/// than a stray `<` ("a < b").
fn looks_like_markup(s: &str) -> bool {
    memchr::memchr_iter(b'<', s.as_bytes()).any(|i| {
        s.as_bytes()
            .get(i + 1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/' || b == b'!')
    })
}

/// Line numbers of offsets met in order, counted from where the last one
/// was, so that a feed with many unreadable items is scanned once.
#[derive(Default)]
struct Lines {
    offset: usize,
    /// Newlines before `offset`.
    newlines: usize,
}

impl Lines {
    /// The 1-based line of byte offset `at`.
    fn at(&mut self, text: &str, at: usize) -> usize {
        let at = at.min(text.len());
        if at < self.offset {
            *self = Lines::default();
        }
        self.newlines += memchr::memchr_iter(b'\n', &text.as_bytes()[self.offset..at]).count();
        self.offset = at;
        self.newlines + 1
    }
}
