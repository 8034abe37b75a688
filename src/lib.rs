//! dossier: a terminal reader for a collection of news articles on one subject.
//!
//! The library holds the engine; `main.rs` is a thin binary over it.
//! `store` loads and cleans documents, `entities` finds and resolves the
//! people, organisations, places, dates and figures they mention, `search`
//! filters and matches, and `cli` prints the non-interactive commands. None of
//! those know about the terminal, so they are tested and benchmarked without
//! one.

pub mod cli;
pub mod compare;
pub mod entities;
pub mod search;
pub mod store;
pub mod ui;
