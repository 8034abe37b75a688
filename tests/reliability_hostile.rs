//! Hostile files (tests/common/hostile.rs) through the store, the command
//! line and the reader: every one loads or is named with its reason, escape
//! sequences never reach the terminal, and wide text keeps the panes
//! aligned.

mod app_fixture;
mod common;
mod e2e_support;

use std::collections::HashSet;
use std::path::Path;

use common::hostile::{self, Expect, Hostile};
use dossier::app::{Action, App, Msg, update};
use dossier::config::{Keymap, Theme};
use dossier::store::{self, Corpus};
use ratatui::buffer::Buffer;

/// Check `corpus` (loaded from `dir`) against every promise in `files`.
fn check_promises(dir: &Path, corpus: &Corpus, files: &[Hostile]) {
    let ids: HashSet<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    let reasons = |name: &str| -> Vec<&str> {
        let path = dir.join(name);
        corpus
            .problems
            .iter()
            .filter(|p| p.path == path)
            .map(|p| p.reason.as_str())
            .collect()
    };
    for f in files {
        let (want_ids, note): (&[String], Option<&str>) = match &f.expect {
            Expect::Loads(ids) => (ids, None),
            Expect::LoadsWithNote(ids, note) => (ids, Some(note)),
            Expect::Refused(why) => (&[], Some(why)),
        };
        for id in want_ids {
            assert!(ids.contains(id.as_str()), "{}: {id} did not load", f.name);
        }
        let from_file = corpus
            .docs
            .iter()
            .filter(|d| Path::new(&d.path).file_name() == Some(f.name.as_ref()))
            .count();
        assert_eq!(from_file, want_ids.len(), "{}: documents loaded", f.name);
        let r = reasons(&f.name);
        match note {
            None => assert!(r.is_empty(), "{}: unexpected problems {r:?}", f.name),
            Some(note) => assert!(
                r.iter().any(|r| r.contains(note)),
                "{}: no reason containing {note:?} in {r:?}",
                f.name
            ),
        }
    }
}

#[test]
fn every_hostile_file_loads_or_is_named_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let files = hostile::write_all(dir.path());
    let corpus = store::load(&[dir.path().to_path_buf()]).unwrap();
    check_promises(dir.path(), &corpus, &files);

    let doc = |id: &str| corpus.docs.iter().find(|d| d.id == id).unwrap();
    // Both UTF-16 byte orders read as the same text as UTF-8 would.
    assert_eq!(doc("utf16le").title, "Wide encoding report");
    assert_eq!(doc("utf16le").body, doc("utf16be").body);
    assert!(doc("utf16le").body.contains("Café “quoted” ﷼ 日本."));
    // CRLF: no carriage return survives, paragraphs split as usual.
    let crlf = doc("crlf");
    assert!(!crlf.body.contains('\r') && !crlf.raw.contains('\r'));
    assert_eq!(crlf.body.split("\n\n").count(), 2, "{:?}", crlf.body);
    // Right to left and CJK titles are read as written.
    assert_eq!(doc("persian").title, "گروه مخالف در عراق");
    assert_eq!(doc("arabic").title, "المعارضة الإيرانية في العراق");
    assert_eq!(doc("cjk").title, "東京の新しい図書館が開館");
    // The deep HTML still yields its paragraph.
    assert!(doc("nested").body.contains(hostile::PARA));
    // Escape sequences are kept as text in the store (the reader and the
    // CLI make them inert when they draw); the article is not lost.
    assert!(doc("escapes").body.contains("pwned title"));
    assert!(doc("escapes#1").body.contains(hostile::PARA));
}

