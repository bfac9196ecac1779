//! The service adapters against hand-written fixtures in the documented
//! shapes of each API, awkward cases included.

use crate::error::ThreadError;
use crate::model::{BodyFormat, Removed, Service, Thread};
use crate::normalize::{parse_thread, parse_thread_as};
use crate::sanitize::render_body;

use super::SourceFormat;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn by_id<'a>(thread: &'a Thread, id: &str) -> &'a crate::model::CommentNode {
    thread
        .comments
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no comment {id}"))
}

fn body_html(thread: &Thread, id: &str) -> String {
    let c = by_id(thread, id);
    render_body(&c.body, &c.format, &c.emoji)
        .as_str()
        .to_string()
}

#[test]
fn bluesky_replies_nest_and_the_root_post_is_the_join_link() {
    let thread = parse_thread(&fixture("bluesky-thread.json")).unwrap();
    assert_eq!(thread.count(), 4);
    let first = by_id(&thread, "at://did:plc:joaq222/app.bsky.feed.post/3kaaa");
    assert_eq!(first.author.name, "Joaquín 🏔️");
    assert_eq!(first.author.handle.as_deref(), Some("@joaquin.bsky.social"));
    assert_eq!(
        first.author.url.as_deref(),
        Some("https://bsky.app/profile/joaquin.bsky.social")
    );
    assert!(first
        .author
        .avatar
        .as_deref()
        .unwrap()
        .starts_with("https://cdn.bsky.app/"));
    assert_eq!(first.score, Some(5.0));
    assert_eq!(first.children.len(), 1);
    let join = thread.join.as_ref().unwrap();
    assert_eq!(join.service, Service::Bluesky);
    assert_eq!(
        join.url,
        "https://bsky.app/profile/marisol.example.com/post/3kroot"
    );
}

