// data-isolate="shadow": the widget renders in a shadow root, so a host
// stylesheet that restyles every element (all: unset, button { display:
// none }, div { float: right }, line-height 9, !important colours) cannot
// reach it, while --kibitz-* properties set on its element still theme it.
// A widget without isolation on the same page shows what the host asked for
// and no worse: every comment is there and readable.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot, eventually } from './browser.mjs';
import { IsolationPage } from './page-objects/isolation-page.mjs';

const hooks = { before, after, beforeEach, afterEach };

describe('isolation from a hostile host stylesheet', () => {
  const ctx = useBrowser(hooks, { server: startServer, page: { width: 1000, height: 1400 } });

  async function open() {
    const host = new IsolationPage(ctx.page, ctx.server);
    await host.goto();
    await host.waitForEvents(2);
    await host.isolated.waitForThread();
    await host.plain.waitForThread();
    return host;
  }

  it('renders inside an open shadow root that host rules cannot select into', async () => {
    const host = await open();
    const inShadow = await host.isolatedHost.evaluate((el) => ({
      shadow: el.shadowRoot !== null,
      lightChildren: el.children.length,
      sections: el.shadowRoot?.querySelectorAll('section.kibitz.kibitz--isolated').length,
      stylesheet: el.shadowRoot?.querySelector('link[rel="stylesheet"]')?.sheet !== null,
    }));
    assert.deepEqual(inShadow, { shadow: true, lightChildren: 0, sections: 1, stylesheet: true });
    assert.deepEqual((await host.events()).map((e) => [e.type, e.detail]), [['kibitz:ready', 6], ['kibitz:ready', 6]]);
  });

  it('looks right: readable line height, its own colours, visible buttons, the host’s accent', async () => {
    const host = await open();
    const body = host.isolated.comment('c5102').body.locator('p');
    const style = await host.style(body, 'line-height', 'font-size', 'color', 'background-color', 'float');
    assert.ok(parseFloat(style['line-height']) < 2 * parseFloat(style['font-size']), JSON.stringify(style));
    assert.notEqual(style.color, 'rgb(255, 0, 255)');
    assert.notEqual(style['background-color'], 'rgb(0, 255, 0)');
    assert.equal(style.float, 'none');
    const root = await host.style(host.isolated.root, 'background-color', 'display');
    assert.deepEqual(root, { 'background-color': 'rgb(255, 255, 255)', display: 'block' });
    const link = await host.style(host.isolated.section.locator('.kibitz-comment__body a'), 'color');
    assert.equal(link.color, 'rgb(138, 59, 18)', 'themed through --kibitz-accent on the element');
    assert.ok(await host.isolated.toggle.isVisible());
    assert.equal(await host.isolated.comments.count(), 6);
    const box = await host.isolated.root.boundingBox();
    assert.ok(box.width > 600, `the section keeps its width (${box.width}px)`);
    await host.isolated.root.scrollIntoViewIfNeeded();
    await screenshot(ctx.page, 'isolation-shadow', { fullPage: false, clip: undefined });
  });

  it('works: toggles collapse and expand, the section closes, links to comments reveal them', async () => {
    const host = await open();
    const zofia = host.isolated.comment('c5231');
    await zofia.clickToggle();
    assert.equal(await zofia.toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await zofia.content.isVisible(), false);
    await zofia.clickToggle();
    assert.equal(await zofia.content.isVisible(), true);
    await host.isolated.toggle.click();
    assert.equal(await host.isolated.section.isVisible(), false);
    await host.isolated.toggle.click();
    // A permalink into the shadow root: found, focused and marked there.
    await zofia.number.click();
    await eventually(async () => {
      assert.equal(await host.isolatedHost.evaluate((el) => el.shadowRoot.activeElement?.dataset.commentId), 'c5231');
    });
  });

  it('without isolation, the widget degrades no worse than the host asked for', async () => {
    const host = await open();
    // The host restyled every element it could reach (kibitz's own scoped
    // rules outrank its bare element selectors), yet every comment is
    // there, with its text, in order, and the section still collapses.
    const snapshot = await host.plain.snapshot();
    assert.deepEqual(snapshot.map((c) => c.id), ['c5102', 'c5117', 'c5388', 'c5231', 'c5460', 'c5593']);
    for (const id of ['c5102', 'c5593']) {
      assert.ok((await host.plain.comment(id).body.innerText()).length > 40, `${id} has its text`);
    }
    await host.plain.root.scrollIntoViewIfNeeded();
    await screenshot(ctx.page, 'isolation-plain', { fullPage: false });
    await host.plain.toggle.click();
    assert.equal(await host.plain.section.isVisible(), false);
  });
});
