// For single-page applications: window.kibitz.mount(element, options)
// returns a handle with reload() and unmount(); unmounting removes every
// listener and timer (200 mounts and unmounts leave nothing behind); and
// the <kibitz-thread> element, whose changed src loads the new thread.
// spa.html loads pages/listener-ledger.js first, which counts window and
// document listeners and live intervals.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot, eventually, assertHealthy } from './browser.mjs';

const hooks = { before, after, beforeEach, afterEach };

describe('JavaScript API and <kibitz-thread>', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  async function open() {
    await ctx.page.goto(ctx.server.url('/posts/spa.html'));
    await ctx.page.waitForFunction(() => window.kibitz && typeof window.kibitz.mount === 'function');
  }

  /** Mounts in #view, waits for kibitz:ready, returns the comment count. */
  function mountAndWait(options) {
    return ctx.page.evaluate(async (options) => {
      const view = document.getElementById('view');
      const ready = new Promise((resolve) => view.addEventListener('kibitz:ready', (e) => resolve(e.detail), { once: true }));
      window.__handle = window.kibitz.mount(view, options);
      return ready;
    }, options);
  }

  it('mount renders a widget with the given options; unmount takes it off the page', async () => {
    await open();
    assert.equal(await mountAndWait({ src: '/threads/second-summit.json', theme: 'dark', pageSize: 2 }), 6);
    const section = ctx.page.locator('#view > section.kibitz');
    assert.equal(await section.getAttribute('data-theme'), 'dark');
    // The data-api tag adds no widget of its own (no "data-src is missing").
    assert.equal(await ctx.page.locator('section.kibitz').count(), 1);
    assert.equal(await ctx.page.locator('#view ol.kibitz-list > li').count(), 2, 'pageSize: 2');
    await screenshot(ctx.page, 'api-mounted', { fullPage: false });
    await ctx.page.evaluate(() => window.__handle.unmount());
    assert.equal(await ctx.page.evaluate(() => document.getElementById('view').childNodes.length), 0);
  });

  it('200 mounts and unmounts leave no listener, timer or element behind', async () => {
    await open();
    // One round first: the module's own one-time set-up is not a leak.
    await mountAndWait({ src: '/threads/second-summit.json' });
    await ctx.page.evaluate(() => window.__handle.unmount());
    const before = await ctx.page.evaluate(() => ({ ledger: window.__ledger(), nodes: document.getElementsByTagName('*').length }));
    const rounds = await ctx.page.evaluate(async () => {
      const view = document.getElementById('view');
      let ready = 0;
      for (let i = 0; i < 200; i++) {
        const shown = new Promise((resolve) => view.addEventListener('kibitz:ready', resolve, { once: true }));
        const handle = window.kibitz.mount(view, { src: '/threads/second-summit.json', timezone: 'UTC' });
        await shown;
        ready += 1;
        await handle.unmount();
      }
      return ready;
    });
    assert.equal(rounds, 200);
    const after = await ctx.page.evaluate(() => ({ ledger: window.__ledger(), nodes: document.getElementsByTagName('*').length }));
    assert.deepEqual(after, before);
    assert.ok(Object.keys(before.ledger).length > 0, `the ledger saw the page's listeners: ${JSON.stringify(before.ledger)}`);
  });

  it('an unmounted element is let go: nothing in the widget keeps it alive', async () => {
    await open();
    const kept = await ctx.page.evaluate(async () => {
      const refs = [];
      for (let i = 0; i < 20; i++) {
        const view = document.createElement('div');
        document.querySelector('main').append(view);
        const shown = new Promise((resolve) => view.addEventListener('kibitz:ready', resolve, { once: true }));
        const handle = window.kibitz.mount(view, { src: '/threads/second-summit.json' });
        await shown;
        await handle.unmount();
        view.remove();
        refs.push(new WeakRef(view));
      }
      window.__refs = refs;
      return refs.length;
    });
    assert.equal(kept, 20);
    const cdp = await ctx.page.context().newCDPSession(ctx.page);
    // Collected over a few turns: a last task may still hold the latest.
    await eventually(async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const alive = await ctx.page.evaluate(() => window.__refs.filter((r) => r.deref()).length);
      assert.ok(alive <= 1, `${alive} of 20 unmounted elements still alive`);
    });
  });

  it('a host component\'s own shadow root is left as it was, isolated or not', async () => {
    await open();
    await ctx.page.evaluate(() => {
      customElements.define('x-card', class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).innerHTML = '<h3>Card</h3><slot></slot><footer>Card footer</footer>';
        }
      });
      for (const id of ['plain', 'isolated']) {
        const card = document.createElement('x-card');
        card.id = id;
        document.querySelector('main').append(card);
      }
    });
    const cardShadow = (id) => ctx.page.evaluate((id) => document.getElementById(id).shadowRoot.innerHTML, id);
    const original = await cardShadow('plain');
    const warnings = ctx.session.kibitzConsole('warning').length;
    for (const [id, options] of [['plain', {}], ['isolated', { isolate: 'shadow' }]]) {
      const count = await ctx.page.evaluate(async ([id, options]) => {
        const card = document.getElementById(id);
        const ready = new Promise((resolve) => card.addEventListener('kibitz:ready', (e) => resolve(e.detail), { once: true }));
        window.__card = window.kibitz.mount(card, { src: '/threads/second-summit.json', ...options });
        const count = await ready;
        return count;
      }, [id, options]);
      assert.equal(count, 6);
      // Rendered in the card's light DOM, through its slot, and without the
      // isolated look, which the page's rules would reach.
      assert.ok(await ctx.page.locator(`#${id} > section.kibitz li.kibitz-comment`).first().isVisible(), id);
      assert.equal(await ctx.page.locator(`#${id} > section.kibitz`).getAttribute('class'), 'kibitz', id);
      assert.equal(await cardShadow(id), original, `${id}: mounted`);
      await ctx.page.evaluate(() => window.__card.unmount());
      assert.equal(await cardShadow(id), original, `${id}: unmounted`);
    }
    // The isolated one said why it is not isolated.
    const said = ctx.session.kibitzConsole('warning').slice(warnings);
    assert.equal(said.length, 1, JSON.stringify(said));
    assert.match(said[0], /data-isolate="shadow": the element has a shadow root of its own/);
  });

  it('a second mount on an element takes the first one\'s place; the first handle cannot touch it', async () => {
    await open();
    const shown = await ctx.page.evaluate(async () => {
      const view = document.getElementById('view');
      const first = window.kibitz.mount(view, { src: '/threads/second-summit.json', isolate: 'shadow' });
      await first.ready;
      const second = window.kibitz.mount(view, { src: '/threads/one-comment.json', isolate: 'shadow' });
      await second.ready;
      await new Promise((resolve) => setTimeout(resolve, 300));
      await first.unmount();
      return view.shadowRoot.querySelectorAll('li.kibitz-comment').length;
    });
    assert.equal(shown, 1, "the second widget's one comment, still there");
    assert.equal(await ctx.page.evaluate(() => window.__ledger().intervals ?? 0), 1, 'one clock, the second widget\'s');
  });

  it('a lazy <kibitz-thread> taken out and put back before it comes near loads once', async () => {
    await open();
    await ctx.page.evaluate(async () => {
      const spacer = document.createElement('div');
      spacer.style.height = '5000px';
      document.querySelector('main').append(spacer);
      const el = document.createElement('kibitz-thread');
      el.id = 'lazy';
      el.setAttribute('src', '/threads/second-summit.json');
      window.__readies = 0;
      el.addEventListener('kibitz:ready', () => { window.__readies += 1; });
      const main = document.querySelector('main');
      // Out and back in, a task apart each time: a route change, say.
      const turn = () => new Promise((resolve) => setTimeout(resolve, 20));
      for (let i = 0; i < 3; i++) {
        main.append(el);
        await turn();
        el.remove();
        await turn();
      }
      main.append(el);
    });
    await ctx.page.waitForTimeout(300);
    await ctx.page.locator('#lazy').scrollIntoViewIfNeeded();
    await eventually(async () => assert.equal(await ctx.page.locator('#lazy li.kibitz-comment').count(), 6));
    await ctx.page.waitForTimeout(500);
    assert.equal(await ctx.page.evaluate(() => window.__readies), 1);
  });

  it('while mounted, a widget holds its timer and listeners (the ledger sees them)', async () => {
    await open();
    const idle = await ctx.page.evaluate(() => window.__ledger());
    await mountAndWait({ src: '/threads/second-summit.json' });
    const mounted = await ctx.page.evaluate(() => window.__ledger());
    assert.equal(mounted.intervals, idle.intervals + 1, 'the clock of relative times');
    assert.ok((mounted['window:hashchange'] ?? 0) > (idle['window:hashchange'] ?? 0), JSON.stringify(mounted));
  });

  it('reload fetches the thread again and shows what the server has now', async () => {
    await open();
    const requests = [];
    ctx.page.on('request', (r) => { if (r.url().endsWith('/threads/second-summit.json')) requests.push(r.url()); });
    await mountAndWait({ src: '/threads/second-summit.json' });
    const again = ctx.page.evaluate(() => new Promise((resolve) => document.getElementById('view').addEventListener('kibitz:ready', (e) => resolve(e.detail), { once: true })));
    await ctx.page.evaluate(() => window.__handle.reload());
    assert.equal(await again, 6);
    assert.equal(requests.length, 2);
    assert.equal(await ctx.page.locator('#view > section.kibitz').count(), 1, 'one widget, not two');
  });

  it('unmount or reload while a big thread is still rendering: no error, and the reload shows it all', async () => {
    await open();
    // 3,000 top-level comments shown at once arrive in several slices; the
    // handle is used as soon as the first slice is in the document.
    const midway = (action) => ctx.page.evaluate(async (action) => {
      const view = document.getElementById('view');
      const handle = window.kibitz.mount(view, { src: '/threads/generated-3000.json', pageSize: 'all' });
      const shownThen = await new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const shown = view.querySelectorAll('li.kibitz-comment').length;
          if (shown === 0) return;
          observer.disconnect();
          handle[action]();
          resolve(shown);
        });
        observer.observe(view, { childList: true, subtree: true });
      });
      if (action === 'reload') {
        await new Promise((resolve) => view.addEventListener('kibitz:ready', resolve, { once: true }));
      }
      // Time for the slices that were still to come.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const result = { shownThen, shownNow: view.querySelectorAll('li.kibitz-comment').length, text: view.textContent.slice(0, 120) };
      handle.unmount();
      return result;
    }, action);
    const unmounted = await midway('unmount');
    assert.ok(unmounted.shownThen > 0 && unmounted.shownThen < 3000, `unmounted mid-render: ${JSON.stringify(unmounted)}`);
    assert.equal(unmounted.shownNow, 0);
    const reloaded = await midway('reload');
    assert.ok(reloaded.shownThen < 3000, `reloaded mid-render: ${JSON.stringify(reloaded)}`);
    assert.equal(reloaded.shownNow, 3000, reloaded.text);
    assertHealthy(ctx.session);
  });

  it('mount refuses what is not an element, with a clear message', async () => {
    await open();
    const message = await ctx.page.evaluate(() => { try { window.kibitz.mount('#view', {}); } catch (e) { return e.message; } });
    assert.equal(message, 'kibitz.mount: the first argument must be an element');
  });

  it('null or undefined options are options not given; options that are not an object are ignored with a warning', async () => {
    await open();
    assert.equal(await mountAndWait({ src: '/threads/second-summit.json', theme: null, pageSize: undefined, sort: null }), 6);
    assert.equal(await ctx.page.locator('#view > section.kibitz').getAttribute('data-theme'), 'auto');
    assert.deepEqual(ctx.session.kibitzConsole('warning'), [], 'no warning about "null" or "undefined" values');
    await ctx.page.evaluate(() => window.__handle.unmount());
    for (const options of ['/threads/second-summit.json', ['/threads/second-summit.json']]) {
      await ctx.page.evaluate((options) => { window.__handle = window.kibitz.mount(document.getElementById('view'), options); }, options);
      await eventually(async () => assert.match(await ctx.page.locator('#view .kibitz-status--error').textContent(), /data-src is missing/));
      assert.deepEqual(ctx.session.kibitzConsole('warning').slice(-1), [
        '[kibitz] kibitz.mount: the options should be an object; ignored',
      ]);
      await ctx.page.evaluate(() => window.__handle.unmount());
    }
  });

  it('<kibitz-thread src> renders; a new src loads the new thread; removing it unmounts it', async () => {
    await open();
    // The module's one-time set-up first, as in the 200 rounds.
    await mountAndWait({ src: '/threads/one-comment.json' });
    await ctx.page.evaluate(() => window.__handle.unmount());
    const idle = await ctx.page.evaluate(() => window.__ledger());
    await ctx.page.evaluate(() => {
      const el = document.createElement('kibitz-thread');
      el.id = 'element';
      el.setAttribute('src', '/threads/second-summit.json');
      el.setAttribute('loading', 'eager');
      el.setAttribute('sort', 'newest');
      document.querySelector('main').append(el);
    });
    const thread = ctx.page.locator('kibitz-thread#element');
    await eventually(async () => assert.equal(await thread.locator('li.kibitz-comment').count(), 6));
    assert.equal(await thread.locator('ol.kibitz-list > li').first().getAttribute('data-comment-id'), 'c5593', 'sort="newest"');
    await ctx.page.evaluate(() => document.getElementById('element').setAttribute('src', '/threads/one-comment.json'));
    await eventually(async () => {
      assert.equal(await thread.locator('li.kibitz-comment').count(), 1);
      assert.equal(await thread.locator('.kibitz-header__title').textContent(), '1 Comment');
    });
    assert.equal(await thread.locator('section.kibitz').count(), 1);
    assert.equal(await ctx.page.locator('section.kibitz').count(), 1, 'no other widget on the page');
    await screenshot(ctx.page, 'kibitz-thread-element', { fullPage: false });
    await ctx.page.evaluate(() => document.getElementById('element').remove());
    await eventually(async () => assert.deepEqual(await ctx.page.evaluate(() => window.__ledger()), idle));
  });

  it('<kibitz-thread> restarts when a data- form of an option changes too', async () => {
    await open();
    await ctx.page.evaluate(() => {
      const el = document.createElement('kibitz-thread');
      el.id = 'element';
      el.setAttribute('data-src', '/threads/second-summit.json');
      el.setAttribute('loading', 'eager');
      document.querySelector('main').append(el);
    });
    const thread = ctx.page.locator('kibitz-thread#element');
    await eventually(async () => assert.equal(await thread.locator('li.kibitz-comment').count(), 6));
    await ctx.page.evaluate(() => document.getElementById('element').setAttribute('data-src', '/threads/one-comment.json'));
    await eventually(async () => assert.equal(await thread.locator('.kibitz-header__title').textContent(), '1 Comment'));
  });

  it('a widget started again without isolation, on an element that had it, shows', async () => {
    await open();
    await ctx.page.evaluate(() => {
      const el = document.createElement('kibitz-thread');
      el.id = 'element';
      el.setAttribute('src', '/threads/second-summit.json');
      el.setAttribute('loading', 'eager');
      el.setAttribute('isolate', 'shadow');
      document.querySelector('main').append(el);
    });
    const thread = ctx.page.locator('kibitz-thread#element');
    await eventually(async () => assert.equal(await thread.locator('.kibitz-isolated li.kibitz-comment').count(), 6));
    await ctx.page.evaluate(() => document.getElementById('element').setAttribute('isolate', 'none'));
    const plain = thread.locator(':scope > section.kibitz li.kibitz-comment');
    await eventually(async () => assert.equal(await plain.count(), 6));
    assert.ok(await plain.first().isVisible(), 'not hidden behind the empty shadow root');
    assert.ok((await thread.boundingBox()).height > 100);
    // Through the API as well: unmount an isolated widget, mount a plain one.
    await ctx.page.evaluate(() => document.getElementById('element').remove());
    await mountAndWait({ src: '/threads/second-summit.json', isolate: 'shadow' });
    await ctx.page.evaluate(() => window.__handle.unmount());
    await mountAndWait({ src: '/threads/one-comment.json' });
    assert.ok(await ctx.page.locator('#view > section.kibitz li.kibitz-comment').first().isVisible());
  });
});

