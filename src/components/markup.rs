//! Putting comment markup into the page, and the authors' pictures into
//! it. `render.rs` names each picture in `data-avatar` instead of writing
//! an `<img>`: a comment gets its picture when it comes within a viewport
//! of being seen. Thousands of lazy images cost the browser time on every
//! frame even far from the screen (about 100 ms more for 2,000 comments
//! with pictures), and without `<img>` Chromium parses each slice on its
//! fast path.

use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// Watches the comments put into one list, and gives each its pictures
/// (and those of its replies) once it is near the viewport.
pub struct Pictures {
    observer: Option<IntersectionObserver>,
    _on_near: Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>,
}

impl Pictures {
    pub fn new() -> Self {
        let on_near = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
            |entries: js_sys::Array, observer: IntersectionObserver| {
                for entry in entries.iter() {
                    let entry: IntersectionObserverEntry = entry.unchecked_into();
                    if entry.is_intersecting() {
                        let comment = entry.target();
                        observer.unobserve(&comment);
                        add_pictures(&comment);
                    }
                }
            },
        );
        let init = IntersectionObserverInit::new();
        init.set_root_margin("100% 0px 100% 0px");
        let observer =
            IntersectionObserver::new_with_options(on_near.as_ref().unchecked_ref(), &init).ok();
        Self {
            observer,
            _on_near: on_near,
        }
    }

    /// The observer, for stopping it when the list goes.
    pub fn observer(&self) -> Option<IntersectionObserver> {
        self.observer.clone()
    }

    /// Stops watching everything appended so far (the list was emptied):
    /// the observer would otherwise keep the removed comments alive.
    pub fn forget(&self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
    }

    /// Appends `html` as the last children of `target` and watches each
    /// new child, if it names any picture: watching costs the browser a
    /// little on every frame. Without IntersectionObserver, pictures come
    /// at once.
    pub fn append(&self, target: &Element, html: &str) {
        let before = target.last_element_child();
        if target.insert_adjacent_html("beforeend", html).is_err() {
            return;
        }
        if !html.contains(" data-avatar=\"") {
            return;
        }
        let mut added = match before {
            Some(before) => before.next_element_sibling(),
            None => target.first_element_child(),
        };
        while let Some(element) = added {
            match &self.observer {
                Some(observer) => observer.observe(&element),
                None => add_pictures(&element),
            }
            added = element.next_element_sibling();
        }
    }
}

/// Every picture named inside `within`, now (before printing, say).
pub fn add_pictures(within: &Element) {
    let Ok(avatars) = within.query_selector_all("[data-avatar]") else {
        return;
    };
    for index in 0..avatars.length() {
        if let Some(avatar) = avatars.item(index).and_then(|n| n.dyn_into().ok()) {
            add_picture(&avatar);
        }
    }
}

/// The `<img>` that `data-avatar` names, as the avatar's last child. The
/// URL was checked when the thread was read (`sanitize::safe_avatar`) and
/// is set as an attribute, never parsed as markup.
fn add_picture(avatar: &Element) {
    let Some(src) = avatar.get_attribute("data-avatar") else {
        return;
    };
    let alt = avatar.get_attribute("data-avatar-alt").unwrap_or_default();
    let _ = avatar.remove_attribute("data-avatar");
    let _ = avatar.remove_attribute("data-avatar-alt");
    let Some(picture) = avatar
        .owner_document()
        .and_then(|document| document.create_element("img").ok())
    else {
        return;
    };
    picture.set_class_name("kibitz-avatar__picture");
    // Lazy before it has a source, or it would load at once.
    for (name, value) in [
        ("alt", alt.as_str()),
        ("width", "28"),
        ("height", "28"),
        ("loading", "lazy"),
        ("decoding", "async"),
    ] {
        let _ = picture.set_attribute(name, value);
    }
    if avatar.append_child(&picture).is_ok() {
        let _ = picture.set_attribute("src", &src);
    }
}
