// An axe-core audit of rendered widgets (axe injected into the test page):
// zero violations in light and dark themes, in a left-to-right and in the
// right-to-left languages. Each audit must also have checked colour
// contrast on the widget, so a run that looked at nothing cannot pass.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { useBrowser } from './browser.mjs';
import { ArticlePage } from './page-objects/article-page.mjs';
import { DarkPage } from './page-objects/dark-page.mjs';
import { LanguagesPage } from './page-objects/languages-page.mjs';

const hooks = { before, after, beforeEach, afterEach };
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

/** Runs axe on `selector`; returns violations as readable lines, and how many nodes passed colour contrast. */
async function audit(page, selector) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (selector) => {
    const result = await window.axe.run({ include: [[selector]] }, { resultTypes: ['violations', 'passes'] });
    return {
      violations: result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(' ')}`)),
      contrastChecked: result.passes.find((p) => p.id === 'color-contrast')?.nodes.length ?? 0,
    };
  }, selector);
}

async function settled(widget) {
  await widget.mount.scrollIntoViewIfNeeded();
  await widget.waitForThread();
}

describe('axe audit', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('finds nothing in the light theme, left to right', async () => {
    const host = new ArticlePage(ctx.page, ctx.server);
    await host.goto();
    await settled(host.widget);
    const { violations, contrastChecked } = await audit(ctx.page, 'section.kibitz');
    assert.deepEqual(violations, []);
    assert.ok(contrastChecked > 10, `contrast checked on ${contrastChecked} nodes`);
  });

  it('finds nothing in the dark theme (data-theme="dark")', async () => {
    const host = new DarkPage(ctx.page, ctx.server);
    await host.goto();
    await settled(host.widget);
    const { violations, contrastChecked } = await audit(ctx.page, 'section.kibitz');
    assert.deepEqual(violations, []);
    assert.ok(contrastChecked > 10, `contrast checked on ${contrastChecked} nodes`);
  });

  it('finds nothing in the dark theme the reader chose (prefers-color-scheme)', async () => {
    await ctx.page.emulateMedia({ colorScheme: 'dark' });
    const host = new ArticlePage(ctx.page, ctx.server);
    await host.goto();
    await settled(host.widget);
    assert.equal(await host.widget.root.evaluate((s) => getComputedStyle(s).colorScheme), 'dark');
    const { violations, contrastChecked } = await audit(ctx.page, 'section.kibitz');
    assert.deepEqual(violations, []);
    assert.ok(contrastChecked > 10, `contrast checked on ${contrastChecked} nodes`);
  });

  it('finds nothing right to left, in Arabic and Hebrew', async () => {
    const host = new LanguagesPage(ctx.page, ctx.server);
    await host.goto();
    for (const lang of ['ar', 'he']) {
      const widget = host.widgets[lang];
      await settled(widget);
      assert.equal(await widget.root.getAttribute('dir'), 'rtl');
      const { violations, contrastChecked } = await audit(ctx.page, `#w-${lang} section.kibitz`);
      assert.deepEqual(violations, [], lang);
      assert.ok(contrastChecked > 10, `${lang}: contrast checked on ${contrastChecked} nodes`);
    }
  });
});

// Comments far off screen skip layout (content-visibility: auto). Chromium
// still exposes their text to a screen reader, which builds its tree with
// full accessibility on, as --force-renderer-accessibility turns it on.
describe('comments off screen, with a screen reader running', () => {
  const ctx = useBrowser(hooks, { server: startServer, page: { width: 1000, height: 500 }, args: ['--force-renderer-accessibility'] });

  it('are all in the accessibility tree, with their text', async () => {
    const host = new ArticlePage(ctx.page, ctx.server);
    await host.goto();
    await host.widget.mount.scrollIntoViewIfNeeded();
    await host.widget.waitForThread();
    await ctx.page.evaluate(() => window.scrollTo(0, 0));
    const bodies = host.widget.section.locator('.kibitz-comment__body');
    const skipped = await bodies.evaluateAll((els) => els.filter((el) => !el.checkVisibility({ contentVisibilityAuto: true })).length);
    assert.ok(skipped > 0, 'some comments are skipped, or this test looks at nothing');
    const cdp = await ctx.page.context().newCDPSession(ctx.page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const names = nodes.filter((n) => !n.ignored).map((n) => n.name?.value ?? '').join('\n');
    const starts = await bodies.evaluateAll((els) => els.map((el) => el.textContent.trim().slice(0, 12)));
    assert.deepEqual(starts.filter((start) => !names.includes(start)), []);
  });
});
