// Page object for tests/e2e/pages/missing-src.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class MissingSrcPage extends HostPage {
  static path = '/posts/missing-src.html';

  constructor(page, server) {
    super(page, server, MissingSrcPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
