//! The native builds' allocator: mimalloc, entered through its plain functions whenever Rust asks
//! for no more alignment than every mimalloc block has. (The page keeps Rust's wasm allocator.)

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::{c_int, c_long, c_void};

use libmimalloc_sys as mi;

/// Every mimalloc block is aligned to at least a machine word, because its size classes are
/// multiples of one; only larger alignments need the slower aligned entry points.
const WORD: usize = std::mem::size_of::<usize>();

/// mimalloc as the global allocator. Its aligned entry points, which a general binding must use
/// for every request, take a slow path for blocks above 1 KiB; the simulation allocates many
/// objects of that size (pods, events).
pub struct Mimalloc;

// SAFETY: each method forwards to the mimalloc function with the same contract, passing the
// alignment whenever it exceeds the word alignment that every mimalloc block already has. Zeroed
// blocks come from the trait's default, `alloc` then zeroing; the simulation asks for few.
unsafe impl GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc accepts any size; the alignment is honoured as explained above.
        unsafe {
            if layout.align() <= WORD {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, and mi_free frees aligned and plain blocks alike.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`'s alignment, which is kept.
        unsafe {
            if layout.align() <= WORD {
                mi::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

/// The position of `mi_option_purge_delay` in the `mi_option_t` enumeration of the mimalloc 3 that
/// libmimalloc-sys builds (its Rust constants follow mimalloc 2, so the value is named here).
const PURGE_DELAY: c_int = 15;

unsafe extern "C" {
    /// Sets a mimalloc option (`mi_option_set` in mimalloc.h).
    fn mi_option_set(option: c_int, value: c_long);
    /// Reads a mimalloc option (`mi_option_get` in mimalloc.h).
    #[cfg(test)]
    fn mi_option_get(option: c_int) -> c_long;
}

/// Keeps freed memory in the process instead of handing it back to the system a second later.
///
/// A settle frees and allocates hundreds of megabytes at 10,000 replicas; returning the pages and
/// faulting them in again (zeroing two-megabyte pages) took up to a fifth of such a run in system
/// time. The page's allocator never returns memory either, so the native runner and the
/// benchmarks behave as the page does.
pub fn keep_freed_memory() {
    // SAFETY: setting an option is allowed at any time; -1 means "never purge".
    unsafe { mi_option_set(PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_named_option_is_the_purge_delay() {
        // mimalloc's documented default purge delay is 1000 ms; no other option defaults to it.
        // SAFETY: reading and setting options has no preconditions.
        unsafe {
            assert_eq!(super::mi_option_get(super::PURGE_DELAY), 1000);
            super::keep_freed_memory();
            assert_eq!(super::mi_option_get(super::PURGE_DELAY), -1);
        }
    }

    #[test]
    fn blocks_honour_every_alignment_rust_asks_for() {
        use std::alloc::{GlobalAlloc, Layout};
        let a = super::Mimalloc;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1usize, 7, 8, 24, 100, 1025, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: the layout has a non-zero size; the block is freed with its layout.
                unsafe {
                    let p = a.alloc_zeroed(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    assert!(std::slice::from_raw_parts(p, size).iter().all(|b| *b == 0));
                    let q = a.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "realloc size {size} align {align}");
                    a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                }
            }
        }
    }
}
