//! The list's controls, answered by its delegated listeners: comment
//! toggles, content warnings, a flat list's "Show more", j/k/n/p between
//! comments, and the full dates of times for pointer, keyboard and touch.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::focus::{focus_comment, focus_first_shown, has_focus, rescue_focus_from_hidden};
use super::links::copy_link;
use super::{find, remember_choices, set_hidden, List};
use crate::i18n::Speak;
use crate::time::parse_rfc3339;

/// j / k: the next or previous comment shown; n / p: the next or previous
/// top-level comment; t: the full dates of the comment in focus, shown or
/// hidden. Only while focus is in the list (the listener is on it), and
/// never with a modifier, so the host page's own keys and the browser's
/// shortcuts are left alone. The comment itself takes focus, so Tab goes
/// on to its controls.
pub(super) fn on_list_key(list: List, event: &web_sys::KeyboardEvent) {
    if event.ctrl_key() || event.alt_key() || event.meta_key() || event.default_prevented() {
        return;
    }
    // (forward, top level) for a move; none for t.
    let step = match event.key().as_str() {
        "j" => Some((true, false)),
        "k" => Some((false, false)),
        "n" => Some((true, true)),
        "p" => Some((false, true)),
        "t" => None,
        _ => return,
    };
    let Some(from) = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("li.kibitz-comment").ok().flatten())
    else {
        return;
    };
    let Some((forward, top_level)) = step else {
        event.prevent_default();
        return toggle_full_dates(list, &from);
    };
    let Some(ol) = event
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    else {
        return;
    };
    let selector = if top_level {
        ":scope > li.kibitz-comment"
    } else {
        "li.kibitz-comment"
    };
    let Ok(items) = ol.query_selector_all(selector) else {
        return;
    };
    let items: Vec<Element> = (0..items.length())
        .filter_map(|k| items.item(k)?.dyn_into::<Element>().ok())
        .collect();
    // From a reply, n and p count from the top-level comment it is in.
    let position = items
        .iter()
        .position(|item| item == &from || (top_level && item.contains(Some(&from))));
    let Some(position) = position else {
        return;
    };
    let shown = |item: &&Element| item.closest("[hidden]").ok().flatten().is_none();
    let next = if forward {
        items[position + 1..].iter().find(shown)
    } else {
        items[..position].iter().rev().find(shown)
    };
    if let Some(next) = next.and_then(|n| n.dyn_ref::<HtmlElement>()) {
        event.prevent_default();
        focus_comment(next);
    }
}

/// The one listener of the list: comment toggles, content warnings and
/// the "Show more" buttons of flat lists.
pub(super) fn on_list_click(list: List, event: &web_sys::MouseEvent) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if let Some(time) = dated(&target) {
        toggle_full_date(list, &time, None);
        return;
    }
    if let Ok(Some(link)) = target.closest("a.kibitz-comment__number") {
        // The link is followed as usual (the comment is marked); its
        // address also goes to the clipboard, for sharing.
        copy_link(list, &link);
        return;
    }
    let Ok(Some(button)) = target.closest("button") else {
        return;
    };
    let classes = button.class_list();
    if classes.contains("kibitz-comment__toggle") {
        toggle_comment(list, &button);
        remember_choices(list);
    } else if classes.contains("kibitz-warning__toggle") {
        toggle_warning(list, &button);
    } else if classes.contains("kibitz-more") {
        show_more_flat(list, &button);
    }
}

/// The time or "edited" mark at or around `target`, if it has a date.
fn dated(target: &Element) -> Option<Element> {
    target
        .closest(".kibitz-comment__time[data-datetime], .kibitz-comment__edited[data-datetime]")
        .ok()
        .flatten()
}

/// Gives a time (or an "edited" mark) its tooltip, the full date, time
/// and zone, when the pointer first reaches it: formatting it for every
/// comment up front would cost one Intl call and a long attribute each.
pub(super) fn write_tooltip(list: List, event: &web_sys::MouseEvent) {
    if let Some(time) = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| dated(&t))
    {
        write_full_date(list, &time);
    }
}

/// Shows the full dates of `comment` in its line (see `toggle_full_date`),
/// or hides them: a keyboard has no hover.
fn toggle_full_dates(list: List, comment: &Element) {
    let Ok(times) = comment.query_selector_all(":scope > .kibitz-comment__meta [data-datetime]")
    else {
        return;
    };
    let mut show = None;
    for k in 0..times.length() {
        if let Some(time) = times.item(k).and_then(|t| t.dyn_into::<Element>().ok()) {
            // All as the first one goes.
            let show = *show.get_or_insert(!time.class_list().contains("kibitz-full-date"));
            toggle_full_date(list, &time, Some(show));
        }
    }
}

/// Shows a time's full date in the line, after it, or hides it (`force`,
/// else the other way round): a touch screen has no hover to bring its
/// tooltip. Shown only at the reader's word, so that nothing moves under
/// a pointer on its way elsewhere.
fn toggle_full_date(list: List, time: &Element, force: Option<bool>) {
    write_full_date(list, time);
    let classes = time.class_list();
    let _ = match force {
        Some(show) => classes.toggle_with_force("kibitz-full-date", show),
        None => classes.toggle("kibitz-full-date"),
    };
}

