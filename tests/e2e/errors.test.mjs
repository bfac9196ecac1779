// Threads that cannot be shown: each error names the URL and the cause,
// offers Retry when retrying can help, fires kibitz:error, and leaves the
// host page alone. Also: loading state, retry recovering from a 500, and a
// tag without data-src.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SLOW_MS } from './server.mjs';
import { useBrowser, eventually, screenshot } from './browser.mjs';
import { ErrorsPage } from './page-objects/errors-page.mjs';
import { FlakyPage } from './page-objects/flaky-page.mjs';
import { MissingSrcPage } from './page-objects/missing-src-page.mjs';
import { LoadingPage } from './page-objects/loading-page.mjs';
import { PartlyUnreadablePage } from './page-objects/partly-unreadable-page.mjs';
import { HostPage } from './page-objects/host-page.mjs';
import { Widget } from './page-objects/widget.mjs';

const hooks = { before, after, beforeEach, afterEach };

/** The message each widget of errors.html must show, given the server origin. */
const expectedMessages = (origin) => ({
  // The server explains its 404 in the body, and kibitz passes that on.
  missing: `${origin}/threads/missing.json answered HTTP 404 Not Found: no such thread`,
  hangup: `could not reach ${origin}/threads/hangup.json (Failed to fetch)`,
  invalid: `${origin}/threads/invalid.json: invalid JSON at line 3, column 45: trailing comma`,
  shape: `${origin}/threads/not-a-thread.json: not a comment thread: expected a \`comments\` array; found an object with keys a, b`,
  html: `${origin}/threads/spa-fallback.json: invalid JSON at line 1, column 1: the answer is an HTML page, not JSON: check that the URL names the thread's JSON file`,
  // Not "No comments yet": the comments are there, and the owner must hear why none shows.
  unreadable: `${origin}/threads/unreadable.json: not a comment thread: none of its 3 comments could be read (the first: comment 1 (id "u1") has no \`body\`)`,
});

async function assertErrorNotice(widget, message, { retry }) {
  assert.equal(await widget.error.getAttribute('role'), 'alert');
  assert.equal(await widget.errorDetail.textContent(), message);
  assert.equal(await widget.error.locator('.kibitz-status__message').textContent(), `Comments could not be loaded: ${message}`);
  assert.ok(await widget.error.isVisible(), 'the error is visible');
  assert.equal(await widget.retry.count(), retry ? 1 : 0, retry ? 'a Retry button' : 'no Retry button');
  if (retry) assert.ok(await widget.retry.isVisible());
  assert.equal(await widget.title.textContent(), 'Comments');
  assert.equal(await widget.root.getAttribute('aria-busy'), null);
  assert.equal(await widget.comments.count(), 0);
}

describe('errors page: 404, hang-up, invalid JSON, not a thread, an HTML page, no readable comment', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    async setup(ctx) {
      ctx.errors = new ErrorsPage(ctx.page, ctx.server);
      await ctx.errors.goto();
      await Promise.all(ctx.errors.all.map((w) => w.waitUntilSettled()));
    },
  });

  for (const name of ['missing', 'hangup', 'invalid', 'shape', 'html', 'unreadable']) {
    it(`${name}: shows a message naming the URL and the cause, with Retry`, async () => {
      const message = expectedMessages(ctx.server.origin)[name];
      await assertErrorNotice(ctx.errors[name], message, { retry: true });
    });
  }

  it('fires kibitz:error on each widget element with its message', async () => {
    const events = await ctx.errors.waitForEvents(6);
    const messages = expectedMessages(ctx.server.origin);
    const byTarget = Object.fromEntries(events.map((e) => [e.target, e]));
    assert.equal(events.length, 6, JSON.stringify(events));
    for (const [name, id] of [['missing', 'w-missing'], ['hangup', 'w-hangup'], ['invalid', 'w-invalid'], ['shape', 'w-shape'], ['html', 'w-html'], ['unreadable', 'w-unreadable']]) {
      const event = byTarget[`div#${id}`];
      assert.ok(event, `an event on #${id}: ${JSON.stringify(events)}`);
      assert.equal(event.type, 'kibitz:error');
      assert.equal(event.detail, messages[name]);
      assert.equal(event.bubbles, true);
      assert.equal(event.composed, true);
      assert.equal(event.rendered.error, messages[name], 'the notice is shown by the time the event fires');
    }
  });

  it('logs each error to the console, prefixed [kibitz]', async () => {
    const logged = ctx.session.kibitzConsole('error');
    for (const message of Object.values(expectedMessages(ctx.server.origin))) {
      assert.ok(logged.some((line) => line.includes(message)), `console has "${message}": ${JSON.stringify(logged)}`);
    }
  });

  it('does not mount a widget for a script tag without data-src when [data-kibitz] elements exist', async () => {
    assert.equal(await ctx.errors.scriptMount.count(), 0);
    assert.equal(await ctx.page.locator('section.kibitz').count(), 6);
  });

  it('keeps the host page intact and the ids unique (screenshot)', async () => {
    assert.equal(await ctx.page.title(), 'Errors');
    assert.ok(await ErrorsPage.isShown(ctx.errors.footer));
    assert.ok(await ErrorsPage.isShown(ctx.errors.lede));
    assert.deepEqual(await ctx.errors.duplicateIds(), []);
    await screenshot(ctx.page, 'errors');
  });
});

