// The benchmark's web server (node:http, no dependencies), on 127.0.0.1:
//
//   /article?impl=kibitz&thread=bench-2000&page-size=all
//                           a plain blog article with the widget below it
//   /article?impl=kibitz&thread=bench-200&loading=lazy
//                           the same with README's tag: async, lazy (the default)
//   /article?impl=reference&thread=…   the same article with bench/reference.js
//   /article?impl=kibitz&thread=bench-200&cached=1
//                           the same, its scripts and stylesheet from /cached/
//   /article?impl=bare                 the same article with no comments at all
//   /article?impl=idle-script          the same with an async script that does
//                           nothing, as big as the loader (/idle.js): what
//                           any script of its size costs the page
//   /static/kibitz/*        the release bundle (a snapshot of dist/)
//   /threads/*.json         the generated threads (bench/out/threads/)
//   /reference.js           bench/reference.js
//   /cached/static/kibitz/*, /cached/reference.js
//                           the same files, cacheable for an hour (the warm case)
//
// Everything is sent uncompressed with Cache-Control: no-store, so every load
// downloads everything again (the bench also uses a fresh browser context per
// load and disables the cache over CDP), but what is under /cached/.

import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

const ARTICLE_STYLE = `
  html { background: #fbfaf7; color: #222; }
  body { margin: 0; font: 18px/1.65 Charter, "Bitstream Charter", Cambria, Georgia, serif; }
  .site { border-bottom: 1px solid #e3ded4; padding: 0.75rem 1.25rem; font: 600 0.95rem/1.4 system-ui, sans-serif; }
  main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
  h1 { font-size: 2rem; line-height: 1.2; margin: 1.5rem 0 0.5rem; }
  .byline { color: #666; font: 0.9rem/1.4 system-ui, sans-serif; margin: 0 0 2rem; }
  a { color: #8a3b12; }
  blockquote { margin: 1.5rem 0; padding-left: 1rem; border-left: 3px solid #e3ded4; font-style: italic; }
  hr { border: 0; border-top: 1px solid #e3ded4; margin: 3rem 0 2rem; }
  footer { margin-top: 3rem; font: 0.9rem/1.4 system-ui, sans-serif; color: #666; }
`;

const ARTICLE_TEXT = `
  <p>At 6,660 metres the wind on Aconcagua's Canaleta sounds like a train that never arrives. We had left Camp Cólera at four in the morning, headlamps bobbing in a loose line, and by ten the summit ridge looked close enough to touch. It was not. My watch said we were moving at a hundred vertical metres an hour and falling; my fingers said something less polite.</p>
  <p>Every mountaineering book has the chapter where the narrator turns back. I had read it a dozen times and always skimmed it, impatient for the part with the view. Nobody tells you that the decision does not feel noble. It feels like arithmetic: hours of daylight left, oxygen you do not have, the distance down that does not shrink just because you are tired.</p>
  <blockquote>The summit is optional. The descent is mandatory.</blockquote>
  <p>We turned at 11:40. The second summit, the one nobody photographs, was reaching the tents at Cólera at dusk with all ten fingers and a partner still telling bad jokes. The descent took longer than the climb; it always does, because the body has already decided the day is over and the mind has to keep insisting otherwise, one crampon placement at a time.</p>
  <p>Back in Mendoza I read the <a href="https://en.wikipedia.org/wiki/Aconcagua">statistics</a> I had avoided before the trip. Most accidents on the normal route happen on the way down, after a summit reached too late. The number that stayed with me was not the height of the mountain but the hour: nearly all of them had turned around after two in the afternoon.</p>
  <p>I have been back twice since. I still have not stood on the top, and I have stopped minding as much as I expected to. What I remember is the colour of the snow at Independencia and the sound my partner made when he saw the tents.</p>
  <p>If you have turned back from something you wanted badly, a mountain or otherwise, I would like to hear how it felt. The comments are below.</p>
`;

