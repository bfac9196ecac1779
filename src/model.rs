//! The two shapes of a thread: wire types, as a thread document spells a
//! comment (lenient: ids may be numbers, `author` may be a bare name), and
//! tree types, the clean, linked comments the widget renders. Only
//! `normalize.rs` turns one into the other.

use crate::time::EpochMillis;

/// An id or parent id as written: a string or a number.
#[derive(Debug, Clone, PartialEq)]
pub enum RawId {
    /// `"c42"`
    Text(String),
    /// `42`, kept as the document spells it.
    Number(String),
}

impl RawId {
    /// The id as text; `42` and `"42"` name the same comment.
    pub fn into_text(self) -> String {
        match self {
            Self::Text(text) => text,
            Self::Number(number) => number,
        }
    }
}

/// An author as written: a bare name or an object.
#[derive(Debug, Clone, PartialEq)]
pub enum RawAuthor {
    /// `"Ada"`
    Name(String),
    /// `{"name": "Ada", "url": "...", "avatar": "..."}`
    Profile {
        /// Display name.
        name: Option<String>,
        /// Profile or home page.
        url: Option<String>,
        /// Picture URL.
        avatar: Option<String>,
    },
}

/// A timestamp as written: RFC 3339 text or a Unix time.
#[derive(Debug, Clone, PartialEq)]
pub enum RawTime {
    /// Unix seconds, or milliseconds when above 1e11.
    Unix(f64),
    /// RFC 3339.
    Text(String),
    /// Anything else: read as "date unknown", never a reason to drop a comment.
    Unreadable,
}

/// One comment of the native format, as written. Nested `replies` are read
/// separately, so that a deep thread never recurses here. A field that is
/// absent or `null` is `None`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawComment {
    /// Required: unique within the thread.
    pub id: Option<RawId>,
    /// The id of the comment this one answers; absent or null at top level.
    pub parent: Option<RawId>,
    /// Required unless deleted.
    pub author: Option<RawAuthor>,
    /// When it was written.
    pub created: Option<RawTime>,
    /// When it was last edited.
    pub edited: Option<RawTime>,
    /// Required unless deleted.
    pub body: Option<String>,
    /// `text` (the default).
    pub format: Option<String>,
    /// Votes or likes.
    pub score: Option<f64>,
    /// A removed comment: shown as "[deleted]", its replies kept.
    pub deleted: Option<bool>,
    /// The language of the body, a BCP 47 tag.
    pub lang: Option<String>,
}

/// What the document says about the thread as a whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThreadMeta {
    /// The thread's id.
    pub id: Option<RawId>,
    /// The article's title.
    pub title: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The service cut its answer, which holds this many comments: there
    /// may be more on the service. (Mastodon answers a visitor with at most
    /// 60 replies, 20 deep.)
    pub capped_at: Option<u32>,
}

/// The markup language of a comment body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum BodyFormat {
    /// Plain text: paragraphs and bare links, never markup.
    #[default]
    Text,
    /// The small Markdown of comments; raw HTML in it is text.
    Markdown,
    /// HTML, rebuilt through the sanitiser's allowlist.
    Html,
    /// Plain text with links over byte ranges (Bluesky facets).
    RichText(Vec<TextLink>),
}

/// A link over part of a rich-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLink {
    /// First byte of the linked text.
    pub start: usize,
    /// Byte after the linked text.
    pub end: usize,
    /// Where it points (checked when rendered).
    pub href: String,
}

/// A custom emoji: `:shortcode:` in a body or name shows as this picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emoji {
    /// The code between the colons.
    pub shortcode: String,
    /// An https picture URL.
    pub url: String,
}

/// Why a comment shows a placeholder instead of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    /// Deleted by its author or a moderator.
    Deleted,
    /// The service no longer has it.
    NotFound,
    /// The service withholds it (a block).
    Blocked,
    /// Flagged dead (Hacker News).
    Dead,
}

