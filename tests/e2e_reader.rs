//! End to end: the real binary in a pseudo-terminal, driven by keys as a
//! user would, checked on the screen it draws and on the terminal it leaves
//! behind (after `q`, and after SIGTERM).

mod e2e_support;

use dossier::entities;
use dossier::search::filter::{Filter, Query};
use dossier::store;
use e2e_support::Session;

/// The first `n` chars of `s`.
fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

#[test]
fn filter_open_search_help_quit() {
    let corpus = store::bundled();
    let index = entities::build(&corpus.docs);
    let filter = Filter::new(Query::parse("iraq"), &index);
    let hits = filter.apply(&corpus.docs, &index);
    assert!(!hits.is_empty());
    let first = &corpus.docs[hits[0]];

    let mut s = Session::start(&[], 120, 36);
    s.wait_text(&format!("Sources {0}/{0}", corpus.docs.len()));
    s.keys("/");
    s.wait_text("FILTER");
    s.keys("iraq");
    s.wait_text(&format!("Sources {}/{}", hits.len(), corpus.docs.len()));
    s.keys("\r");
    s.wait_for("filter kept", |sc| {
        sc.contains("NORMAL") && sc.contains("/iraq")
    });
    s.keys("\r");
    // The article pane shows the best match and has the focus.
    let screen = s.wait_text("next mention");
    assert!(screen.contains(&head(&first.title, 30)), "{screen}");

    // Search the article text: the match count is what the body holds.
    s.keys("/Iraq\r");
    let expected = first.body.to_ascii_lowercase().matches("iraq").count();
    s.wait_text(&format!("/Iraq [{expected}]"));
    s.keys("n");

    s.keys("?");
    s.wait_text("Keys (? or esc closes)");
    s.keys("\x1b");
    s.wait_for("help closed", |sc| !sc.contains("Keys (?"));

    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_text("Sources");
    // The check below means something: while running, the pty is raw.
    assert_ne!(s.cooked(), Some(true), "raw mode while running");
    let pid = s.child.process_id().expect("pid");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    assert_eq!(s.wait_exit(), 128 + 15);
    s.assert_restored();
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_text("Sources");
    s.keys("/ab");
    s.wait_text("/ab");
    s.keys("\x03");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_folder_opens_and_a_missing_path_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        std::fs::write(
            dir.path().join(format!("note{i}.txt")),
            format!("Note number {i}\n\nSome text {i}.\n"),
        )
        .unwrap();
    }
    let path = dir.path().to_string_lossy().into_owned();
    let mut s = Session::start(&[&path], 100, 30);
    s.wait_text("Sources 3/3");
    s.wait_text("Note number 0");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);

    let missing = dir.path().join("nope");
    let out = e2e_support::sandbox::Sandbox::new()
        .dossier()
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope") && err.lines().count() == 1, "{err}");
}

/// The whole entity journey: filter, open, select an entity that more than
/// one article mentions, press `n` until it crosses into another article.
#[test]
fn entity_jumps_cross_into_another_article() {
    let corpus = store::bundled();
    let index = entities::build(&corpus.docs);
    // The filter "iraq", its first article, and there the first entity
    // (in panel order) that another article also mentions.
    let filter = Filter::new(Query::parse("iraq"), &index);
    let doc = filter.apply(&corpus.docs, &index)[0];
    let in_doc = index.entities_in(doc);
    let (pos, &(e, here)) = in_doc
        .iter()
        .enumerate()
        .find(|(_, (e, _))| index.doc_count(*e) > 1)
        .expect("an entity shared by two articles");
    let (entity, mentions) = (index.entity(e), index.mentions_of(e));

    let mut s = Session::start(&[], 160, 45);
    s.wait_text("Sources");
    s.wait_for("entities indexed", |sc| {
        sc.contains("here docs") || sc.contains("no entities")
    });
    s.keys("/iraq\r\r");
    s.wait_text("next mention");
    // Tab to the entity panel: its first entity is selected; move to ours.
    s.keys("\t");
    s.keys(&"j".repeat(pos));
    s.wait_text(&format!("{} –/{}", entity.name, mentions.len()));

    // n through this article's mentions of it (those at or after the
    // first), then once more crosses into the next article.
    let first_here = mentions.iter().position(|m| m.doc_idx() == doc).unwrap();
    // Corpus order, wrapping to the first mention after the last article.
    let next_doc = mentions
        .iter()
        .find(|m| m.doc_idx() > doc)
        .or(mentions.first())
        .unwrap()
        .doc_idx();
    for i in 0..here {
        s.keys("n");
        s.wait_text(&format!(
            "{} {}/{}",
            entity.name,
            first_here + i + 1,
            mentions.len()
        ));
    }
    s.keys("n");
    let other = &corpus.docs[next_doc];
    let screen = s.wait_text(&head(&other.title, 30));
    assert!(screen.contains(&entity.name));

    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

/// A panic while the terminal is set up: the hook restores the terminal
/// before the message is printed. The test runs itself in a pty; the child
/// copy enters the guard and panics.
#[test]
fn a_panic_restores_the_terminal() {
    if std::env::var_os("DOSSIER_PANIC_CHILD").is_some() {
        let _guard = dossier::tui::TerminalGuard::enter().expect("terminal");
        print!("inside the reader");
        panic!("deliberate panic for the test");
    }
    let exe = std::env::current_exe().unwrap();
    let mut s = Session::start_program(
        exe.to_str().unwrap(),
        &[
            "--exact",
            "a_panic_restores_the_terminal",
            "--nocapture",
            "--test-threads=1",
        ],
        &[("DOSSIER_PANIC_CHILD", "1")],
        100,
        30,
    );
    let code = s.wait_exit();
    assert_ne!(code, 0, "the child panicked");
    s.assert_restored();
    // The message comes after the terminal was put back, so it is readable.
    let out = String::from_utf8_lossy(&s.bytes.lock().unwrap()).into_owned();
    // The hook restores first; the guard's drop restores again while
    // unwinding, so look at the first exit after the last entry.
    let entered = out
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = entered
        + out[entered..]
            .find("\x1b[?1049l")
            .expect("left the alternate screen");
    let message = out.rfind("deliberate panic").expect("panic message shown");
    assert!(message > left, "message printed before the restore");
}
