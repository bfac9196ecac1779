//! Escaping, paragraphs, links and URL checks, including hostile input.

use super::*;

macro_rules! text_html {
    ($($name:ident: $text:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(text_to_html($text).as_str(), $want, "rendering {:?}", $text);
        }
    )*};
}

text_html! {
    plain_line: "Hello" => "<p>Hello</p>";
    blank_line_makes_paragraphs: "One\n\nTwo" => "<p>One</p><p>Two</p>";
    whitespace_only_line_is_blank: "One\n  \t\nTwo" => "<p>One</p><p>Two</p>";
    many_blank_lines_make_one_break: "One\n\n\n\nTwo" => "<p>One</p><p>Two</p>";
    single_newline_is_a_break: "One\nTwo" => "<p>One<br>Two</p>";
    crlf_lines: "One\r\n\r\nTwo\r\nThree" => "<p>One</p><p>Two<br>Three</p>";
    empty_body: "" => "";
    script_tag_is_text: "<script>alert(1)</script>" => "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>";
    img_onerror_is_text: "<img src=x onerror=alert(1)>" => "<p>&lt;img src=x onerror=alert(1)&gt;</p>";
    entities_stay_literal: "&lt;b&gt; &amp;" => "<p>&amp;lt;b&amp;gt; &amp;amp;</p>";
    bare_url: "see https://x.test/a?b=1&c=2 now" =>
        "<p>see <a href=\"https://x.test/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener noreferrer\">https://x.test/a?b=1&amp;c=2</a> now</p>";
    url_trailing_period: "at http://x.test." =>
        "<p>at <a href=\"http://x.test\" rel=\"nofollow ugc noopener noreferrer\">http://x.test</a>.</p>";
    url_in_parentheses: "(https://x.test/wiki/A_(b))" =>
        "<p>(<a href=\"https://x.test/wiki/A_(b)\" rel=\"nofollow ugc noopener noreferrer\">https://x.test/wiki/A_(b)</a>)</p>";
    url_cannot_break_out_of_attribute: "https://x.test/\"onmouseover=alert(1)" =>
        "<p><a href=\"https://x.test/\" rel=\"nofollow ugc noopener noreferrer\">https://x.test/</a>&quot;onmouseover=alert(1)</p>";
    url_with_angle_bracket: "https://x.test/<script>" =>
        "<p><a href=\"https://x.test/\" rel=\"nofollow ugc noopener noreferrer\">https://x.test/</a>&lt;script&gt;</p>";
    javascript_url_not_linked: "javascript:alert(1)" => "<p>javascript:alert(1)</p>";
    scheme_only_not_linked: "http:// nothing" => "<p>http:// nothing</p>";
    url_inside_word_not_linked: "xhttps://x.test" => "<p>xhttps://x.test</p>";
    upper_case_scheme: "HTTPS://X.TEST" =>
        "<p><a href=\"HTTPS://X.TEST\" rel=\"nofollow ugc noopener noreferrer\">HTTPS://X.TEST</a></p>";
    unicode_text: "Grüße, 世界 👋" => "<p>Grüße, 世界 👋</p>";
    quotes_escaped: "\"it's\"" => "<p>&quot;it&#39;s&quot;</p>";
}

macro_rules! href {
    ($($name:ident: $url:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(safe_href($url).as_deref(), $want, "checking {:?}", $url);
        }
    )*};
}

href! {
    href_https: "https://a.test/x" => Some("https://a.test/x");
    href_http: "http://a.test" => Some("http://a.test");
    href_mailto: "mailto:ada@a.test" => Some("mailto:ada@a.test");
    href_javascript: "javascript:alert(1)" => None;
    href_javascript_mixed_case: "JaVaScRiPt:alert(1)" => None;
    href_javascript_tab: "java\tscript:alert(1)" => None;
    href_javascript_newline: "java\nscript:alert(1)" => None;
    href_javascript_leading_control: "\u{1}javascript:alert(1)" => None;
    href_data: "data:text/html,<script>alert(1)</script>" => None;
    href_vbscript: "vbscript:msgbox(1)" => None;
    href_relative: "/about" => None;
    href_protocol_relative: "//evil.test" => None;
    href_entity_is_not_decoded_here: "javascript&#58;alert(1)" => None;
    href_whitespace_inside_scheme: "ht tps://a.test" => Some("https://a.test");
    href_empty: "" => None;
    href_scheme_without_host: "https:" => None;
    href_empty_host_then_path: "https:///evil.test" => None;
    href_empty_host_then_backslash: "http://\\evil.test" => None;
    href_empty_host_then_query: "https://?q=1" => None;
    href_empty_host_then_fragment: "https://#x" => None;
    href_c1_control_stripped: "https://a.test/\u{80}x\u{9F}" => Some("https://a.test/x");
}