/// The services a thread can come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// Bluesky, `app.bsky.feed.getPostThread`.
    Bluesky,
    /// Mastodon, `/api/v1/statuses/:id/context`.
    Mastodon,
    /// Hacker News through the Algolia items API.
    HackerNews,
}

/// Where a reader can join the conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinLink {
    /// The service it happens on.
    pub service: Service,
    /// The post or item to reply to (a checked http(s) URL).
    pub url: String,
}

/// A comment's author, cleaned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Author {
    /// Display name; never empty for a comment that is not removed.
    pub name: String,
    /// A service handle such as `@ada@m.test`, shown beside the name.
    pub handle: Option<String>,
    /// A checked http(s) URL of their profile or site.
    pub url: Option<String>,
    /// A checked https URL of their picture.
    pub avatar: Option<String>,
    /// Custom emoji used in the name (Mastodon).
    pub emoji: Vec<Emoji>,
}

/// Why a comment sits at the top level although it answers another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detached {
    /// Its parent is not in the thread.
    MissingParent,
    /// Its parent chain looped back to it; the loop was cut here.
    Cycle,
}

/// One comment of the tree. Links are indexes into [`Thread::comments`].
#[derive(Debug, Clone, PartialEq)]
pub struct CommentNode {
    /// The id from the document, as text.
    pub id: String,
    /// Position in chronological order, from 1.
    pub number: u32,
    /// Who wrote it.
    pub author: Author,
    /// When it was written, if the document says so validly.
    pub created: Option<EpochMillis>,
    /// When it was last edited.
    pub edited: Option<EpochMillis>,
    /// The body as written (empty for a deleted comment).
    pub body: String,
    /// How to read [`CommentNode::body`].
    pub format: BodyFormat,
    /// Votes or likes.
    pub score: Option<f64>,
    /// Why the comment shows a placeholder, if it does.
    pub removed: Option<Removed>,
    /// A content warning: the body starts hidden behind it. Empty for a post
    /// flagged sensitive without a warning text.
    pub warning: Option<String>,
    /// Custom emoji used in the body and the author's name.
    pub emoji: Vec<Emoji>,
    /// The language of the body (and warning) when the source says: a
    /// language tag, checked by [`language_tag`]. (A box, not a `String`:
    /// it is in every comment, and rarely set.)
    pub lang: Option<Box<str>>,
    /// A leading "@Name" that names an earlier comment's author: its length
    /// in bytes and the latest such comment.
    pub mention: Option<(usize, usize)>,
    /// The comment this one answers, when it is in the thread.
    pub parent: Option<usize>,
    /// Set when the document names a parent that could not be used.
    pub detached: Option<Detached>,
    /// Replies, oldest first.
    pub children: Vec<usize>,
    /// 1 for a top-level comment, 2 for its replies, and so on.
    pub depth: u32,
    /// How many comments answer this one, directly or not.
    pub descendants: u32,
}

impl CommentNode {
    /// A comment with these essentials; links, numbers and depth are set
    /// when the thread is linked.
    pub fn new(id: String, author: Author, body: String, format: BodyFormat) -> Self {
        Self {
            id,
            number: 0,
            author,
            created: None,
            edited: None,
            body,
            format,
            score: None,
            removed: None,
            warning: None,
            emoji: Vec::new(),
            lang: None,
            mention: None,
            parent: None,
            detached: None,
            children: Vec::new(),
            depth: 1,
            descendants: 0,
        }
    }
}

/// What normalising had to repair or drop, for the console.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NormalizeReport {
    /// One message per comment that could not be read at all.
    pub skipped: Vec<String>,
    /// Comments dropped because an earlier one had the same id.
    pub duplicates: u32,
    /// Parent loops that were cut.
    pub cycles_broken: u32,
    /// Replies whose parent is not in the thread.
    pub missing_parents: u32,
    /// Comments with a missing or unreadable `created`.
    pub undated: u32,
    /// Comments whose `created` is there but not a time kibitz reads.
    pub unreadable_times: u32,
    /// The first of those, named, with its value.
    pub first_unreadable_time: Option<String>,
    /// Other notes worth a console line (for example, a newer version).
    pub notes: Vec<String>,
}

