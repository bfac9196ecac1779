// The reader's controls over the whole list: the order of top-level
// comments (data-sort and the Sort by control), Collapse all, Expand all,
// and the choices remembered per thread in localStorage (data-remember).
// second-summit.json: top-level c5102 (#1, score 14) with replies c5117 and,
// under it, c5388; c5231 (#3, score 7) with reply c5460; c5593 (#6, score 9).

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot, eventually } from './browser.mjs';
import { SortingPage } from './page-objects/sorting-page.mjs';

const hooks = { before, after, beforeEach, afterEach };

describe('reader controls: order, collapse and expand all, remembered choices', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  async function open(path) {
    const host = new SortingPage(ctx.page, ctx.server, path);
    await host.goto();
    await host.widget.waitForThread();
    return host;
  }

  it('data-sort="newest" shows the newest conversation first; replies and numbers keep time order', async () => {
    const host = await open();
    assert.deepEqual(await host.topLevel(), ['c5593', 'c5231', 'c5102']);
    assert.equal(await host.sort.inputValue(), 'newest');
    const numbers = await host.widget.list.locator(':scope > li > .kibitz-comment__meta .kibitz-comment__number').allTextContents();
    assert.deepEqual(numbers, ['#6', '#3', '#1']);
    const replies = await host.widget.comment('c5102').li.locator(':scope > .kibitz-comment__content > ol > li').evaluateAll((lis) => lis.map((li) => li.dataset.commentId));
    assert.deepEqual(replies, ['c5117']);
    await screenshot(ctx.page, 'reader-controls', { fullPage: false, clip: undefined });
    await ctx.page.setViewportSize({ width: 320, height: 700 });
    await host.widget.root.scrollIntoViewIfNeeded();
    await screenshot(ctx.page, 'reader-controls-phone', { fullPage: false });
    const overflow = await host.widget.root.evaluate((root) => root.scrollWidth - root.clientWidth);
    assert.ok(overflow <= 0, `the toolbar fits a phone (overflow ${overflow}px)`);
  });

  it('picking an order reorders at once, keeps focus on the control and the reader’s collapses', async () => {
    const host = await open();
    await host.widget.comment('c5231').clickToggle();
    await host.sort.focus();
    await host.sort.selectOption('top');
    await eventually(async () => assert.deepEqual(await host.topLevel(), ['c5102', 'c5593', 'c5231']));
    assert.equal(await ctx.page.evaluate(() => document.activeElement.className), 'kibitz-sort');
    assert.equal(await host.widget.comment('c5231').toggle.getAttribute('aria-expanded'), 'false');
    await host.sort.selectOption('oldest');
    await eventually(async () => assert.deepEqual(await host.topLevel(), ['c5102', 'c5231', 'c5593']));
    // Every comment back once; the collapsed one's reply is built when it opens.
    const ids = await host.widget.comments.evaluateAll((lis) => lis.map((li) => li.dataset.commentId).sort());
    assert.deepEqual(ids, ['c5102', 'c5117', 'c5231', 'c5388', 'c5593']);
  });

  it('Collapse all leaves one line per conversation; Expand all opens every comment, however deep', async () => {
    const host = await open();
    // data-collapse-depth="2": the third-level reply starts collapsed.
    assert.equal(await host.widget.comment('c5388').toggle.getAttribute('aria-expanded'), 'false');
    await host.collapseAll.click();
    await eventually(async () => assert.deepEqual(await host.shown(), [
      { id: 'c5593', open: false }, { id: 'c5231', open: false }, { id: 'c5102', open: false },
    ]));
    assert.equal(await ctx.page.evaluate(() => document.activeElement.textContent.trim()), 'Collapse all');
    await host.expandAll.click();
    await eventually(async () => {
      const shown = await host.shown();
      assert.equal(shown.length, 6);
      assert.ok(shown.every((c) => c.open), JSON.stringify(shown));
    });
  });

  it('the reader’s order and collapses survive a reload', async () => {
    let host = await open();
    await host.sort.selectOption('oldest');
    await eventually(async () => assert.deepEqual(await host.topLevel(), ['c5102', 'c5231', 'c5593']));
    await host.widget.comment('c5231').clickToggle();
    await host.widget.comment('c5388').clickToggle();
    const stored = await host.stored();
    // Kept under the thread's own id, so every copy of it shares them.
    assert.deepEqual(Object.keys(stored), ['kibitz:thread:second-summit']);
    assert.match(stored['kibitz:thread:second-summit'], /^kibitz 1\n(.*\n)*- c5231/);
    await ctx.page.reload();
    host = new SortingPage(ctx.page, ctx.server);
    await host.widget.waitForThread();
    await eventually(async () => assert.deepEqual(await host.topLevel(), ['c5102', 'c5231', 'c5593']));
    assert.equal(await host.sort.inputValue(), 'oldest');
    assert.equal(await host.widget.comment('c5231').toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await host.widget.comment('c5388').toggle.getAttribute('aria-expanded'), 'true');
    // Back to the site's own choices: nothing left to remember.
    await host.sort.selectOption('newest');
    await host.widget.comment('c5231').clickToggle();
    await host.widget.comment('c5388').clickToggle();
    assert.deepEqual(await host.stored(), {});
  });

  it('data-remember="off" keeps nothing: a reload shows the site’s defaults', async () => {
    let host = await open(SortingPage.rememberOffPath);
    await host.sort.selectOption('top');
    await host.widget.comment('c5231').clickToggle();
    assert.deepEqual(await host.stored(), {});
    await ctx.page.reload();
    host = new SortingPage(ctx.page, ctx.server, SortingPage.rememberOffPath);
    await host.widget.waitForThread();
    assert.deepEqual(await host.topLevel(), ['c5102', 'c5231', 'c5593']);
    assert.equal(await host.widget.comment('c5231').toggle.getAttribute('aria-expanded'), 'true');
  });

  it('blocked storage changes nothing else', async () => {
    await ctx.page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    });
    const host = await open();
    await host.sort.selectOption('top');
    await eventually(async () => assert.deepEqual(await host.topLevel(), ['c5102', 'c5593', 'c5231']));
    await host.widget.comment('c5231').clickToggle();
    assert.equal(await host.widget.comment('c5231').toggle.getAttribute('aria-expanded'), 'false');
  });
});
