//! The parser against serde_json, the reference: on every fixture, the
//! hostile corpus and a table of malformed documents, both accept the same
//! documents with the same values, and reject the same ones at the same
//! line and column.

use std::borrow::Cow;

use super::parse::MAX_DEPTH;
use super::*;

/// serde_json's value as kibitz's, for comparison: numbers by value.
fn same(ours: &Value<'_>, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as S;
    match (ours, theirs) {
        (Value::Null, S::Null) => true,
        (Value::Bool(a), S::Bool(b)) => a == b,
        (Value::Number(a), S::Number(b)) => Some(number_value(a)) == b.as_f64(),
        (Value::String(a), S::String(b)) => a == b,
        (Value::Array(a), S::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(a), S::Object(b)) => {
            // serde_json keeps the last of a repeated key, as `get` does.
            b.iter()
                .all(|(k, v)| (&ours).get(leak(k)).is_some_and(|o| same(o, v)))
                && a.iter().all(|(k, _)| b.contains_key(k.as_ref()))
        }
        _ => false,
    }
}

fn leak(key: &str) -> &'static str {
    Box::leak(key.to_string().into_boxed_str())
}

/// serde_json's reading of `text`, without its limit of 128 levels.
fn reference(text: &str) -> serde_json::Result<serde_json::Value> {
    let mut reader = serde_json::Deserializer::from_str(text);
    reader.disable_recursion_limit();
    let value = serde::Deserialize::deserialize(&mut reader)?;
    reader.end()?;
    Ok(value)
}

fn agree(text: &str) {
    match (parse(text), reference(text)) {
        (Ok(ours), Ok(theirs)) => assert!(same(&ours, &theirs), "different values for {text:?}"),
        (Err(ours), Err(theirs)) => {
            // serde_json counts columns in bytes, kibitz in characters:
            // they agree where the line is ASCII up to the error.
            let line = text.split('\n').nth(ours.line - 1).unwrap_or("");
            let ascii = line.chars().take(ours.column).all(|c| c.is_ascii());
            let theirs_at = (
                theirs.line(),
                if ascii { theirs.column() } else { ours.column },
            );
            assert_eq!(
                (ours.line, ours.column),
                theirs_at,
                "{text:?}: ours {ours:?}, serde_json {theirs}"
            );
        }
        (ours, theirs) => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

#[test]
fn agrees_on_every_fixture_and_the_hostile_corpus() {
    let mut files = 0;
    for dir in ["tests/fixtures", "tests/e2e/threads", "demo"] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                agree(&std::fs::read_to_string(&path).unwrap());
                files += 1;
            }
        }
    }
    assert!(files >= 15, "read {files} fixtures");
    let corpus: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/fixtures/hostile.json")).unwrap();
    // Every string of the corpus, written as a JSON string and parsed back.
    let mut strings = Vec::new();
    let mut stack = vec![&corpus];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::String(s) => strings.push(s),
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(members) => stack.extend(members.values()),
            _ => {}
        }
    }
    assert!(strings.len() > 300);
    for s in strings {
        agree(&serde_json::to_string(s).unwrap());
        // The raw text too: mostly not JSON, rejected at the same place.
        agree(s);
    }
}

macro_rules! agree {
    ($($name:ident: $text:expr;)*) => {$(
        #[test]
        fn $name() {
            agree($text);
        }
    )*};
}

agree! {
    empty: "";
    spaces_only: " \n\t ";
    scalars: "[null, true, false, 0, -0, 1.5, -2e-3, 4E+2, \"\"]";
    escapes: r#"["\"\\\/\b\f\n\r\t", "\u00e9\u4e2d\ud83d\ude00", "a\u0000b"]"#;
    nested_objects: r#"{"a": {"b": {"c": [[], {}, [{}]]}}, "a": 2}"#;
    trailing_comma_array: "[1, 2,]";
    trailing_comma_object: "{\"a\": 1,\n }";
    double_comma: "{\n  \"comments\": [\n    {\"id\": 1,, }\n  ]\n}";
    missing_colon: "{\"a\" 1}";
    key_not_string: "{a: 1}";
    unclosed_array: "[1, 2";
    unclosed_object: "{\"a\": 1";
    unclosed_string: "[\"abc";
    bad_escape: r#"["\x"]"#;
    bad_unicode: r#"["\u12G4"]"#;
    control_in_string: "[\"a\tb\"]";
    leading_zero: "[01]";
    bare_minus: "[-]";
    dot_without_digits: "[1.]";
    exponent_without_digits: "[1e+]";
    bad_word: "[tru]";
    nul_word: "[nul";
    trailing_text: "{} x";
    html: "<!doctype html><p>Not found</p>";
    second_line_error: "[1,\n 2,\n x]";
    multibyte_before_error: "[\"ünïcödé\", x]";
    bom: "\u{feff}[]";
}

#[test]
fn nesting_deeper_than_the_limit_is_an_error() {
    let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
    assert_eq!(
        parse(&deep).unwrap_err().message,
        "recursion limit exceeded"
    );
    let open = "[".repeat(MAX_DEPTH + 1);
    assert_eq!(
        parse(&open).unwrap_err().message,
        "recursion limit exceeded"
    );
}