impl NormalizeReport {
    /// Per-comment lines the console gets at most: a thread exported with
    /// the wrong field names would otherwise log thousands.
    pub const SKIPPED_LINES: usize = 10;

    /// What the console should say, a line each: the first
    /// [`Self::SKIPPED_LINES`] comments that could not be read (and how many
    /// more), then the notes and the repairs.
    pub fn console_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .skipped
            .iter()
            .take(Self::SKIPPED_LINES)
            .cloned()
            .collect();
        match self.skipped.len().saturating_sub(Self::SKIPPED_LINES) {
            0 => {}
            1 => lines.push("and 1 more comment could not be read".into()),
            n => lines.push(format!("and {n} more comments could not be read")),
        }
        lines.extend(self.notes.iter().cloned());
        if let Some(first) = &self.first_unreadable_time {
            const FIX: &str = "write RFC 3339 with a zone, or Unix seconds";
            lines.push(match self.unreadable_times {
                1 => format!("{first}, not a time kibitz reads, so it shows \"date unknown\": {FIX}"),
                n => format!("{n} comments have a `created` that is not a time kibitz reads, so they show \"date unknown\" (the first: {first}): {FIX}"),
            });
        }
        let mut repair = |n: u32, one: &str, many: &str| match n {
            0 => {}
            1 => lines.push(format!("1 {one}")),
            n => lines.push(format!("{n} {many}")),
        };
        repair(
            self.duplicates,
            "comment with a repeated id was dropped",
            "comments with a repeated id were dropped",
        );
        repair(
            self.cycles_broken,
            "reply loop was cut",
            "reply loops were cut",
        );
        repair(
            self.missing_parents,
            "reply answers a comment that is not in the thread",
            "replies answer comments that are not in the thread",
        );
        lines
    }
}

/// A whole thread, linked and numbered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Thread {
    /// About the thread as a whole.
    pub meta: ThreadMeta,
    /// Every comment, in document order.
    pub comments: Vec<CommentNode>,
    /// Top-level comments, oldest first.
    pub roots: Vec<usize>,
    /// Where to join the conversation, for threads from a service.
    pub join: Option<JoinLink>,
    /// What was repaired.
    pub report: NormalizeReport,
}

/// The indexes of `keys`, ordered by key: `(rank, index)` pairs, each
/// index once. Every sort of kibitz goes through this one, because each
/// instance of the standard sort costs some 2.5 KB of wasm.
///
/// ```
/// assert_eq!(kibitz::model::rank(vec![(5, 0), (-1, 1), (5, 2)]), [1, 0, 2]);
/// ```
pub fn rank(mut keys: Vec<(i64, usize)>) -> Vec<usize> {
    // Indexes break ties, so an unstable sort is exact.
    keys.sort_unstable();
    keys.into_iter().map(|(_, index)| index).collect()
}

impl Thread {
    /// Number of comments shown, deleted placeholders included.
    pub fn count(&self) -> usize {
        self.comments.len()
    }
}

impl Thread {
    /// Every comment below `index`, depth first, oldest first at each level:
    /// the order of a flat reply list. Iterative, so any depth is safe.
    pub fn descendants_preorder(&self, index: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.comments[index].descendants as usize);
        let mut stack: Vec<usize> = self.comments[index]
            .children
            .iter()
            .rev()
            .copied()
            .collect();
        while let Some(i) = stack.pop() {
            out.push(i);
            stack.extend(self.comments[i].children.iter().rev().copied());
        }
        out
    }
}

