// Page object for tests/e2e/pages/two-widgets.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class TwoWidgetsPage extends HostPage {
  static path = '/posts/two-widgets.html';

  constructor(page, server) {
    super(page, server, TwoWidgetsPage.path);
    /** From the script tag: second-summit.json. */
    this.scriptWidget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
    /** From <div data-kibitz id="second-widget">: small-talk.json. */
    this.divWidget = new Widget(page, page.locator('#second-widget'));
    this.sidebarHeading = page.locator('#sidebar > h2');
  }
}
