// A/B: two bundles (and the reference) loaded in alternation, cold, on the
// same browser; prints the median "all painted" of each and of their per-round
// ratios, then the medians of first painted, the two "after data" figures
// and the longest task. For judging one change against another on a noisy
// machine:
//   node bench/ab.mjs <bundle A dir> <bundle B dir> [thread] [rounds] [page-size]
// A thread named like bench-2000-avatars is that thread with a picture on
// every comment.
import { coldLoad, launchBrowser } from './measure.mjs';
import { figures } from './report.mjs';
import { startServer } from './server.mjs';
import { writeAvatarThread, writeThreads } from './threads.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [a, b, thread = 'bench-2000', rounds = '9', pageSize = 'all'] = process.argv.slice(2);
const threads = path.join(here, 'out', 'threads');
const manifest = writeThreads(threads);
if (thread.endsWith('-avatars')) writeAvatarThread(threads, manifest, thread.slice(0, -'-avatars'.length));
const servers = await Promise.all([a, b].map((bundle) => startServer({ bundle: path.resolve(bundle), threads })));
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const all = { A: [], B: [], ref: [] };
const more = { A: [], B: [], ref: [] };
for (let i = 0; i < Number(rounds); i++) {
  for (const [name, server, impl] of [['A', servers[0], 'kibitz'], ['ref', servers[0], 'reference'], ['B', servers[1], 'kibitz']]) {
    const q = new URLSearchParams({ impl, thread });
    if (impl === 'kibitz' && pageSize) q.set('page-size', pageSize);
    const all_ = impl === 'reference' || pageSize === 'all';
    const load = { url: `${server.origin}/article?${q}`, expected: all_ ? manifest[thread].comments : 0, mode: all_ ? 'count' : 'ready', kibitz: impl === 'kibitz', timeoutMs: 60000 };
    const raw = await coldLoad(browser, load);
    if (raw.error) { console.log(name, 'ERROR', raw.error); continue; }
    const f = figures(raw, { thread, mode: load.mode });
    all[name].push(f.all);
    more[name].push(f);
  }
  console.log(i + 1, Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Math.round(v.at(-1))])));
}
const ratio = (k) => median(all[k].map((v, i) => v / all.ref[i])).toFixed(2);
console.log('median all painted', Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Math.round(median(v))])), 'A/ref', ratio('A'), 'B/ref', ratio('B'));
for (const key of ['first', 'firstData', 'allData', 'longest']) {
  console.log(`median ${key}`, Object.fromEntries(Object.entries(more).map(([k, v]) => [k, Math.round(median(v.map((f) => f[key] ?? NaN)))])));
}
await browser.close();
for (const s of servers) s.close();
process.exit(0);