#[test]
fn avatar_needs_https() {
    assert!(safe_avatar("https://img.test/a.png").is_some());
    assert!(safe_avatar("http://img.test/a.png").is_none());
    assert!(safe_avatar("data:image/png;base64,AAAA").is_none());
}

macro_rules! html {
    ($($name:ident: $html:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(html_to_safe($html).as_str(), $want, "sanitising {:?}", $html);
        }
    )*};
}

html! {
    html_plain_text: "hello" => "hello";
    html_keeps_allowed: "<p><em>a</em> <strong>b</strong> <code>c</code></p>" => "<p><em>a</em> <strong>b</strong> <code>c</code></p>";
    html_drops_attributes: "<p class=\"x\" style=\"color:red\" onclick=\"alert(1)\">a</p>" => "<p>a</p>";
    html_uppercase_tags: "<P><B>a</B></P>" => "<p><b>a</b></p>";
    html_br_variants: "a<br>b<br/>c<BR />d" => "a<br>b<br>c<br>d";
    html_script_removed_with_content: "a<script>alert('</p>')</script>b" => "ab";
    html_script_uppercase: "a<SCRIPT SRC=x></SCRIPT >b" => "ab";
    html_unclosed_script_drops_rest: "a<script>alert(1)" => "a";
    html_style_removed: "<style>p{color:red}</style>x" => "x";
    html_svg_removed_nested: "<svg><svg><script>x</script></svg><a>y</a></svg>z" => "z";
    html_math_removed: "<math><mtext><img src=x onerror=alert(1)></mtext></math>ok" => "ok";
    html_template_removed: "<template><img src=x onerror=alert(1)></template>ok" => "ok";
    html_iframe_srcdoc_removed: "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>ok" => "ok";
    html_form_removed: "<form action=\"https://evil.test\"><input name=x></form>ok" => "ok";
    html_img_dropped: "<img src=x onerror=alert(1)>ok" => "ok";
    html_unknown_unwrapped: "<font color=red>a</font><marquee>b</marquee>" => "ab";
    html_div_becomes_paragraph: "<div>a</div><div>b</div>" => "<p>a</p><p>b</p>";
    html_comment_removed: "a<!-- <script>alert(1)</script> -->b" => "ab";
    html_conditional_comment: "a<!--[if IE]><script>x</script><![endif]-->b" => "ab";
    html_doctype_removed: "<!doctype html>a" => "a";
    html_lone_lt_is_text: "1 < 2 and 3<4" => "1 &lt; 2 and 3&lt;4";
    html_entities_round_trip: "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#x27;" =>
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;";
    html_safe_link: "<a href=\"https://a.test/?a=1&amp;b=2\" target=\"_blank\">x</a>" =>
        "<a href=\"https://a.test/?a=1&amp;b=2\" rel=\"nofollow ugc noopener noreferrer\">x</a>";
    html_javascript_link_unwrapped: "<a href=\"javascript:alert(1)\">x</a>" => "x";
    html_javascript_entity_link: "<a href=\"javascript&#58;alert(1)\">x</a>" => "x";
    html_javascript_hex_entity_tab: "<a href=\"jav&#x09;ascript:alert(1)\">x</a>" => "x";
    html_javascript_named_colon: "<a href=\"javascript&colon;alert(1)\">x</a>" => "x";
    html_javascript_leading_space: "<a href=\" \u{1}javascript:alert(1)\">x</a>" => "x";
    html_data_link: "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>" => "x";
    html_vbscript_link: "<a href='VBScript:msgbox(1)'>x</a>" => "x";
    html_unquoted_href: "<a href=https://a.test>x</a>" => "<a href=\"https://a.test\" rel=\"nofollow ugc noopener noreferrer\">x</a>";
    html_nested_links_flattened: "<a href=\"https://a.test\">a<a href=\"https://b.test\">b</a></a>" =>
        "<a href=\"https://a.test\" rel=\"nofollow ugc noopener noreferrer\">ab</a>";
    html_unbalanced_closed: "<p><em>a" => "<p><em>a</em></p>";
    html_stray_end_tags_ignored: "</p></em>a</div>" => "a";
    html_misnested_closed_in_order: "<b><i>a</b>c</i>" => "<b><i>a</i></b>c";
    html_p_closes_p: "<p>a<p>b" => "<p>a</p><p>b</p>";
    html_lists: "<ul><li>a<li>b</ul>" => "<ul><li>a</li><li>b</li></ul>";
    html_quote_in_attribute_with_gt: "<a title=\"a>b\" href=\"https://a.test\">x</a>" =>
        "<a href=\"https://a.test\" rel=\"nofollow ugc noopener noreferrer\">x</a>";
    html_attribute_breakout: "<p title=\"\"><script>alert(1)</script>\">x</p>" => "<p>&quot;&gt;x</p>";
    html_id_and_name_dropped: "<span id=\"kibitz-1-comments\" name=\"body\">x</span>" => "<span>x</span>";
    html_mastodon_shape: "<p>Hi <span class=\"h-card\"><a href=\"https://m.test/@bo\" class=\"u-url mention\">@<span>bo</span></a></span></p>" =>
        "<p>Hi <span><a href=\"https://m.test/@bo\" rel=\"nofollow ugc noopener noreferrer\">@<span>bo</span></a></span></p>";
    html_hn_shape: "It&#x27;s fine.<p>See <a href=\"https:&#x2F;&#x2F;x.test&#x2F;\" rel=\"nofollow\">x.test</a>" =>
        "It&#39;s fine.<p>See <a href=\"https://x.test/\" rel=\"nofollow ugc noopener noreferrer\">x.test</a></p>";
    html_abrupt_empty_comments: "<!-->visible <b>after</b><p>a<!--->b</p>" => "visible <b>after</b><p>ab</p>";
    html_noscript_mxss: "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">" => "&quot;&gt;";
}

