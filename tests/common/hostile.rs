//! Hostile input files, generated into a folder by the tests that need
//! them: binary, truncated UTF-8, UTF-16 with a byte-order mark (both byte
//! orders), CRLF, a huge single line, many tiny files, deeply nested HTML,
//! JSON with wrong types, broken JSON Lines, a broken feed, right-to-left and
//! wide scripts, and articles (files, records, feed entries) carrying control
//! characters and terminal escape sequences.
//!
//! Each file comes with what must happen to it ([`Expect`]), so the store
//! tests, the CLI tests and the reader tests check the same promises.

use std::path::Path;

/// What loading a hostile file must give.
#[derive(Debug, Clone)]
pub enum Expect {
    /// Documents with these ids load, and no problem names the file.
    Loads(Vec<String>),
    /// Documents with these ids load, and the file is also named with a
    /// reason containing the text (lossy decoding, skipped records).
    LoadsWithNote(Vec<String>, &'static str),
    /// Nothing loads from it; it is named with a reason containing the text.
    Refused(&'static str),
}

/// One hostile file: its name (relative to the folder), bytes, promise.
pub struct Hostile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub expect: Expect,
}

/// A paragraph long enough to count as an article's first real paragraph.
pub const PARA: &str = "The regional council met on Tuesday to discuss the flooding along the river and agreed to fund new defences before winter.";

/// Escape sequences and control characters of every family a terminal
/// acts on: CSI (clear screen, colours, cursor moves), OSC (window title,
/// hyperlink), DCS, the 8-bit C1 CSI, BEL, backspace, carriage return.
pub const ESCAPES: &str = "\u{1b}[2J\u{1b}[H\u{1b}[31mRED\u{1b}[0m \u{1b}]0;pwned title\u{7} \u{1b}]8;;http://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{1b}P+q\u{1b}\\ \u{9b}6n \u{1b}[?1049l\u{1b}[?25l bell\u{7} back\u{8}\u{8}space \u{1b}c";

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

/// The hostile files, small ones only (see [`huge_line`] and [`tiny_files`]).
pub fn files() -> Vec<Hostile> {
    let mut out = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, expect: Expect| {
        out.push(Hostile {
            name: name.to_string(),
            bytes,
            expect,
        })
    };
    // Binary: a PNG header and pseudo-random bytes with NULs.
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    let mut x: u32 = 0x1234_5678;
    png.extend((0..4096).map(|_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        (x >> 24) as u8
    }));
    add("image.txt", png, Expect::Refused("binary file"));

    // Truncated UTF-8: cut in the middle of a three-byte character.
    let mut cut = format!("Truncated report\n\n{PARA} Price: 5 €").into_bytes();
    cut.pop();
    add(
        "truncated.txt",
        cut,
        Expect::LoadsWithNote(ids(&["truncated"]), "invalid UTF-8"),
    );

    let utf16_text = format!("Wide encoding report\n\n{PARA} Café “quoted” ﷼ 日本.\n");
    add(
        "utf16le.txt",
        utf16(&utf16_text, true),
        Expect::Loads(ids(&["utf16le"])),
    );
    add(
        "utf16be.txt",
        utf16(&utf16_text, false),
        Expect::Loads(ids(&["utf16be"])),
    );
    add(
        "crlf.txt",
        format!("Windows line ends\r\n\r\n{PARA}\r\n\r\nSecond paragraph here.\r\n").into_bytes(),
        Expect::Loads(ids(&["crlf"])),
    );

    // Deeply nested HTML: far past any sane depth.
    let depth = 100_000;
    let html = format!(
        "<!doctype html><html><body>{}<p>{PARA}</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    add(
        "nested.html",
        html.into_bytes(),
        Expect::LoadsWithNote(ids(&["nested"]), "nested more than"),
    );

