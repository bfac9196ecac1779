// Page object for tests/e2e/pages/heading-level.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class HeadingLevelPage extends HostPage {
  static path = '/posts/heading-level.html';

  constructor(page, server) {
    super(page, server, HeadingLevelPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
