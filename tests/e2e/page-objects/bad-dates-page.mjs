// Page object for tests/e2e/pages/bad-dates.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class BadDatesPage extends HostPage {
  static path = '/posts/bad-dates.html';

  constructor(page, server) {
    super(page, server, BadDatesPage.path);
    /** classic-date.json with data-timezone="Mars/Olympus_Mons". */
    this.zone = new Widget(page, page.locator('#w-zone'));
    /** classic-date.json with data-locale="not a locale!". */
    this.locale = new Widget(page, page.locator('#w-locale'));
    /** classic-date.json with data-time-style="%Q". */
    this.style = new Widget(page, page.locator('#w-style'));
  }
}
