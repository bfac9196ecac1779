//! Error types, one enum per boundary: reading a thread document
//! ([`ThreadError`]) and loading it over the network ([`LoadError`]).
//! Every message names what was wrong and where, so a site owner can fix it
//! from the widget's own status line.

use thiserror::Error;

/// A thread document that could not be read.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ThreadError {
    /// The text is not JSON at all.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
        /// What the JSON parser expected.
        message: String,
    },
    /// The text is JSON, but not a comment thread.
    #[error("not a comment thread: {0}")]
    Shape(String),
    /// The service answered with its own error, such as "post not found".
    #[error("the service answered with an error: {0}")]
    Service(String),
}

/// Why a thread could not be loaded from its URL.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LoadError {
    /// The request never got an answer (offline, refused, reset, CORS).
    #[error("could not reach {url} ({detail})")]
    Network {
        /// The URL that was requested.
        url: String,
        /// The browser's own words, when it gives any.
        detail: String,
    },
    /// The server answered with an error status.
    #[error("{url} answered HTTP {status}{}", status_text_suffix(.status_text))]
    Status {
        /// The URL that was requested.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// The reason phrase, possibly empty.
        status_text: String,
    },
    /// The answer arrived but is not a readable thread.
    #[error("{url}: {source}")]
    Thread {
        /// The URL that was requested.
        url: String,
        /// What is wrong with the document.
        source: ThreadError,
    },
    /// Neither `data-src` nor a service shortcut names a thread; the
    /// message's example is a tag like the one the widget is on.
    #[error("data-src is missing: set it to the URL of the thread's JSON, as in {}", .0.example())]
    MissingSrc(Host),
    /// The embedding is misconfigured (for example, `data-target` matches
    /// nothing).
    #[error("{0}")]
    Config(String),
}

/// A response's reason phrase with the service's own explanation of the
/// error after it, when it says more. HTTP/2 answers have no reason
/// phrase: then the explanation alone.
///
/// ```
/// use kibitz::error::explained_status;
/// assert_eq!(explained_status("Bad Request", Some("NotFound: Post not found")), "Bad Request: NotFound: Post not found");
/// assert_eq!(explained_status("", Some("NotFound: Post not found")), "NotFound: Post not found");
/// assert_eq!(explained_status("Not Found", Some("not found")), "Not Found");
/// assert_eq!(explained_status("", None), "");
/// ```
pub fn explained_status(reason: &str, explanation: Option<&str>) -> String {
    match explanation {
        Some(more) if !more.eq_ignore_ascii_case(reason) => {
            if reason.is_empty() {
                more.to_string()
            } else {
                [reason, ": ", more].concat()
            }
        }
        _ => reason.to_string(),
    }
}

/// "404 Not Found": the status code and its reason phrase, if any.
pub fn status_line(status: u16, status_text: &str) -> String {
    format!("{status}{}", status_text_suffix(status_text))
}

fn status_text_suffix(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" {text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_message_names_url_and_code() {
        let e = LoadError::Status {
            url: "https://x.test/c.json".into(),
            status: 404,
            status_text: "Not Found".into(),
        };
        assert_eq!(
            e.to_string(),
            "https://x.test/c.json answered HTTP 404 Not Found"
        );
    }

    #[test]
    fn syntax_message_has_line_and_column() {
        let e = LoadError::Thread {
            url: "/c.json".into(),
            source: ThreadError::Syntax {
                line: 3,
                column: 7,
                message: "expected `,` or `}`".into(),
            },
        };
        assert_eq!(
            e.to_string(),
            "/c.json: invalid JSON at line 3, column 7: expected `,` or `}`"
        );
    }
}

/// The kind of element a widget or badge is on, for an example of how to
/// name its thread there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Host {
    /// kibitz.js's own `<script>` tag.
    #[default]
    Script,
    /// A `data-kibitz` element, or one given to `kibitz.mount`.
    Element,
    /// A `<kibitz-thread>` element.
    ThreadElement,
    /// A `data-kibitz-count` badge.
    Badge,
}

impl Host {
    /// The example the translations of "data-src is missing" give.
    pub const SCRIPT_EXAMPLE: &'static str =
        "<script src=\".../kibitz.js\" data-src=\"/comments/post.json\">";

    /// A tag of this kind that names its thread.
    pub fn example(self) -> &'static str {
        match self {
            Host::Script => Self::SCRIPT_EXAMPLE,
            Host::Element => "<div data-kibitz data-src=\"/comments/post.json\">",
            Host::ThreadElement => "<kibitz-thread src=\"/comments/post.json\">",
            Host::Badge => "<span data-kibitz-count data-src=\"/comments/post.json\">",
        }
    }
}
