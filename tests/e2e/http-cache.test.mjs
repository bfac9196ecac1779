// Ordinary HTTP caching: with the bundle and the thread served cacheable
// for an hour (Cache-Control: max-age=3600, with an ETag), a second view of
// the page asks the server for none of them; reload() and Retry, which
// promise what the server has now, revalidate the thread instead of taking
// the cached copy (a 304 when it has not changed, the new thread when it
// has); a glue of another build, still fresh in the browser's cache, is
// never paired with this build's loader and wasm; and where a cache the
// loader cannot steer (a CDN that ignores the version) pairs them anyway,
// the widget says so.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, THREADS } from './server.mjs';
import { useBrowser, eventually } from './browser.mjs';

const hooks = { before, after, beforeEach, afterEach };
const THREAD = '/cached/threads/editable.json';

/** second-summit.json with one more top-level comment. */
function grownThread() {
  const thread = JSON.parse(readFileSync(path.join(THREADS, 'second-summit.json'), 'utf8'));
  thread.comments.push({
    id: 'c-new',
    author: { name: 'Ines Newcomer' },
    created: '2025-06-01T10:00:00Z',
    body: 'Posted after the page first loaded.',
  });
  return JSON.stringify(thread);
}

describe('HTTP caching', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  /** Opens cached.html and waits for its widget's kibitz:ready. */
  async function view() {
    const ready = ctx.page.waitForFunction(() => window.__kibitzEvents.some((e) => e.type === 'kibitz:ready'));
    await ctx.page.goto(ctx.server.url('/posts/cached.html'));
    await ready;
  }

  const asked = (prefix) => ctx.server.requests.filter((r) => r.path.startsWith(prefix));

  it('a second view of the page takes the bundle and the thread from the browser cache', async () => {
    ctx.server.reset();
    await view();
    assert.equal(asked('/cached/static/kibitz/').length, 4, JSON.stringify(ctx.server.requests));
    assert.equal(asked(THREAD).length, 1);
    ctx.server.reset();
    await view();
    assert.equal(await ctx.page.locator('li.kibitz-comment').count(), 6);
    assert.deepEqual(asked('/cached/'), [], 'asked the server again for a fresh copy');
  });

  it('reload() revalidates a cached thread: unchanged, a 304 and the same comments; changed, the new ones', async () => {
    ctx.server.reset();
    await view();
    const reloaded = () => ctx.page.evaluate(() => new Promise((resolve, reject) => {
      const view = document.getElementById('view');
      view.addEventListener('kibitz:ready', (e) => resolve(e.detail), { once: true });
      view.addEventListener('kibitz:error', (e) => reject(new Error(e.detail)), { once: true });
      window.__handle.reload();
    }));
    // Mounted on the same URL: shares the page's copy, asks nobody.
    assert.equal(await ctx.page.evaluate(() => new Promise((resolve) => {
      const view = document.getElementById('view');
      view.addEventListener('kibitz:ready', (e) => resolve(e.detail), { once: true });
      window.__handle = window.kibitz.mount(view, { src: '/cached/threads/editable.json' });
    })), 6);
    assert.equal(asked(THREAD).length, 1);

    assert.equal(await reloaded(), 6);
    const unchanged = asked(THREAD).at(-1);
    assert.equal(asked(THREAD).length, 2, 'reload() took the cached copy without asking the server');
    assert.ok(unchanged.ifNoneMatch, 'a conditional request');
    assert.equal(unchanged.status, 304);

    ctx.server.setEditable(grownThread());
    assert.equal(await reloaded(), 7);
    assert.equal(asked(THREAD).length, 3);
    assert.equal(asked(THREAD).at(-1).status, 200);
    await eventually(async () => {
      assert.equal(await ctx.page.locator('#view li.kibitz-comment').count(), 7);
    });
    assert.match(await ctx.page.locator('#view').textContent(), /Posted after the page first loaded/);
  });

  it('Retry revalidates too: a broken thread, cached for an hour and then mended, shows once mended', async () => {
    ctx.server.reset();
    ctx.server.setEditable('{"comments": [');
    const failed = ctx.page.waitForFunction(() => window.__kibitzEvents.some((e) => e.type === 'kibitz:error'));
    await ctx.page.goto(ctx.server.url('/posts/cached.html'));
    await failed;
    const retry = ctx.page.getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    ctx.server.setEditable(grownThread());
    await retry.click();
    await eventually(async () => {
      assert.equal(await ctx.page.locator('li.kibitz-comment').count(), 7);
    });
    assert.equal(asked(THREAD).length, 2, 'Retry took the cached broken copy');
    assert.ok(asked(THREAD).at(-1).ifNoneMatch, 'a conditional request');
    assert.equal(asked(THREAD).at(-1).status, 200);
  });

  it("a glue of another build, fresh in the browser's cache, is not used: the loader asks by version", async () => {
    ctx.server.reset();
    ctx.server.setStaleGlue(true);
    // An earlier visit, when the site had another build: its glue is in
    // the cache, fresh for an hour.
    await ctx.page.goto(ctx.server.url('/cached/threads/second-summit.json'));
    const cached = await ctx.page.evaluate(async () => (await fetch('/cached/static/kibitz/kibitz-widget.js')).text());
    assert.match(cached, /another build/);
    ctx.server.setStaleGlue(false);
    const settled = ctx.page.waitForFunction(() => window.__kibitzEvents.find((e) => e.type.startsWith('kibitz:')));
    await ctx.page.goto(ctx.server.url('/posts/cached.html'));
    const event = await (await settled).jsonValue();
    assert.equal(event.type, 'kibitz:ready', JSON.stringify(event.detail));
    assert.equal(await ctx.page.locator('li.kibitz-comment').count(), 6);
    assert.deepEqual(ctx.session.kibitzConsole('error'), []);
  });

  for (const kind of ['missing-import', 'empty']) {
    it(`a wasm of another build beside the glue (${kind}): the widget says its files come from two builds`, async () => {
      const failed = ctx.page.waitForFunction(() => window.__kibitzEvents.find((e) => e.type === 'kibitz:error'));
      await ctx.page.goto(ctx.server.url(`/mismatched/${kind}/`));
      const event = await (await failed).jsonValue();
      const expected = 'the kibitz widget failed to start (kibitz-widget.js and ' +
        'kibitz-widget_bg.wasm are of two builds: a cache kept an old copy of one)';
      // The detail is the message after its lead-in, as for every error.
      assert.equal(event.detail, expected);
      const alert = ctx.page.getByRole('alert');
      assert.equal(await alert.textContent(), `Comments could not be loaded: ${expected}`);
      assert.equal(await ctx.page.locator('#post-lede').textContent(), 'The wasm beside the loader is of another build.');
      assert.equal(ctx.session.kibitzConsole('error').length, 1);
    });
  }
});
