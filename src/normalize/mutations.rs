//! Mangled thread documents: every fixture and demo thread, cut, spliced
//! and scribbled on by a seeded generator, read as every format. Whatever
//! comes in, reading it must end in a thread or in an error that says
//! something, never in a panic (in the browser a panic is a dead widget),
//! and every thread read must hold together and render: its first page
//! slice by slice, everything at once as for print, in each sort order.
//!
//! Deterministic: the same seed makes the same documents on every run, and
//! a failure names the seed, the mutation number and the format, with the
//! document, so it can be replayed.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use crate::config::SortOrder;
use crate::formats::SourceFormat;
use crate::model::Thread;
use crate::normalize::parse_thread_as;
use crate::render::tests::SAY;
use crate::render::{RenderOptions, ThreadView};

#[path = "../../tests/common/mod.rs"]
mod common;
use common::{first_ten, panic_message, Rng};

/// Mangled documents made from each seed document.
const MUTATIONS_PER_SEED: usize = 300;

/// A seed document: its path from the project's root, and its text.
macro_rules! seed {
    ($path:literal) => {
        ($path, include_str!(concat!("../../", $path)))
    };
}

const SEEDS: &[(&str, &str)] = &[
    seed!("tests/fixtures/bluesky-thread.json"),
    seed!("tests/fixtures/flat-out-of-order.json"),
    seed!("tests/fixtures/hn-item.json"),
    seed!("tests/fixtures/mastodon-context.json"),
    seed!("demo/threads/second-summit.json"),
    seed!("demo/threads/field-notes.json"),
    seed!("demo/threads/bluesky-getPostThread.json"),
    seed!("demo/threads/mastodon-context.json"),
    seed!("demo/threads/hn-item.json"),
    seed!("demo/threads/empty.json"),
];

const FORMATS: &[SourceFormat] = &[
    SourceFormat::Auto,
    SourceFormat::Kibitz,
    SourceFormat::Bluesky,
    SourceFormat::Mastodon,
    SourceFormat::HackerNews,
];

/// Text that means something to JSON, to a format reader or to a body's
/// renderer, spliced in where it is least expected.
const SPLICES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\\",
    "null",
    "true",
    "0",
    "-1",
    "1e999",
    "-0.0",
    "4294967296",
    "9007199254740993",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "\"\"",
    "{}",
    "[]",
    "\"id\"",
    "\"parent\"",
    "\"replies\"",
    "\"children\"",
    "\"comments\"",
    "\"thread\"",
    "\"post\"",
    "\"descendants\"",
    "\"in_reply_to_id\"",
    "\"created_at\"",
    "\"author\"",
    "\"body\"",
    "\"format\":\"markdown\"",
    "\"format\":\"html\"",
    "\"2024-02-30T25:61:00Z\"",
    "\"javascript:alert(1)\"",
    "\"<script>alert(1)</script>\"",
    "\"<img src=x onerror=alert(1)>\"",
    "\"[x](javascript:alert(1))\"",
    "\":emoji:\"",
    "\"@someone\"",
    "\u{202E}",
    "\u{FEFF}",
    "\u{10FFFF}",
    "é",
    "😀",
    "\n",
    "\t",
    " ",
];

/// One mangled copy of `doc`.
fn mutate(doc: &str, rng: &mut Rng) -> String {
    let mut bytes = doc.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = bytes.len();
        let at = if len == 0 { 0 } else { rng.below(len + 1) };
        match rng.below(7) {
            // Cut the rest off.
            0 => bytes.truncate(at),
            // Take a piece out.
            1 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                bytes.drain(at.min(end)..end);
            }
            // Copy a piece of the document somewhere else in it.
            2 if len > 0 => {
                let from = rng.below(len);
                let end = (from + 1 + rng.below(200)).min(len);
                let piece = bytes[from..end].to_vec();
                bytes.splice(at..at, piece);
            }
            // Overwrite one byte.
            3 if len > 0 => {
                let i = at.min(len - 1);
                bytes[i] = *rng.pick(b"{}[]\",:\\0-9eE.tfn \n\x00\x7f\xc3\xff");
            }
            // Nest deeply.
            4 => {
                let depth = 1 + rng.below(300);
                let open = if rng.below(2) == 0 { b'[' } else { b'{' };
                bytes.splice(at..at, std::iter::repeat_n(open, depth));
            }
            // Splice in a token.
            _ => {
                let token = rng.pick(SPLICES).as_bytes().to_vec();
                bytes.splice(at..at, token);
            }
        }
    }
    // The widget reads the body as UTF-8, replacing what is not.
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Values a format reader may meet where it expects something else.
/// `own` are the document's own short strings and numbers: put in a
/// comment's `parent` or `id`, they make loops, duplicates and orphans.
fn odd_value(rng: &mut Rng, own: &[serde_json::Value]) -> serde_json::Value {
    use serde_json::json;
    match rng.below(12) {
        0 => json!(null),
        1 => json!(rng.below(2) == 0),
        2 => json!(*rng.pick(&[0i64, -1, 1, 2, 3, i64::MIN, i64::MAX])),
        3 => json!(*rng.pick(&[0.5f64, -0.0, 1e300, -1e300, 1e-300])),
        4 => json!(u64::MAX),
        5 if !own.is_empty() => rng.pick(own).clone(),
        5 => json!("1"),
        6 => json!(rng.below(5)),
        7 => json!([]),
        8 => json!({}),
        9 => json!(rng
            .pick(&[
                "",
                " ",
                "2024-02-30T25:61:00Z",
                "1970-01-01T00:00:00Z",
                "+275760-09-13T00:00:00Z"
            ])
            .to_string()),
        10 => json!(rng
            .pick(&[
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "[x](javascript:alert(1))",
                "<a href=\"javascript:alert(1)\">x</a>",
                "javascript:alert(1)",
                "https://x.test/a.png",
                ":blobcat: :x:",
                "@nobody hello",
                "\u{202E}evil",
                "*a **b ***c",
                "```\ncode",
                "> > > >",
            ])
            .to_string()),
        _ => json!([{ "id": "1", "parent": "1", "body": "self" }]),
    }
}

