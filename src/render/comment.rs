//! One comment's markup: its header (toggle, picture, author, time,
//! number), then its body, behind its content warning if it has one. Every
//! name, attribute and piece of text is escaped; bodies come from the
//! sanitiser.

use super::{Say, ThreadView};
use crate::i18n::fill;
use crate::model::{CommentNode, Detached};
use crate::sanitize::{escape_into, name_with_emoji, render_body, with_mention, SafeHtml, UGC_REL};
use crate::time::to_iso;

impl ThreadView {
    /// A comment's name as shown: the author, or the placeholder of a
    /// removed comment.
    pub(super) fn display_name(&self, index: usize, say: &Say) -> &str {
        let node = &self.thread.comments[index];
        match node.removed {
            Some(removed) => say.speak.removed(removed),
            None => &node.author.name,
        }
    }

    /// The accessible name of comment `index`'s toggle, `open` or not. A
    /// removed comment's placeholder is no author to name.
    pub(super) fn toggle_label(&self, index: usize, open: bool, say: &Say) -> String {
        let node = &self.thread.comments[index];
        let author = node.removed.is_none().then_some(&*node.author.name);
        say.speak
            .toggle_label(open, node.number, author, node.descendants)
    }

    /// "replying to Ada", or to a removed comment.
    fn replying_to(&self, parent: usize, say: &Say) -> String {
        let node = &self.thread.comments[parent];
        match node.removed {
            Some(_) => say.speak.words().replying_to_removed.to_string(),
            None => say.speak.replying_to(&node.author.name),
        }
    }

    /// Writes a comment up to and including its body, leaving its content
    /// element open for replies. `flat` carries whom a flat item answers
    /// and whether a collapsed item above hides it.
    pub(super) fn comment_into(
        &mut self,
        index: usize,
        flat: Option<(Option<usize>, bool)>,
        say: &Say,
        out: &mut String,
    ) {
        let node = &self.thread.comments[index];
        let open = self.open[index];
        let content_id = self.content_id(index);
        let anchor = self.anchor(index);
        let name = self.display_name(index, say);

        out.push_str("<li class=\"kibitz-comment");
        if !open {
            out.push_str(" kibitz-comment--collapsed");
        }
        if node.removed.is_some() {
            out.push_str(" kibitz-comment--deleted");
        }
        if flat.is_some() {
            out.push_str(" kibitz-comment--flat");
        }
        out.push('"');
        attribute(out, "data-comment-id", &node.id);
        attribute(out, "id", &anchor);
        if flat.as_ref().is_some_and(|(_, hidden)| *hidden) {
            out.push_str(" hidden");
        }
        out.push_str("><div class=\"kibitz-comment__meta\"><button type=\"button\" class=\"kibitz-comment__toggle\"");
        attribute(out, "aria-expanded", if open { "true" } else { "false" });
        attribute(out, "aria-controls", &content_id);
        let label = self.toggle_label(index, open, say);
        attribute(out, "aria-label", &label);
        // The sign (− or +) is the stylesheet's, from aria-expanded: two
        // nodes fewer per comment for the browser to parse.
        out.push_str("></button>");
        if self.options.avatars {
            avatar_into(node, out);
        }
        out.push_str("<span class=\"kibitz-comment__byline\">");
        if node.removed.is_none() {
            author_into(node, name, out);
            if let Some(handle) = &node.author.handle {
                out.push_str("<span class=\"kibitz-comment__handle\" dir=\"auto\">");
                escape_into(handle, out);
                out.push_str("</span>");
            }
        }
        // A placeholder with no date (a post the service no longer has)
        // shows no time rather than "date unknown".
        if node.created.is_some() || node.removed.is_none() {
            let time = say.dates.label(node.created);
            self.live |= say.dates.changes(node.created);
            // A <span>, not a <time>: Chromium parses markup without <time>
            // on its fast path, about twice as fast for a page of comments.
            // The tooltip (the full date) is written when the pointer first
            // reaches the time (components/thread/controls.rs), not for every comment.
            out.push_str("<span class=\"kibitz-comment__time\"");
            if !time.iso.is_empty() {
                attribute(out, "data-datetime", &time.iso);
            }
            out.push('>');
            escape_into(&time.text, out);
            out.push_str("</span>");
        }
        if let Some(at) = node.edited {
            out.push_str("<span class=\"kibitz-comment__edited\"");
            attribute(out, "data-datetime", &to_iso(at));
            out.push('>');
            escape_into(say.speak.words().edited, out);
            out.push_str("</span>");
        }
        let is_flat = flat.is_some();
        let context = match (node.detached, flat.and_then(|(answers, _)| answers)) {
            (Some(Detached::MissingParent), _) => {
                Some(say.speak.words().missing_parent.to_string())
            }
            (_, Some(parent)) => Some(self.replying_to(parent, say)),
            _ => None,
        };
        if let Some(context) = context {
            out.push_str("<span class=\"kibitz-comment__context\">");
            escape_into(&context, out);
            out.push_str("</span>");
        } else if let (false, Some(parent)) = (is_flat, node.parent) {
            // Nesting shows whom a reply answers; a screen reader says it.
            out.push_str("<span class=\"kibitz-visually-hidden\">");
            escape_into(&self.replying_to(parent, say), out);
            out.push_str("</span>");
        }
        // The number is the comment's permalink: following it marks the
        // comment, and the widget copies its address (components/thread/links.rs).
        let number = say.speak.number(node.number as usize);
        out.push_str("</span><a class=\"kibitz-comment__number\" href=\"#");
        escape_into(&anchor, out);
        out.push('"');
        attribute(
            out,
            "aria-label",
            &fill(say.speak.words().link_to_comment, &[("number", &number)]),
        );
        out.push_str(">#");
        escape_into(&number, out);
        out.push_str("</a>");
        if node.descendants > 0 {
            out.push_str("<span class=\"kibitz-comment__hidden\"");
            if open {
                out.push_str(" hidden");
            }
            out.push('>');
            escape_into(&say.speak.replies_hidden(node.descendants), out);
            out.push_str("</span>");
        }
        out.push_str("</div><div class=\"kibitz-comment__content\"");
        attribute(out, "id", &content_id);
        if !open {
            out.push_str(" hidden");
        }
        out.push('>');
        self.body_into(index, &content_id, say, out);
    }

