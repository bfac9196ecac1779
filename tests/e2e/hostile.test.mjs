// Untrusted thread content: every field of hostile.json tries to run script
// or escape into the host page; none may. Deleted comments reveal nothing
// of their author. Then long unbroken words and URLs, nested deep, on a
// 320 px screen: no horizontal overflow, and each meta line centred on
// its first line when the byline wraps.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot } from './browser.mjs';
import { HostilePage } from './page-objects/hostile-page.mjs';
import { LongWordsPage } from './page-objects/long-words-page.mjs';
import { DeletedPage } from './page-objects/deleted-page.mjs';
import { REMOVED_AVATAR, Widget } from './page-objects/widget.mjs';
import { HostPage } from './page-objects/host-page.mjs';

const hooks = { before, after, beforeEach, afterEach };

/**
 * Asserts that a comment's toggle, avatar, number and the first line of its
 * byline share one centre line (glyph boxes sit within a pixel or so of
 * their line box's centre). Returns the measured centres.
 */
async function assertMetaCentred(comment, label) {
  const line = await comment.metaLine();
  const why = `${label}: ${JSON.stringify(line)}`;
  assert.ok(Math.abs(line.toggle - line.avatar) <= 0.5, `toggle and avatar centred together; ${why}`);
  if (line.ownLine) {
    assert.ok(line.bylineTop >= line.avatarBottom - 0.5, `the byline on its own line is under the avatar; ${why}`);
  } else {
    assert.ok(Math.abs(line.firstLine - line.avatar) <= 1.5, `the byline's first line is centred on the avatar; ${why}`);
  }
  assert.ok(Math.abs(line.number - line.avatar) <= 1.5, `the number is centred on the avatar; ${why}`);
  return line;
}

describe('hostile thread', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    async setup(ctx) {
      ctx.hostile = new HostilePage(ctx.page, ctx.server);
      await ctx.hostile.goto();
      await ctx.hostile.widget.waitForThread();
      // Give onerror/onload payloads (failed images, iframes) time to fire.
      await ctx.page.waitForLoadState('load');
      await ctx.page.waitForTimeout(300);
    },
  });

  it('runs none of it: the trap stays unsprung', async () => {
    assert.equal(await ctx.page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(await ctx.page.evaluate(() => window.__pwnedBy), []);
    assert.deepEqual(ctx.session.dialogs, []);
    assert.equal(await ctx.hostile.widget.title.textContent(), '4 Comments');
  });

  it('creates no active elements inside the widget; images only as https avatars', async () => {
    const found = await ctx.hostile.widget.root.evaluate((root) => {
      const tags = [...root.querySelectorAll('script, iframe, object, embed, svg, style, link, meta, form, input, textarea, frame, base')];
      const images = [...root.querySelectorAll('img')].map((img) => ({
        className: img.className,
        src: img.getAttribute('src'),
        attributes: img.getAttributeNames(),
      }));
      const handlers = [...root.querySelectorAll('*')].flatMap((el) =>
        el.getAttributeNames().filter((name) => name.startsWith('on')).map((name) => `${el.tagName}[${name}]`),
      );
      // The widget's own permalinks (a comment's "#3") apart from links
      // that come from the thread.
      const links = [...root.querySelectorAll('a:not(.kibitz-comment__number)')].map((a) => a.getAttribute('href'));
      const permalinks = [...root.querySelectorAll('a.kibitz-comment__number')].map((a) => [a.getAttribute('href'), a.closest('li').id]);
      return { tags: tags.map((el) => el.tagName), images, handlers, links, permalinks };
    });
    assert.deepEqual(found.tags, []);
    assert.deepEqual(found.handlers, []);
    for (const image of found.images) {
      assert.equal(image.className, 'kibitz-avatar__picture');
      assert.ok(image.src.startsWith('https://'), `avatar src ${image.src}`);
      assert.deepEqual(image.attributes.filter((a) => a.startsWith('on')), []);
    }
    assert.equal(found.images.length, 1, 'only the one https avatar (Eve) is an image');
    for (const href of found.links) {
      assert.match(href, /^https?:\/\//, `link href ${href}`);
    }
    assert.ok(found.permalinks.length > 0);
    for (const [href, id] of found.permalinks) {
      assert.equal(href, `#${id}`, 'a permalink leads to its own comment');
      assert.match(id, /^kibitz-[A-Za-z0-9_.-]+$/);
    }
    assert.deepEqual(
      found.links.sort(),
      ['https://example.test/a', 'https://example.test/', 'https://example.test/ok?a=1&b=2'].sort(),
    );
  });

  it('shows markup as the literal text it is', async () => {
    const { widget } = ctx.hostile;
    const first = await widget.comment('h1').body.textContent();
    assert.ok(first.includes("<script>window.__pwned='script-tag'</script>"), first);
    assert.ok(first.includes('<img src=x onerror="window.__pwned=\'img-onerror\'">'), first);
    assert.ok(first.includes('<b>not bold</b>'), first);
    assert.equal(await widget.comment('h1').body.locator('b').count(), 0);
    assert.ok((await widget.comment('h1').author.textContent()).startsWith('<img src=x onerror='));
    const third = await widget.comment('h3').body.textContent();
    assert.ok(third.includes('&lt;script&gt; entities stay &amp; as typed &#60;b&#62;'), 'entities are not decoded');
    const fourth = await widget.comment('h4').body.textContent();
    assert.ok(fourth.includes('{{ 7*7 }} ${7*7} <%= 7*7 %>'), 'template syntax is not evaluated');
  });

  it('drops unsafe author links and avatars', async () => {
    const { widget } = ctx.hostile;
    for (const id of ['h1', 'h3']) {
      const author = widget.comment(id).author;
      assert.equal(await author.evaluate((el) => el.tagName), 'SPAN', `${id}: javascript:/data: author URL is not a link`);
    }
    const trudy = widget.comment(`h2"><script>window.__pwned='id'</script>`);
    assert.equal(await trudy.author.evaluate((el) => el.tagName), 'SPAN', 'mixed-case javascript: with a tab');
    assert.equal(await trudy.li.locator('img').count(), 0, 'a plain http avatar is not loaded');
    const linkInBody = trudy.body.locator('a').first();
    assert.equal(await linkInBody.getAttribute('href'), 'https://example.test/a', 'the link ends at the quote');
    assert.equal(await linkInBody.getAttribute('onmouseover'), null);
  });

  it('keeps the host page visible and intact', async () => {
    assert.equal(await ctx.page.title(), 'Hostile thread');
    assert.ok(await HostilePage.isShown(ctx.hostile.lede), 'no injected <style> hid the page');
    assert.ok(await HostilePage.isShown(ctx.hostile.footer));
    assert.equal(await ctx.page.locator('body > script, body script:not([src])').count(), 0);
    assert.deepEqual(await ctx.hostile.duplicateIds(), []);
    assert.equal(await ctx.page.locator('section.kibitz').count(), 1);
    await screenshot(ctx.page, 'hostile');
  });

  // Runs last: it springs the trap on purpose.
  it('the trap itself works (positive control, outside the widget)', async () => {
    await ctx.page.evaluate(() => {
      const img = document.createElement('img');
      img.setAttribute('onerror', "window.__pwned = 'control'");
      img.src = '/no-such-image.png';
      document.querySelector('#after-widget').append(img);
    });
    await ctx.page.waitForFunction(() => window.__pwnedBy.length > 0);
    assert.deepEqual(await ctx.page.evaluate(() => window.__pwnedBy), ['control']);
  });
});