#[test]
fn bluesky_facets_become_links() {
    let thread = parse_thread(&fixture("bluesky-thread.json")).unwrap();
    let html = body_html(&thread, "at://did:plc:joaq222/app.bsky.feed.post/3kaaa");
    assert!(html.contains(r#"<a href="https://bsky.app/profile/did:plc:author111" rel="nofollow ugc noopener noreferrer">@marisol.example.com</a>"#), "{html}");
    assert!(html.contains(r#"<a href="https://www.mountain-forecast.com/peaks/Aconcagua" rel="nofollow ugc noopener noreferrer">mountain-forecast.com/peaks/Aconcagua</a>"#), "{html}");
    assert!(html.contains(r#"<a href="https://bsky.app/hashtag/mountaineering" rel="nofollow ugc noopener noreferrer">#mountaineering</a>"#), "{html}");
}

#[test]
fn bluesky_text_is_never_markup_and_unsafe_facets_are_text() {
    let thread = parse_thread(&fixture("bluesky-thread.json")).unwrap();
    let reply = by_id(&thread, "at://did:plc:author111/app.bsky.feed.post/3kbbb");
    assert_eq!(
        reply.author.name, "marisol.example.com",
        "an empty display name falls back to the handle"
    );
    let html = body_html(&thread, "at://did:plc:author111/app.bsky.feed.post/3kbbb");
    assert_eq!(
        html,
        "<p>Thank you! &lt;b&gt;not bold&lt;/b&gt; &amp;amp; fine</p>"
    );
}

#[test]
fn bluesky_not_found_and_blocked_posts_are_placeholders() {
    let thread = parse_thread(&fixture("bluesky-thread.json")).unwrap();
    assert_eq!(
        by_id(&thread, "at://did:plc:gone333/app.bsky.feed.post/3kccc").removed,
        Some(Removed::NotFound)
    );
    assert_eq!(
        by_id(&thread, "at://did:plc:blocked444/app.bsky.feed.post/3kddd").removed,
        Some(Removed::Blocked)
    );
}

#[test]
fn bluesky_placeholder_keeps_its_replies() {
    let text = r#"{"thread": {"post": {"uri": "at://r/app.bsky.feed.post/1", "author": {"handle": "r.test"}, "record": {"text": "root"}},
        "replies": [{"$type": "app.bsky.feed.defs#blockedPost", "uri": "at://b/app.bsky.feed.post/2", "blocked": true,
            "replies": [{"post": {"uri": "at://c/app.bsky.feed.post/3", "author": {"handle": "c.test"}, "record": {"text": "kept"}}}]}]}}"#;
    let thread = parse_thread(text).unwrap();
    assert_eq!(thread.roots.len(), 1);
    assert_eq!(thread.comments[thread.roots[0]].children.len(), 1);
}

#[test]
fn bluesky_root_not_found_is_a_service_error() {
    let text = r#"{"thread": {"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://x/app.bsky.feed.post/1", "notFound": true}}"#;
    assert_eq!(
        parse_thread(text),
        Err(ThreadError::Service(
            "the Bluesky post was not found".into()
        ))
    );
}

#[test]
fn mastodon_descendants_link_by_in_reply_to_id() {
    let thread = parse_thread(&fixture("mastodon-context.json")).unwrap();
    assert_eq!(thread.count(), 3);
    assert_eq!(
        thread.roots.len(),
        2,
        "replies to the root post stand at the top level"
    );
    assert!(
        thread.comments.iter().all(|c| c.detached.is_none()),
        "answering the root is not a missing parent"
    );
    let reply = by_id(&thread, "103270115826049000");
    assert_eq!(reply.depth, 2);
    assert_eq!(
        reply.author.name, "sid",
        "an empty display name falls back to the username"
    );
    assert_eq!(reply.author.handle.as_deref(), Some("@sid@other.example"));
    assert_eq!(reply.author.avatar, None, "http avatars are dropped");
    assert!(reply.edited.is_some());
    assert_eq!(reply.format, BodyFormat::Html);
}

#[test]
fn mastodon_content_is_sanitised_with_custom_emoji() {
    let thread = parse_thread(&fixture("mastodon-context.json")).unwrap();
    let html = body_html(&thread, "103270115826048975");
    assert!(html.contains(r#"<img class="kibitz-emoji" src="https://files.mastodon.example/emoji/blobcat_static.png" alt=":blobcat:""#), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "entities stay text: {html}"
    );
    assert!(!html.contains("class=\"mention"), "{html}");
    let reply = body_html(&thread, "103270115826049000");
    assert!(!reply.contains("<img"), "{reply}");
}

#[test]
fn mastodon_content_warnings_start_hidden_and_sensitive_media_flags_do_not() {
    let thread = parse_thread(&fixture("mastodon-context.json")).unwrap();
    assert_eq!(
        by_id(&thread, "103270115826049000").warning.as_deref(),
        Some("altitude sickness, details")
    );
    assert_eq!(
        by_id(&thread, "103270115826049999").warning,
        None,
        "flagged sensitive without a warning: Mastodon hides only its media, and shows the text"
    );
    assert_eq!(by_id(&thread, "103270115826048975").warning, None);
    let zofia = &by_id(&thread, "103270115826048975").author;
    assert_eq!(
        zofia.emoji.len(),
        1,
        "the account's own emoji, for its display name"
    );
    assert_eq!(
        by_id(&thread, "103270115826049999").author.url,
        None,
        "javascript: profile URLs are dropped"
    );
}

#[test]
fn hn_children_nest_and_the_story_is_the_join_link() {
    let thread = parse_thread(&fixture("hn-item.json")).unwrap();
    assert_eq!(thread.count(), 5);
    assert_eq!(thread.meta.title.as_deref(), Some("The second summit"));
    let join = thread.join.as_ref().unwrap();
    assert_eq!(
        (join.service, join.url.as_str()),
        (
            Service::HackerNews,
            "https://news.ycombinator.com/item?id=8863"
        )
    );
    let first = by_id(&thread, "8864");
    assert_eq!(
        first.author.url.as_deref(),
        Some("https://news.ycombinator.com/user?id=tptacek")
    );
    assert_eq!(first.created, Some(1_709_555_400_000));
    let html = body_html(&thread, "8864");
    assert_eq!(
        html,
        "<p>It&#39;s the right call.</p><p>See <a href=\"https://example.com/acclimatisation\" rel=\"nofollow ugc noopener noreferrer\">https://example.com/acclimatisation</a></p>"
    );
}

#[test]
fn hn_deleted_and_dead_items_keep_their_replies() {
    let thread = parse_thread(&fixture("hn-item.json")).unwrap();
    let deleted = by_id(&thread, "8865");
    assert_eq!(deleted.removed, Some(Removed::Deleted));
    assert_eq!(deleted.children.len(), 1);
    let dead = by_id(&thread, "8867");
    assert_eq!(dead.removed, Some(Removed::Dead));
    assert_eq!(dead.children.len(), 1);
}

macro_rules! service_error {
    ($($name:ident: $text:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(parse_thread($text), Err(ThreadError::Service($want.into())));
        }
    )*};
}

service_error! {
    bluesky_error_body: r#"{"error": "NotFound", "message": "Post not found: at://x/app.bsky.feed.post/1"}"# =>
        "NotFound: Post not found: at://x/app.bsky.feed.post/1";
    mastodon_error_body: r#"{"error": "Record not found"}"# => "Record not found";
    hn_error_body: r#"{"error": "Not Found", "status": 404}"# => "Not Found";
}

#[test]
fn named_format_is_used_even_when_the_shape_would_say_otherwise() {
    let text = fixture("mastodon-context.json");
    assert!(matches!(
        parse_thread_as(&text, SourceFormat::Kibitz),
        Err(ThreadError::Shape(_))
    ));
    assert!(
        matches!(parse_thread_as(&text, SourceFormat::HackerNews), Err(ThreadError::Shape(m)) if m.contains("Hacker News"))
    );
}

#[test]
fn hn_deep_chain_of_children_reads_without_recursion_in_the_adapter() {
    let mut text = String::from(r#"{"id": 1, "story_id": 1, "children": ["#);
    // Past serde_json's 128 levels (two a reply), which once failed such a
    // thread whole.
    let depth = 1_000;
    for i in 0..depth {
        text.push_str(&format!(
            r#"{{"id": {}, "author": "a", "text": "x", "children": ["#,
            i + 2
        ));
    }
    text.push_str(&"]}".repeat(depth));
    text.push_str("]}");
    let thread = parse_thread(&text).unwrap();
    assert_eq!(thread.count(), depth);
    assert_eq!(
        thread.comments.iter().map(|c| c.depth).max(),
        Some(depth as u32)
    );
}

#[test]
fn bluesky_reply_chain_as_deep_as_the_service_serves_reads_whole() {
    // kibitz asks Bluesky for depth=1000: each reply is a `threadViewPost`
    // in its parent's `replies`, two JSON levels, and a post's own record
    // and facets add a few more.
    let depth = 1_000;
    let post = |i: usize| {
        format!(
            r#""post": {{"uri": "at://did:plc:p{i}/app.bsky.feed.post/{i}",
                "author": {{"did": "did:plc:p{i}", "handle": "p{i}.test"}},
                "record": {{"text": "reply {i}", "createdAt": "2024-01-01T00:00:00Z",
                    "facets": [{{"index": {{"byteStart": 0, "byteEnd": 5}},
                        "features": [{{"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com/"}}]}}]}}}}"#
        )
    };
    let mut text = format!(r#"{{"thread": {{{}, "replies": ["#, post(0));
    for i in 1..=depth {
        text.push_str(&format!(r#"{{{}, "replies": ["#, post(i)));
    }
    text.push_str(&"]}".repeat(depth));
    text.push_str("]}}");
    let thread = parse_thread(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(thread.count(), depth);
    assert_eq!(
        thread.comments.iter().map(|c| c.depth).max(),
        Some(depth as u32)
    );
    let last = by_id(&thread, "at://did:plc:p1000/app.bsky.feed.post/1000");
    assert_eq!(last.body, "reply 1000");
}

#[test]
fn mastodon_answer_of_a_visitors_most_replies_is_marked_capped() {
    let context = |n: usize| {
        let statuses: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"id": "{i}", "in_reply_to_id": "root", "created_at": "2024-01-01T00:00:00Z",
                        "content": "<p>x</p>", "account": {{"id": "a", "username": "a", "acct": "a"}}}}"#
                )
            })
            .collect();
        format!(
            r#"{{"ancestors": [], "descendants": [{}]}}"#,
            statuses.join(",")
        )
    };
    let capped = |n| parse_thread(&context(n)).unwrap().meta.capped_at;
    assert_eq!(capped(60), Some(60));
    assert_eq!(capped(59), None);
    // More than Mastodon gives a visitor: another server, or a signed-in copy.
    assert_eq!(capped(61), None);
}

/// A Mastodon context whose statuses form one chain `depth` long under the
/// post, the last counting `last_replies` replies of its own.
fn mastodon_chain(depth: usize, last_replies: u32) -> String {
    let statuses: Vec<String> = (1..=depth)
        .map(|i| {
            let parent = match i {
                1 => "\"post\"".to_string(),
                _ => format!("\"{}\"", i - 1),
            };
            let replies = if i == depth { last_replies } else { 1 };
            format!(
                r#"{{"id": "{i}", "in_reply_to_id": {parent}, "replies_count": {replies},
                    "created_at": "2024-01-01T00:00:00Z", "content": "<p>x</p>",
                    "account": {{"id": "a", "username": "a", "acct": "a"}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"ancestors": [], "descendants": [{}]}}"#,
        statuses.join(",")
    )
}

#[test]
fn mastodon_post_counting_replies_the_answer_lacks_marks_the_answer_capped() {
    let capped = |depth, last_replies| {
        parse_thread(&mastodon_chain(depth, last_replies))
            .unwrap()
            .meta
            .capped_at
    };
    // Mastodon stops a visitor's answer at 20 deep: the 20th counts replies
    // that are not there.
    assert_eq!(capped(20, 2), Some(20));
    // Nothing cut: it has no replies.
    assert_eq!(capped(20, 0), None);
    // Shallower too: `replies_count` counts only public and unlisted
    // replies, which a visitor sees, so absent ones were cut (the limit of
    // 60 comes before the visibility filter, which can leave 59).
    assert_eq!(capped(19, 2), Some(19));
    // Deeper than a visitor gets: a signed-in copy, whole.
    assert_eq!(capped(21, 0), None);
}

#[test]
fn mastodon_posts_a_visitor_may_not_see_are_left_out_of_a_saved_answer() {
    let status = |id: &str, parent: &str, extra: &str| {
        format!(
            r#"{{"id": "{id}", "in_reply_to_id": "{parent}", "created_at": "2024-01-01T00:00:00Z",
                "content": "<p>{id}</p>", "account": {{"id": "a", "username": "a", "acct": "a"}}{extra}}}"#
        )
    };
    let context = format!(
        r#"{{"ancestors": [], "descendants": [{}]}}"#,
        [
            status("1", "post", r#", "visibility": "public""#),
            status("2", "post", r#", "visibility": "direct""#),
            status("3", "1", r#", "visibility": "private""#),
            status("4", "3", r#", "visibility": "public""#),
            status(
                "5",
                "1",
                r#", "filtered": [{"filter": {"filter_action": "hide"}}]"#
            ),
            status(
                "6",
                "1",
                r#", "filtered": [{"filter": {"filter_action": "warn"}}]"#
            ),
        ]
        .join(",")
    );
    let thread = parse_thread(&context).unwrap();
    let ids: Vec<&str> = thread.comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["1", "4", "6"]);
    // 4 answers the followers-only 3: a reply to a missing comment, not an
    // answer to the post.
    let four = by_id(&thread, "4");
    assert_eq!(four.parent, None);
    assert_eq!(four.detached, Some(crate::model::Detached::MissingParent));
    assert!(by_id(&thread, "1").detached.is_none());
    assert!(thread
        .report
        .console_lines()
        .iter()
        .any(|l| l.starts_with("3 Mastodon posts are not shown")));
    // A saved answer of a signed-in account: not cut at 60.
    assert_eq!(thread.meta.capped_at, None);
}

#[test]
fn the_language_a_source_gives_a_comment_is_kept_when_it_is_a_language_tag() {
    let masto = parse_thread(&fixture("mastodon-context.json")).unwrap();
    let tagged: Vec<&str> = masto
        .comments
        .iter()
        .filter_map(|c| c.lang.as_deref())
        .collect();
    assert_eq!(tagged, ["en"]);
    let bluesky = parse_thread(
        r#"{"thread": {"$type": "app.bsky.feed.defs#threadViewPost",
            "post": {"uri": "at://root", "author": {"did": "d", "handle": "h"}, "record": {"text": "root"}},
            "replies": [{"$type": "app.bsky.feed.defs#threadViewPost",
                "post": {"uri": "at://r1", "author": {"did": "d", "handle": "h"},
                         "record": {"text": "hallo", "langs": ["de", "en"], "createdAt": "2024-01-01T00:00:00Z"}}}]}}"#,
    )
    .unwrap();
    assert_eq!(bluesky.comments[0].lang.as_deref(), Some("de"));
    let native = parse_thread(
        r#"[{"id": 1, "author": "A", "body": "x", "lang": "pt-BR"},
            {"id": 2, "author": "A", "body": "x", "lang": "not a tag"},
            {"id": 3, "author": "A", "body": "x", "lang": 7},
            {"id": 4, "author": "A", "body": "x", "lang": "en\" onmouseover=\"x"}]"#,
    )
    .unwrap();
    let langs: Vec<Option<&str>> = native.comments.iter().map(|c| c.lang.as_deref()).collect();
    assert_eq!(langs, [Some("pt-BR"), None, None, None]);
    assert!(
        native.report.skipped.is_empty(),
        "a language that is no tag loses nothing"
    );
}

#[test]
fn bluesky_replies_the_author_hid_or_labels_keep_off_a_page_are_not_shown() {
    let reply = |uri: &str, extra_post: &str, replies: &str| {
        format!(
            r#"{{"$type": "app.bsky.feed.defs#threadViewPost",
                "post": {{"uri": "{uri}", "author": {{"did": "did:plc:a", "handle": "a.example"{author}}},
                          "record": {{"text": "{uri}", "createdAt": "2024-01-01T00:00:00Z"{record}}}{extra_post}}},
                "replies": [{replies}]}}"#,
            author = if extra_post == "AUTHOR" {
                r#", "labels": [{"val": "!no-unauthenticated"}]"#
            } else {
                ""
            },
            record = if extra_post == "SELF" {
                r#", "labels": {"$type": "com.atproto.label.defs#selfLabels", "values": [{"val": "sexual"}]}"#
            } else {
                ""
            },
            extra_post = if extra_post.starts_with(',') {
                extra_post
            } else {
                ""
            },
        )
    };
    let thread = format!(
        r#"{{"thread": {{"$type": "app.bsky.feed.defs#threadViewPost",
              "post": {{"uri": "at://root", "author": {{"did": "did:plc:o", "handle": "o.example"}}, "record": {{"text": "root"}},
                        "threadgate": {{"record": {{"hiddenReplies": ["at://hidden"]}}}}}},
              "replies": [{}]}},
            "threadgate": {{"record": {{"hiddenReplies": ["at://hidden-too"]}}}}}}"#,
        [
            reply("at://hidden", "", &reply("at://under-hidden", "", "")),
            reply("at://hidden-too", "", ""),
            reply("at://labelled", r#", "labels": [{"val": "!hide"}]"#, ""),
            reply("at://signed-in-only", "AUTHOR", ""),
            reply("at://adult", "SELF", ""),
            reply("at://fine", "", ""),
        ]
        .join(",")
    );
    let thread = parse_thread(&thread).unwrap();
    let ids: Vec<&str> = thread.comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["at://adult", "at://fine"]);
    assert_eq!(by_id(&thread, "at://adult").warning.as_deref(), Some(""));
    assert_eq!(by_id(&thread, "at://fine").warning, None);
    assert!(thread
        .report
        .console_lines()
        .iter()
        .any(|l| l.starts_with("4 Bluesky replies are not shown")));
}

