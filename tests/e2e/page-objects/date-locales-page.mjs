// Page object for tests/e2e/pages/date-locales.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class DateLocalesPage extends HostPage {
  static path = '/posts/date-locales.html';

  constructor(page, server) {
    super(page, server, DateLocalesPage.path);
    /** classic-date.json (2019-01-21T11:27:00Z), absolute, in UTC, one per data-locale. */
    this.absolute = Object.fromEntries(['de', 'ja', 'ar', 'ru'].map((locale) => [locale, new Widget(page, page.locator(`#w-${locale}`))]));
    /** The same thread with data-time-style="%B %-d, %Y @ %-I:%M %P" in en, UTC. */
    this.classic = new Widget(page, page.locator('#w-classic'));
  }
}
