// Page object for tests/e2e/pages/long-words.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class LongWordsPage extends HostPage {
  static path = '/posts/long-words.html';

  constructor(page, server) {
    super(page, server, LongWordsPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
