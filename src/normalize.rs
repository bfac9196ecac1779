//! Every accepted thread document becomes one [`Thread`]: parsed, linked by
//! parent, cut free of loops, numbered and sorted oldest first. Nothing here
//! recurses over the thread, so a chain of any depth is safe; nothing here
//! touches the DOM.
//!
//! The rule throughout: never lose a comment that can be shown. A reply to a
//! missing parent goes to the top level, marked; a loop is cut; a duplicate
//! id keeps the first; an unreadable comment is skipped and reported.

use rustc_hash::FxHashMap;

use crate::error::ThreadError;
use crate::formats::{read_document, Entry, ParentRef, SourceFormat};
use crate::json::Json;
use crate::model::{rank, BodyFormat, CommentNode, Detached, NormalizeReport, Thread, ThreadMeta};
use crate::time::EpochMillis;

/// Parses and normalises a thread document.
///
/// ```
/// let thread = kibitz::normalize::parse_thread(
///     r#"[{"id": 2, "parent": 1, "author": "Bo", "body": "Hi Ada"},
///         {"id": 1, "author": "Ada", "body": "Hello"}]"#,
/// ).unwrap();
/// assert_eq!(thread.roots.len(), 1);
/// assert_eq!(thread.comments[thread.roots[0]].author.name, "Ada");
/// ```
pub fn parse_thread(text: &str) -> Result<Thread, ThreadError> {
    parse_thread_as(text, SourceFormat::Auto)
}

/// Parses and normalises a thread document of a known (or detected) format.
pub fn parse_thread_as(text: &str, format: SourceFormat) -> Result<Thread, ThreadError> {
    let value = crate::json::parse(text).map_err(|e| syntax_error(text, e))?;
    normalize(&value, format)
}

/// Why `text`, a thread document, is not JSON, in the widget's terms.
pub fn syntax_error(text: &str, error: crate::json::SyntaxError) -> ThreadError {
    // A host that answers unknown paths with its home page (a single-page
    // app's fallback) sends HTML with a 200: say so, not just "line 1,
    // column 1: expected value".
    let message = if text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\n', '\r'])
        .is_empty()
    {
        "the answer is empty: check that the file was written, or that the URL names it"
    } else if text.trim_start().starts_with('<') {
        "the answer is an HTML page, not JSON: check that the URL names the thread's JSON file"
    } else if error.message == "recursion limit exceeded" {
        "replies are nested too deeply to read (more than about 5,000 levels); \
         list such comments flat, with `parent` ids"
    } else {
        error.message
    };
    ThreadError::Syntax {
        line: error.line,
        // Columns count from 1: the end of a line (where a text that stops
        // short fails) is after its last character, never column 0.
        column: error.column.max(1),
        message: message.to_string(),
    }
}

/// Normalises an already parsed thread document, read as `format`.
pub fn normalize<J: Json>(document: J, format: SourceFormat) -> Result<Thread, ThreadError> {
    let mut report = NormalizeReport::default();
    let read = read_document(document, format, &mut report)?;
    if read.entries.is_empty() {
        if let Some(first) = report.skipped.first() {
            // Shown as an empty thread ("No comments yet") this would hide
            // from the owner, and the readers, that the comments are there.
            return Err(ThreadError::Shape(match report.skipped.len() {
                1 => format!("its one comment could not be read ({first})"),
                n => format!("none of its {n} comments could be read (the first: {first})"),
            }));
        }
    }
    let mut entries = read.entries;
    for entry in &mut entries {
        let node = &mut entry.node;
        if let Some(body) = crate::model::tame(&node.body, crate::model::MAX_BODY_BYTES) {
            node.body = body;
        }
        if let Some(name) = crate::model::tame(&node.author.name, crate::model::MAX_NAME_BYTES) {
            node.author.name = name;
        }
    }
    let mut thread = link(read.meta, entries, report);
    thread.join = read.join;
    Ok(thread)
}

/// Links entries into a tree: resolves parents, drops duplicates, cuts
/// loops, sorts, numbers, and measures depth and reply counts.
#[inline(never)] // out of line: see `formats::read_document`
fn link(meta: ThreadMeta, entries: Vec<Entry>, mut report: NormalizeReport) -> Thread {
    // The index borrows the entries' ids: one hash per comment and no copy
    // of any id (a thread of 10,000 comments spent a tenth of its reading
    // time hashing and copying ids three times over).
    let mut index: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut kept = Vec::with_capacity(entries.len());
    for entry in &entries {
        let next = index.len();
        let fresh = match index.entry(entry.node.id.as_str()) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(next);
                true
            }
        };
        if !fresh {
            report.duplicates += 1;
        }
        kept.push(fresh);
    }
    let resolved: Vec<Option<Result<usize, Detached>>> = entries
        .iter()
        .zip(&kept)
        .filter(|(_, &keep)| keep)
        .enumerate()
        .map(|(i, (entry, _))| match &entry.parent {
            ParentRef::None => None,
            ParentRef::Unknown => Some(Err(Detached::MissingParent)),
            ParentRef::Id(id) => match index.get(id.as_str()) {
                Some(&p) if p == i => Some(Err(Detached::Cycle)),
                Some(&p) => Some(Ok(p)),
                None => Some(Err(Detached::MissingParent)),
            },
        })
        .collect();
    drop(index);
    let mut comments: Vec<CommentNode> = entries
        .into_iter()
        .zip(kept)
        .filter_map(|(entry, keep)| keep.then_some(entry.node))
        .collect();
    for (comment, resolved) in comments.iter_mut().zip(resolved) {
        match resolved {
            None => {}
            Some(Ok(p)) => comment.parent = Some(p),
            Some(Err(why)) => comment.detached = Some(why),
        }
    }
    break_cycles(&mut comments);
    report.missing_parents = comments
        .iter()
        .filter(|c| c.detached == Some(Detached::MissingParent))
        .count() as u32;
    report.cycles_broken = comments
        .iter()
        .filter(|c| c.detached == Some(Detached::Cycle))
        .count() as u32;
    let roots = number_and_attach(&mut comments);
    measure(&mut comments, &roots);
    link_mentions(&mut comments);
    Thread {
        meta,
        comments,
        roots,
        join: None,
        report,
    }
}