describe('deleted comments', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    async setup(ctx) {
      ctx.deleted = new DeletedPage(ctx.page, ctx.server);
      await ctx.deleted.goto();
      await ctx.deleted.widget.waitForThread();
    },
  });

  it('show [deleted] once, in place of the body, with no author; keep number and replies', async () => {
    const { widget } = ctx.deleted;
    assert.equal(await widget.title.textContent(), '5 Comments');
    const comments = await widget.snapshot();
    assert.deepEqual(
      comments.map((c) => [c.id, c.number, c.author, c.parent]),
      [['d1', '#1', undefined, null], ['r1', '#5', 'Dan', 'd1'], ['d2', '#2', undefined, null], ['d3', '#3', undefined, null], ['d4', '#4', undefined, null]],
    );
    for (const id of ['d1', 'd2', 'd3', 'd4']) {
      const { authors, handles, placeholder, occurrences } = await widget.comment(id).removed();
      assert.deepEqual({ authors, handles, placeholder, occurrences }, { authors: 0, handles: 0, placeholder: ['P', '[deleted]'], occurrences: 1 }, id);
      assert.equal(await widget.comment(id).body.count(), 0, `${id}: no body`);
    }
    const html = await widget.root.evaluate((root) => root.outerHTML);
    for (const secret of ['Alice', 'Bob', 'Carol', 'carol.example', 'gone 1', 'gone 2', 'gone 3']) {
      assert.ok(!html.includes(secret), `"${secret}" is not in the widget's markup`);
    }
    assert.equal(await widget.root.locator('img, a.kibitz-comment__author').count(), 0, 'no avatar image, no author link');
    assert.equal(await widget.comment('d1').hiddenNote.textContent(), '1 reply hidden');
  });

  it('give every deleted comment the same neutral grey placeholder avatar', async () => {
    const { widget } = ctx.deleted;
    const classes = await widget.section.evaluate((section) =>
      [...section.querySelectorAll('li.kibitz-comment--deleted > .kibitz-comment__meta > .kibitz-avatar')].map((a) => a.className),
    );
    assert.equal(classes.length, 4);
    assert.equal(new Set(classes).size, 1, `avatar classes: ${classes.join(' | ')}`);
    for (const id of ['d1', 'd2', 'd3', 'd4']) {
      assert.deepEqual((await widget.comment(id).removed()).avatar, REMOVED_AVATAR, id);
    }
    for (const id of ['d1', 'r1', 'd2', 'd3', 'd4']) await assertMetaCentred(widget.comment(id), id);
    const dan = await widget.comment('r1').removed();
    assert.equal(dan.avatar.className.includes('kibitz-avatar--removed'), false, `a live comment's avatar: ${dan.avatar.className}`);
    assert.notEqual(dan.avatar.background, REMOVED_AVATAR.background);
  });
});