describe('a thread with some unreadable comments', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('shows the readable one and tells the console about ten of the 25 others, then how many more', async () => {
    const page = new PartlyUnreadablePage(ctx.page, ctx.server);
    await page.goto();
    assert.equal(await page.widget.waitForThread(), '1 Comment');
    assert.deepEqual((await page.widget.snapshot()).map((c) => c.id), ['p1']);
    assert.equal(await page.widget.error.count(), 0);
    assert.deepEqual((await page.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:ready', 1]]);
    await eventually(async () => {
      assert.deepEqual(ctx.session.kibitzConsole('warning'), [
        ...Array.from({ length: 10 }, (_, i) => `[kibitz] comment ${i + 2} (id "p${i + 2}") has no \`body\``),
        '[kibitz] and 15 more comments could not be read',
      ]);
    });
  });
});

describe('retrying and other load states', () => {
  const ctx = useBrowser(hooks, { server: startServer });
  const hits = (path) => ctx.server.requests.filter((r) => r.path === path).length;

  it('Retry asks again and, on the same 404, shows the error again', async () => {
    const errors = new ErrorsPage(ctx.page, ctx.server);
    await errors.goto();
    await errors.missing.waitUntilSettled();
    await errors.waitForEvents(6);
    assert.equal(hits('/threads/missing.json'), 1);
    await errors.missing.retry.click();
    await eventually(async () => assert.equal(hits('/threads/missing.json'), 2));
    await errors.missing.waitUntilSettled();
    await errors.missing.error.waitFor();
    await assertErrorNotice(errors.missing, expectedMessages(ctx.server.origin).missing, { retry: true });
    const events = await errors.waitForEvents(7);
    assert.deepEqual(events.filter((e) => e.target === 'div#w-missing').map((e) => e.type), ['kibitz:error', 'kibitz:error']);
  });

  it('Retry on flaky.json recovers from a 500 to the thread', async () => {
    const flaky = new FlakyPage(ctx.page, ctx.server);
    await flaky.goto();
    await flaky.widget.waitUntilSettled();
    const message = `${ctx.server.origin}/threads/flaky.json answered HTTP 500 Internal Server Error`;
    await assertErrorNotice(flaky.widget, message, { retry: true });
    assert.deepEqual((await flaky.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:error', message]]);

    await flaky.widget.retry.click();
    assert.equal(await flaky.widget.waitForThread(), '6 Comments');
    assert.equal(await flaky.widget.error.count(), 0, 'the error is gone');
    assert.equal(await flaky.widget.comments.count(), 6);
    assert.equal(hits('/threads/flaky.json'), 2);
    const events = await flaky.waitForEvents(2);
    assert.deepEqual(events.map((e) => [e.type, e.detail, e.target]), [
      ['kibitz:error', message, 'div.kibitz-mount'],
      ['kibitz:ready', 6, 'div.kibitz-mount'],
    ]);
  });

  it('Retry pressed from the keyboard leaves focus on the section\'s heading, not the page', async () => {
    const flaky = new FlakyPage(ctx.page, ctx.server);
    await flaky.goto();
    await flaky.widget.waitUntilSettled();
    await flaky.widget.retry.focus();
    await ctx.page.keyboard.press('Enter');
    assert.equal(await flaky.widget.waitForThread(), '6 Comments');
    const focused = () => ctx.page.evaluate(() => document.activeElement?.className);
    assert.equal(await focused(), 'kibitz-header__title');
    // The next Tab stays in the section: its Close button.
    await ctx.page.keyboard.press('Tab');
    assert.match(await focused(), /kibitz-header__toggle/);
  });

  it('a tag without data-src shows why, without Retry, and fetches nothing', async () => {
    const missing = new MissingSrcPage(ctx.page, ctx.server);
    await missing.goto();
    await missing.widget.error.waitFor();
    const message =
      'data-src is missing: set it to the URL of the thread\'s JSON, as in <script src=".../kibitz.js" data-src="/comments/post.json">';
    await assertErrorNotice(missing.widget, message, { retry: false });
    const events = await missing.waitForEvents(1);
    assert.deepEqual(events.map((e) => [e.type, e.detail, e.target]), [['kibitz:error', message, 'div.kibitz-mount']]);
    assert.equal(ctx.server.requests.filter((r) => r.path.startsWith('/threads/')).length, 0);
    assert.ok(await MissingSrcPage.isShown(missing.footer));
  });

  it('a shortcut that cannot be read says so, and an element without data-src is told how to name one', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/unnamed-threads.html');
    const shortcut = new Widget(ctx.page, ctx.page.locator('#w-shortcut'));
    const nothing = new Widget(ctx.page, ctx.page.locator('#w-nothing'));
    await host.goto();
    const badShortcut = 'data-mastodon="https://m.example/web/42": expected https://<instance>/@<user>/<id>';
    const noSrc = 'data-src is missing: set it to the URL of the thread\'s JSON, as in <div data-kibitz data-src="/comments/post.json">';
    await shortcut.error.waitFor();
    await nothing.error.waitFor();
    await assertErrorNotice(shortcut, badShortcut, { retry: false });
    await assertErrorNotice(nothing, noSrc, { retry: false });
    const events = await host.waitForEvents(2);
    assert.deepEqual(events.map((e) => [e.target, e.detail]).sort(), [
      ['div#w-nothing', noSrc],
      ['div#w-shortcut', badShortcut],
    ]);
    assert.equal(ctx.server.requests.filter((r) => r.path.startsWith('/threads/')).length, 0);
  });

  it('a configuration error is on screen by the time kibitz:error fires', async () => {
    const missing = new MissingSrcPage(ctx.page, ctx.server);
    await missing.goto();
    const [event] = await missing.waitForEvents(1);
    assert.equal(event.rendered.heading, 'Comments');
    assert.match(event.rendered.error ?? '', /^data-src is missing/);
  });

  it('shows a busy loading state until the thread arrives', async () => {
    const loading = new LoadingPage(ctx.page, ctx.server);
    const started = Date.now();
    await loading.goto({ waitUntil: 'domcontentloaded' });
    await loading.widget.loading.waitFor();
    assert.ok(Date.now() - started < SLOW_MS, 'the loading state was seen before the thread could arrive');
    assert.equal(await loading.widget.root.getAttribute('aria-busy'), 'true');
    assert.equal(await loading.widget.title.textContent(), 'Comments');
    assert.equal(await loading.widget.loading.getAttribute('role'), 'status');
    assert.equal(await loading.widget.loading.textContent(), 'Loading comments…');
    assert.deepEqual(await loading.events(), []);
    assert.equal(await loading.widget.waitForThread(), '6 Comments');
    assert.equal(await loading.widget.loading.count(), 0);
    assert.deepEqual((await loading.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:ready', 6]]);
  });
});
