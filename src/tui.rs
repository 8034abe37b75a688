//! The terminal side of the reader: setting the terminal up and always
//! putting it back, reading input, and the event loop.
//!
//! Everything the loop waits for arrives on one channel: terminal events
//! (from an input thread), worker results, and signals. The loop blocks on
//! that channel, drains whatever else is queued, applies it all through
//! [`update`], and draws once if anything changed: no idle redraws, no
//! flicker. The terminal is restored on quit, on error (the guard's
//! `Drop`), on panic (a hook), and on SIGTERM, SIGINT or SIGHUP (handled as
//! a quit).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{self, Action, App, Edit, Mode, Msg, update};
use crate::config::{Key, Keymap, Theme};

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The user quit.
    Quit,
    /// A signal ended it (its number).
    Signal(i32),
}

/// What the loop waits for.
enum Incoming {
    Term(Event),
    Worker(Msg),
    Signal(i32),
    /// The terminal cannot be read any more.
    InputClosed(String),
}

/// Run the reader on `paths` (the bundled corpus when empty) until the
/// user quits or a signal arrives.
pub fn run(paths: Vec<PathBuf>) -> Result<Outcome> {
    // Fail before touching the terminal: a missing path is a one-line error.
    for path in &paths {
        if !path.exists() {
            bail!("{}: no such file or directory", path.display());
        }
    }
    let keymap = Arc::new(Keymap::load()?);
    let theme = Theme::load()?;
    let (tx, rx) = mpsc::channel::<Incoming>();

    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ])
    .context("installing signal handlers")?;
    let signal_handle = signals.handle();
    let sig_tx = tx.clone();
    std::thread::Builder::new()
        .name("dossier-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _ = sig_tx.send(Incoming::Signal(sig));
            }
        })
        .context("starting the signal thread")?;

    let guard = TerminalGuard::enter()?;
    let mut terminal =
        Terminal::new(CrosstermBackend::new(std::io::stdout())).context("opening the terminal")?;
    // Cleared by hand: ratatui's `clear` asks the terminal where its cursor
    // is, and a terminal that never answers would stall the start.
    execute!(
        std::io::stdout(),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )
    .context("clearing the terminal")?;

    let input_tx = tx.clone();
    std::thread::Builder::new()
        .name("dossier-input".into())
        .spawn(move || {
            loop {
                match event::read() {
                    Ok(ev) => {
                        if input_tx.send(Incoming::Term(ev)).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = input_tx.send(Incoming::InputClosed(e.to_string()));
                        break;
                    }
                }
            }
        })
        .context("starting the input thread")?;

    let worker_tx = tx.clone();
    app::load::spawn(paths, move |msg| {
        let _ = worker_tx.send(Incoming::Worker(msg));
    })
    .context("starting the loader")?;
    let filter_tx = tx.clone();
    drop(tx);

    let mut app = App::new(keymap.clone());
    app.spawn_filter_worker(move |msg| {
        let _ = filter_tx.send(Incoming::Worker(msg));
    })
    .context("starting the filter worker")?;
    let size = terminal.size().context("reading the terminal size")?;
    update(&mut app, Msg::Resize(size.width, size.height));
    draw(&mut terminal, &mut app, &theme)?;

    let outcome = event_loop(&mut terminal, &mut app, &theme, &keymap, &rx);
    signal_handle.close();
    drop(terminal);
    drop(guard);
    // Said after the screen is back, where the user can read it.
    for problem in &app.corpus.problems {
        eprintln!(
            "dossier: {}",
            crate::cli::inert::message(&problem.to_string())
        );
    }
    for note in &app.notes {
        eprintln!("dossier: {note}");
    }
    outcome
}

