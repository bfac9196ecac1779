// Hosts that kibitz must work in as they are: a strict
// Content-Security-Policy (README gives it) and a page whose own scripts
// throw.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, STRICT_CSP } from './server.mjs';
import { useBrowser, screenshot } from './browser.mjs';
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

  it('is the policy README gives', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    assert.ok(readme.includes(STRICT_CSP), 'README quotes the tested policy');
  });
});
