// Page object for tests/e2e/pages/mastodon-shortcut.html.
import { HostPage } from './host-page.mjs';
import { ServiceWidget } from './service-widget.mjs';

export class MastodonShortcutPage extends HostPage {
  static path = '/posts/mastodon-shortcut.html';

  constructor(page, server) {
    super(page, server, MastodonShortcutPage.path);
    this.widget = new ServiceWidget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
