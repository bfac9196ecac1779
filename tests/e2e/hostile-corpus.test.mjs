// The whole security corpus (tests/fixtures/hostile.json) on one page: one
// widget per body format (text, markdown, html), each showing every entry
// as a comment body and as another comment's author name, url and avatar.
// A trap installed before kibitz.js (pages/hostile-corpus-trap.js) records
// anything a payload could do; it must stay empty, every element the
// widgets made must be on their allowlist, and the widgets' own DOM hooks
// must be unclobbered. No request leaves 127.0.0.1.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, corpusEntries } from './server.mjs';
import { useBrowser, screenshot, eventually } from './browser.mjs';
import { fakeServices } from './fake-services.mjs';
import { HostileCorpusPage, FORMATS } from './page-objects/hostile-corpus-page.mjs';

const hooks = { before, after, beforeEach, afterEach };
const entries = corpusEntries();

/** What the page itself loads from the test server; nothing else may be asked for. */
const EXPECTED_LOCAL = new Set([
  '/posts/hostile-corpus.html',
  '/posts/hostile-corpus-trap.js',
  '/posts/host.css',
  '/static/kibitz/kibitz.js',
  '/static/kibitz/kibitz.css',
  '/static/kibitz/kibitz-widget.js',
  '/static/kibitz/kibitz-widget_bg.wasm',
  '/favicon.ico',
  ...FORMATS.map((f) => `/threads/corpus-${f}.json`),
]);

/** An author.avatar input as the browser would request it, if kibitz let it through. */
function asRequested(input) {
  try {
    return new URL(input.replace(/[\s\u0000-\u001f\u007f]/g, '')).href;
  } catch {
    return null;
  }
}

