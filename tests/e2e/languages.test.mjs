// Languages, zones and date locales (issue 4).
//
// 1. languages.html: seventeen <div data-kibitz data-lang=…> on one six-comment
//    thread. Each heading is that language's comment_count form for 6 (read
//    from src/i18n/<lang>.rs) with the browser's digits; the toggle is its
//    `close`; the root carries lang and dir. Arabic and Hebrew fit 320 px.
// 2. zones.html: 06:30Z and 07:30Z on 2024-03-10 (either side of New York's
//    spring-forward) with "%Y-%m-%d %H:%M %z" in six zones.
// 3. date-locales.html: 2019-01-21T11:27:00Z, absolute, in de, ja, ar and ru,
//    as Intl.DateTimeFormat writes it; and the classic "%B %-d, %Y @ %-I:%M %P".
//    numbers.html: the same seventeen on a thread of 12,345 comments, whose
//    heading writes the count as Intl.NumberFormat does (digits and grouping
//    learned once, not asked of Intl for every number).
// 4. bad-dates.html: an unknown zone, a malformed locale and a bad pattern
//    each still give a date, and each logs its own [kibitz] warning.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from './server.mjs';
import { useBrowser, screenshot, ARTIFACTS } from './browser.mjs';
import { LanguagesPage, LANGUAGES } from './page-objects/languages-page.mjs';
import { ZonesPage } from './page-objects/zones-page.mjs';
import { DateLocalesPage } from './page-objects/date-locales-page.mjs';
import { BadDatesPage } from './page-objects/bad-dates-page.mjs';

const hooks = { before, after, beforeEach, afterEach };

// ---------------------------------------------------------------------------
// The words tables, read from the Rust sources.

const STRING = String.raw`"((?:[^"\\]|\\.)*)"`;

/** A Rust string literal's contents, unescaped (the tables only use \" and \\). */
const unescape = (s) => s.replace(/\\(.)/g, '$1');

/** `comment_count`, `close` and `rtl` of src/i18n/LANG.rs. */
function wordsOf(lang) {
  const source = readFileSync(path.join(ROOT, 'src', 'i18n', `${lang.toLowerCase().replace('-', '_')}.rs`), 'utf8');
  const field = (name) => {
    const m = new RegExp(String.raw`^\s*${name}: ${STRING},`, 'm').exec(source);
    assert.ok(m, `${lang}.rs has ${name}`);
    return unescape(m[1]);
  };
  const rtl = /^\s*rtl: (true|false),/m.exec(source);
  assert.ok(rtl, `${lang}.rs has rtl`);
  let count;
  let m;
  if ((m = new RegExp(String.raw`comment_count: Plural::invariant\(${STRING}\)`).exec(source))) {
    count = { other: unescape(m[1]) };
  } else if ((m = new RegExp(String.raw`comment_count: Plural::one_other\(${STRING},\s*${STRING}\)`).exec(source))) {
    count = { one: unescape(m[1]), other: unescape(m[2]) };
  } else if ((m = /comment_count: Plural \{\n([\s\S]*?)\n\s*\},/.exec(source))) {
    count = {};
    for (const line of m[1].split('\n')) {
      const kv = new RegExp(String.raw`^\s*(\w+): (?:Some\(${STRING}\)|${STRING}|None),?\s*$`).exec(line);
      if (kv && (kv[2] ?? kv[3]) !== undefined) count[kv[1]] = unescape(kv[2] ?? kv[3]);
    }
  }
  assert.ok(count?.other, `${lang}.rs has a comment_count with an other form`);
  return { comment_count: count, close: field('close'), rtl: rtl[1] === 'true', lang: field('lang') };
}

/**
 * CLDR's category for 6: Polish, Russian and Ukrainian file it under "many"
 * ("6 komentarzy", "6 комментариев", "6 коментарів"), Arabic under "few"
 * (3–10), every other language here under "other".
 */
const CATEGORY_OF_SIX = { pl: 'many', ru: 'many', uk: 'many', ar: 'few' };
const RTL = new Set(['ar', 'he']);

// ---------------------------------------------------------------------------
// 1. Every language renders.

async function loadLanguages(ctx) {
  ctx.langs = new LanguagesPage(ctx.page, ctx.server);
  await ctx.langs.goto();
  for (const widget of Object.values(ctx.langs.widgets)) await widget.waitForThread();
  return ctx.langs;
}

