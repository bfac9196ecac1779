// Page object for tests/e2e/pages/mastodon.html.
import { HostPage } from './host-page.mjs';
import { ServiceWidget } from './service-widget.mjs';

export class MastodonPage extends HostPage {
  static path = '/posts/mastodon.html';

  constructor(page, server) {
    super(page, server, MastodonPage.path);
    this.widget = new ServiceWidget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
