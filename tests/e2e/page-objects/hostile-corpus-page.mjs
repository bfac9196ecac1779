// Page object for tests/e2e/pages/hostile-corpus.html: one widget per body
// format, each showing the whole security corpus, and the trap that
// pages/hostile-corpus-trap.js installs before kibitz.js runs.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

export const FORMATS = ['text', 'markdown', 'html'];

export class HostileCorpusPage extends HostPage {
  static path = '/posts/hostile-corpus.html';

  constructor(page, server) {
    super(page, server, HostileCorpusPage.path);
    /** { text, markdown, html }: the widget showing /threads/corpus-<format>.json. */
    this.widgets = Object.fromEntries(FORMATS.map((f) => [f, new Widget(page, page.locator(`#corpus-${f}`))]));
    this.searchForm = page.locator('#host-search');
  }

  /** What the trap recorded, one line per thing a payload did. */
  trap() {
    return this.page.evaluate(() => window.__trap.slice());
  }

  /**
   * Every element of every widget (section.kibitz and everything in it)
   * that breaks the widget's allowlist, as "tag[attribute=value]: why".
   * Besides the listed attributes, the root section may carry a lang.
   */
  allowlistViolations() {
    return this.page.evaluate(() => {
      const TAGS = new Set([
        // the widget's own structure
        'section', 'header', 'h2', 'button', 'div', 'ol', 'li', 'span', 'p', 'a', 'img',
        // comment bodies
        'br', 'em', 'strong', 'i', 'b', 'u', 's', 'del', 'code', 'pre', 'blockquote', 'ul',
      ]);
      const ATTRIBUTES = new Set([
        'class', 'id', 'data-comment-id', 'data-datetime', 'data-theme', 'hidden', 'role', 'type', 'title',
        'dir', 'href', 'rel', 'src', 'alt', 'width', 'height', 'loading', 'decoding',
      ]);
      // The reader's order control, only in the widget's own toolbar.
      const TOOLBAR_TAGS = new Set(['label', 'select', 'option']);
      const TOOLBAR_ATTRIBUTES = new Set(['value', 'selected']);
      const problems = [];
      for (const root of document.querySelectorAll('section.kibitz, div.kibitz')) {
        for (const el of [root, ...root.querySelectorAll('*')]) {
          const tag = el.tagName.toLowerCase();
          const where = `${tag}${el.closest('[data-comment-id]') ? ` in comment ${JSON.stringify(el.closest('[data-comment-id]').dataset.commentId)}` : ''}`;
          const inToolbar = el.parentElement?.closest('.kibitz-toolbar') !== null && !el.closest('[data-comment-id]');
          if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`${where}: namespace ${el.namespaceURI}`);
          if (!TAGS.has(tag) && !(inToolbar && TOOLBAR_TAGS.has(tag))) problems.push(`${where}: element not on the allowlist`);
          for (const { name, value } of el.attributes) {
            if (inToolbar && TOOLBAR_ATTRIBUTES.has(name)) continue;
            // The root's lang is the widget's own (data-lang / the locale), a
            // language tag; so is a body's or a warning's (the comment's
            // language, where it differs from the widget's).
            const textOwner = el === root || el.matches('.kibitz-comment__body, .kibitz-warning__text');
            if (name === 'lang' && textOwner && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(value)) continue;
            // The section's heading takes focus from Retry, by script only.
            if (name === 'tabindex' && value === '-1' && el.matches('.kibitz-header__title')) continue;
            // An avatar's picture not yet added (its comment is far from
            // the viewport): checked below.
            if ((name === 'data-avatar' || name === 'data-avatar-alt') && tag === 'span' && el.classList.contains('kibitz-avatar')) continue;
            if (!ATTRIBUTES.has(name) && !name.startsWith('aria-')) problems.push(`${where}[${name}=${JSON.stringify(value)}]: attribute not on the allowlist`);
          }
          const href = el.getAttribute('href');
          if (href !== null && href.startsWith('#')) {
            // The widget's own links to its comments (a permalink, an
            // @Name): a fragment naming a comment of the same widget.
            const named = root.querySelector(`li.kibitz-comment[id="${CSS.escape(href.slice(1))}"]`);
            if (tag !== 'a' || !/^#kibitz-[A-Za-z0-9_.-]+$/.test(href) || !named) {
              problems.push(`${where}[href=${JSON.stringify(href)}]: not a link to a comment of this widget`);
            }
          } else if (el.hasAttribute('href')) {
            if (tag !== 'a') problems.push(`${where}: href on <${tag}>`);
            let protocol;
            try {
              protocol = new URL(el.getAttribute('href'), 'invalid:/').protocol;
            } catch {
              protocol = '(unparsable)';
            }
            if (!['http:', 'https:', 'mailto:'].includes(protocol)) problems.push(`${where}[href=${JSON.stringify(el.getAttribute('href'))}]: scheme ${protocol}`);
            if (tag === 'a' && el.protocol !== protocol) problems.push(`${where}: the browser reads href as ${el.protocol}`);
          }
          if (el.hasAttribute('data-avatar')) {
            let protocol;
            try {
              protocol = new URL(el.getAttribute('data-avatar')).protocol;
            } catch {
              protocol = '(unparsable)';
            }
            if (protocol !== 'https:') problems.push(`${where}[data-avatar=${JSON.stringify(el.getAttribute('data-avatar'))}]: not https`);
          }
          if (el.hasAttribute('src')) {
            if (tag !== 'img') problems.push(`${where}: src on <${tag}>`);
            else if (new URL(el.src).protocol !== 'https:') problems.push(`${where}[src=${JSON.stringify(el.getAttribute('src'))}]: not https`);
          }
          if (el.hasAttribute('rel') && !el.getAttribute('rel').startsWith('nofollow ugc noopener')) {
            problems.push(`${where}[rel=${JSON.stringify(el.getAttribute('rel'))}]: rel`);
          }
          // The widget's own element ids (kibitz:<n>-…) and its comments'
          // link targets (kibitz-<thread>-<comment>).
          if (el.id && !/^kibitz[:-]/.test(el.id)) problems.push(`${where}[id=${JSON.stringify(el.id)}]: not one of the widget's ids`);
          if (el.shadowRoot) problems.push(`${where}: has a shadow root`);
        }
      }
      return problems;
    });
  }
}