#[test]
fn a_hacker_news_item_from_its_official_api_says_which_api_to_use() {
    let firebase = r#"{"by": "dhouston", "descendants": 71, "id": 8863, "kids": [8952, 9224],
                       "score": 111, "time": 1175714200, "title": "My YC app", "type": "story"}"#;
    for thread in [
        parse_thread(firebase),
        parse_thread_as(firebase, SourceFormat::HackerNews),
    ] {
        match thread {
            Err(ThreadError::Shape(message)) => {
                assert!(message.contains("hacker-news.firebaseio.com"), "{message}");
                assert!(
                    message.contains("https://hn.algolia.com/api/v1/items/<id>"),
                    "{message}"
                );
            }
            other => panic!("expected a shape error, got {other:?}"),
        }
    }
}

#[test]
fn a_bluesky_thread_of_the_newer_unspecced_api_says_which_api_to_use() {
    let v2 = r#"{"thread": [{"uri": "at://root", "depth": 0, "value": {"$type": "app.bsky.unspecced.defs#threadItemPost"}},
                            {"uri": "at://r1", "depth": 1, "value": {"$type": "app.bsky.unspecced.defs#threadItemPost"}}],
                 "hasOtherReplies": false}"#;
    for thread in [parse_thread(v2), parse_thread_as(v2, SourceFormat::Bluesky)] {
        match thread {
            Err(ThreadError::Shape(message)) => {
                assert!(message.contains("getPostThreadV2"), "{message}");
                assert!(message.contains("app.bsky.feed.getPostThread"), "{message}");
            }
            other => panic!("expected a shape error, got {other:?}"),
        }
    }
}

