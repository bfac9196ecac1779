// Page object for tests/e2e/pages/bluesky.html.
import { HostPage } from './host-page.mjs';
import { ServiceWidget } from './service-widget.mjs';

export class BlueskyPage extends HostPage {
  static path = '/posts/bluesky.html';

  constructor(page, server) {
    super(page, server, BlueskyPage.path);
    this.widget = new ServiceWidget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
