// A tiny static server for the end-to-end tests (node:http, no dependencies).
//
//   /static/kibitz/*          the release bundle from dist/, so kibitz.js really
//                             has to find kibitz.css, kibitz-widget.js and the
//                             .wasm beside its own URL
//   /posts/*                  host pages from tests/e2e/pages/
//   /threads/*                thread fixtures from tests/e2e/threads/, plus:
//     missing.json            404
//     hangup.json             the socket is destroyed without an answer
//     spa-fallback.json       200 with an HTML page, as a single-page app's
//                             host answers any path
//     flaky.json              500 on the first request, then second-summit.json
//     slow.json               second-summit.json after SLOW_MS
//     chain-N.json            N comments, each replying to the one before
//     nested-S-N.json         N replies, each nested in the one before, in
//                             service S's shape (bluesky, hn or native)
//     generated-N.json        N top-level comments
//     pictured-N.json         N top-level comments, each author with an
//                             https avatar (https://avatars.test/gK.png)
//     corpus-F.json           the security corpus (tests/fixtures/hostile.json)
//                             as a thread of body format F (text, markdown,
//                             html): each input as a body, and as the name,
//                             url and avatar of another comment's author
//   /cached/static/kibitz/*   the bundle again, and
//   /cached/threads/*         the fixtures again, both cacheable for an hour
//                             (Cache-Control: max-age=3600) with an ETag, and
//                             304 for a request that names the current one;
//     editable.json           second-summit.json until setEditable(body)
//     kibitz-widget.js        while setStaleGlue(true): a glue of "another
//                             build", which fails to start
//   /mismatched/K/            a host page whose bundle's wasm is "of another
//                             build": K = missing-import, a module that asks
//                             the glue for a function it has not got; K =
//                             empty, one without what the glue calls in it
//   /slow-script.js           a classic script that arrives after SLOW_MS
//   /posts/strict-csp.html    served with STRICT_CSP as its Content-Security-Policy
//
// startServer() listens on 127.0.0.1 with a random port and resolves to
// { origin, url(path), requests, reset(), setEditable(body),
// setStaleGlue(on), close() };
// each request is logged as { method, path, search, ifNoneMatch }, with the
// status of the /cached/ answers. close() ends every
// connection it accepted and stops listening; nothing else is touched.
//
// Run directly (node tests/e2e/server.mjs [port]) to look at the pages by hand.

import { createHash } from 'node:crypto';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const DIST = path.join(ROOT, 'dist');
export const PAGES = path.join(here, 'pages');
export const THREADS = path.join(here, 'threads');
export const SLOW_MS = 1500;
const MAX_GENERATED = 200_000;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A flat chain: comment k (k ≥ 2) answers comment k − 1. */
export function chainThread(n) {
  const start = Date.UTC(2024, 0, 1) / 1000;
  const parts = [];
  for (let k = 1; k <= n; k++) {
    const parent = k === 1 ? '' : `"parent":"n${k - 1}",`;
    parts.push(`{"id":"n${k}",${parent}"author":"Person ${k}","created":${start + k * 60},"body":"Reply number ${k} in a long chain."}`);
  }
  return `{"version":1,"thread":{"id":"chain-${n}"},"comments":[\n${parts.join(',\n')}\n]}`;
}

/**
 * A chain of n replies nested each in the one before, as a service serves
 * it: two JSON levels a reply. `bluesky` is a getPostThread answer (kibitz
 * asks for depth=1000), `hn` an Algolia item, `native` kibitz's `replies`.
 */
