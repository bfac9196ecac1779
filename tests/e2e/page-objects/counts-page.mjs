// Page object for tests/e2e/pages/counts.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class CountsPage extends HostPage {
  static path = '/posts/counts.html';

  constructor(page, server) {
    super(page, server, CountsPage.path);
    /** empty.json: no comments. */
    this.empty = new Widget(page, page.locator('#w-empty'));
    /** generated-1.json: one comment. */
    this.one = new Widget(page, page.locator('#w-one'));
  }
}
