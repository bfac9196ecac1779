// Deep threads: a flat chain of 100,000 replies (each answering the one
// before) must load without a crash, count correctly, keep the DOM shallow
// (nesting stops at data-max-depth, default 6; deeper replies are one flat
// list saying whom they answer, shown 50 at a time), and a smaller chain
// with data-max-depth="3". Chains nested 1,000 deep, as Bluesky (asked for
// depth=1000), Hacker News and kibitz's own `replies` serve them, read whole.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot, eventually } from './browser.mjs';
import { DeepPage } from './page-objects/deep-page.mjs';
import { MaxDepthPage } from './page-objects/max-depth-page.mjs';
import { NestedChainsPage } from './page-objects/nested-chains-page.mjs';

const hooks = { before, after, beforeEach, afterEach };
const DEFAULT_MAX_DEPTH = 6;
const CHAIN = 100_000;

describe('a chain of 100,000 replies (default max depth 6)', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    async setup(ctx) {
      ctx.deep = new DeepPage(ctx.page, ctx.server);
      const started = Date.now();
      await ctx.deep.goto();
      await ctx.deep.widget.waitForThread();
      ctx.loadMs = Date.now() - started;
    },
  });

  it('loads, counts "100,000 Comments" and fires kibitz:ready with 100000', async (t) => {
    assert.equal(await ctx.deep.widget.title.textContent(), '100,000 Comments');
    const events = await ctx.deep.waitForEvents(1);
    assert.deepEqual(events.map((e) => [e.type, e.detail]), [['kibitz:ready', CHAIN]]);
    assert.equal(await ctx.deep.widget.error.count(), 0);
    assert.ok(ctx.loadMs < 20_000, `loaded in ${ctx.loadMs} ms`);
    t.diagnostic(`the 100,000-reply chain rendered ${ctx.loadMs} ms after navigation`);
  });

  it(`nests ${DEFAULT_MAX_DEPTH} levels, then lists the rest flat with "replying to"`, async () => {
    const comments = await ctx.deep.widget.snapshot();
    const nested = comments.filter((c) => !c.flat);
    assert.deepEqual(
      nested.map((c) => [c.id, c.depth, c.number]),
      [1, 2, 3, 4, 5, 6].map((k) => [`n${k}`, k, `#${k}`]),
    );
    const flat = comments.filter((c) => c.flat);
    assert.equal(flat.length, 50, 'one page of 50 flat replies');
    flat.forEach((c, i) => {
      const k = DEFAULT_MAX_DEPTH + 1 + i;
      assert.equal(c.id, `n${k}`);
      assert.equal(c.number, `#${k}`);
      assert.equal(c.context, `replying to Person ${k - 1}`);
      assert.equal(c.parent, `n${DEFAULT_MAX_DEPTH}`, 'every flat reply sits in the depth-6 comment');
      assert.match(c.list, /\bkibitz-replies--flat\b/);
    });
    const deepest = Math.max(...comments.map((c) => c.depth));
    assert.ok(deepest <= DEFAULT_MAX_DEPTH + 1, `comment elements nest ${deepest} deep`);
  });

  it('keeps the whole document shallow', async () => {
    const depth = await ctx.page.evaluate(() => {
      let max = 0;
      const walk = (el, d) => {
        if (d > max) max = d;
        for (const child of el.children) walk(child, d + 1);
      };
      walk(document.documentElement, 1);
      return max;
    });
    assert.ok(depth < 80, `DOM depth ${depth}`);
  });

  it('leaves the host page intact (screenshot)', async () => {
    assert.equal(await ctx.page.title(), 'A chain of 100,000 replies');
    assert.ok(await DeepPage.isShown(ctx.deep.lede));
    assert.ok(await DeepPage.isShown(ctx.deep.footer));
    assert.deepEqual(await ctx.deep.duplicateIds(), []);
    await screenshot(ctx.page, 'deep-chain');
  });

  // The tests below change the page; they run last, in order.

  it('"Show 50 more replies" adds 50 more, in order', async () => {
    const { widget } = ctx.deep;
    assert.equal(await widget.moreButton.textContent(), 'Show 50 more replies (99,944 not shown)');
    await widget.moreButton.click();
    await eventually(async () => assert.equal(await widget.section.locator('li.kibitz-comment--flat').count(), 100));
    const flat = (await widget.snapshot()).filter((c) => c.flat);
    assert.deepEqual(flat.map((c) => c.id), Array.from({ length: 100 }, (_, i) => `n${DEFAULT_MAX_DEPTH + 1 + i}`));
    assert.equal(await widget.moreButton.textContent(), 'Show 50 more replies (99,894 not shown)');
    assert.deepEqual(await ctx.deep.duplicateIds(), []);
  });

  it('collapsing a flat reply hides the replies below it in the list', async () => {
    const { widget } = ctx.deep;
    const first = widget.comment(`n${DEFAULT_MAX_DEPTH + 1}`);
    const below = CHAIN - DEFAULT_MAX_DEPTH - 1;
    await first.clickToggle();
    const state = await first.state();
    assert.equal(state.expanded, 'false');
    assert.deepEqual(state.note, { text: `${below.toLocaleString('en-US')} replies hidden`, visible: true });
    assert.equal(await widget.comment(`n${DEFAULT_MAX_DEPTH + 2}`).li.isVisible(), false);
    await first.clickToggle();
    assert.equal(await widget.comment(`n${DEFAULT_MAX_DEPTH + 2}`).li.isVisible(), true);
  });

  it('collapsing the depth-6 comment hides the whole flat list', async () => {
    const { widget } = ctx.deep;
    const sixth = widget.comment(`n${DEFAULT_MAX_DEPTH}`);
    await sixth.clickToggle();
    assert.deepEqual((await sixth.state()).note, { text: `${(CHAIN - DEFAULT_MAX_DEPTH).toLocaleString('en-US')} replies hidden`, visible: true });
    assert.equal(await widget.moreButton.isVisible(), false);
    await sixth.clickToggle();
    assert.equal(await widget.moreButton.isVisible(), true);
  });
});

