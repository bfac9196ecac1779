// Page object for tests/e2e/pages/shortcut-beside-div.html.
import { HostPage } from './host-page.mjs';
import { ServiceWidget } from './service-widget.mjs';

export class ShortcutBesideDivPage extends HostPage {
  static path = '/posts/shortcut-beside-div.html';

  constructor(page, server) {
    super(page, server, ShortcutBesideDivPage.path);
    /** From the script tag: data-hn="8863". */
    this.scriptWidget = new ServiceWidget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
    /** From <div data-kibitz id="side-widget">: mastodon-context.json. */
    this.divWidget = new ServiceWidget(page, page.locator('#side-widget'));
  }
}
