//! The reader's choices in one thread (the order picked, the comments
//! opened or closed against the thread's defaults) as the text kept in
//! `localStorage`, and back. Pure: the widget reads and writes the storage.
//!
//! The text is one choice a line, so that it stays readable in the
//! browser's storage inspector and needs no JSON:
//!
//! ```text
//! kibitz 1
//! sort newest
//! - c12
//! + c40
//! ```
//!
//! `-` is a comment the reader closed, `+` one they opened. Ids with a line
//! break cannot be written and are not remembered.

use crate::config::SortOrder;

/// The first line, naming this layout.
const HEADER: &str = "kibitz 1";

/// At most this many comments are remembered per thread: a reader who
/// toggles thousands gains nothing from a longer list, and storage is small.
pub const MAX_CHOICES: usize = 2_000;

/// What a reader chose in one thread.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// The order picked, if the reader picked one.
    pub sort: Option<SortOrder>,
    /// Comments by id, with whether the reader left them open.
    pub opened: Vec<(String, bool)>,
}

/// The storage key of a thread: its `thread.id` when it has one, so that
/// every copy of a thread shares the choices, else its URL.
///
/// ```
/// use kibitz::remember::storage_key;
/// assert_eq!(storage_key(Some("post-7"), "https://x.test/c.json"), "kibitz:thread:post-7");
/// assert_eq!(storage_key(None, "https://x.test/c.json"), "kibitz:url:https://x.test/c.json");
/// ```
pub fn storage_key(thread_id: Option<&str>, url: &str) -> String {
    match thread_id.filter(|id| !id.is_empty()) {
        Some(id) => format!("kibitz:thread:{id}"),
        None => format!("kibitz:url:{url}"),
    }
}

/// The text to store, or `None` when there is nothing to remember (the
/// entry should then be removed).
///
/// ```
/// use kibitz::{config::SortOrder, remember::encode};
/// assert_eq!(encode(Some(SortOrder::Top), &[("c1", false)]).as_deref(), Some("kibitz 1\nsort top\n- c1"));
/// assert_eq!(encode(None, &[]), None);
/// ```
pub fn encode(sort: Option<SortOrder>, opened: &[(&str, bool)]) -> Option<String> {
    let opened: Vec<&(&str, bool)> = opened
        .iter()
        .filter(|(id, _)| !id.contains(['\n', '\r']))
        .take(MAX_CHOICES)
        .collect();
    if sort.is_none() && opened.is_empty() {
        return None;
    }
    let mut text = String::from(HEADER);
    if let Some(sort) = sort {
        text.push_str("\nsort ");
        text.push_str(sort.as_str());
    }
    for (id, open) in opened {
        text.push_str(if *open { "\n+ " } else { "\n- " });
        text.push_str(id);
    }
    Some(text)
}

/// Reads stored text. Anything unreadable (another layout, a hand edit, a
/// truncated write) reads as no choices rather than as an error: the
/// thread then shows as its owner set it up.
pub fn decode(text: &str) -> Choices {
    let mut lines = text.split('\n');
    if lines.next() != Some(HEADER) {
        return Choices::default();
    }
    let mut choices = Choices::default();
    for line in lines {
        if let Some(sort) = line.strip_prefix("sort ") {
            choices.sort = SortOrder::from_name(sort);
        } else if let Some(id) = line.strip_prefix("+ ") {
            choices.opened.push((id.to_string(), true));
        } else if let Some(id) = line.strip_prefix("- ") {
            choices.opened.push((id.to_string(), false));
        }
        if choices.opened.len() >= MAX_CHOICES {
            break;
        }
    }
    choices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_survive_a_round_trip() {
        let text = encode(
            Some(SortOrder::Newest),
            &[("c1", false), ("a b+c", true), ("- tricky", false)],
        )
        .unwrap();
        assert_eq!(
            decode(&text),
            Choices {
                sort: Some(SortOrder::Newest),
                opened: vec![
                    ("c1".into(), false),
                    ("a b+c".into(), true),
                    ("- tricky".into(), false)
                ],
            }
        );
    }

    #[test]
    fn ids_with_line_breaks_are_not_written() {
        let text = encode(None, &[("a\nb", false), ("c", true)]).unwrap();
        assert_eq!(decode(&text).opened, [("c".to_string(), true)]);
    }

    #[test]
    fn unreadable_text_is_no_choice() {
        for text in [
            "",
            "{\"sort\":\"top\"}",
            "kibitz 2\nsort top",
            "sort top\n- c1",
        ] {
            assert_eq!(decode(text), Choices::default(), "{text:?}");
        }
        assert_eq!(decode("kibitz 1\nsort best\n? c1").sort, None);
    }

    #[test]
    fn at_most_max_choices_are_kept() {
        let ids: Vec<String> = (0..MAX_CHOICES + 10).map(|i| format!("c{i}")).collect();
        let opened: Vec<(&str, bool)> = ids.iter().map(|id| (id.as_str(), false)).collect();
        let text = encode(None, &opened).unwrap();
        assert_eq!(decode(&text).opened.len(), MAX_CHOICES);
    }
}
