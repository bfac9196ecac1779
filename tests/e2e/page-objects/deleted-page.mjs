// Page object for tests/e2e/pages/deleted.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class DeletedPage extends HostPage {
  static path = '/posts/deleted.html';

  constructor(page, server) {
    super(page, server, DeletedPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
