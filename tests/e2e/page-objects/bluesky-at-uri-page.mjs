// Page object for tests/e2e/pages/bluesky-at-uri.html.
import { HostPage } from './host-page.mjs';
import { ServiceWidget } from './service-widget.mjs';

export class BlueskyAtUriPage extends HostPage {
  static path = '/posts/bluesky-at-uri.html';

  constructor(page, server) {
    super(page, server, BlueskyAtUriPage.path);
    this.widget = new ServiceWidget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