#[test]
fn a_bluesky_account_whose_handle_no_longer_checks_out_is_linked_by_its_did() {
    let thread = parse_thread(
        r#"{"thread": {"$type": "app.bsky.feed.defs#threadViewPost",
            "post": {"uri": "at://did:plc:o/app.bsky.feed.post/root", "author": {"did": "did:plc:o", "handle": "handle.invalid"}, "record": {"text": "root"}},
            "replies": [
              {"$type": "app.bsky.feed.defs#threadViewPost",
               "post": {"uri": "at://r1", "author": {"did": "did:plc:x", "handle": "handle.invalid", "displayName": "Broken"},
                        "record": {"text": "hi"}}},
              {"$type": "app.bsky.feed.defs#threadViewPost",
               "post": {"uri": "at://r2", "author": {"did": "did:plc:y", "handle": "handle.invalid"},
                        "record": {"text": "hi"}}}]}}"#,
    )
    .unwrap();
    let broken = &by_id(&thread, "at://r1").author;
    assert_eq!(broken.name, "Broken");
    assert_eq!(broken.handle, None);
    assert_eq!(
        broken.url.as_deref(),
        Some("https://bsky.app/profile/did:plc:x")
    );
    assert_eq!(by_id(&thread, "at://r2").author.name, "did:plc:y");
    assert_eq!(
        thread.join.as_ref().map(|j| j.url.as_str()),
        Some("https://bsky.app/profile/did:plc:o/post/root")
    );
}