describe('languages: seventeen widgets on one thread', () => {
  const ctx = useBrowser(hooks, { server: startServer, shared: true, setup: loadLanguages });

  it('has one table per language, each naming itself', () => {
    for (const lang of LANGUAGES) {
      const words = wordsOf(lang);
      assert.equal(words.lang, lang);
      assert.equal(words.rtl, RTL.has(lang), `${lang}.rs rtl`);
    }
  });

  for (const lang of LANGUAGES) {
    it(`${lang}: heading, toggle, lang and dir`, async () => {
      const widget = ctx.langs.widgets[lang];
      const words = wordsOf(lang);
      const { digits, category } = await ctx.page.evaluate(
        (l) => ({ digits: new Intl.NumberFormat(l).format(6), category: new Intl.PluralRules(l).select(6) }),
        lang,
      );
      assert.equal(category, CATEGORY_OF_SIX[lang] ?? 'other', `the browser's plural category of 6 in ${lang}`);
      const form = words.comment_count[category] ?? words.comment_count.other;
      assert.ok(form.includes('{n}'), `${lang}: the ${category} form has a number`);
      const expected = form.replaceAll('{n}', digits);
      assert.equal(await widget.title.textContent(), expected, `${lang} heading`);
      assert.equal((await widget.snapshot()).length, 6, `${lang}: all six comments`);
      assert.equal(await widget.toggle.textContent(), words.close, `${lang} toggle`);
      assert.equal(await widget.root.getAttribute('lang'), lang);
      assert.equal(await widget.root.getAttribute('dir'), RTL.has(lang) ? 'rtl' : 'ltr');
      // The comments are in the page's language (<html lang="en">), not the
      // widget's: a screen reader reads them in an English voice.
      const bodyLangs = await widget.section.locator('.kibitz-comment__body').evaluateAll((bodies) =>
        [...new Set(bodies.map((b) => b.closest('[lang]').getAttribute('lang')))],
      );
      assert.deepEqual(bodyLangs, ['en']);
    });
  }

  it('every widget fired kibitz:ready with 6, and no [kibitz] warning was logged', async () => {
    const events = await ctx.langs.waitForEvents(LANGUAGES.length);
    assert.deepEqual(
      events.map((e) => [e.type, e.target, e.detail]).sort(),
      LANGUAGES.map((l) => ['kibitz:ready', `div#w-${l}`, 6]).sort(),
    );
    assert.deepEqual(ctx.session.kibitzConsole('warning'), []);
  });

  it('ids that tie parts of a widget together stay inside it', async () => {
    const broken = await ctx.page.evaluate(() =>
      [...document.querySelectorAll('section.kibitz [aria-controls], section.kibitz [aria-labelledby]')].flatMap((el) => {
        const id = el.getAttribute('aria-controls') ?? el.getAttribute('aria-labelledby');
        const targets = [...document.querySelectorAll(`[id="${CSS.escape(id)}"]`)];
        return targets.length === 1 && targets[0].closest('section.kibitz') === el.closest('section.kibitz') ? [] : [id];
      }),
    );
    assert.deepEqual(broken, []);
  });

  // Comment anchors are "kibitz-<thread id>-<comment id>" for the first
  // widget showing a thread; the fifteen others showing second-summit here
  // must fall back to their own prefix rather than repeat those ids.
  it('has no duplicate ids when several widgets show the same thread', async () => {
    assert.deepEqual(await ctx.langs.duplicateIds(), []);
  });
});

describe('languages: a count in the thousands, in each language\'s digits', () => {
  const BIG = 12_345;
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    setup: async (ctx) => {
      const numbers = new LanguagesPage(ctx.page, ctx.server, '/posts/numbers.html');
      await numbers.goto();
      ctx.widgets = numbers.widgets;
      for (const widget of Object.values(ctx.widgets)) await widget.waitForThread();
    },
  });

  for (const lang of LANGUAGES) {
    it(`${lang}: the heading counts ${BIG} as Intl writes it`, async () => {
      const { number, category } = await ctx.page.evaluate(
        ([l, n]) => ({ number: new Intl.NumberFormat(l).format(n), category: new Intl.PluralRules(l).select(n) }),
        [lang, BIG],
      );
      const words = wordsOf(lang);
      const form = words.comment_count[category] ?? words.comment_count.other;
      assert.equal(await ctx.widgets[lang].title.textContent(), form.replaceAll('{n}', number), `${lang} heading`);
    });
  }
});

