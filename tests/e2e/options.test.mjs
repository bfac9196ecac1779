// Attributes a site owner sets: data-target, data-collapsed,
// data-collapse-depth, data-theme, data-heading-level, and what happens with bad values; plus
// the heading for empty and one-comment threads.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot } from './browser.mjs';
import { TargetPage } from './page-objects/target-page.mjs';
import { TargetSlowHeadPage } from './page-objects/target-slow-head-page.mjs';
import { CollapsedPage } from './page-objects/collapsed-page.mjs';
import { CollapseDepthPage } from './page-objects/collapse-depth-page.mjs';
import { DarkPage } from './page-objects/dark-page.mjs';
import { WarningsPage } from './page-objects/warnings-page.mjs';
import { CountsPage } from './page-objects/counts-page.mjs';
import { HeadingLevelPage } from './page-objects/heading-level-page.mjs';

const hooks = { before, after, beforeEach, afterEach };

describe('data-target', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('renders a <head> script tag into the element data-target selects', async () => {
    const target = new TargetPage(ctx.page, ctx.server);
    await target.goto();
    assert.equal(await target.widget.waitForThread(), '6 Comments');
    assert.equal(await target.widget.comments.count(), 6);
    assert.equal(await target.placeholder.count(), 0, 'the target\'s old content is replaced');
    assert.equal(await target.strayMounts.count(), 0, 'no div.kibitz-mount next to the script tag');
    assert.equal(await ctx.page.locator('head section.kibitz, head div').count(), 0, 'nothing rendered in <head>');
    const events = await target.waitForEvents(3);
    const ready = events.filter((e) => e.type === 'kibitz:ready');
    assert.deepEqual(ready.map((e) => [e.detail, e.target]), [[6, 'aside#comments-slot.panel']]);
    assert.deepEqual(await target.duplicateIds(), []);
  });

  it('shows a visible error naming a selector that matches nothing, or is invalid; no Retry', async () => {
    const target = new TargetPage(ctx.page, ctx.server);
    await target.goto();
    for (const [widget, message] of [
      [target.badTarget, 'data-target "#no-such-element" matches no element on this page'],
      [target.invalidTarget, 'data-target "[[nope" is not a valid CSS selector'],
    ]) {
      await widget.error.waitFor();
      assert.equal(await widget.errorDetail.textContent(), message);
      assert.ok(await widget.error.isVisible());
      assert.equal(await widget.retry.count(), 0);
      assert.equal(await widget.comments.count(), 0, 'the thread is not shown anyway');
    }
    const errors = (await target.waitForEvents(3)).filter((e) => e.type === 'kibitz:error');
    assert.deepEqual(errors.map((e) => e.target).sort(), ['div#bad-target-host.panel', 'div#invalid-target-host.panel']);
    assert.ok(errors.every((e) => e.detail.startsWith('data-target "')));
  });

  it('still finds the target when a slow script in <head> holds up parsing', async () => {
    const target = new TargetSlowHeadPage(ctx.page, ctx.server);
    await target.goto();
    await target.waitForEvents(1);
    assert.deepEqual(
      (await target.events()).map((e) => [e.type, e.detail, e.target]),
      [['kibitz:ready', 6, 'aside#comments-slot.panel']],
    );
    assert.equal(await target.widget.waitForThread(), '6 Comments');
    assert.equal(await target.strayMounts.count(), 0);
  });
});

describe('data-collapsed', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('starts with the section closed, loads anyway, and opens on demand', async () => {
    const collapsed = new CollapsedPage(ctx.page, ctx.server);
    await collapsed.goto();
    await collapsed.widget.waitUntilSettled();
    const { widget } = collapsed;
    assert.deepEqual((await collapsed.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:ready', 6]]);
    assert.equal(await widget.title.textContent(), '6 Comments');
    assert.equal(await widget.toggle.textContent(), 'Open');
    assert.equal(await widget.toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await widget.section.getAttribute('hidden'), '');
    assert.ok(!(await CollapsedPage.isShown(widget.section)));
    assert.ok(await CollapsedPage.isShown(collapsed.footer));

    await widget.toggle.click();
    assert.equal(await widget.toggle.textContent(), 'Close');
    assert.equal(await widget.toggle.getAttribute('aria-expanded'), 'true');
    assert.ok(await CollapsedPage.isShown(widget.comment('c5388').body));
  });
});

describe('data-collapse-depth="1"', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('opens top-level comments and collapses every reply', async () => {
    const page = new CollapseDepthPage(ctx.page, ctx.server);
    await page.goto();
    assert.equal(await page.widget.waitForThread(), '6 Comments');
    const { widget } = page;

    for (const id of ['c5102', 'c5231', 'c5593']) {
      const state = await widget.comment(id).state();
      assert.equal(state.expanded, 'true', `${id} (depth 1) is open`);
      assert.equal(state.contentVisible, true);
    }
    const marisol = widget.comment('c5117');
    assert.deepEqual(await marisol.state(), {
      expanded: 'false',
      controlsContent: true,
      label: 'Expand comment #2 by Marisol Etxeberria (1 reply hidden)',
      collapsedClass: true,
      contentVisible: false,
      note: { text: '1 reply hidden', visible: true },
    });
    assert.ok(await CollapseDepthPage.isShown(marisol.author), 'a collapsed comment still shows its author');
    const omura = await widget.comment('c5460').state();
    assert.equal(omura.expanded, 'false');
    assert.equal(omura.note, null, 'no replies, no note');
    assert.equal(await widget.comment('c5388').li.isVisible(), false, '#4 (depth 3) is out of sight');

    await marisol.clickToggle();
    assert.equal((await marisol.state()).contentVisible, true);
    const jurgen = widget.comment('c5388');
    await jurgen.li.waitFor();
    const state = await jurgen.state();
    assert.equal(state.expanded, 'false', 'the reply revealed is collapsed itself (depth 3 > 1)');
    assert.equal(state.contentVisible, false);
    await jurgen.clickToggle();
    assert.equal((await jurgen.state()).contentVisible, true);
    assert.deepEqual(await page.duplicateIds(), []);
  });
});