#[test]
fn entity_decoding_handles_edge_cases() {
    assert_eq!(decode_entities("&amp"), "&");
    // A legacy name run into other letters stays literal, as browsers keep
    // it in attributes (`?a=1&copy=2` is a URL, not a copyright sign).
    assert_eq!(decode_entities("&ampx"), "&ampx");
    assert_eq!(decode_entities("?a=1&copy=2"), "?a=1&copy=2");
    assert_eq!(decode_entities("&#x110000;"), "\u{fffd}");
    assert_eq!(decode_entities("&#xD800;"), "\u{fffd}");
    assert_eq!(decode_entities("&#99999999999;"), "\u{fffd}");
    assert_eq!(decode_entities("&#;"), "&#;");
    assert_eq!(decode_entities("&hellip;"), "…");
}

macro_rules! markdown {
    ($($name:ident: $md:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(markdown_to_html($md).as_str(), $want, "rendering {:?}", $md);
        }
    )*};
}

markdown! {
    md_paragraphs: "a\n\nb" => "<p>a</p><p>b</p>";
    md_line_break: "a\nb" => "<p>a<br>b</p>";
    md_emphasis: "*a* _b_ **c** __d__" => "<p><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong></p>";
    md_nested_emphasis: "**bold *and em* too**" => "<p><strong>bold <em>and em</em> too</strong></p>";
    md_snake_case_untouched: "use snake_case_names here" => "<p>use snake_case_names here</p>";
    md_lone_star: "2 * 3 * 4" => "<p>2 * 3 * 4</p>";
    md_inline_code: "run `rm -rf <dir>` now" => "<p>run <code>rm -rf &lt;dir&gt;</code> now</p>";
    md_code_keeps_markup_literal: "`**x**`" => "<p><code>**x**</code></p>";
    md_fenced_code: "```\n<b>x</b>\n  y\n```\nafter" => "<pre><code>&lt;b&gt;x&lt;/b&gt;\n  y</code></pre><p>after</p>";
    md_unclosed_fence: "```\ncode" => "<pre><code>code</code></pre>";
    md_link: "[site](https://a.test/x)" => "<p><a href=\"https://a.test/x\" rel=\"nofollow ugc noopener noreferrer\">site</a></p>";
    md_javascript_link_is_text: "[x](javascript:alert(1))" => "<p>[x](javascript:alert(1))</p>";
    md_data_link_is_text: "[x](data:text/html,hi)" => "<p>[x](data:text/html,hi)</p>";
    md_link_label_is_escaped: "[<img src=x>](https://a.test)" => "<p><a href=\"https://a.test\" rel=\"nofollow ugc noopener noreferrer\">&lt;img src=x&gt;</a></p>";
    md_autolink: "<https://a.test>" => "<p><a href=\"https://a.test\" rel=\"nofollow ugc noopener noreferrer\">https://a.test</a></p>";
    md_bare_url: "see https://a.test" => "<p>see <a href=\"https://a.test\" rel=\"nofollow ugc noopener noreferrer\">https://a.test</a></p>";
    md_raw_html_is_text: "<script>alert(1)</script>" => "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>";
    md_quote: "> a\n> b\n\nc" => "<blockquote><p>a<br>b</p></blockquote><p>c</p>";
    md_nested_quote: "> > a" => "<blockquote><blockquote><p>a</p></blockquote></blockquote>";
    md_bullets: "- a\n- b\n\nc" => "<ul><li>a</li><li>b</li></ul><p>c</p>";
    md_ordered: "1. a\n2. b" => "<ol><li>a</li><li>b</li></ol>";
    md_list_continuation: "- a\n  more\n- b" => "<ul><li>a<br>more</li><li>b</li></ul>";
    md_escape: "\\*not em\\*" => "<p>*not em*</p>";
    md_heading_is_a_paragraph: "# Title" => "<p># Title</p>";
    md_link_title_dropped: "[x](https://ok.test/ \"t\" onmouseover=\"alert(1)\")" =>
        "<p><a href=\"https://ok.test/\" rel=\"nofollow ugc noopener noreferrer\">x</a>&quot;)</p>";
    md_nested_brackets: "[[x](https://a.test)" => "<p>[<a href=\"https://a.test\" rel=\"nofollow ugc noopener noreferrer\">x</a></p>";
    md_many_unclosed_stars: "*a *b *c" => "<p>*a *b *c</p>";
}