describe('hostile corpus, one widget per body format', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    page: { width: 1000, height: 1200 },
    async setup(ctx) {
      ctx.network = await fakeServices(ctx.session.context, ctx.server, {});
      ctx.requests = [];
      ctx.session.context.on('request', (request) => {
        ctx.requests.push({ url: request.url(), type: request.resourceType() });
      });
      ctx.navigations = [];
      ctx.page.on('framenavigated', (frame) => {
        if (frame === ctx.page.mainFrame()) ctx.navigations.push(frame.url());
      });
      ctx.corpus = new HostileCorpusPage(ctx.page, ctx.server);
      await ctx.corpus.goto();
      ctx.navigations.length = 0;
      ctx.url = ctx.page.url();
      ctx.events = await ctx.corpus.waitForEvents(3);
      // Give onerror / onload / ontoggle / onfocus payloads time to fire.
      await ctx.page.waitForLoadState('load');
      await ctx.page.waitForTimeout(500);
    },
  });

  it('renders every entry in every widget and fires kibitz:ready for each', async () => {
    const comments = 2 * entries.length;
    assert.ok(entries.length >= 150, `the corpus has ${entries.length} entries`);
    assert.deepEqual(
      ctx.events.map((e) => [e.type, e.target, e.detail]).sort(),
      FORMATS.map((f) => ['kibitz:ready', `div#corpus-${f}`, comments]).sort(),
    );
    for (const format of FORMATS) {
      assert.equal(await ctx.corpus.widgets[format].comments.count(), comments, `${format}: one comment per body and per author`);
    }
  });

  it('runs none of it: the trap records nothing and the page stays where it is', async () => {
    assert.deepEqual(await ctx.corpus.trap(), []);
    assert.deepEqual(ctx.session.dialogs, []);
    assert.deepEqual(ctx.navigations, [], 'no navigation of the main frame');
    assert.equal(ctx.page.url(), ctx.url);
    assert.equal(await ctx.page.evaluate(() => location.href), ctx.url);
    assert.equal(await ctx.page.title(), 'Hostile corpus');
  });

  it('makes only allowlisted elements and attributes in every widget', async (t) => {
    assert.deepEqual(await ctx.corpus.allowlistViolations(), []);
    const roots = await ctx.page.locator('section.kibitz').count();
    assert.equal(roots, 3, 'three widgets rendered (no error fallbacks)');
    // Whether this build renders markdown and html bodies as such (an older
    // dist shows them as plain text, which is as safe): for the record.
    for (const format of FORMATS) {
      const tags = await ctx.corpus.widgets[format].section.evaluate((section) => {
        const count = {};
        for (const el of section.querySelectorAll('.kibitz-comment__body *')) {
          const tag = el.tagName.toLowerCase();
          count[tag] = (count[tag] ?? 0) + 1;
        }
        return Object.entries(count).map(([tag, n]) => `${tag}×${n}`).join(' ');
      });
      t.diagnostic(`${format} bodies contain: ${tags || 'text only'}`);
    }
  });

  it("keeps the widgets' own DOM hooks unclobbered", async () => {
    const hooksState = await ctx.page.evaluate(() => {
      const sections = [1, 2, 3].map((n) => {
        const el = document.getElementById(`kibitz:${n}-comments`);
        return el && {
          own: el.matches('section.kibitz > div.kibitz-section'),
          mount: el.closest('[data-kibitz]')?.id ?? null,
          controlled: el.closest('section.kibitz').querySelector('.kibitz-header__toggle')?.getAttribute('aria-controls') === el.id,
          all: document.querySelectorAll(`[id="kibitz:${n}-comments"]`).length,
        };
      });
      const style = document.getElementById('kibitz-style');
      return {
        sections,
        forms: document.forms.length,
        firstForm: document.forms[0]?.id ?? null,
        getElementById: typeof document.getElementById,
        querySelector: typeof document.querySelector,
        cookie: typeof document.cookie,
        body: document.body instanceof HTMLBodyElement,
        location: location instanceof Location,
        style: style ? `${style.tagName} in ${style.parentElement.tagName}` : null,
        styles: document.querySelectorAll('#kibitz-style').length,
      };
    });
    assert.deepEqual(hooksState, {
      sections: [1, 2, 3].map((n) => ({ own: true, mount: `corpus-${FORMATS[n - 1]}`, controlled: true, all: 1 })),
      forms: 1,
      firstForm: 'host-search',
      getElementById: 'function',
      querySelector: 'function',
      cookie: 'string',
      body: true,
      location: true,
      style: 'LINK in HEAD',
      styles: 1,
    });
    assert.deepEqual(await ctx.corpus.duplicateIds(), []);
  });

  it('asks the network for nothing but the page, the bundle, the threads and https avatars', async () => {
    const origin = ctx.server.origin;
    const local = ctx.requests.filter((r) => r.url.startsWith(origin + '/')).map((r) => new URL(r.url).pathname);
    assert.deepEqual([...new Set(local)].filter((p) => !EXPECTED_LOCAL.has(p)), [], 'unexpected requests to the test server');
    const avatars = new Set(entries.map((e) => asRequested(e.input)).filter((u) => u?.startsWith('https://')));
    const foreign = ctx.requests.filter((r) => !r.url.startsWith(origin + '/') && !/^(data|blob|about):/.test(r.url));
    const unexpected = foreign.filter((r) => r.type !== 'image' || !avatars.has(r.url));
    assert.deepEqual(unexpected, [], 'requests other than https avatars of the corpus (all of them blocked)');
    for (const r of foreign) assert.ok(ctx.network.foreign.includes(r.url), `${r.url} was blocked`);
  });

  it('shows text bodies and author names as the literal text they are', async () => {
    const widget = ctx.corpus.widgets.text;
    const first = entries[0];
    assert.equal(await widget.comment(`b-${first.id}`).body.textContent(), first.input);
    assert.equal(await widget.comment(`a-${first.id}`).author.textContent(), first.input);
    for (const format of FORMATS) {
      const author = ctx.corpus.widgets[format].comment(`a-${first.id}`).author;
      assert.equal(await author.evaluate((el) => el.tagName), 'SPAN', `${format}: no link for a non-URL author.url`);
    }
  });

  it('leaves the host page visible and intact (screenshot)', async () => {
    assert.ok(await HostileCorpusPage.isShown(ctx.corpus.lede), 'no injected style hid the page');
    assert.ok(await HostileCorpusPage.isShown(ctx.corpus.footer));
    assert.ok(await HostileCorpusPage.isShown(ctx.corpus.searchForm));
    assert.equal(await ctx.page.locator('script:not([data-host])').count(), 0, 'no script element but the host\'s');
    assert.equal(await ctx.page.locator('head > base, head > meta:not([data-host]), head > style').count(), 0);
    await screenshot(ctx.page, 'hostile-corpus', { fullPage: false });
  });

  // Runs last: it springs every part of the trap on purpose, outside the widgets.
  it('the trap itself works (positive control)', async () => {
    await ctx.page.evaluate(() => {
      alert('control');
      confirm('control');
      prompt('control');
      eval('control');
      Function('control');
      [].constructor.constructor('constructor-control');
      setTimeout('control');
      document.write('control');
      window.__pwned = 'control';
      const footer = document.querySelector('#after-widget');
      footer.append(document.createElement('form'));
      footer.insertAdjacentHTML('beforeend', '<a href=" java\tscript:void(0)">x</a>');
      const img = document.createElement('img');
      img.setAttribute('onerror', "window.__pwned = 'img-onerror'");
      img.src = '/no-such-image.png';
      footer.append(img);
    });
    await eventually(async () => {
      assert.ok((await ctx.corpus.trap()).some((line) => line.includes('img-onerror')), 'the img onerror ran');
    });
    const kinds = new Set((await ctx.corpus.trap()).map((line) => line.slice(0, line.indexOf(':'))));
    for (const kind of ['alert', 'confirm', 'prompt', 'eval', 'Function', 'setTimeout(string)', 'document.write', '__pwned', 'element', 'attribute']) {
      assert.ok(kinds.has(kind), `the trap records ${kind}`);
    }
    assert.ok((await ctx.corpus.trap()).includes('Function: constructor-control'), 'Function reached through a prototype');
  });
});
