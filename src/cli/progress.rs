//! A progress bar on stderr for long loads: drawn only when stderr is a
//! terminal and the work has already taken a moment, so short commands and
//! `--json` pipes print nothing extra.

use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Work shorter than this shows no bar.
const DELAY: Duration = Duration::from_millis(300);

pub struct Bar {
    label: &'static str,
    start: Instant,
    tty: bool,
    bar: OnceLock<ProgressBar>,
}

impl Bar {
    pub fn new(label: &'static str) -> Bar {
        Bar {
            label,
            start: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            bar: OnceLock::new(),
        }
    }

    /// `done` of `total` items are finished (called from worker threads).
    pub fn set(&self, done: usize, total: usize) {
        if !self.tty || (self.bar.get().is_none() && self.start.elapsed() < DELAY) {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            let bar = ProgressBar::with_draw_target(
                Some(total as u64),
                ProgressDrawTarget::stderr_with_hz(10),
            );
            let style = ProgressStyle::with_template(
                "{prefix:>8} [{bar:30}] {pos}/{len} files  {per_sec}  eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_prefix(self.label);
            bar
        });
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    }

    /// Remove the bar, if it was drawn.
    pub fn clear(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}
