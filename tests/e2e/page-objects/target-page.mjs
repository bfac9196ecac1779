// Page object for tests/e2e/pages/target.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class TargetPage extends HostPage {
  static path = '/posts/target.html';

  constructor(page, server) {
    super(page, server, TargetPage.path);
    this.slot = page.locator('#comments-slot');
    this.placeholder = page.locator('#slot-placeholder');
    /** The script tag (in <head>) renders into #comments-slot. */
    this.widget = new Widget(page, this.slot);
    /** data-target="#no-such-element": the error shows in the element itself. */
    this.badTarget = new Widget(page, page.locator('#bad-target-host'));
    /** data-target="[[nope": not a selector. */
    this.invalidTarget = new Widget(page, page.locator('#invalid-target-host'));
    this.strayMounts = page.locator('div.kibitz-mount');
  }
}
