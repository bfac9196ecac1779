// Stand-ins for the public services kibitz can read (Bluesky, Mastodon,
// Hacker News) and the image hosts their threads point at, so that no test
// ever reaches a live service. fakeServices(context, server, answers)
// routes every request of a browser context: the test server's own
// (127.0.0.1) pass through, a URL listed in `answers` gets its canned
// answer, and anything else is aborted and recorded as foreign.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { THREADS } from './server.mjs';

/** A 28 × 28 picture for avatars and emoji. */
export const PICTURE = {
  contentType: 'image/svg+xml',
  body: '<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28" viewBox="0 0 28 28">'
    + '<rect width="28" height="28" fill="#9fb3c8"/><circle cx="14" cy="11" r="5" fill="#fff"/>'
    + '<rect x="6" y="18" width="16" height="8" rx="4" fill="#fff"/></svg>',
};

/** A JSON answer, as a service's API gives it to a page on another origin. */
export function json(value, status = 200) {
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    headers: { 'Access-Control-Allow-Origin': '*' },
    body: typeof value === 'string' ? value : JSON.stringify(value),
  };
}

/** A fixture of tests/e2e/threads/, as a JSON answer. */
export function fixture(name, status = 200) {
  return json(readFileSync(path.join(THREADS, name), 'utf8'), status);
}

/**
 * Routes every request of `context`. `answers` maps absolute URLs to
 * { status, contentType, headers, body }. Returns { requests, foreign,
 * served(prefix), assertContained() }: every request the context made
 * (method and URL, in order), the ones that went nowhere allowed, and
 * the requests whose URL starts with `prefix`.
 */
export async function fakeServices(context, server, answers) {
  const routed = new Map([...Object.entries(answers)].map(([url, answer]) => [new URL(url).href, answer]));
  const local = new URL(server.origin);
  const record = { requests: [], foreign: [] };
  const isLocal = (url) => url.hostname === local.hostname;
  context.on('request', (request) => {
    record.requests.push({ method: request.method(), url: request.url() });
    const url = new URL(request.url());
    if (!isLocal(url) && !routed.has(url.href) && !['data:', 'blob:', 'about:'].includes(url.protocol)) {
      record.foreign.push(request.url());
    }
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (isLocal(url)) return route.continue();
    const answer = routed.get(url.href);
    if (answer) return route.fulfill(answer);
    return route.abort('blockedbyclient');
  });
  record.served = (prefix) => record.requests.filter((r) => r.url.startsWith(prefix));
  record.assertContained = () =>
    assert.deepEqual(record.foreign, [], 'requests to hosts other than 127.0.0.1 and the faked services');
  return record;
}
