// Page object for tests/e2e/pages/deep.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class DeepPage extends HostPage {
  static path = '/posts/deep.html';

  constructor(page, server) {
    super(page, server, DeepPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
