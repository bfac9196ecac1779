// Big threads stay cheap: collapsing a comment with 300 replies changes
// only that comment's own elements; 3,000 top-level comments shown at once
// (data-page-size="all") arrive in several slices, and kibitz:ready waits
// for the last; a chain of 10,000 replies renders without an error.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, eventually } from './browser.mjs';
import { HostPage } from './page-objects/host-page.mjs';
import { Widget } from './page-objects/widget.mjs';

const hooks = { before, after, beforeEach, afterEach };
const scriptMount = (page) => page.locator('script[src$="/kibitz.js"] + div.kibitz-mount');

describe('collapsing a comment with 300 replies (threads/big-subtree.json)', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  /** Starts recording every mutation under the widget root. */
  function observe(page) {
    return page.evaluate(() => {
      const root = document.querySelector('section.kibitz');
      const big = root.querySelector('li[data-comment-id="big"]');
      const describe = (node) => {
        if (node.nodeType !== 1) return `#${node.nodeName} in ${describe(node.parentNode)}`;
        const li = node.closest('li.kibitz-comment');
        return `${node.tagName.toLowerCase()}.${[...node.classList].join('.')} (in comment ${li?.dataset.commentId ?? 'none'})`;
      };
      window.__records = [];
      window.__observer?.disconnect();
      window.__observer = new MutationObserver((records) => {
        for (const r of records) {
          window.__records.push({ type: r.type, attribute: r.attributeName, inside: big.contains(r.target), target: describe(r.target) });
        }
      });
      window.__observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  }

  /** The records so far, after two frames and a task for late ones to arrive. */
  function records(page) {
    return page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))));
      return window.__records.splice(0);
    });
  }

  function assertLocal(seen, what) {
    assert.ok(seen.length > 0, `${what}: the toggle changed something`);
    assert.deepEqual(seen.filter((r) => !r.inside), [], `${what}: every change is inside li[data-comment-id="big"]`);
    assert.ok(seen.length < 20, `${what}: ${seen.length} mutation records, not one per reply: ${JSON.stringify(seen.slice(0, 25))}`);
  }

  it('changes only that comment, hides and restores its replies, and keeps focus on the toggle', async (t) => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/big-subtree.html');
    const widget = new Widget(ctx.page, scriptMount(ctx.page));
    await host.goto();
    assert.equal(await widget.waitForThread(), '305 Comments');
    const big = widget.comment('big');
    assert.equal(await big.li.locator('li.kibitz-comment').count(), 300, 'all 300 replies are rendered');
    const contentOf = () => big.toggle.evaluate((t) => {
      const content = document.getElementById(t.getAttribute('aria-controls'));
      return { hidden: content.hidden, isOwnContent: content.parentElement.dataset.commentId === 'big' };
    });
    assert.deepEqual(await contentOf(), { hidden: false, isOwnContent: true });
    const toggleFocused = () => big.toggle.evaluate((t) => t === document.activeElement);

    await observe(ctx.page);
    await big.clickToggle();
    await eventually(async () => assert.equal(await big.toggle.getAttribute('aria-expanded'), 'false'));
    const collapsed = await records(ctx.page);
    assertLocal(collapsed, 'collapse');
    assert.deepEqual(await contentOf(), { hidden: true, isOwnContent: true });
    assert.equal(await big.replies.first().isVisible(), false);
    assert.deepEqual((await big.state()).note, { text: '300 replies hidden', visible: true });
    assert.equal(await toggleFocused(), true, 'focus stays on the toggle');
    for (const other of ['first', 'last']) {
      assert.equal((await widget.comment(other).state()).expanded, 'true', `${other} is untouched`);
    }

    await big.clickToggle();
    await eventually(async () => assert.equal(await big.toggle.getAttribute('aria-expanded'), 'true'));
    const expanded = await records(ctx.page);
    assertLocal(expanded, 'expand');
    t.diagnostic(`mutation records: ${collapsed.length} to collapse, ${expanded.length} to expand`);
    assert.deepEqual(await contentOf(), { hidden: false, isOwnContent: true });
    assert.equal(await big.replies.count(), 12);
    assert.equal(await big.replies.first().isVisible(), true);
    assert.equal(await big.li.locator('li.kibitz-comment').count(), 300, 'the same 300 replies, not rebuilt or doubled');
    assert.equal((await big.state()).note.visible, false);
    assert.equal(await toggleFocused(), true, 'focus stays on the toggle');
    assert.deepEqual(await host.duplicateIds(), []);
  });
});