#[test]
fn what_a_post_holds_besides_text_is_said_in_words_not_left_blank() {
    let masto = parse_thread(
        r#"{"ancestors": [], "descendants": [
            {"id": "1", "in_reply_to_id": "post", "created_at": "2024-01-01T00:00:00Z", "content": "",
             "account": {"id": "a", "username": "a", "acct": "a"},
             "media_attachments": [{"type": "image", "description": "summit <ridge> at dawn"}, {"type": "image", "description": null}],
             "poll": {"options": [{"title": "Yes"}, {"title": "No"}]}}]}"#,
    )
    .unwrap();
    assert_eq!(
        masto.comments[0].body,
        "<p>🖼 summit &lt;ridge&gt; at dawn</p><p>🖼</p><p>📊 Yes · No</p>"
    );
    let post = |embed: &str| {
        format!(
            r#"{{"thread": {{"$type": "app.bsky.feed.defs#threadViewPost",
                "post": {{"uri": "at://root", "author": {{"did": "did:plc:o", "handle": "o.example"}}, "record": {{"text": "root"}}}},
                "replies": [{{"$type": "app.bsky.feed.defs#threadViewPost",
                  "post": {{"uri": "at://r1", "author": {{"did": "did:plc:a", "handle": "a.example"}},
                           "record": {{"text": ""}}, "embed": {embed}}}}}]}}}}"#
        )
    };
    let body = |embed: &str| parse_thread(&post(embed)).unwrap().comments[0].body.clone();
    assert_eq!(
        body(
            r#"{"$type": "app.bsky.embed.images#view", "images": [{"alt": "a ridge"}, {"alt": ""}]}"#
        ),
        "🖼 a ridge\n\n🖼"
    );
    let quote = r#"{"$type": "app.bsky.embed.recordWithMedia#view",
        "media": {"$type": "app.bsky.embed.images#view", "images": [{"alt": "map"}]},
        "record": {"record": {"$type": "app.bsky.embed.record#viewRecord", "uri": "at://q",
                              "author": {"did": "did:plc:q", "handle": "q.example"}, "value": {"text": "QUOTED TEXT"}}}}"#;
    assert_eq!(body(quote), "🖼 map\n\n❝ QUOTED TEXT — @q.example");
    let card = parse_thread(&post(
        r#"{"$type": "app.bsky.embed.external#view", "external": {"uri": "https://example.com/a", "title": "An article"}}"#,
    ))
    .unwrap();
    assert_eq!(card.comments[0].body, "🔗 An article");
    match &card.comments[0].format {
        BodyFormat::RichText(links) => {
            assert_eq!(links.len(), 1);
            assert_eq!(
                &card.comments[0].body[links[0].start..links[0].end],
                "An article"
            );
            assert_eq!(links[0].href, "https://example.com/a");
        }
        other => panic!("expected rich text, got {other:?}"),
    }
}

