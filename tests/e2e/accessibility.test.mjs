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
