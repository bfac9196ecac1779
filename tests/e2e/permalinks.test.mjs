// Links to one comment: #kibitz-<thread id>-<comment id>. Opening a page at
// such a link loads a lazy widget at once and shows the comment however it
// was hidden (a closed section, a later page of top-level comments,
// collapsed ancestors, a later page of a flat list); then it is scrolled
// into view, focused and marked for a moment. Following such a link on the
// page (hashchange) does the same. permalinks.html's thread "perma" has p1
// to p5, and under p5 a chain r1 … r60 (see the page for its settings).

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot, eventually } from './browser.mjs';
import { PermalinksPage } from './page-objects/permalinks-page.mjs';

const hooks = { before, after, beforeEach, afterEach };

/** Whether the element is focused, marked and (at least partly) on screen. */
function targetState(locator) {
  return locator.evaluate((li) => {
    const box = li.getBoundingClientRect();
    return {
      focused: document.activeElement === li,
      marked: li.classList.contains('kibitz-comment--target'),
      onScreen: box.bottom > 0 && box.top < innerHeight,
      hidden: li.closest('[hidden]') !== null,
    };
  });
}

describe('permalinks', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('opening a link to a deeply hidden reply loads the lazy widget and shows, focuses and marks it', async () => {
    const host = new PermalinksPage(ctx.page, ctx.server);
    await host.gotoAnchor('kibitz-perma-r60');
    const target = host.anchored('kibitz-perma-r60');
    await eventually(async () => {
      assert.deepEqual(await targetState(target), { focused: true, marked: true, onScreen: true, hidden: false });
    });
    assert.equal(await host.widget.toggle.getAttribute('aria-expanded'), 'true', 'the section opened');
    assert.equal(await target.getAttribute('data-comment-id'), 'r60');
    assert.equal(await host.widget.comment('r60').li.locator('.kibitz-comment__body').isVisible(), true, 'its body shows');
    // Every collapsed ancestor opened, as the reader's own clicks would have.
    for (const id of ['r1', 'r2', 'r3', 'r59', 'r60']) {
      assert.equal(await host.widget.comment(id).toggle.getAttribute('aria-expanded'), 'true', id);
    }
    // What the reader sees: the linked reply on screen, marked.
    const file = await screenshot(ctx.page, 'permalink-r60', { fullPage: false, animations: 'allow' });
    assert.ok(file);
    // The mark goes after a moment; the comment stays where it is.
    await eventually(async () => assert.equal((await targetState(target)).marked, false), { timeout: 6000 });
  });

  it('a linked comment stays on screen once the comments above it take their real height', async () => {
    // A tall page above the article: the comments above the linked one
    // start as guesses of their height (content-visibility) and grow as
    // the scroll brings them near.
    await ctx.page.setViewportSize({ width: 1280, height: 700 });
    await ctx.page.route('**/posts/article.html', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('<main>', '<main><div style="height: 1500px"></div>');
      await route.fulfill({ response, body });
    });
    await ctx.page.goto(ctx.server.url('/posts/article.html#kibitz-second-summit-c5593'));
    const target = ctx.page.locator('li[data-comment-id="c5593"]');
    await eventually(async () => {
      assert.deepEqual(await targetState(target), { focused: true, marked: true, onScreen: true, hidden: false });
    });
    // And it stays there.
    await ctx.page.waitForTimeout(500);
    assert.equal((await targetState(target)).onScreen, true);
  });

  it('a link to a comment on a later page of top-level comments adds the pages up to it', async () => {
    const host = new PermalinksPage(ctx.page, ctx.server);
    await host.gotoAnchor('kibitz-perma-p4');
    const target = host.anchored('kibitz-perma-p4');
    await eventually(async () => {
      assert.deepEqual(await targetState(target), { focused: true, marked: true, onScreen: true, hidden: false });
    });
    const topLevel = await host.widget.list.locator(':scope > li.kibitz-comment').evaluateAll((lis) => lis.map((li) => li.dataset.commentId));
    assert.deepEqual(topLevel, ['p1', 'p2', 'p3', 'p4'], 'whole pages of two, nothing past the linked one');
    assert.equal(await host.widget.section.locator('button.kibitz-more-comments').textContent(), 'Show 1 more comment');
  });

  it('following a link on the page (hashchange) reveals the comment', async () => {
    const host = new PermalinksPage(ctx.page, ctx.server);
    await host.goto();
    await ctx.page.evaluate(() => document.getElementById('after-widget').scrollIntoView());
    await host.widget.waitForThread();
    assert.equal(await host.widget.toggle.getAttribute('aria-expanded'), 'false');
    await ctx.page.evaluate(() => { location.hash = '#kibitz-perma-r3'; });
    const target = host.anchored('kibitz-perma-r3');
    await eventually(async () => {
      assert.deepEqual(await targetState(target), { focused: true, marked: true, onScreen: true, hidden: false });
    });
    assert.equal(await host.widget.comment('r3').li.locator(':scope > .kibitz-comment__content > .kibitz-comment__body').isVisible(), true);
    assert.equal(await host.widget.comment('r2').toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await host.widget.comment('p1').toggle.getAttribute('aria-expanded'), 'true', 'others as they were');
  });

  it('a fragment that names no comment changes nothing', async () => {
    const host = new PermalinksPage(ctx.page, ctx.server);
    await host.gotoAnchor('kibitz-perma-nope');
    await host.widget.waitForThread();
    await ctx.page.waitForTimeout(300);
    assert.equal(await host.widget.toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await ctx.page.locator('.kibitz-comment--target').count(), 0);
  });
});

describe('the link control', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it("a comment's number links to it, copies its address and says so", async () => {
    const host = new PermalinksPage(ctx.page, ctx.server);
    await ctx.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.server.origin });
    await host.gotoAnchor('kibitz-perma-p2');
    const p2 = host.widget.comment('p2');
    await eventually(async () => assert.equal(await p2.li.evaluate((li) => document.activeElement === li), true));
    assert.equal(await p2.number.getAttribute('href'), '#kibitz-perma-p2');
    assert.equal(await p2.number.getAttribute('aria-label'), 'Link to comment #2');
    const p1 = host.widget.comment('p1');
    // What the status region holds when it enters the page: nothing yet, so
    // that screen readers, which watch regions they know of, hear the words.
    await ctx.page.evaluate(() => {
      window.__copiedAtArrival = [];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) {
          if (n.classList?.contains('kibitz-comment__copied')) window.__copiedAtArrival.push(n.textContent);
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await p1.number.click();
    const note = p1.meta.locator('.kibitz-comment__copied[role="status"]');
    await eventually(async () => assert.equal(await note.textContent(), 'Link copied'));
    assert.deepEqual(await ctx.page.evaluate(() => window.__copiedAtArrival), ['']);
    const copied = await ctx.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, ctx.server.url(`${PermalinksPage.path}#kibitz-perma-p1`));
    assert.equal(await ctx.page.evaluate(() => location.hash), '#kibitz-perma-p1');
    await eventually(async () => assert.equal(await p1.li.evaluate((li) => li.classList.contains('kibitz-comment--target')), true));
    assert.equal(await ctx.page.locator('.kibitz-comment--target').count(), 1, 'one marked comment at a time');
    await screenshot(ctx.page, 'permalink-copied', { fullPage: false, animations: 'allow' });
    await eventually(async () => assert.equal(await note.count(), 0), { timeout: 6000 });
  });
});
