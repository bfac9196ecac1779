// Print: paper has no buttons, so every comment prints expanded, whatever
// the reader collapsed and however many pages the screen showed, and no
// control prints. The widget builds what is missing on `beforeprint`; the
// screen keeps the reader's state, and gets its page back on `afterprint`. permalinks.html starts with the section
// closed, two top-level comments a page, every reply collapsed and a flat
// list of 58 replies past depth 3 (65 comments in all).

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot, eventually } from './browser.mjs';
import { PermalinksPage } from './page-objects/permalinks-page.mjs';

const hooks = { before, after, beforeEach, afterEach };

describe('print', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('prints every comment expanded and no control; the screen keeps its state', async () => {
    const host = new PermalinksPage(ctx.page, ctx.server);
    await host.goto();
    await host.footer.scrollIntoViewIfNeeded();
    const { widget } = host;
    assert.equal(await widget.waitForThread(), '65 Comments');
    assert.equal(await widget.comments.count(), 2, 'the screen shows one page of two, closed');
    await ctx.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await ctx.page.emulateMedia({ media: 'print' });
    const printed = await widget.root.evaluate((root) => ({
      comments: [...root.querySelectorAll('li.kibitz-comment')].map((li) => [li.dataset.commentId, li.checkVisibility()]),
      bodies: [...root.querySelectorAll('.kibitz-comment__body')].filter((b) => !b.checkVisibility()).length,
      controls: [...root.querySelectorAll('button, select, .kibitz-toolbar, .kibitz-comment__hidden')].filter((b) => b.checkVisibility()).length,
    }));
    assert.equal(printed.comments.length, 65);
    assert.deepEqual(printed.comments.filter(([, visible]) => !visible), [], 'every comment prints');
    assert.equal(printed.bodies, 0, 'every body prints');
    assert.equal(printed.controls, 0, 'no button, order control or "replies hidden" note prints');
    await screenshot(ctx.page, 'print', { fullPage: false });
    await ctx.page.emulateMedia({ media: 'screen' });
    assert.equal(await widget.toggle.getAttribute('aria-expanded'), 'false', 'the section is still closed on screen');
    assert.equal(await widget.comment('r1').toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await widget.section.isVisible(), false);
    // After print (or a print dialog cancelled), the screen has its page
    // of two top-level comments back, and the button for the rest.
    await ctx.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await eventually(async () => assert.equal(await widget.list.locator(':scope > li.kibitz-comment').count(), 2));
    await widget.toggle.click();
    assert.equal(await widget.section.locator('.kibitz-more-comments').isVisible(), true, '"Show more comments" is back');
    assert.equal(await widget.comments.count(), 2, 'replies closed as before');
  });
});
