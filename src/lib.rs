//! dossier: a terminal reader for a collection of news articles on one subject.
//!
//! The library holds the engine; `main.rs` is a thin binary over it.
//! `store` loads and cleans documents, `index` keeps what they parse to on
//! disk, `entities` finds and resolves the people, organisations, places,
//! dates and figures they mention, `search`
//! filters and matches, and `cli` prints the non-interactive commands. None of
//! those know about the terminal, so they are tested and benchmarked without
//! one. The reader is `app` (state and update), `ui` (drawing), `tui` (the
//! terminal and the event loop) and `config` (keymap and theme).

pub mod app;
pub mod cli;
pub mod compare;
pub mod config;
pub mod entities;
pub mod index;
pub mod search;
pub mod store;
#[doc(hidden)]
pub mod testgen;
pub mod tui;
pub mod ui;
pub mod wrap;
