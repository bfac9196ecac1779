// Page object for tests/e2e/pages/service-errors.html.
import { HostPage } from './host-page.mjs';
import { ServiceWidget } from './service-widget.mjs';

export class ServiceErrorsPage extends HostPage {
  static path = '/posts/service-errors.html';

  constructor(page, server) {
    super(page, server, ServiceErrorsPage.path);
    this.bluesky400 = new ServiceWidget(page, page.locator('#w-bluesky-400'));
    this.blueskyRoot = new ServiceWidget(page, page.locator('#w-bluesky-root'));
    this.mastodon = new ServiceWidget(page, page.locator('#w-mastodon'));
    this.hn = new ServiceWidget(page, page.locator('#w-hn'));
    this.all = [this.bluesky400, this.blueskyRoot, this.mastodon, this.hn];
  }
}
