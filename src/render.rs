//! Comments as HTML, and what the reader has opened. A thread of thousands
//! of comments is built as markup strings here and handed to the browser's
//! parser in slices (`components/thread.rs`), with one delegated listener for
//! every control: no per-comment closures, signals or view types, so a big
//! thread costs neither time nor download size per comment. Collapsing
//! flips a few attributes of one comment; nothing else is rebuilt.
//!
//! Everything here is pure: dates and plurals come through [`Dates`] and
//! [`Speak`], which the widget implements with the browser's `Intl`.
//! Every piece of text and every attribute value is escaped, and bodies are
//! [`SafeHtml`](crate::sanitize::SafeHtml) from the sanitiser.

mod comment;

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::config::SortOrder;
use crate::i18n::Speak;
use crate::model::{hidden_counts, rank, Thread};
use crate::sanitize::escape_into;
use crate::time::{push_digits, EpochMillis, TimeText};

/// Whether comment `index` starts open, before the reader's choices.
fn opens_by_default(thread: &Thread, options: RenderOptions, index: usize) -> bool {
    options
        .collapse_depth
        .is_none_or(|limit| thread.comments[index].depth <= limit)
}

/// Top-level comments in `order`. Numbers follow time, so oldest first is
/// the thread's own order; top breaks ties by age.
fn sorted_roots(thread: &Thread, order: SortOrder) -> Vec<usize> {
    match order {
        SortOrder::Oldest => thread.roots.clone(),
        SortOrder::Newest => thread.roots.iter().rev().copied().collect(),
        SortOrder::Top => {
            let keys = thread.roots.iter().enumerate().map(|(age, &root)| {
                // Scores are counts; thousandths keep fractions apart. No
                // score ranks below every score.
                let score = thread.comments[root].score;
                let key = score.map_or(i64::MAX, |s| -(s.clamp(-1e15, 1e15) * 1000.0) as i64);
                (key, age)
            });
            rank(keys.collect())
                .into_iter()
                .map(|age| thread.roots[age])
                .collect()
        }
    }
}

/// Flat reply lists show this many replies, then a "Show more" button.
pub const FLAT_PAGE: usize = 50;
/// With `data-page-size="all"`, a page of a flat list: a chain of 10,000
/// replies shows its first thousand, in one task well under a second.
pub const FLAT_PAGE_ALL: usize = 1_000;

/// How the site owner asked comments to be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Depth after which replies stop indenting.
    pub max_depth: u32,
    /// Depth after which comments start collapsed.
    pub collapse_depth: Option<u32>,
    /// Whether to show authors' pictures.
    pub avatars: bool,
    /// Top-level comments per page; `None` for all.
    pub page_size: Option<usize>,
    /// The order of top-level comments.
    pub sort: SortOrder,
}

/// Time labels as the reader should see them now.
pub trait Dates {
    /// The label of `at`; "date unknown" for `None`.
    fn label(&self, at: Option<EpochMillis>) -> TimeText;
    /// Whether that label can change as the clock moves.
    fn changes(&self, at: Option<EpochMillis>) -> bool;
}

/// The words and dates a render needs.
pub struct Say<'a> {
    /// Phrases in the widget's language.
    pub speak: &'a dyn Speak,
    /// Time labels.
    pub dates: &'a dyn Dates,
}

/// A flat list: everything below a comment at the depth limit.
struct Flat {
    items: Vec<usize>,
    descendants: Vec<u32>,
    /// How many collapsed items above hide each item.
    hidden_by: Vec<u32>,
    /// Items in the page so far.
    shown: usize,
}

impl Flat {
    /// Where the page that starts at the first item not shown ends: after
    /// `page` more items that show, with the hidden ones among them (under
    /// a collapsed item, they come hidden), or at the end when none would
    /// show.
    fn page_end(&self, page: usize) -> usize {
        let mut showing = 0;
        for (position, &by) in self.hidden_by.iter().enumerate().skip(self.shown) {
            if by == 0 {
                if showing == page {
                    return position;
                }
                showing += 1;
            }
        }
        self.items.len()
    }
}

