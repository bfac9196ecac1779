// Page object for tests/e2e/pages/flaky.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class FlakyPage extends HostPage {
  static path = '/posts/flaky.html';

  constructor(page, server) {
    super(page, server, FlakyPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
