use super::*;
use crate::config::SortOrder;
use crate::i18n::{lookup, Category, Words};
use crate::normalize::parse_thread;

/// English with ASCII digits and the one/other rule.
struct English;

impl Speak for English {
    fn words(&self) -> &'static Words {
        lookup("en").expect("English is built in")
    }
    fn number(&self, n: usize) -> String {
        n.to_string()
    }
    fn category(&self, n: usize) -> Category {
        if n == 1 {
            Category::One
        } else {
            Category::Other
        }
    }
}

/// Dates as their ISO text; nothing is relative.
struct Iso;

impl Dates for Iso {
    fn label(&self, at: Option<EpochMillis>) -> TimeText {
        let iso = at.map(crate::time::to_iso).unwrap_or_default();
        TimeText {
            text: if iso.is_empty() {
                "date unknown".into()
            } else {
                iso.clone()
            },
            iso,
        }
    }
    fn changes(&self, _: Option<EpochMillis>) -> bool {
        false
    }
}

/// English words and ISO dates, for tests elsewhere in the crate too.
pub(crate) const SAY: Say = Say {
    speak: &English,
    dates: &Iso,
};

fn options() -> RenderOptions {
    RenderOptions {
        max_depth: 6,
        collapse_depth: None,
        avatars: false,
        page_size: Some(30),
        sort: SortOrder::Oldest,
    }
}

fn view_of(json: &str, options: RenderOptions) -> ThreadView {
    let thread = parse_thread(json).expect("a valid thread");
    ThreadView::new(
        Arc::new(thread),
        options,
        "kibitz-1".into(),
        "kibitz-t".into(),
    )
}

/// The first page of `json` with authors' pictures on.
fn page_with_avatars(json: &str) -> String {
    let mut view = view_of(
        json,
        RenderOptions {
            avatars: true,
            ..options()
        },
    );
    page(&mut view)
}

