// Page object for tests/e2e/pages/permalinks.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class PermalinksPage extends HostPage {
  static path = '/posts/permalinks.html';

  constructor(page, server) {
    super(page, server, PermalinksPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }

  /** Opens the page at `#anchor`. */
  async gotoAnchor(anchor) {
    await this.page.goto(this.server.url(`${this.path}#${anchor}`));
  }

  /** The comment element with this id (its anchor). */
  anchored(anchor) {
    return this.page.locator(`li.kibitz-comment[id="${anchor}"]`);
  }
}
