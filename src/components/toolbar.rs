//! The reader's controls over the whole list: the order of top-level
//! comments, "Collapse all" and "Expand all"; and the `localStorage` entry
//! that keeps the reader's choices per thread. Storage may be missing or
//! refuse (private windows, blocked cookies, a full quota): then nothing is
//! remembered and nothing else changes.

use leptos::prelude::*;

use crate::config::SortOrder;
use crate::i18n::Words;
use crate::remember::{decode, Choices};

/// Which controls a thread needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolbarNeeds {
    /// More than one top-level comment: an order to choose.
    pub sort: bool,
    /// Some comment has a score: "Top" means something.
    pub top: bool,
    /// Some comment has replies: something to collapse.
    pub collapse: bool,
}

/// The controls above the list.
#[component]
pub fn Toolbar(
    /// The widget's words.
    words: &'static Words,
    /// Which controls to show.
    needs: ToolbarNeeds,
    /// The order shown; the select follows it.
    sort: RwSignal<SortOrder>,
    /// Called with the order the reader picked. (Plain closures, not
    /// `Callback`s: each `Callback` type is code of its own in the download.)
    on_sort: impl Fn(SortOrder) + Copy + 'static,
    /// Called with `false` for "Collapse all", `true` for "Expand all".
    on_all: impl Fn(bool) + Copy + 'static,
) -> impl IntoView {
    let orders: Vec<SortOrder> = SortOrder::ALL
        .into_iter()
        .filter(|order| {
            *order != SortOrder::Top || needs.top || sort.get_untracked() == SortOrder::Top
        })
        .collect();
    let label = |order: SortOrder| match order {
        SortOrder::Oldest => words.sort_oldest,
        SortOrder::Newest => words.sort_newest,
        SortOrder::Top => words.sort_top,
    };
    // The first render selects the order shown; from then on the select's
    // `value` follows `sort`.
    let shown = sort.get_untracked();
    let options = orders
        .into_iter()
        .map(|order| {
            view! { <option value=order.as_str() selected=order == shown>{label(order)}</option> }
        })
        .collect_view();
    let select = needs.sort.then(|| {
        view! {
            <label class="kibitz-toolbar__sort">
                <span class="kibitz-toolbar__label">{words.sort_by}</span>
                <select
                    class="kibitz-sort"
                    prop:value=move || sort.get().as_str()
                    on:change=move |event| {
                        if let Some(order) = SortOrder::from_name(&event_target_value(&event)) {
                            on_sort(order);
                        }
                    }
                >
                    {options}
                </select>
            </label>
        }
    });
    let all = needs.collapse.then(|| {
        // One group, so that on a phone both wrap to a line together.
        view! {
            <span class="kibitz-toolbar__all">
                <button type="button" class="kibitz-button kibitz-collapse-all" on:click=move |_| on_all(false)>
                    {words.collapse_all}
                </button>
                <button type="button" class="kibitz-button kibitz-expand-all" on:click=move |_| on_all(true)>
                    {words.expand_all}
                </button>
            </span>
        }
    });
    view! { <div class="kibitz-toolbar">{select}{all}</div> }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The choices remembered under `key`; none when storage is unavailable.
pub fn load_choices(key: &str) -> Choices {
    storage()
        .and_then(|s| s.get_item(key).ok().flatten())
        .map(|text| decode(&text))
        .unwrap_or_default()
}

/// Remembers `text` under `key`, or forgets the entry for `None`.
pub fn save_choices(key: &str, text: Option<String>) {
    let Some(storage) = storage() else { return };
    let _ = match text {
        Some(text) => storage.set_item(key, &text),
        None => storage.remove_item(key),
    };
}