describe('data-max-depth="3" on a chain of 12', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('nests 3 levels and lists the other 9 flat, without a Show more button', async () => {
    const page = new MaxDepthPage(ctx.page, ctx.server);
    await page.goto();
    assert.equal(await page.widget.waitForThread(), '12 Comments');
    const comments = await page.widget.snapshot();
    assert.deepEqual(
      comments.map((c) => [c.id, c.depth, c.flat, c.context]),
      [
        ['n1', 1, false, null],
        ['n2', 2, false, null],
        ['n3', 3, false, null],
        ...Array.from({ length: 9 }, (_, i) => [`n${i + 4}`, 4, true, `replying to Person ${i + 3}`]),
      ],
    );
    assert.equal(await page.widget.moreButton.count(), 0);
    assert.deepEqual(ctx.session.kibitzConsole('warning'), []);
  });
});

describe('reply chains nested 1,000 deep, in each shape that nests', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    async setup(ctx) {
      ctx.nested = new NestedChainsPage(ctx.page, ctx.server);
      await ctx.nested.goto();
    },
  });
  const shapes = {
    bluesky: { id: (k) => `at://did:plc:p${k}/app.bsky.feed.post/${k}`, name: (k) => `Person ${k}` },
    hn: { id: (k) => `${k}`, name: (k) => `person${k}` },
    native: { id: (k) => `n${k}`, name: (k) => `Person ${k}` },
  };

  for (const [shape, { id, name }] of Object.entries(shapes)) {
    it(`${shape}: every reply is read, nested ${DEFAULT_MAX_DEPTH} levels, then listed flat`, async () => {
      const widget = ctx.nested.widgets[shape];
      assert.equal(await widget.waitForThread(), '1,000 Comments');
      assert.equal(await widget.error.count(), 0);
      const comments = await widget.snapshot();
      assert.deepEqual(
        comments.filter((c) => !c.flat).map((c) => [c.id, c.depth]),
        [1, 2, 3, 4, 5, 6].map((k) => [id(k), k]),
      );
      const flat = comments.filter((c) => c.flat);
      assert.deepEqual(
        flat.map((c) => [c.id, c.context]),
        Array.from({ length: 50 }, (_, i) => [id(DEFAULT_MAX_DEPTH + 1 + i), `replying to ${name(DEFAULT_MAX_DEPTH + i)}`]),
      );
      assert.equal(await widget.moreButton.textContent(), 'Show 50 more replies (944 not shown)');
    });
  }

  it('says nothing in the console and leaves the host page intact (screenshot)', async () => {
    assert.deepEqual(ctx.session.kibitzConsole('error'), []);
    assert.deepEqual(ctx.session.kibitzConsole('warning'), []);
    assert.ok(await NestedChainsPage.isShown(ctx.nested.footer));
    await screenshot(ctx.page, 'nested-chains');
  });
});
