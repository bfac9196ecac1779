//! Tree building: formats, repairs, numbering, and deep threads.

use super::*;
use crate::model::RawId;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(text: &str) -> Thread {
    parse_thread(text).unwrap_or_else(|e| panic!("{e}"))
}

fn by_id<'a>(thread: &'a Thread, id: &str) -> &'a CommentNode {
    thread
        .comments
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no comment {id}"))
}

fn ids(thread: &Thread, indexes: &[usize]) -> Vec<String> {
    indexes
        .iter()
        .map(|&i| thread.comments[i].id.clone())
        .collect()
}

#[test]
fn flat_comments_in_any_order_are_linked_and_numbered_chronologically() {
    let thread = parse(&fixture("flat-out-of-order.json"));
    assert_eq!(thread.count(), 4);
    assert_eq!(ids(&thread, &thread.roots), ["c1", "2"]);
    let c1 = by_id(&thread, "c1");
    assert_eq!(ids(&thread, &c1.children), ["c3"]);
    assert_eq!(ids(&thread, &by_id(&thread, "c3").children), ["c4"]);
    let numbers: Vec<(String, u32)> = thread
        .comments
        .iter()
        .map(|c| (c.id.clone(), c.number))
        .collect();
    assert_eq!(
        numbers,
        [
            ("c3".into(), 3),
            ("c1".into(), 1),
            ("2".into(), 2),
            ("c4".into(), 4)
        ]
    );
    assert_eq!(by_id(&thread, "c4").depth, 3);
    assert_eq!(c1.descendants, 2);
    assert_eq!(thread.meta.title.as_deref(), Some("A post"));
    assert_eq!(c1.author.url.as_deref(), Some("https://ada.test"));
    assert_eq!(
        c1.author.avatar.as_deref(),
        Some("https://img.test/ada.png")
    );
    assert_eq!(thread.report, NormalizeReport::default());
}

#[test]
fn a_repeated_field_reads_as_its_last_occurrence_even_when_that_is_null() {
    // As JSON.parse and serde_json read it: the last one wins.
    let thread = parse(
        r#"[{"id": "a", "author": "Ada", "body": "first", "body": "second", "score": 3, "score": null},
            {"id": "b", "author": "Bo", "body": "x", "parent": "zz", "parent": "a",
             "replies": [{"id": "c", "author": "Cy", "body": "y"}], "replies": null}]"#,
    );
    assert_eq!(by_id(&thread, "a").body, "second");
    assert_eq!(by_id(&thread, "a").score, None);
    let a = thread.comments.iter().position(|c| c.id == "a");
    assert_eq!(by_id(&thread, "b").parent, a);
    assert!(thread.comments.iter().all(|c| c.id != "c"));
    assert_eq!(thread.count(), 2);
}

#[test]
fn unix_seconds_and_milliseconds_are_both_read() {
    let thread = parse(&fixture("flat-out-of-order.json"));
    assert_eq!(by_id(&thread, "2").created, Some(1_704_106_800_000));
    assert_eq!(by_id(&thread, "c4").created, Some(1_704_114_000_000));
}

#[test]
fn bare_array_is_a_thread() {
    let thread = parse(r#"[{"id": 1, "author": "Ada", "body": "Hi"}]"#);
    assert_eq!(thread.count(), 1);
    assert_eq!(thread.meta, ThreadMeta::default());
}

#[test]
fn nested_replies_are_flattened_under_their_parent() {
    let thread = parse(
        r#"{"comments": [{"id": "a", "author": "Ada", "body": "1",
              "replies": [{"id": "b", "author": "Bo", "body": "2",
                  "replies": [{"id": "c", "author": "Cy", "body": "3"}]},
                {"id": "d", "author": "Di", "body": "4"}]}]}"#,
    );
    assert_eq!(ids(&thread, &thread.roots), ["a"]);
    assert_eq!(ids(&thread, &by_id(&thread, "a").children), ["b", "d"]);
    assert_eq!(by_id(&thread, "c").depth, 3);
    assert_eq!(by_id(&thread, "a").descendants, 3);
}

