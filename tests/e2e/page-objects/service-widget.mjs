// Component objects for a widget showing a service thread (Bluesky,
// Mastodon, Hacker News) or rich bodies: the Widget and Comment of
// widget.mjs plus the parts those threads add (join link, handles,
// avatars, content warnings, @Name links), and a check of the markup
// that comment bodies may contain.

import { Widget, Comment } from './widget.mjs';

/** The `rel` of every link that comes from a comment. */
export const UGC_REL = 'nofollow ugc noopener noreferrer';

export class ServiceWidget extends Widget {
  constructor(page, mount) {
    super(page, mount);
    /** "Reply on Bluesky", "Reply on Mastodon", "Discuss on Hacker News". */
    this.join = this.header.locator('a.kibitz-header__join');
    this.avatars = this.root.locator('.kibitz-avatar');
    this.emoji = this.section.locator('img.kibitz-emoji');
    this.warnings = this.section.locator('.kibitz-warning');
    this.mentions = this.section.locator('a.kibitz-mention');
  }

  /** @returns {ServiceComment} */
  comment(id) {
    return new ServiceComment(super.comment(id).li);
  }

  /**
   * What in the widget breaks the markup rules for comment data: elements
   * outside the allowlist in a body, attributes other than a safe href (and
   * the rel kibitz adds), event handlers anywhere, scripts, images other
   * than https avatars and emoji, and comment links without the UGC rel.
   * An empty list means all is well.
   */
  markupProblems() {
    return this.root.evaluate((root, ugcRel) => {
      const problems = [];
      const where = (el) => {
        const li = el.closest('li.kibitz-comment');
        return `<${el.tagName.toLowerCase()}> in ${li ? `comment ${li.dataset.commentId}` : 'the widget'}`;
      };
      const safeHref = (href) => /^(https?:\/\/|mailto:|#)/i.test(href ?? '');
      const allowed = new Set(['P', 'BR', 'A', 'EM', 'STRONG', 'I', 'B', 'U', 'S', 'DEL', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'SPAN']);
      const emojiAttributes = new Set(['class', 'src', 'alt', 'title', 'width', 'height', 'loading']);
      for (const el of root.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name)) problems.push(`${where(el)} has ${attr.name}`);
        }
        if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'FORM', 'SVG', 'TEMPLATE'].includes(el.tagName)) {
          problems.push(`${where(el)} should not exist`);
        }
        if (el.tagName === 'IMG') {
          const ok = (el.matches('.kibitz-avatar > img.kibitz-avatar__picture') || el.classList.contains('kibitz-emoji')) && /^https:\/\//.test(el.getAttribute('src'));
          if (!ok) problems.push(`${where(el)} is an image other than an https avatar or emoji: ${el.outerHTML}`);
        }
        if (el.tagName === 'A' && !safeHref(el.getAttribute('href'))) {
          problems.push(`${where(el)} has an unsafe href: ${el.getAttribute('href')}`);
        }
      }
      for (const body of root.querySelectorAll('.kibitz-comment__body')) {
        for (const el of body.querySelectorAll('*')) {
          const names = [...el.attributes].map((a) => a.name);
          if (el.matches('img.kibitz-emoji')) {
            for (const name of names) if (!emojiAttributes.has(name)) problems.push(`${where(el)} has ${name}`);
            continue;
          }
          if (!allowed.has(el.tagName)) problems.push(`${where(el)} is not on the allowlist`);
          const ok = el.matches('a.kibitz-mention')
            ? ['class', 'href']
            : el.tagName === 'A' ? ['href', 'rel'] : [];
          for (const name of names) if (!ok.includes(name)) problems.push(`${where(el)} has ${name}="${el.getAttribute(name)}"`);
          if (el.tagName === 'A' && !el.matches('a.kibitz-mention') && el.getAttribute('rel') !== ugcRel) {
            problems.push(`${where(el)} has rel="${el.getAttribute('rel')}"`);
          }
          if (el.matches('a.kibitz-mention') && !/^#/.test(el.getAttribute('href'))) {
            problems.push(`${where(el)} is a mention that leaves the page`);
          }
        }
      }
      for (const a of root.querySelectorAll('.kibitz-comment__meta a:not(.kibitz-comment__number)')) {
        if (a.getAttribute('rel') !== ugcRel) problems.push(`${where(a)} (author link) has rel="${a.getAttribute('rel')}"`);
      }
      // A comment's number is the widget's own link to that comment.
      for (const a of root.querySelectorAll('a.kibitz-comment__number')) {
        if (a.getAttribute('href') !== `#${a.closest('li.kibitz-comment').id}`) {
          problems.push(`${where(a)} (permalink) leads to ${a.getAttribute('href')}`);
        }
      }
      return problems;
    }, UGC_REL);
  }

  /** Every link in the comment bodies: [text, href, rel]. */
  bodyLinks() {
    return this.section.evaluate((section) =>
      [...section.querySelectorAll('.kibitz-comment__body a')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')]),
    );
  }
}

export class ServiceComment extends Comment {
  /** @param {import('playwright-core').Locator} li */
  constructor(li) {
    super(li);
    this.handle = this.meta.locator('.kibitz-comment__handle');
    /** The initial, with the picture (if any) over it. */
    this.avatar = this.meta.locator('.kibitz-avatar');
    this.picture = this.avatar.locator('img.kibitz-avatar__picture');
    this.warning = this.content.locator(':scope > .kibitz-warning');
    this.warningText = this.warning.locator('.kibitz-warning__text');
    this.warningToggle = this.warning.locator('button.kibitz-warning__toggle');
    /** The element a content warning hides: the body's wrapper. */
    this.warned = this.content.locator(':scope > .kibitz-warning + div');
    // Behind a warning, the body sits one level down.
    this.body = this.content.locator(':scope > .kibitz-comment__body, :scope > .kibitz-warning + div > .kibitz-comment__body');
    this.mention = this.body.locator('a.kibitz-mention');
  }
}
