// Theming through custom properties, as README's Styling section promises:
// a host's --kibitz-* values win however plainly they are selected (the
// `.kibitz { … }` of README's example), reach an isolated widget from any
// ancestor, and the dark theme keeps its own colours unless the host sets
// the --kibitz-dark-* ones.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { useBrowser, screenshot } from './browser.mjs';
import { ThemingPage } from './page-objects/theming-page.mjs';

const hooks = { before, after, beforeEach, afterEach };

describe('theming with custom properties', () => {
  const ctx = useBrowser(hooks, {
    server: startServer,
    shared: true,
    setup: async (ctx) => {
      ctx.host = new ThemingPage(ctx.page, ctx.server);
      await ctx.host.goto();
      for (const widget of Object.values(ctx.host.widgets)) await widget.waitForThread();
    },
  });

  it('README\'s `.kibitz { --kibitz-accent; --kibitz-font }` themes a plain widget', async () => {
    const looks = await ctx.host.looks(ctx.host.widgets.plain);
    assert.equal(looks.link, 'rgb(138, 59, 18)');
    assert.match(looks.font, /Courier New/);
  });

  it('an ancestor\'s values reach an isolated widget through its shadow root', async () => {
    const looks = await ctx.host.looks(ctx.host.widgets.isolated);
    assert.equal(looks.link, 'rgb(10, 125, 50)');
    assert.match(looks.font, /Georgia/);
  });

  it('the dark theme keeps its own accent, readable on its card, unless the host sets a dark one', async () => {
    const dark = await ctx.host.looks(ctx.host.widgets.dark);
    assert.equal(dark.link, 'rgb(140, 180, 255)', 'a light page\'s accent is not forced onto the dark card');
    assert.match(dark.font, /Courier New/, 'what is not a colour applies in every theme');
    assert.equal((await ctx.host.looks(ctx.host.widgets.darkThemed)).link, 'rgb(255, 184, 107)');
    await screenshot(ctx.page, 'theming');
  });
});