/// The command line: `list --json` lists what loaded; stderr names every
/// problem file with its reason, one line each, with no escape sequence
/// from a file's text or name reaching the terminal.
#[test]
fn list_json_and_stderr_name_every_hostile_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = hostile::write_all(dir.path());
    // The 50 MB single line, through the real binary.
    let huge = hostile::huge_line(50 * 1024 * 1024);
    std::fs::write(dir.path().join("huge.txt"), &huge).unwrap();
    files.push(Hostile {
        name: "huge.txt".into(),
        bytes: Vec::new(),
        expect: Expect::Loads(vec!["huge".into()]),
    });
    // A file whose very name carries an escape sequence.
    std::fs::write(dir.path().join("name\u{1b}[2J.bin"), b"\x00\x01binary").unwrap();

    let out = e2e_support::sandbox::Sandbox::new()
        .dossier()
        .args(["list", "--json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains('\u{1b}'), "escape on stderr: {stderr:?}");
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = docs.as_array().unwrap();

    // The same documents as the library loads, in some order.
    let corpus = store::load(&[dir.path().to_path_buf()]).unwrap();
    let mut cli_ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    let mut lib_ids: Vec<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    cli_ids.sort();
    lib_ids.sort();
    assert_eq!(cli_ids, lib_ids);
    check_promises(dir.path(), &corpus, &files);
    let huge_doc = docs.iter().find(|d| d["id"] == "huge").unwrap();
    assert_eq!(
        huge_doc["words"].as_u64().unwrap() as usize,
        std::str::from_utf8(&huge)
            .unwrap()
            .split_whitespace()
            .count()
    );

    // Every problem is one stderr line naming the file and the reason.
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), corpus.problems.len(), "{stderr}");
    for p in &corpus.problems {
        let name = p.path.file_name().unwrap().to_string_lossy();
        let shown = name.replace('\u{1b}', "\\u{1b}");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("dossier: ") && l.contains(&shown) && l.contains(&p.reason)),
            "{name}: {} not on stderr:\n{stderr}",
            p.reason
        );
    }
}

/// 100,000 tiny files load in a debug `cargo test` too slowly to run by
/// default (minutes on a shared 2-core machine); the release figure is in
/// benches/notes/reliability.md. Run with `cargo test --release --test
/// reliability_hostile -- --ignored`.
#[test]
#[ignore = "100,000 files: slow in debug builds; run with --release -- --ignored"]
fn a_hundred_thousand_tiny_files_load() {
    tiny_files_load(100_000);
}

#[test]
fn thousands_of_tiny_files_load() {
    tiny_files_load(5_000);
}

fn tiny_files_load(count: usize) {
    let dir = tempfile::tempdir().unwrap();
    hostile::tiny_files(dir.path(), count);
    let corpus = store::load(&[dir.path().to_path_buf()]).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", &corpus.problems[..1]);
    assert_eq!(corpus.docs.len(), count);
    let ids: HashSet<&str> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), count, "ids are unique");
    // Discovery order is by name, so note i is document i.
    for (i, d) in corpus.docs.iter().enumerate().step_by(997) {
        assert_eq!(d.title, format!("Tiny note {i}"));
    }
    // The CLI agrees (the release figure for 100,000 is in the notes).
    let out = e2e_support::sandbox::Sandbox::new()
        .dossier()
        .args(["list", "--json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success() && out.stderr.is_empty());
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(docs.as_array().unwrap().len(), count);
}

/// The hostile corpus and its real entity index.
fn hostile_corpus() -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    hostile::write_all(dir.path());
    store::load(&[dir.path().to_path_buf()]).unwrap()
}

fn draw(app: &App, theme: &Theme) -> Buffer {
    let (w, h) = app.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| dossier::ui::draw(f, app, theme)).unwrap();
    terminal.backend().buffer().clone()
}

const VERTICAL: [&str; 2] = ["│", "┃"];

/// No cell holds a control character, and every pane's left and right
/// borders are whole on every row between its corners.
fn assert_inert_and_aligned(app: &App, buf: &Buffer, what: &str) {
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "{what}: control char drawn: {:?}",
            cell.symbol()
        );
    }
    if app.help.is_some() {
        return; // The overlay covers the panes.
    }
    let panes = &app.panes;
    for pane in [panes.sources, panes.article, panes.entities] {
        if pane.width < 2 || pane.height < 3 {
            continue;
        }
        for y in pane.y + 1..pane.bottom() - 1 {
            for x in [pane.x, pane.right() - 1] {
                let s = buf[(x, y)].symbol();
                assert!(
                    VERTICAL.contains(&s),
                    "{what}: border broken at column {x}, row {y}: {s:?}\n{}",
                    app_fixture::buffer_text(buf)
                );
            }
        }
    }
}