/** The tag (or nothing) that puts comments under the article. */
function commentsTag({ impl, thread, pageSize, loading, cached }) {
  const src = `/threads/${encodeURIComponent(thread)}.json`;
  // The scripts and the stylesheet, cacheable or not; the thread never is
  // (the warm case is a reader's next article, with a thread of its own).
  const at = cached ? '/cached' : '';
  if (impl === 'kibitz') {
    const size = pageSize ? ` data-page-size="${pageSize}"` : '';
    // The tag README gives a site owner: async, and lazy by default.
    if (loading === 'lazy') return `<script src="${at}/static/kibitz/kibitz.js" data-src="${src}"${size} async></script>`;
    // Eager, so every case starts loading at the same moment whatever the
    // viewport; page size as the case says (absent = the widget's default).
    return `<script src="${at}/static/kibitz/kibitz.js" data-src="${src}" data-loading="eager"${size}></script>`;
  }
  if (impl === 'reference') {
    return `<script src="${at}/reference.js" data-src="${src}" data-css="${at}/static/kibitz/kibitz.css"></script>`;
  }
  if (impl === 'idle-script') return '<script src="/idle.js" async></script>';
  return '<!-- no comments on this page -->';
}

export function articlePage(options) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>The second summit — Notes from High Places</title>
  <style>${ARTICLE_STYLE}</style>
</head>
<body>
  <header class="site">Notes from High Places</header>
  <main>
    <article>
      <h1>The second summit</h1>
      <p class="byline">What I learned turning back 300 metres below the top of Aconcagua · by Marisol Etxeberria</p>
      ${ARTICLE_TEXT}
    </article>
    <hr>
    ${commentsTag(options)}
    <footer>© Notes from High Places. Comments are the commenters' own.</footer>
  </main>
</body>
</html>
`;
}

/** A script that does nothing, of the bundle's loader's size: a comment. */
async function idleScript(bundle) {
  const size = (await stat(path.join(bundle, 'kibitz.js'))).size;
  return `/*${'-'.repeat(Math.max(0, size - 4))}*/`;
}

/** Resolves `rest` inside `dir`, or null if it would escape it. */
function inside(dir, rest) {
  let decoded;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  const file = path.resolve(dir, '.' + path.posix.normalize('/' + decoded));
  return file.startsWith(dir + path.sep) ? file : null;
}

/**
 * Starts the server. `bundle` is the directory served as /static/kibitz/,
 * `threads` the one served as /threads/. Resolves to { origin, close() }.
 */
export function startServer({ bundle, threads, host = '127.0.0.1', port = 0 }) {
  const sockets = new Set();

  function send(res, status, body, type, cache = 'no-store') {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': cache,
    });
    res.end(body);
  }

  async function sendFile(res, file, cache) {
    if (!file) return send(res, 404, 'Not found\n', 'text/plain');
    let body;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'Not found\n', 'text/plain');
    }
    send(res, 200, body, TYPES[path.extname(file)] ?? 'application/octet-stream', cache);
  }

  async function route(req, res) {
    const url = new URL(req.url, 'http://localhost');
    const p = url.pathname;
    if (p === '/favicon.ico') return send(res, 204, '', 'image/x-icon');
    if (p === '/article') {
      const options = {
        impl: url.searchParams.get('impl') ?? 'bare',
        thread: url.searchParams.get('thread') ?? '',
        pageSize: url.searchParams.get('page-size'),
        loading: url.searchParams.get('loading'),
        cached: url.searchParams.has('cached'),
      };
      return send(res, 200, articlePage(options), TYPES['.html']);
    }
    if (p === '/idle.js') return send(res, 200, await idleScript(bundle), TYPES['.js']);
    const cache = p.startsWith('/cached/') ? 'max-age=3600' : undefined;
    const q = cache ? p.slice('/cached'.length) : p;
    if (q === '/reference.js') return sendFile(res, path.join(here, 'reference.js'), cache);
    if (q.startsWith('/static/kibitz/')) return sendFile(res, inside(bundle, q.slice('/static/kibitz/'.length)), cache);
    if (p.startsWith('/threads/')) return sendFile(res, inside(threads, p.slice('/threads/'.length)));
    send(res, 404, 'Not found\n', 'text/plain');
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, String(err), 'text/plain');
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
      const { port: bound } = server.address();
      resolve({
        origin: `http://${host}:${bound}`,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
