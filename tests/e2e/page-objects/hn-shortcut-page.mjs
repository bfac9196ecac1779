// Page object for tests/e2e/pages/hn-shortcut.html.
import { HostPage } from './host-page.mjs';
import { ServiceWidget } from './service-widget.mjs';

export class HnShortcutPage extends HostPage {
  static path = '/posts/hn-shortcut.html';

  constructor(page, server) {
    super(page, server, HnShortcutPage.path);
    this.widget = new ServiceWidget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
