// data-page-size="N|all" (default 30): top-level comments shown before a
// "Show more comments" button, which adds a page at a time, in the
// widget's language. kibitz:ready and the heading still count the whole
// thread. /threads/generated-70.json has 70 top-level comments, g1 … g70.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot, eventually } from './browser.mjs';
import { HostPage } from './page-objects/host-page.mjs';
import { Widget } from './page-objects/widget.mjs';

const hooks = { before, after, beforeEach, afterEach };
const ids = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => `g${from + i}`);

/** A widget plus its paging controls. */
class PagedWidget extends Widget {
  constructor(page, mount) {
    super(page, mount);
    this.topLevel = this.list.locator(':scope > li.kibitz-comment');
    // Hidden, not removed, once every comment shows.
    this.moreComments = this.section.locator('button.kibitz-more-comments:not([hidden])');
  }

  /** data-comment-id of every top-level comment, in order. */
  topLevelIds() {
    return this.topLevel.evaluateAll((lis) => lis.map((li) => li.dataset.commentId));
  }

  /** Waits until `n` top-level comments are shown and returns their ids. */
  async waitForTopLevel(n) {
    return eventually(async () => {
      const shown = await this.topLevelIds();
      assert.equal(shown.length, n);
      return shown;
    });
  }
}

async function openDefault(ctx) {
  const host = new HostPage(ctx.page, ctx.server, '/posts/page-size.html');
  const widget = new PagedWidget(ctx.page, ctx.page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  await host.goto();
  await widget.waitForThread();
  return { host, widget };
}

describe('data-page-size: the default of 30', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('shows 30, then 60, then all 70, while counting 70 throughout', async () => {
    const { host, widget } = await openDefault(ctx);
    assert.equal(await widget.title.textContent(), '70 Comments');
    const events = await host.waitForEvents(1);
    assert.deepEqual(events.map((e) => [e.type, e.detail, e.rendered.comments]), [['kibitz:ready', 70, 30]]);
    assert.deepEqual(await widget.waitForTopLevel(30), ids(1, 30));
    assert.equal(await widget.comments.count(), 30, 'nothing else rendered');
    assert.equal(await widget.moreComments.count(), 1);
    assert.equal(await widget.moreComments.textContent(), 'Show 30 more comments (40 not shown)');
    // The last comments and the button, as a reader scrolling there sees them (comments far
    // from the viewport are not painted: content-visibility: auto).
    await widget.moreComments.scrollIntoViewIfNeeded();
    await screenshot(ctx.page, 'page-size-default', { fullPage: false });

    await widget.moreComments.click();
    assert.deepEqual(await widget.waitForTopLevel(60), ids(1, 60));
    await eventually(async () => assert.equal(await widget.moreComments.textContent(), 'Show 10 more comments'));

    await widget.moreComments.click();
    assert.deepEqual(await widget.waitForTopLevel(70), ids(1, 70));
    await eventually(async () => assert.equal(await widget.moreComments.count(), 0, 'no button once all are shown'));
    assert.equal(await widget.title.textContent(), '70 Comments');
    assert.equal((await host.events()).length, 1, 'showing more fires no second kibitz:ready');
    assert.deepEqual(await host.duplicateIds(), []);
    assert.equal(ctx.server.requests.filter((r) => r.path === '/threads/generated-70.json').length, 1, 'no refetch');
  });

  it('the button is a real <button> reached by Tab, and Enter shows more', async () => {
    const { widget } = await openDefault(ctx);
    await widget.waitForTopLevel(30);
    assert.deepEqual(
      await widget.moreComments.evaluate((b) => [b.tagName, b.type, b.tabIndex]),
      ['BUTTON', 'button', 0],
    );
    // The last shown comment has no links in its body: its permalink (its
    // number) is the last stop before the button.
    await widget.comment('g30').toggle.focus();
    await ctx.page.keyboard.press('Tab');
    assert.equal(await widget.comment('g30').number.evaluate((a) => a === document.activeElement), true);
    await ctx.page.keyboard.press('Tab');
    assert.equal(await widget.moreComments.evaluate((b) => b === document.activeElement), true, 'Tab reaches the button');
    await ctx.page.keyboard.press('Enter');
    assert.deepEqual(await widget.waitForTopLevel(60), ids(1, 60));
  });

  it('moves keyboard focus from "Show more comments" to the first new comment, where reading goes on', async () => {
    const { widget } = await openDefault(ctx);
    await widget.waitForTopLevel(30);
    await widget.moreComments.focus();
    await ctx.page.keyboard.press('Enter');
    await widget.waitForTopLevel(60);
    await eventually(async () => assert.equal(await widget.moreComments.textContent(), 'Show 10 more comments'));
    const focus = await ctx.page.evaluate(() => {
      const el = document.activeElement;
      return { toggle: el.matches('.kibitz-comment__toggle'), comment: el.closest('li.kibitz-comment')?.dataset.commentId };
    });
    assert.deepEqual(focus, { toggle: true, comment: 'g31' }, 'focus is on the first new comment');
    await widget.moreComments.focus();
    await ctx.page.keyboard.press('Enter');
    await widget.waitForTopLevel(70);
    await eventually(async () => assert.equal(await widget.moreComments.count(), 0));
    const landed = await ctx.page.evaluate(() => {
      const el = document.activeElement;
      return { toggle: el.matches('.kibitz-comment__toggle'), comment: el.closest('li.kibitz-comment')?.dataset.commentId };
    });
    assert.deepEqual(landed, { toggle: true, comment: 'g61' }, 'the last page gone, focus continues at its first comment');
  });
});

