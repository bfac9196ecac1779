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
        "<p>see <a href=\"https://x.test/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">https://x.test/a?b=1&amp;c=2</a> now</p>";
    url_trailing_period: "at http://x.test." =>
        "<p>at <a href=\"http://x.test\" rel=\"nofollow ugc noopener\">http://x.test</a>.</p>";
    url_in_parentheses: "(https://x.test/wiki/A_(b))" =>
        "<p>(<a href=\"https://x.test/wiki/A_(b)\" rel=\"nofollow ugc noopener\">https://x.test/wiki/A_(b)</a>)</p>";
    url_cannot_break_out_of_attribute: "https://x.test/\"onmouseover=alert(1)" =>
        "<p><a href=\"https://x.test/\" rel=\"nofollow ugc noopener\">https://x.test/</a>&quot;onmouseover=alert(1)</p>";
    url_with_angle_bracket: "https://x.test/<script>" =>
        "<p><a href=\"https://x.test/\" rel=\"nofollow ugc noopener\">https://x.test/</a>&lt;script&gt;</p>";
    javascript_url_not_linked: "javascript:alert(1)" => "<p>javascript:alert(1)</p>";
    scheme_only_not_linked: "http:// nothing" => "<p>http:// nothing</p>";
    url_inside_word_not_linked: "xhttps://x.test" => "<p>xhttps://x.test</p>";
    upper_case_scheme: "HTTPS://X.TEST" =>
        "<p><a href=\"HTTPS://X.TEST\" rel=\"nofollow ugc noopener\">HTTPS://X.TEST</a></p>";
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
}

#[test]
fn avatar_needs_https() {
    assert!(safe_avatar("https://img.test/a.png").is_some());
    assert!(safe_avatar("http://img.test/a.png").is_none());
    assert!(safe_avatar("data:image/png;base64,AAAA").is_none());
}
