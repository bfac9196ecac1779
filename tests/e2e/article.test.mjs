// The demo scenario: a blog post with one kibitz tag showing the six comments
// of second-summit.json. Loader, rendering, numbering, nesting, collapsing by
// mouse and keyboard, the section toggle, the ready event, and that the host
// page survives, at 1000 px and 320 px.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildVersion, startServer, THREADS } from './server.mjs';
import { useBrowser, eventually, screenshot, openPage, assertHealthy } from './browser.mjs';
import { ArticlePage } from './page-objects/article-page.mjs';

const fixture = JSON.parse(readFileSync(path.join(THREADS, 'second-summit.json'), 'utf8'));
const toMillis = (created) => (typeof created === 'number' ? created * 1000 : Date.parse(created));
/** id → expected number: #1.. by `created`, oldest first. */
const expectedNumbers = new Map(
  [...fixture.comments]
    .sort((a, b) => toMillis(a.created) - toMillis(b.created))
    .map((comment, i) => [comment.id, `#${i + 1}`]),
);

const hooks = { before, after, beforeEach, afterEach };

/** Loads article.html and waits for the thread; stores the page object on ctx. */
async function loadArticle(ctx) {
  ctx.article = new ArticlePage(ctx.page, ctx.server);
  await ctx.article.goto();
  await ctx.article.widget.waitForThread();
  return ctx.article;
}

