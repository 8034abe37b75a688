//! The reader under abuse: thousands of random actions, typing, clicks and
//! resizes from 1×1 to 300×100 through update and draw (no panic, state
//! invariants hold), and Ctrl-C or SIGTERM at random moments of a real
//! session in a pty, which must always leave the terminal restored.

mod app_fixture;
mod common;
mod e2e_support;

use std::time::Duration;

use dossier::app::{Action, App, Edit, Msg, Row, update};
use dossier::config::{Keymap, Theme};
use dossier::store::{self, Corpus};

/// SplitMix64: deterministic, no dependency; one seed per test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The bundled seeds plus every hostile file.
fn seeds_and_hostile() -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    common::hostile::write_all(dir.path());
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let corpus = store::load(&[dir.path().to_path_buf()]).unwrap();
    (dir, corpus)
}

/// Thousands of random messages at random sizes (1×1 to 300×100, resizes
/// interleaved), through update and draw, on seeds and hostile articles
/// with their real entity index: no panic, invariants after every step.
#[test]
fn random_actions_at_random_sizes_never_panic() {
    let (_dir, corpus) = seeds_and_hostile();
    let index = dossier::entities::build(&corpus.docs);
    let theme = Theme::preset(false);
    let mut app = App::ready(corpus, index, Keymap::preset(), (80, 24));
    let mut rng = Rng(0x0005_eed0_f7e5_7001);
    let chars = [
        'm', 'e', 'k', ' ', '@', '"', 'é', '日', '😀', ':', 's', '\u{1b}',
    ];
    let (mut w, mut h) = (80u16, 24u16);
    for step in 0..4000 {
        let roll = rng.below(12);
        let msg = match roll {
            0 | 1 => {
                w = 1 + rng.below(300) as u16;
                h = 1 + rng.below(100) as u16;
                Msg::Resize(w, h)
            }
            2 => Msg::Edit(match rng.below(6) {
                0 => Edit::Backspace,
                1 => Edit::Submit,
                2 => Edit::Cancel,
                3 => Edit::Clear,
                _ => Edit::Insert(chars[rng.below(chars.len() as u64) as usize]),
            }),
            3 => Msg::Click {
                column: rng.below(u64::from(w) + 2) as u16,
                row: rng.below(u64::from(h) + 2) as u16,
            },
            4 => Msg::Wheel {
                column: rng.below(u64::from(w)) as u16,
                row: rng.below(u64::from(h)) as u16,
                down: rng.below(2) == 0,
            },
            _ => match Action::ALL[rng.below(Action::ALL.len() as u64) as usize] {
                Action::Quit => Msg::Action(Action::Back),
                a => Msg::Action(a),
            },
        };
        update(&mut app, msg);
        assert_eq!(app.size, (w, h), "step {step}");
        // Draw after every resize and every third step otherwise (drawing
        // 300×100 frames is what makes a debug run long).
        if roll < 2 || step % 3 == 0 {
            let screen = app_fixture::render(&app, &theme);
            assert_eq!(screen.lines().count(), h as usize, "step {step}");
            assert!(!screen.contains('\u{1b}'), "step {step}: escape drawn");
        }
        assert!(app.list_cursor < app.list.len().max(1), "step {step}");
        assert!(app.list.iter().all(|&d| d < app.docs().len()));
        let text = app.text();
        if let Some((s, e)) = app.article.cursor {
            assert!(s <= e && text.get(s..e).is_some(), "step {step}: cursor");
        }
        for row in &app.article.rows {
            if let Row::Text(s, e) = row {
                assert!(text.get(*s..*e).is_some(), "step {step}: row {s}..{e}");
            }
        }
    }
}

/// Ctrl-C (as a key, and as SIGINT) and SIGTERM at random moments of real
/// sessions: while loading a folder of thousands of files, while typing a
/// filter, with the help open, in the article, after resizes. The terminal
/// is restored every time.
#[test]
fn interrupts_at_random_moments_restore_the_terminal() {
    let (dir, _) = seeds_and_hostile();
    // Enough files that loading takes a while, so some interrupts land in it.
    common::hostile::tiny_files(dir.path(), 3000);
    let path = dir.path().to_string_lossy().into_owned();
    let mut rng = Rng(0x000c_7a1c);
    let keys = [
        "/", "mek", "\r", "\t", "j", "n", "?", "G", "\x1b", "]", "r", " ",
    ];
    for round in 0..12 {
        let cols = 20 + rng.below(140) as u16;
        let rows = 6 + rng.below(40) as u16;
        let mut s = e2e_support::Session::start(&[&path], cols, rows);
        // Wait for the first frame: before it, the reader has not touched
        // the terminal and there is nothing to restore.
        s.wait_for("the first frame", |_| {
            String::from_utf8_lossy(&s.bytes.lock().unwrap()).contains("\x1b[?1049h")
        });
        for _ in 0..rng.below(6) {
            s.keys(keys[rng.below(keys.len() as u64) as usize]);
            std::thread::sleep(Duration::from_millis(rng.below(60)));
        }
        if rng.below(2) == 0 {
            let _ = s.master.resize(portable_pty::PtySize {
                rows: 6 + rng.below(40) as u16,
                cols: 20 + rng.below(140) as u16,
                pixel_width: 0,
                pixel_height: 0,
            });
        }
        std::thread::sleep(Duration::from_millis(rng.below(300)));
        let pid = s.child.process_id().expect("pid").to_string();
        let (how, expected): (&str, &[u32]) = match round % 3 {
            0 => {
                s.keys("\x03");
                ("Ctrl-C key", &[0])
            }
            1 => {
                kill("-INT", &pid);
                ("SIGINT", &[128 + 2])
            }
            _ => {
                kill("-TERM", &pid);
                ("SIGTERM", &[128 + 15])
            }
        };
        let code = s.wait_exit();
        let tail = {
            let bytes = s.bytes.lock().unwrap();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let at = text.len().saturating_sub(2_000);
            text.get(at..).unwrap_or(&text).to_string()
        };
        assert!(
            expected.contains(&code),
            "round {round} ({how}): exit {code}; the end of the output: {tail:?}"
        );
        s.assert_restored();
    }
}

fn kill(signal: &str, pid: &str) {
    let status = std::process::Command::new("kill")
        .args([signal, pid])
        .status()
        .expect("run kill");
    assert!(status.success());
}
