//! The shipped widget: kibitz.js loads this module and calls [`mount`] once
//! per kibitz tag on the page. Exports live here, in a bin, so the bundle
//! keeps only them.

use wasm_bindgen::prelude::*;
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

fn main() {
    kibitz::embed::install_panic_hook();
}