#[test]
fn numeric_and_string_ids_name_the_same_comment() {
    let thread = parse(
        r#"[{"id": 7, "author": "A", "body": "x"}, {"id": "8", "parent": "7", "author": "B", "body": "y"}]"#,
    );
    assert_eq!(thread.roots.len(), 1);
    assert_eq!(ids(&thread, &by_id(&thread, "7").children), ["8"]);
}

#[test]
fn reply_to_missing_parent_goes_to_top_level_marked() {
    let thread = parse(
        r#"[{"id": 1, "author": "A", "body": "x"}, {"id": 2, "parent": 99, "author": "B", "body": "y"}]"#,
    );
    assert_eq!(ids(&thread, &thread.roots), ["1", "2"]);
    assert_eq!(by_id(&thread, "2").detached, Some(Detached::MissingParent));
    assert_eq!(thread.report.missing_parents, 1);
}

#[test]
fn cycle_is_cut_at_its_first_comment_and_nothing_is_lost() {
    let thread = parse(
        r#"[{"id": "a", "parent": "c", "author": "A", "body": "x"},
            {"id": "b", "parent": "a", "author": "B", "body": "y"},
            {"id": "c", "parent": "b", "author": "C", "body": "z"},
            {"id": "d", "author": "D", "body": "w"}]"#,
    );
    assert_eq!(thread.count(), 4);
    assert_eq!(ids(&thread, &thread.roots), ["a", "d"]);
    assert_eq!(by_id(&thread, "a").detached, Some(Detached::Cycle));
    assert_eq!(by_id(&thread, "c").depth, 3);
    assert_eq!(thread.report.cycles_broken, 1);
}

