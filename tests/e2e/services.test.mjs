// Threads from Bluesky, Mastodon and Hacker News (issue 3): their public
// JSON served from 127.0.0.1 and recognised by shape; the data-bluesky,
// data-mastodon and data-hn shortcuts against faked APIs; content
// warnings; services' own error answers; data-avatars="off"; and native
// Markdown / HTML bodies with replies that answer by @Name.
//
// No test reaches a live service: fake-services.mjs routes every request
// of the browser context, answers the service URLs below with fixtures,
// aborts anything else and fails the test if anything else was asked for.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, eventually, screenshot } from './browser.mjs';
import { fakeServices, fixture, json, PICTURE } from './fake-services.mjs';
import { HostPage } from './page-objects/host-page.mjs';
import { UGC_REL } from './page-objects/service-widget.mjs';
import { REMOVED_AVATAR } from './page-objects/widget.mjs';
import { BlueskyPage } from './page-objects/bluesky-page.mjs';
import { MastodonPage } from './page-objects/mastodon-page.mjs';
import { HnPage } from './page-objects/hn-page.mjs';
import { BlueskyShortcutPage } from './page-objects/bluesky-shortcut-page.mjs';
import { BlueskyAtUriPage } from './page-objects/bluesky-at-uri-page.mjs';
import { MastodonShortcutPage } from './page-objects/mastodon-shortcut-page.mjs';
import { HnShortcutPage } from './page-objects/hn-shortcut-page.mjs';
import { ServiceErrorsPage } from './page-objects/service-errors-page.mjs';
import { AvatarsOffPage } from './page-objects/avatars-off-page.mjs';
import { FormatsPage } from './page-objects/formats-page.mjs';
import { ShortcutBesideDivPage } from './page-objects/shortcut-beside-div-page.mjs';

const hooks = { before, after, beforeEach, afterEach };
const isShown = HostPage.isShown;

// The API URLs the shortcuts must build, written out in full.
const BSKY_XRPC = 'https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread';
const API = {
  blueskyRoot: `${BSKY_XRPC}?uri=at%3A%2F%2Fmarisol.example.com%2Fapp.bsky.feed.post%2F3kroot&depth=1000&parentHeight=0`,
  blueskyOther: `${BSKY_XRPC}?uri=at%3A%2F%2Fdid%3Aplc%3Aauthor111%2Fapp.bsky.feed.post%2F3kother&depth=1000&parentHeight=0`,
  blueskyGone: `${BSKY_XRPC}?uri=at%3A%2F%2Fmarisol.example.com%2Fapp.bsky.feed.post%2F3kgone&depth=1000&parentHeight=0`,
  blueskyRoot404: `${BSKY_XRPC}?uri=at%3A%2F%2Fmarisol.example.com%2Fapp.bsky.feed.post%2F3kroot404&depth=1000&parentHeight=0`,
  mastodon: 'https://mastodon.example/api/v1/statuses/103270115826000000/context',
  mastodon404: 'https://mastodon.example/api/v1/statuses/404404/context',
  hn: 'https://hn.algolia.com/api/v1/items/8863',
  hn404: 'https://hn.algolia.com/api/v1/items/99999999',
};

// Pictures the fixtures point at and kibitz may show.
const IMAGES = {
  joaquinAvatar: 'https://cdn.bsky.app/img/avatar/plain/did:plc:joaq222/b@jpeg',
  zofiaAvatar: 'https://files.mastodon.example/accounts/avatars/2.png',
  anaAvatar: 'https://elsewhere.example/a.png',
  blobcat: 'https://files.mastodon.example/emoji/blobcat_static.png',
};

const ANSWERS = {
  [API.blueskyRoot]: fixture('bluesky-thread.json'),
  [API.blueskyOther]: fixture('bluesky-placeholders.json'),
  [API.blueskyGone]: json({ error: 'NotFound', message: 'Post not found' }, 400),
  [API.blueskyRoot404]: json({
    thread: { $type: 'app.bsky.feed.defs#notFoundPost', uri: 'at://marisol.example.com/app.bsky.feed.post/3kroot404', notFound: true },
  }),
  [API.mastodon]: fixture('mastodon-context.json'),
  [API.mastodon404]: json({ error: 'Record not found' }),
  [API.hn]: fixture('hn-item.json'),
  [API.hn404]: json({ error: 'Not Found', status: 404 }, 404),
  ...Object.fromEntries(Object.values(IMAGES).map((url) => [url, PICTURE])),
};

/**
 * useBrowser with every request of the context routed through the fake
 * services, and a check after every test that nothing else was asked for.
 */
function servicesBrowser(options = {}) {
  const ctx = useBrowser(hooks, {
    server: startServer,
    ...options,
    async setup(ctx) {
      ctx.net = await fakeServices(ctx.session.context, ctx.server, ANSWERS);
      if (options.setup) await options.setup(ctx);
    },
  });
  afterEach(() => ctx.net?.assertContained());
  return ctx;
}

/** Opens a page object's page and waits for its thread. */
async function load(ctx, Page) {
  const host = new Page(ctx.page, ctx.server);
  await host.goto();
  await host.widget.waitForThread();
  return host;
}

/** A body's markup, without the comment nodes the framework leaves in it. */
function markup(locator) {
  return locator.evaluate((el) => {
    const copy = el.cloneNode(true);
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
    const comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    for (const c of comments) c.remove();
    return copy.innerHTML;
  });
}

/**
 * The tree of a widget: [id, number, author, parent id, depth] per comment.
 * A removed comment has no author (undefined).
 */