#[test]
fn one_post_left_out_is_said_in_the_singular() {
    let masto = parse_thread(
        r#"{"ancestors": [], "descendants": [
            {"id": "1", "in_reply_to_id": "post", "visibility": "direct", "content": "<p>dm</p>",
             "account": {"id": "a", "username": "a", "acct": "a"}},
            {"id": "2", "in_reply_to_id": "post", "content": "<p>hi</p>",
             "account": {"id": "a", "username": "a", "acct": "a"}}]}"#,
    )
    .unwrap();
    assert!(masto
        .report
        .console_lines()
        .iter()
        .any(|l| l.starts_with("1 Mastodon post is not shown:")));
    let bluesky = parse_thread(
        r#"{"thread": {"$type": "app.bsky.feed.defs#threadViewPost",
            "post": {"uri": "at://root", "author": {"did": "d", "handle": "h.example"}, "record": {"text": "root"},
                     "threadgate": {"record": {"hiddenReplies": ["at://r1"]}}},
            "replies": [{"$type": "app.bsky.feed.defs#threadViewPost",
                "post": {"uri": "at://r1", "author": {"did": "d", "handle": "h.example"}, "record": {"text": "hidden"}}}]}}"#,
    )
    .unwrap();
    assert!(bluesky
        .report
        .console_lines()
        .iter()
        .any(|l| l.starts_with("1 Bluesky reply is not shown, with its replies:")));
}
