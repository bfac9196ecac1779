// Page object for tests/e2e/pages/target-slow-head.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class TargetSlowHeadPage extends HostPage {
  static path = '/posts/target-slow-head.html';

  constructor(page, server) {
    super(page, server, TargetSlowHeadPage.path);
    this.slot = page.locator('#comments-slot');
    this.widget = new Widget(page, this.slot);
    this.strayMounts = page.locator('div.kibitz-mount');
  }
}
