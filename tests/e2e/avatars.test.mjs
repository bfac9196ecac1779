// Authors' pictures are added as their comments come within a viewport of
// being seen: until then the avatar names its picture in data-avatar (and
// shows the initial), so thousands of lazy images do not weigh on a long
// thread. Printing adds every picture at once.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, eventually } from './browser.mjs';
import { HostPage } from './page-objects/host-page.mjs';
import { Widget } from './page-objects/widget.mjs';

const hooks = { before, after, beforeEach, afterEach };
const scriptMount = (page) => page.locator('script[src$="/kibitz.js"] + div.kibitz-mount');

/** The avatar of comment `id`: its picture's attributes, or what it names. */
function avatar(widget, id) {
  return widget.comment(id).li.locator(':scope > .kibitz-comment__meta > .kibitz-avatar').evaluate((span) => {
    const img = span.querySelector('img');
    return {
      named: span.getAttribute('data-avatar'),
      namedAlt: span.getAttribute('data-avatar-alt'),
      picture: img && {
        className: img.className, src: img.getAttribute('src'), alt: img.alt,
        loading: img.loading, width: img.getAttribute('width'), height: img.getAttribute('height'),
      },
      initial: span.firstChild?.nodeType === 3 ? span.firstChild.textContent : null,
    };
  });
}

const picture = (id, k) => ({
  className: 'kibitz-avatar__picture', src: `https://avatars.test/${id}.png`, alt: `Writer ${k}`,
  loading: 'lazy', width: '28', height: '28',
});

describe('pictures of 300 commenters (threads/pictured-300.json, all shown)', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('come near the viewport: the first comments have theirs, the last gets its own when scrolled to', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/pictured.html');
    const widget = new Widget(ctx.page, scriptMount(ctx.page));
    await host.goto();
    assert.equal(await widget.waitForThread(), '300 Comments');
    await eventually(async () => assert.deepEqual((await avatar(widget, 'g1')).picture, picture('g1', 1)));
    const first = await avatar(widget, 'g1');
    assert.equal(first.named, null, 'a picture added is no longer named');
    assert.equal(first.namedAlt, null);
    assert.equal(first.initial, 'W', 'the initial stays under the picture');

    const far = await avatar(widget, 'g300');
    assert.equal(far.picture, null, 'a comment far below the viewport has no picture yet');
    assert.equal(far.named, 'https://avatars.test/g300.png');
    assert.equal(far.namedAlt, 'Writer 300');
    assert.ok(await widget.root.locator('img.kibitz-avatar__picture').count() < 150, 'not every comment has its picture yet');

    await widget.comment('g300').li.scrollIntoViewIfNeeded();
    await eventually(async () => assert.deepEqual((await avatar(widget, 'g300')).picture, picture('g300', 300)));
    assert.equal((await avatar(widget, 'g300')).named, null);
  });

  it('come to the new first comments when the reader changes the order', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/pictured.html');
    const widget = new Widget(ctx.page, scriptMount(ctx.page));
    await host.goto();
    assert.equal(await widget.waitForThread(), '300 Comments');
    assert.equal((await avatar(widget, 'g300')).picture, null, 'the last comment has no picture yet');
    await widget.root.getByLabel('Sort by').selectOption('newest');
    await eventually(async () => assert.deepEqual((await avatar(widget, 'g300')).picture, picture('g300', 300)));
    assert.equal((await avatar(widget, 'g1')).picture, null, 'the oldest, now last, waits for its picture');
  });

  it('are all added before printing', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/pictured.html');
    const widget = new Widget(ctx.page, scriptMount(ctx.page));
    await host.goto();
    assert.equal(await widget.waitForThread(), '300 Comments');
    await ctx.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.equal(await widget.root.locator('img.kibitz-avatar__picture').count(), 300);
    assert.equal(await widget.root.locator('[data-avatar]').count(), 0);
    assert.deepEqual((await avatar(widget, 'g300')).picture, picture('g300', 300));
  });
});
