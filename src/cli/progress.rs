//! A progress bar on stderr for long loads: drawn only when stderr is a
//! terminal and the work has already taken a moment, so short commands and
//! `--json` pipes print nothing extra. A load passes through stages; a
//! stage that counts its work draws a bar, one that cannot (finding files,
//! reading back the stored entities) a spinner with its name, so a long
//! wait is never a silent one.

use std::io::IsTerminal;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Work shorter than this shows no bar.
const DELAY: Duration = Duration::from_millis(300);

pub struct Bar {
    start: Instant,
    tty: bool,
    bar: OnceLock<ProgressBar>,
    /// The stage drawn now and whether it was drawn as a count, so the
    /// style is changed only when the stage changes.
    shown: Mutex<Option<(&'static str, bool)>>,
}

impl Bar {
    pub fn new() -> Bar {
        Bar {
            start: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            bar: OnceLock::new(),
            shown: Mutex::new(None),
        }
    }

    /// The load is in stage `label`: `done` of `total` `unit`s, or, with a
    /// `total` of 0, a stage that cannot count (a `done` above 0 is then
    /// a count without an end, as files found so far).
    pub fn stage(&self, label: &'static str, done: usize, total: usize, unit: &'static str) {
        if !self.tty || (self.bar.get().is_none() && self.start.elapsed() < DELAY) {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        let counted = total > 0;
        // A poisoned lock only means another thread panicked mid-draw.
        let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
        if *shown != Some((label, counted)) {
            let template = if counted {
                // Steps are few and uneven: their time so far says more
                // than a guess at the time left.
                let time = if unit == "files" {
                    "eta {eta}"
                } else {
                    "{elapsed}"
                };
                format!("{{prefix:>8}} [{{bar:30}}] {{pos}}/{{len}} {unit}  {time}")
            } else if done > 0 {
                format!("{{prefix:>8}} {{spinner}} {{pos}} {unit}  {{elapsed}}")
            } else {
                "{prefix:>8} {spinner} {elapsed}".to_string()
            };
            let style = ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_prefix(label);
            // Elapsed time and rate are the stage's own, not the load's.
            bar.reset();
            *shown = Some((label, counted));
        }
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
