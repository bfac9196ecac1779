// Two widgets on one page: the script tag's own (second-summit.json, async
// script) and a <div data-kibitz> (small-talk.json). Each shows its own
// thread, has its own ids and toggles, and they share one stylesheet and
// one module.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot } from './browser.mjs';
import { TwoWidgetsPage } from './page-objects/two-widgets-page.mjs';

const hooks = { before, after, beforeEach, afterEach };

async function load(ctx) {
  ctx.two = new TwoWidgetsPage(ctx.page, ctx.server);
  await ctx.two.goto();
  await ctx.two.scriptWidget.waitForThread();
  await ctx.two.divWidget.waitForThread();
  return ctx.two;
}

describe('two widgets: first render', () => {
  const ctx = useBrowser(hooks, { server: startServer, shared: true, setup: load });

  it('each shows its own thread and fires its own kibitz:ready', async () => {
    const { scriptWidget, divWidget } = ctx.two;
    assert.equal(await scriptWidget.title.textContent(), '6 Comments');
    assert.equal(await divWidget.title.textContent(), '3 Comments');
    const scriptIds = (await scriptWidget.snapshot()).map((c) => c.id);
    const divIds = (await divWidget.snapshot()).map((c) => c.id);
    assert.deepEqual(scriptIds, ['c5102', 'c5117', 'c5388', 'c5231', 'c5460', 'c5593']);
    assert.deepEqual(divIds, ['s1', 's2', 's3']);
    const events = await ctx.two.waitForEvents(2);
    assert.deepEqual(
      events.map((e) => [e.type, e.target, e.detail]).sort(),
      [['kibitz:ready', 'div#second-widget', 3], ['kibitz:ready', 'div.kibitz-mount', 6]],
    );
  });

  it('numbers each thread from #1 and shows a deleted comment as [deleted]', async () => {
    const divComments = await ctx.two.divWidget.snapshot();
    assert.deepEqual(divComments.map((c) => [c.id, c.number, c.parent]), [['s1', '#1', null], ['s2', '#2', 's1'], ['s3', '#3', null]]);
    assert.equal(divComments[2].author, undefined, 'a deleted comment names no author');
    const deleted = ctx.two.divWidget.comment('s3');
    assert.equal(await deleted.author.count(), 0);
    assert.equal(await deleted.deleted.textContent(), '[deleted]');
    const { placeholder, occurrences } = await deleted.removed();
    assert.deepEqual([placeholder, occurrences], [['P', '[deleted]'], 1], '[deleted] once, as the body');
    assert.equal(await deleted.body.count(), 0);
    assert.equal(await deleted.li.evaluate((li) => li.classList.contains('kibitz-comment--deleted')), true);
    const text = await ctx.two.divWidget.root.textContent();
    assert.ok(!text.includes('must never be shown'), 'a deleted body is not rendered');
    assert.ok(!text.includes('Someone'), 'a deleted author is not rendered');
  });

  it('has no duplicate ids, and every aria-controls points inside its own widget', async () => {
    assert.deepEqual(await ctx.two.duplicateIds(), []);
    const scriptIds = new Set(await ctx.two.scriptWidget.ids());
    const divIds = await ctx.two.divWidget.ids();
    assert.ok(scriptIds.size > 6 && divIds.length > 3);
    assert.deepEqual(divIds.filter((id) => scriptIds.has(id)), []);
    const broken = await ctx.page.evaluate(() =>
      [...document.querySelectorAll('[aria-controls], [aria-labelledby]')].flatMap((el) => {
        const id = el.getAttribute('aria-controls') ?? el.getAttribute('aria-labelledby');
        const target = document.getElementById(id);
        return target && target.closest('section.kibitz') === el.closest('section.kibitz') ? [] : [id];
      }),
    );
    assert.deepEqual(broken, []);
  });

  it('shares one stylesheet and loads the module and .wasm once', async () => {
    assert.equal(await ctx.page.locator('link#kibitz-style').count(), 1);
    const count = (p) => ctx.server.requests.filter((r) => r.path === p).length;
    assert.equal(count('/static/kibitz/kibitz-widget.js'), 1);
    assert.equal(count('/static/kibitz/kibitz-widget_bg.wasm'), 1);
  });

  it('leaves the host page intact (screenshot)', async () => {
    assert.equal(await ctx.page.title(), 'Two widgets');
    assert.equal(await ctx.two.sidebarHeading.textContent(), 'Field notes');
    assert.ok(await TwoWidgetsPage.isShown(ctx.two.footer));
    const { scrollWidth } = await ctx.two.overflow();
    assert.ok(scrollWidth <= 1000);
    await screenshot(ctx.page, 'two-widgets');
  });
});

describe('two widgets: interaction', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('toggles each section and each comment independently', async () => {
    const { scriptWidget, divWidget } = await load(ctx);

    await scriptWidget.toggle.click();
    assert.equal(await scriptWidget.toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await scriptWidget.section.isVisible(), false);
    assert.equal(await divWidget.toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await divWidget.toggle.textContent(), 'Close');
    assert.equal(await divWidget.section.isVisible(), true);

    await divWidget.comment('s1').clickToggle();
    assert.equal((await divWidget.comment('s1').state()).contentVisible, false);
    assert.deepEqual((await divWidget.comment('s1').state()).note, { text: '1 reply hidden', visible: true });

    await scriptWidget.toggle.click();
    assert.equal(await scriptWidget.section.isVisible(), true);
    const joaquin = await scriptWidget.comment('c5102').state();
    assert.equal(joaquin.expanded, 'true', 'the other widget\'s comments are untouched');
    assert.equal(joaquin.contentVisible, true);
    assert.equal((await divWidget.comment('s1').state()).expanded, 'false', 'and this one stays collapsed');

    await divWidget.toggle.click();
    assert.equal(await divWidget.section.isVisible(), false);
    assert.equal(await scriptWidget.section.isVisible(), true);
  });
});