async function tree(widget) {
  return (await widget.snapshot()).map((c) => [c.id, c.number, c.author, c.parent, c.depth]);
}

const BSKY = {
  joaquin: 'at://did:plc:joaq222/app.bsky.feed.post/3kaaa',
  marisol: 'at://did:plc:author111/app.bsky.feed.post/3kbbb',
  notFound: 'at://did:plc:gone333/app.bsky.feed.post/3kccc',
  blocked: 'at://did:plc:blocked444/app.bsky.feed.post/3kddd',
};
const BSKY_TREE = [
  [BSKY.joaquin, '#1', 'Joaquín 🏔️', null, 1],
  [BSKY.marisol, '#2', 'marisol.example.com', BSKY.joaquin, 2],
  [BSKY.notFound, '#3', undefined, null, 1],
  [BSKY.blocked, '#4', undefined, null, 1],
];
const MASTO = { zofia: '103270115826048975', sid: '103270115826049000', ana: '103270115826049999' };
const MASTO_TREE = [
  [MASTO.zofia, '#1', 'Zofia W. :verified:', null, 1],
  [MASTO.sid, '#2', 'sid', MASTO.zofia, 2],
  [MASTO.ana, '#3', 'Ana', null, 1],
];
const HN_TREE = [
  ['8864', '#1', 'tptacek', null, 1],
  ['8865', '#2', undefined, '8864', 2],
  ['8866', '#3', 'dang', '8865', 3],
  ['8867', '#4', undefined, null, 1],
  ['8868', '#5', 'patio11', '8867', 2],
];

/** Asserts the header's join link: one, visible, with its words and address. */
async function assertJoin(widget, text, href) {
  assert.equal(await widget.join.count(), 1, 'one join link');
  assert.equal(await widget.join.textContent(), text);
  assert.equal(await widget.join.getAttribute('href'), href);
  const rel = (await widget.join.getAttribute('rel')).split(/\s+/);
  for (const word of ['nofollow', 'noopener', 'noreferrer']) assert.ok(rel.includes(word), `join rel has ${word}: ${rel}`);
  assert.ok(await widget.join.isVisible());
}

async function assertReadyQuietly(ctx, host, count) {
  const events = await host.waitForEvents(1);
  assert.deepEqual(events.map((e) => [e.type, e.detail]), [['kibitz:ready', count]]);
  assert.deepEqual(ctx.session.kibitzConsole('warning'), []);
  assert.deepEqual(ctx.session.kibitzConsole('error'), []);
}

describe('Bluesky getPostThread from data-src (shape-detected)', () => {
  const ctx = servicesBrowser({ shared: true, setup: async (ctx) => { ctx.host = await load(ctx, BlueskyPage); } });

  it('counts the four replies, not the root post, and fires kibitz:ready 4', async () => {
    const { widget } = ctx.host;
    assert.equal(await widget.title.textContent(), '4 Comments');
    assert.equal(await widget.comments.count(), 4);
    await assertReadyQuietly(ctx, ctx.host, 4);
    const text = await widget.root.textContent();
    assert.ok(!text.includes('New post: The second summit'), 'the root post is not a comment');
    assert.ok(!text.includes('Marisol Etxeberria'), 'nor is its author');
  });

  it('nests the reply under its parent and numbers by createdAt, placeholders last', async () => {
    assert.deepEqual(await tree(ctx.host.widget), BSKY_TREE);
    const joaquin = ctx.host.widget.comment(BSKY.joaquin);
    assert.equal(await joaquin.time.getAttribute('data-datetime'), '2024-03-01T11:00:00Z');
    assert.equal(await joaquin.replies.count(), 1);
  });

  it('shows display name, @handle, profile link and avatar; a handle alone is the name', async () => {
    const { widget } = ctx.host;
    const joaquin = widget.comment(BSKY.joaquin);
    assert.equal(await joaquin.author.textContent(), 'Joaquín 🏔️');
    assert.equal(await joaquin.author.getAttribute('href'), 'https://bsky.app/profile/joaquin.bsky.social');
    assert.equal(await joaquin.author.getAttribute('rel'), UGC_REL);
    assert.equal(await joaquin.handle.textContent(), '@joaquin.bsky.social');
    assert.ok(await joaquin.handle.isVisible());
    assert.equal(await joaquin.picture.getAttribute('src'), IMAGES.joaquinAvatar);
    assert.equal(await joaquin.avatar.getAttribute('aria-hidden'), 'true');
    // An empty display name falls back to the handle, shown once, as the
    // name: no separate handle. No avatar, an initial.
    const marisol = widget.comment(BSKY.marisol);
    assert.equal(await marisol.author.textContent(), 'marisol.example.com');
    assert.equal(await marisol.author.getAttribute('href'), 'https://bsky.app/profile/marisol.example.com');
    assert.equal(await marisol.handle.count(), 0);
    assert.equal((await marisol.meta.textContent()).split('marisol.example.com').length - 1, 1, 'the handle appears once');
    assert.equal(await marisol.picture.count(), 0);
    // innerText: the initial as shown (the stylesheet capitalises it).
    assert.equal(await marisol.avatar.innerText(), 'M');
  });

  it('turns facets into links (mention, link, tag) with the UGC rel', async () => {
    const body = ctx.host.widget.comment(BSKY.joaquin).body;
    assert.equal(
      await body.textContent(),
      'Great read, @marisol.example.com! Forecast: mountain-forecast.com/peaks/Aconcagua #mountaineering',
    );
    const links = await body.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')]));
    assert.deepEqual(links, [
      ['@marisol.example.com', 'https://bsky.app/profile/did:plc:author111', UGC_REL],
      ['mountain-forecast.com/peaks/Aconcagua', 'https://www.mountain-forecast.com/peaks/Aconcagua', UGC_REL],
      ['#mountaineering', 'https://bsky.app/hashtag/mountaineering', UGC_REL],
    ]);
  });

  it('keeps post text as text: markup and a javascript: facet are not links', async () => {
    const body = ctx.host.widget.comment(BSKY.marisol).body;
    assert.equal(await body.textContent(), 'Thank you! <b>not bold</b> &amp; fine');
    assert.equal(await body.locator('a, b').count(), 0);
  });

  it('shows [not found] and [blocked] placeholders without author, handle or picture', async () => {
    for (const [id, word] of [[BSKY.notFound, '[not found]'], [BSKY.blocked, '[blocked]']]) {
      const placeholder = ctx.host.widget.comment(id);
      assert.equal(await placeholder.deleted.evaluate((el) => el.tagName), 'P');
      assert.equal(await placeholder.deleted.textContent(), word);
      assert.equal(await placeholder.body.count(), 0);
      assert.equal(await placeholder.handle.count(), 0);
      assert.equal(await placeholder.author.count(), 0);
      assert.equal(await placeholder.avatar.textContent(), '?');
      assert.equal(await placeholder.picture.count(), 0);
      assert.deepEqual(await placeholder.removed(), {
        authors: 0, handles: 0, placeholder: ['P', word], occurrences: 1, avatar: REMOVED_AVATAR,
      }, `${id}: ${word} once, as the body`);
    }
  });

  it('links the root post as "Reply on Bluesky"', async () => {
    await assertJoin(ctx.host.widget, 'Reply on Bluesky', 'https://bsky.app/profile/marisol.example.com/post/3kroot');
  });

  it('contains only safe markup, unique ids, and requests only 127.0.0.1 and the shown avatar', async () => {
    assert.deepEqual(await ctx.host.widget.markupProblems(), []);
    assert.deepEqual(await ctx.host.duplicateIds(), []);
    await eventually(async () => assert.ok(await ctx.host.widget.comment(BSKY.joaquin).picture.evaluate((img) => img.complete && img.naturalWidth > 0)));
    const outside = ctx.net.requests.filter((r) => !r.url.startsWith(ctx.server.origin)).map((r) => r.url);
    assert.deepEqual(outside, [IMAGES.joaquinAvatar]);
  });

  it('looks right at 1000 px (screenshot)', async () => {
    await screenshot(ctx.page, 'services-bluesky');
    const { scrollWidth } = await ctx.host.overflow();
    assert.ok(scrollWidth <= 1000, `scrollWidth ${scrollWidth}`);
  });
});