describe('languages: Arabic and Hebrew at 320 px', () => {
  const ctx = useBrowser(hooks, { server: startServer, shared: true, setup: loadLanguages, page: { width: 320, height: 800 } });

  it('the page does not scroll sideways', async () => {
    const { viewport, scrollWidth, bodyScrollWidth } = await ctx.langs.overflow();
    assert.equal(viewport, 320);
    assert.ok(scrollWidth <= 320 && bodyScrollWidth <= 320, `scrollWidth ${scrollWidth}, body ${bodyScrollWidth}`);
  });

  for (const lang of ['ar', 'he']) {
    it(`${lang}: nothing sticks out on either side (screenshot)`, async () => {
      const widget = ctx.langs.widgets[lang];
      // Right-to-left overflow goes left, where the document's scrollWidth
      // does not see it: check the widget's own scroll box and every box in it.
      const report = await widget.root.evaluate((root) => {
        const box = root.getBoundingClientRect();
        const outside = [];
        for (const el of root.querySelectorAll('*')) {
          for (const rect of el.getClientRects()) {
            if (rect.width === 0 && rect.height === 0) continue;
            if (rect.left < Math.max(box.left, 0) - 1 || rect.right > Math.min(box.right, window.innerWidth) + 1) {
              outside.push(`${el.tagName.toLowerCase()}.${el.className} [${Math.round(rect.left)}, ${Math.round(rect.right)}]`);
              break;
            }
          }
        }
        return {
          left: box.left,
          right: box.right,
          scrollWidth: root.scrollWidth,
          clientWidth: root.clientWidth,
          outside,
        };
      });
      assert.ok(report.left >= 0 && report.right <= 320, `widget box [${report.left}, ${report.right}]`);
      assert.ok(report.scrollWidth <= report.clientWidth, `root scrollWidth ${report.scrollWidth} > clientWidth ${report.clientWidth}`);
      assert.deepEqual(report.outside.slice(0, 10), [], `${lang}: boxes outside the widget`);
      await widget.mount.scrollIntoViewIfNeeded();
      await widget.mount.screenshot({ path: path.join(ARTIFACTS, `languages-${lang}-320.png`), animations: 'disabled' });
    });
  }
});

// ---------------------------------------------------------------------------
// 2. Zones.

const AT_0630 = '2024-03-10T06:30:00Z';
const AT_0730 = '2024-03-10T07:30:00Z';

describe('zones: %Y-%m-%d %H:%M %z', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    setup: async (ctx) => {
      ctx.zones = new ZonesPage(ctx.page, ctx.server);
      await ctx.zones.goto();
      for (const widget of Object.values(ctx.zones.widgets)) await widget.waitForThread();
    },
  });

  /** { id: [datetime, text, title] } of a zone's widget. */
  const times = async (zone) => {
    const comments = await ctx.zones.widgets[zone].snapshot();
    const titles = await ctx.zones.widgets[zone].section.evaluate((s) =>
      Object.fromEntries([...s.querySelectorAll('li.kibitz-comment')].map((li) => {
        // The tooltip is written when the pointer reaches the time.
        const time = li.querySelector('.kibitz-comment__time');
        time.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
        return [li.dataset.commentId, time.title];
      })),
    );
    return Object.fromEntries(comments.map((c) => [c.id, [c.datetime, c.timeText, titles[c.id]]]));
  };

  const cases = [
    ['America/New_York', '2024-03-10 03:30 -0400', '2024-03-10 01:30 -0500'],
    ['Europe/Berlin', '2024-03-10 08:30 +0100', '2024-03-10 07:30 +0100'],
    ['Asia/Kolkata', '2024-03-10 13:00 +0530', '2024-03-10 12:00 +0530'],
    ['Pacific/Chatham', '2024-03-10 21:15 +1345', '2024-03-10 20:15 +1345'],
    ['Pacific/Kiritimati', '2024-03-10 21:30 +1400', '2024-03-10 20:30 +1400'],
    ['Pacific/Pago_Pago', '2024-03-09 20:30 -1100', '2024-03-09 19:30 -1100'],
  ];
  for (const [zone, at0730, at0630] of cases) {
    it(`${zone}: ${at0730} (and ${at0630} an hour earlier)`, async () => {
      const t = await times(zone);
      assert.deepEqual([t.z0730[0], t.z0730[1]], [AT_0730, at0730]);
      assert.deepEqual([t.z0630[0], t.z0630[1]], [AT_0630, at0630]);
      // The tooltip: the full date, the time and the zone, as the browser writes them there.
      for (const [id, iso] of [['z0730', AT_0730], ['z0630', AT_0630]]) {
        const parts = await ctx.page.evaluate(
          ([timeZone, iso]) =>
            Object.fromEntries(
              new Intl.DateTimeFormat('en', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone })
                .formatToParts(new Date(iso))
                .map((p) => [p.type, p.value]),
            ),
          [zone, iso],
        );
        const title = t[id][2];
        for (const part of ['weekday', 'month', 'day', 'year', 'minute', 'timeZoneName']) {
          assert.ok(title.includes(parts[part]), `${zone} ${id}: title ${JSON.stringify(title)} has ${part} ${JSON.stringify(parts[part])}`);
        }
        assert.match(title, new RegExp(`\\b${parts.hour}:${parts.minute}\\b`), `${zone} ${id}: title has the time`);
      }
    });
  }

  it('New York: the two comments straddle the spring-forward, an hour apart but two on the clock', async () => {
    const t = await times('America/New_York');
    assert.ok(t.z0630[1].endsWith('-0500') && t.z0730[1].endsWith('-0400'));
    assert.ok(/\bEST\b/.test(t.z0630[2]) && /\bEDT\b/.test(t.z0730[2]), `titles ${t.z0630[2]} / ${t.z0730[2]}`);
  });

  it('the date line: Kiritimati and Pago Pago show different days for the same instant', async () => {
    const kiritimati = await times('Pacific/Kiritimati');
    const pagoPago = await times('Pacific/Pago_Pago');
    for (const id of ['z0630', 'z0730']) {
      assert.equal(kiritimati[id][0], pagoPago[id][0], 'the same instant');
      const day = (text) => text.slice(0, 10);
      assert.equal(day(kiritimati[id][1]), '2024-03-10');
      assert.equal(day(pagoPago[id][1]), '2024-03-09');
      // 25 hours apart on the clock: same minutes, hour one less, a day earlier.
      assert.equal(kiritimati[id][1].slice(11, 16).split(':')[1], pagoPago[id][1].slice(11, 16).split(':')[1]);
    }
    assert.deepEqual(ctx.session.kibitzConsole('warning'), []);
  });
});

