// Page object for tests/e2e/pages/hostile.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class HostilePage extends HostPage {
  static path = '/posts/hostile.html';

  constructor(page, server) {
    super(page, server, HostilePage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