/// Puts the full date of a time or "edited" mark in its `title`, once.
fn write_full_date(list: List, time: &Element) {
    if time.has_attribute("title") {
        return;
    }
    let Some(at) = time
        .get_attribute("data-datetime")
        .and_then(|iso| parse_rfc3339(&iso))
    else {
        return;
    };
    if let Some(tooltip) = list
        .formatter
        .try_with_value(|formatter| formatter.tooltip(at))
    {
        let _ = time.set_attribute("title", &tooltip);
    }
}

fn toggle_comment(list: List, button: &Element) {
    let Some(content_id) = button.get_attribute("aria-controls") else {
        return;
    };
    let Some(index) = list.view.with_value(|v| v.index_of_content_id(&content_id)) else {
        return;
    };
    let item = button
        .parent_element()
        .and_then(|meta| meta.parent_element());
    if item.is_some() {
        toggle_comment_at(list, index, button, item.as_ref());
    }
}

/// Opens or closes comment `index`, whose `<li>` is `item` if it is in the
/// document (a flat reply past the shown page is not: its state changes,
/// and it shows that way when its page comes).
pub(super) fn toggle_comment_at(list: List, index: usize, near: &Element, item: Option<&Element>) {
    let toggled = list.with(|view, say| view.toggle(index, say));
    let open = toggled.open;
    if let Some(item) = item {
        let _ = item
            .class_list()
            .toggle_with_force("kibitz-comment--collapsed", !open);
        if let Ok(Some(button)) =
            item.query_selector(":scope > .kibitz-comment__meta > .kibitz-comment__toggle")
        {
            let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
            let _ = button.set_attribute("aria-label", &toggled.label);
        }
        if let Ok(Some(count)) =
            item.query_selector(":scope > .kibitz-comment__meta > .kibitz-comment__hidden")
        {
            set_hidden(&count, open);
        }
        if let Some(content) = item.last_element_child() {
            set_hidden(&content, !open);
            if let Some(replies) = toggled.replies {
                list.append(&content, &replies);
            }
        }
    }
    for (other, hidden) in toggled.hide {
        let id = list.view.with_value(|v| v.content_id(other));
        if let Some(other) = find(near, &id).and_then(|c| c.parent_element()) {
            set_hidden(&other, hidden);
        }
    }
    if let Some((flat_root, label)) = toggled.more {
        let id = list.view.with_value(|v| v.content_id(flat_root));
        if let Some(content) = find(near, &id) {
            set_more_button(&content, label.as_deref());
        }
    }
    if let (false, Some(item)) = (open, item) {
        rescue_focus_from_hidden(item);
    }
}

/// Gives the flat list in `content` a "Show more" button reading `label`,
/// or none.
fn set_more_button(content: &Element, label: Option<&str>) {
    let button = content
        .query_selector(":scope > .kibitz-more")
        .ok()
        .flatten();
    match (button, label) {
        (Some(button), Some(label)) => button.set_text_content(Some(label)),
        (Some(button), None) => button.remove(),
        (None, Some(label)) => {
            let Some(button) = content
                .owner_document()
                .and_then(|d| d.create_element("button").ok())
            else {
                return;
            };
            let _ = button.set_attribute("type", "button");
            button.set_class_name("kibitz-button kibitz-more");
            button.set_text_content(Some(label));
            // After the flat list, the content's last child.
            let _ = content.append_child(&button);
        }
        (None, None) => {}
    }
}

fn toggle_warning(list: List, button: &Element) {
    let Some(body) = button
        .get_attribute("aria-controls")
        .and_then(|id| find(button, &id))
    else {
        return;
    };
    let shown = button.get_attribute("aria-expanded").as_deref() != Some("true");
    let words = list.voice.with_value(|v| v.words());
    let _ = button.set_attribute("aria-expanded", if shown { "true" } else { "false" });
    button.set_text_content(Some(if shown {
        words.hide_content
    } else {
        words.show_content
    }));
    set_hidden(&body, !shown);
}

pub(super) fn show_more_flat(list: List, button: &Element) {
    let Some(content) = button.parent_element() else {
        return;
    };
    let Some(index) = list
        .view
        .with_value(|v| v.index_of_content_id(&content.id()))
    else {
        return;
    };
    let (html, label) = list.with(|view, say| view.more_flat(index, say));
    let had_focus = has_focus(button);
    let Some(flat) = button.previous_element_sibling() else {
        return;
    };
    let shown_before = flat.child_element_count();
    list.append(&flat, &html);
    set_more_button(&content, label.as_deref());
    // A keyboard reader continues at the first new reply that shows, where
    // reading goes on (the button is below the new replies).
    if had_focus {
        focus_first_shown(&flat.children(), shown_before);
    }
}