describe('Mastodon statuses context from data-src (shape-detected)', () => {
  const ctx = servicesBrowser({ shared: true, setup: async (ctx) => { ctx.host = await load(ctx, MastodonPage); } });

  it('shows the three descendants, linked by in_reply_to_id', async () => {
    const { widget } = ctx.host;
    assert.equal(await widget.title.textContent(), '3 Comments');
    assert.deepEqual(await tree(widget), MASTO_TREE);
    await assertReadyQuietly(ctx, ctx.host, 3);
  });

  it('shows names, @user@instance handles, safe profile links and https avatars only', async () => {
    const { widget } = ctx.host;
    const zofia = widget.comment(MASTO.zofia);
    assert.equal(await zofia.handle.textContent(), '@zofia');
    assert.equal(await zofia.author.getAttribute('href'), 'https://mastodon.example/@zofia');
    assert.equal(await zofia.picture.getAttribute('src'), IMAGES.zofiaAvatar);
    const sid = widget.comment(MASTO.sid);
    assert.equal(await sid.handle.textContent(), '@sid@other.example');
    assert.equal(await sid.author.getAttribute('href'), 'https://other.example/@sid');
    assert.equal(await sid.picture.count(), 0, 'an http avatar is dropped');
    assert.equal(await sid.avatar.innerText(), 'S');
    const ana = widget.comment(MASTO.ana);
    assert.equal(await ana.handle.textContent(), '@ana@elsewhere.example');
    assert.equal(await ana.author.evaluate((el) => el.tagName), 'SPAN', 'a javascript: profile URL is dropped');
    assert.equal(await ana.picture.getAttribute('src'), IMAGES.anaAvatar);
  });

  it('sanitises the HTML content, keeping paragraphs, links and the custom emoji', async () => {
    const zofia = ctx.host.widget.comment(MASTO.zofia);
    assert.equal(
      await markup(zofia.body),
      '<p>Turning back takes more courage than pushing on. '
        + `<a href="https://mastodon.example/tags/climbing" rel="${UGC_REL}">#<span>climbing</span></a> `
        + `<img class="kibitz-emoji" src="${IMAGES.blobcat}" alt=":blobcat:" title=":blobcat:" width="20" height="20" loading="lazy"></p>`
        + '<p>&lt;script&gt;alert(\'x\')&lt;/script&gt;</p>',
    );
    const emoji = zofia.body.locator('img.kibitz-emoji');
    await eventually(async () => assert.ok(await emoji.evaluate((img) => img.complete && img.naturalWidth > 0), 'the emoji loaded'));
    const box = await emoji.boundingBox();
    assert.ok(box.height <= 24, `the emoji is text-sized: ${JSON.stringify(box)}`);

    const sid = ctx.host.widget.comment(MASTO.sid);
    assert.equal(
      await markup(sid.body),
      `<p><span><a href="https://mastodon.example/@zofia" rel="${UGC_REL}">@<span>zofia</span></a></span> At 6,000 m I lost my words.</p>`,
      'no class, no <img onerror>',
    );
  });

  it('contains only allowlisted markup and no event handlers, scripts or foreign images', async () => {
    assert.deepEqual(await ctx.host.widget.markupProblems(), []);
    assert.equal(await ctx.page.locator('section.kibitz script').count(), 0);
    const images = await ctx.host.widget.root.evaluate((root) => [...root.querySelectorAll('img')].map((img) => img.getAttribute('src')).sort());
    assert.deepEqual(images, [IMAGES.anaAvatar, IMAGES.blobcat, IMAGES.zofiaAvatar].sort());
    assert.deepEqual(await ctx.host.duplicateIds(), []);
    assert.ok(!ctx.net.requests.some((r) => r.url.startsWith('http://insecure.example')), 'the http avatar is never fetched');
  });

  it('puts a body with a content warning behind "Show content"; a sensitive flag alone hides nothing', async () => {
    const { widget } = ctx.host;
    assert.equal(await widget.warnings.count(), 1);
    // Marked sensitive without a warning: Mastodon hides only its media
    // (which kibitz does not show), not its text.
    assert.equal(await widget.comment(MASTO.ana).warning.count(), 0);
    assert.ok(await isShown(widget.comment(MASTO.ana).body));
    for (const [id, text] of [[MASTO.sid, 'altitude sickness, details']]) {
      const comment = widget.comment(id);
      assert.equal(await comment.warningText.textContent(), text);
      assert.equal(await comment.warningToggle.textContent(), 'Show content');
      assert.equal(await comment.warningToggle.getAttribute('aria-expanded'), 'false');
      assert.equal(await comment.warningToggle.getAttribute('aria-controls'), await comment.warned.getAttribute('id'));
      assert.equal(await comment.warned.getAttribute('hidden'), '');
      assert.ok(!(await isShown(comment.body)), `${id}: body hidden`);
      assert.ok(await isShown(comment.author), `${id}: who wrote it stays visible`);
    }
    assert.equal(await widget.comment(MASTO.zofia).warning.count(), 0);
    assert.ok(await isShown(widget.comment(MASTO.zofia).body));
  });

  it('has no join link: a context answer does not say where the post is', async () => {
    assert.equal(await ctx.host.widget.join.count(), 0);
  });

  it('looks right at 1000 px (screenshot)', async () => {
    await screenshot(ctx.page, 'services-mastodon');
    const { scrollWidth } = await ctx.host.overflow();
    assert.ok(scrollWidth <= 1000, `scrollWidth ${scrollWidth}`);
  });
});