/// The short strings and the numbers in `value`.
fn own_scalars(value: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
    match value {
        serde_json::Value::String(text) if text.len() <= 100 => out.push(value.clone()),
        serde_json::Value::Number(_) => out.push(value.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|item| own_scalars(item, out)),
        serde_json::Value::Object(map) => map.values().for_each(|item| own_scalars(item, out)),
        _ => {}
    }
}

/// The `id` of every object in `value` that has one.
fn own_ids(value: &serde_json::Value) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(map) => {
                out.extend(map.get("id").cloned());
                stack.extend(map.values());
            }
            _ => {}
        }
    }
    out
}

/// The parent fields of the comments in `value` (`parent`, Mastodon's
/// `in_reply_to_id`).
fn with_parent_keys<'a>(
    value: &'a mut serde_json::Value,
    out: &mut Vec<&'a mut serde_json::Value>,
) {
    match value {
        serde_json::Value::Array(items) => items
            .iter_mut()
            .for_each(|item| with_parent_keys(item, out)),
        serde_json::Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if (key == "parent" || key == "in_reply_to_id") && !item.is_object() {
                    out.push(item);
                } else {
                    with_parent_keys(item, out);
                }
            }
        }
        _ => {}
    }
}

/// How many values `value` holds, itself included.
fn count_values(value: &serde_json::Value) -> usize {
    1 + match value {
        serde_json::Value::Array(items) => items.iter().map(count_values).sum(),
        serde_json::Value::Object(map) => map.values().map(count_values).sum(),
        _ => 0,
    }
}

/// The `k`th value of `value` in pre-order.
fn nth_value<'a>(
    value: &'a mut serde_json::Value,
    k: &mut usize,
) -> Option<&'a mut serde_json::Value> {
    if *k == 0 {
        return Some(value);
    }
    *k -= 1;
    match value {
        serde_json::Value::Array(items) => items.iter_mut().find_map(|item| nth_value(item, k)),
        serde_json::Value::Object(map) => map.values_mut().find_map(|item| nth_value(item, k)),
        _ => None,
    }
}

/// A copy of `doc`, still JSON, with a few of its values changed: of the
/// wrong type, hostile, removed, doubled or moved elsewhere, so that the
/// format readers and the tree builder see it, not just the JSON parser.
fn mutate_values(doc: &str, rng: &mut Rng) -> String {
    let mut value: serde_json::Value = serde_json::from_str(doc).expect("seed documents are JSON");
    let mut own = Vec::new();
    own_scalars(&value, &mut own);
    for _ in 0..1 + rng.below(3) {
        let total = count_values(&value);
        let mut k = rng.below(total);
        let copy_from = nth_value(&mut value, &mut rng.below(total)).map(|v| v.clone());
        let Some(target) = nth_value(&mut value, &mut k) else {
            continue;
        };
        match rng.below(6) {
            // Hang a comment under another, or under itself: loops.
            5 => {
                let ids = own_ids(&value);
                let mut objects = Vec::new();
                with_parent_keys(&mut value, &mut objects);
                if !ids.is_empty() && !objects.is_empty() {
                    let id = rng.pick(&ids).clone();
                    let i = rng.below(objects.len());
                    *objects.swap_remove(i) = id;
                }
            }
            0 => *target = odd_value(rng, &own),
            1 => *target = copy_from.unwrap_or_default(),
            2 => match target {
                serde_json::Value::Array(items) if !items.is_empty() => {
                    let i = rng.below(items.len());
                    if rng.below(2) == 0 {
                        items.remove(i);
                    } else {
                        let twin = items[i].clone();
                        items.insert(i, twin);
                    }
                }
                serde_json::Value::Object(map) if !map.is_empty() => {
                    let key = map
                        .keys()
                        .nth(rng.below(map.len()))
                        .cloned()
                        .unwrap_or_default();
                    map.remove(&key);
                }
                _ => *target = odd_value(rng, &own),
            },
            3 => *target = serde_json::json!([target.take()]),
            _ => {
                if let serde_json::Value::Object(map) = target {
                    let key = rng.pick(&[
                        "parent", "id", "replies", "children", "author", "body", "format",
                        "created", "score", "removed", "emoji", "avatar",
                    ]);
                    map.insert(key.to_string(), odd_value(rng, &own));
                } else {
                    *target = odd_value(rng, &own);
                }
            }
        }
    }
    value.to_string()
}

