// Page object for tests/e2e/pages/avatars-off.html.
import { HostPage } from './host-page.mjs';
import { ServiceWidget } from './service-widget.mjs';

export class AvatarsOffPage extends HostPage {
  static path = '/posts/avatars-off.html';

  constructor(page, server) {
    super(page, server, AvatarsOffPage.path);
    this.widget = new ServiceWidget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
