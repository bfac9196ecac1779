// A widget fits the page it is on: fit.html is a grey serif blog whose
// root is 62.5 % (1rem = 10 px) and whose element rules uppercase buttons
// and space out list items. The widget takes the text size around it,
// keeps its quiet text (times, numbers) at 4.5:1 or more against the page,
// and is not bent by the page's element rules. Also: a phone's header with
// a join link, and <kibitz-thread> inside another component's shadow root
// or in a browser without custom elements.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot } from './browser.mjs';

const hooks = { before, after, beforeEach, afterEach };

/** WCAG contrast of two "rgb(…)"/"color(srgb …)" colours, the first possibly translucent over the second. */
function contrast(fg, bg) {
  const parse = (c) => {
    const srgb = /color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)/.exec(c);
    if (srgb) return [+srgb[1] * 255, +srgb[2] * 255, +srgb[3] * 255, srgb[4] === undefined ? 1 : +srgb[4]];
    const rgb = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(c);
    return [+rgb[1], +rgb[2], +rgb[3], rgb[4] === undefined ? 1 : +rgb[4]];
  };
  const [r, g, b, a] = parse(fg);
  const [R, G, B] = parse(bg);
  const mix = [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
  const lum = (rgb) => {
    const [x, y, z] = rgb.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * x + 0.7152 * y + 0.0722 * z;
  };
  const [l1, l2] = [lum(mix), lum([R, G, B])].sort((p, q) => q - p);
  return (l1 + 0.05) / (l2 + 0.05);
}

/**
 * The computed colour `property` of `locator`'s element as "rgba(…)": the
 * stylesheet computes some colours in OKLCH, which a canvas converts.
 */
function colorOf(locator, property = 'color') {
  return locator.evaluate((el, property) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.fillStyle = getComputedStyle(el)[property];
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return `rgba(${r}, ${g}, ${b}, ${a / 255})`;
  }, property);
}

/** Serves fit.html with its text and background colours replaced. */
async function recolour(page, text, background) {
  await page.route('**/posts/fit.html', async (route) => {
    const response = await route.fetch();
    const original = await response.text();
    const body = original.replace('background: #fff; color: #444;', `background: ${background}; color: ${text};`);
    assert.notEqual(body, original, 'fit.html has its colours where this replaces them');
    await route.fulfill({ response, body });
  });
}

/** The widget's colour for `variable` (--k-muted, --k-accent, --k-danger), as a span inside it shows it. */
async function themeColour(page, variable) {
  const probe = page.locator('#fit .kibitz-comment__body').first();
  await probe.evaluate((el, variable) => {
    const span = document.createElement('span');
    span.id = 'colour-probe';
    span.style.color = `var(${variable})`;
    el.append(span);
  }, variable);
  const colour = await colorOf(page.locator('#colour-probe'));
  await page.locator('#colour-probe').evaluate((el) => el.remove());
  return colour;
}