/// What is wrong with how `thread`'s comments hang together, if anything.
fn structure_problem(thread: &Thread) -> Option<String> {
    let n = thread.comments.len();
    let mut numbers: Vec<u32> = thread.comments.iter().map(|c| c.number).collect();
    numbers.sort_unstable();
    if numbers
        .iter()
        .enumerate()
        .any(|(i, &k)| k as usize != i + 1)
    {
        return Some(format!("comment numbers are not 1..={n}: {numbers:?}"));
    }
    let mut seen = vec![0u32; n];
    for &root in &thread.roots {
        if root >= n || thread.comments[root].parent.is_some() {
            return Some(format!("root {root} is no top-level comment"));
        }
        seen[root] += 1;
    }
    for (i, comment) in thread.comments.iter().enumerate() {
        for &child in &comment.children {
            if child >= n || thread.comments[child].parent != Some(i) {
                return Some(format!(
                    "comment {i} lists {child}, whose parent is another"
                ));
            }
            seen[child] += 1;
        }
    }
    if let Some(i) = seen.iter().position(|&times| times != 1) {
        return Some(format!("comment {i} hangs in {} places, not one", seen[i]));
    }
    None
}

/// Reads `doc` as `format` and renders what it read; a panic or a broken
/// thread is reported, an error that says something is fine.
fn check(doc: &str, format: SourceFormat) -> Result<(), String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<(), String> {
        let thread = match parse_thread_as(doc, format) {
            Ok(thread) => thread,
            Err(error) if error.to_string().len() > 20 => return Ok(()),
            Err(error) => return Err(format!("an error that says too little: {error:?}")),
        };
        if let Some(problem) = structure_problem(&thread) {
            return Err(problem);
        }
        let thread = Arc::new(thread);
        for sort in [SortOrder::Oldest, SortOrder::Newest, SortOrder::Top] {
            let options = RenderOptions {
                max_depth: 3,
                collapse_depth: Some(2),
                avatars: true,
                page_size: Some(2),
                sort,
            };
            let mut view = ThreadView::new(
                thread.clone(),
                options,
                "kibitz-1".into(),
                "kibitz-t".into(),
            );
            while view.page_pending() {
                view.render_page_slice(1_000, &SAY);
            }
            view.show_more_roots();
            while view.page_pending() {
                view.render_page_slice(1_000, &SAY);
            }
            for i in 0..thread.comments.len() {
                view.toggle(i, &SAY);
            }
            view.build_everything(&SAY);
        }
        Ok(())
    }));
    match outcome {
        Ok(result) => result,
        Err(panic) => Err(format!("panicked: {}", panic_message(&*panic))),
    }
}

#[test]
fn mangled_documents_are_read_or_refused_never_a_panic() {
    let mut failures = Vec::new();
    let mut read = 0;
    for (seed_index, (name, doc)) in SEEDS.iter().enumerate() {
        let seed = 0x9E37_79B9_7F4A_7C15 ^ (seed_index as u64 + 1);
        let mut rng = Rng(seed);
        for k in 0..MUTATIONS_PER_SEED {
            // Half broken JSON, half JSON with odd values.
            let mangled = if k % 2 == 0 {
                mutate(doc, &mut rng)
            } else {
                mutate_values(doc, &mut rng)
            };
            for &format in FORMATS {
                read += 1;
                if let Err(problem) = check(&mangled, format) {
                    failures.push(format!(
                        "{name}, mutation {k} (seed {seed:#x}), as {format:?}: {problem}\n  document: {}",
                        mangled.chars().take(400).collect::<String>()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {read} readings failed:\n{}",
        failures.len(),
        first_ten(&failures)
    );
}

#[test]
fn the_seed_documents_read_as_threads() {
    // Guards the test above: mangling seeds that do not read at all would
    // test only the first error.
    for (name, doc) in SEEDS {
        let thread =
            parse_thread_as(doc, SourceFormat::Auto).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(structure_problem(&thread).is_none(), "{name}");
        check(doc, SourceFormat::Auto).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn the_structure_check_finds_a_broken_thread() {
    let mut thread =
        parse_thread_as(SEEDS[4].1, SourceFormat::Auto).expect("the demo thread reads");
    assert!(structure_problem(&thread).is_none());
    let leaf = (0..thread.comments.len())
        .find(|&i| thread.comments[i].parent.is_some())
        .expect("a reply");
    thread.roots.push(leaf);
    assert!(
        structure_problem(&thread).is_some(),
        "a reply listed as top level"
    );
}
