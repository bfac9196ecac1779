// Page object for tests/e2e/pages/warnings.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class WarningsPage extends HostPage {
  static path = '/posts/warnings.html';

  constructor(page, server) {
    super(page, server, WarningsPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
