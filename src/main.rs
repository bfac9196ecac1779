//! The shipped widget: kibitz.js loads this module and calls [`mount`] once
//! per kibitz tag on the page. Exports live here, in a bin, so the bundle
//! keeps only them.

use wasm_bindgen::prelude::*;

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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

fn main() {
    kibitz::embed::install_panic_hook();
}