describe('article page: first render (second-summit.json, 6 comments)', () => {
  // These tests only read, so they share one page load.
  const ctx = useBrowser(hooks, { server: startServer, shared: true, setup: loadArticle });
  const open = async () => ctx.article;

  it('loads kibitz.css, the widget module and the .wasm from beside kibitz.js, by the build\'s version', async () => {
    const article = await open();
    const { origin } = ctx.server;
    const version = buildVersion();
    assert.equal(await article.styleLink.getAttribute('href'), `${origin}/static/kibitz/kibitz.css?v=${version}`);
    assert.equal(
      await ctx.page.evaluate(() => document.head.firstElementChild.id),
      'kibitz-style',
      'the stylesheet goes first in <head>, so host rules win',
    );
    const paths = ctx.server.requests.map((r) => r.path);
    for (const asset of ['kibitz.js', 'kibitz.css', 'kibitz-widget.js', 'kibitz-widget_bg.wasm']) {
      assert.ok(paths.includes(`/static/kibitz/${asset}`), `${asset} requested from /static/kibitz/: ${paths}`);
    }
    // Asked for by version, so that a browser's cached copy of another
    // build's glue, wasm or stylesheet is never paired with this loader.
    for (const asset of ['kibitz.css', 'kibitz-widget.js', 'kibitz-widget_bg.wasm']) {
      const asked = ctx.server.requests.filter((r) => r.path === `/static/kibitz/${asset}`).map((r) => r.search);
      assert.deepEqual(asked, [`?v=${version}`], asset);
    }
    assert.ok(!paths.some((p) => /^\/(posts|threads)\/kibitz/.test(p)), `assets looked up beside the page: ${paths}`);
    // The .wasm is served as application/wasm, so no fallback warning from wasm-bindgen.
    const streamingWarnings = ctx.session.consoleMessages.filter((m) => /instantiateStreaming|MIME type/i.test(m.text));
    assert.deepEqual(streamingWarnings, []);
    assert.deepEqual(ctx.session.kibitzConsole('warning'), []);
    assert.deepEqual(ctx.session.kibitzConsole('error'), []);
  });

  it('mounts right after its script tag and leaves the host page intact', async () => {
    const article = await open();
    assert.equal(await ctx.page.title(), 'The second summit — Test Blog');
    assert.equal(await article.heading.textContent(), 'The second summit');
    assert.match(await article.lede.textContent(), /^At 6,660 metres/);
    assert.equal(await article.hostList.count(), 2, 'host list items');
    assert.ok(await ArticlePage.isShown(article.lede));
    assert.ok(await ArticlePage.isShown(article.footer), 'host footer after the widget is visible');
    const order = await ctx.page.evaluate(() => {
      const script = document.querySelector('script[src$="/kibitz.js"]');
      return [script.nextElementSibling?.className, script.nextElementSibling?.nextElementSibling?.id];
    });
    assert.deepEqual(order, ['kibitz-mount', 'after-widget']);
    // The host's own rules (ol padding, h2 size) do not leak in, nor ours out.
    const hostListPadding = await article.hostList.first().evaluate((li) => getComputedStyle(li.parentElement).paddingLeft);
    assert.equal(hostListPadding, '40px', 'host <ol> keeps its 2.5rem padding');
    const footerBox = await article.footer.boundingBox();
    const widgetBox = await article.widget.root.boundingBox();
    assert.ok(footerBox.y >= widgetBox.y + widgetBox.height, 'footer is below the widget, not overlapped');
  });

  it('fires kibitz:ready once, on the mount element, with the count 6', async () => {
    const article = await open();
    const events = await article.waitForEvents(1);
    assert.equal(events.length, 1, JSON.stringify(events));
    const [ready] = events;
    assert.equal(ready.type, 'kibitz:ready');
    assert.equal(ready.detail, 6);
    assert.equal(ready.detailType, 'number');
    assert.equal(ready.target, 'div.kibitz-mount');
    assert.equal(ready.bubbles, true);
    assert.equal(ready.composed, true);
    assert.deepEqual(ready.rendered, { comments: 6, heading: '6 Comments', error: null }, 'rendered before the event');
  });

  it('shows the count in the heading and the section in the public DOM shape', async () => {
    const article = await open();
    const { widget } = article;
    assert.equal(await widget.title.textContent(), '6 Comments');
    assert.equal(await widget.root.getAttribute('data-theme'), 'auto');
    assert.equal(await widget.root.getAttribute('aria-busy'), null);
    const headingId = await widget.title.getAttribute('id');
    assert.ok(headingId, 'heading has an id');
    assert.equal(await widget.root.getAttribute('aria-labelledby'), headingId);
    assert.equal(await widget.toggle.textContent(), 'Close');
    assert.equal(await widget.toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await widget.toggle.getAttribute('aria-controls'), await widget.section.getAttribute('id'));
    // The toggle says what it opens and closes: the heading describes it.
    assert.equal(await widget.toggle.getAttribute('aria-describedby'), headingId);
    assert.equal(await widget.comments.count(), 6);
    assert.equal(await widget.error.count(), 0);
  });

  it('numbers the comments #1..#6 oldest first', async () => {
    const article = await open();
    const comments = await article.widget.snapshot();
    assert.deepEqual(
      new Map(comments.map((c) => [c.id, c.number])),
      expectedNumbers,
    );
    const byNumber = [...comments].sort((a, b) => +a.number.slice(1) - +b.number.slice(1));
    const times = byNumber.map((c) => Date.parse(c.datetime));
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'numbers follow the times (data-datetime)');
    // The time carries machine (data-datetime) and human forms (the context runs in UTC).
    const first = article.widget.comment('c5102');
    assert.equal(await first.time.getAttribute('data-datetime'), '2023-02-15T00:08:00Z');
    // The full date is the tooltip, written when the pointer reaches the time.
    assert.equal(await first.time.getAttribute('title'), null);
    await first.time.hover();
    assert.match(await first.time.getAttribute('title'), /February 15, 2023.*12:08:00 AM/);
    // Unix seconds (c5388: 1704824520) read the same as RFC 3339.
    assert.equal(await article.widget.comment('c5388').time.getAttribute('data-datetime'), '2024-01-09T18:22:00Z');
  });

  it('nests each reply inside its parent, top level and replies oldest first', async () => {
    const article = await open();
    const comments = await article.widget.snapshot();
    const tree = comments.map(({ id, parent, depth, list }) => ({ id, parent, depth, list }));
    assert.deepEqual(tree, [
      { id: 'c5102', parent: null, depth: 1, list: 'kibitz-list' },
      { id: 'c5117', parent: 'c5102', depth: 2, list: 'kibitz-replies' },
      { id: 'c5388', parent: 'c5117', depth: 3, list: 'kibitz-replies' },
      { id: 'c5231', parent: null, depth: 1, list: 'kibitz-list' },
      { id: 'c5460', parent: 'c5231', depth: 2, list: 'kibitz-replies' },
      { id: 'c5593', parent: null, depth: 1, list: 'kibitz-list' },
    ]);
    const joaquin = article.widget.comment('c5102');
    assert.equal(await joaquin.replies.count(), 1, 'direct replies of #1');
    assert.equal(await joaquin.replies.first().getAttribute('data-comment-id'), 'c5117');
  });

  it('renders bodies as text: paragraphs, line breaks and safe links', async () => {
    const article = await open();
    const { widget } = article;
    assert.equal(await widget.comment('c5102').body.locator(':scope > p').count(), 2, 'blank line → two paragraphs');
    assert.equal(await widget.comment('c5460').body.locator('br').count(), 1, 'single newline → <br>');
    const link = widget.comment('c5231').body.locator('a');
    assert.equal(await link.count(), 1);
    assert.equal(await link.getAttribute('href'), 'https://www.mountain-forecast.com/peaks/Aconcagua');
    assert.equal(await link.getAttribute('rel'), 'nofollow ugc noopener noreferrer');
    assert.equal(await link.textContent(), 'https://www.mountain-forecast.com/peaks/Aconcagua');
    const author = widget.comment('c5231').author;
    assert.equal(await author.evaluate((el) => el.tagName), 'A');
    assert.equal(await author.getAttribute('href'), 'https://zofia-wisniewska.example/');
    assert.equal(await author.getAttribute('rel'), 'nofollow ugc noopener noreferrer');
    assert.equal(await widget.comment('c5102').author.evaluate((el) => el.tagName), 'SPAN');
  });

  it('gives every element a unique id', async () => {
    const article = await open();
    assert.deepEqual(await article.duplicateIds(), []);
  });

  it('looks right at 1000 px (screenshot)', async () => {
    const article = await open();
    await screenshot(ctx.page, 'article-1000');
    const { scrollWidth } = await article.overflow();
    assert.ok(scrollWidth <= 1000, `scrollWidth ${scrollWidth}`);
  });
});