#[test]
fn deep_markdown_quotes_do_not_recurse_without_bound() {
    let text = "> ".repeat(50_000) + "x";
    let html = markdown_to_html(&text);
    assert_eq!(html.as_str().matches("<blockquote>").count(), MAX_QUOTES);
}

const MAX_QUOTES: usize = 8;

#[test]
fn deep_emphasis_does_not_recurse_without_bound() {
    let text = "*".repeat(20_000) + "x" + &"*".repeat(20_000);
    assert!(!markdown_to_html(&text).as_str().is_empty());
}

#[test]
fn nesting_deeper_than_the_open_limit_is_unwrapped() {
    let html = html_to_safe(&("<b>".repeat(200) + "x"));
    assert_eq!(html.as_str().matches("<b>").count(), 64);
    assert!(html.as_str().contains('x'));
}

/// The bytewise escaper that `escape_into` replaced: the reference its
/// word-at-a-time scan must match on every input.
fn escape_bytewise(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The bytewise URL finder that `find_url_start` replaced: the first
/// `http://` or `https://`, in any case, not preceded by a letter or digit.
fn url_start_bytewise(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let starts = |at: usize, prefix: &[u8]| {
        bytes.len() >= at + prefix.len()
            && bytes[at..at + prefix.len()].eq_ignore_ascii_case(prefix)
    };
    (0..bytes.len()).find(|&at| {
        matches!(bytes[at], b'h' | b'H')
            && (starts(at, b"https://") || starts(at, b"http://"))
            && !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    })
}

/// Texts made of the pieces that matter to escaping and links, at every
/// alignment against the eight-byte words: a fixed-seed generator, so a
/// failure names an input that can be replayed.
fn scanner_corpus() -> Vec<String> {
    corpus(&[
        "a",
        "h",
        "H",
        "x",
        " ",
        "\n",
        ":",
        "/",
        "//",
        "http",
        "https",
        "HTTP",
        "hTtPs",
        "://",
        "&",
        "<",
        ">",
        "\"",
        "'",
        "é",
        "日本",
        "9",
        "http://a.test",
        "https://b.test/x?y=1&z",
    ])
}

/// 4,000 texts of up to 40 of `pieces`, from a fixed-seed generator.
fn corpus(pieces: &[&str]) -> Vec<String> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..4000)
        .map(|_| {
            let len = (next() % 40) as usize;
            (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect()
        })
        .collect()
}

/// Texts around URLs with every kind of white space and control character
/// a URL may meet: ASCII ones, the vertical tab that `u8`'s test for
/// white space leaves out, and Unicode ones.
fn url_corpus() -> Vec<String> {
    corpus(&[
        "a",
        "/",
        ":",
        ".",
        "https://c.test/",
        " ",
        "\t",
        "\n",
        "\r",
        "\u{0B}",
        "\u{0C}",
        "\u{1F}",
        "\u{7F}",
        "\u{85}",
        "\u{A0}",
        "\u{2003}",
        "\u{3000}",
        "é",
        "日本",
        "<",
        ">",
        "\"",
        "'",
        "&",
    ])
}

#[test]
fn a_bare_url_ends_where_the_char_by_char_scan_ended_it() {
    let mut stopped = 0;
    for text in url_corpus() {
        let want = text
            .find(|c: char| {
                c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'')
            })
            .unwrap_or(text.len());
        stopped += usize::from(want < text.len());
        assert_eq!(url_end(&text), want, "the end of a URL in {text:?}");
    }
    assert!(stopped > 3000, "only {stopped} texts held a stop");
}

