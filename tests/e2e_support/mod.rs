//! Running the real `dossier` binary in a pseudo-terminal: a reader thread
//! feeds everything it prints into a `vt100` screen, so tests can type
//! keys, wait for what a user would see, and check how the terminal was
//! left.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

#[path = "../sandbox/mod.rs"]
pub mod sandbox;

use sandbox::Sandbox;

pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote.
    pub bytes: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
    /// The cache, data and config folders the program was given.
    pub sandbox: Sandbox,
}

impl Session {
    /// Start `dossier ARGS` on a `cols` × `rows` terminal, in a sandbox:
    /// an empty config directory (the user's own keymap cannot interfere),
    /// and its own cache and data folders (the user's index and
    /// corrections are never read or written).
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_dossier"), args, &[], cols, rows)
    }

    /// Start any program (the test binary itself, for a panic test).
    pub fn start_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let sandbox = Sandbox::new();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        for (k, v) in sandbox.vars() {
            cmd.env(k, v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).expect("spawn dossier");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows"),
            std::num::NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let (p, b) = (parser.clone(), bytes.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                b.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().expect("pty writer");
        Session {
            parser,
            bytes,
            writer,
            child,
            master: pty.master,
            sandbox,
        }
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen satisfies `pred`; panic with the screen if it
    /// does not within ten seconds.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until the screen contains `text`.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// Type keys (raw bytes: "\r" is Enter, "\x1b" Esc, "\t" Tab), one
    /// write per key so Esc is not read as the start of a sequence.
    pub fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            let mut b = [0u8; 4];
            self.writer
                .write_all(c.encode_utf8(&mut b).as_bytes())
                .unwrap();
            self.writer.flush().unwrap();
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    /// Wait for the program to end; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("dossier did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Assert the terminal is as the program found it: main screen, cursor
    /// shown, mouse reporting off, and (on Linux) canonical mode with echo.
    pub fn assert_restored(&self) {
        {
            let parser = self.parser.lock().unwrap();
            let screen = parser.screen();
            assert!(!screen.alternate_screen(), "still on the alternate screen");
            assert!(!screen.hide_cursor(), "cursor still hidden");
            assert_eq!(
                screen.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "mouse reporting left on"
            );
        }
        let bytes = self.bytes.lock().unwrap();
        let tail = String::from_utf8_lossy(&bytes);
        let leave = tail
            .rfind("\x1b[?1049l")
            .expect("left the alternate screen");
        let enter = tail
            .rfind("\x1b[?1049h")
            .expect("entered the alternate screen");
        assert!(leave > enter);
        if let Some(cooked) = self.cooked() {
            assert!(cooked, "raw mode left on");
        }
    }

    /// Whether the terminal is in canonical mode with echo (not raw), where
    /// the pty can tell (Linux).
    pub fn cooked(&self) -> Option<bool> {
        #[cfg(target_os = "linux")]
        {
            // ICANON and ECHO from <termios.h> on Linux.
            const ICANON: u32 = 0o000002;
            const ECHO: u32 = 0o000010;
            let termios = self.master.get_termios()?;
            let flags = termios.local_flags.bits();
            Some(flags & (ICANON | ECHO) == ICANON | ECHO)
        }
        #[cfg(not(target_os = "linux"))]
        None
    }
}
