// Page object for tests/e2e/pages/article.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export class ArticlePage extends HostPage {
  static path = '/posts/article.html';

  constructor(page, server) {
    super(page, server, ArticlePage.path);
    this.article = page.locator('article#post');
    this.hostList = page.locator('#host-list > li');
    /** The element kibitz.js creates right after its own tag. */
    this.mountPoint = page.locator('script[src$="/kibitz.js"] + div.kibitz-mount');
    this.widget = new Widget(page, this.mountPoint);
  }
}
