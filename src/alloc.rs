//! The global allocator: mimalloc instead of the system's (glibc) malloc.
//!
//! Indexing makes and drops many small strings and vectors on every core
//! (tokens' names, candidates, header keys, records); under callgrind glibc's
//! `malloc`/`free` were about a fifth of the pipeline's instructions, and
//! the threads contend on its arenas. mimalloc's thread-local free lists
//! make both cheaper. Declared in the library so the binary, the examples
//! and the benches all measure the same allocator.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
