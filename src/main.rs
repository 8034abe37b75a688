//! The `dossier` binary: parse arguments, run, map errors to exit codes.
//!
//! Exit codes: 0 success (a closed pipe counts as success), 1 an error the
//! message names (missing path, unknown document or entity), 2 bad usage.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use dossier::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            cli::run(command, &mut out).and_then(|()| Ok(out.flush()?))
        }
        None => cli::load_corpus(&args.paths).and_then(|corpus| {
            let mut out = std::io::stdout().lock();
            let order: Vec<usize> = (0..corpus.docs.len()).collect();
            cli::print_list(&mut out, &corpus, &order)
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dossier: {err:#}");
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