export function nestedChainThread(format, n) {
  const start = Date.UTC(2024, 0, 1) / 1000;
  const iso = (k) => new Date((start + k * 60) * 1000).toISOString();
  const node = {
    bluesky: (k) =>
      `{"post":{"uri":"at://did:plc:p${k}/app.bsky.feed.post/${k}","author":{"did":"did:plc:p${k}","handle":"person${k}.test","displayName":"Person ${k}"},` +
      `"record":{"text":"Reply number ${k}, nested.","createdAt":"${iso(k)}"},"likeCount":0},"replies":[`,
    hn: (k) =>
      `{"id":${k},"type":"comment","author":"person${k}","text":"Reply number ${k}, nested.","created_at_i":${start + k * 60},` +
      `"parent_id":${k - 1},"story_id":0,"children":[`,
    native: (k) => `{"id":"n${k}","author":"Person ${k}","created":${start + k * 60},"body":"Reply number ${k}, nested.","replies":[`,
  }[format];
  const open = { bluesky: `{"thread":${node(0)}`, hn: `{"id":0,"type":"story","title":"A story","created_at_i":${start},"story_id":0,"children":[`, native: '{"version":1,"comments":[' }[format];
  const close = { bluesky: ']}}', hn: ']}', native: ']}' }[format];
  const parts = [open];
  for (let k = 1; k <= n; k++) parts.push(node(k));
  parts.push(']}'.repeat(n), close);
  return parts.join('');
}

/** The Content-Security-Policy README gives for a host serving kibitz itself. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https:";

/** N top-level comments, newest last. */
export function generatedThread(n) {
  const start = Date.UTC(2024, 0, 1) / 1000;
  const comments = [];
  for (let k = 1; k <= n; k++) {
    comments.push({ id: `g${k}`, author: `Writer ${k}`, created: start + k * 60, body: `Comment ${k}.` });
  }
  return JSON.stringify({ version: 1, comments });
}

/** generatedThread(n) with an https picture for every author. */
export function picturedThread(n) {
  const thread = JSON.parse(generatedThread(n));
  for (const c of thread.comments) c.author = { name: c.author, avatar: `https://avatars.test/${c.id}.png` };
  return JSON.stringify(thread);
}

export const CORPUS = path.join(ROOT, 'tests', 'fixtures', 'hostile.json');
export const CORPUS_FORMATS = ['text', 'markdown', 'html'];

/** The corpus entries: [{ id, category, input, note }]. */
export function corpusEntries() {
  return JSON.parse(readFileSync(CORPUS, 'utf8'));
}

/**
 * The corpus as a native thread: for each entry, comment b-ID has the input
 * as its body in `format`, and comment a-ID has it as author name, url and
 * avatar (with a plain body).
 */
export function corpusThread(format, entries = corpusEntries()) {
  const created = '2024-01-01T00:00:00Z';
  const comments = entries.flatMap(({ id, input }) => [
    { id: `b-${id}`, author: { name: `Body ${id}` }, created, body: input, format },
    { id: `a-${id}`, author: { name: input, url: input, avatar: input }, created, body: `Author fields of ${id}.`, format },
  ]);
  return JSON.stringify({ version: 1, thread: { id: `corpus-${format}` }, comments });
}

/** Resolves `rest` (URL path after a prefix) inside `dir`, or null if it escapes. */
function inside(dir, rest) {
  let decoded;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  const file = path.resolve(dir, '.' + path.posix.normalize('/' + decoded));
  return file === dir || file.startsWith(dir + path.sep) ? file : null;
}

/**
 * Wasm modules "of another build" (binary, by hand): one importing a
 * function "zz" from the module "a" whose names the release glue gives, one
 * empty, exporting nothing the glue calls.
 */
const FOREIGN_WASM = {
  'missing-import': Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // types: () -> ()
    0x02, 0x08, 0x01, 0x01, 0x61, 0x02, 0x7a, 0x7a, 0x00, 0x00, // import "a" "zz": func type 0
  ]),
  empty: Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]),
};

/** The glue of "another build": its wasm is not the one beside it now. */
const STALE_GLUE = `export default async function () { throw new Error('a glue from another build'); }
export function mount() {}
`;

/**
 * The version of the bundle in dist/, as scripts/post-build.sh writes it
 * into the loader: the first 12 hex digits of the SHA-256 of the glue, the
 * wasm and the stylesheet.
 */
export function buildVersion() {
  const hash = createHash('sha256');
  for (const file of ['kibitz-widget.js', 'kibitz-widget_bg.wasm', 'kibitz.css']) hash.update(readFileSync(path.join(DIST, file)));
  return hash.digest('hex').slice(0, 12);
}

