// What every test host page (tests/e2e/pages/*.html) has in common: the
// host's own content around the widgets, and page-wide checks. Each page
// has its own page object, a subclass of this, beside it.

import assert from 'node:assert/strict';
import { eventually } from '../browser.mjs';

export class HostPage {
  /**
   * @param {import('playwright-core').Page} page
   * @param {{ url(path: string): string }} server
   * @param {string} path  where the server serves the page, e.g. /posts/article.html
   */
  constructor(page, server, path) {
    this.page = page;
    this.server = server;
    this.path = path;
    this.heading = page.locator('main > h1, article > h1').first();
    this.lede = page.locator('#post-lede');
    this.footer = page.locator('#after-widget');
    this.loaderScript = page.locator('script[src$="/kibitz.js"]');
    this.styleLink = page.locator('head > link#kibitz-style');
  }

  /** Opens the page; `options` go to page.goto (e.g. { waitUntil: 'commit' }). */
  async goto(options = {}) {
    await this.page.goto(this.server.url(this.path), options);
  }

  /** The kibitz:ready / kibitz:error events seen so far, in order. */
  events() {
    return this.page.evaluate(() => window.__kibitzEvents.slice());
  }

  /** Waits until at least `count` kibitz events have fired and returns them all. */
  async waitForEvents(count) {
    return eventually(async () => {
      const events = await this.events();
      assert.ok(events.length >= count, `expected ${count} kibitz events, saw ${JSON.stringify(events)}`);
      return events;
    });
  }

  /** Ids that occur more than once in the document. */
  duplicateIds() {
    return this.page.evaluate(() => {
      const seen = new Map();
      for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
  }

  /** Widths that reveal horizontal overflow of the page. */
  overflow() {
    return this.page.evaluate(() => ({
      viewport: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      bodyScrollWidth: document.body.scrollWidth,
    }));
  }

  /** Whether an element is rendered (has boxes and is not visibility:hidden). */
  static isShown(locator) {
    return locator.evaluate((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
  }
}