/// What the page must change after a toggle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toggled {
    /// Whether the comment is now open.
    pub open: bool,
    /// The toggle's new accessible name.
    pub label: String,
    /// Replies to add to the comment's content, the first time it opens.
    pub replies: Option<String>,
    /// Flat items (comment indexes) whose `hidden` changes, with the new value.
    pub hide: Vec<(usize, bool)>,
    /// For a flat item, its list (the comment it hangs from) and the new
    /// label of the list's "Show more" button: `None`, no button, since
    /// every reply not shown yet is under a collapsed one.
    pub more: Option<(usize, Option<String>)>,
}

/// One rendered thread and the reader's choices in it.
pub struct ThreadView {
    thread: Arc<Thread>,
    options: RenderOptions,
    /// Top-level comments in the order shown.
    roots: Vec<usize>,
    id_prefix: String,
    anchor_prefix: String,
    open: Vec<bool>,
    /// Whether a comment's replies are in the page.
    built: Vec<bool>,
    /// Flat lists by the comment they hang from.
    flats: FxHashMap<usize, Flat>,
    /// A flat item's list and position in it.
    flat_position: FxHashMap<usize, (usize, usize)>,
    /// Top-level comments in the page, and how many the page should have.
    roots_rendered: usize,
    roots_wanted: usize,
    /// Whether any rendered time label changes as the clock moves.
    live: bool,
    /// The language of the page around the widget, which comments without
    /// one of their own are taken to be in.
    context_lang: Option<String>,
    /// Reply lists left unfinished by a slice: the comment and the first
    /// reply still to write, oldest first.
    unfinished: std::collections::VecDeque<(usize, usize)>,
}

enum Step {
    Comment(usize),
    Replies(usize),
    /// The replies of a comment from this position on, into its open list.
    Children(usize, usize),
    Close(&'static str),
}

/// Where markup built for print goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintPlace {
    /// As a slice of the page would.
    Page(Place),
    /// At the end of this comment's content: the replies of a collapsed
    /// comment, built at last.
    Content(usize),
    /// At the end of the flat list under this comment, whose "Show more"
    /// button then goes.
    FlatRest(usize),
}

/// Where a slice's markup goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// At the end of the thread's list.
    List,
    /// At the end of this comment's reply list.
    Replies(usize),
}

impl ThreadView {
    /// A view of `thread`. `id_prefix` makes element ids page-unique
    /// (`kibitz-2`); `anchor_prefix` starts comment anchors (`kibitz-<thread>`).
    pub fn new(
        thread: Arc<Thread>,
        options: RenderOptions,
        id_prefix: String,
        anchor_prefix: String,
    ) -> Self {
        let open = (0..thread.comments.len())
            .map(|i| opens_by_default(&thread, options, i))
            .collect();
        let roots_wanted = options
            .page_size
            .unwrap_or(usize::MAX)
            .min(thread.roots.len());
        Self {
            roots: sorted_roots(&thread, options.sort),
            built: vec![false; thread.comments.len()],
            open,
            flats: FxHashMap::default(),
            flat_position: FxHashMap::default(),
            roots_rendered: 0,
            roots_wanted,
            live: false,
            context_lang: None,
            unfinished: std::collections::VecDeque::new(),
            thread,
            options,
            id_prefix,
            anchor_prefix,
        }
    }

    /// The thread shown.
    pub fn thread(&self) -> &Thread {
        &self.thread
    }

    /// Replies per page of a flat list.
    fn flat_page(&self) -> usize {
        self.options.page_size.map_or(FLAT_PAGE_ALL, |_| FLAT_PAGE)
    }

    /// Takes comments without a language of their own to be in `lang`,
    /// the language of the page around the widget (`lang` of its nearest
    /// element that has one).
    pub fn set_context_lang(&mut self, lang: Option<String>) {
        self.context_lang = lang;
    }

