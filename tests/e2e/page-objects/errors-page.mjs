// Page object for tests/e2e/pages/errors.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class ErrorsPage extends HostPage {
  static path = '/posts/errors.html';

  constructor(page, server) {
    super(page, server, ErrorsPage.path);
    this.missing = new Widget(page, page.locator('#w-missing'));
    this.hangup = new Widget(page, page.locator('#w-hangup'));
    this.invalid = new Widget(page, page.locator('#w-invalid'));
    this.shape = new Widget(page, page.locator('#w-shape'));
    /** Its URL answers with an HTML page (a single-page app's fallback). */
    this.html = new Widget(page, page.locator('#w-html'));
    /** Every comment of its thread lacks a `body` (it says `text`). */
    this.unreadable = new Widget(page, page.locator('#w-unreadable'));
    this.all = [this.missing, this.hangup, this.invalid, this.shape, this.html, this.unreadable];
    /** The script tag names no thread, so it must not grow a widget of its own. */
    this.scriptMount = page.locator('script[src$="/kibitz.js"] + div.kibitz-mount');
  }
}