describe('data-theme="dark"', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('paints a dark card with light text on a light page (screenshot)', async () => {
    const dark = new DarkPage(ctx.page, ctx.server);
    await dark.goto();
    await dark.widget.waitForThread();
    assert.equal(await dark.widget.root.getAttribute('data-theme'), 'dark');
    assert.equal(await dark.widget.background(), 'rgb(23, 25, 29)');
    assert.equal(await dark.widget.root.evaluate((el) => getComputedStyle(el).color), 'rgb(230, 232, 236)');
    const bodyColor = await dark.widget.comment('c5102').body.evaluate((el) => getComputedStyle(el).color);
    assert.equal(bodyColor, 'rgb(230, 232, 236)', 'comment text is light too');
    assert.equal(await ctx.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), 'rgb(251, 250, 247)', 'the host stays light');
    await screenshot(ctx.page, 'dark');
  });
});

describe('bad attribute values', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('warn in the console, naming each attribute, and fall back to defaults', async () => {
    const warnings = new WarningsPage(ctx.page, ctx.server);
    await warnings.goto();
    assert.equal(await warnings.widget.waitForThread(), '3 Comments');
    assert.equal(await warnings.widget.root.getAttribute('data-theme'), 'auto');
    assert.equal(await warnings.widget.toggle.getAttribute('aria-expanded'), 'true', 'data-collapsed="maybe" → open');
    const logged = ctx.session.kibitzConsole('warning');
    const named = (attribute) => logged.filter((line) => line.startsWith(`[kibitz] ${attribute}=`));
    for (const attribute of ['data-theme', 'data-max-depth', 'data-collapse-depth', 'data-collapsed', 'data-thme']) {
      assert.equal(named(attribute).length, 1, `one warning naming ${attribute}: ${JSON.stringify(logged)}`);
    }
    assert.ok(named('data-thme')[0].includes('not a kibitz attribute'));
  });

  it('name data-locale and data-timezone when the browser rejects their values', async () => {
    const warnings = new WarningsPage(ctx.page, ctx.server);
    await warnings.goto();
    await warnings.widget.waitForThread();
    const logged = ctx.session.kibitzConsole('warning');
    assert.ok(logged.some((l) => l.includes('"not a locale!"')), `a warning for the locale: ${JSON.stringify(logged)}`);
    assert.ok(logged.some((l) => l.includes('"Mars/Olympus_Mons"')), `a warning for the zone: ${JSON.stringify(logged)}`);
    for (const attribute of ['data-locale', 'data-timezone']) {
      assert.ok(logged.some((l) => l.startsWith(`[kibitz] ${attribute}`)), `a warning naming ${attribute}: ${JSON.stringify(logged)}`);
    }
  });
});

describe('counts', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('says "No comments yet" for an empty thread and "1 Comment" for one', async () => {
    const counts = new CountsPage(ctx.page, ctx.server);
    await counts.goto();
    await counts.empty.waitUntilSettled();
    await counts.one.waitForThread();
    assert.equal(await counts.empty.empty.textContent(), 'No comments yet');
    assert.equal(await counts.empty.title.textContent(), '0 Comments');
    assert.equal(await counts.one.title.textContent(), '1 Comment');
    const events = await counts.waitForEvents(2);
    assert.deepEqual(
      events.map((e) => [e.target, e.detail]).sort(),
      [['div#w-empty.panel', 0], ['div#w-one.panel', 1]],
    );
    assert.deepEqual(await counts.duplicateIds(), []);
  });
});

describe('data-heading-level="3"', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it("makes the section's heading an h3 that names the section", async () => {
    const host = new HeadingLevelPage(ctx.page, ctx.server);
    const { widget } = host;
    await host.goto();
    await widget.waitForThread();
    assert.equal(await widget.title.evaluate((h) => h.tagName), 'H3');
    assert.equal(await widget.title.textContent(), '6 Comments');
    const region = ctx.page.getByRole('region', { name: '6 Comments' });
    assert.equal(await region.count(), 1);
    assert.equal(await ctx.page.getByRole('heading', { level: 3, name: '6 Comments' }).count(), 1);
  });
});

