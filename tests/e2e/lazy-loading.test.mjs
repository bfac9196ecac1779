// When a widget fetches. data-loading="lazy" (the default) fetches nothing
// (stylesheet, module, .wasm, thread) until the page's load event has fired
// and the widget's box is within one viewport of the visible area;
// data-loading="eager" starts at once; any other value warns and is lazy.
// Widgets showing the same thread URL share one request.
//
// A negative ("nothing was fetched") can only be checked after giving the
// loader its chance: settle() waits until an IntersectionObserver made now
// has reported (the loader's, made at load, reports in the same rendering
// update, before it), then a short grace for a started request to reach
// the server.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, eventually } from './browser.mjs';
import { HostPage } from './page-objects/host-page.mjs';
import { Widget } from './page-objects/widget.mjs';

const hooks = { before, after, beforeEach, afterEach };

const ASSETS = ['/static/kibitz/kibitz.css', '/static/kibitz/kibitz-widget.js', '/static/kibitz/kibitz-widget_bg.wasm'];
const GRACE_MS = 300;

/** Requests the server saw for the widget's assets or for a thread. */
function widgetRequests(server) {
  return server.requests.map((r) => r.path).filter((p) => ASSETS.includes(p) || p.startsWith('/threads/'));
}

function count(server, path) {
  return server.requests.filter((r) => r.path === path).length;
}

async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => {
    const observer = new IntersectionObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body);
  }));
  await page.waitForTimeout(GRACE_MS);
}

/** Scrolls so that `selector`'s top is `viewports` viewport heights below the viewport's bottom edge. */
function scrollAbove(page, selector, viewports) {
  return page.evaluate(([selector, viewports]) => {
    const top = document.querySelector(selector).getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top - window.innerHeight * (1 + viewports));
    return window.scrollY;
  }, [selector, viewports]);
}

/** What the page knows about a widget box: where it is and whether anything was put in it. */
function box(page, selector) {
  return page.evaluate((selector) => {
    const el = document.querySelector(selector);
    return el && {
      html: el.innerHTML,
      top: el.getBoundingClientRect().top,
      viewport: window.innerHeight,
      scrollY: window.scrollY,
      pageHeight: document.documentElement.scrollHeight,
      style: !!document.getElementById('kibitz-style'),
    };
  }, selector);
}

