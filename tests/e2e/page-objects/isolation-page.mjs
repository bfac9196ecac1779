// Page object for tests/e2e/pages/isolation.html: a hostile host stylesheet
// (hostile-host.css) and two widgets of second-summit.json, #isolated with
// data-isolate="shadow" and #plain without. Playwright's CSS locators pierce
// open shadow roots, so the same Widget object reads both.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class IsolationPage extends HostPage {
  static path = '/posts/isolation.html';

  constructor(page, server) {
    super(page, server, IsolationPage.path);
    this.isolatedHost = page.locator('#isolated');
    this.isolated = new Widget(page, page.locator('#isolated .kibitz-isolated'));
    this.plain = new Widget(page, page.locator('#plain'));
  }

  /** Computed style properties of the first element `locator` matches. */
  style(locator, ...properties) {
    return locator.first().evaluate((el, names) => {
      const style = getComputedStyle(el);
      return Object.fromEntries(names.map((n) => [n, style.getPropertyValue(n)]));
    }, properties);
  }
}
