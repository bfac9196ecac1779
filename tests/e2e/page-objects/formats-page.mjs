// Page object for tests/e2e/pages/formats.html.
import { HostPage } from './host-page.mjs';
import { ServiceWidget } from './service-widget.mjs';

export class FormatsPage extends HostPage {
  static path = '/posts/formats.html';

  constructor(page, server) {
    super(page, server, FormatsPage.path);
    this.widget = new ServiceWidget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