/// Runs `work` on a thread with a small stack: anything in it that
/// recursed once per level of a deep document would overflow it.
fn on_a_small_stack(work: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(work)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn nesting_to_the_limit_is_read_and_dropped_without_recursion() {
    let arrays = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    let objects = r#"{"a":"#.repeat(MAX_DEPTH - 1) + "[1]" + &"}".repeat(MAX_DEPTH - 1);
    on_a_small_stack(move || {
        assert!(parse(&arrays).is_ok());
        let value = parse(&objects).unwrap();
        let mut depth = 1;
        let mut at = &value;
        while let Value::Object(members) = at {
            at = &members[0].1;
            depth += 1;
        }
        assert_eq!(at, &Value::Array(vec![Value::Number("1")]));
        assert_eq!(depth, MAX_DEPTH);
        // Dropped here, with the thread's small stack.
    });
}

#[test]
fn messages_elide_deep_containers() {
    on_a_small_stack(|| {
        let text = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        let deep = parse(&text).unwrap();
        assert_eq!((&deep).to_json(), "[".repeat(8) + "[…]" + &"]".repeat(8));
        let shallow = parse(r#"[[{"a":[1,{"b":[]}]}]]"#).unwrap();
        assert_eq!((&shallow).to_json(), r#"[[{"a":[1,{"b":[]}]}]]"#);
    });
}

#[test]
fn columns_count_characters() {
    let error = parse("[\"ünïcödé\", x]").unwrap_err();
    assert_eq!(
        (error.line, error.column, error.message),
        (1, 13, "expected value")
    );
}

#[test]
fn lone_surrogates_read_as_replacement_characters() {
    let value = parse(r#"["\ud800x", "\udc00", "\ud83d\ude00"]"#).unwrap();
    assert_eq!(
        value,
        Value::Array(vec![
            Value::String("\u{FFFD}x".into()),
            Value::String("\u{FFFD}".into()),
            Value::String("😀".into()),
        ])
    );
}

#[test]
fn strings_without_escapes_borrow_from_the_document() {
    let text = r#"{"body": "plain", "other": "esc\"aped"}"#;
    let document = parse(text).unwrap();
    let Value::Object(members) = &document else {
        panic!()
    };
    assert!(matches!(
        members[0].1,
        Value::String(Cow::Borrowed("plain"))
    ));
    assert!(matches!(&members[1].1, Value::String(Cow::Owned(s)) if s == "esc\"aped"));
}

#[test]
fn values_read_through_json() {
    let value =
        parse(r#"{"b": [1, 2.5, "x", null, true], "a": {"k": 42}, "n": 12345678901234567890}"#)
            .unwrap();
    let doc = &value;
    assert_eq!(doc.kind(), Kind::Object);
    assert_eq!(doc.keys(), ["b", "a", "n"]);
    let items = doc.items_at("b");
    let kinds: Vec<Kind> = items.iter().map(Json::kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Number,
            Kind::Number,
            Kind::String,
            Kind::Null,
            Kind::Bool
        ]
    );
    assert!(items[0].is_integer() && !items[1].is_integer());
    assert_eq!(items[1].number_text().as_deref(), Some("2.5"));
    assert_eq!(doc.get("a").and_then(|a| a.f64_at("k")), Some(42.0));
    // Ids keep every digit, as written.
    assert_eq!(
        doc.get("n").and_then(|n| n.number_text()).as_deref(),
        Some("12345678901234567890")
    );
    assert!(doc.get("missing").is_none() && items[3].is_null());
    assert_eq!(
        doc.get("a").map(|a| a.to_json()).as_deref(),
        Some(r#"{"k":42}"#)
    );
    let odd = parse(r#"["q\"\\\n\u0001é"]"#).unwrap();
    assert_eq!((&odd).to_json(), r#"["q\"\\\n\u0001é"]"#);
}

#[test]
fn numbers_read_as_the_standard_parser_reads_them() {
    for text in [
        "0",
        "-0",
        "7",
        "42",
        "1548088020",
        "1548088020123",
        "9007199254740993",
        "0.5",
        "0.1",
        "2.5e-3",
        "-12.75",
        "1e22",
        "1E-7",
        "123456789012345678",
        "4.0",
        "99.99",
        "3.14159",
    ] {
        assert_eq!(number_value(text), text.parse::<f64>().unwrap(), "{text}");
    }
    // Beyond the exact range: within a relative 1e-15.
    for text in [
        "1e300",
        "1.7976931348623157e308",
        "5e-324",
        "123456789012345678901234567890",
    ] {
        let (ours, exact) = (number_value(text), text.parse::<f64>().unwrap());
        assert!(
            ((ours - exact) / exact).abs() < 1e-15 || ours == exact,
            "{text}: {ours} vs {exact}"
        );
    }
}

#[test]
fn a_quote_backslash_or_control_character_ends_a_string_at_any_offset() {
    // The string scan reads eight bytes at a time: every stop must be found
    // whatever its place in a word, after multi-byte characters too, and
    // never a byte early (0x20 and bytes above 0x7f are plain).
    for filler in ["a", "é", " ", "\u{7f}", "ü€"] {
        for length in 0..20 {
            let plain = filler.repeat(length);
            assert_eq!(
                parse(&format!("\"{plain}\"")).unwrap(),
                Value::String(Cow::Borrowed(&plain)),
                "{length} × {filler:?}"
            );
            assert_eq!(
                parse(&format!("\"{plain}\\n{plain}\"")).unwrap(),
                Value::String(Cow::Owned(format!("{plain}\n{plain}"))),
                "escape after {length} × {filler:?}"
            );
            let error = parse(&format!("\"{plain}\u{1}{plain}\"")).unwrap_err();
            assert_eq!(
                error.column,
                2 + plain.chars().count(),
                "control after {length} × {filler:?}"
            );
            agree(&format!("\"{plain}\\\"{plain}\\\\{plain}\u{1f}\""));
        }
    }
}
