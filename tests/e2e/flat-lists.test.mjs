// The flat list of replies past data-max-depth, and its "Show N more
// replies" button: it counts only replies that would show, goes when a
// collapse hides all the rest and comes back when they show again, and a
// keyboard reader who pressed it last continues at the first new reply.
// A widget nests no deeper than its width has room for: past that, replies
// are the flat list, not a column one letter wide.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot } from './browser.mjs';
import { FlatChainPage } from './page-objects/flat-chain-page.mjs';
import { HostPage } from './page-objects/host-page.mjs';
import { Widget } from './page-objects/widget.mjs';

const hooks = { before, after, beforeEach, afterEach };
const ids = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => `n${from + i}`);

describe('a flat list of replies', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  async function open() {
    const host = new FlatChainPage(ctx.page, ctx.server);
    await host.goto();
    await host.widget.waitForThread();
    assert.deepEqual(await host.shownFlat(), ids(7, 56));
    assert.equal(await host.widget.moreButton.textContent(), 'Show 14 more replies');
    return host;
  }

  it('"Show more" pressed from the keyboard hands focus to the first new reply', async () => {
    const host = await open();
    await host.widget.moreButton.focus();
    await ctx.page.keyboard.press('Enter');
    assert.deepEqual(await host.shownFlat(), ids(7, 70));
    assert.equal(await host.widget.moreButton.count(), 0);
    assert.equal(await host.focused(), 'n57');
    await ctx.page.keyboard.press('Shift+Tab');
    assert.equal(await host.focused(), 'n56', 'focus is in reading order');
  });

  it('goes while a collapse hides every reply not shown, and comes back with them', async () => {
    const host = await open();
    // n56, the last shown, answers n55 and is answered by all the rest.
    await host.widget.comment('n56').clickToggle();
    assert.equal(await host.widget.moreButton.count(), 0, 'nothing more would show');
    await host.widget.comment('n56').clickToggle();
    assert.equal(await host.widget.moreButton.textContent(), 'Show 14 more replies');
    // Higher up, a collapse hides shown replies too; the button goes with them.
    await host.widget.comment('n20').clickToggle();
    assert.deepEqual(await host.shownFlat(), ids(7, 20));
    assert.equal(await host.widget.moreButton.count(), 0);
    await screenshot(ctx.page, 'flat-list-collapsed');
    await host.widget.comment('n20').clickToggle();
    await host.widget.moreButton.click();
    assert.deepEqual(await host.shownFlat(), ids(7, 70));
  });
});

describe('data-max-depth="16" and the width to show it', () => {
  // [window width, levels nested, text size]: a phone with the reader's
  // text at twice the size has room for half as many levels.
  for (const [width, levels, text] of [[1280, 16, null], [320, 6, null], [360, 3, '32px']]) {
    describe(`in a window ${width} pixels wide${text ? `, text ${text}` : ''}`, () => {
      const ctx = useBrowser(hooks, { server: startServer, page: { width, height: 900 } });

      it(`nests ${levels} levels, then lists the rest flat, every column readable`, async () => {
        const host = new HostPage(ctx.page, ctx.server, '/posts/deep-nesting.html');
        const widget = new Widget(ctx.page, ctx.page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
        if (text) {
          await ctx.page.route('**/posts/deep-nesting.html', async (route) => {
            const response = await route.fetch();
            const original = await response.text();
            const body = original.replace('main { max-width: none; }', `main { max-width: none; } html { font-size: ${text}; } body { font-size: 1rem; }`);
            assert.notEqual(body, original, 'deep-nesting.html has the rule this extends');
            await route.fulfill({ response, body });
          });
        }
        await host.goto();
        await widget.waitForThread();
        const comments = await widget.snapshot();
        assert.deepEqual(comments.filter((c) => !c.flat).map((c) => c.id), ids(1, levels));
        assert.ok(comments.filter((c) => c.flat).every((c) => c.depth === levels + 1));
        // The narrowest body: the deepest nested one, or a flat reply. Those
        // far from the screen are not laid out (content-visibility: auto):
        // on paper every one is.
        await ctx.page.emulateMedia({ media: 'print' });
        const narrowest = await widget.section.locator('.kibitz-comment__body').evaluateAll((bodies) =>
          Math.min(...bodies.map((b) => b.getBoundingClientRect().width)),
        );
        assert.ok(narrowest >= 120, `the narrowest body is ${narrowest} px wide`);
        // Names and dates keep lines of their own rather than a column a
        // letter or two wide beside the toggle and the picture.
        const bylines = await widget.section.locator('.kibitz-comment__byline').evaluateAll((lines) =>
          lines.map((line) => line.getBoundingClientRect().width / parseFloat(getComputedStyle(line).fontSize)),
        );
        await ctx.page.emulateMedia({ media: 'screen' });
        assert.ok(Math.min(...bylines) >= 5.9, `the narrowest byline is ${Math.min(...bylines).toFixed(1)} em wide`);
        const overflow = await ctx.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(overflow, 0);
        await widget.comment(`n${levels}`).body.scrollIntoViewIfNeeded();
        // Comments come into view painted a frame later (content-visibility).
        await ctx.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        await screenshot(ctx.page, `deep-nesting-${width}${text ? '-large-text' : ''}`, { fullPage: false });
      });
    });
  }
});
