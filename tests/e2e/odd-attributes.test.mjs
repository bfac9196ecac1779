// Script tags with odd attributes, made by a seeded generator: values of
// the wrong kind for every data- attribute, thread URLs that fail in every
// way, targets that select nothing or are no selector. Whatever a site
// owner writes, each widget must end in comments or in a visible message,
// never a panic report, a blank box or an error in the page, and the host's
// own text must stay as it was.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, eventually } from './browser.mjs';

const hooks = { before, after, beforeEach, afterEach };

/** Pages generated, and widgets on each. */
const ROUNDS = 10;
const WIDGETS = 4;

const SOURCES = [
  '/threads/second-summit.json',
  '/threads/second-summit.json',
  '/threads/missing.json',
  '/threads/invalid.json',
  '/threads/not-a-thread.json',
  '/threads/hangup.json',
  '',
  ' ',
  'javascript:alert(1)',
  'data:application/json,[]',
  'http://[::1',
  '//',
  '?',
  '#',
  '/threads/second-summit.json#frag',
  'x'.repeat(3000),
];

const VALUES = [
  '', ' ', '0', '-1', '1', '3', '999999999999', 'NaN', 'all', 'none', 'auto', 'true', 'false',
  'on', 'off', 'eager', 'lazy', 'newest', 'top', 'dark', 'light', 'html', 'markdown', 'bluesky',
  'hn', 'mastodon', 'en', 'ar', 'ja', 'xx-YY', 'Europe/Berlin', 'Mars/Base', 'yyyy MMMM d',
  "'unclosed", '{}', '[[', '"><img src=x onerror=alert(1)>', '\u202Eevil', '日本', '😀',
];

const ATTRIBUTES = [
  'data-avatars', 'data-collapse-depth', 'data-collapsed', 'data-format', 'data-heading-level',
  'data-isolate', 'data-lang', 'data-loading', 'data-locale', 'data-max-depth', 'data-page-size',
  'data-remember', 'data-sort', 'data-theme', 'data-time-style', 'data-timezone',
  'data-bluesky', 'data-mastodon', 'data-hn',
];

const TARGETS = [null, null, null, '#nope', '[[', '', '#slot-{k}'];

/** xorshift64*, as the native tests' generator. */
function rng(seed) {
  let x = BigInt(seed);
  const mask = (1n << 64n) - 1n;
  return (n) => {
    x ^= x >> 12n;
    x = (x ^ (x << 25n)) & mask;
    x ^= x >> 27n;
    return Number(((x * 0x2545f4914f6cdd1dn) & mask) % BigInt(n));
  };
}

const escape = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** One page: the host's text, then WIDGETS tags with random attributes. */
function page(round) {
  const below = rng(0x0dd + round);
  const pick = (items) => items[below(items.length)];
  const tags = [];
  for (let k = 0; k < WIDGETS; k++) {
    const attributes = [['data-src', pick(SOURCES)], ['data-loading', 'eager']];
    for (let i = 0; i < 1 + below(5); i++) attributes.push([pick(ATTRIBUTES), pick(VALUES)]);
    const target = pick(TARGETS);
    if (target !== null) attributes.push(['data-target', target.replace('{k}', k)]);
    const list = attributes.map(([name, value]) => `${name}="${escape(value)}"`).join(' ');
    tags.push(`<p class="host">Host paragraph ${k}.</p>\n<div id="slot-${k}"></div>\n<script src="/static/kibitz/kibitz.js" ${list}></script>`);
  }
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Odd ${round}</title></head>
<body><h1>Article ${round}</h1>\n${tags.join('\n')}\n<p class="host">Host footer.</p></body></html>`,
    tags,
  };
}

describe('script tags with odd attributes', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  for (let round = 0; round < ROUNDS; round++) {
    it(`round ${round}: every widget shows comments or a message, and the host page is intact`, async () => {
      const { html, tags } = page(round);
      const url = ctx.server.url(`/posts/odd-${round}.html`);
      await ctx.page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
      await ctx.page.goto(url);
      const what = `the page's tags:\n${tags.join('\n')}`;
      await eventually(async () => {
        const states = await ctx.page.evaluate(() => {
          const roots = [];
          const visit = (node) => {
            roots.push(...node.querySelectorAll('section.kibitz'));
            for (const el of node.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
          };
          visit(document);
          return roots.map((root) => ({
            busy: root.getAttribute('aria-busy'),
            comments: root.querySelectorAll('li.kibitz-comment').length,
            // An error (role=alert), or "No comments yet" for an empty thread.
            message: root.querySelector('.kibitz-status')?.textContent.trim() ?? '',
            text: root.textContent,
            visible: root.checkVisibility(),
          }));
        });
        assert.equal(states.length, WIDGETS, `a widget for each tag: ${JSON.stringify(states)}\n${what}`);
        for (const state of states) {
          assert.equal(state.busy, null, `settled: ${JSON.stringify(state)}`);
          assert.ok(state.visible, `visible: ${JSON.stringify(state)}`);
          assert.ok(state.comments > 0 || state.message.length > 10, `comments or a message: ${JSON.stringify(state)}\n${what}`);
          assert.doesNotMatch(state.text, /internal error/, `no panic: ${state.message}\n${what}`);
        }
      });
      const host = await ctx.page.locator('p.host').allTextContents();
      assert.deepEqual(host, [...Array(WIDGETS).keys()].map((k) => `Host paragraph ${k}.`).concat('Host footer.'));
      assert.equal(await ctx.page.locator('body > h1').textContent(), `Article ${round}`);
      const dialogs = ctx.session.dialogs;
      assert.deepEqual(dialogs, [], 'no script ran from an attribute');
    });
  }
});