// ---------------------------------------------------------------------------
// 3. Locales.

const CLASSIC = '2019-01-21T11:27:00Z';

describe('date locales: absolute dates and the classic pattern', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    setup: async (ctx) => {
      ctx.dates = new DateLocalesPage(ctx.page, ctx.server);
      await ctx.dates.goto();
      for (const widget of [...Object.values(ctx.dates.absolute), ctx.dates.classic]) await widget.waitForThread();
    },
  });

  const sanity = { de: 'Januar', ja: '2019年1月21日', ar: 'يناير', ru: 'января' };

  for (const locale of ['de', 'ja', 'ar', 'ru']) {
    it(`${locale}: as Intl.DateTimeFormat writes it (${sanity[locale]})`, async () => {
      const expected = await ctx.page.evaluate(
        ([locale, iso]) =>
          new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(new Date(iso)),
        [locale, CLASSIC],
      );
      const [comment] = await ctx.dates.absolute[locale].snapshot();
      assert.equal(comment.datetime, CLASSIC);
      assert.equal(comment.timeText, expected);
      assert.ok(comment.timeText.includes(sanity[locale]), `${JSON.stringify(comment.timeText)} has ${sanity[locale]}`);
    });
  }

  it('en: "%B %-d, %Y @ %-I:%M %P" gives "January 21, 2019 @ 11:27 am"', async () => {
    const [comment] = await ctx.dates.classic.snapshot();
    assert.equal(comment.datetime, CLASSIC);
    assert.equal(comment.timeText, 'January 21, 2019 @ 11:27 am');
    assert.deepEqual(ctx.session.kibitzConsole('warning'), []);
  });
});

// ---------------------------------------------------------------------------
// 4. Invalid values.

describe('date settings the browser cannot use', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    setup: async (ctx) => {
      ctx.bad = new BadDatesPage(ctx.page, ctx.server);
      await ctx.bad.goto();
      for (const widget of [ctx.bad.zone, ctx.bad.locale, ctx.bad.style]) await widget.waitForThread();
    },
  });

  const cases = [
    ['zone', 'data-timezone', '"Mars/Olympus_Mons"'],
    ['locale', 'data-locale', '"not a locale!"'],
    ['style', 'data-time-style', '"%Q"'],
  ];
  for (const [key, attribute, value] of cases) {
    it(`${attribute}=${value}: still a date, and one warning naming it`, async () => {
      const [comment] = await ctx.bad[key].snapshot();
      assert.equal(comment.datetime, CLASSIC);
      assert.ok(comment.timeText.trim().length > 0, 'a date is shown');
      assert.notEqual(comment.timeText, 'date unknown');
      assert.match(comment.timeText, /2019/, `the date ${JSON.stringify(comment.timeText)} has its year`);
      const warnings = ctx.session.kibitzConsole('warning').filter((w) => w.startsWith(`[kibitz] ${attribute}`));
      assert.equal(warnings.length, 1, `one ${attribute} warning: ${JSON.stringify(ctx.session.kibitzConsole('warning'))}`);
      assert.ok(warnings[0].includes(value), `the warning quotes the value: ${warnings[0]}`);
    });
  }

  it('logs exactly those three warnings (screenshot)', async () => {
    const warnings = ctx.session.kibitzConsole('warning');
    assert.equal(warnings.length, 3, JSON.stringify(warnings));
    await screenshot(ctx.page, 'languages-bad-dates');
  });
});
