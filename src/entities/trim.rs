//! Freed memory handed back to the system between the steps of a cold
//! resolution.
//!
//! Extraction frees millions of small allocations (every extract, once
//! folded in) on many threads, and resolution's passes free their tables
//! before the entities are made; the allocator keeps that memory for
//! reuse, so the process's resident size stays at its high-water mark
//! while resolution, the largest working set of a cold load, comes on top.
//! At 100,000 articles asking glibc to return what it holds free gave
//! back about 80 MB before resolution and cut the cold peak by as much
//! (`benches/notes/coldpeak.md`). Elsewhere it does nothing.
//!
//! Handing memory back has a price: the pages are faulted in again when
//! they are used next (at 10,000 articles it made indexing about a tenth
//! slower, for a peak that is small anyway). So it is done only when the
//! resolution is large enough for the memory to matter.

/// Resolution nodes (about one per mention, some 95 per article) above
/// which freed memory is handed back: about 20,000 articles.
const LARGE: usize = 2_000_000;

/// Return the heap's free memory to the system, where the allocator can,
/// when a resolution of `nodes` nodes is large enough to be worth it.
pub(crate) fn give_back(nodes: usize) {
    if nodes < LARGE {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases free heap pages; it takes the
    // allocator's own locks and touches no memory that is in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
