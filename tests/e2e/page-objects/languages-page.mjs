// Page object for tests/e2e/pages/languages.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

/** kibitz's seventeen language tables, in the page's order. */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'ru', 'uk', 'ja', 'zh', 'zh-Hant', 'ko', 'ar', 'he', 'tr'];

export class LanguagesPage extends HostPage {
  static path = '/posts/languages.html';

  /** `path`: numbers.html has the same seventeen widgets on a 12,345-comment thread. */
  constructor(page, server, path = LanguagesPage.path) {
    super(page, server, path);
    this.article = page.locator('article#post');
    /** One widget per language, all on one thread, keyed by data-lang. */
    this.widgets = Object.fromEntries(LANGUAGES.map((lang) => [lang, new Widget(page, page.locator(`#w-${lang}`))]));
  }
}
