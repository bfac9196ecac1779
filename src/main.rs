//! The shipped widget: kibitz.js loads this module and calls [`mount`] once
//! per kibitz tag on the page. Exports live here, in a bin, so the bundle
//! keeps only them.
//!
//! No `fn main` in the wasm: a Rust `main` runs inside the standard
//! library's start-up and shut-down (`lang_start`), whose shut-down flushes
//! standard output and so brings `std::io`'s buffered writer into the
//! download (0.4 KB gzip) for a module that never prints.
//! `#[wasm_bindgen(start)]` runs `start` when the glue instantiates the
//! module, as wasm-bindgen ran `main`. Native builds (cargo test builds
//! every bin) keep an empty `main`.
#![cfg_attr(target_arch = "wasm32", no_main)]

use wasm_bindgen::prelude::*;

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::cell::TalcSyncCell<heap::GrowInStrides, talc::wasm::WasmBinning> =
    talc::cell::TalcSyncCell::new_wasm(heap::GrowInStrides::new());

/// The allocator's memory. talc's own wasm source grows the memory by just
/// what one allocation needs, a single 64 KiB page for a small one, so the
/// heap of a big thread (tens of megabytes) grew in hundreds of steps, each
/// costing the engine a new `ArrayBuffer` over the memory and talc an
/// extension of its heap. This source grows by a stride that follows the
/// heap's size, a quarter of the memory at least: in alternating
/// loads, the first page of a 10,000-comment thread painted about 20 ms
/// sooner after its data (`bench/ab.mjs`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod heap {
    use core::alloc::Layout;
    use core::arch::wasm32::{memory_grow, memory_size};
    use core::ptr::NonNull;
    use talc::base::{binning::Binning, Talc};

    const PAGE: usize = 64 * 1024;
    /// The least the memory grows by: 1 MiB.
    const MIN_STRIDE_PAGES: usize = 16;

    #[derive(Debug)]
    pub struct GrowInStrides {
        /// The end of the heap, to extend it when the memory grows right
        /// after it (always, unless something else grew the memory).
        end: Option<NonNull<u8>>,
    }

    impl GrowInStrides {
        pub const fn new() -> Self {
            Self { end: None }
        }
    }

    // SAFETY: allocates nothing; only claims or extends over memory that
    // `memory.grow` just gave it.
    unsafe impl talc::source::Source for GrowInStrides {
        fn acquire<B: Binning>(talc: &mut Talc<Self, B>, layout: Layout) -> Result<(), ()> {
            // Room for the allocation with talc's chunk overhead and
            // alignment, rounded up, and a page to spare for a new heap's
            // own metadata.
            let needed = (layout.size() + layout.align() + 64).div_ceil(PAGE) + 1;
            // A quarter of the memory there is: a few dozen grows for a
            // heap of tens of megabytes, and at most a quarter unused.
            let stride = needed.max(MIN_STRIDE_PAGES).max(memory_size::<0>() / 4);
            let (pages, previous_end) = match memory_grow::<0>(stride) {
                usize::MAX => match memory_grow::<0>(needed) {
                    usize::MAX => return Err(()),
                    previous => (needed, previous),
                },
                previous => (stride, previous),
            };
            let base = (previous_end * PAGE) as *mut u8;
            let size = pages * PAGE;
            if let Some(end) = talc.source.end.take() {
                if end.as_ptr() == base {
                    // SAFETY: the memory from `end` on was just grown, and
                    // `end` is this heap's end.
                    talc.source.end = Some(unsafe { talc.extend(end, base.wrapping_add(size)) });
                    return Ok(());
                }
            }
            // SAFETY: the memory was just grown and belongs to no one.
            talc.source.end = unsafe { talc.claim(base, size) };
            Ok(())
        }
    }
}

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Mounts one widget for `host`: a `<script>` tag or a `data-kibitz`
/// element. For a `<script>`, `placeholder` is the element kibitz.js put
/// where the comments go (it watches that one to load lazily).
#[wasm_bindgen]
pub fn mount(host: HtmlElement, placeholder: Option<HtmlElement>) {
    kibitz::embed::mount(host, placeholder);
}

/// Fills one count badge (`<span data-kibitz-count data-src="…">`) with
/// its thread's count, "6 comments".
#[wasm_bindgen]
pub fn count(badge: HtmlElement) {
    kibitz::embed::count(badge);
}

/// `window.kibitz.mount`: a widget inside `element`, configured by its
/// `data-*` attributes and then `options`, `[[name, value], …]` with
/// attribute names (kibitz.js turns the API's options into these). Returns
/// the handle that [`unmount`] and [`reload`] take.
#[wasm_bindgen]
pub fn mount_with(element: HtmlElement, options: js_sys::Array) -> u32 {
    let options = options
        .iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect();
    kibitz::embed::mount_with(element, options)
}

/// Takes a widget mounted by [`mount_with`] off the page, with every
/// listener and timer it set.
#[wasm_bindgen]
pub fn unmount(handle: u32) {
    kibitz::embed::unmount(handle);
}

/// Loads a widget mounted by [`mount_with`] again from the network.
#[wasm_bindgen]
pub fn reload(handle: u32) {
    kibitz::embed::reload(handle);
}

/// Runs once, when the module is instantiated, before any export.
#[wasm_bindgen(start)]
fn start() {
    kibitz::embed::install_panic_hook();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