export function startServer({ port = 0, host = '127.0.0.1' } = {}) {
  for (const asset of ['kibitz.js', 'kibitz.css', 'kibitz-widget.js', 'kibitz-widget_bg.wasm']) {
    if (!existsSync(path.join(DIST, asset))) {
      return Promise.reject(new Error(`dist/${asset} is missing: build first (trunk build --release --offline)`));
    }
  }
  const requests = [];
  const sockets = new Set();
  const generated = new Map();
  let flakyHits = 0;
  let editable = null;
  let staleGlue = false;

  async function sendFile(req, res, file, status = 200, headers = {}) {
    let body;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'Not found\n', 'text/plain; charset=utf-8');
    }
    send(res, status, body, contentType(file), req.method === 'HEAD', headers);
  }

  function send(res, status, body, type, headOnly = false, headers = {}) {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(headOnly ? undefined : body);
  }

  function cached(name, make) {
    if (!generated.has(name)) generated.set(name, make());
    return generated.get(name);
  }

  /** An answer cacheable for an hour, validated by its ETag. */
  function sendCacheable(req, res, entry, body, type) {
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    const fresh = req.headers['if-none-match'] === etag;
    entry.status = fresh ? 304 : 200;
    const headers = { 'Cache-Control': 'max-age=3600', ETag: etag };
    if (fresh) {
      res.writeHead(304, headers);
      return res.end();
    }
    send(res, 200, body, type, req.method === 'HEAD', headers);
  }

  async function routeCached(req, res, entry, rest) {
    let body;
    let file;
    if (rest === 'threads/editable.json' && editable !== null) body = editable;
    else if (rest === 'static/kibitz/kibitz-widget.js' && staleGlue) body = STALE_GLUE;
    else {
      const name = rest === 'threads/editable.json' ? 'threads/second-summit.json' : rest;
      if (name.startsWith('static/kibitz/')) file = inside(DIST, name.slice('static/kibitz/'.length));
      else if (name.startsWith('threads/')) file = inside(THREADS, name.slice('threads/'.length));
      body = file ? await readFile(file).catch(() => null) : null;
    }
    if (body === null) return send(res, 404, 'Not found\n', 'text/plain; charset=utf-8');
    sendCacheable(req, res, entry, body, contentType(rest));
  }

  async function route(req, res) {
    const { pathname, search } = new URL(req.url, 'http://localhost');
    const entry = { method: req.method, path: pathname, search, ifNoneMatch: req.headers['if-none-match'] ?? null };
    requests.push(entry);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'Method not allowed\n', 'text/plain; charset=utf-8');
    }
    if (pathname === '/favicon.ico') return send(res, 204, '', 'image/x-icon');
    if (pathname === '/slow-script.js') {
      // A slow third-party script: holds up the parser for SLOW_MS.
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
      return send(res, 200, 'window.__slowScriptRan = true;\n', TYPES['.js']);
    }

    if (pathname.startsWith('/cached/')) return routeCached(req, res, entry, pathname.slice('/cached/'.length));
    const mismatched = /^\/mismatched\/([a-z-]+)\/(.*)$/.exec(pathname);
    if (mismatched && FOREIGN_WASM[mismatched[1]]) {
      const [, kind, rest] = mismatched;
      if (rest === '') {
        const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mismatched bundle</title></head>
<body><main><h1>Mismatched bundle</h1><p id="post-lede">The wasm beside the loader is of another build.</p>
<script src="/mismatched/${kind}/static/kibitz/kibitz.js" data-src="/threads/second-summit.json" data-loading="eager"></script>
</main></body></html>`;
        return send(res, 200, page, TYPES['.html']);
      }
      if (rest === 'static/kibitz/kibitz-widget_bg.wasm') return send(res, 200, FOREIGN_WASM[kind], TYPES['.wasm']);
      const file = rest.startsWith('static/kibitz/') ? inside(DIST, rest.slice('static/kibitz/'.length)) : null;
      return file ? sendFile(req, res, file) : send(res, 404, 'Not found\n', 'text/plain');
    }
    if (pathname.startsWith('/static/kibitz/')) {
      const file = inside(DIST, pathname.slice('/static/kibitz/'.length));
      return file ? sendFile(req, res, file) : send(res, 404, 'Not found\n', 'text/plain');
    }
    if (pathname.startsWith('/posts/')) {
      const file = inside(PAGES, pathname.slice('/posts/'.length));
      // The strictest policy README tells a host it can keep.
      const headers = pathname === '/posts/strict-csp.html' ? { 'Content-Security-Policy': STRICT_CSP } : {};
      return file ? sendFile(req, res, file, 200, headers) : send(res, 404, 'Not found\n', 'text/plain');
    }
    if (pathname.startsWith('/threads/')) {
      const name = pathname.slice('/threads/'.length);
      const json = 'application/json; charset=utf-8';
      if (name === 'missing.json') return send(res, 404, '{"error":"no such thread"}', json);
      if (name === 'hangup.json') return req.socket.destroy();
      // A single-page app's host answers every unknown path with its home page.
      if (name === 'spa-fallback.json') {
        return send(res, 200, '<!doctype html>\n<html><head><title>Home</title></head><body><div id="app"></div></body></html>\n', 'text/html; charset=utf-8');
      }
      if (name === 'flaky.json') {
        flakyHits += 1;
        if (flakyHits === 1) return send(res, 500, 'Internal Server Error\n', 'text/plain; charset=utf-8');
        return sendFile(req, res, path.join(THREADS, 'second-summit.json'));
      }
      if (name === 'slow.json') {
        await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        return sendFile(req, res, path.join(THREADS, 'second-summit.json'));
      }
      let m = /^chain-(\d+)\.json$/.exec(name);
      if (m && +m[1] >= 1 && +m[1] <= MAX_GENERATED) {
        return send(res, 200, cached(name, () => chainThread(+m[1])), json);
      }
      m = /^nested-(bluesky|hn|native)-(\d+)\.json$/.exec(name);
      if (m && +m[2] >= 1 && +m[2] <= MAX_GENERATED) {
        return send(res, 200, cached(name, () => nestedChainThread(m[1], +m[2])), json);
      }
      m = /^generated-(\d+)\.json$/.exec(name);
      if (m && +m[1] >= 0 && +m[1] <= MAX_GENERATED) {
        return send(res, 200, cached(name, () => generatedThread(+m[1])), json);
      }
      m = /^pictured-(\d+)\.json$/.exec(name);
      if (m && +m[1] >= 0 && +m[1] <= MAX_GENERATED) {
        return send(res, 200, cached(name, () => picturedThread(+m[1])), json);
      }
      m = /^corpus-(\w+)\.json$/.exec(name);
      if (m && CORPUS_FORMATS.includes(m[1])) {
        return send(res, 200, cached(name, () => corpusThread(m[1])), json);
      }
      const file = inside(THREADS, name);
      return file ? sendFile(req, res, file) : send(res, 404, 'Not found\n', 'text/plain');
    }
    send(res, 404, 'Not found\n', 'text/plain; charset=utf-8');
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, String(err), 'text/plain; charset=utf-8');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      const origin = `http://${host}:${actual}`;
      resolve({
        origin,
        url: (p) => origin + p,
        requests,
        /** Forgets past requests, re-arms flaky.json and restores editable.json. */
        reset() {
          requests.length = 0;
          flakyHits = 0;
          editable = null;
          staleGlue = false;
        },
        /** Whether /cached/static/kibitz/kibitz-widget.js answers STALE_GLUE. */
        setStaleGlue(on) {
          staleGlue = on;
        },
        /** What /cached/threads/editable.json answers from now on. */
        setEditable(body) {
          editable = Buffer.from(body);
        },
        close() {
          return new Promise((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          });
        },
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startServer({ port: Number(process.argv[2] ?? 0) });
  console.log(`serving on ${server.origin}/posts/article.html (Ctrl-C to stop)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