describe('long unbroken words at 320 px', () => {
  const ctx = useBrowser(hooks, { server: startServer, page: { width: 320, height: 640 } });

  it('wrap inside the widget: no horizontal overflow, even nested 8 deep', async () => {
    const page = new LongWordsPage(ctx.page, ctx.server);
    await page.goto();
    assert.equal(await page.widget.waitForThread(), '9 Comments');
    const { scrollWidth, bodyScrollWidth } = await page.overflow();
    assert.ok(scrollWidth <= 320, `document scrollWidth ${scrollWidth} > 320`);
    assert.ok(bodyScrollWidth <= 320, `body scrollWidth ${bodyScrollWidth} > 320`);
    // Nothing inside the widget sticks out of it either (overflow could be clipped by a host).
    const sticking = await page.widget.root.evaluate((root) => {
      const right = root.getBoundingClientRect().right + 0.5;
      return [...root.querySelectorAll('*')]
        .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > right)
        .map((el) => `${el.tagName}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`)
        .slice(0, 5);
    });
    assert.deepEqual(sticking, []);
    const comments = await page.widget.snapshot();
    assert.ok(comments.some((c) => c.flat), 'the deepest replies are in a flat list');
    await screenshot(ctx.page, 'long-words-320');
  });

  it('centres toggle, avatar and number on the first line, the byline beside them or, too narrow, under them', async () => {
    const page = new LongWordsPage(ctx.page, ctx.server);
    await page.goto();
    await page.widget.waitForThread();
    const ids = (await page.widget.snapshot()).map((c) => c.id);
    assert.equal(ids.length, 9);
    const wrapped = [];
    const ownLine = [];
    for (const id of ids) {
      const line = await assertMetaCentred(page.widget.comment(id), id);
      if (line.lastLine - line.firstLine > 10) wrapped.push(id);
      if (line.ownLine) ownLine.push(id);
    }
    assert.ok(wrapped.includes('L1'), `L1's long name wraps its byline onto more lines (wrapped: ${wrapped})`);
    assert.ok(!ownLine.includes('L1') && ownLine.includes('L6'), `the deepest, narrowest, take a line of their own (${ownLine})`);
  });

  it('keeps a readable text column (≥ 120 px) for the deepest replies', async () => {
    const page = new LongWordsPage(ctx.page, ctx.server);
    await page.goto();
    await page.widget.waitForThread();
    const widths = await page.widget.section.evaluate((section) =>
      [...section.querySelectorAll('.kibitz-comment__body')].map((b) => Math.round(b.getBoundingClientRect().width)),
    );
    assert.ok(Math.min(...widths) >= 120, `body widths by comment: ${widths}`);
  });
});

describe('comment ids that read like the widget\'s own element ids', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('take none of them: a toggle collapses its own replies, the heading names the section', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/id-collision.html');
    const widget = new Widget(ctx.page, ctx.page.locator('#w'));
    await host.goto();
    assert.equal(await widget.waitForThread(), '6 Comments');
    assert.deepEqual(await host.duplicateIds(), []);
    // The links to comments keep the documented form.
    assert.equal(await widget.comment('c2').number.getAttribute('href'), '#kibitz-1-c2');
    // Past data-max-depth="1", a and b are one flat list under c2.
    await widget.comment('a').clickToggle();
    assert.equal(await widget.comment('b').li.isVisible(), false, 'b, under a, is hidden');
    for (const id of ['c2', 'a', 'z', 'heading', 'comments']) {
      assert.equal(await widget.comment(id).li.isVisible(), true, `${id} stays`);
    }
    // The section is still named by its heading, and its toggle controls it.
    const named = await widget.root.evaluate((root) => {
      const heading = root.ownerDocument.getElementById(root.getAttribute('aria-labelledby'));
      const section = root.ownerDocument.getElementById(root.querySelector('.kibitz-header__toggle').getAttribute('aria-controls'));
      return [heading?.textContent, section?.className];
    });
    assert.deepEqual(named, ['6 Comments', 'kibitz-section']);
  });
});