describe('data-loading: lazy by default', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('fetches nothing for a widget six viewports down, then loads it once it is within a viewport', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/lazy-article.html');
    const widget = new Widget(ctx.page, ctx.page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
    await host.goto();
    await settle(ctx.page);

    const before = await box(ctx.page, '.kibitz-mount');
    assert.ok(before, 'the loader inserted div.kibitz-mount after its script tag');
    assert.ok(before.pageHeight >= 6 * before.viewport, `the article is ${before.pageHeight} px high`);
    assert.ok(before.top > 6 * before.viewport, 'the widget box is more than six viewports down');
    assert.equal(before.html, '', 'the box is empty');
    assert.equal(before.style, false, 'no stylesheet link was injected');
    assert.deepEqual(widgetRequests(ctx.server), [], 'nothing fetched after load');
    assert.deepEqual(await host.events(), []);

    // One and a half viewports below the viewport: still out of range.
    await scrollAbove(ctx.page, '.kibitz-mount', 1.5);
    await settle(ctx.page);
    assert.equal((await box(ctx.page, '.kibitz-mount')).html, '');
    assert.deepEqual(widgetRequests(ctx.server), [], 'nothing fetched 1.5 viewports away');

    // Half a viewport below it: not visible yet, but within one viewport.
    await scrollAbove(ctx.page, '.kibitz-mount', 0.5);
    const events = await host.waitForEvents(1);
    assert.deepEqual(events.map((e) => [e.type, e.detail]), [['kibitz:ready', 6]]);
    assert.equal(await widget.waitForThread(), '6 Comments');
    const after = await box(ctx.page, '.kibitz-mount');
    assert.ok(after.top > after.viewport, 'it loaded before it came into view');

    // Scrolling on, past and back, starts nothing new.
    await ctx.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await settle(ctx.page);
    await ctx.page.evaluate(() => window.scrollTo(0, 0));
    await settle(ctx.page);
    assert.equal(count(ctx.server, '/threads/second-summit.json'), 1, 'the thread is fetched exactly once');
    for (const asset of ASSETS) assert.equal(count(ctx.server, asset), 1, asset);
    assert.equal((await host.events()).length, 1, 'one kibitz:ready');
  });

  it('starts a far widget when a link to one of its comments is followed on the page, and shows the comment', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/lazy-article.html');
    await host.goto();
    await settle(ctx.page);
    assert.deepEqual(widgetRequests(ctx.server), [], 'nothing fetched after load');
    // As a click on <a href="#kibitz-…">, or a link pasted in the address bar.
    await ctx.page.evaluate(() => { location.hash = '#kibitz-second-summit-c5388'; });
    assert.deepEqual((await host.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:ready', 6]]);
    await eventually(async () => {
      const focus = await ctx.page.evaluate(() => {
        const el = document.activeElement;
        const rect = el.getBoundingClientRect();
        return { id: el.id, onScreen: rect.top >= 0 && rect.top < window.innerHeight };
      });
      assert.deepEqual(focus, { id: 'kibitz-second-summit-c5388', onScreen: true });
    });
  });

  it('puts a reader who reloads the page back at the comment they were reading', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/lazy-article.html');
    const widget = new Widget(ctx.page, ctx.page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
    await host.goto();
    await ctx.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await widget.waitForThread();
    const at = () => ctx.page.evaluate(() => Math.round(document.getElementById('kibitz-second-summit-c5231').getBoundingClientRect().top));
    await ctx.page.evaluate(() => {
      const top = document.getElementById('kibitz-second-summit-c5231').getBoundingClientRect().top;
      window.scrollBy(0, top - 150);
    });
    // Comments above take their real height as they come near (content-visibility).
    await ctx.page.waitForTimeout(300);
    const before = await at();
    assert.ok(before > 0 && before < 400, `c5231 is on screen, at ${before}`);
    // The browser alone would put the page back at the article's end: the
    // comments are not there yet when it restores the scroll.
    await ctx.page.reload();
    await host.waitForEvents(1);
    await eventually(async () => assert.ok(Math.abs((await at()) - before) <= 2, `c5231 is at ${await at()}, was at ${before}`));
    // A new visit (not a reload) starts where pages start, lazily.
    await host.goto();
    await settle(ctx.page);
    assert.equal(await ctx.page.evaluate(() => window.scrollY), 0);
    assert.equal((await box(ctx.page, '.kibitz-mount')).html, '');
  });

  it('in a scrolling box, starts a widget within one box height of showing', async () => {
    await ctx.page.route('**/posts/scroll-box.html', (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A scrolling box</title></head><body>
        <div id="box" style="height: 400px; overflow: auto">
          <div style="height: 3000px">An article in a box of its own.</div>
          <div data-kibitz data-src="/threads/small-talk.json" id="boxed"></div>
        </div>
        <script src="/static/kibitz/kibitz.js" async></script></body></html>`,
    }));
    const host = new HostPage(ctx.page, ctx.server, '/posts/scroll-box.html');
    await host.goto();
    await settle(ctx.page);
    assert.deepEqual(widgetRequests(ctx.server), [], 'nothing fetched after load');
    // The widget 200 px below the box's visible part: near, not seen.
    await ctx.page.evaluate(() => {
      const box = document.getElementById('box');
      box.scrollTop = document.getElementById('boxed').offsetTop - box.clientHeight - 200;
    });
    assert.deepEqual((await host.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:ready', 3]]);
  });

  it('does not delay the load event: a widget in the first screen starts fetching after it', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/first-screen.html');
    const widget = new Widget(ctx.page, ctx.page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
    await host.goto();
    assert.equal(await ctx.page.evaluate(() => window.__slowScriptRan), true, 'the slow async script held the load event');
    assert.deepEqual((await host.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:ready', 6]]);
    assert.equal(await widget.waitForThread(), '6 Comments');
    const { loadEventStart, resources } = await ctx.page.evaluate(() => ({
      loadEventStart: performance.getEntriesByType('navigation')[0].loadEventStart,
      resources: performance.getEntriesByType('resource').map((r) => ({ path: new URL(r.name).pathname, startTime: r.startTime })),
    }));
    assert.ok(loadEventStart > 0, 'the load event has fired');
    const wanted = [...ASSETS, '/threads/second-summit.json'];
    const widgetResources = resources.filter((r) => wanted.includes(r.path));
    assert.deepEqual(widgetResources.map((r) => r.path).sort(), [...wanted].sort(), 'each widget resource once');
    const early = widgetResources.filter((r) => r.startTime < loadEventStart);
    assert.deepEqual(early, [], `started before loadEventStart (${loadEventStart})`);
  });

  it('data-loading="eager" fetches the thread at once, without scrolling', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/eager-article.html');
    const widget = new Widget(ctx.page, ctx.page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
    await host.goto();
    assert.deepEqual((await host.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:ready', 6]]);
    assert.equal(await widget.waitForThread(), '6 Comments');
    const where = await box(ctx.page, '.kibitz-mount');
    assert.equal(where.scrollY, 0, 'the page was not scrolled');
    assert.ok(where.top > 6 * where.viewport, 'the widget is more than six viewports down');
    assert.equal(count(ctx.server, '/threads/second-summit.json'), 1);
    // "Eager widgets start at once": the stylesheet is asked for while the page is still loading.
    const { loadEventStart, css } = await ctx.page.evaluate(() => ({
      loadEventStart: performance.getEntriesByType('navigation')[0].loadEventStart,
      css: performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname === '/static/kibitz/kibitz.css')?.startTime,
    }));
    assert.ok(css !== undefined && css < loadEventStart, `kibitz.css started at ${css}, load at ${loadEventStart}`);
  });

  it('data-loading="later" warns, naming data-loading, and behaves as lazy', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/loading-bad-value.html');
    const widget = new Widget(ctx.page, ctx.page.locator('#late-widget'));
    await host.goto();
    await settle(ctx.page);
    assert.equal((await box(ctx.page, '#late-widget')).html, '', 'nothing rendered before scrolling');
    assert.deepEqual(widgetRequests(ctx.server), [], 'nothing fetched before scrolling');

    await ctx.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    assert.deepEqual((await host.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:ready', 3]]);
    assert.equal(await widget.waitForThread(), '3 Comments');
    assert.deepEqual((await widget.snapshot()).map((c) => c.id), ['s1', 's2', 's3']);
    assert.equal(count(ctx.server, '/threads/small-talk.json'), 1, 'the thread is fetched exactly once');
    const warnings = ctx.session.kibitzConsole('warning');
    assert.equal(warnings.filter((w) => w.includes('data-loading') && w.includes('later')).length, 1, JSON.stringify(warnings));
  });
});

describe('one thread URL on two widgets', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('two eager widgets: one request, both render it fully, no duplicate ids', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/same-thread.html');
    const first = new Widget(ctx.page, ctx.page.locator('#first-widget'));
    const second = new Widget(ctx.page, ctx.page.locator('#second-widget'));
    await host.goto();
    const events = await host.waitForEvents(2);
    assert.deepEqual(
      events.map((e) => [e.type, e.target, e.detail, e.rendered.comments]).sort(),
      [['kibitz:ready', 'div#first-widget', 3, 3], ['kibitz:ready', 'div#second-widget', 3, 3]],
    );
    for (const widget of [first, second]) {
      assert.equal(await widget.waitForThread(), '3 Comments');
      assert.deepEqual((await widget.snapshot()).map((c) => [c.id, c.parent]), [['s1', null], ['s2', 's1'], ['s3', null]]);
    }
    assert.equal(count(ctx.server, '/threads/small-talk.json'), 1, 'fetched once');
    assert.deepEqual(await host.duplicateIds(), []);
    const firstIds = new Set(await first.ids());
    assert.deepEqual((await second.ids()).filter((id) => firstIds.has(id)), []);
    // Each toggle controls the content of its own widget.
    await second.comment('s1').clickToggle();
    assert.equal((await second.comment('s1').state()).contentVisible, false);
    assert.equal((await first.comment('s1').state()).contentVisible, true);
  });

  it('a fragment makes no other thread: "/t.json#top" is fetched once with "/t.json"', async () => {
    await ctx.page.route('**/posts/same-thread.html', async (route) => {
      const response = await route.fetch();
      const original = await response.text();
      const body = original.replace(
        'data-src="/threads/small-talk.json" data-loading="eager" id="second-widget"',
        'data-src="/threads/small-talk.json#top" data-loading="eager" id="second-widget"',
      );
      assert.notEqual(body, original, 'the second widget names the thread with a fragment');
      await route.fulfill({ response, body });
    });
    const host = new HostPage(ctx.page, ctx.server, '/posts/same-thread.html');
    await host.goto();
    const events = await host.waitForEvents(2);
    assert.deepEqual(events.map((e) => [e.type, e.detail]), [['kibitz:ready', 3], ['kibitz:ready', 3]]);
    assert.equal(count(ctx.server, '/threads/small-talk.json'), 1, 'fetched once');
  });

  it('a second widget that comes into view later reuses the first one\'s load', async () => {
    const host = new HostPage(ctx.page, ctx.server, '/posts/same-thread-scroll.html');
    const top = new Widget(ctx.page, ctx.page.locator('#top-widget'));
    const bottom = new Widget(ctx.page, ctx.page.locator('#bottom-widget'));
    await host.goto();
    assert.deepEqual((await host.waitForEvents(1)).map((e) => e.target), ['div#top-widget']);
    assert.equal(await top.waitForThread(), '3 Comments');
    await settle(ctx.page);
    assert.equal((await box(ctx.page, '#bottom-widget')).html, '', 'the far widget waits');

    await ctx.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    assert.deepEqual((await host.waitForEvents(2)).map((e) => [e.target, e.detail]), [['div#top-widget', 3], ['div#bottom-widget', 3]]);
    assert.equal(await bottom.waitForThread(), '3 Comments');
    assert.deepEqual((await bottom.snapshot()).map((c) => c.id), ['s1', 's2', 's3']);
    assert.equal(count(ctx.server, '/threads/small-talk.json'), 1, 'fetched once');
    assert.deepEqual(await host.duplicateIds(), []);
  });
});
