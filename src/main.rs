//! The `dossier` binary: parse arguments, run, map errors to exit codes.
//!
//! Exit codes: 0 success (a closed pipe counts as success), 1 an error the
//! message names (missing path, unknown document or entity, bad config),
//! 2 bad usage, 128 + N when the reader was ended by signal N (143 SIGTERM).

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use dossier::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    // `--no-cache` may come before the command, so paths before one are
    // caught here rather than by clap (`dossier PATH list` is a mistake).
    if args.command.is_some() && !args.paths.is_empty() {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "paths go after the command: dossier COMMAND [PATH...]",
            )
            .exit();
    }
    if args.no_cache {
        dossier::index::disable();
    }
    let result = match args.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            cli::run(command, &mut out).and_then(|()| Ok(out.flush()?))
        }
        None => match dossier::tui::run(args.paths) {
            // Killed by a signal: the shell convention, 128 + its number.
            Ok(dossier::tui::Outcome::Signal(sig)) => {
                return ExitCode::from(u8::try_from(128 + sig).unwrap_or(1));
            }
            Ok(dossier::tui::Outcome::Quit) => Ok(()),
            Err(err) => Err(err),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let message = format!("{err:#}");
            eprintln!("dossier: {}", cli::inert::message(&message));
            ExitCode::from(1)
        }
    }
}

/// Whether `err` comes from writing to a closed pipe (`dossier list | head`).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