describe('a script tag with data-api and data-src', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it('is no widget itself, as README says: it only loads window.kibitz', async () => {
    await ctx.page.goto(ctx.server.url('/posts/api-with-src.html'));
    await ctx.page.waitForFunction(() => window.kibitz && typeof window.kibitz.mount === 'function');
    // A widget the eager tag had started would mount first, on the same
    // module: once this one is ready, it would be there.
    const count = await ctx.page.evaluate(() => {
      const view = document.getElementById('view');
      const ready = new Promise((resolve) => view.addEventListener('kibitz:ready', (e) => resolve(e.detail), { once: true }));
      window.kibitz.mount(view, { src: '/threads/one-comment.json' });
      return ready;
    });
    assert.equal(count, 1);
    assert.equal(await ctx.page.locator('section.kibitz').count(), 1, 'only the one mounted through the API');
    assert.equal(await ctx.page.locator('.kibitz-mount').count(), 0);
    assert.equal(ctx.server.requests.filter((r) => r.path === '/threads/second-summit.json').length, 0, 'its data-src is not fetched');
  });
});

describe('a page that has a window.kibitz of its own', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  for (const [kind, script] of [
    ['a number', 'window.kibitz = 5;'],
    ['a frozen object', 'window.kibitz = Object.freeze({});'],
  ]) {
    it(`(${kind}) still gets its widgets and <kibitz-thread>, with a warning`, async () => {
      await ctx.page.addInitScript(script);
      await ctx.page.goto(ctx.server.url('/posts/eager-article.html'));
      await ctx.page.waitForSelector('li.kibitz-comment');
      assert.equal(await ctx.page.locator('li.kibitz-comment').count(), 6);
      await ctx.page.evaluate(() => {
        const el = document.createElement('kibitz-thread');
        el.setAttribute('src', '/threads/one-comment.json');
        el.setAttribute('loading', 'eager');
        document.body.append(el);
      });
      await eventually(async () => assert.equal(await ctx.page.locator('kibitz-thread li.kibitz-comment').count(), 1));
      assert.equal(ctx.session.kibitzConsole('warning').filter((w) => w.includes('window.kibitz is taken')).length, 1);
      assert.deepEqual(ctx.session.pageErrors.splice(0), []);
    });
  }

  it('(an object with a mount of its own) keeps it, and <kibitz-thread> still works', async () => {
    await ctx.page.addInitScript(() => { window.kibitz = { mount: () => 'the page\'s own' }; });
    await ctx.page.goto(ctx.server.url('/posts/spa.html'));
    await ctx.page.evaluate(() => {
      const el = document.createElement('kibitz-thread');
      el.setAttribute('src', '/threads/one-comment.json');
      el.setAttribute('loading', 'eager');
      document.querySelector('main').append(el);
    });
    await eventually(async () => assert.equal(await ctx.page.locator('kibitz-thread li.kibitz-comment').count(), 1));
    assert.equal(await ctx.page.evaluate(() => window.kibitz.mount()), "the page's own");
    assert.equal(ctx.session.kibitzConsole('warning').filter((w) => w.includes("mount is the page's own")).length, 1);
  });

  it('(an element with id="kibitz") gets the API as window.kibitz, not on the element', async () => {
    await ctx.page.route('**/posts/spa.html', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('<main>', '<main><section id="kibitz">The host\'s own section</section>');
      await route.fulfill({ response, body });
    });
    await ctx.page.goto(ctx.server.url('/posts/spa.html'));
    await ctx.page.waitForFunction(() => window.kibitz && typeof window.kibitz.mount === 'function');
    assert.equal(await ctx.page.evaluate(() => window.kibitz instanceof Element), false);
    assert.equal(await ctx.page.evaluate(() => 'mount' in document.getElementById('kibitz')), false);
  });
});