/// For a flat list in depth-first order (`items`, with each item's
/// descendant count), how many collapsed items hide each position: a
/// collapsed item at position `k` hides positions `k+1 ..= k+descendants`.
/// Subtree ranges nest, so one stack of open ranges suffices.
pub fn hidden_counts(descendants: &[u32], collapsed: &[bool]) -> Vec<u32> {
    let mut counts = Vec::with_capacity(descendants.len());
    let mut open_ranges: Vec<usize> = Vec::new();
    for (k, (&d, &c)) in descendants.iter().zip(collapsed).enumerate() {
        while open_ranges.last().is_some_and(|&end| end < k) {
            open_ranges.pop();
        }
        counts.push(open_ranges.len() as u32);
        if c && d > 0 {
            open_ranges.push(k + d as usize);
        }
    }
    counts
}

/// `text` as a language tag for a `lang` attribute (`en`, `pt-BR`,
/// `zh-Hant`), or `None` when it cannot be one: letters, digits and hyphens,
/// starting with a language of two or three letters, at most 35 characters.
///
/// ```
/// use kibitz::model::language_tag;
/// assert_eq!(language_tag(" pt-BR ").as_deref(), Some("pt-BR"));
/// assert_eq!(language_tag("x"), None);
/// assert_eq!(language_tag("en\" onclick=\""), None);
/// ```
pub fn language_tag(text: &str) -> Option<String> {
    let tag = text.trim();
    let language = tag.split('-').next()?;
    let fits = tag.len() <= 35
        && (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !tag.ends_with('-')
        && !tag.contains("--");
    fits.then(|| tag.to_string())
}

/// The longest body shown, in bytes (about 5,000 words): past it a body is
/// cut, with "…". A browser lays out a paragraph in time that grows with
/// it; one comment of megabytes froze the page for seconds.
pub const MAX_BODY_BYTES: usize = 32_768;

/// The longest name shown, in bytes.
pub const MAX_NAME_BYTES: usize = 200;

/// Combining marks kept on one character: enough for any script's
/// diacritics; thousands stacked ("Zalgo" text) cost the browser seconds
/// to lay out, and hide what is around them.
const MAX_MARKS: usize = 4;

/// `text` made safe to lay out, if it needs it: cut to `max` bytes (at a
/// character, with "…"), and with no more than four combining marks on a
/// character. `None` when it is fine as it is, the common case, which
/// costs a scan and no copy.
///
/// ```
/// use kibitz::model::tame;
/// assert_eq!(tame("plain", 10), None);
/// assert_eq!(tame("abcdefghijk", 10).as_deref(), Some("abcdefghij…"));
/// let zalgo = format!("Z{}", "\u{301}".repeat(50));
/// assert_eq!(tame(&zalgo, 200), Some(format!("Z{}", "\u{301}".repeat(4))));
/// assert_eq!(tame("é (e\u{301})", 200), None);
/// ```
pub fn tame(text: &str, max: usize) -> Option<String> {
    let too_long = text.len() > max;
    let marks_pile_up = !text.is_ascii() && {
        let mut run = 0;
        text.chars().any(|c| {
            run = if is_combining(c) { run + 1 } else { 0 };
            run > MAX_MARKS
        })
    };
    if !too_long && !marks_pile_up {
        return None;
    }
    let mut out = String::with_capacity(text.len().min(max + 3));
    let mut run = 0;
    for c in text.chars() {
        run = if is_combining(c) { run + 1 } else { 0 };
        if run > MAX_MARKS {
            continue;
        }
        if out.len() + c.len_utf8() > max {
            out.push('…');
            break;
        }
        out.push(c);
    }
    Some(out)
}

/// Whether `c` is a combining mark of the common blocks.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Whether a name shows nothing: only white space and characters that
/// take no room (zero-width spaces and joiners, the soft hyphen, the
/// byte order mark, word joiners).
pub fn is_invisible(name: &str) -> bool {
    name.chars().all(|c| {
        c.is_whitespace()
            || matches!(c, '\u{AD}' | '\u{34F}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
    })
}
