// Browser helpers for the end-to-end tests: Debian's Chromium driven by
// playwright-core (no downloaded browsers), one fresh context per test, and
// everything a test needs to assert on afterwards: page errors (uncaught
// exceptions, crashes), console messages, dialogs and the kibitz:ready /
// kibitz:error events, recorded from before the first host script runs.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = path.join(here, 'artifacts');

export const CHROMIUM = process.env.KIBITZ_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright's default is 30 s; a healthy page here settles in well under 1 s. */
export const TIMEOUT = 10_000;

/** Chromium with the tests' switches, and `extra` ones. */
export function launchBrowser(extra = []) {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extra] });
}

/** Runs in every page before any of its scripts: records widget events. */
function recordKibitzEvents() {
  const events = [];
  Object.defineProperty(window, '__kibitzEvents', { value: events });
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return String(node);
    let text = node.tagName.toLowerCase();
    if (node.id) text += '#' + node.id;
    if (node.className) text += '.' + String(node.className).trim().split(/\s+/).join('.');
    return text;
  };
  for (const type of ['kibitz:ready', 'kibitz:error']) {
    document.addEventListener(type, (event) => {
      events.push({
        type,
        detail: event.detail,
        detailType: typeof event.detail,
        target: describe(event.target),
        bubbles: event.bubbles,
        composed: event.composed,
        at: performance.now(),
        // What the widget showed at that moment: listeners may read the DOM.
        rendered: {
          comments: event.target.querySelectorAll('li.kibitz-comment').length,
          heading: event.target.querySelector('.kibitz-header__title')?.textContent ?? null,
          error: event.target.querySelector('.kibitz-status--error .kibitz-status__detail')?.textContent ?? null,
        },
      });
    });
  }
}

/**
 * A fresh context and page. Returns { page, context, pageErrors,
 * consoleMessages, dialogs, close() }.
 */
export async function openPage(browser, {
  width = 1000,
  height = 800,
  colorScheme = 'light',
} = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    colorScheme,
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(recordKibitzEvents);
  const page = await context.newPage();
  const session = { page, context, pageErrors: [], consoleMessages: [], dialogs: [] };
  page.on('pageerror', (error) => session.pageErrors.push(error));
  page.on('crash', () => session.pageErrors.push(new Error('the page crashed')));
  page.on('console', (message) => session.consoleMessages.push({ type: message.type(), text: message.text() }));
  page.on('dialog', (dialog) => {
    session.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  session.close = () => context.close();
  /** Console messages of one type ('warning', 'error', …) that start with [kibitz]. */
  session.kibitzConsole = (type) =>
    session.consoleMessages.filter((m) => m.type === type && m.text.startsWith('[kibitz]')).map((m) => m.text);
  return session;
}

/** Asserts a session saw no uncaught exception, crash or dialog. */
export function assertHealthy(session) {
  assert.deepEqual(session.pageErrors.map((e) => String(e.stack ?? e)), [], 'page errors');
  assert.deepEqual(session.dialogs, [], 'dialogs');
}

/**
 * Wiring for one node:test `describe`: a server and a browser of its own
 * (started in before, stopped in after: exactly what it started), and a
 * page. With `shared: false` (the default) every test gets a fresh context
 * and page; with `shared: true` the tests of the suite read one page, which
 * `setup(ctx)` loads once. Either way every test ends by asserting that no
 * page error, crash or dialog has happened (so far, for a shared page).
 * Returns ctx: ctx.server, ctx.browser, ctx.session, ctx.page, plus
 * whatever setup stores on it.
 */
export function useBrowser(hooks, { server: start, page: pageOptions = {}, shared = false, setup, args = [] } = {}) {
  const { before, after, beforeEach, afterEach } = hooks;
  const ctx = { server: null, browser: null, session: null };
  const open = async () => {
    ctx.session = await openPage(ctx.browser, pageOptions);
    if (setup) await setup(ctx);
  };
  const close = async () => {
    const session = ctx.session;
    ctx.session = null;
    if (session) await session.close();
  };
  before(async () => {
    ctx.server = await start();
    ctx.browser = await launchBrowser(args);
    if (shared) await open();
  });
  after(async () => {
    await close();
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  if (!shared) {
    beforeEach(async () => {
      ctx.server.reset();
      await open();
    });
  }
  afterEach(async () => {
    const session = ctx.session;
    if (!shared) await close();
    if (session) assertHealthy(session);
  });
  Object.defineProperty(ctx, 'page', { get: () => ctx.session.page });
  return ctx;
}

/** Retries `check` (which throws while not yet true) until it passes or `timeout` ms pass. */
export async function eventually(check, { timeout = TIMEOUT, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}

/** Saves a full-page screenshot to artifacts/NAME.png and returns its path. */
export async function screenshot(page, name, options = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', ...options });
  return file;
}