describe('Mastodon content warnings: mouse and keyboard', () => {
  const ctx = servicesBrowser();

  it('"Show content" reveals the body and becomes "Hide content"; clicking again hides it', async () => {
    const { widget } = await load(ctx, MastodonPage);
    const sid = widget.comment(MASTO.sid);
    await sid.warningToggle.click();
    assert.equal(await sid.warningToggle.textContent(), 'Hide content');
    assert.equal(await sid.warningToggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await sid.warned.getAttribute('hidden'), null);
    assert.ok(await isShown(sid.body));
    assert.match(await sid.body.textContent(), /At 6,000 m I lost my words\./);
    // Marked sensitive without a warning: no warning to open.
    assert.equal(await widget.comment(MASTO.ana).warningToggle.count(), 0);

    await sid.warningToggle.click();
    assert.equal(await sid.warningToggle.textContent(), 'Show content');
    assert.equal(await sid.warningToggle.getAttribute('aria-expanded'), 'false');
    assert.ok(!(await isShown(sid.body)));
  });

  it('is reached by Tab and toggled by Enter and Space, keeping focus', async () => {
    const { widget } = await load(ctx, MastodonPage);
    const sid = widget.comment(MASTO.sid);
    const focused = () => sid.warningToggle.evaluate((el) => el === document.activeElement);
    // The meta line's stops: the toggle, the author's profile, then the
    // comment's permalink (its number).
    await sid.toggle.focus();
    await ctx.page.keyboard.press('Tab');
    assert.ok(await sid.author.evaluate((el) => el === document.activeElement), 'Tab from the toggle lands on the author');
    await ctx.page.keyboard.press('Tab');
    assert.ok(await sid.number.evaluate((el) => el === document.activeElement), 'then on the permalink');
    await ctx.page.keyboard.press('Tab');
    assert.ok(await focused(), 'Tab from the permalink lands on "Show content"');

    await ctx.page.keyboard.press('Enter');
    assert.equal(await sid.warningToggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await sid.warningToggle.textContent(), 'Hide content');
    assert.ok(await isShown(sid.body));
    assert.match(await sid.body.textContent(), /At 6,000 m I lost my words\./);
    assert.ok(await focused(), 'focus stays on the button');

    await ctx.page.keyboard.press('Space');
    assert.equal(await sid.warningToggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await sid.warningToggle.textContent(), 'Show content');
    assert.ok(!(await isShown(sid.body)));
    assert.ok(await focused());
  });

  it('stays revealed when the comment is collapsed and expanded again', async () => {
    const { widget } = await load(ctx, MastodonPage);
    const sid = widget.comment(MASTO.sid);
    await sid.warningToggle.click();
    await sid.clickToggle();
    assert.ok(!(await isShown(sid.warning)));
    await sid.clickToggle();
    assert.ok(await isShown(sid.body));
    assert.equal(await sid.warningToggle.textContent(), 'Hide content');
  });
});

