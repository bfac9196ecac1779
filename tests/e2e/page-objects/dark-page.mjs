// Page object for tests/e2e/pages/dark.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class DarkPage extends HostPage {
  static path = '/posts/dark.html';

  constructor(page, server) {
    super(page, server, DarkPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