#[test]
fn self_parent_is_a_cycle() {
    let thread = parse(r#"[{"id": 1, "parent": 1, "author": "A", "body": "x"}]"#);
    assert_eq!(thread.roots.len(), 1);
    assert_eq!(thread.report.cycles_broken, 1);
}

#[test]
fn duplicate_id_keeps_the_first_and_is_counted() {
    let thread = parse(
        r#"[{"id": 1, "author": "First", "body": "x"}, {"id": "1", "author": "Second", "body": "y"}]"#,
    );
    assert_eq!(thread.count(), 1);
    assert_eq!(thread.comments[0].author.name, "First");
    assert_eq!(thread.report.duplicates, 1);
}

#[test]
fn deleted_comment_keeps_its_replies_and_needs_no_author_or_body() {
    let thread = parse(
        r#"[{"id": 1, "deleted": true}, {"id": 2, "parent": 1, "author": "B", "body": "y"}]"#,
    );
    let deleted = by_id(&thread, "1");
    assert_eq!(deleted.removed, Some(crate::model::Removed::Deleted));
    assert!(deleted.body.is_empty());
    assert_eq!(ids(&thread, &deleted.children), ["2"]);
}

#[test]
fn deleted_comment_drops_its_body_text() {
    let thread = parse(r#"[{"id": 1, "author": "A", "body": "secret", "deleted": true}]"#);
    assert!(thread.comments[0].body.is_empty());
}

#[test]
fn one_bad_comment_never_sinks_the_thread() {
    let thread = parse(
        r#"[{"id": 1, "author": "A", "body": "ok"},
            "not an object",
            {"author": "No id", "body": "x"},
            {"id": 3, "body": "no author"},
            {"id": 4, "author": "No body"},
            {"id": 5, "author": "A", "body": ["wrong", "type"]},
            {"id": 6, "author": "Fine", "body": "ok"}]"#,
    );
    assert_eq!(ids(&thread, &thread.roots), ["1", "6"]);
    assert_eq!(
        thread.report.skipped.len(),
        5,
        "{:?}",
        thread.report.skipped
    );
    assert!(thread.report.skipped[0].contains("comment 2 is a string"));
    assert!(thread.report.skipped[2].contains("comment 4 (id 3) has no author name"));
}

#[test]
fn a_thread_none_of_whose_comments_can_be_read_is_an_error_not_an_empty_thread() {
    let none = parse_thread(
        r#"{"version": 1, "comments": [{"id": "a", "author": "A", "text": "x"},
                                        {"id": "b", "author": "B", "text": "y"}]}"#,
    );
    assert_eq!(
        none,
        Err(ThreadError::Shape(
            "none of its 2 comments could be read (the first: comment 1 (id \"a\") has no `body`)"
                .into()
        ))
    );
    let one = parse_thread(r#"[{"id": 1, "name": "A", "body": "x"}]"#);
    assert_eq!(
        one,
        Err(ThreadError::Shape(
            "its one comment could not be read (comment 1 (id 1) has no author name)".into()
        ))
    );
    // Also for a service: every Bluesky reply unreadable.
    let bluesky = parse_thread(
        r#"{"thread": {"post": {"uri": "at://x/app.bsky.feed.post/1"}, "replies": [1, 2]}}"#,
    );
    assert!(
        matches!(&bluesky, Err(ThreadError::Shape(m)) if m.starts_with("none of its 2 comments")),
        "{bluesky:?}"
    );
    // A thread with no comments at all is just empty.
    assert_eq!(parse(r#"{"version": 1, "comments": []}"#).count(), 0);
}

#[test]
fn console_lines_name_ten_unreadable_comments_then_count_the_rest() {
    let comments: Vec<String> = (1..=25)
        .map(|i| format!(r#"{{"id": {i}, "author": "A", "text": "x"}}"#))
        .chain([r#"{"id": 26, "author": "A", "body": "read", "parent": 99}"#.to_string()])
        .collect();
    let thread = parse(&format!("[{}]", comments.join(",")));
    assert_eq!(thread.count(), 1);
    let lines = thread.report.console_lines();
    assert_eq!(lines.len(), NormalizeReport::SKIPPED_LINES + 2, "{lines:?}");
    assert_eq!(lines[0], "comment 1 (id 1) has no `body`");
    assert_eq!(lines[9], "comment 10 (id 10) has no `body`");
    assert_eq!(lines[10], "and 15 more comments could not be read");
    assert_eq!(
        lines[11],
        "1 reply answers a comment that is not in the thread"
    );
}

#[test]
fn console_lines_count_one_repair_in_the_singular_and_more_in_the_plural() {
    let line = |json: &str| parse(json).report.console_lines();
    assert_eq!(
        line(
            r#"[{"id": 1, "author": "A", "body": "x"}, {"id": 1, "author": "B", "body": "y"},
                 {"id": 2, "author": "A", "body": "x", "parent": 2},
                 {"id": 3, "author": "A", "body": "x", "parent": 9}]"#
        ),
        [
            "1 comment with a repeated id was dropped",
            "1 reply loop was cut",
            "1 reply answers a comment that is not in the thread",
        ]
    );
    assert_eq!(
        line(
            r#"[{"id": 1, "author": "A", "body": "x"}, {"id": 1, "author": "B", "body": "y"},
                 {"id": 1, "author": "C", "body": "z"},
                 {"id": 2, "author": "A", "body": "x", "parent": 2},
                 {"id": 3, "author": "A", "body": "x", "parent": 3},
                 {"id": 4, "author": "A", "body": "x", "parent": 9},
                 {"id": 5, "author": "A", "body": "x", "parent": 8}]"#
        ),
        [
            "2 comments with a repeated id were dropped",
            "2 reply loops were cut",
            "2 replies answer comments that are not in the thread",
        ]
    );
    let eleven: Vec<String> = (1..=11)
        .map(|i| format!(r#"{{"id": {i}, "author": "A"}}"#))
        .chain([r#"{"id": 12, "author": "A", "body": "read"}"#.to_string()])
        .collect();
    let lines = line(&format!("[{}]", eleven.join(",")));
    assert_eq!(
        lines.last().unwrap(),
        "and 1 more comment could not be read"
    );
}

#[test]
fn replies_of_an_unreadable_comment_are_kept_as_orphans() {
    let thread = parse(r#"[{"id": 1, "replies": [{"id": 2, "author": "B", "body": "kept"}]}]"#);
    assert_eq!(ids(&thread, &thread.roots), ["2"]);
    assert_eq!(thread.comments[0].detached, Some(Detached::MissingParent));
}

#[test]
fn invalid_dates_are_undated_and_numbered_last() {
    let thread = parse(
        r#"[{"id": "x", "author": "A", "body": "1", "created": "last week"},
            {"id": "y", "author": "B", "body": "2", "created": "2020-01-01T00:00:00Z"}]"#,
    );
    assert_eq!(by_id(&thread, "x").created, None);
    assert_eq!(by_id(&thread, "x").number, 2);
    assert_eq!(by_id(&thread, "y").number, 1);
    assert_eq!(thread.report.undated, 1);
    assert_eq!(
        thread.report.console_lines(),
        [
            r#"comment 1 (id "x"): `created` is "last week", not a time kibitz reads, so it shows "date unknown": write RFC 3339 with a zone, or Unix seconds"#
        ]
    );
}

#[test]
fn unreadable_dates_are_counted_in_one_console_line_and_missing_ones_not_at_all() {
    let thread = parse(
        r#"[{"id": 1, "author": "A", "body": "x", "created": "05/12/2024"},
            {"id": 2, "author": "A", "body": "x", "created": true},
            {"id": 3, "author": "A", "body": "x", "created": 1e300},
            {"id": 4, "author": "A", "body": "x"}]"#,
    );
    assert_eq!(thread.report.undated, 4);
    assert_eq!(
        thread.report.console_lines(),
        [
            r#"3 comments have a `created` that is not a time kibitz reads, so they show "date unknown" (the first: comment 1 (id 1): `created` is "05/12/2024"): write RFC 3339 with a zone, or Unix seconds"#
        ]
    );
    let other = parse(r#"[{"id": 2, "author": "A", "body": "x", "created": true}]"#);
    assert!(other.report.console_lines()[0]
        .starts_with("comment 1 (id 2): `created` is neither text nor a number, not a time"));
    let missing = parse(r#"[{"id": 1, "author": "A", "body": "x"}]"#);
    assert_eq!(missing.report.console_lines(), Vec::<String>::new());
}

#[test]
fn unsafe_author_urls_are_dropped() {
    let thread = parse(
        r#"[{"id": 1, "author": {"name": "A", "url": "javascript:alert(1)", "avatar": "http://img.test/a.png"}, "body": "x"}]"#,
    );
    assert_eq!(thread.comments[0].author.url, None);
    assert_eq!(thread.comments[0].author.avatar, None);
}

#[test]
fn newer_version_is_read_with_a_note() {
    let thread = parse(r#"{"version": 2, "comments": []}"#);
    assert_eq!(thread.report.notes.len(), 1);
}

macro_rules! shape_error {
    ($($name:ident: $text:expr => $needle:expr;)*) => {$(
        #[test]
        fn $name() {
            match parse_thread($text) {
                Err(ThreadError::Shape(message)) => {
                    assert!(message.contains($needle), "{message:?} lacks {:?}", $needle)
                }
                other => panic!("expected a shape error, got {other:?}"),
            }
        }
    )*};
}

shape_error! {
    object_without_comments: r#"{"posts": [], "title": "x"}"# => "found an object with keys posts, title";
    comments_not_an_array: r#"{"comments": {"a": 1}}"# => "`comments` should be an array, but is an object";
    string_document: r#""hello""# => "found a string";
    null_document: "null" => "found null";
    bad_version: r#"{"version": "one", "comments": []}"# => "`version` should be 1";
    bad_thread_meta: r#"{"thread": "x", "comments": []}"# => "`thread` is malformed";
    thread_meta_of_a_wrong_type: r#"{"thread": 1.5, "comments": []}"# =>
        "`thread` is malformed: invalid type: floating point `1.5`, expected struct ThreadMeta";
    thread_id_of_a_wrong_type: r#"{"thread": {"id": true}, "comments": []}"# =>
        "`thread` is malformed: data did not match any variant of untagged enum RawId";
    thread_title_of_a_wrong_type: r#"{"thread": {"id": 1.5, "title": 5}, "comments": []}"# =>
        "`thread` is malformed: invalid type: integer `5`, expected a string";
    thread_meta_array_too_long: r#"{"thread": ["a", "t", "u", "x"], "comments": []}"# =>
        "`thread` is malformed: invalid length 4, expected fewer elements in array";
    bad_version_is_shown_as_json: r#"{"version": ["1", {"b": null}], "comments": []}"# =>
        r#"`version` should be 1, but is ["1",{"b":null}]"#;
}

#[test]
fn thread_meta_may_be_an_array_of_its_fields() {
    let thread = parse(r#"{"thread": [42, "T"], "comments": []}"#);
    assert_eq!(thread.meta.id.map(RawId::into_text).as_deref(), Some("42"));
    assert_eq!(thread.meta.title.as_deref(), Some("T"));
    assert_eq!(thread.meta.url, None);
}

#[test]
fn fields_of_a_wrong_type_are_named_in_serde_words_first_key_first() {
    let thread = parse(
        r#"[{"id": 1, "author": {"name": "A", "url": 5}, "body": "x", "deleted": 1},
            {"id": "b", "author": "A", "body": "x", "score": "5", "deleted": "yes"},
            {"id": 3, "author": "A", "body": "x", "score": "5", "format": 1.5},
            {"id": 4, "author": "A", "body": "x", "score": [1], "created": true},
            {"author": "A", "body": "x", "format": "ok", "score": {"n": 1}},
            {"id": 6, "author": "A", "body": "x", "title": 5, "score": null, "deleted": null}]"#,
    );
    assert_eq!(
        thread.report.skipped,
        [
            "comment 1 (id 1) is malformed: data did not match any variant of untagged enum RawAuthor",
            "comment 2 (id \"b\") is malformed: invalid type: string \"yes\", expected a boolean",
            "comment 3 (id 3) is malformed: invalid type: floating point `1.5`, expected a string",
            "comment 5 has no `id`",
        ]
    );
    // A score of the wrong type is no score: the comment stays.
    assert_eq!(
        ids(&thread, &thread.roots),
        ["4", "6"],
        "unknown fields, nulls and unreadable scores are fine"
    );
    assert!(thread.comments.iter().all(|c| c.score.is_none()));
}

#[test]
fn a_score_written_as_a_string_is_read_as_its_number() {
    let thread = parse(
        r#"[{"id": 1, "author": "A", "body": "x", "score": "7"},
            {"id": 2, "author": "A", "body": "x", "score": " 2.5 "},
            {"id": 3, "author": "A", "body": "x", "score": "many"}]"#,
    );
    let scores: Vec<Option<f64>> = thread.comments.iter().map(|c| c.score).collect();
    assert_eq!(scores, [Some(7.0), Some(2.5), None]);
    assert!(thread.report.skipped.is_empty());
}

#[test]
fn unknown_format_is_noted_in_lower_case() {
    let thread = parse(
        r#"[{"id": 7, "author": "A", "body": "x", "format": "RST"}, {"id": 8, "author": "B", "body": "y", "format": "MarkDown"}]"#,
    );
    assert_eq!(
        thread.report.notes,
        ["comment 1 (id 7) has format \"rst\", shown as plain text"]
    );
    assert_eq!(by_id(&thread, "8").format, BodyFormat::Markdown);
}

#[test]
fn syntax_error_reports_line_and_column() {
    match parse_thread("{\n  \"comments\": [\n    {\"id\": 1,, }\n  ]\n}") {
        Err(ThreadError::Syntax {
            line,
            column,
            message,
        }) => {
            assert_eq!((line, column), (3, 14));
            assert!(!message.contains(" at line "), "{message}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn html_instead_of_json_is_a_syntax_error_that_says_so() {
    for page in ["<!doctype html><p>Not found</p>", "\n  <html lang=\"en\">"] {
        match parse_thread(page) {
            Err(ThreadError::Syntax { line, message, .. }) => {
                assert!(line <= 2);
                assert_eq!(
                    message,
                    "the answer is an HTML page, not JSON: check that the URL names the thread's JSON file"
                );
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }
    // An empty answer says so, at column 1 (the parser's end of text is
    // after the last character: column 0 of an empty line).
    for empty in ["", "  \n", "\u{feff}"] {
        assert_eq!(
            parse_thread(empty).unwrap_err().to_string(),
            "invalid JSON at line 1, column 1: the answer is empty: check that the file was written, or that the URL names it"
                .replace("line 1", &format!("line {}", 1 + empty.matches('\n').count())),
            "{empty:?}"
        );
    }
    assert!(matches!(
        parse_thread("{\"comments\": [\n"),
        Err(ThreadError::Syntax {
            line: 2,
            column: 1,
            ..
        })
    ));
    // Other malformed text keeps the parser's own words.
    assert!(matches!(
        parse_thread("nope"),
        Err(ThreadError::Syntax { message, .. }) if message == "expected ident"
    ));
}

/// A thread of `depth` comments, each nested in the `replies` of the one
/// before: two JSON levels a comment.
fn nested_chain(depth: usize) -> String {
    let mut text = String::new();
    for i in 0..depth {
        text.push_str(&format!(
            r#"[{{"id": {i}, "author": "A", "body": "x", "replies": "#
        ));
    }
    text.push_str("[]");
    for _ in 0..depth {
        text.push_str("}]");
    }
    text
}

#[test]
fn deep_nesting_reads_every_comment_without_recursion() {
    // Past serde_json's 128 levels, which once failed such a thread whole.
    let depth = 1_000;
    let text = nested_chain(depth);
    std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || {
            let thread = parse(&text);
            assert_eq!(thread.count(), depth);
            for (i, comment) in thread.comments.iter().enumerate() {
                assert_eq!(comment.id, i.to_string());
                assert_eq!(comment.parent, i.checked_sub(1));
                assert_eq!(comment.depth as usize, i + 1);
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn too_deep_nesting_is_a_clear_error_not_a_crash() {
    let text = nested_chain(crate::json::parse::MAX_DEPTH / 2 + 1);
    match parse_thread(&text) {
        Err(ThreadError::Syntax { message, .. }) => {
            assert!(message.contains("nested too deeply"), "{message}")
        }
        other => panic!("expected a depth error, got {:?}", other.map(|t| t.count())),
    }
}

fn chain(n: usize) -> String {
    let mut text = String::from("[");
    for i in 0..n {
        if i > 0 {
            text.push_str(&format!(
                r#",{{"id":{i},"parent":{},"author":"A","body":"x"}}"#,
                i - 1
            ));
        } else {
            text.push_str(r#"{"id":0,"author":"A","body":"x"}"#);
        }
    }
    text.push(']');
    text
}

#[test]
fn chain_of_100000_replies_builds_without_recursion() {
    let thread = parse(&chain(100_000));
    assert_eq!(thread.roots.len(), 1);
    assert_eq!(thread.comments[thread.roots[0]].descendants, 99_999);
    assert_eq!(thread.comments[99_999].depth, 100_000);
    assert_eq!(thread.descendants_preorder(0).len(), 99_999);
}

#[test]
fn chain_listed_backwards_builds_too() {
    let mut text = String::from("[");
    for i in (0..1000).rev() {
        let parent = if i > 0 {
            format!(r#","parent":{}"#, i - 1)
        } else {
            String::new()
        };
        text.push_str(&format!(r#"{{"id":{i}{parent},"author":"A","body":"x"}}"#));
        text.push(if i > 0 { ',' } else { ']' });
    }
    let thread = parse(&text);
    assert_eq!(ids(&thread, &thread.roots), ["0"]);
    assert_eq!(thread.comments.iter().map(|c| c.depth).max(), Some(1000));
}

#[test]
fn preorder_lists_subtrees_contiguously_oldest_first() {
    let thread = parse(
        r#"[{"id": "r", "author": "A", "body": "x", "created": 1},
            {"id": "b", "parent": "r", "author": "A", "body": "x", "created": 3},
            {"id": "a", "parent": "r", "author": "A", "body": "x", "created": 2},
            {"id": "a1", "parent": "a", "author": "A", "body": "x", "created": 4}]"#,
    );
    let root = thread.roots[0];
    assert_eq!(
        ids(&thread, &thread.descendants_preorder(root)),
        ["a", "a1", "b"]
    );
}

#[test]
fn hidden_counts_cover_collapsed_subtrees() {
    use crate::model::hidden_counts;
    // Positions: 0 (2 below), 1 (1 below), 2, 3.
    let descendants = [2, 1, 0, 0];
    assert_eq!(hidden_counts(&descendants, &[false; 4]), [0, 0, 0, 0]);
    assert_eq!(
        hidden_counts(&descendants, &[true, false, false, false]),
        [0, 1, 1, 0]
    );
    assert_eq!(
        hidden_counts(&descendants, &[true, true, false, false]),
        [0, 1, 2, 0]
    );
    assert_eq!(
        hidden_counts(&descendants, &[false, false, true, true]),
        [0, 0, 0, 0]
    );
}

#[test]
fn wrong_typed_date_is_undated_not_skipped() {
    let thread =
        parse(r#"[{"id": 1, "author": "A", "body": "x", "created": true, "edited": {"at": 1}}]"#);
    assert_eq!(thread.count(), 1);
    assert_eq!(thread.comments[0].created, None);
}

#[test]
fn skip_messages_name_the_field_in_plain_words() {
    // With one readable comment: a thread of none is an error of its own.
    let thread = parse(
        r#"[{"id": [1], "author": "A", "body": "x"}, {"id": 2, "author": 5, "body": "x"},
            {"id": 3, "author": "C", "body": "readable"}]"#,
    );
    assert_eq!(
        thread.report.skipped,
        [
            "comment 1: `id` must be a string or a number",
            "comment 2 (id 2): `author` must be a name or an object with a `name`"
        ]
    );
}

#[test]
fn replies_that_are_not_an_array_are_reported() {
    let thread = parse(r#"[{"id": 1, "author": "A", "body": "x", "replies": {"id": 2}}]"#);
    assert_eq!(thread.count(), 1);
    assert!(
        thread.report.notes[0].contains("`replies` should be an array"),
        "{:?}",
        thread.report.notes
    );
}

#[test]
fn null_thread_meta_is_absent() {
    assert!(parse_thread(r#"{"thread": null, "comments": []}"#).is_ok());
}

#[test]
fn replies_of_an_unreadable_comment_use_their_own_parent() {
    let thread = parse(
        r#"[{"id": "a", "author": "A", "body": "x"},
            {"id": "bad", "replies": [{"id": "c", "parent": "a", "author": "C", "body": "y"}]}]"#,
    );
    assert_eq!(ids(&thread, &by_id(&thread, "a").children), ["c"]);
}

#[test]
fn leading_at_name_links_to_the_latest_earlier_comment_by_that_author() {
    let thread = parse(
        r#"[{"id": "a", "author": "Sid Finster", "body": "first", "created": 1},
            {"id": "b", "author": "Sid Finster", "body": "second", "created": 2},
            {"id": "c", "author": "Ada", "body": "@Sid Finster: agreed", "created": 3},
            {"id": "d", "author": "Bo", "body": "@sid finster, no", "created": 4, "format": "markdown"},
            {"id": "e", "author": "Cy", "body": "@Nobody hello", "created": 5},
            {"id": "f", "author": "Di", "body": "@Ada", "created": 6, "format": "html"},
            {"id": "g", "author": "Eve", "body": "@Zed too early", "created": 7},
            {"id": "h", "author": "Zed", "body": "late", "created": 8}]"#,
    );
    let b = thread.comments.iter().position(|c| c.id == "b").unwrap();
    assert_eq!(by_id(&thread, "c").mention, Some(("@Sid Finster".len(), b)));
    assert_eq!(by_id(&thread, "d").mention, Some(("@sid finster".len(), b)));
    assert_eq!(by_id(&thread, "e").mention, None);
    assert_eq!(
        by_id(&thread, "f").mention,
        None,
        "html bodies are left alone"
    );
    assert_eq!(
        by_id(&thread, "g").mention,
        None,
        "only earlier comments count"
    );
}