describe('article page: interaction', () => {
  // Each test changes the page, so each gets a fresh one.
  const ctx = useBrowser(hooks, { server: startServer });
  const open = () => loadArticle(ctx);

  it('collapses and expands one comment with the mouse', async () => {
    const article = await open();
    const joaquin = article.widget.comment('c5102');
    const before = await joaquin.state();
    assert.deepEqual(before, {
      expanded: 'true',
      controlsContent: true,
      label: 'Collapse comment #1 by Joaquín Sepúlveda',
      collapsedClass: false,
      contentVisible: true,
      note: { text: '2 replies hidden', visible: false },
    });
    assert.equal(await joaquin.sign(), '−');

    await joaquin.clickToggle();
    assert.equal(await joaquin.sign(), '+');
    assert.deepEqual(await joaquin.state(), {
      expanded: 'false',
      controlsContent: true,
      label: 'Expand comment #1 by Joaquín Sepúlveda (2 replies hidden)',
      collapsedClass: true,
      contentVisible: false,
      note: { text: '2 replies hidden', visible: true },
    });
    assert.ok(!(await ArticlePage.isShown(article.widget.comment('c5388').li)), 'grandchild hidden too');
    assert.ok(await ArticlePage.isShown(article.widget.comment('c5231').li), 'siblings stay visible');

    await joaquin.clickToggle();
    assert.deepEqual(await joaquin.state(), before);
    assert.ok(await ArticlePage.isShown(article.widget.comment('c5388').body));
  });

  it('collapses and expands one comment with the keyboard (Enter and Space)', async () => {
    const article = await open();
    const zofia = article.widget.comment('c5231');
    await zofia.toggle.focus();
    assert.equal(await zofia.toggle.evaluate((el) => el === document.activeElement), true);

    await ctx.page.keyboard.press('Enter');
    let state = await zofia.state();
    assert.equal(state.expanded, 'false');
    assert.equal(state.contentVisible, false);
    assert.deepEqual(state.note, { text: '1 reply hidden', visible: true });

    await ctx.page.keyboard.press('Enter');
    state = await zofia.state();
    assert.equal(state.expanded, 'true');
    assert.equal(state.contentVisible, true);
    assert.equal(state.note.visible, false);

    await ctx.page.keyboard.press('Space');
    state = await zofia.state();
    assert.equal(state.expanded, 'false');
    assert.equal(state.contentVisible, false);
    assert.equal(await zofia.toggle.evaluate((el) => el === document.activeElement), true, 'focus stays on the toggle');

    await ctx.page.keyboard.press('Space');
    assert.equal((await zofia.state()).expanded, 'true');

    // Tab order, in reading order: from the header toggle through the
    // reader's controls to #1's toggle.
    await article.widget.toggle.focus();
    const reached = [];
    for (let i = 0; i < 4; i++) {
      await ctx.page.keyboard.press('Tab');
      reached.push(await ctx.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent.trim()));
    }
    assert.deepEqual(reached.slice(1), ['Collapse all', 'Expand all', 'Collapse comment #1 by Joaquín Sepúlveda']);
    assert.match(reached[0], /^Oldest/, 'the order control comes first');
  });

  it('a comment without replies collapses without a "hidden" note', async () => {
    const article = await open();
    const siobhan = article.widget.comment('c5593');
    assert.equal(await siobhan.hiddenNote.count(), 0);
    await siobhan.clickToggle();
    const state = await siobhan.state();
    assert.equal(state.expanded, 'false');
    assert.equal(state.label, 'Expand comment #6 by Siobhán Ní Bhriain');
    assert.equal(state.contentVisible, false);
    assert.equal(state.note, null);
  });

  it('closes and reopens the whole section with the header toggle', async () => {
    const article = await open();
    const { widget } = article;
    await widget.toggle.click();
    assert.equal(await widget.toggle.textContent(), 'Open');
    assert.equal(await widget.toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await widget.section.getAttribute('hidden'), '');
    assert.ok(!(await ArticlePage.isShown(widget.section)));
    assert.equal(await widget.title.textContent(), '6 Comments', 'the count stays visible');
    assert.ok(await ArticlePage.isShown(article.footer));

    await widget.toggle.press('Enter');
    assert.equal(await widget.toggle.textContent(), 'Close');
    assert.equal(await widget.toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await widget.section.getAttribute('hidden'), null);
    assert.ok(await ArticlePage.isShown(widget.comment('c5388').body), 'nested comments are back');
  });

  it('follows a dark reader preference when data-theme is auto', async () => {
    const dark = await openPage(ctx.browser, { colorScheme: 'dark' });
    try {
      const article = new ArticlePage(dark.page, ctx.server);
      await article.goto();
      await article.widget.waitForThread();
      assert.equal(await article.widget.background(), 'rgb(23, 25, 29)');
      assertHealthy(dark);
    } finally {
      await dark.close();
    }
    // ...and stays transparent, on the host's own background, in light.
    const article = await open();
    assert.equal(await article.widget.background(), 'rgba(0, 0, 0, 0)');
  });
});

describe('article page at 320 px', () => {
  const ctx = useBrowser(hooks, { server: startServer, page: { width: 320, height: 640 } });

  it('has no horizontal overflow, with every comment open or collapsed', async () => {
    const article = await loadArticle(ctx);
    await screenshot(ctx.page, 'article-320');
    let { scrollWidth } = await article.overflow();
    assert.ok(scrollWidth <= 320, `scrollWidth ${scrollWidth} > 320`);
    await article.widget.comment('c5102').clickToggle();
    ({ scrollWidth } = await article.overflow());
    assert.ok(scrollWidth <= 320, `collapsed: scrollWidth ${scrollWidth} > 320`);
    await eventually(async () => assert.ok(await ArticlePage.isShown(article.footer)));
  });
});