/// Every hostile document, opened in the reader at many sizes, cleaned and
/// raw, with the entity panel in use: drawn inert and aligned.
#[test]
fn the_reader_draws_hostile_articles_inert_and_aligned() {
    let corpus = hostile_corpus();
    let index = dossier::entities::build(&corpus.docs);
    let n = corpus.docs.len();
    let theme = Theme::preset(false);
    let mut app = App::ready(corpus, index, Keymap::preset(), (120, 40));
    let sizes = [(120, 40), (80, 24), (61, 12), (33, 7), (20, 6), (200, 60)];
    for _ in 0..n {
        for &(w, h) in &sizes {
            update(&mut app, Msg::Resize(w, h));
            for raw in [false, true] {
                if app.article.raw != raw {
                    update(&mut app, Msg::Action(Action::ToggleRaw));
                }
                let what = format!("doc {:?} at {w}x{h} raw={raw}", app.article.doc);
                assert_inert_and_aligned(&app, &draw(&app, &theme), &what);
            }
            // Scroll through the article and walk its entities too.
            update(&mut app, Msg::Action(Action::FocusNext));
            update(&mut app, Msg::Action(Action::PageDown));
            update(&mut app, Msg::Action(Action::NextMention));
            update(&mut app, Msg::Action(Action::FocusNext));
            update(&mut app, Msg::Action(Action::Down));
            let what = format!("doc {:?} at {w}x{h} scrolled", app.article.doc);
            assert_inert_and_aligned(&app, &draw(&app, &theme), &what);
            update(&mut app, Msg::Action(Action::FocusNext));
        }
        assert_eq!(app.focus, dossier::app::Focus::Sources);
        update(&mut app, Msg::Action(Action::Down));
    }
}

/// The real binary on the hostile folder in a pseudo-terminal: walking the
/// list opens every article; the program never writes an OSC, DCS, BEL,
/// backspace, C1 control or reset, the screen keeps its borders in place on
/// every row, and the escape text shows as inert characters.
#[test]
fn the_terminal_never_sees_an_article_escape() {
    let dir = tempfile::tempdir().unwrap();
    hostile::write_all(dir.path());
    let corpus = store::load(&[dir.path().to_path_buf()]).unwrap();
    let n = corpus.docs.len();
    let (cols, rows) = (120u16, 36u16);
    let path = dir.path().to_string_lossy().into_owned();
    let mut s = e2e_support::Session::start(&[&path], cols, rows);
    s.wait_text(&format!("Sources {n}/{n}"));
    let mut seen_inert = false;
    for i in 0..n {
        // Let the frame for this article arrive, then check the screen.
        std::thread::sleep(std::time::Duration::from_millis(150));
        let parser = s.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(screen.alternate_screen(), "left the alternate screen");
        assert!(screen.hide_cursor(), "cursor shown by an article");
        let cell = |r: u16, c: u16| {
            screen
                .cell(r, c)
                .map(|c| c.contents().to_string())
                .unwrap_or_default()
        };
        // The pane corners on the top row give the border columns.
        let borders: Vec<u16> = (0..cols)
            .filter(|&c| "┌┐┏┓".contains(cell(0, c).as_str()) && !cell(0, c).is_empty())
            .collect();
        assert!(borders.len() >= 4, "corners on the top row: {borders:?}");
        // Rows between the top and the bottom border (above the status).
        for r in 1..rows - 2 {
            for &c in &borders {
                let sym = cell(r, c);
                assert!(
                    VERTICAL.contains(&sym.as_str()),
                    "doc {i}: border broken at row {r}, column {c}: {sym:?}\n{}",
                    screen.contents()
                );
            }
        }
        seen_inert |= screen.contents().contains("]0;pwned title");
        drop(parser);
        s.keys("j");
    }
    assert!(seen_inert, "the escape text is shown as characters");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let bytes = s.bytes.lock().unwrap().clone();
    let out = String::from_utf8_lossy(&bytes);
    for (bad, what) in [
        ("\u{1b}]", "OSC"),
        ("\u{1b}P", "DCS"),
        ("\u{7}", "BEL"),
        ("\u{8}", "backspace"),
        ("\u{9b}", "C1 CSI"),
        ("\u{1b}c", "reset"),
        ("pwned title\u{7}", "title"),
    ] {
        assert!(!out.contains(bad), "the program wrote {what}");
    }
}
