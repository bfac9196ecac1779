// High-contrast (forced-colors) mode: the system's colours replace the
// widget's, and every control must stay visible: buttons keep a border in
// the button-text colour, focus rings and the mark on a linked comment are
// outlines. article.html shows second-summit.json.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot, eventually } from './browser.mjs';
import { ArticlePage } from './page-objects/article-page.mjs';

const hooks = { before, after, beforeEach, afterEach };

describe('forced colors', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('keeps every control outlined and the linked comment marked', async () => {
    await ctx.page.emulateMedia({ forcedColors: 'active' });
    const host = new ArticlePage(ctx.page, ctx.server);
    await host.page.goto(ctx.server.url(`${ArticlePage.path}#kibitz-second-summit-c5388`));
    const { widget } = host;
    await widget.waitForThread();
    assert.equal(await ctx.page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
    const controls = await widget.root.locator('button').evaluateAll((buttons) =>
      buttons.filter((b) => b.checkVisibility()).map((b) => {
        const style = getComputedStyle(b);
        return { text: b.textContent, border: style.borderTopStyle, width: parseFloat(style.borderTopWidth), color: style.borderTopColor, canvas: style.backgroundColor };
      }),
    );
    assert.ok(controls.length >= 7, `the section toggle and six comment toggles: ${controls.length}`);
    for (const c of controls) {
      assert.equal(c.border, 'solid', c.text);
      assert.ok(c.width >= 1, c.text);
      assert.notEqual(c.color, c.canvas, `${c.text}: border colour differs from the background`);
    }
    const target = widget.comment('c5388').meta;
    await eventually(async () => {
      assert.equal(await target.evaluate((m) => getComputedStyle(m).outlineStyle), 'solid');
    });
    // Only colours change: the toggles keep their layout, sign centred.
    const layouts = () => widget.root.locator('.kibitz-comment__toggle').evaluateAll((toggles) =>
      toggles.map((t) => {
        const style = getComputedStyle(t);
        return `${style.display} ${style.placeItems} ${style.gap}`;
      }),
    );
    const forced = await layouts();
    await ctx.page.emulateMedia({ forcedColors: 'none' });
    assert.deepEqual(forced, await layouts());
    await ctx.page.emulateMedia({ forcedColors: 'active' });
    await screenshot(ctx.page, 'forced-colors', { fullPage: false });
  });
});