describe('data-page-size: 5, 69, all, and 20 in German', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    async setup(ctx) {
      ctx.host = new HostPage(ctx.page, ctx.server, '/posts/page-sizes.html');
      ctx.widget = (id) => new PagedWidget(ctx.page, ctx.page.locator(`#${id}`));
      await ctx.host.goto();
      ctx.events = await ctx.host.waitForEvents(4);
    },
  });

  it('every widget fires kibitz:ready with the whole count, 70', () => {
    assert.deepEqual(
      ctx.events.map((e) => [e.target, e.detail, e.rendered.comments]).sort(),
      [['div#all', 70, 70], ['div#five', 70, 5], ['div#german', 70, 20], ['div#sixty-nine', 70, 69]],
    );
  });

  it('"5": five comments and "Show 5 more comments (65 not shown)"', async () => {
    const five = ctx.widget('five');
    assert.deepEqual(await five.waitForTopLevel(5), ids(1, 5));
    assert.equal(await five.title.textContent(), '70 Comments');
    assert.equal(await five.moreComments.textContent(), 'Show 5 more comments (65 not shown)');
  });

  it('"69": 69 comments and "Show 1 more comment"', async () => {
    const widget = ctx.widget('sixty-nine');
    assert.deepEqual(await widget.waitForTopLevel(69), ids(1, 69));
    assert.equal(await widget.moreComments.textContent(), 'Show 1 more comment');
  });

  it('"all": all 70 and no button', async () => {
    const all = ctx.widget('all');
    assert.deepEqual(await all.waitForTopLevel(70), ids(1, 70));
    assert.equal(await all.title.textContent(), '70 Comments');
    assert.equal(await all.moreComments.count(), 0);
  });

  it('data-lang="de": the button speaks German', async () => {
    const german = ctx.widget('german');
    assert.deepEqual(await german.waitForTopLevel(20), ids(1, 20));
    assert.equal(await german.title.textContent(), '70 Kommentare');
    assert.equal(await german.moreComments.textContent(), '20 weitere Kommentare anzeigen (50 nicht angezeigt)');
  });

  it('one request for the thread, no duplicate ids, no warnings', async () => {
    assert.equal(ctx.server.requests.filter((r) => r.path === '/threads/generated-70.json').length, 1);
    assert.deepEqual(await ctx.host.duplicateIds(), []);
    assert.deepEqual(ctx.session.kibitzConsole('warning'), []);
  });
});
