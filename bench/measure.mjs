// One cold load of one page, and what it measured.
//
// Times come from inside the page (performance.now(), whose origin is the
// navigation start), recorded by `probe`, an init script that runs before
// any of the page's own scripts. Node only waits for one promise the page
// resolves when it has settled, so nothing polls the page's main thread
// from outside while it renders.

import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.KIBITZ_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * The in-page recorder (runs in the page, so it must be self-contained).
 *
 * - A MutationObserver (on the document and on any shadow root the page
 *   attaches) counts `[data-comment-id]` elements whenever nodes are added,
 *   and stamps the first time the count is above 0 and the first time it
 *   reaches `expected`.
 * - "Painted" is approximated as the end of the next rendering update after
 *   that DOM change: a requestAnimationFrame callback posts a task, which
 *   runs right after that frame's style, layout and paint. The task has
 *   the scheduler's highest priority ('user-blocking'), so that a task the
 *   page queued before it (a widget's next slice, set from its own
 *   requestAnimationFrame callback) does not run first and delay the stamp
 *   by its own length; a message is the fallback without `scheduler`.
 * - kibitz:ready (and the reference's reference:ready) are stamped the same
 *   way; long tasks come from a buffered PerformanceObserver.
 * - window.__benchSettled resolves once the page is loaded, the first view
 *   is complete and the DOM has been quiet for a while.
 */
function probe({ expected, mode, quietMs, partialQuietMs }) {
  const now = () => performance.now();
  const rec = {
    expected, count: 0, maxCount: 0,
    firstInDom: null, firstPainted: null,
    allInDom: null, allPainted: null,
    lastAdd: null, lastAddPainted: null,
    ready: null, readyPainted: null, readyEvent: null, readyDetail: null,
    lastMutation: 0, errors: [], longTasks: [], longTaskSupport: true,
  };
  Object.defineProperty(window, '__bench', { value: rec });

  const afterPaint = (callback) =>
    requestAnimationFrame(() => {
      if (typeof scheduler !== 'undefined' && typeof scheduler.postTask === 'function') {
        scheduler.postTask(() => callback(now()), { priority: 'user-blocking' });
        return;
      }
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(now());
      channel.port2.postMessage(null);
    });
  Object.defineProperty(window, '__benchAfterPaint', { value: afterPaint });

  const roots = [document];
  const count = () => roots.reduce((n, root) => n + root.querySelectorAll('[data-comment-id]').length, 0);

  const observer = new MutationObserver((records) => {
    const at = now();
    rec.lastMutation = at;
    if (!records.some((r) => r.addedNodes.length > 0)) return;
    const n = count();
    rec.count = n;
    if (n <= rec.maxCount) return;
    rec.maxCount = n;
    rec.lastAdd = at;
    afterPaint((t) => { rec.lastAddPainted = t; });
    if (rec.firstInDom === null) {
      rec.firstInDom = at;
      afterPaint((t) => { rec.firstPainted = t; });
    }
    if (expected && n >= expected && rec.allInDom === null) {
      rec.allInDom = at;
      afterPaint((t) => { rec.allPainted = t; });
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  // A widget that renders into a shadow root is counted there too.
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attachShadow.call(this, init);
    roots.push(shadow);
    observer.observe(shadow, { childList: true, subtree: true });
    return shadow;
  };

  for (const type of ['kibitz:ready', 'reference:ready']) {
    document.addEventListener(type, (event) => {
      if (rec.ready !== null) return;
      rec.ready = now();
      rec.readyEvent = type;
      rec.readyDetail = event.detail;
      afterPaint((t) => { rec.readyPainted = t; });
    }, true);
  }
  document.addEventListener('kibitz:error', (event) => rec.errors.push(String(event.detail)), true);

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) rec.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    rec.longTaskSupport = false;
  }

  const settled = new Promise((resolve) => {
    const check = () => {
      const nav = performance.getEntriesByType('navigation')[0];
      const loaded = !!nav && nav.loadEventEnd > 0;
      const quietFor = now() - rec.lastMutation;
      let done;
      if (rec.errors.length > 0) done = true;
      else if (mode === 'none') done = true;
      else if (mode === 'count' && rec.allPainted !== null) done = true;
      else if (mode === 'ready' && rec.readyPainted !== null) done = true;
      // Announced ready but never showed `expected` comments: the first
      // view is partial; accept it once nothing has changed for a while.
      else done = rec.readyPainted !== null && quietFor >= partialQuietMs;
      if (done && loaded && quietFor >= quietMs) resolve();
      else setTimeout(check, 100);
    };
    setTimeout(check, 100);
  });
  Object.defineProperty(window, '__benchSettled', { value: settled });
}

/** Runs in the page after it settled: the recorder and the timing entries. */
function snapshot() {
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    rec: JSON.parse(JSON.stringify(window.__bench)),
    nav: { loadEventStart: nav.loadEventStart, loadEventEnd: nav.loadEventEnd, domContentLoaded: nav.domContentLoadedEventEnd },
    resources: performance.getEntriesByType('resource').map((e) => ({
      name: e.name, startTime: e.startTime, responseEnd: e.responseEnd,
    })),
  };
}

