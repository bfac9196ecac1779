//! The widget's own words, in one place, so that they can be translated as
//! a table. English only for now.

use crate::model::{Removed, Service};

/// The heading before the thread has loaded.
pub const COMMENTS: &str = "Comments";
/// The section toggle while the section is open.
pub const CLOSE: &str = "Close";
/// The section toggle while the section is closed.
pub const OPEN: &str = "Open";
/// An empty thread.
pub const NO_COMMENTS: &str = "No comments yet";
/// The loading placeholder's announcement.
pub const LOADING: &str = "Loading comments…";
/// The retry button.
pub const RETRY: &str = "Retry";
/// The link to where a service thread happens.
pub fn join(service: Service) -> &'static str {
    match service {
        Service::Bluesky => "Reply on Bluesky",
        Service::Mastodon => "Reply on Mastodon",
        Service::HackerNews => "Discuss on Hacker News",
    }
}

/// The button that reveals a comment behind its content warning.
pub const SHOW_CONTENT: &str = "Show content";
/// The button that hides it again.
pub const HIDE_CONTENT: &str = "Hide content";

/// The placeholder for a comment without its text.
pub fn removed(why: Removed) -> &'static str {
    match why {
        Removed::Deleted => "[deleted]",
        Removed::NotFound => "[not found]",
        Removed::Blocked => "[blocked]",
        Removed::Dead => "[dead]",
    }
}
/// A reply whose parent is not in the thread.
pub const MISSING_PARENT: &str = "reply to a missing comment";
/// The lead-in of an error line.
pub const LOAD_FAILED: &str = "Comments could not be loaded";

/// "1 Comment", "6 Comments".
///
/// ```
/// assert_eq!(kibitz::words::comment_count(1), "1 Comment");
/// assert_eq!(kibitz::words::comment_count(1234), "1,234 Comments");
/// ```
pub fn comment_count(n: usize) -> String {
    plural(n, "Comment", "Comments")
}

/// "1 reply hidden", "5 replies hidden".
pub fn replies_hidden(n: u32) -> String {
    plural(n as usize, "reply hidden", "replies hidden")
}

/// "Show 50 more replies (99,944 not shown)"; the count is left out when
/// the button shows them all.
pub fn show_more_replies(n: usize, remaining: usize) -> String {
    let more = format!("Show {}", plural(n, "more reply", "more replies"));
    if remaining > n {
        format!("{more} ({} not shown)", group_digits(remaining))
    } else {
        more
    }
}

/// "replying to Ada", for replies past the indentation limit.
pub fn replying_to(name: &str) -> String {
    format!("replying to {name}")
}

/// The accessible name of a comment's toggle.
pub fn toggle_label(open: bool, number: u32, author: &str, hidden: u32) -> String {
    if open {
        format!("Collapse comment #{number} by {author}")
    } else if hidden > 0 {
        format!(
            "Expand comment #{number} by {author} ({})",
            replies_hidden(hidden)
        )
    } else {
        format!("Expand comment #{number} by {author}")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", group_digits(n), if n == 1 { one } else { many })
}

/// 1234567 -> "1,234,567".
fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pluralise_and_group() {
        assert_eq!(comment_count(0), "0 Comments");
        assert_eq!(comment_count(6), "6 Comments");
        assert_eq!(replies_hidden(1), "1 reply hidden");
        assert_eq!(replies_hidden(5), "5 replies hidden");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000_000), "1,000,000");
    }

    #[test]
    fn toggle_label_says_what_it_hides() {
        assert_eq!(
            toggle_label(true, 3, "Ada", 5),
            "Collapse comment #3 by Ada"
        );
        assert_eq!(
            toggle_label(false, 3, "Ada", 5),
            "Expand comment #3 by Ada (5 replies hidden)"
        );
    }
}