    /// The body: a placeholder for a removed comment; otherwise the
    /// sanitised body, behind its content warning if it has one, with a
    /// leading "@Name" linked to the comment it answers.
    fn body_into(&self, index: usize, content_id: &str, say: &Say, out: &mut String) {
        let node = &self.thread.comments[index];
        if let Some(removed) = node.removed {
            out.push_str("<p class=\"kibitz-comment__deleted\">");
            escape_into(say.speak.removed(removed), out);
            out.push_str("</p>");
            return;
        }
        let html = match node.mention {
            Some((len, target)) if node.body.is_char_boundary(len) => {
                let rest = &node.body[len..];
                let mut href = String::from("#");
                href.push_str(&self.anchor(target));
                with_mention(
                    render_body(rest, &node.format, &node.emoji),
                    &node.body[..len],
                    &href,
                    rest.starts_with(char::is_whitespace),
                )
            }
            _ => render_body(&node.body, &node.format, &node.emoji),
        };
        let lang = self.text_lang(index, say);
        let Some(warning) = &node.warning else {
            body_html_into(&html, lang, out);
            return;
        };
        let words = say.speak.words();
        // An empty warning marks a post flagged sensitive without words of its own.
        let warning = if warning.is_empty() {
            words.sensitive_content
        } else {
            warning
        };
        let mut body_id = content_id.to_string();
        body_id.push_str("-body");
        out.push_str(
            "<div class=\"kibitz-warning\"><span class=\"kibitz-warning__text\" dir=\"auto\"",
        );
        // The widget's own words for a post flagged without any: its language.
        if let Some(lang) = lang.filter(|_| warning != words.sensitive_content) {
            attribute(out, "lang", lang);
        }
        out.push('>');
        escape_into(warning, out);
        out.push_str("</span><button type=\"button\" class=\"kibitz-button kibitz-warning__toggle\" aria-expanded=\"false\"");
        attribute(out, "aria-controls", &body_id);
        out.push('>');
        escape_into(words.show_content, out);
        out.push_str("</button></div><div");
        attribute(out, "id", &body_id);
        out.push_str(" hidden>");
        body_html_into(&html, lang, out);
        out.push_str("</div>");
    }
}

/// ` name="value"`, escaped.
fn attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_into(value, out);
    out.push('"');
}

fn body_html_into(html: &SafeHtml, lang: Option<&str>, out: &mut String) {
    out.push_str("<div class=\"kibitz-comment__body\" dir=\"auto\"");
    if let Some(lang) = lang {
        attribute(out, "lang", lang);
    }
    out.push('>');
    out.push_str(html.as_str());
    out.push_str("</div>");
}

/// The author's name, linked to their page when they have one.
fn author_into(node: &CommentNode, name: &str, out: &mut String) {
    let tag = if node.author.url.is_some() {
        "a"
    } else {
        "span"
    };
    out.push('<');
    out.push_str(tag);
    out.push_str(" class=\"kibitz-comment__author\" dir=\"auto\"");
    if let Some(url) = &node.author.url {
        attribute(out, "href", url);
        attribute(out, "rel", UGC_REL);
    }
    out.push('>');
    if node.author.emoji.is_empty() {
        escape_into(name, out);
    } else {
        out.push_str("<span>");
        out.push_str(name_with_emoji(name, &node.author.emoji).as_str());
        out.push_str("</span>");
    }
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// The author's initial on a colour picked from the name, under their
/// picture when they have one (named in `data-avatar`): if the picture
/// fails to load, the widget hides it and the initial shows through.
fn avatar_into(node: &CommentNode, out: &mut String) {
    let removed = node.removed.is_some();
    out.push_str("<span class=\"kibitz-avatar kibitz-avatar--");
    // A removed comment's colour must not hint at who wrote it.
    if removed {
        out.push_str("removed");
    } else {
        let hue = node
            .author
            .name
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b.into()))
            % 8;
        out.push_str("hue");
        out.push(char::from(b'0' + hue as u8));
    }
    out.push_str("\" aria-hidden=\"true\"");
    // The picture itself is added when the comment comes near the viewport
    // (`components/markup.rs`): thousands of lazy images cost the browser
    // time even far from the screen, and an `<img>` here would send the
    // whole slice past Chromium's fast HTML parser.
    if let Some(src) = node.author.avatar.as_ref().filter(|_| !removed) {
        attribute(out, "data-avatar", src);
        attribute(out, "data-avatar-alt", &node.author.name);
    }
    out.push('>');
    // Capitalised by the stylesheet (`text-transform`).
    match node.author.name.chars().find(|c| c.is_alphanumeric()) {
        Some(initial) if !removed => {
            let mut buffer = [0; 4];
            escape_into(initial.encode_utf8(&mut buffer), out);
        }
        _ => out.push('?'),
    }
    out.push_str("</span>");
}
