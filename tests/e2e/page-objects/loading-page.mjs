// Page object for tests/e2e/pages/loading.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class LoadingPage extends HostPage {
  static path = '/posts/loading.html';

  constructor(page, server) {
    super(page, server, LoadingPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