#[test]
fn printable_ascii_urls_are_kept_whole_and_others_lose_white_space_and_controls() {
    let mut changed = 0;
    for text in url_corpus() {
        let want: String = text
            .chars()
            .filter(|c| !c.is_control() && !c.is_whitespace())
            .collect();
        changed += usize::from(want != text);
        assert_eq!(normalized_url(&text), want, "normalising {text:?}");
    }
    assert!(changed > 3000, "only {changed} texts had anything to strip");
    assert_eq!(
        normalized_url("https://x.test/a?b=1#c"),
        "https://x.test/a?b=1#c"
    );
}

#[test]
fn escaping_eight_bytes_at_a_time_matches_escaping_each_byte() {
    for text in scanner_corpus() {
        let mut out = String::new();
        escape_into(&text, &mut out);
        assert_eq!(out, escape_bytewise(&text), "escaping {text:?}");
    }
}

#[test]
fn finding_urls_by_their_colon_matches_looking_at_every_h() {
    let mut found = 0;
    for text in scanner_corpus() {
        let want = url_start_bytewise(&text);
        found += usize::from(want.is_some());
        assert_eq!(find_url_start(&text), want, "finding a URL in {text:?}");
    }
    // The corpus must exercise both answers.
    assert!(found > 500, "only {found} texts held a URL");
}

#[test]
fn a_control_character_ends_a_bare_url_so_the_address_is_the_text_shown() {
    for control in ["\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}"] {
        let html = text_to_html(&format!("see https://x.test/a{control}b"))
            .as_str()
            .to_owned();
        assert!(
            html.contains(r#"<a href="https://x.test/a" rel="#)
                && html.contains(">https://x.test/a</a>"),
            "{control:?}: {html}"
        );
        let html = markdown_to_html(&format!("see https://x.test/a{control}b"))
            .as_str()
            .to_owned();
        assert!(
            html.contains(r#"<a href="https://x.test/a" rel="#),
            "{control:?}: {html}"
        );
    }
}

#[test]
fn an_autolink_with_a_control_character_is_no_autolink() {
    // Left as text, where the bare URL before the control is linked.
    let html = markdown_to_html("<https://x.test/a\u{0}b>")
        .as_str()
        .to_owned();
    assert!(
        html.starts_with(r#"<p>&lt;<a href="https://x.test/a" rel="#)
            && html.ends_with("b&gt;</p>"),
        "{html:?}"
    );
    let html = markdown_to_html("<https://x.test/ab>").as_str().to_owned();
    assert!(
        html.starts_with(r#"<p><a href="https://x.test/ab" rel="#),
        "{html:?}"
    );
}

#[test]
fn a_markdown_body_makes_at_most_a_thousand_inline_elements_then_reads_as_text() {
    let elements = |html: &str| {
        ["<em>", "<strong>", "<code>", "<a "]
            .iter()
            .map(|tag| html.matches(tag).count())
            .sum::<usize>()
    };
    let hostile = "*_".repeat(5_000);
    let html = super::markdown_to_html(&hostile);
    assert_eq!(elements(html.as_str()), 1_000);
    // Every mark is there, but the two each element took as its
    // delimiters: the rest as text.
    let text = html.as_str().replace(|c| c != '*' && c != '_', "");
    assert_eq!(text.len(), 10_000 - 2 * 1_000);
    // The budget is per body: the next one has its own.
    let next = super::markdown_to_html("*a* `b` [c](https://c.test)");
    assert_eq!(elements(next.as_str()), 3);
}

#[test]
fn a_body_is_cut_at_32_kb_and_a_name_loses_stacked_marks() {
    let long = "word ".repeat(10_000);
    let zalgo = format!("Z{}", "\u{301}".repeat(200_000));
    let thread = crate::normalize::parse_thread(&format!(
        r#"[{{"id": 1, "author": "{zalgo}", "body": "{long}"}},
            {{"id": 2, "author": " \u200b ", "body": "invisible author"}}]"#
    ))
    .unwrap();
    let comment = &thread.comments[0];
    assert!(comment.body.len() <= crate::model::MAX_BODY_BYTES + '…'.len_utf8());
    assert!(comment.body.ends_with('…'));
    assert_eq!(comment.author.name, format!("Z{}", "\u{301}".repeat(4)));
    // A name of nothing visible is no name: that comment cannot be read.
    assert_eq!(thread.count(), 1);
    assert_eq!(thread.report.skipped.len(), 1);
}