type Term = Terminal<CrosstermBackend<std::io::Stdout>>;

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    theme: &Theme,
    keymap: &Keymap,
    rx: &mpsc::Receiver<Incoming>,
) -> Result<Outcome> {
    loop {
        // Block until something arrives, or until a note on the status
        // line is due to go.
        let first = match app.message_until {
            Some(until) => match rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
                Ok(first) => first,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if update(app, Msg::Tick(Instant::now())) {
                        draw(terminal, app, theme)?;
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(Outcome::Quit),
            },
            None => match rx.recv() {
                Ok(first) => first,
                Err(_) => return Ok(Outcome::Quit),
            },
        };
        let mut dirty = false;
        for incoming in std::iter::once(first).chain(rx.try_iter()) {
            match incoming {
                Incoming::Term(ev) => {
                    if let Some(msg) = translate(&ev, app, keymap) {
                        dirty |= update(app, msg);
                    }
                }
                Incoming::Worker(msg) => dirty |= update(app, msg),
                Incoming::Signal(sig) => return Ok(Outcome::Signal(sig)),
                Incoming::InputClosed(reason) => bail!("reading the terminal: {reason}"),
            }
            if app.quit {
                return Ok(Outcome::Quit);
            }
        }
        if dirty {
            draw(terminal, app, theme)?;
        }
    }
}

/// Draw one frame inside a synchronized update, so terminals that support
/// it show the frame whole.
///
/// The layout is made for the size the frame will have, not the last
/// `Resize` event's: a terminal shrunk again since (its event still queued
/// behind other input, or coalesced away) would otherwise get panes that
/// reach past the screen. `ui::draw` also clips to the frame, for a shrink
/// between this check and the draw.
fn draw(terminal: &mut Term, app: &mut App, theme: &Theme) -> Result<()> {
    let size = terminal.size().context("reading the terminal size")?;
    if (size.width, size.height) != app.size {
        update(app, Msg::Resize(size.width, size.height));
    }
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal
        .draw(|frame| crate::ui::draw(frame, app, theme))
        .context("drawing")?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Ok(())
}

/// The one place terminal input becomes messages: presses only (terminals
/// that report releases would otherwise count every key twice), Ctrl-C
/// always quits, text goes to the line being typed, the rest through the
/// keymap.
pub fn translate(ev: &Event, app: &App, keymap: &Keymap) -> Option<Msg> {
    match ev {
        Event::Key(key) => {
            if key.kind != KeyEventKind::Press {
                return None;
            }
            let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
            if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
                return Some(Msg::Action(Action::Quit));
            }
            if app.mode != Mode::Normal {
                let alt = key.modifiers.contains(KeyModifiers::ALT);
                return match key.code {
                    KeyCode::Char('u') if ctrl => Some(Msg::Edit(Edit::Clear)),
                    KeyCode::Char(c) if !ctrl && !alt => Some(Msg::Edit(Edit::Insert(c))),
                    KeyCode::Backspace => Some(Msg::Edit(Edit::Backspace)),
                    KeyCode::Enter => Some(Msg::Edit(Edit::Submit)),
                    KeyCode::Esc => Some(Msg::Edit(Edit::Cancel)),
                    KeyCode::Up => Some(Msg::Action(Action::Up)),
                    KeyCode::Down => Some(Msg::Action(Action::Down)),
                    _ => None,
                };
            }
            keymap.get(&Key::from_event(key)).map(Msg::Action)
        }
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Msg::Wheel {
                column: m.column,
                row: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Raw mode, the alternate screen and mouse capture for as long as it
/// lives; dropping it (or a panic) puts the terminal back.
pub struct TerminalGuard;

impl TerminalGuard {
    /// Set the terminal up, and install a panic hook that restores it
    /// before the panic message is printed (so the message is readable).
    pub fn enter() -> Result<TerminalGuard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        crossterm::terminal::enable_raw_mode().context("entering raw mode")?;
        let guard = TerminalGuard;
        execute!(
            std::io::stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            cursor::Hide
        )
        .context("setting up the terminal")?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Put the terminal back as we found it; safe to call more than once.
fn restore() {
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = out.flush();
}
