//! Where keyboard focus goes as comments are walked, added or taken away:
//! a reader on the keyboard or with a screen reader must never be left on
//! the page's `<body>`, nor hear a whole subtree read out for one comment.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The element in focus in `near`'s document or shadow root, if any.
pub(super) fn focused_element(near: &Element) -> Option<Element> {
    let root = near.get_root_node();
    if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        return shadow.active_element();
    }
    near.owner_document().and_then(|d| d.active_element())
}

/// Whether `element` has focus.
pub(super) fn has_focus(element: &Element) -> bool {
    focused_element(element).is_some_and(|active| &active == element)
}

/// The comment (`li.kibitz-comment`) that holds focus inside `list`, if
/// focus is inside it.
pub(super) fn focused_comment(list: &Element) -> Option<Element> {
    let active = focused_element(list)?;
    if !list.contains(Some(&active)) {
        return None;
    }
    active.closest("li.kibitz-comment").ok().flatten()
}

/// Gives comment `item` focus (j/k, a link to it), named by its header:
/// author, time, whom it answers and its number. A focused `<li>` is
/// otherwise named by everything in it, so a screen reader would read out
/// its body and every reply under it at each step.
pub(super) fn focus_comment(item: &HtmlElement) {
    let _ = item.set_attribute("tabindex", "-1");
    if !item.has_attribute("aria-labelledby") {
        let mut labels = String::new();
        for (part, suffix) in [
            ("kibitz-comment__byline", "-byline"),
            ("kibitz-comment__number", "-number"),
        ] {
            let mut selector = String::from(":scope > .kibitz-comment__meta > .");
            selector.push_str(part);
            let Ok(Some(part)) = item.query_selector(&selector) else {
                continue;
            };
            if part.id().is_empty() {
                let mut id = item.id();
                id.push_str(suffix);
                part.set_id(&id);
            }
            if !labels.is_empty() {
                labels.push(' ');
            }
            labels.push_str(&part.id());
        }
        if !labels.is_empty() {
            let _ = item.set_attribute("aria-labelledby", &labels);
        }
    }
    let _ = item.focus();
}

/// Focuses the toggle of comment `item`; false if it has none.
pub(super) fn focus_toggle(item: &Element) -> bool {
    let toggle = item
        .query_selector(":scope > .kibitz-comment__meta > .kibitz-comment__toggle")
        .ok()
        .flatten()
        .and_then(|t| t.dyn_into::<HtmlElement>().ok());
    match toggle {
        Some(toggle) => toggle.focus().is_ok(),
        None => false,
    }
}

/// Focuses the toggle of the first comment of `items` from `from` on that
/// is not hidden: where a keyboard reader continues after "Show more".
pub(super) fn focus_first_shown(items: &web_sys::HtmlCollection, from: u32) {
    let first = (from..items.length())
        .filter_map(|i| items.item(i))
        .find(|item| !item.has_attribute("hidden"));
    if let Some(item) = first {
        focus_toggle(&item);
    }
}

/// Moves focus to `item`'s toggle, the control that collapsed it, when
/// the collapse hid what had focus (its replies, or flat replies after
/// it): a click that did not move focus to the toggle, as some screen
/// readers and scripts click, would otherwise leave it on `<body>`.
pub(super) fn rescue_focus_from_hidden(item: &Element) {
    let Some(active) = focused_element(item) else {
        return;
    };
    let list = item.closest(".kibitz-list").ok().flatten();
    let in_list = list.is_some_and(|list| list.contains(Some(&active)));
    if in_list && active.closest("[hidden]").ok().flatten().is_some() {
        focus_toggle(item);
    }
}

/// After the list was built anew (another order, every comment opened or
/// closed) while focus was in it on the comment `id`: focus goes back to
/// that comment's toggle, or to the first comment's when it no longer
/// shows.
pub(super) fn restore_focus(list: &Element, id: &str) {
    if focused_element(list).is_some_and(|active| list.contains(Some(&active))) {
        return;
    }
    let Ok(items) = list.query_selector_all("li.kibitz-comment") else {
        return;
    };
    let shown = |item: &Element| item.closest("[hidden]").ok().flatten().is_none();
    let same = (0..items.length())
        .filter_map(|k| items.item(k)?.dyn_into::<Element>().ok())
        .find(|item| item.get_attribute("data-comment-id").as_deref() == Some(id))
        .filter(shown);
    let first = || {
        list.first_element_child()
            .filter(|item| item.local_name() == "li")
    };
    if let Some(item) = same.or_else(first) {
        focus_toggle(&item);
    }
}
