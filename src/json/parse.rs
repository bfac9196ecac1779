//! A JSON parser for thread documents (RFC 8259), into [`Value`]s that
//! borrow from the text: strings without escapes and every number stay
//! slices of the document. Hand-written because it is the one piece of
//! JSON kibitz needs: serde_json's parser, `Value` and float printing cost
//! about 12 KB gzip of the widget's download. Linear in the input, and
//! differentially tested
//! against serde_json (`src/json/tests.rs`). Nothing here recurses over
//! the document: containers are read with an explicit stack and dropped
//! with an explicit path, so nesting is bounded only by [`MAX_DEPTH`].

use std::borrow::Cow;

use crate::bytescan::{position_from, word_has, word_has_below};

/// A parsed JSON value, borrowing from the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written (`42`, `-4.5e3`).
    Number(&'a str),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object's members in document order (a repeated key: the last wins).
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

/// Where a document stops being JSON, and why (in serde_json's words).
/// Unlike serde_json, a lone surrogate escape (`"\ud800"`) is no error:
/// it reads as U+FFFD, as the browser shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What was expected: "trailing comma", "EOF while parsing a list".
    pub message: &'static str,
}

/// Arrays and objects nest at most this deep. Nested services need depth:
/// Bluesky answers kibitz's `depth=1000` with a reply chain nested up to
/// 1,000 replies deep, two JSON levels a reply (Hacker News and kibitz's
/// own `replies` likewise), and a conversation between two people easily
/// runs past serde_json's 128 levels (about 60 replies), which once failed
/// such a thread whole. The bound keeps what a hostile document's open
/// containers hold while it is read to about half a megabyte.
pub const MAX_DEPTH: usize = 10_000;

impl Drop for Value<'_> {
    /// Takes nested containers apart without recursion: the compiler's own
    /// drop would recurse once per level, and a document 10,000 levels deep
    /// would overflow the stack (in wasm, silently into the heap below it).
    fn drop(&mut self) {
        match self {
            Value::Array(items) if !items.is_empty() => take_apart(self),
            Value::Object(members) if !members.is_empty() => take_apart(self),
            _ => {}
        }
    }
}

/// Empties `container` and every container below it, without recursion:
/// depth first, one value at a time, keeping only the path from
/// `container` down to the one being emptied. (Moving each container's
/// values onto one list instead made one big allocation at the end of a
/// big thread's reading, which grew the wasm's memory by another stride.)
/// Out of line: every drop of a value would carry a copy.
#[inline(never)]
fn take_apart(container: &mut Value<'_>) {
    let nested = |value: &Value<'_>| match value {
        Value::Array(items) => !items.is_empty(),
        Value::Object(members) => !members.is_empty(),
        _ => false,
    };
    let mut path = Vec::new();
    let mut value = std::mem::replace(container, Value::Null);
    loop {
        let next = match &mut value {
            Value::Array(items) => items.pop(),
            Value::Object(members) => members.pop().map(|(_, member)| member),
            _ => None,
        };
        match next {
            Some(child) if nested(&child) => path.push(std::mem::replace(&mut value, child)),
            // A scalar or an empty container: dropped here, at no depth.
            Some(_) => {}
            // `value` is empty: dropped as its parent takes its place.
            None => match path.pop() {
                Some(parent) => value = parent,
                None => return,
            },
        }
    }
}

/// An array or object being read.
enum Open<'a> {
    Array(Vec<Value<'a>>),
    Object(Vec<(Cow<'a, str>, Value<'a>)>, Option<Cow<'a, str>>),
}

/// Parses a whole document.
///
/// ```
/// use kibitz::json::parse::{parse, Value};
/// assert_eq!(parse(r#"{"n": [1, "x"]}"#).unwrap(), Value::Object(vec![(
///     "n".into(),
///     Value::Array(vec![Value::Number("1"), Value::String("x".into())]),
/// )]));
/// assert_eq!(parse("[1,]").unwrap_err().message, "trailing comma");
/// ```
pub fn parse(text: &str) -> Result<Value<'_>, SyntaxError> {
    Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    }
    .document()
}

