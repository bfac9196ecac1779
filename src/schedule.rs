//! Waiting for a later task, so that long work is cut into tasks the
//! browser can paint and answer input between.

/// Resolves in a later task (a zero-delay timeout), after the browser had a
/// chance to paint.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = js_sys::futures::JsFuture::from(promise).await;
}

/// Resolves in the task after the browser's next frame, so that what was
/// just added to the page is on screen before more work starts. A hidden
/// page renders no frames: then after 100 ms, like [`next_task`].
pub async fn after_next_frame() {
    use wasm_bindgen::{closure::Closure, JsCast};
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let settle = resolve.clone();
        let after_frame = Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(&settle);
            }
        });
        let _ = window.request_animation_frame(after_frame.unchecked_ref());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
    });
    let _ = js_sys::futures::JsFuture::from(promise).await;
}
