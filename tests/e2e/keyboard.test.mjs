// Keyboard reading: j / k move to the next or previous comment shown, n / p
// to the next or previous top-level comment, only while focus is inside the
// comment list and never with a modifier key. article.html shows
// second-summit.json: three top-level comments, three replies.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot, eventually } from './browser.mjs';
import { ArticlePage } from './page-objects/article-page.mjs';

const hooks = { before, after, beforeEach, afterEach };

/** data-comment-id of the focused comment, or the focused element's tag. */
function focused(page) {
  return page.evaluate(() => document.activeElement?.dataset?.commentId ?? document.activeElement?.tagName);
}

describe('keyboard', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  async function open() {
    const host = new ArticlePage(ctx.page, ctx.server);
    await host.goto();
    await host.mountPoint.scrollIntoViewIfNeeded();
    await host.widget.waitForThread();
    const shown = await host.widget.list.locator('li.kibitz-comment').evaluateAll((lis) => lis.map((li) => li.dataset.commentId));
    const topLevel = await host.widget.list.locator(':scope > li.kibitz-comment').evaluateAll((lis) => lis.map((li) => li.dataset.commentId));
    return { host, widget: host.widget, shown, topLevel };
  }

  it('j and k walk every comment in reading order, from wherever focus is in the list', async () => {
    const { widget, shown } = await open();
    assert.equal(shown.length, 6);
    await widget.comment(shown[0]).toggle.focus();
    for (const id of shown.slice(1)) {
      await ctx.page.keyboard.press('j');
      assert.equal(await focused(ctx.page), id);
    }
    await ctx.page.keyboard.press('j');
    assert.equal(await focused(ctx.page), shown.at(-1), 'the last stays');
    await ctx.page.keyboard.press('k');
    assert.equal(await focused(ctx.page), shown.at(-2));
    // Tab goes on from the focused comment to its own controls.
    await ctx.page.keyboard.press('Tab');
    assert.equal(await ctx.page.evaluate(() => document.activeElement.closest('li').dataset.commentId), shown.at(-2));
    await screenshot(ctx.page, 'keyboard-focus', { fullPage: false });
  });

  it('names a comment that takes focus by its header, not by all it holds', async () => {
    const { widget, shown } = await open();
    const cdp = await ctx.page.context().newCDPSession(ctx.page);
    const focusedName = async () => {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
      return [nodes[0].role.value, nodes[0].name?.value ?? ''];
    };
    // c5117 has a reply (c5388), whose words must not be part of its name.
    await widget.comment(shown[shown.indexOf('c5117') - 1]).toggle.focus();
    await ctx.page.keyboard.press('j');
    assert.equal(await focused(ctx.page), 'c5117');
    const [role, name] = await focusedName();
    assert.equal(role, 'listitem');
    const author = (await widget.comment('c5117').author.textContent()).trim();
    const number = (await widget.comment('c5117').number.textContent()).trim();
    const time = (await widget.comment('c5117').time.textContent()).trim();
    assert.ok(name.startsWith(author), `name: ${name}`);
    assert.ok(name.includes(time) && name.includes(number), `name: ${name}`);
    const body = (await widget.comment('c5117').body.textContent()).trim().slice(0, 20);
    const reply = (await widget.comment('c5388').body.textContent()).trim().slice(0, 20);
    assert.ok(!name.includes(body) && !name.includes(reply), `name: ${name}`);
  });

  it('keeps focus in the list when a click hides what had it', async () => {
    const { widget } = await open();
    // A click that does not move focus to what is clicked, as some screen
    // readers and scripts click: c5388's toggle has focus, c5117 (its
    // parent) is collapsed.
    await widget.comment('c5388').toggle.focus();
    await widget.comment('c5117').toggle.evaluate((button) => button.click());
    assert.equal(await widget.comment('c5117').toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await ctx.page.evaluate(() => document.activeElement.closest('li')?.dataset.commentId), 'c5117');
    assert.equal(await ctx.page.evaluate(() => document.activeElement.className), 'kibitz-comment__toggle');
    // "Collapse all" builds the list again: focus comes back to the same
    // comment, here a top-level one that still shows.
    await widget.comment('c5117').toggle.evaluate((button) => button.click());
    await widget.comment('c5102').toggle.focus();
    await widget.section.getByRole('button', { name: 'Collapse all' }).evaluate((button) => button.click());
    await eventually(async () => {
      assert.equal(await ctx.page.evaluate(() => document.activeElement.closest('li')?.dataset.commentId), 'c5102');
    });
  });

  it('n and p move between top-level comments, from a reply too', async () => {
    const { widget, shown, topLevel } = await open();
    assert.equal(topLevel.length, 3);
    await widget.comment(topLevel[0]).toggle.focus();
    await ctx.page.keyboard.press('n');
    assert.equal(await focused(ctx.page), topLevel[1]);
    await ctx.page.keyboard.press('n');
    assert.equal(await focused(ctx.page), topLevel[2]);
    await ctx.page.keyboard.press('p');
    assert.equal(await focused(ctx.page), topLevel[1]);
    // A reply of the first top-level comment: n goes to the second.
    const reply = shown[1];
    assert.ok(!topLevel.includes(reply));
    await widget.comment(reply).toggle.focus();
    await ctx.page.keyboard.press('n');
    assert.equal(await focused(ctx.page), topLevel[1]);
  });

  it('j skips the replies a collapsed comment hides', async () => {
    const { widget, topLevel } = await open();
    const first = widget.comment(topLevel[0]);
    await first.clickToggle();
    assert.equal(await first.toggle.getAttribute('aria-expanded'), 'false');
    await first.toggle.focus();
    await ctx.page.keyboard.press('j');
    assert.equal(await focused(ctx.page), topLevel[1]);
  });

  it('leaves the keys alone outside the list and with a modifier', async () => {
    const { host, widget, shown } = await open();
    await ctx.page.evaluate(() => {
      window.__hostKeys = [];
      document.addEventListener('keydown', (e) => { if (e.key === 'j') window.__hostKeys.push([e.key, e.defaultPrevented]); });
    });
    await host.heading.click();
    await ctx.page.keyboard.press('j');
    assert.equal(await focused(ctx.page), 'BODY');
    await widget.comment(shown[0]).toggle.focus();
    await ctx.page.keyboard.press('Control+j');
    await ctx.page.keyboard.press('Alt+j');
    assert.equal(await ctx.page.evaluate(() => document.activeElement.closest('li').dataset.commentId), shown[0]);
    // The host saw every key, and only the widget's own j was taken.
    await ctx.page.keyboard.press('j');
    assert.deepEqual(await ctx.page.evaluate(() => window.__hostKeys), [
      ['j', false], ['j', false], ['j', false], ['j', true],
    ]);
  });

  /** The text the stylesheet adds after a comment's time and "edited" mark. */
  function shownDates(comment) {
    return comment.meta.locator('[data-datetime]').evaluateAll((spans) =>
      spans.map((span) => getComputedStyle(span, '::after').content));
  }

  it('t shows and hides the full dates of the comment in focus, which nothing else moves', async () => {
    const { widget, shown } = await open();
    // c5117 has a time and an "edited" mark.
    const reply = widget.comment('c5117');
    assert.deepEqual(await shownDates(reply), ['none', 'none']);
    // Focus alone shows nothing: a line that grew under focus would move
    // what a pointer is on its way to.
    await widget.comment(shown[shown.indexOf('c5117') - 1]).toggle.focus();
    await ctx.page.keyboard.press('j');
    assert.equal(await focused(ctx.page), 'c5117');
    assert.deepEqual(await shownDates(reply), ['none', 'none']);
    await ctx.page.keyboard.press('t');
    const [time, edited] = await shownDates(reply);
    assert.match(time, /^" \(.*February 16, 2023.*8:45:00 AM.*\)"$/);
    assert.match(edited, /^" \(.*February 16, 2023.*9:02:00 AM.*\)"$/);
    // From its toggle too, and the other comments keep theirs hidden.
    await ctx.page.keyboard.press('Tab');
    assert.equal(await ctx.page.evaluate(() => document.activeElement.className), 'kibitz-comment__toggle');
    await screenshot(ctx.page, 'keyboard-full-date', { fullPage: false, clip: await reply.meta.boundingBox() });
    await ctx.page.keyboard.press('t');
    assert.deepEqual(await shownDates(reply), ['none', 'none']);
    assert.deepEqual(await shownDates(widget.comment(shown[0])), ['none']);
  });

  it('shows a full date in the line after a tap on its time, until the next tap', async () => {
    const { widget } = await open();
    const reply = widget.comment('c5117');
    await reply.time.click();
    const [time] = await shownDates(reply);
    assert.match(time, /^" \(.*February 16, 2023.*8:45:00 AM.*\)"$/);
    assert.equal((await shownDates(reply))[1], 'none', 'the "edited" mark has its own tap');
    await reply.time.click();
    assert.deepEqual(await shownDates(reply), ['none', 'none']);
  });
});
