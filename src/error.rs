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
    /// Neither `data-src` nor a service shortcut names a thread.
    #[error("data-src is missing: set it to the URL of the thread's JSON, as in <script src=\".../kibitz.js\" data-src=\"/comments/post.json\">")]
    MissingSrc,
    /// The embedding is misconfigured (for example, `data-target` matches
    /// nothing).
    #[error("{0}")]
    Config(String),
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
