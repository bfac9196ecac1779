// Page object for tests/e2e/pages/flat-chain.html: chain-70.json with the
// default data-max-depth (6), so n7..n70 are one flat list under n6, shown
// 50 at a time.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class FlatChainPage extends HostPage {
  static path = '/posts/flat-chain.html';

  constructor(page, server) {
    super(page, server, FlatChainPage.path);
    this.widget = new Widget(page, page.locator('script[src$="/kibitz.js"] + div.kibitz-mount'));
  }

  /** data-comment-id of the comment whose toggle has focus, or the focused
   * element's tag. */
  focused() {
    return this.page.evaluate(() => {
      const active = document.activeElement;
      return active?.closest('li.kibitz-comment')?.dataset.commentId ?? active?.tagName;
    });
  }

  /** Ids of the flat replies shown (in the page and not hidden). */
  shownFlat() {
    return this.widget.section
      .locator('ol.kibitz-replies--flat > li.kibitz-comment')
      .evaluateAll((lis) => lis.filter((li) => li.checkVisibility()).map((li) => li.dataset.commentId));
  }
}
