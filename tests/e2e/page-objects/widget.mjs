// Component objects for one rendered kibitz widget and one of its comments.
// Page objects (one per host page, beside this file) build these from the
// element a widget is mounted in. Selectors here are kibitz's public hooks.

import assert from 'node:assert/strict';
import { eventually } from '../browser.mjs';

/**
 * The avatar of every removed comment: the same neutral grey, a "?", no
 * picture, nothing that hints at who wrote it.
 */
export const REMOVED_AVATAR = {
  className: 'kibitz-avatar kibitz-avatar--removed',
  text: '?',
  // #6b7079: the white "?" on it at 5:1.
  background: 'rgb(107, 112, 121)',
};

export class Widget {
  /**
   * @param {import('playwright-core').Page} page
   * @param {import('playwright-core').Locator} mount  the element the widget renders into
   */
  constructor(page, mount) {
    this.page = page;
    this.mount = mount;
    this.root = mount.locator(':scope > section.kibitz');
    this.header = this.root.locator(':scope > .kibitz-header');
    this.title = this.header.locator('.kibitz-header__title');
    this.toggle = this.header.locator('.kibitz-header__toggle');
    this.section = this.root.locator(':scope > .kibitz-section');
    this.loading = this.section.locator('.kibitz-status--loading');
    this.empty = this.section.locator('.kibitz-status--empty');
    this.error = this.section.locator('.kibitz-status--error');
    this.errorDetail = this.error.locator('.kibitz-status__detail');
    this.retry = this.error.getByRole('button', { name: 'Retry' });
    this.list = this.section.locator(':scope > ol.kibitz-list');
    this.comments = this.section.locator('li.kibitz-comment');
    this.moreButton = this.section.locator('button.kibitz-more');
  }

  /** Waits until the widget has left its loading state (thread, empty or error). */
  async waitUntilSettled() {
    await this.root.waitFor({ state: 'attached' });
    await eventually(async () => {
      assert.equal(await this.root.getAttribute('aria-busy'), null, 'still loading');
    });
  }

  /** Waits for a rendered thread and returns its heading text. */
  async waitForThread() {
    await this.waitUntilSettled();
    await this.list.waitFor({ state: 'attached' });
    return this.title.textContent();
  }

  /** The comment whose data-comment-id is `id`. */
  comment(id) {
    return new Comment(this.section.locator(`li.kibitz-comment[data-comment-id="${cssString(id)}"]`));
  }

  /**
   * Every rendered comment in document order: id, number, author, time,
   * parent (the id of the nearest enclosing comment), depth (how many
   * comment elements enclose it, itself included), and its state.
   * A removed comment (deleted, not found, blocked, dead) has no author
   * element: its author is undefined.
   */
  snapshot() {
    return this.section.evaluate((section) =>
      [...section.querySelectorAll('li.kibitz-comment')].map((li) => {
        const meta = li.querySelector(':scope > .kibitz-comment__meta');
        const content = li.querySelector(':scope > .kibitz-comment__content');
        const time = meta.querySelector('.kibitz-comment__time');
        let depth = 0;
        for (let el = li; el && el !== section; el = el.parentElement) {
          if (el.matches('li.kibitz-comment')) depth += 1;
        }
        const parentLi = li.parentElement.closest('li.kibitz-comment');
        return {
          id: li.dataset.commentId,
          number: meta.querySelector('.kibitz-comment__number')?.textContent,
          author: meta.querySelector('.kibitz-comment__author')?.textContent,
          datetime: time?.getAttribute('data-datetime') ?? null,
          timeText: time?.textContent,
          parent: parentLi ? parentLi.dataset.commentId : null,
          list: li.parentElement.className,
          depth,
          flat: li.classList.contains('kibitz-comment--flat'),
          collapsed: li.classList.contains('kibitz-comment--collapsed'),
          hidden: li.hidden,
          contentHidden: content.hidden,
          context: meta.querySelector('.kibitz-comment__context')?.textContent ?? null,
        };
      }),
    );
  }

  /** Every id attribute inside the widget's mount element. */
  ids() {
    return this.mount.evaluate((mount) => [...mount.querySelectorAll('[id]')].map((el) => el.id));
  }

  /** The widget root's computed background colour. */
  background() {
    return this.root.evaluate((el) => getComputedStyle(el).backgroundColor);
  }
}

export class Comment {
  /** @param {import('playwright-core').Locator} li */
  constructor(li) {
    this.li = li;
    // The meta line's own layout (wrappers such as a byline) is not public:
    // its parts are found anywhere inside it.
    this.meta = li.locator(':scope > .kibitz-comment__meta');
    this.toggle = this.meta.locator('.kibitz-comment__toggle');
    this.author = this.meta.locator('.kibitz-comment__author');
    this.time = this.meta.locator('.kibitz-comment__time');
    this.number = this.meta.locator('.kibitz-comment__number');
    this.context = this.meta.locator('.kibitz-comment__context');
    this.hiddenNote = this.meta.locator('.kibitz-comment__hidden');
    this.content = li.locator(':scope > .kibitz-comment__content');
    this.body = this.content.locator(':scope > .kibitz-comment__body');
    this.deleted = this.content.locator(':scope > .kibitz-comment__deleted');
    this.replies = this.content.locator(':scope > ol.kibitz-replies > li.kibitz-comment');
  }