/** Runs in the page: bytes of kibitz's wasm linear memory, which the JS heap figure leaves out. */
async function wasmMemory() {
  try {
    // The same URL as the loader's import (with the build's version), so
    // this is the same module instance; its init returns the
    // already-instantiated exports.
    const url = performance.getEntriesByType('resource')
      .map((entry) => entry.name)
      .find((name) => new URL(name).pathname.endsWith('/static/kibitz/kibitz-widget.js'));
    const glue = await import(url);
    const exports = await glue.default();
    // Found by type: release builds shorten the exports' names.
    const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);
    return memory.buffer.byteLength;
  } catch {
    return null;
  }
}

/**
 * Runs in the page: collapses, then expands, the comment `id` with its own
 * toggle. Each time is from just before click() to the end of the first
 * frame rendered after the DOM changed (rAF + a task, as in probe), and
 * the last comment of the subtree is checked to be hidden, then shown.
 */
async function collapseExpand(id) {
  const find = (cid) => document.querySelector(`[data-comment-id="${CSS.escape(cid)}"]`);
  const item = find(id);
  if (!item) return { error: `no comment ${id} on the page` };
  const inner = item.querySelectorAll('[data-comment-id]');
  if (inner.length === 0) return { error: `comment ${id} shows no replies` };
  const lastId = inner[inner.length - 1].dataset.commentId;
  // Its own toggle: the first one inside it, in its meta line.
  const toggle = item.querySelector('.kibitz-comment__toggle');
  const frame = () => new Promise((resolve) => window.__benchAfterPaint(resolve));
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  toggle.scrollIntoView({ block: 'center' });
  await frame();
  await pause(300);

  const once = async () => {
    let changed;
    const domChanged = new Promise((resolve) => { changed = resolve; });
    const observer = new MutationObserver(() => changed());
    observer.observe(item, { attributes: true, childList: true, subtree: true, characterData: true });
    const start = performance.now();
    toggle.click();
    await Promise.race([domChanged, pause(10_000)]);
    const end = await frame();
    observer.disconnect();
    const last = find(lastId);
    return { ms: end - start, lastVisible: !!last && last.checkVisibility() };
  };
  const collapse = await once();
  await pause(300);
  const expand = await once();
  return {
    replies: inner.length,
    collapseMs: collapse.ms,
    expandMs: expand.ms,
    verified: !collapse.lastVisible && expand.lastVisible,
  };
}

const withTimeout = (promise, ms, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no result after ${ms / 1000} s`)), ms).unref()),
  ]);

/**
 * One cold load: a new context (empty HTTP cache), its answers no-store;
 * with `warm`, the second load of the page in a new
 * context, whose HTTP cache keeps what the page's answers let it. `load` =
 * { url, expected, mode, collapseId, timeoutMs, kibitz, warm }. Resolves to
 * the raw measurements (of the second load, when warm), or { error } for a
 * load that crashed, failed or timed out.
 */
export async function coldLoad(browser, load) {
  const context = await browser.newContext({
    viewport: { width: 1000, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems = [];
  let crashed;
  const crash = new Promise((_, reject) => { crashed = reject; });
  crash.catch(() => {});
  page.on('crash', () => crashed(new Error('the page crashed')));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  try {
    await context.addInitScript(probe, {
      expected: load.expected ?? 0,
      mode: load.mode,
      quietMs: 1000,
      partialQuietMs: 3000,
    });
    // No CDP Network domain: with it on, Chromium decodes every response
    // body as text on the page's main thread, for DevTools (207 ms for the
    // 5.6 MB thread), which no reader pays. A new context has an empty
    // HTTP cache, and the server answers cold loads with no-store.
    const cdp = await context.newCDPSession(page);
    if (load.warm) {
      // A reader's next article: the same page once before, unmeasured, so
      // that the browser holds what it may cache (the bundle, and V8's
      // code for it) and nothing else.
      await page.goto(load.url, { waitUntil: 'commit', timeout: load.timeoutMs });
      await withTimeout(Promise.race([page.evaluate(() => window.__benchSettled), crash]), load.timeoutMs, 'warming up');
      problems.length = 0;
    }
    await page.goto(load.url, { waitUntil: 'commit', timeout: load.timeoutMs });
    await withTimeout(
      Promise.race([page.evaluate(() => window.__benchSettled), crash]),
      load.timeoutMs,
      'settling',
    );
    const snap = await page.evaluate(snapshot);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
    const wasmBytes = load.kibitz ? await page.evaluate(wasmMemory) : null;
    const collapse = load.collapseId
      ? await withTimeout(Promise.race([page.evaluate(collapseExpand, load.collapseId), crash]), 60_000, 'collapse')
      : null;
    return { ...snap, heapBytes: metric('JSHeapUsedSize'), domNodes: metric('Nodes'), wasmBytes, collapse, problems };
  } catch (error) {
    return { error: error.message.split('\n')[0], problems };
  } finally {
    await context.close().catch(() => {});
  }
}
