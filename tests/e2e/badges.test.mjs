// Comment-count badges for index pages: <span data-kibitz-count
// data-src="…"> shows "6 comments" in the page's language (or its own
// data-lang), one fetch per distinct thread URL however many badges point
// at it; a failed load keeps the host's own text and says why in a title.
// badges.html has no widget at all: kibitz.js alone must not add one.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot, eventually } from './browser.mjs';

const hooks = { before, after, beforeEach, afterEach };

describe('count badges', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  async function open() {
    const threads = [];
    ctx.page.on('request', (r) => { if (r.url().includes('/threads/')) threads.push(new URL(r.url()).pathname); });
    await ctx.page.goto(ctx.server.url('/posts/badges.html'));
    const badge = (id) => ctx.page.locator(`#${id} [data-kibitz-count]`);
    await eventually(async () => {
      assert.equal(await ctx.page.locator('[data-kibitz-count][aria-busy]').count(), 0);
      assert.equal(await badge('summit').getAttribute('data-count'), '6');
      assert.equal(await badge('missing').getAttribute('data-count-error'), '');
    });
    return { badge, threads };
  }

  it('show each thread’s count in the page’s language, or the badge’s own', async () => {
    const { badge } = await open();
    assert.equal(await badge('summit').textContent(), '6 comments');
    assert.equal(await badge('summit-again').textContent(), '6 comments');
    assert.equal(await badge('summit-de').textContent(), '6 Kommentare');
    assert.equal(await badge('one').textContent(), '1 comment');
    assert.equal(await badge('none').textContent(), '0 comments');
    assert.equal(await badge('one').getAttribute('data-count'), '1');
    await screenshot(ctx.page, 'badges', { fullPage: false });
  });

  it('fetch each thread URL once, however many badges show it', async () => {
    const { threads } = await open();
    const counts = {};
    for (const t of threads) counts[t] = (counts[t] ?? 0) + 1;
    assert.deepEqual(counts, {
      '/threads/second-summit.json': 1,
      '/threads/one-comment.json': 1,
      '/threads/empty.json': 1,
      '/threads/missing.json': 1,
    });
  });

  it('a failed load keeps the host’s text and explains itself; the page gets no widget', async () => {
    const { badge } = await open();
    assert.equal(await badge('missing').textContent(), 'Comments');
    assert.match(await badge('missing').getAttribute('title'), /missing\.json.*404/);
    // A badge naming no thread says so, and fetches nothing.
    assert.equal(await badge('no-src').textContent(), 'Comments');
    assert.match(await badge('no-src').getAttribute('title'), /^data-src is missing/);
    assert.equal(await ctx.page.locator('section.kibitz, .kibitz-status--error').count(), 0);
    // The console says which badges failed and why (errors, as README
    // says), and nothing else went wrong.
    const errors = ctx.session.kibitzConsole('error');
    assert.equal(errors.length, 2, JSON.stringify(errors));
    assert.ok(errors.some((e) => /^\[kibitz\] count badge: .*missing\.json answered HTTP 404/.test(e)), JSON.stringify(errors));
    assert.ok(errors.includes('[kibitz] count badge: data-src is missing'), JSON.stringify(errors));
    assert.deepEqual(ctx.session.kibitzConsole('warning'), []);
  });
});