describe('Mastodon account without a display name', () => {
  const ctx = servicesBrowser();

  it('shows a local account\'s username as its name, with no separate handle', async () => {
    // The fixture with sid made local: display_name "", username and acct "sid".
    const thread = JSON.parse(fixture('mastodon-context.json').body);
    const account = thread.descendants.find((status) => status.id === MASTO.sid).account;
    assert.deepEqual([account.display_name, account.username, account.acct], ['', 'sid', 'sid@other.example']);
    account.acct = 'sid';
    await ctx.page.route('**/threads/mastodon-context.json', (route) => route.fulfill(json(thread)));
    const { widget } = await load(ctx, MastodonPage);
    assert.deepEqual(await tree(widget), MASTO_TREE);
    const sid = widget.comment(MASTO.sid);
    assert.equal(await sid.author.textContent(), 'sid');
    assert.equal(await sid.author.getAttribute('href'), 'https://other.example/@sid');
    assert.equal(await sid.handle.count(), 0);
    assert.equal((await sid.meta.textContent()).split('sid').length - 1, 1, 'the name appears once');
    // Beside a display name that differs, the handle stays.
    assert.equal(await widget.comment(MASTO.zofia).handle.textContent(), '@zofia');
    assert.equal(await widget.comment(MASTO.ana).handle.textContent(), '@ana@elsewhere.example');
  });
});

