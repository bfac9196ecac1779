// The flat list of replies past data-max-depth, and its "Show N more
// replies" button: it counts only replies that would show, goes when a
// collapse hides all the rest and comes back when they show again, and a
// keyboard reader who pressed it last continues at the first new reply.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot } from './browser.mjs';
import { FlatChainPage } from './page-objects/flat-chain-page.mjs';

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

  it('"Show more" pressed from the keyboard hands focus to the first new reply when it goes', async () => {
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
