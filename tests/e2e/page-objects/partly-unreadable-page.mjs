// Page object for tests/e2e/pages/partly-unreadable.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class PartlyUnreadablePage extends HostPage {
  static path = '/posts/partly-unreadable.html';

  constructor(page, server) {
    super(page, server, PartlyUnreadablePage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
