// Page object for tests/e2e/pages/strict-csp.html (served with STRICT_CSP).
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class StrictCspPage extends HostPage {
  static path = '/posts/strict-csp.html';

  constructor(page, server) {
    super(page, server, StrictCspPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }

  /** Every Content-Security-Policy violation the page reported. */
  violations() {
    return this.page.evaluate(() => window.__cspViolations.slice());
  }
}