  /**
   * Clicks the toggle as a reader does: once it has stopped moving.
   * Comments never yet near the viewport are laid out at an estimated
   * height (`content-visibility: auto`) and take their own a few frames
   * after a scroll brings them near: scrolled to, a comment low in a
   * thread moved 61 px on the third frame, after Playwright's two-frame
   * stability check, and a click then landed where the toggle had been.
   */
  async clickToggle() {
    await this.toggle.scrollIntoViewIfNeeded();
    await this.toggle.evaluate(async (toggle) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      let last = toggle.getBoundingClientRect().y;
      // Five frames in the same place; a second at most.
      for (let still = 0, frames = 0; still < 5 && frames < 60; frames += 1) {
        await frame();
        const y = toggle.getBoundingClientRect().y;
        still = y === last ? still + 1 : 0;
        last = y;
      }
    });
    await this.toggle.click();
  }

  /**
   * How a removed comment (deleted, not found, blocked, dead) shows itself:
   * how many author and handle elements its meta line has, its placeholder
   * as [tag, text], how often those words appear in the comment itself
   * (its replies aside), and its avatar (class, text, background colour),
   * or null when it has none. Reads without waiting.
   */
  removed() {
    return this.li.evaluate((li) => {
      const meta = li.querySelector(':scope > .kibitz-comment__meta');
      const placeholder = li.querySelector(':scope > .kibitz-comment__content > .kibitz-comment__deleted');
      const own = li.cloneNode(true);
      for (const replies of own.querySelectorAll(':scope > .kibitz-comment__content > ol.kibitz-replies')) replies.remove();
      const words = placeholder ? placeholder.textContent : null;
      const avatar = meta.querySelector('.kibitz-avatar');
      return {
        authors: meta.querySelectorAll('.kibitz-comment__author').length,
        handles: meta.querySelectorAll('.kibitz-comment__handle').length,
        placeholder: placeholder ? [placeholder.tagName, words] : null,
        occurrences: words ? own.textContent.split(words).length - 1 : 0,
        avatar: avatar && {
          className: avatar.className,
          text: avatar.textContent,
          background: getComputedStyle(avatar).backgroundColor,
        },
      };
    });
  }

  /**
   * The vertical centres (px) of the meta line's parts: the toggle and the
   * avatar (null without one) by their boxes; the byline's first and last
   * lines and the number by their first and last characters' glyphs.
   */
  metaLine() {
    return this.li.evaluate((li) => {
      const meta = li.querySelector(':scope > .kibitz-comment__meta');
      const centre = (rect) => rect.top + rect.height / 2;
      const box = (selector) => {
        const el = meta.querySelector(selector);
        return el ? centre(el.getBoundingClientRect()) : null;
      };
      const glyphs = (selector) => {
        const el = meta.querySelector(selector);
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const rects = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.data.length; i += 1) {
            if (!node.data[i].trim()) continue;
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (rect) rects.push(rect);
          }
        }
        return rects;
      };
      const byline = glyphs('.kibitz-comment__byline');
      const bylineBox = meta.querySelector('.kibitz-comment__byline').getBoundingClientRect();
      const avatar = meta.querySelector('.kibitz-avatar')?.getBoundingClientRect();
      return {
        toggle: box('.kibitz-comment__toggle'),
        avatar: box('.kibitz-avatar'),
        firstLine: centre(byline[0]),
        lastLine: centre(byline[byline.length - 1]),
        number: centre(glyphs('.kibitz-comment__number')[0]),
        // A comment too narrow for its name beside the toggle and picture
        // puts the byline on a line of its own, under them.
        ownLine: Math.abs(bylineBox.width - meta.getBoundingClientRect().width) < 1,
        bylineTop: bylineBox.top,
        avatarBottom: avatar ? avatar.bottom : null,
      };
    });
  }

  /** What a reader (and a screen reader) can tell about the comment's open state. */
  state() {
    return this.li.evaluate((li) => {
      const meta = li.querySelector(':scope > .kibitz-comment__meta');
      const toggle = meta.querySelector('.kibitz-comment__toggle');
      const content = li.querySelector(':scope > .kibitz-comment__content');
      const note = meta.querySelector('.kibitz-comment__hidden');
      const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      return {
        expanded: toggle.getAttribute('aria-expanded'),
        controlsContent: toggle.getAttribute('aria-controls') === content.id && content.id !== '',
        label: toggle.getAttribute('aria-label'),
        collapsedClass: li.classList.contains('kibitz-comment--collapsed'),
        contentVisible: visible(content),
        note: note ? { text: note.textContent, visible: visible(note) } : null,
      };
    });
  }

  /** The sign the toggle shows (drawn by the stylesheet): "−" or "+". */
  sign() {
    return this.toggle.evaluate((toggle) => {
      const content = getComputedStyle(toggle, '::before').content;
      // `"−" / ""`: the drawn text, then its (empty) alternative text.
      return JSON.parse(content.split(' / ')[0]);
    });
  }
}

/** Escapes a value for use inside a double-quoted CSS attribute selector. */
function cssString(value) {
  return String(value).replace(/["\\]/g, '\\$&');
}