/// Cuts every parent loop at its first comment in document order, which
/// then stands at the top level.
#[inline(never)] // out of line: see `formats::read_document`
fn break_cycles(comments: &mut [CommentNode]) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut marks = vec![Mark::New; comments.len()];
    let mut path = Vec::new();
    for start in 0..comments.len() {
        path.clear();
        let mut at = start;
        loop {
            match marks[at] {
                Mark::Done => break,
                Mark::OnPath => {
                    let from = path.iter().position(|&p| p == at).unwrap_or(0);
                    let first = path[from..].iter().copied().min().unwrap_or(at);
                    comments[first].parent = None;
                    comments[first].detached = Some(Detached::Cycle);
                    break;
                }
                Mark::New => {
                    marks[at] = Mark::OnPath;
                    path.push(at);
                    match comments[at].parent {
                        Some(p) => at = p,
                        None => break,
                    }
                }
            }
        }
        for &p in &path {
            marks[p] = Mark::Done;
        }
    }
}

/// Numbers comments chronologically (undated ones last, in document
/// order) and fills every child list in that order. Returns the roots.
#[inline(never)] // out of line: see `formats::read_document`
fn number_and_attach(comments: &mut [CommentNode]) -> Vec<usize> {
    let order = rank(
        (0..comments.len())
            .map(|i| (comments[i].created.unwrap_or(EpochMillis::MAX), i))
            .collect(),
    );
    let mut roots = Vec::new();
    for (rank, &i) in order.iter().enumerate() {
        comments[i].number = rank as u32 + 1;
        match comments[i].parent {
            Some(p) => comments[p].children.push(i),
            None => roots.push(i),
        }
    }
    roots
}

/// Sets depth (top to bottom) and descendant counts (bottom to top),
/// breadth first, without recursion.
#[inline(never)] // out of line: see `formats::read_document`
fn measure(comments: &mut [CommentNode], roots: &[usize]) {
    let mut order = Vec::with_capacity(comments.len());
    order.extend_from_slice(roots);
    let mut next = 0;
    while next < order.len() {
        let i = order[next];
        next += 1;
        let depth = comments[i].depth;
        for c in 0..comments[i].children.len() {
            let child = comments[i].children[c];
            comments[child].depth = depth + 1;
            order.push(child);
        }
    }
    for &i in order.iter().rev() {
        if let Some(p) = comments[i].parent {
            comments[p].descendants += comments[i].descendants + 1;
        }
    }
}

/// Links a leading "@Name" in a text or Markdown body to the latest earlier
/// comment by an author of that name (the blog convention of answering by
/// name). Names may hold spaces; the longest one that matches wins.
#[inline(never)] // out of line: see `formats::read_document`
fn link_mentions(comments: &mut [CommentNode]) {
    // Numbers run 1..=n, so chronological order needs no second sort.
    let mut order = vec![0; comments.len()];
    for (i, comment) in comments.iter().enumerate() {
        order[comment.number as usize - 1] = i;
    }
    let mut latest_by_name: FxHashMap<String, usize> = FxHashMap::default();
    // Lowercased into one buffer: most authors write more than once, and
    // only a new name needs a key of its own.
    let mut key = String::new();
    for &i in &order {
        let comment = &comments[i];
        let answerable = matches!(comment.format, BodyFormat::Text | BodyFormat::Markdown)
            && comment.removed.is_none();
        if answerable {
            if let Some(rest) = comment.body.strip_prefix('@') {
                comments[i].mention = longest_known_name(rest, &latest_by_name)
                    .map(|(len, target)| (len + 1, target));
            }
        }
        if comments[i].removed.is_none() && !comments[i].author.name.is_empty() {
            // ASCII case only: Unicode case tables would cost the download
            // more than the rare "@émile" written for "Émile" is worth.
            key.clear();
            key.push_str(&comments[i].author.name);
            key.make_ascii_lowercase();
            match latest_by_name.get_mut(key.as_str()) {
                Some(latest) => *latest = i,
                None => {
                    latest_by_name.insert(key.clone(), i);
                }
            }
        }
    }
}

/// The longest prefix of `text` (ending at a word boundary, within 64
/// bytes) that is a known name: its length and the comment it names.
fn longest_known_name(text: &str, names: &FxHashMap<String, usize>) -> Option<(usize, usize)> {
    let boundaries = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .filter(|&i| i > 0 && i <= 64)
        .filter(|&i| {
            text[i..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
        });
    let mut best = None;
    for end in boundaries {
        if let Some(&target) = names.get(&text[..end].to_ascii_lowercase()) {
            best = Some((end, target));
        }
    }
    best
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod mutations;
