// Page object for tests/e2e/pages/collapse-depth.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class CollapseDepthPage extends HostPage {
  static path = '/posts/collapse-depth.html';

  constructor(page, server) {
    super(page, server, CollapseDepthPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }
}
