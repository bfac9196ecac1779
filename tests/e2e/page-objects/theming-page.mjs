// Page object for tests/e2e/pages/theming.html: four widgets of
// second-summit.json themed by the host's custom properties: #plain by
// README's own `.kibitz { … }` rule, #isolated (data-isolate="shadow") by
// its ancestor #wrapper, #dark (data-theme="dark") by nothing of its own,
// and #dark-themed (dark) by --kibitz-dark-accent.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class ThemingPage extends HostPage {
  static path = '/posts/theming.html';

  constructor(page, server) {
    super(page, server, ThemingPage.path);
    this.widgets = {
      plain: new Widget(page, page.locator('#plain')),
      isolated: new Widget(page, page.locator('#isolated .kibitz-isolated')),
      dark: new Widget(page, page.locator('#dark')),
      darkThemed: new Widget(page, page.locator('#dark-themed')),
    };
  }

  /** The colour of the first link in a comment body, and the font of the
   * section, of `widget`. */
  looks(widget) {
    return widget.section.evaluate((section) => {
      const link = section.querySelector('.kibitz-comment__body a');
      const root = section.closest('.kibitz');
      return { link: getComputedStyle(link).color, font: getComputedStyle(root).fontFamily };
    });
  }
}