describe('3,000 top-level comments with data-page-size="all"', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('are added to the list in several slices, and kibitz:ready comes after the last', async (t) => {
    // Every childList batch that adds comments to ol.kibitz-list: how many
    // it added, and how many the list held when it was delivered.
    await ctx.page.addInitScript(() => {
      const batches = [];
      Object.defineProperty(window, '__listBatches', { value: batches });
      new MutationObserver((records) => {
        let added = 0;
        let list = null;
        for (const r of records) {
          if (r.type !== 'childList' || !r.target.matches?.('ol.kibitz-list')) continue;
          const comments = [...r.addedNodes].filter((n) => n.nodeType === 1 && n.matches('li.kibitz-comment')).length;
          if (comments) {
            added += comments;
            list = r.target;
          }
        }
        if (list) {
          batches.push({ added, inList: list.querySelectorAll(':scope > li.kibitz-comment').length, at: performance.now() });
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const host = new HostPage(ctx.page, ctx.server, '/posts/progressive.html');
    const widget = new Widget(ctx.page, scriptMount(ctx.page));
    await host.goto();
    const events = await host.waitForEvents(1);
    assert.deepEqual(
      events.map((e) => [e.type, e.detail, e.rendered.comments]),
      [['kibitz:ready', 3000, 3000]],
      'kibitz:ready fired once all 3,000 were in the list',
    );
    assert.equal(await widget.title.textContent(), '3,000 Comments');
    assert.equal(await widget.list.locator(':scope > li.kibitz-comment').count(), 3000);
    assert.equal(await widget.section.locator('button.kibitz-more').count(), 0, 'no Show more button');

    const batches = await ctx.page.evaluate(() => window.__listBatches.slice());
    assert.ok(batches.length > 1, `the list grew in ${batches.length} batch(es): ${JSON.stringify(batches)}`);
    assert.ok(batches[0].inList < 3000, `the first comments appeared with ${batches[0].inList} in the list`);
    assert.equal(batches.reduce((sum, b) => sum + b.added, 0), 3000, 'each comment added once');
    assert.equal(batches.at(-1).inList, 3000);
    t.diagnostic(`${batches.length} slices: ${batches.map((b) => b.added).join(', ')}; first comment at ${Math.round(batches[0].at)} ms, last at ${Math.round(batches.at(-1).at)} ms`);
  });
});

describe('numbering 3,000 comments', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('writes every number as Intl does, learning the digits from a few answers instead of asking for each', async () => {
    // Counts every call of a bound Intl.NumberFormat#format.
    await ctx.page.addInitScript(() => {
      let calls = 0;
      Object.defineProperty(window, '__numberCalls', { get: () => calls });
      const getter = Object.getOwnPropertyDescriptor(Intl.NumberFormat.prototype, 'format').get;
      Object.defineProperty(Intl.NumberFormat.prototype, 'format', {
        configurable: true,
        get() {
          const format = getter.call(this);
          return (n) => {
            calls += 1;
            return format(n);
          };
        },
      });
    });
    const host = new HostPage(ctx.page, ctx.server, '/posts/progressive.html');
    const widget = new Widget(ctx.page, scriptMount(ctx.page));
    await host.goto();
    await host.waitForEvents(1);
    const numbers = await widget.list.locator(':scope > li.kibitz-comment > .kibitz-comment__meta > .kibitz-comment__number').allTextContents();
    assert.equal(numbers.length, 3000);
    const expected = await ctx.page.evaluate(() => {
      const format = new Intl.NumberFormat('en');
      return Array.from({ length: 3000 }, (_, i) => `#${format.format(i + 1)}`);
    });
    assert.deepEqual(numbers, expected);
    const calls = await ctx.page.evaluate(() => window.__numberCalls) - 3000;
    assert.ok(calls < 50, `the widget asked Intl.NumberFormat for ${calls} numbers`);
  });
});

describe('a chain of 10,000 replies', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    async setup(ctx) {
      ctx.host = new HostPage(ctx.page, ctx.server, '/posts/chain-10000.html');
      ctx.widget = new Widget(ctx.page, scriptMount(ctx.page));
      await ctx.host.goto();
      await ctx.widget.waitForThread();
    },
  });

  it('counts "10,000 Comments" and fires kibitz:ready with 10000', async () => {
    assert.equal(await ctx.widget.title.textContent(), '10,000 Comments');
    assert.deepEqual((await ctx.host.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:ready', 10000]]);
    assert.equal(await ctx.widget.error.count(), 0);
  });

  it('nests the first six, then lists a page of 50 flat with "Show 50 more replies"', async () => {
    const comments = await ctx.widget.snapshot();
    assert.deepEqual(
      comments.filter((c) => !c.flat).map((c) => [c.id, c.depth]),
      [1, 2, 3, 4, 5, 6].map((k) => [`n${k}`, k]),
    );
    const flat = comments.filter((c) => c.flat);
    assert.deepEqual(flat.map((c) => c.id), Array.from({ length: 50 }, (_, i) => `n${7 + i}`));
    assert.ok(flat.every((c) => c.parent === 'n6' && c.depth === 7));
    assert.equal(flat[0].context, 'replying to Person 6');
    const more = ctx.widget.section.locator('ol.kibitz-replies--flat + button.kibitz-more');
    assert.equal(await more.textContent(), 'Show 50 more replies (9,944 not shown)');
    assert.deepEqual(await ctx.host.duplicateIds(), []);
  });
});
