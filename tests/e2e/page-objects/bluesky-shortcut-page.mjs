// Page object for tests/e2e/pages/bluesky-shortcut.html.
import { HostPage } from './host-page.mjs';
import { ServiceWidget } from './service-widget.mjs';

export class BlueskyShortcutPage extends HostPage {
  static path = '/posts/bluesky-shortcut.html';

  constructor(page, server) {
    super(page, server, BlueskyShortcutPage.path);
    this.widget = new ServiceWidget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