describe('Mastodon context cut by what Mastodon gives a visitor: 60 replies, 20 deep', () => {
  const ctx = servicesBrowser();

  /** Loads a Mastodon context of one reply chain `length` long, its last
   * status counting `lastReplies` replies of its own. */
  async function loadChain(length, lastReplies) {
    const thread = JSON.parse(fixture('mastodon-context.json').body);
    const [template] = thread.descendants;
    thread.descendants = Array.from({ length }, (_, i) => ({
      ...template,
      id: `9${i}`,
      in_reply_to_id: i === 0 ? template.in_reply_to_id : `9${i - 1}`,
      created_at: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
      replies_count: i === length - 1 ? lastReplies : 1,
    }));
    await ctx.page.route('**/threads/mastodon-context.json', (route) => route.fulfill(json(thread)));
    return load(ctx, MastodonPage);
  }

  it('counts "60+ Comments": there may be more on Mastodon', async () => {
    const host = await loadChain(60, 0);
    assert.equal(await host.widget.title.textContent(), '60+ Comments');
    assert.deepEqual((await host.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:ready', 60]]);
  });

  it('counts "20+ Comments" when a reply 20 deep has replies the answer lacks', async () => {
    const host = await loadChain(20, 3);
    assert.equal(await host.widget.title.textContent(), '20+ Comments');
    assert.deepEqual((await host.waitForEvents(1)).map((e) => [e.type, e.detail]), [['kibitz:ready', 20]]);
  });

  it('counts a reply 20 deep without replies as it is', async () => {
    const host = await loadChain(20, 0);
    assert.equal(await host.widget.title.textContent(), '20 Comments');
  });

  it('counts fewer replies as they are', async () => {
    const { widget } = await load(ctx, MastodonPage);
    assert.deepEqual(await tree(widget), MASTO_TREE);
    assert.match(await widget.title.textContent(), /^\d+ Comments$/);
  });
});

describe('Hacker News Algolia item from data-src (shape-detected)', () => {
  const ctx = servicesBrowser({ shared: true, setup: async (ctx) => { ctx.host = await load(ctx, HnPage); } });

  it('shows the story\'s five descendants, not the story', async () => {
    const { widget } = ctx.host;
    assert.equal(await widget.title.textContent(), '5 Comments');
    assert.deepEqual(await tree(widget), HN_TREE);
    await assertReadyQuietly(ctx, ctx.host, 5);
    assert.equal(await widget.comment('8864').time.getAttribute('data-datetime'), '2024-03-04T12:30:00Z');
    assert.ok(!(await widget.root.textContent()).includes('marisol'), 'the story\'s author is not a commenter');
  });

  it('shows [deleted] and [removed] placeholders that keep their replies and hide what the item said', async () => {
    const { widget } = ctx.host;
    for (const [id, word, reply] of [['8865', '[deleted]', '8866'], ['8867', '[removed]', '8868']]) {
      const placeholder = widget.comment(id);
      assert.equal(await placeholder.deleted.textContent(), word);
      assert.equal(await placeholder.author.count(), 0);
      assert.deepEqual(await placeholder.removed(), {
        authors: 0, handles: 0, placeholder: ['P', word], occurrences: 1, avatar: REMOVED_AVATAR,
      }, `${id}: ${word} once, as the body`);
      assert.equal(await placeholder.body.count(), 0);
      assert.deepEqual(await placeholder.replies.evaluateAll((lis) => lis.map((li) => li.dataset.commentId)), [reply]);
      assert.ok(await isShown(widget.comment(reply).body));
    }
    const dead = await widget.comment('8867').li.evaluate((li) => li.querySelector(':scope > .kibitz-comment__meta').textContent
      + li.querySelector(':scope > .kibitz-comment__content > .kibitz-comment__deleted').textContent);
    assert.ok(!dead.includes('flagged') && !dead.includes('spam'), `a dead item's author and text stay hidden: ${dead}`);
  });

  it('decodes entities and keeps the link, with the UGC rel; users link to their HN profile', async () => {
    const { widget } = ctx.host;
    const first = widget.comment('8864');
    assert.equal(await first.body.textContent(), 'It\'s the right call.See https://example.com/acclimatisation');
    assert.deepEqual(
      await first.body.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')])),
      [['https://example.com/acclimatisation', 'https://example.com/acclimatisation', UGC_REL]],
    );
    assert.equal(await first.author.getAttribute('href'), 'https://news.ycombinator.com/user?id=tptacek');
    assert.equal(await first.author.getAttribute('rel'), UGC_REL);
    assert.equal(await first.handle.count(), 0, 'HN has no separate handle');
    assert.equal(await widget.comment('8866').body.locator('i').textContent(), 'Thanks.');
  });

  it('links the story as "Discuss on Hacker News"', async () => {
    await assertJoin(ctx.host.widget, 'Discuss on Hacker News', 'https://news.ycombinator.com/item?id=8863');
  });

  it('contains only safe markup and unique ids, and requests nothing outside 127.0.0.1', async () => {
    assert.deepEqual(await ctx.host.widget.markupProblems(), []);
    assert.deepEqual(await ctx.host.duplicateIds(), []);
    assert.deepEqual(ctx.net.requests.filter((r) => !r.url.startsWith(ctx.server.origin)), []);
  });

  it('looks right at 1000 px (screenshot)', async () => {
    await screenshot(ctx.page, 'services-hn');
    const { scrollWidth } = await ctx.host.overflow();
    assert.ok(scrollWidth <= 1000, `scrollWidth ${scrollWidth}`);
  });
});

describe('shortcuts: data-bluesky, data-mastodon, data-hn', () => {
  const ctx = servicesBrowser();
  /** The requests that went to `origin`, as [method, url]. */
  const apiRequests = (origin) => ctx.net.served(origin).map((r) => [r.method, r.url]);
  const threadRequests = () => ctx.server.requests.filter((r) => r.path.startsWith('/threads/'));
  it('data-bluesky requests exactly the documented getPostThread URL (bsky.app URL)', async () => {
    await load(ctx, BlueskyShortcutPage);
    assert.deepEqual(apiRequests('https://public.api.bsky.app/'), [['GET', API.blueskyRoot]]);
  });

  it('data-bluesky requests exactly the documented getPostThread URL (at:// URI)', async () => {
    await load(ctx, BlueskyAtUriPage);
    assert.deepEqual(apiRequests('https://public.api.bsky.app/'), [['GET', API.blueskyOther]]);
  });

  it('data-bluesky with a bsky.app URL fetches getPostThread for its at:// URI', async () => {
    const host = await load(ctx, BlueskyShortcutPage);
    assert.deepEqual(apiRequests('https://public.api.bsky.app/'), [['GET', API.blueskyRoot]]);
    assert.deepEqual(threadRequests(), []);
    assert.equal(await host.widget.title.textContent(), '4 Comments');
    assert.deepEqual(await tree(host.widget), BSKY_TREE);
    await assertJoin(host.widget, 'Reply on Bluesky', 'https://bsky.app/profile/marisol.example.com/post/3kroot');
    await assertReadyQuietly(ctx, host, 4);
  });

  it('data-bluesky with an at:// URI; placeholders keep their replies', async () => {
    const host = await load(ctx, BlueskyAtUriPage);
    assert.deepEqual(apiRequests('https://public.api.bsky.app/'), [['GET', API.blueskyOther]]);
    await assertJoin(host.widget, 'Reply on Bluesky', 'https://bsky.app/profile/did:plc:author111/post/3kother');
    assert.deepEqual(await tree(host.widget), [
      ['at://did:plc:blocked444/app.bsky.feed.post/3kb1', '#3', undefined, null, 1],
      ['at://did:plc:joaq222/app.bsky.feed.post/3kb2', '#2', 'Joaquín', 'at://did:plc:blocked444/app.bsky.feed.post/3kb1', 2],
      ['at://did:plc:gone333/app.bsky.feed.post/3kn1', '#4', undefined, null, 1],
      ['at://did:plc:zofia555/app.bsky.feed.post/3kn2', '#1', 'Zofia', 'at://did:plc:gone333/app.bsky.feed.post/3kn1', 2],
    ]);
    assert.equal(await host.widget.comment('at://did:plc:joaq222/app.bsky.feed.post/3kb2').body.textContent(), 'Still here under a blocked post.');
  });

  it('data-mastodon fetches the instance\'s statuses/:id/context', async () => {
    const host = await load(ctx, MastodonShortcutPage);
    assert.deepEqual(apiRequests('https://mastodon.example/'), [['GET', API.mastodon]]);
    assert.deepEqual(threadRequests(), []);
    assert.deepEqual(await tree(host.widget), MASTO_TREE);
    await assertJoin(host.widget, 'Reply on Mastodon', 'https://mastodon.example/@marisol/103270115826000000');
    await assertReadyQuietly(ctx, host, 3);
  });

  it('data-hn fetches the Algolia item', async () => {
    const host = await load(ctx, HnShortcutPage);
    assert.deepEqual(apiRequests('https://hn.algolia.com/'), [['GET', API.hn]]);
    assert.deepEqual(threadRequests(), []);
    assert.deepEqual(await tree(host.widget), HN_TREE);
    await assertJoin(host.widget, 'Discuss on Hacker News', 'https://news.ycombinator.com/item?id=8863');
    await assertReadyQuietly(ctx, host, 5);
  });

  it('a script tag with only a shortcut is a widget even beside a [data-kibitz] element', async () => {
    const host = new ShortcutBesideDivPage(ctx.page, ctx.server);
    await host.goto();
    assert.equal(await host.divWidget.waitForThread(), '3 Comments');
    await eventually(async () => assert.equal(await host.scriptWidget.root.count(), 1, 'a widget after the script tag'), { timeout: 3000 });
    assert.equal(await host.scriptWidget.waitForThread(), '5 Comments');
    await assertJoin(host.scriptWidget, 'Discuss on Hacker News', 'https://news.ycombinator.com/item?id=8863');
    assert.deepEqual(apiRequests('https://hn.algolia.com/'), [['GET', API.hn]]);
  });
});

describe('services\' own error answers', () => {
  const ctx = servicesBrowser({
    shared: true,
    async setup(ctx) {
      ctx.host = new ServiceErrorsPage(ctx.page, ctx.server);
      await ctx.host.goto();
      await Promise.all(ctx.host.all.map((w) => w.waitUntilSettled()));
    },
  });
  const expected = {
    bluesky400: `${API.blueskyGone} answered HTTP 400 Bad Request: NotFound: Post not found`,
    blueskyRoot: `${API.blueskyRoot404}: the service answered with an error: the Bluesky post was not found`,
    mastodon: `${API.mastodon404}: the service answered with an error: Record not found`,
    // HN's body {"error":"Not Found"} only repeats the status text: not said twice.
    hn: `${API.hn404} answered HTTP 404 Not Found`,
  };

  for (const [name, message] of Object.entries(expected)) {
    it(`${name}: says what the service answered`, async () => {
      const widget = ctx.host[name];
      await widget.error.waitFor();
      assert.equal(await widget.error.getAttribute('role'), 'alert');
      assert.equal(await widget.errorDetail.textContent(), message);
      assert.equal(await widget.error.locator('.kibitz-status__message').textContent(), `Comments could not be loaded: ${message}`);
      assert.ok(await widget.error.isVisible());
      assert.equal(await widget.title.textContent(), 'Comments');
      assert.equal(await widget.comments.count(), 0);
    });
  }

  it('fires kibitz:error with the same words on each widget, and logs them', async () => {
    const events = await ctx.host.waitForEvents(4);
    const byTarget = Object.fromEntries(events.map((e) => [e.target, [e.type, e.detail]]));
    assert.deepEqual(byTarget, {
      'div#w-bluesky-400': ['kibitz:error', expected.bluesky400],
      'div#w-bluesky-root': ['kibitz:error', expected.blueskyRoot],
      'div#w-mastodon': ['kibitz:error', expected.mastodon],
      'div#w-hn': ['kibitz:error', expected.hn],
    });
    const logged = ctx.session.kibitzConsole('error');
    for (const message of Object.values(expected)) assert.ok(logged.some((line) => line.includes(message)), message);
  });

  it('asked each API exactly once and nothing else outside 127.0.0.1', async () => {
    const outside = ctx.net.requests.filter((r) => !r.url.startsWith(ctx.server.origin)).map((r) => r.url).sort();
    assert.deepEqual(outside, [API.blueskyGone, API.blueskyRoot404, API.hn404, API.mastodon404].sort());
  });

  it('keeps the host page intact and the ids unique (screenshot)', async () => {
    assert.ok(await isShown(ctx.host.footer));
    assert.deepEqual(await ctx.host.duplicateIds(), []);
    await screenshot(ctx.page, 'services-errors');
  });
});

describe('data-avatars="off"', () => {
  const ctx = servicesBrowser({ shared: true, setup: async (ctx) => { ctx.host = await load(ctx, AvatarsOffPage); } });

  it('shows no avatar, picture or initial, but keeps custom emoji, names and handles', async () => {
    const { widget } = ctx.host;
    assert.equal(await widget.title.textContent(), '3 Comments');
    assert.equal(await ctx.page.locator('.kibitz-avatar, .kibitz-avatar__picture').count(), 0);
    assert.equal(await widget.emoji.count(), 1);
    assert.equal(await widget.comment(MASTO.zofia).handle.textContent(), '@zofia');
    assert.equal(await widget.comment(MASTO.sid).author.textContent(), 'sid');
    assert.deepEqual(ctx.session.kibitzConsole('warning'), []);
  });

  it('never fetches the pictures', async () => {
    await eventually(async () => assert.ok(ctx.net.requests.some((r) => r.url === IMAGES.blobcat)));
    assert.ok(!ctx.net.requests.some((r) => r.url === IMAGES.zofiaAvatar || r.url === IMAGES.anaAvatar));
  });

  it('lines up the meta line without the avatar column (screenshot)', async () => {
    const zofia = ctx.host.widget.comment(MASTO.zofia);
    const toggle = await zofia.toggle.boundingBox();
    const author = await zofia.author.boundingBox();
    assert.ok(author.x > toggle.x + toggle.width && author.x - (toggle.x + toggle.width) < 16, `the name follows the toggle: ${JSON.stringify({ toggle, author })}`);
    await screenshot(ctx.page, 'services-avatars-off');
  });
});

describe('native bodies: Markdown, HTML and @Name replies', () => {
  const ctx = servicesBrowser({ shared: true, setup: async (ctx) => { ctx.host = await load(ctx, FormatsPage); } });

  it('renders Markdown: emphasis, code, links, quotes and lists; raw HTML and javascript: links stay text', async () => {
    const { widget } = ctx.host;
    assert.equal(await widget.title.textContent(), '14 Comments');
    await assertReadyQuietly(ctx, ctx.host, 14);
    const body = widget.comment('m1').body;
    assert.equal(await body.locator('strong').textContent(), 'Turn back');
    assert.equal(await body.locator('em').textContent(), 'whatever');
    assert.equal(await body.locator('code').textContent(), 'wind_speed');
    assert.deepEqual(
      await body.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')])),
      [['the forecast', 'https://www.mountain-forecast.com/peaks/Aconcagua', UGC_REL]],
    );
    assert.equal(await body.locator('blockquote').textContent(), 'The mountain will still be there.');
    assert.deepEqual(await body.locator('ul > li').allTextContents(), ['water', 'headlamp']);
    assert.equal(await body.locator('b').count(), 0);
    assert.match(await body.textContent(), /Raw <b>HTML<\/b> stays text, and \[this\]\(javascript:alert\(1\)\) is no link\./);
  });

  it('renders HTML through the allowlist', async () => {
    const body = ctx.host.widget.comment('m2').body;
    assert.equal(
      await markup(body),
      `<p>An <em>HTML</em> reply with <a href="https://example.org/gear" rel="${UGC_REL}">a gear list</a>.</p>`
        + '<ul><li>crampons</li><li><strong>ice</strong> axe</li></ul>not a link',
    );
    assert.deepEqual(await ctx.host.widget.markupProblems(), []);
  });

  it('links a leading @Name to the latest earlier comment by that author', async () => {
    const { widget } = ctx.host;
    const mentions = await widget.mentions.evaluateAll((as) => as.map((a) => [a.closest('li').dataset.commentId, a.textContent, a.getAttribute('href')]));
    assert.deepEqual(mentions, [
      ['m5', '@bo', '#kibitz-trail-notes-m2'],
      ['m4', '@Ada Lovelace', '#kibitz-trail-notes-m3'],
      ['m8', '@Cy', '#kibitz-trail-notes-m4'],
    ], 'no link for a later author (m9), an unknown name (m6) or an HTML body (m7)');
    for (const [, , href] of mentions) {
      const target = await ctx.page.evaluate((id) => {
        const el = document.getElementById(id);
        return el && [el.tagName, el.dataset.commentId];
      }, href.slice(1));
      assert.ok(target && target[0] === 'LI', `${href} names a comment element: ${target}`);
    }
    assert.equal(await widget.comment('m4').body.textContent(), '@Ada Lovelace: agreed, 4 am it is.');
    assert.equal(await widget.comment('m8').body.textContent(), '@Cy thanks for setting the time.');
    assert.equal(await widget.comment('m5').body.locator('em').textContent(), 'quite');
  });

  it('keeps the space after the @Name of a Markdown reply', async () => {
    const body = ctx.host.widget.comment('m5').body;
    assert.equal(await body.textContent(), '@bo quite right about the crampons.');
    assert.equal(
      await markup(body),
      '<p><a class="kibitz-mention" href="#kibitz-trail-notes-m2">@bo</a> <em>quite</em> right about the crampons.</p>',
    );
  });

  it('gives every comment the id kibitz-<thread id>-<comment id>, once', async () => {
    const ids = await ctx.host.widget.comments.evaluateAll((lis) => lis.map((li) => [li.dataset.commentId, li.id]));
    assert.equal(ids.length, 14);
    for (const [commentId, id] of ids) assert.equal(id, `kibitz-trail-notes-${commentId}`);
    assert.deepEqual(await ctx.host.duplicateIds(), []);
  });

  it('looks right at 1000 px (screenshot)', async () => {
    await screenshot(ctx.page, 'services-formats');
  });
});

describe('@Name links move the reader', () => {
  const ctx = servicesBrowser({ page: { width: 1000, height: 600 } });

  for (const [from, to] of [['m4', 'm3'], ['m5', 'm2']]) {
    it(`clicking the @Name in ${from} scrolls ${to} into view and sets the URL hash`, async () => {
      const { widget } = await load(ctx, FormatsPage);
      const pageUrl = ctx.page.url();
      await ctx.page.evaluate(() => { window.__sameDocument = true; });
      const target = widget.comment(to).li;
      const inView = () => target.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= -1 && box.top < window.innerHeight;
      });
      const mention = widget.comment(from).mention;
      await mention.scrollIntoViewIfNeeded();
      const startedInView = await inView();
      if (to === 'm3') assert.equal(startedInView, false, 'the target starts out of view');
      const scrolledFrom = await ctx.page.evaluate(() => window.scrollY);

      await mention.click();
      await eventually(async () => assert.equal(await ctx.page.evaluate(() => location.hash), `#kibitz-trail-notes-${to}`));
      assert.equal(ctx.page.url(), `${pageUrl}#kibitz-trail-notes-${to}`);
      await eventually(async () => assert.ok(await inView(), `${to} is in view`));
      assert.equal(await ctx.page.evaluate(() => document.querySelector(':target')?.dataset.commentId), to);
      if (!startedInView) assert.notEqual(await ctx.page.evaluate(() => window.scrollY), scrolledFrom, 'the page scrolled');
      assert.equal(await ctx.page.evaluate(() => window.__sameDocument), true, 'no reload');
    });
  }
});

describe('service threads at 320 px', () => {
  const ctx = servicesBrowser({ page: { width: 320, height: 640 } });

  for (const [Page, name, open] of [
    [BlueskyPage, 'services-bluesky-320', null],
    [MastodonPage, 'services-mastodon-320', MASTO.sid],
    [HnPage, 'services-hn-320', null],
  ]) {
    it(`${name}: no horizontal overflow (screenshot)`, async () => {
      const host = await load(ctx, Page);
      if (open) await host.widget.comment(open).warningToggle.click();
      await screenshot(ctx.page, name);
      const { scrollWidth } = await host.overflow();
      assert.ok(scrollWidth <= 320, `scrollWidth ${scrollWidth} > 320`);
    });
  }
});
