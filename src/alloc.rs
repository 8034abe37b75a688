//! The allocator's settings for the whole process, made once at the start
//! of `main` before any thread runs.
//!
//! glibc gives threads their own arenas (up to eight per core) and keeps
//! what a thread freed in that thread's arena, and it raises its mmap
//! threshold each time a large block is freed (up to 32 MiB), so later
//! large buffers come from the heap, where freeing them leaves holes
//! instead of returning the memory. Both add the buffers freed by one
//! loading step to the peak of the next (the word index built on rayon
//! threads after the corpus and entities were read on others). One arena
//! and a fixed 1 MiB mmap threshold (big buffers are mapped, and unmapped
//! when freed) lower the reader's peak at 100,000 articles, warm, from
//! 999 MB to 881 MB; see benches/notes/memory2.md for the figures and
//! the indexing CPU time measured with them.

/// Blocks of this many bytes or more are mapped on their own, so freeing
/// one gives its memory back at once.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 1 << 20;

/// Set glibc to one malloc arena and a fixed mmap threshold, each unless
/// the user chose otherwise through glibc's own variables
/// (`MALLOC_ARENA_MAX`, `MALLOC_MMAP_THRESHOLD_`). Does nothing with other
/// C libraries, whose allocators have no such settings.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let unset = |name: &str| std::env::var_os(name).is_none();
        // SAFETY: `mallopt` only sets a tunable of the allocator; this is
        // called before any other thread exists, so no allocation races it.
        unsafe {
            if unset("MALLOC_ARENA_MAX") {
                libc::mallopt(libc::M_ARENA_MAX, 1);
            }
            if unset("MALLOC_MMAP_THRESHOLD_") {
                libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
            }
        }
    }
}
