// Page object for tests/e2e/pages/nested-chains.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class NestedChainsPage extends HostPage {
  static path = '/posts/nested-chains.html';

  constructor(page, server) {
    super(page, server, NestedChainsPage.path);
    /** One widget per shape, by the id of its element: bluesky, hn, native. */
    this.widgets = Object.fromEntries(
      ['bluesky', 'hn', 'native'].map((shape) => [shape, new Widget(page, page.locator(`#${shape}-chain`))]),
    );
  }
}
