// Page object for tests/e2e/pages/collapsed.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class CollapsedPage extends HostPage {
  static path = '/posts/collapsed.html';

  constructor(page, server) {
    super(page, server, CollapsedPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