describe('a widget fits its page', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  async function open() {
    await ctx.page.goto(ctx.server.url('/posts/fit.html'));
    await ctx.page.waitForSelector('#fit li.kibitz-comment');
    await ctx.page.waitForSelector('#fit-he li.kibitz-comment');
  }

  it('takes the size of the text around it, not the root\'s', async () => {
    await open();
    const size = (selector) => ctx.page.locator(selector).first().evaluate((el) => getComputedStyle(el).fontSize);
    assert.equal(await size('#fit .kibitz-comment__body'), '20px');
    assert.equal(await size('#fit .kibitz-comment__meta'), '17.5px');
    await screenshot(ctx.page, 'fit-grey-serif', { fullPage: false, clip: await ctx.page.locator('#fit').boundingBox() });
  });

  it('keeps times and numbers at 4.5:1 against the page, on grey host text', async () => {
    await open();
    for (const selector of ['.kibitz-comment__time', '.kibitz-comment__number', '.kibitz-toolbar__label']) {
      const color = await colorOf(ctx.page.locator(`#fit ${selector}`).first());
      const ratio = contrast(color, 'rgb(255, 255, 255)');
      assert.ok(ratio >= 4.5, `${selector}: ${color} is ${ratio.toFixed(2)}:1`);
    }
    // The order control's value is the text's colour, not muted twice.
    const select = await ctx.page.locator('#fit select.kibitz-sort').evaluate((el) => getComputedStyle(el).color);
    assert.equal(select, 'rgb(68, 68, 68)');
  });

  it('keeps links and the focus ring readable on a dark page in the light look', async () => {
    await recolour(ctx.page, '#eee', '#111');
    await open();
    const link = await colorOf(ctx.page.locator('#fit .kibitz-comment__body a').first());
    const ratio = contrast(link, 'rgb(17, 17, 17)');
    assert.ok(ratio >= 4.5, `link ${link} is ${ratio.toFixed(2)}:1 on #111`);
    await ctx.page.locator('#fit .kibitz-comment__toggle').first().focus();
    await ctx.page.keyboard.press('Shift+Tab');
    await ctx.page.keyboard.press('Tab');
    const ring = await colorOf(ctx.page.locator(':focus'), 'outlineColor');
    assert.ok(contrast(ring, 'rgb(17, 17, 17)') >= 3, `focus ring ${ring}`);
  });

  // Grey text on white and light grey on near-black are common blog
  // colours: the widget's quieter text, its links and its error colour,
  // drawn from the text, must still read at 4.5:1 where the text does.
  for (const [text, background, backgroundRgb] of [
    ['#666', '#fff', 'rgb(255, 255, 255)'],
    ['#595959', '#fff', 'rgb(255, 255, 255)'],
    ['#bbb', '#1a1a1a', 'rgb(26, 26, 26)'],
  ]) {
    it(`keeps muted text, links and the error colour at 4.5:1 for ${text} text on ${background}`, async () => {
      await recolour(ctx.page, text, background);
      await open();
      const colours = {
        time: await colorOf(ctx.page.locator('#fit .kibitz-comment__time').first()),
        link: await colorOf(ctx.page.locator('#fit .kibitz-comment__body a').first()),
        danger: await themeColour(ctx.page, '--k-danger'),
      };
      for (const [what, colour] of Object.entries(colours)) {
        const ratio = contrast(colour, backgroundRgb);
        assert.ok(ratio >= 4.5, `${what}: ${colour} is ${ratio.toFixed(2)}:1 on ${background}`);
      }
      // Colours of their own, not the text's (which a colour the browser
      // could not compute would fall back to).
      const textColour = await colorOf(ctx.page.locator('#fit .kibitz-comment__body').first());
      assert.deepEqual(new Set([textColour, colours.link, colours.danger]).size, 3, JSON.stringify({ textColour, ...colours }));
    });
  }

  it("is not bent by the page's element rules", async () => {
    await open();
    const style = (selector, property) => ctx.page.locator(`#fit ${selector}`).first().evaluate((el, p) => getComputedStyle(el)[p], property);
    assert.equal(await style('.kibitz-header__toggle', 'textTransform'), 'none');
    assert.equal(await style('.kibitz-header__title', 'letterSpacing'), 'normal');
    assert.equal(await style('select.kibitz-sort', 'textTransform'), 'none');
    assert.equal(await style('li.kibitz-comment', 'marginBottom'), '0px');
  });

  it('does not slant Hebrew, which has no italics', async () => {
    await open();
    const edited = ctx.page.locator('#fit-he .kibitz-comment__edited').first();
    assert.equal(await edited.evaluate((el) => getComputedStyle(el).fontStyle), 'normal');
    assert.equal(await ctx.page.locator('#fit .kibitz-comment__edited').first().evaluate((el) => getComputedStyle(el).fontStyle), 'italic');
  });

  it('keeps the comment toggle a 24-pixel target on a page whose rem is 10 px', async () => {
    await open();
    const box = await ctx.page.locator('#fit .kibitz-comment__toggle').first().boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, JSON.stringify(box));
    const button = await ctx.page.locator('#fit .kibitz-header__toggle').boundingBox();
    assert.ok(button.height >= 32, JSON.stringify(button));
  });

  it('says "Link copied" on a line of its own: the number stays under the pointer', async () => {
    await ctx.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.server.origin });
    await open();
    const number = ctx.page.locator('#fit .kibitz-comment__number').first();
    const before = await number.evaluate((el) => el.getBoundingClientRect().x);
    await number.click();
    await ctx.page.locator('#fit .kibitz-comment__copied').first().waitFor();
    assert.equal(await number.evaluate((el) => el.getBoundingClientRect().x), before);
  });

  it('in forced colours, avatars keep their circle', async () => {
    await ctx.page.emulateMedia({ forcedColors: 'active' });
    await open();
    const border = await ctx.page.locator('#fit .kibitz-avatar').first().evaluate((el) => getComputedStyle(el).borderTopStyle);
    assert.equal(border, 'solid');
  });

  it('on a phone, the join link and the toggle share a line under the heading', async () => {
    await ctx.page.setViewportSize({ width: 375, height: 700 });
    await ctx.page.goto(ctx.server.url('/posts/bluesky.html'));
    const join = ctx.page.locator('a.kibitz-header__join');
    await join.waitFor();
    const [title, link, toggle] = await Promise.all(
      ['.kibitz-header__title', 'a.kibitz-header__join', '.kibitz-header__toggle'].map((s) => ctx.page.locator(s).boundingBox()),
    );
    assert.ok(Math.abs(link.y + link.height / 2 - (toggle.y + toggle.height / 2)) < 2, `${JSON.stringify(link)} ${JSON.stringify(toggle)}`);
    assert.ok(title.y + title.height <= link.y + 1, 'the heading above them');
    await screenshot(ctx.page, 'phone-header-join', { fullPage: false, clip: await ctx.page.locator('.kibitz-header').boundingBox() });
  });
});

describe('a <kibitz-thread> inside another component', () => {
  const ctx = useBrowser(hooks, { server: startServer });

  it("is styled in the component's shadow root", async () => {
    await ctx.page.goto(ctx.server.url('/posts/spa.html'));
    await ctx.page.evaluate(() => {
      customElements.define('x-host', class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).innerHTML =
            '<kibitz-thread src="/threads/second-summit.json" loading="eager"></kibitz-thread>';
        }
      });
      document.querySelector('main').append(document.createElement('x-host'));
    });
    await ctx.page.locator('x-host li.kibitz-comment').first().waitFor();
    const display = await ctx.page.locator('x-host .kibitz-header').evaluate((el) => getComputedStyle(el).display);
    assert.equal(display, 'flex');
    assert.equal(await ctx.page.locator('x-host link[data-kibitz-style]').count(), 1);
  });

  it('in a browser without custom elements, says why it stays empty', async () => {
    await ctx.page.addInitScript(() => Object.defineProperty(window, 'customElements', { value: undefined }));
    await ctx.page.route('**/posts/spa.html', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('<main>', '<main><kibitz-thread src="/threads/one-comment.json"></kibitz-thread>');
      await route.fulfill({ response, body });
    });
    await ctx.page.goto(ctx.server.url('/posts/spa.html'));
    await ctx.page.waitForFunction(() => window.kibitz && window.kibitz.mount);
    await ctx.page.waitForTimeout(200);
    const said = ctx.session.kibitzConsole('warning');
    assert.equal(said.length, 1, JSON.stringify(said));
    assert.match(said[0], /no custom elements: <kibitz-thread> cannot show its comments/);
  });
});

