// Page object for tests/e2e/pages/sorting.html (data-sort="newest",
// data-collapse-depth="2") and remember-off.html (the same without
// data-sort, with data-remember="off"): second-summit.json, whose top-level
// comments c5102, c5231 and c5593 are in time order and scored 14, 7 and 9.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class SortingPage extends HostPage {
  static path = '/posts/sorting.html';
  static rememberOffPath = '/posts/remember-off.html';

  constructor(page, server, path = SortingPage.path) {
    super(page, server, path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
    this.toolbar = this.widget.section.locator(':scope > .kibitz-toolbar');
    this.sort = this.toolbar.getByLabel('Sort by');
    this.collapseAll = this.toolbar.getByRole('button', { name: 'Collapse all' });
    this.expandAll = this.toolbar.getByRole('button', { name: 'Expand all' });
  }

  /** Top-level comment ids in the order shown. */
  topLevel() {
    return this.widget.list.locator(':scope > li.kibitz-comment').evaluateAll((lis) => lis.map((li) => li.dataset.commentId));
  }

  /** Every comment id shown, with its state, in document order. */
  shown() {
    return this.widget.list.locator('li.kibitz-comment').evaluateAll((lis) =>
      lis.filter((li) => li.checkVisibility()).map((li) => ({
        id: li.dataset.commentId,
        open: li.querySelector(':scope > .kibitz-comment__meta > .kibitz-comment__toggle').getAttribute('aria-expanded') === 'true',
      })));
  }

  /** kibitz's entries in localStorage. */
  stored() {
    return this.page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('kibitz:'))));
  }
}