fn page(view: &mut ThreadView) -> String {
    let mut html = String::new();
    while view.page_pending() {
        for (place, part) in view.render_page_slice(usize::MAX, &SAY) {
            assert_eq!(
                place,
                Place::List,
                "an unlimited slice leaves nothing unfinished"
            );
            html.push_str(&part);
        }
    }
    html
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// `n` top-level comments, each with one reply.
fn pairs(n: usize) -> String {
    let comments: Vec<String> = (1..=n)
        .flat_map(|k| {
            [
                format!(r#"{{"id":"a{k}","author":"A{k}","body":"top {k}"}}"#),
                format!(r#"{{"id":"b{k}","parent":"a{k}","author":"B{k}","body":"reply {k}"}}"#),
            ]
        })
        .collect();
    format!("[{}]", comments.join(","))
}

fn chain(n: usize) -> String {
    let comments: Vec<String> = (1..=n)
        .map(|k| {
            let parent = if k > 1 {
                format!(r#","parent":{}"#, k - 1)
            } else {
                String::new()
            };
            format!(r#"{{"id":{k}{parent},"author":"P{k}","body":"link {k}"}}"#)
        })
        .collect();
    format!("[{}]", comments.join(","))
}

#[test]
fn nests_replies_with_ids_labels_and_numbers() {
    let mut view = view_of(&pairs(1), options());
    let html = page(&mut view);
    assert!(
        html.starts_with("<li class=\"kibitz-comment\" data-comment-id=\"a1\" id=\"kibitz-t-a1\">")
    );
    assert!(html.contains("aria-controls=\"kibitz-1-c0\""));
    assert!(html.contains("aria-label=\"Collapse comment #1 by A1\""));
    assert!(html.contains(
        "<a class=\"kibitz-comment__number\" href=\"#kibitz-t-b1\" aria-label=\"Link to comment #2\">#2</a>"
    ));
    assert!(html.contains(
        "<ol class=\"kibitz-replies\"><li class=\"kibitz-comment\" data-comment-id=\"b1\""
    ));
    assert!(html.contains("<span class=\"kibitz-comment__hidden\" hidden>1 reply hidden</span>"));
    assert_eq!(count(&html, "<li"), count(&html, "</li>"));
    assert_eq!(count(&html, "<div"), count(&html, "</div>"));
    assert_eq!(count(&html, "<ol"), count(&html, "</ol>"));
}

#[test]
fn names_ids_and_urls_are_escaped_everywhere() {
    let json = r#"[{"id":"x\"><script>","author":{"name":"<img src=x onerror=alert(1)>","url":"https://a.test/?q=\"><b>","avatar":"https://a.test/p.png"},"body":"<b>hi</b>"}]"#;
    let html = page_with_avatars(json);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(html.contains("data-comment-id=\"x&quot;&gt;&lt;script&gt;\""));
    assert!(html.contains("id=\"kibitz-t-x___script_\""));
    assert!(
        html.contains("data-avatar-alt=\"&lt;img src=x onerror=alert(1)&gt;\""),
        "{html}"
    );
    assert!(html.contains("<span class=\"kibitz-avatar kibitz-avatar--hue"));
}

#[test]
fn avatars_are_named_for_the_page_to_add_not_written_as_images() {
    let json = r#"[{"id":"a","author":{"name":"Ada","avatar":"https://a.test/p.png"},"body":"hi"},
        {"id":"b","author":{"name":"Bob"},"body":"hi"}]"#;
    let html = page_with_avatars(json);
    assert!(!html.contains("<img"), "{html}");
    assert_eq!(
        count(&html, "data-avatar=\"https://a.test/p.png\""),
        1,
        "{html}"
    );
    assert_eq!(count(&html, "data-avatar-alt=\"Ada\""), 1, "{html}");
    assert_eq!(
        count(&html, "data-avatar="),
        1,
        "Bob has no picture: {html}"
    );
}

#[test]
fn a_page_holds_page_size_top_level_comments_then_offers_the_rest() {
    let mut view = view_of(
        &pairs(5),
        RenderOptions {
            page_size: Some(2),
            ..options()
        },
    );
    let html = page(&mut view);
    assert_eq!(count(&html, "data-comment-id=\"a"), 2);
    assert_eq!(
        count(&html, "data-comment-id=\"b"),
        2,
        "replies come with their comment"
    );
    assert_eq!(
        view.more_roots_label(&SAY).as_deref(),
        Some("Show 2 more comments (3 not shown)")
    );
    view.show_more_roots();
    let html = page(&mut view);
    assert!(html.contains("data-comment-id=\"a3\"") && html.contains("data-comment-id=\"a4\""));
    assert_eq!(
        view.more_roots_label(&SAY).as_deref(),
        Some("Show 1 more comment")
    );
    view.show_more_roots();
    assert_eq!(count(&page(&mut view), "data-comment-id=\"a"), 1);
    assert_eq!(view.more_roots_label(&SAY), None);
}

#[test]
fn slices_stop_at_the_budget_and_fill_in_reading_order() {
    let mut view = view_of(&pairs(10), options());
    let slice = view.render_page_slice(3, &SAY);
    assert_eq!(slice.len(), 1);
    let (place, html) = &slice[0];
    assert_eq!(*place, Place::List);
    assert_eq!(count(html, "<li"), 3, "a1, b1, a2; b2 waits");
    assert_eq!(count(html, "<li"), count(html, "</li>"));
    assert!(html.ends_with("<ol class=\"kibitz-replies\"></ol></div></li>"));
    assert!(view.page_pending());
    let next = view.render_page_slice(2, &SAY);
    assert_eq!(next[0].0, Place::Replies(2), "a2's replies first");
    assert!(next[0].1.contains("data-comment-id=\"b2\""));
    assert_eq!(next[1].0, Place::List);
    assert!(next[1].1.contains("data-comment-id=\"a3\""));
    let rest: String = std::iter::from_fn(|| {
        view.page_pending()
            .then(|| view.render_page_slice(usize::MAX, &SAY))
    })
    .flatten()
    .map(|(_, html)| html)
    .collect();
    assert_eq!(count(&rest, "<li"), 20 - 3 - 2);
    assert!(!view.page_pending());
}

#[test]
fn a_big_reply_list_is_split_across_slices_without_losing_a_reply() {
    // One comment with 300 replies, each with one reply of its own.
    let mut comments = vec![r#"{"id":"big","author":"Big","body":"x"}"#.to_string()];
    for k in 0..300 {
        comments.push(format!(
            r#"{{"id":"r{k}","parent":"big","author":"R","body":"y"}}"#
        ));
        comments.push(format!(
            r#"{{"id":"s{k}","parent":"r{k}","author":"S","body":"z"}}"#
        ));
    }
    let mut view = view_of(&format!("[{}]", comments.join(",")), options());
    let mut places = Vec::new();
    let mut total = 0;
    let mut first = true;
    while view.page_pending() {
        for (place, html) in view.render_page_slice(if first { 40 } else { 100 }, &SAY) {
            assert_eq!(count(&html, "<li"), count(&html, "</li>"));
            total += count(&html, "<li");
            places.push(place);
        }
        first = false;
    }
    assert_eq!(total, 601);
    assert_eq!(places[0], Place::List);
    assert!(places[1..].iter().all(|p| matches!(p, Place::Replies(_))));
}

#[test]
fn collapsed_comments_build_their_replies_when_first_opened() {
    let mut view = view_of(
        &pairs(1),
        RenderOptions {
            collapse_depth: Some(0),
            ..options()
        },
    );
    let html = page(&mut view);
    assert!(html.contains("kibitz-comment kibitz-comment--collapsed"));
    assert!(html.contains("aria-expanded=\"false\""));
    assert!(html.contains("aria-label=\"Expand comment #1 by A1 (1 reply hidden)\""));
    assert!(
        !html.contains("b1"),
        "replies of a closed comment are not built"
    );
    let opened = view.toggle(0, &SAY);
    assert!(opened.open);
    assert_eq!(opened.label, "Collapse comment #1 by A1");
    let replies = opened.replies.expect("built on first open");
    assert!(replies.starts_with("<ol class=\"kibitz-replies\"><li class=\"kibitz-comment kibitz-comment--collapsed\" data-comment-id=\"b1\""));
    let closed = view.toggle(0, &SAY);
    assert!(!closed.open && closed.replies.is_none());
    assert!(view.toggle(0, &SAY).replies.is_none(), "built once");
}

#[test]
fn replies_past_the_depth_limit_are_one_flat_list_in_pages() {
    let mut view = view_of(
        &chain(120),
        RenderOptions {
            max_depth: 2,
            ..options()
        },
    );
    let html = page(&mut view);
    assert_eq!(count(&html, "<ol class=\"kibitz-replies\">"), 1);
    assert_eq!(count(&html, "kibitz-replies--flat"), 1);
    assert_eq!(count(&html, "kibitz-comment--flat"), FLAT_PAGE);
    assert!(html.contains("<span class=\"kibitz-comment__context\">replying to P3</span>"));
    assert!(html.contains("Show 50 more replies (68 not shown)"));
    let (more, label) = view.more_flat(1, &SAY);
    assert_eq!(count(&more, "<li"), FLAT_PAGE);
    assert_eq!(label.as_deref(), Some("Show 18 more replies"));
    let (last, label) = view.more_flat(1, &SAY);
    assert_eq!(count(&last, "<li"), 18);
    assert_eq!(label, None);
}

#[test]
fn collapsing_a_flat_item_hides_its_shown_descendants_only() {
    let mut view = view_of(
        &chain(120),
        RenderOptions {
            max_depth: 2,
            ..options()
        },
    );
    page(&mut view);
    // Comment index 2 is the first flat item; 117 items follow it, 49 shown.
    let closed = view.toggle(2, &SAY);
    assert!(!closed.open);
    assert!(closed.replies.is_none());
    assert_eq!(closed.hide.len(), 49);
    assert!(closed.hide.iter().all(|&(_, hidden)| hidden));
    // Every reply not shown is under it too: nothing for "Show more" to show.
    assert_eq!(closed.more, Some((1, None)));
    // A nested collapse inside adds no new changes: those are hidden already.
    assert!(view.toggle(10, &SAY).hide.is_empty());
    // Items shown later come hidden: the 68 not shown, at once, since none
    // of them would show.
    let (more, label) = view.more_flat(1, &SAY);
    assert_eq!(
        count(&more, "\" hidden><div class=\"kibitz-comment__meta\">"),
        68
    );
    assert_eq!(label, None);
    let opened = view.toggle(2, &SAY);
    let visible: Vec<usize> = opened
        .hide
        .iter()
        .filter(|(_, h)| !h)
        .map(|(i, _)| *i)
        .collect();
    // Items 3..=10 show again; below the still-closed item 10 stays hidden.
    assert_eq!(visible, (3..=10).collect::<Vec<_>>());
}

#[test]
fn show_more_in_a_flat_list_counts_and_pages_only_replies_that_would_show() {
    // Past the depth limit under B: X with a chain of 30 replies, then 60
    // answers to B of their own; X starts collapsed.
    let mut comments = vec![
        r#"{"id":"a","author":"A","body":"a"}"#.to_string(),
        r#"{"id":"b","parent":"a","author":"B","body":"b"}"#.to_string(),
        r#"{"id":"x","parent":"b","author":"X","body":"x"}"#.to_string(),
    ];
    for k in 1..=30 {
        let parent = if k == 1 {
            "x".to_string()
        } else {
            format!("x{}", k - 1)
        };
        comments.push(format!(
            r#"{{"id":"x{k}","parent":"{parent}","author":"X{k}","body":"x{k}"}}"#
        ));
    }
    for k in 1..=60 {
        comments.push(format!(
            r#"{{"id":"y{k}","parent":"b","author":"Y{k}","body":"y{k}"}}"#
        ));
    }
    let json = format!("[{}]", comments.join(","));
    let mut view = view_of(
        &json,
        RenderOptions {
            max_depth: 2,
            ..options()
        },
    );
    view.apply_choices([("x", false)]);
    let html = page(&mut view);
    // A page is 50 replies that show: X and Y1..Y49, with X's 30 hidden.
    assert_eq!(count(&html, "kibitz-comment--flat"), 80);
    assert!(html.contains(">Show 11 more replies</button>"), "{html}");
    // Opening X shows its 30 replies, all in the page already: still 11
    // more to show.
    let x = view
        .thread()
        .comments
        .iter()
        .position(|c| c.id == "x")
        .unwrap();
    let opened = view.toggle(x, &SAY);
    assert_eq!(opened.hide.len(), 30);
    assert_eq!(opened.more.as_ref().map(|(root, _)| *root), Some(1));
    assert_eq!(
        opened.more.and_then(|(_, label)| label).as_deref(),
        Some("Show 11 more replies")
    );
    let (more, label) = view.more_flat(1, &SAY);
    assert_eq!(count(&more, "<li"), 11);
    assert_eq!(label, None);
}

#[test]
fn a_collapse_that_hides_every_reply_not_shown_takes_show_more_away_and_an_expansion_brings_it_back(
) {
    let mut view = view_of(
        &chain(120),
        RenderOptions {
            max_depth: 2,
            ..options()
        },
    );
    page(&mut view);
    // The flat list under index 1 shows indexes 2..=51; 52..=119 are not shown.
    let closed = view.toggle(51, &SAY);
    assert_eq!(closed.more, Some((1, None)));
    let opened = view.toggle(51, &SAY);
    assert_eq!(
        opened.more,
        Some((1, Some("Show 50 more replies (68 not shown)".into())))
    );
    // Not a flat item: nothing to say of a list.
    assert_eq!(view.toggle(0, &SAY).more, None);
}

#[test]
fn anchor_prefixes_keep_thread_ids_written_as_anchors_are() {
    let prefix = |id: &str| {
        let thread = parse_thread(&format!(
            r#"{{"version":1,"thread":{{"id":{id}}},"comments":[]}}"#
        ))
        .unwrap();
        anchor_prefix(&thread)
    };
    let some = |s: &str| Some(s.to_string());
    assert_eq!(prefix(r#""second-summit""#), some("kibitz-second-summit"));
    assert_eq!(
        prefix(r#""posts/second-summit""#),
        some("kibitz-posts_second-summit")
    );
    assert_eq!(prefix(r#""blog.post_2""#), some("kibitz-blog.post_2"));
    assert_eq!(prefix(r#""été 1""#), some("kibitz-_t__1"));
    assert_eq!(prefix("42"), some("kibitz-42"));
    assert_eq!(prefix(r#""""#), None);
    assert_eq!(prefix("null"), None);
}

/// German words, as [`English`] otherwise.
struct German;

impl Speak for German {
    fn words(&self) -> &'static Words {
        lookup("de").expect("German is built in")
    }
    fn number(&self, n: usize) -> String {
        n.to_string()
    }
    fn category(&self, n: usize) -> Category {
        English.category(n)
    }
}

#[test]
fn comment_text_is_tagged_with_its_language_where_it_differs_from_the_widgets() {
    let json = r#"[{"id": 1, "author": "A", "body": "own", "lang": "fr"},
                   {"id": 2, "author": "B", "body": "page's"},
                   {"id": 3, "author": "C", "body": "English", "lang": "en-GB"}]"#;
    let render = |say: &Say, context: Option<&str>| {
        let mut view = view_of(json, options());
        view.set_context_lang(context.map(Into::into));
        let mut html = String::new();
        while view.page_pending() {
            for (_, part) in view.render_page_slice(usize::MAX, say) {
                html.push_str(&part);
            }
        }
        html
    };
    let german = Say {
        speak: &German,
        dates: &Iso,
    };
    // A German widget on an English page: the comments are English but
    // the French one.
    let html = render(&german, Some("en"));
    assert_eq!(
        count(
            &html,
            "<div class=\"kibitz-comment__body\" dir=\"auto\" lang=\"fr\">"
        ),
        1
    );
    assert_eq!(
        count(
            &html,
            "<div class=\"kibitz-comment__body\" dir=\"auto\" lang=\"en\">"
        ),
        1
    );
    assert_eq!(
        count(
            &html,
            "<div class=\"kibitz-comment__body\" dir=\"auto\" lang=\"en-GB\">"
        ),
        1
    );
    // An English widget on an English page: only the French one says so
    // (en-GB is English, as the widget is).
    let html = render(&SAY, Some("en-US"));
    assert_eq!(count(&html, " lang=\""), 1, "{html}");
    assert!(html.contains("lang=\"fr\">"));
    // No page language: a comment without one of its own inherits.
    let html = render(&german, None);
    assert_eq!(count(&html, " lang=\""), 2, "{html}");
}

#[test]
fn digits_are_written_as_format_writes_them() {
    for n in [0, 7, 10, 99, 100, 1_234, 65_536, 999_999, u64::MAX] {
        for width in [0, 1, 2, 4, 20, 25] {
            let mut out = String::from("c");
            push_digits(&mut out, n, width);
            assert_eq!(out, format!("c{n:0width$}"), "{n} in {width}");
        }
    }
}

#[test]
fn content_ids_map_back_to_comments() {
    let view = view_of(&pairs(2), options());
    assert_eq!(view.content_id(3), "kibitz-1-c3");
    assert_eq!(view.index_of_content_id("kibitz-1-c3"), Some(3));
    assert_eq!(view.index_of_content_id("kibitz-1-c4"), None);
    assert_eq!(view.index_of_content_id("kibitz-2-c3"), None);
    assert_eq!(view.index_of_content_id("kibitz-1-c3-body"), None);
}

#[test]
fn page_size_all_shows_every_flat_reply() {
    let mut view = view_of(
        &chain(300),
        RenderOptions {
            max_depth: 2,
            page_size: None,
            ..options()
        },
    );
    let html = page(&mut view);
    assert_eq!(count(&html, "kibitz-comment--flat"), 298);
    assert!(!html.contains("kibitz-more"));
}

#[test]
fn a_chain_of_ten_thousand_renders_without_recursion() {
    let mut view = view_of(&chain(10_000), options());
    let html = page(&mut view);
    assert_eq!(count(&html, "kibitz-comment--flat"), FLAT_PAGE);
    assert_eq!(count(&html, "<li"), 6 + FLAT_PAGE);
}

#[test]
fn anchors_map_back_to_comments_whatever_their_characters() {
    let view = view_of(
        r#"[{"id":"a/b é","author":"A","body":"x"},{"id":"a_b__","author":"B","body":"y"},{"id":"c","author":"C","body":"z"}]"#,
        options(),
    );
    assert_eq!(view.anchor(0), "kibitz-t-a_b__");
    // Two ids that write the same anchor: the first in the document wins,
    // as the browser's own lookup of a repeated id would.
    assert_eq!(view.index_of_anchor("kibitz-t-a_b__"), Some(0));
    assert_eq!(view.index_of_anchor("kibitz-t-c"), Some(2));
    assert_eq!(view.index_of_anchor("kibitz-t-d"), None);
    assert_eq!(view.index_of_anchor("kibitz-other-c"), None);
    assert_eq!(view.index_of_anchor("kibitz-tc"), None);
}

#[test]
fn including_a_comment_on_a_later_page_grows_the_page_to_its_thread() {
    let mut view = view_of(
        &pairs(10),
        RenderOptions {
            page_size: Some(3),
            ..options()
        },
    );
    let first = page(&mut view);
    assert_eq!(count(&first, "data-comment-id=\"a"), 3);
    // b8 answers a8, the 8th top-level comment: pages of 3 up to the 9th.
    let b8 = view.index_of_anchor("kibitz-t-b8").unwrap();
    assert!(view.include_comment(b8));
    let more = page(&mut view);
    assert_eq!(count(&more, "data-comment-id=\"a"), 6);
    assert!(more.contains("data-comment-id=\"b8\""));
    assert!(!view.include_comment(b8), "already in the page");
    assert_eq!(
        view.more_roots_label(&SAY).as_deref(),
        Some("Show 1 more comment")
    );
}

#[test]
fn a_comment_under_collapsed_ones_names_them_outermost_first() {
    let mut view = view_of(
        &chain(5),
        RenderOptions {
            collapse_depth: Some(1),
            ..options()
        },
    );
    page(&mut view);
    // Only the top-level comment (depth 1) is open.
    assert_eq!(view.closed_ancestors(4), [1, 2, 3]);
    assert_eq!(view.closed_ancestors(1), Vec::<usize>::new());
    view.toggle(1, &SAY);
    assert_eq!(view.closed_ancestors(4), [2, 3]);
}

#[test]
fn a_flat_reply_past_the_shown_page_names_its_list() {
    let mut view = view_of(
        &chain(120),
        RenderOptions {
            max_depth: 2,
            ..options()
        },
    );
    page(&mut view);
    // Index 1 holds the flat list; its first 50 items are indexes 2 to 51.
    assert_eq!(view.flat_page_hiding(51), None);
    assert_eq!(view.flat_page_hiding(52), Some(1));
    assert_eq!(view.flat_page_hiding(0), None, "not in a flat list");
    view.more_flat(1, &SAY);
    assert_eq!(view.flat_page_hiding(52), None);
    assert_eq!(view.flat_page_hiding(119), Some(1));
}

#[test]
fn a_nested_reply_tells_screen_readers_whom_it_answers() {
    let mut view = view_of(&pairs(1), options());
    let html = page(&mut view);
    assert_eq!(
        count(
            &html,
            "<span class=\"kibitz-visually-hidden\">replying to A1</span>"
        ),
        1,
        "the reply b1, and not the top-level a1"
    );
    // A flat reply says it visibly instead, once.
    let mut flat = view_of(
        &chain(4),
        RenderOptions {
            max_depth: 2,
            ..options()
        },
    );
    let html = page(&mut flat);
    assert_eq!(count(&html, "replying to P2"), 1);
    assert_eq!(count(&html, "kibitz-visually-hidden\">replying to P2"), 0);
}

#[test]
fn a_removed_comment_is_no_author_to_name_in_labels_or_replies() {
    // a deleted comment with a reply, then a chain made flat past depth 1
    // under another deleted comment.
    let json = r#"[
        {"id":"a","deleted":true},
        {"id":"b","parent":"a","author":"Bo","body":"still here"},
        {"id":"c","deleted":true},
        {"id":"d","parent":"c","author":"Di","body":"one"},
        {"id":"e","parent":"d","author":"Ed","body":"two"}
    ]"#;
    let mut view = view_of(
        json,
        RenderOptions {
            max_depth: 1,
            ..options()
        },
    );
    let html = page(&mut view);
    assert_eq!(count(&html, "aria-label=\"Collapse comment #1\""), 1);
    assert_eq!(count(&html, "aria-label=\"Collapse comment #3\""), 1);
    assert_eq!(count(&html, "by [deleted]"), 0);
    // Flat at depth 1, replies say whom they answer on screen.
    assert_eq!(
        count(
            &html,
            "<span class=\"kibitz-comment__context\">replying to a removed comment</span>"
        ),
        2,
        "b and d"
    );
    assert_eq!(count(&html, "replying to [deleted]"), 0);
    assert_eq!(count(&html, "replying to Di"), 1, "e");
    // Toggled closed, the label says what it hides, still unnamed.
    let toggled = view.toggle(0, &SAY);
    assert_eq!(toggled.label, "Expand comment #1 (1 reply hidden)");
    // Nested, a reply says it to screen readers.
    let html = page(&mut view_of(json, options()));
    assert_eq!(
        count(
            &html,
            "<span class=\"kibitz-visually-hidden\">replying to a removed comment</span>"
        ),
        2,
        "b and d"
    );
}

#[test]
fn for_print_every_comment_not_in_the_page_is_built_without_opening_any() {
    // Ten pairs, three top-level comments a page, every reply collapsed
    // (depth 2 and below) but built closed, and replies past depth 2 flat.
    let mut view = view_of(
        &pairs(10),
        RenderOptions {
            page_size: Some(3),
            collapse_depth: Some(0),
            ..options()
        },
    );
    let first = page(&mut view);
    assert_eq!(
        count(&first, "<li"),
        3,
        "three collapsed top-level comments"
    );
    let parts = view.build_everything(&SAY);
    let all: String = parts.iter().map(|(_, html)| html.as_str()).collect();
    assert_eq!(
        count(&first, "<li") + count(&all, "<li"),
        20,
        "every comment, once"
    );
    assert_eq!(
        parts
            .iter()
            .filter(|(place, _)| *place == PrintPlace::Page(Place::List))
            .count(),
        1
    );
    // The replies of the three top-level comments already in the page go
    // into their content; the seven new ones bring theirs along closed.
    assert_eq!(
        parts
            .iter()
            .filter(|(place, _)| matches!(place, PrintPlace::Content(_)))
            .count(),
        10
    );
    assert!((0..20).all(|i| !view.is_open(i)), "nothing opened");
    assert!(view.build_everything(&SAY).is_empty(), "built once");

    let mut flat = view_of(
        &chain(120),
        RenderOptions {
            max_depth: 2,
            ..options()
        },
    );
    page(&mut flat);
    let parts = flat.build_everything(&SAY);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].0, PrintPlace::FlatRest(1));
    assert_eq!(count(&parts[0].1, "<li"), 120 - 2 - FLAT_PAGE);
}

/// Three top-level comments at 10:00, 11:00 and 12:00 scored 5, none and 9,
/// and two replies to the first, the later one listed first.
const SCORED: &str = r#"[
    {"id":"old","author":"A","body":"old","created":"2024-01-01T10:00:00Z","score":5},
    {"id":"mid","author":"B","body":"mid","created":"2024-01-01T11:00:00Z"},
    {"id":"new","author":"C","body":"new","created":"2024-01-01T12:00:00Z","score":9},
    {"id":"r2","parent":"old","author":"E","body":"r2","created":"2024-01-01T12:30:00Z"},
    {"id":"r1","parent":"old","author":"D","body":"r1","created":"2024-01-01T12:15:00Z"}
]"#;

/// The `data-comment-id`s of a page, in document order.
fn ids_in(html: &str) -> Vec<&str> {
    html.split("data-comment-id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

fn sorted(order: SortOrder) -> ThreadView {
    view_of(
        SCORED,
        RenderOptions {
            sort: order,
            ..options()
        },
    )
}

#[test]
fn newest_first_turns_top_level_comments_only() {
    let html = page(&mut sorted(SortOrder::Newest));
    assert_eq!(ids_in(&html), ["new", "mid", "old", "r1", "r2"]);
    // Numbers stay chronological whatever the order shown.
    assert!(
        html.find(">#3<").unwrap() < html.find(">#1<").unwrap(),
        "{html}"
    );
}

#[test]
fn top_ranks_by_score_then_age_and_unscored_last() {
    let html = page(&mut sorted(SortOrder::Top));
    assert_eq!(ids_in(&html), ["new", "old", "r1", "r2", "mid"]);
}

#[test]
fn a_new_order_starts_the_page_again_with_the_same_comments_open() {
    let mut view = sorted(SortOrder::Oldest);
    let first = page(&mut view);
    assert_eq!(ids_in(&first), ["old", "r1", "r2", "mid", "new"]);
    let old = view.index_of_anchor("kibitz-t-old").unwrap();
    view.toggle(old, &SAY);
    view.set_sort(SortOrder::Newest);
    assert_eq!(view.sort(), SortOrder::Newest);
    assert!(view.page_pending(), "the page is written anew");
    let again = page(&mut view);
    // The collapsed comment's replies are not built.
    assert_eq!(ids_in(&again), ["new", "mid", "old"]);
    assert!(!view.is_open(old));
}

#[test]
fn collapse_all_closes_top_level_comments_and_expand_all_opens_every_one() {
    let mut view = view_of(
        SCORED,
        RenderOptions {
            collapse_depth: Some(0),
            ..options()
        },
    );
    page(&mut view);
    view.set_all_open(true);
    let html = page(&mut view);
    assert_eq!(count(&html, "aria-expanded=\"false\""), 0, "{html}");
    assert_eq!(ids_in(&html).len(), 5);
    view.set_all_open(false);
    let html = page(&mut view);
    assert_eq!(ids_in(&html), ["old", "mid", "new"]);
    assert_eq!(count(&html, "aria-expanded=\"false\""), 3);
    // Replies keep their own state: opening the first shows them open.
    let r1 = view.index_of_anchor("kibitz-t-r1").unwrap();
    assert!(view.is_open(r1));
}

#[test]
fn choices_are_what_differs_from_the_defaults_and_apply_by_id() {
    let depth_one = RenderOptions {
        collapse_depth: Some(1),
        ..options()
    };
    let mut view = view_of(SCORED, depth_one);
    assert!(view.choices().is_empty());
    let old = view.index_of_anchor("kibitz-t-old").unwrap();
    let r1 = view.index_of_anchor("kibitz-t-r1").unwrap();
    view.toggle(old, &SAY);
    view.toggle(r1, &SAY);
    let mut choices = view.choices();
    choices.sort_unstable();
    assert_eq!(choices, [("old", false), ("r1", true)]);
    let mut again = view_of(SCORED, depth_one);
    again.apply_choices([("old", false), ("r1", true), ("gone", true)]);
    assert!(!again.is_open(old) && again.is_open(r1));
    assert_eq!(again.choices().len(), 2);
}

#[test]
fn a_capped_count_reads_n_plus_in_the_form_for_n() {
    assert_eq!(English.comment_count(60, false), "60 Comments");
    assert_eq!(English.comment_count(60, true), "60+ Comments");
    assert_eq!(English.comment_count_in_text(60, true), "60+ comments");
    assert_eq!(English.comment_count_in_text(0, false), "0 comments");
}