/// Where the run of string bytes from `at` that need no attention ends: at
/// the first `"`, `\\` or control character, or the end of the text.
/// Eight bytes at a time: bodies are long runs between escapes.
fn plain_run_end(bytes: &[u8], at: usize) -> usize {
    position_from(
        bytes,
        at,
        |word| word_has(word, b'"') | word_has(word, b'\\') | word_has_below(word, 0x20),
        |byte| matches!(byte, b'"' | b'\\' | 0..=0x1f),
    )
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    fn document(mut self) -> Result<Value<'a>, SyntaxError> {
        let mut stack: Vec<Open<'a>> = Vec::new();
        let mut value = self.value_or_open(&mut stack)?;
        while !stack.is_empty() {
            value = self.after_value(&mut stack, value)?;
        }
        self.skip_space();
        if self.at < self.bytes.len() {
            return Err(self.error("trailing characters"));
        }
        Ok(value.unwrap_or(Value::Null))
    }

    /// One step once a value is read, or a container opened: the finished
    /// value goes into the innermost open container, which then goes on
    /// (`,`) or closes. Out of line, so that V8 optimises this small step,
    /// called for every value, and not the loop around it, which runs once
    /// a document (see `formats::read_document`).
    #[inline(never)]
    fn after_value(
        &mut self,
        stack: &mut Vec<Open<'a>>,
        mut value: Option<Value<'a>>,
    ) -> Result<Option<Value<'a>>, SyntaxError> {
        let Some(top) = stack.last_mut() else {
            return Ok(value);
        };
        if let Some(done) = value.take() {
            match top {
                Open::Array(items) => items.push(done),
                Open::Object(members, key) => {
                    let key = key.take().unwrap_or_default();
                    members.push((key, done));
                }
            }
        }
        self.skip_space();
        let is_array = matches!(top, Open::Array(_));
        let close = if is_array { b']' } else { b'}' };
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.skip_space();
                if self.peek() == Some(close) {
                    return Err(self.error("trailing comma"));
                }
                if !is_array {
                    self.member_key(stack)?;
                }
                self.value_or_open(stack)
            }
            Some(c) if c == close => {
                self.at += 1;
                Ok(Some(match stack.pop() {
                    Some(Open::Array(items)) => Value::Array(items),
                    Some(Open::Object(members, _)) => Value::Object(members),
                    None => unreachable!("the stack had a top"),
                }))
            }
            None if is_array => Err(self.error("EOF while parsing a list")),
            None => Err(self.error("EOF while parsing an object")),
            Some(_) if is_array => Err(self.error("expected `,` or `]`")),
            Some(_) => Err(self.error("expected `,` or `}`")),
        }
    }

    /// A scalar value, or the opening of an array or object (pushed on the
    /// stack, with its first member's key read): then `None`. A loop, not
    /// recursion, through a run of openings (`[[[{"a": [`).
    fn value_or_open(
        &mut self,
        stack: &mut Vec<Open<'a>>,
    ) -> Result<Option<Value<'a>>, SyntaxError> {
        loop {
            self.skip_space();
            let open = match self.peek() {
                Some(b'[') => Open::Array(Vec::new()),
                Some(b'{') => Open::Object(Vec::new(), None),
                Some(_) => return self.scalar().map(Some),
                None => return Err(self.error("EOF while parsing a value")),
            };
            if stack.len() >= MAX_DEPTH {
                return Err(self.error("recursion limit exceeded"));
            }
            let is_array = matches!(open, Open::Array(_));
            self.at += 1;
            stack.push(open);
            self.skip_space();
            match self.peek() {
                Some(b']') if is_array => {
                    self.at += 1;
                    stack.pop();
                    return Ok(Some(Value::Array(Vec::new())));
                }
                Some(b'}') if !is_array => {
                    self.at += 1;
                    stack.pop();
                    return Ok(Some(Value::Object(Vec::new())));
                }
                _ if is_array => {}
                _ => self.member_key(stack)?,
            }
        }
    }

    /// `"key":` of an object member, stored on the open object.
    fn member_key(&mut self, stack: &mut [Open<'a>]) -> Result<(), SyntaxError> {
        match self.peek() {
            Some(b'"') => {}
            None => return Err(self.error("EOF while parsing an object")),
            Some(_) => return Err(self.error("key must be a string")),
        }
        let key = self.string()?;
        self.skip_space();
        match self.peek() {
            Some(b':') => self.at += 1,
            None => return Err(self.error("EOF while parsing an object")),
            Some(_) => return Err(self.error("expected `:`")),
        }
        if let Some(Open::Object(_, slot)) = stack.last_mut() {
            *slot = Some(key);
        }
        Ok(())
    }

    fn scalar(&mut self) -> Result<Value<'a>, SyntaxError> {
        match self.peek() {
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            _ => Err(self.error("expected value")),
        }
    }

    fn word(&mut self, word: &'static str, value: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        for &expected in word.as_bytes() {
            match self.peek() {
                Some(c) if c == expected => self.at += 1,
                None => return Err(self.error("EOF while parsing a value")),
                Some(_) => return Err(self.error("expected ident")),
            }
        }
        Ok(value)
    }

    fn number(&mut self) -> Result<Value<'a>, SyntaxError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            None => return Err(self.error("EOF while parsing a value")),
            Some(_) => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_or_eof("invalid number"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_or_eof("invalid number"));
            }
            self.digits();
        }
        Ok(Value::Number(&self.text[start..self.at]))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    /// A string from its opening quote; borrowed unless it has escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.at += 1;
        let start = self.at;
        // Most strings have no escape: find the end with one scan.
        self.at = plain_run_end(self.bytes, self.at);
        match self.peek() {
            None => return Err(self.error("EOF while parsing a string")),
            Some(b'"') => {
                let text = &self.text[start..self.at];
                self.at += 1;
                return Ok(Cow::Borrowed(text));
            }
            Some(b'\\') => {}
            Some(_) => return Err(self.error(CONTROL)),
        }
        let mut out = String::from(&self.text[start..self.at]);
        loop {
            let run = self.at;
            self.at = plain_run_end(self.bytes, self.at);
            out.push_str(&self.text[run..self.at]);
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error(CONTROL)),
            }
        }
    }

    /// The escape after a backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let c = match self.peek() {
            None => return Err(self.error("EOF while parsing a string")),
            Some(c) => c,
        };
        self.at += 1;
        let plain = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(out),
            _ => {
                self.at -= 1;
                return Err(self.error("invalid escape"));
            }
        };
        out.push(plain);
        Ok(())
    }

    /// `\uXXXX`, with a surrogate pair as one character. A lone surrogate
    /// reads as U+FFFD, as the browser's own parser would show it.
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) && self.bytes[self.at..].starts_with(b"\\u")
        {
            let save = self.at;
            self.at += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            } else {
                self.at = save;
                0xFFFD
            }
        } else {
            first
        };
        out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(c) => (c as char).to_digit(16),
            };
            let Some(digit) = digit else {
                self.at += 1;
                return Err(self.error("invalid escape"));
            };
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    #[inline(always)] // a call per token in the engine's first, unoptimised code
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn error_or_eof(&self, message: &'static str) -> SyntaxError {
        if self.at >= self.bytes.len() {
            self.error("EOF while parsing a value")
        } else {
            self.error(message)
        }
    }

    /// An error at the current byte: its line, and its column counted in
    /// characters, the offending one included (serde_json counts bytes,
    /// which a text editor does not show).
    fn error(&self, message: &'static str) -> SyntaxError {
        let before = &self.text.as_bytes()[..self.at.min(self.bytes.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + usize::from(self.at < self.bytes.len());
        SyntaxError {
            line,
            column,
            message,
        }
    }
}

const CONTROL: &str = "control character (\\u0000-\\u001F) found while parsing a string";