    // JSON with wrong types: numbers, arrays and objects where text goes.
    let wrong = format!(
        r#"[{{"title": 7, "text": ["not", "text"]}},
 {{"title": "Good record", "text": "{PARA}", "author": {{"x": [1, 2]}}, "date": false}},
 {{"title": null, "body": {{"nested": true}}}},
 42,
 "just a string"]"#
    );
    add(
        "wrong_types.json",
        wrong.into_bytes(),
        Expect::LoadsWithNote(ids(&["wrong_types#2"]), "expected text"),
    );

    // Broken JSON Lines: garbage, a cut record, an empty line, a good one.
    let jsonl = format!(
        "{{\"title\": \"First\", \"text\": \"{PARA}\"}}\n{{\"title\": \"cut\", \"te\nnot json\n\n[1,2,3]\n{{\"title\": \"Last\", \"text\": \"Last record text is here.\"}}\n{{\"title\": \"tail\""
    );
    add(
        "broken.jsonl",
        jsonl.into_bytes(),
        Expect::LoadsWithNote(ids(&["broken#1", "broken#5"]), "not valid JSON"),
    );

    // Right to left, wide and combining text.
    add(
        "persian.txt",
        "گروه مخالف در عراق\n\nسازمان مجاهدین خلق ایران در کمپ اشرف در عراق مستقر بود و دولت عراق خواستار خروج آن شد. این گزارش درباره آینده این گروه است.\n".as_bytes().to_vec(),
        Expect::Loads(ids(&["persian"])),
    );
    add(
        "arabic.md",
        "# المعارضة الإيرانية في العراق\n\nقالت الحكومة العراقية يوم الثلاثاء إن معسكر أشرف سيغلق قبل نهاية العام، وإن السكان سينقلون إلى مكان آخر.\n".as_bytes().to_vec(),
        Expect::Loads(ids(&["arabic"])),
    );
    add(
        "cjk.html",
        "<html><head><title>東京の新しい図書館が開館</title></head><body><article><p>東京都は火曜日、新しい中央図書館を開館したと発表した。蔵書は二百万冊を超え、利用者は初日に一万人に達した。한국어 문장도 있습니다.</p></article></body></html>".as_bytes().to_vec(),
        Expect::Loads(ids(&["cjk"])),
    );
    add(
        "emoji.txt",
        format!("Emoji 😀 and family 👨‍👩‍👧 report\n\n{PARA} 🇮🇷🇮🇶 flags, skin 👍🏽, keycap 1️⃣, e\u{301} combining, \u{200b}zero width, \u{202e}override\u{202c}, tab\there, soft\u{ad}hyphen.\n").into_bytes(),
        Expect::Loads(ids(&["emoji"])),
    );

    // Control characters and escape sequences inside articles (text, and
    // inside a JSON record, where they arrive escaped).
    add(
        "escapes.txt",
        format!(
            "Title with \u{1b}[31mcolour\u{1b}[0m\n\n{PARA} {ESCAPES}\n\nMore text {ESCAPES} end.\n"
        )
        .into_bytes(),
        Expect::Loads(ids(&["escapes"])),
    );
    let record = serde_json::json!({
        "title": format!("Record {ESCAPES}"),
        "text": format!("{PARA} {ESCAPES}"),
        "source": "Evil \u{1b}[2J Times",
    });
    add(
        "escapes.jsonl",
        format!("{record}\n").into_bytes(),
        Expect::Loads(ids(&["escapes#1"])),
    );

    // Feeds: one broken after its first item (the item before the fault
    // loads), and one carrying escapes in its fields, raw and as character
    // references.
    add(
        "broken_feed.rss",
        format!(
            "<rss version=\"2.0\"><channel><title>Wire</title>\n<item><guid>feed-ok</guid><title>Kept item</title><description>{PARA}</description></item>\n<item><title>Cut <b>item</title></item></channel></rss>"
        )
        .into_bytes(),
        Expect::LoadsWithNote(ids(&["feed-ok"]), "not well-formed XML"),
    );
    add(
        "escapes.atom",
        format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Evil &#27;[2J Feed</title><entry><id>feed-escapes</id><title>Entry {ESCAPES}</title><author><name>Mal &#x1b;]0;x&#7;lory</name></author><content type=\"html\">&lt;p&gt;{PARA} {ESCAPES} &amp;#27;[31m&lt;/p&gt;</content></entry></feed>"
        )
        .into_bytes(),
        Expect::Loads(ids(&["feed-escapes"])),
    );
    out
}

/// A file of one line of `bytes` bytes (no newline), sentences of text.
pub fn huge_line(bytes: usize) -> Vec<u8> {
    let sentence = "The “council” said on Monday that repairs to the bridge in Vélez would take eighteen months. ";
    let mut text = sentence.repeat(bytes / sentence.len() + 1).into_bytes();
    text.truncate(bytes);
    // Cut on a char boundary so the file stays valid UTF-8.
    while std::str::from_utf8(&text).is_err() {
        text.pop();
    }
    text
}

/// Write `count` tiny files into `dir/tiny/` (a few dozen bytes each, in
/// sub-folders of 1,000 so no folder is unreasonably large).
pub fn tiny_files(dir: &Path, count: usize) {
    for i in 0..count {
        let sub = dir.join("tiny").join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).expect("create tiny folder");
        }
        std::fs::write(
            sub.join(format!("t{i:06}.txt")),
            format!("Tiny note {i}\n\nNote number {i} says little.\n"),
        )
        .expect("write tiny file");
    }
}

/// Write every file of [`files`] into `dir`.
pub fn write_all(dir: &Path) -> Vec<Hostile> {
    let all = files();
    for f in &all {
        std::fs::write(dir.join(&f.name), &f.bytes).expect("write hostile file");
    }
    all
}
