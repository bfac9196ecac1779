// Hosts that kibitz must work in as they are: a strict
// Content-Security-Policy (README gives it), a page whose own scripts
// throw or break the built-ins, and pages whose fetch is blocked or
// replaced, or that lack the widget's wasm: those get a message that names
// the file, not a blank box.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, STRICT_CSP } from './server.mjs';
import { useBrowser, screenshot, eventually } from './browser.mjs';
import { StrictCspPage } from './page-objects/strict-csp-page.mjs';
import { readFileSync } from 'node:fs';

const hooks = { before, after, beforeEach, afterEach };

describe('a strict Content-Security-Policy and a host with its own errors', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('renders and styles the widget with no violation, whatever the host throws', async () => {
    await ctx.page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const host = new StrictCspPage(ctx.page, ctx.server);
    const response = await ctx.page.goto(ctx.server.url(StrictCspPage.path));
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
    const { widget } = host;
    assert.equal(await widget.waitForThread(), '6 Comments');
    assert.equal(await widget.comments.count(), 6);
    // The stylesheet applied: the meta line is laid out by kibitz.css.
    assert.equal(await widget.comment('c5102').meta.evaluate((m) => getComputedStyle(m).display), 'flex');
    // Collapsing works (event listeners are not inline handlers).
    await widget.comment('c5102').clickToggle();
    assert.equal(await widget.comment('c5102').toggle.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(await host.violations(), []);
    await screenshot(ctx.page, 'strict-csp', { fullPage: false });
    // The host's two errors, and nothing else, reached the page.
    const errors = ctx.session.pageErrors.splice(0).map((e) => e.message).sort();
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors[0], /hostTimerBug|null/);
    assert.match(errors[1], /host script failed while loading/);
    assert.equal(ctx.session.kibitzConsole('error').length, 0);
  });

  /** The alert of the page's one widget and its kibitz:error detail. */
  async function failure() {
    const event = ctx.page.waitForFunction(() => window.__kibitzError);
    await ctx.page.goto(ctx.server.url('/posts/eager-article.html'));
    const detail = await (await event).jsonValue();
    const alert = await ctx.page.getByRole('alert').textContent();
    assert.equal(alert, `Comments could not be loaded: ${detail}`);
    assert.equal(await ctx.page.locator('#after-widget').count(), 1, 'the host page is whole');
    assert.deepEqual(ctx.session.pageErrors.splice(0), [], 'no error escaped to the page');
    assert.equal(ctx.session.kibitzConsole('error').length, 1);
    return detail;
  }

  const wasm = (origin) => `${origin}/static/kibitz/kibitz-widget_bg.wasm`;
  const hostFetches = {
    'rejects every request': "window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));",
    'throws at once': "window.fetch = () => { throw new Error('fetch is disabled on this page'); };",
    'is missing': 'window.fetch = undefined;',
  };
  for (const [kind, script] of Object.entries(hostFetches)) {
    it(`a host whose fetch ${kind} is told that the widget's wasm could not be downloaded`, async () => {
      await ctx.page.addInitScript(`${script}
        document.addEventListener('kibitz:error', (e) => { window.__kibitzError = e.detail; });`);
      const detail = await failure();
      const why = { 'rejects every request': 'Failed to fetch', 'throws at once': 'fetch is disabled on this page', 'is missing': 'fetch is not a function' }[kind];
      assert.equal(detail, `the kibitz widget failed to start (${wasm(ctx.server.origin)} could not be downloaded: ${why})`);
    });
  }

  it('a site without the wasm beside kibitz.js is told where it belongs', async () => {
    await ctx.page.addInitScript(() => {
      document.addEventListener('kibitz:error', (e) => { window.__kibitzError = e.detail; });
    });
    await ctx.page.route('**/kibitz-widget_bg.wasm*', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    const detail = await failure();
    assert.equal(detail, `the kibitz widget failed to start (${wasm(ctx.server.origin)} answered HTTP 404; it belongs beside kibitz.js)`);
    const alert = ctx.page.getByRole('alert');
    await alert.scrollIntoViewIfNeeded();
    await screenshot(ctx.page, 'missing-wasm', { fullPage: false, clip: await alert.boundingBox() });
  });

  it("renders on a host that broke Array's and NodeList's iteration methods", async () => {
    await ctx.page.addInitScript(() => {
      for (const name of ['forEach', 'some', 'every', 'filter', 'map', 'find']) {
        Array.prototype[name] = function () { throw new Error(`the host broke Array.${name}`); };
      }
      NodeList.prototype.forEach = function () { throw new Error('the host broke NodeList.forEach'); };
    });
    await ctx.page.goto(ctx.server.url('/posts/eager-article.html'));
    await ctx.page.waitForSelector('li.kibitz-comment');
    assert.equal(await ctx.page.locator('li.kibitz-comment').count(), 6);
    assert.equal(await ctx.page.locator('.kibitz-header__title').textContent(), '6 Comments');
  });

  /** Opens eager-article.html served with this Content-Security-Policy. */
  async function withPolicy(policy) {
    await ctx.page.route('**/posts/eager-article.html', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
    });
    await ctx.page.goto(ctx.server.url('/posts/eager-article.html'));
  }

  it('a page that enforces Trusted Types is told that kibitz does not support them, in every widget', async () => {
    await withPolicy("require-trusted-types-for 'script'");
    const alert = ctx.page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /failed to start \(this page enforces Trusted Types \(require-trusted-types-for 'script'\), which kibitz does not support/);
    // A widget mounted later says the same, not an internal error.
    const text = await ctx.page.evaluate(async () => {
      const view = document.createElement('div');
      document.body.append(view);
      await window.kibitz.mount(view, { src: '/threads/one-comment.json' }).ready.catch(() => {});
      return view.textContent;
    });
    assert.match(text, /enforces Trusted Types/);
    assert.equal(await ctx.page.getByText('internal error').count(), 0);
    assert.deepEqual(ctx.session.pageErrors.splice(0), []);
  });

  it('is the policy README gives', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    assert.ok(readme.includes(STRICT_CSP), 'README quotes the tested policy');
  });
});