    /// The `lang` a comment's text needs, if it differs from the widget's
    /// own (its words' language, which the text would otherwise inherit):
    /// a screen reader then reads an English comment in an English voice
    /// in a widget that speaks Arabic.
    fn text_lang<'s>(&'s self, index: usize, say: &Say) -> Option<&'s str> {
        let lang = self.thread.comments[index]
            .lang
            .as_deref()
            .or(self.context_lang.as_deref())?;
        // Compared by the language alone (en-GB is English), without a
        // copy: this runs for every comment shown.
        let primary = |tag: &'static str| tag.split('-').next().unwrap_or_default();
        let own = lang.split('-').next().unwrap_or_default();
        (!own.eq_ignore_ascii_case(primary(say.speak.words().lang))).then_some(lang)
    }

    /// Whether any rendered time label changes as the clock moves.
    pub fn has_live_times(&self) -> bool {
        self.live
    }

    /// Whether comment `index` is open.
    pub fn is_open(&self, index: usize) -> bool {
        self.open[index]
    }

    /// The id of a comment's content (body and replies): `kibitz-2-c17`.
    pub fn content_id(&self, index: usize) -> String {
        let mut id = String::with_capacity(self.id_prefix.len() + 8);
        id.push_str(&self.id_prefix);
        id.push_str("-c");
        push_digits(&mut id, index as u64, 1);
        id
    }

    /// The comment whose content has this id.
    pub fn index_of_content_id(&self, id: &str) -> Option<usize> {
        let index = id.strip_prefix(&self.id_prefix)?.strip_prefix("-c")?;
        // u32, as every number the widget reads (one parser in the wasm).
        let index = index.parse::<u32>().ok()? as usize;
        (index < self.thread.comments.len()).then_some(index)
    }

    /// The element id of a comment, for links to it: `kibitz-<thread>-<id>`,
    /// with characters that fragments handle badly replaced by `_`.
    pub fn anchor(&self, index: usize) -> String {
        let id = &self.thread.comments[index].id;
        let mut anchor = String::with_capacity(self.anchor_prefix.len() + 1 + id.len());
        anchor.push_str(&self.anchor_prefix);
        anchor.push('-');
        anchor.extend(anchor_chars(id));
        anchor
    }

    /// The comment whose [`anchor`](Self::anchor) is `anchor` (an element
    /// id, without `#`).
    pub fn index_of_anchor(&self, anchor: &str) -> Option<usize> {
        let wanted = anchor
            .strip_prefix(self.anchor_prefix.as_str())?
            .strip_prefix('-')?;
        (0..self.thread.comments.len())
            .find(|&i| anchor_chars(&self.thread.comments[i].id).eq(wanted.chars()))
    }

    /// Makes the page include the top-level thread of comment `index`,
    /// a whole page of top-level comments at a time. Returns whether the
    /// page grew (then [`render_page_slice`](Self::render_page_slice) has
    /// more to write).
    pub fn include_comment(&mut self, index: usize) -> bool {
        let mut top = index;
        while let Some(parent) = self.thread.comments[top].parent {
            top = parent;
        }
        let Some(position) = self.roots.iter().position(|&r| r == top) else {
            return false;
        };
        if position < self.roots_wanted {
            return false;
        }
        let page = self.options.page_size.unwrap_or(usize::MAX).max(1);
        self.roots_wanted = (position / page + 1)
            .saturating_mul(page)
            .min(self.thread.roots.len());
        true
    }

    /// The collapsed comments above `index`, outermost first: each must
    /// open, in this order, for it to show.
    pub fn closed_ancestors(&self, index: usize) -> Vec<usize> {
        let mut closed = Vec::new();
        let mut at = self.thread.comments[index].parent;
        while let Some(parent) = at {
            if !self.open[parent] {
                closed.push(parent);
            }
            at = self.thread.comments[parent].parent;
        }
        closed.reverse();
        closed
    }

    /// The flat list whose next page would show comment `index`, if it
    /// is in one and not shown yet.
    pub fn flat_page_hiding(&self, index: usize) -> Option<usize> {
        let &(root, position) = self.flat_position.get(&index)?;
        (position >= self.flats.get(&root)?.shown).then_some(root)
    }

    /// For print, where nothing can be opened: every comment not in the
    /// page yet (later pages of top-level comments, replies of collapsed
    /// comments, the rest of flat lists), as markup with where it goes.
    /// Nothing opens or closes; the stylesheet shows what is collapsed on
    /// paper only.
    pub fn build_everything(&mut self, say: &Say) -> Vec<(PrintPlace, String)> {
        let mut parts = Vec::new();
        self.roots_wanted = self.thread.roots.len();
        while self.page_pending() {
            for (place, html) in self.render_page_slice(usize::MAX, say) {
                parts.push((PrintPlace::Page(place), html));
            }
        }
        // Replies built at last may hold collapsed comments of their own.
        loop {
            let waiting: Vec<usize> = (0..self.thread.comments.len())
                .filter(|&i| {
                    !self.built[i]
                        && !self.thread.comments[i].children.is_empty()
                        && !self.flat_position.contains_key(&i)
                        && self.thread.comments[i]
                            .parent
                            .is_none_or(|parent| self.built[parent])
                })
                .collect();
            if waiting.is_empty() {
                break;
            }
            for index in waiting {
                let mut html = String::new();
                self.subtree_into(Step::Replies(index), usize::MAX, say, &mut html);
                parts.push((PrintPlace::Content(index), html));
            }
        }
        let roots = rank(self.flats.keys().map(|&r| (r as i64, r)).collect());
        for root in roots {
            let mut html = String::new();
            while self.flats[&root].shown < self.flats[&root].items.len() {
                html.push_str(&self.more_flat(root, say).0);
            }
            if !html.is_empty() {
                parts.push((PrintPlace::FlatRest(root), html));
            }
        }
        parts
    }

    /// Whether comments of the current page are still to render.
    pub fn page_pending(&self) -> bool {
        !self.unfinished.is_empty() || self.roots_rendered < self.roots_wanted
    }

    /// The next slice of the page: about `budget` comments, as markup with
    /// the place it goes. Reply lists a slice left unfinished come first,
    /// then further top-level comments, so the page fills in reading order.
    pub fn render_page_slice(&mut self, budget: usize, say: &Say) -> Vec<(Place, String)> {
        let budget = budget.max(1);
        let mut written = 0;
        let mut parts = Vec::new();
        while written < budget {
            let Some((parent, from)) = self.unfinished.pop_front() else {
                break;
            };
            let mut html = String::new();
            written += self.subtree_into(
                Step::Children(parent, from),
                budget - written,
                say,
                &mut html,
            );
            parts.push((Place::Replies(parent), html));
        }
        let mut html = String::new();
        while written < budget && self.roots_rendered < self.roots_wanted {
            let root = self.roots[self.roots_rendered];
            self.roots_rendered += 1;
            written += self.subtree_into(Step::Comment(root), budget - written, say, &mut html);
        }
        if !html.is_empty() {
            parts.push((Place::List, html));
        }
        parts
    }

    /// How many top-level comments the page should show.
    pub fn roots_wanted(&self) -> usize {
        self.roots_wanted
    }

    /// Starts the page again with `roots_wanted` top-level comments: the
    /// screen's page after print built everything.
    pub fn back_to_page(&mut self, roots_wanted: usize) {
        self.roots_wanted = roots_wanted.min(self.thread.roots.len());
        self.restart_page();
    }

    /// Adds the next page of top-level comments to the page's target.
    pub fn show_more_roots(&mut self) {
        let page = self.options.page_size.unwrap_or(usize::MAX);
        self.roots_wanted = self
            .roots_wanted
            .saturating_add(page)
            .min(self.thread.roots.len());
    }

    /// The label of the "Show more comments" button, if one is needed.
    pub fn more_roots_label(&self, say: &Say) -> Option<String> {
        let remaining = self.thread.roots.len() - self.roots_wanted;
        let page = self.options.page_size.unwrap_or(usize::MAX);
        (remaining > 0).then(|| {
            say.speak.show_more(
                &say.speak.words().show_more_comments,
                remaining.min(page),
                remaining,
            )
        })
    }

    /// The order of top-level comments.
    pub fn sort(&self) -> SortOrder {
        self.options.sort
    }

    /// Shows top-level comments in `order`, as many as were shown. The
    /// page starts again: the list must be emptied and rendered anew.
    pub fn set_sort(&mut self, order: SortOrder) {
        self.options.sort = order;
        self.roots = sorted_roots(&self.thread, order);
        self.restart_page();
    }

    /// Closes every top-level comment ("Collapse all"), or opens every
    /// comment ("Expand all"). The page starts again, as for [`set_sort`](Self::set_sort).
    pub fn set_all_open(&mut self, open: bool) {
        if open {
            self.open.iter_mut().for_each(|o| *o = true);
        } else {
            for &root in &self.thread.roots {
                self.open[root] = false;
            }
        }
        self.restart_page();
    }

    /// Forgets what the page holds, keeping how many top-level comments
    /// it should show and what the reader opened and closed.
    fn restart_page(&mut self) {
        self.roots_rendered = 0;
        self.unfinished.clear();
        self.built.iter_mut().for_each(|b| *b = false);
        self.flats.clear();
        self.flat_position.clear();
        self.live = false;
    }

    /// The comments the reader opened or closed against the thread's
    /// defaults, by id, with their state: what is worth remembering.
    pub fn choices(&self) -> Vec<(&str, bool)> {
        (0..self.open.len())
            .filter(|&i| self.open[i] != opens_by_default(&self.thread, self.options, i))
            .map(|i| (self.thread.comments[i].id.as_str(), self.open[i]))
            .collect()
    }

    /// Opens and closes comments by id as remembered; ids no longer in the
    /// thread are passed over. Before the first render only.
    pub fn apply_choices<'a>(&mut self, choices: impl IntoIterator<Item = (&'a str, bool)>) {
        let by_id: FxHashMap<&str, usize> = (0..self.thread.comments.len())
            .map(|i| (self.thread.comments[i].id.as_str(), i))
            .collect();
        for (id, open) in choices {
            if let Some(&index) = by_id.get(id) {
                self.open[index] = open;
            }
        }
    }

    /// Opens or closes comment `index`.
    pub fn toggle(&mut self, index: usize, say: &Say) -> Toggled {
        let open = !self.open[index];
        self.open[index] = open;
        let label = self.toggle_label(index, open, say);
        let mut replies = None;
        let mut hide = Vec::new();
        let mut more = None;
        if let Some(&(root, position)) = self.flat_position.get(&index) {
            let flat = self.flats.get_mut(&root).expect("flat items have a list");
            let end = position + flat.descendants[position] as usize;
            for p in position + 1..=end {
                let before = flat.hidden_by[p] > 0;
                flat.hidden_by[p] = if open {
                    flat.hidden_by[p].saturating_sub(1)
                } else {
                    flat.hidden_by[p] + 1
                };
                let after = flat.hidden_by[p] > 0;
                if p < flat.shown && before != after {
                    hide.push((flat.items[p], after));
                }
            }
            more = Some((root, self.more_flat_label(root, say)));
        } else if open && !self.built[index] {
            let mut html = String::new();
            self.subtree_into(Step::Replies(index), usize::MAX, say, &mut html);
            replies = Some(html);
        }
        Toggled {
            open,
            label,
            replies,
            hide,
            more,
        }
    }

    /// The next page of the flat list under `root`, and the label of its
    /// "Show more" button if some are still not shown.
    pub fn more_flat(&mut self, root: usize, say: &Say) -> (String, Option<String>) {
        let mut html = String::new();
        let Some(flat) = self.flats.get(&root) else {
            return (html, None);
        };
        let (from, to) = (flat.shown, flat.page_end(self.flat_page()));
        for position in from..to {
            self.flat_item_into(root, position, say, &mut html);
        }
        let flat = self.flats.get_mut(&root).expect("checked above");
        flat.shown = to;
        (html, self.more_flat_label(root, say))
    }

    /// The label of the "Show more" button of the flat list under `root`,
    /// counting the replies not shown yet that would show: none, no button.
    fn more_flat_label(&self, root: usize, say: &Say) -> Option<String> {
        let flat = self.flats.get(&root)?;
        let remaining = flat.hidden_by[flat.shown..]
            .iter()
            .filter(|&&by| by == 0)
            .count();
        (remaining > 0).then(|| {
            say.speak.show_more(
                &say.speak.words().show_more_replies,
                remaining.min(self.flat_page()),
                remaining,
            )
        })
    }

    /// Writes a comment and its open replies, or a comment's replies alone,
    /// without recursion: nesting stops at the depth limit anyway, but a
    /// stack keeps even that off the call stack. Once `budget` comments are
    /// written, reply lists are closed where they stand and noted as
    /// unfinished. Returns comments written.
    fn subtree_into(&mut self, start: Step, budget: usize, say: &Say, out: &mut String) -> usize {
        let mut written = 0;
        let mut deferred = Vec::new();
        let mut steps = vec![start];
        while let Some(step) = steps.pop() {
            match step {
                Step::Children(parent, from) => {
                    let children = &self.thread.comments[parent].children;
                    if from >= children.len() {
                        continue;
                    }
                    if written >= budget {
                        deferred.push((parent, from));
                        continue;
                    }
                    let child = children[from];
                    steps.push(Step::Children(parent, from + 1));
                    steps.push(Step::Comment(child));
                }
                Step::Comment(index) => {
                    written += 1;
                    self.comment_into(index, None, say, out);
                    steps.push(Step::Close("</div></li>"));
                    if self.open[index] {
                        steps.push(Step::Replies(index));
                    }
                }
                Step::Replies(index) => {
                    self.built[index] = true;
                    let node = &self.thread.comments[index];
                    if node.children.is_empty() {
                        continue;
                    }
                    if node.depth >= self.options.max_depth {
                        written += self.flat_into(index, say, out);
                        continue;
                    }
                    out.push_str("<ol class=\"kibitz-replies\">");
                    steps.push(Step::Close("</ol>"));
                    steps.push(Step::Children(index, 0));
                }
                Step::Close(tag) => out.push_str(tag),
            }
        }
        // What this call left comes before older unfinished lists: it lies
        // inside or above them in reading order.
        for list in deferred.into_iter().rev() {
            self.unfinished.push_front(list);
        }
        written
    }

    /// Everything below `root`, depth first, as one list whose items say
    /// whom they answer; the first page of it, then a "Show more" button.
    fn flat_into(&mut self, root: usize, say: &Say, out: &mut String) -> usize {
        let items = self.thread.descendants_preorder(root);
        let descendants: Vec<u32> = items
            .iter()
            .map(|&i| self.thread.comments[i].descendants)
            .collect();
        let collapsed: Vec<bool> = items.iter().map(|&i| !self.open[i]).collect();
        for (position, &item) in items.iter().enumerate() {
            self.flat_position.insert(item, (root, position));
        }
        let mut flat = Flat {
            hidden_by: hidden_counts(&descendants, &collapsed),
            items,
            descendants,
            shown: 0,
        };
        let shown = flat.page_end(self.flat_page());
        flat.shown = shown;
        self.flats.insert(root, flat);
        out.push_str("<ol class=\"kibitz-replies kibitz-replies--flat\">");
        for position in 0..shown {
            self.flat_item_into(root, position, say, out);
        }
        out.push_str("</ol>");
        if let Some(label) = self.more_flat_label(root, say) {
            out.push_str("<button type=\"button\" class=\"kibitz-button kibitz-more\">");
            escape_into(&label, out);
            out.push_str("</button>");
        }
        shown
    }

    fn flat_item_into(&mut self, root: usize, position: usize, say: &Say, out: &mut String) {
        let flat = &self.flats[&root];
        let (index, hidden) = (flat.items[position], flat.hidden_by[position] > 0);
        let answers = self.thread.comments[index].parent;
        self.comment_into(index, Some((answers, hidden)), say, out);
        out.push_str("</div></li>");
    }
}

/// The prefix a thread's comment anchors want, `kibitz-<thread id>`, with
/// the thread id's characters as [`anchor_chars`] writes them: a thread
/// named by a path (`posts/second-summit`) keeps links of its own.
/// `None` for a thread without an id.
pub fn anchor_prefix(thread: &Thread) -> Option<String> {
    let id = thread.meta.id.clone()?.into_text();
    if id.is_empty() {
        return None;
    }
    let mut prefix = String::from("kibitz-");
    prefix.extend(anchor_chars(&id));
    Some(prefix)
}

/// A comment id as its anchor writes it: characters that fragments handle
/// badly become `_`.
fn anchor_chars(id: &str) -> impl Iterator<Item = char> + '_ {
    id.chars().map(|c| {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            c
        } else {
            '_'
        }
    })
}

#[cfg(test)]
pub(crate) mod tests;
