//! Whatever a page or a browser hands the widget outside a thread document
//! (its `data-*` attributes, a service address, a time style, what an
//! earlier visit left in `localStorage`, a language tag, a timestamp), it
//! must answer with a value or a specific message, never a panic: in the
//! browser a panic is a dead widget.
//!
//! Inputs are made by a seeded generator from pieces that have broken
//! parsers before (empty text, lone separators, huge numbers, control and
//! bidirectional characters, long runs), so every run tries the same ones.
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{catch_unwind, AssertUnwindSafe};

use kibitz::config::parse_config;
use kibitz::remember;
use kibitz::sources;
use kibitz::time::{self, EpochMillis};
use kibitz::time_style::{parse_pattern, parse_time_style};

mod common;
use common::{first_ten, panic_message, Rng};

/// Generated inputs per function.
const INPUTS: usize = 3_000;

/// Every attribute `parse_config` reads, and a few it must ignore.
const ATTRIBUTES: &[&str] = &[
    "data-api",
    "data-avatars",
    "data-bluesky",
    "data-collapse-depth",
    "data-collapsed",
    "data-format",
    "data-heading-level",
    "data-hn",
    "data-isolate",
    "data-lang",
    "data-loading",
    "data-locale",
    "data-mastodon",
    "data-max-depth",
    "data-page-size",
    "data-remember",
    "data-sort",
    "data-src",
    "data-target",
    "data-theme",
    "data-time-style",
    "data-timezone",
    "DATA-SORT",
    "data-",
    "data-thme",
    "class",
];

const PIECES: &[&str] = &[
    "",
    " ",
    "\t\n",
    "0",
    "-1",
    "1",
    "6",
    "all",
    "none",
    "auto",
    "true",
    "false",
    "on",
    "off",
    "eager",
    "lazy",
    "oldest",
    "newest",
    "top",
    "dark",
    "light",
    "html",
    "markdown",
    "4294967296",
    "18446744073709551616",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "-0",
    "+5",
    "0x10",
    "٣",
    "yyyy",
    "MMMM",
    "d",
    "HH:mm",
    "'",
    "''",
    "'unclosed",
    "{",
    "}",
    "[",
    "]",
    ":",
    ";",
    ",",
    "=",
    "/",
    "//",
    "?",
    "#",
    "%",
    "%zz",
    "@",
    "at://",
    "did:plc:",
    "https://",
    "https://bsky.app/profile/",
    "/post/",
    "https://mastodon.social/@a/",
    "https://news.ycombinator.com/item?id=",
    "javascript:alert(1)",
    "en",
    "en-US",
    "ar-EG-u-nu-arab",
    "x-",
    "-",
    "_",
    "Europe/Berlin",
    "Mars/Base",
    "1970-01-01T00:00:00Z",
    "2024-02-30T25:61:00+99:99",
    "9999-12-31T23:59:59.999999999Z",
    "0000-01-01T00:00:00Z",
    "\u{0}",
    "\u{7F}",
    "\u{85}",
    "\u{202E}",
    "\u{FEFF}",
    "é",
    "日本",
    "😀",
    "\u{10FFFF}",
];

/// `INPUTS` strings of one to five pieces, now and then one piece repeated
/// a few thousand times.
fn odd_strings(seed: u64) -> Vec<String> {
    let mut rng = Rng(seed);
    (0..INPUTS)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..1 + rng.below(5) {
                let piece = *rng.pick(PIECES);
                if rng.below(50) == 0 {
                    text.push_str(&piece.repeat(1 + rng.below(5_000)));
                } else {
                    text.push_str(piece);
                }
            }
            text
        })
        .collect()
}

/// The inputs on which `f` panicked, with the panic's message.
fn panics(inputs: &[String], f: impl Fn(&str)) -> Vec<String> {
    inputs
        .iter()
        .filter_map(|input| {
            catch_unwind(AssertUnwindSafe(|| f(input)))
                .err()
                .map(|panic| {
                    let shown: String = input.chars().take(120).collect();
                    format!("{shown:?}: {}", panic_message(&*panic))
                })
        })
        .collect()
}

fn assert_none(what: &str, failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{what} panicked on {} inputs, among them:\n{}",
        failures.len(),
        first_ten(&failures)
    );
}

#[test]
fn attributes_of_any_value_configure_or_warn() {
    let values = odd_strings(1);
    let failures = panics(&values, |value| {
        let pairs: Vec<(&str, &str)> = ATTRIBUTES.iter().map(|name| (*name, value)).collect();
        let (_, warnings) = parse_config(pairs);
        for warning in warnings {
            assert!(
                !warning.problem.is_empty(),
                "a warning without words: {warning}"
            );
        }
    });
    assert_none("parse_config", failures);
}

#[test]
fn service_addresses_of_any_shape_resolve_or_say_why_not() {
    let addresses = odd_strings(2);
    for (name, read) in [
        ("bluesky", sources::bluesky as fn(&str) -> _),
        ("mastodon", sources::mastodon),
        ("hacker_news", sources::hacker_news),
    ] {
        let failures = panics(&addresses, |address| {
            if let Err(why) = read(address) {
                assert!(!why.is_empty(), "no reason given");
            }
        });
        assert_none(name, failures);
    }
}

#[test]
fn time_styles_and_patterns_parse_or_say_why_not() {
    let styles = odd_strings(3);
    assert_none(
        "parse_time_style",
        panics(&styles, |style| {
            if let Err(why) = parse_time_style(style) {
                assert!(!why.to_string().is_empty(), "no reason given");
            }
        }),
    );
    assert_none(
        "parse_pattern",
        panics(&styles, |pattern| {
            if let Err(why) = parse_pattern(pattern) {
                assert!(!why.to_string().is_empty(), "no reason given");
            }
        }),
    );
}

#[test]
fn anything_left_in_storage_decodes_to_choices() {
    let stored = odd_strings(4);
    assert_none(
        "remember::decode",
        panics(&stored, |text| {
            let choices = remember::decode(text);
            let opened: Vec<(&str, bool)> = choices
                .opened
                .iter()
                .map(|(id, open)| (id.as_str(), *open))
                .collect();
            let _ = remember::encode(choices.sort, &opened);
        }),
    );
}

#[test]
fn timestamps_of_any_shape_parse_format_and_label() {
    let texts = odd_strings(5);
    let failures = panics(&texts, |text| {
        let parsed = time::parse_rfc3339(text);
        let number = text.trim().parse::<f64>().ok().and_then(time::from_unix);
        for at in parsed.into_iter().chain(number) {
            let _ = time::to_iso(at);
            for now in [
                at,
                0,
                EpochMillis::from(i32::MAX) * 1000,
                at.saturating_add(1),
            ] {
                let _ = time::choose_label(at, now);
                let _ = time::relative_label(at, now);
            }
        }
    });
    assert_none("time parsing and labels", failures);
    // The extremes that parsing lets through.
    for value in [f64::MAX, f64::MIN, 8.64e15, -8.64e15, 1e11, -1e11, 0.0] {
        if let Some(at) = time::from_unix(value) {
            for now in [at, -at, 0] {
                let _ = time::to_iso(at);
                let _ = time::choose_label(at, now);
                let _ = time::relative_label(at, now);
            }
        }
    }
}

#[test]
fn language_tags_of_any_shape_choose_a_language() {
    let tags = odd_strings(6);
    assert_none(
        "i18n::choose",
        panics(&tags, |tag| {
            let preferred: Vec<&str> = tag.split(',').collect();
            let _ = kibitz::i18n::choose(Some(tag), &preferred);
            let _ = kibitz::i18n::choose(None, &preferred);
        }),
    );
}
