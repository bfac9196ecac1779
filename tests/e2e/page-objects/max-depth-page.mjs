// Page object for tests/e2e/pages/max-depth.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class MaxDepthPage extends HostPage {
  static path = '/posts/max-depth.html';

  constructor(page, server) {
    super(page, server, MaxDepthPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
