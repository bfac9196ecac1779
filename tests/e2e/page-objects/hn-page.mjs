// Page object for tests/e2e/pages/hn.html.
import { HostPage } from './host-page.mjs';
import { ServiceWidget } from './service-widget.mjs';

export class HnPage extends HostPage {
  static path = '/posts/hn.html';

  constructor(page, server) {
    super(page, server, HnPage.path);
    this.widget = new ServiceWidget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
