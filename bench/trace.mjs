// One cold load under Chromium's tracing, for finding where the time goes:
//   node bench/trace.mjs <bundle dir> [thread] [page-size] [impl]
// Prints the renderer main thread's busy time by trace event (self time,
// nested events subtracted) up to the first view's paint, and the hottest
// functions of a CPU profile (wasm functions are named when the bundle's
// wasm keeps its name section). TIMELINE=1 also lists the main thread's
// tasks over 2 ms, with the hottest functions inside each task over 10 ms
// (HOT=n of them, 5 by default), and the resource timings; NO_NETWORK_DOMAIN=1 leaves CDP's
// Network domain off (it makes Chromium decode every response for
// DevTools); EXTRA_CHROMIUM_ARGS adds switches; INCLUSIVE=word,word prints
// the time spent in and below the functions whose names contain each word;
// CALLERS=word,word the callers that time in such functions comes from.
// Not part of the benchmark's figures: tracing slows everything, and it
// turns off Chromium's fast path for innerHTML, so markup parsing shows
// up slower here than it is.
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './measure.mjs';
import { startServer } from './server.mjs';
import { writeThreads } from './threads.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [bundle, thread = 'bench-2000', pageSize = 'all', impl = 'kibitz'] = process.argv.slice(2);
const threads = path.join(here, 'out', 'threads');
const manifest = writeThreads(threads);
const server = await startServer({ bundle: path.resolve(bundle), threads });
const extra = (process.env.EXTRA_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extra], headless: true });
const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, locale: 'en-US', timezoneId: 'UTC' });
const page = await context.newPage();
const expected = pageSize === 'all' || impl === 'reference' ? manifest[thread].comments : 1;
await context.addInitScript((expected) => {
  window.__done = new Promise((resolve) => {
    const check = () => {
      const n = document.querySelectorAll('[data-comment-id]').length;
      if (n >= expected) requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      else setTimeout(check, 20);
    };
    check();
  });
}, expected);
const cdp = await context.newCDPSession(page);
if (!process.env.NO_NETWORK_DOMAIN) {
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
}
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'blink', 'loading', 'toplevel'] });
await cdp.send('Profiler.start');
const q = new URLSearchParams({ impl, thread });
if (impl === 'kibitz' && pageSize) q.set('page-size', pageSize);
await page.goto(`${server.origin}/article?${q}`, { waitUntil: 'commit' });
const doneAt = await page.evaluate(() => window.__done);
const { profile } = await cdp.send('Profiler.stop');
const trace = JSON.parse((await browser.stopTracing()).toString());
console.log('done at', Math.round(doneAt), 'ms');

// Main thread of the renderer: the thread named CrRendererMain.
const events = trace.traceEvents;
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
mine.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const self = new Map();
const stack = [];
for (const e of mine) {
  while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
  if (stack.length) {
    const parent = stack.at(-1);
    parent.child = (parent.child ?? 0) + Math.min(e.dur, parent.ts + parent.dur - e.ts);
  }
  stack.push(e);
}
for (const e of mine) self.set(e.name, (self.get(e.name) ?? 0) + e.dur - (e.child ?? 0));
if (process.env.TIMELINE) {
  const t0 = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationTiming')?.ts ?? mine[0].ts;
  console.log('\ntop-level tasks over 2 ms (start ms, duration ms, biggest nested events)');
  const tops = []; let end = 0;
  for (const e of mine) { if (e.ts >= end) { tops.push(e); end = e.ts + e.dur; } }
  for (const e of tops.filter((e) => e.dur > 2000)) {
    const inner = mine.filter((x) => x !== e && x.ts >= e.ts && x.ts < e.ts + e.dur && x.dur > 1000 && x.name !== 'RunTask')
      .sort((a, b) => b.dur - a.dur).slice(0, 4).map((x) => `${x.name}${x.args?.data?.url ? '(' + x.args.data.url.split('/').pop() + ')' : ''} ${(x.dur / 1000).toFixed(1)}`);
    console.log(((e.ts - t0) / 1000).toFixed(1).padStart(8), (e.dur / 1000).toFixed(1).padStart(7), e.name, '>', inner.join(' | '));
    if (e.dur > 10000) console.log('           ', hottestWithin(e.ts, e.ts + e.dur));
  }
  const res = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop(), Math.round(r.startTime), Math.round(r.responseEnd)]));
  console.log('resources', JSON.stringify(res));
}
// The CPU profile's hottest functions (self time) between two trace
// timestamps: what a long task was doing. The profile and the trace share
// one clock.
function hottestWithin(from, to) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const within = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (at < from || at >= to) return;
    const frame = byId.get(id).callFrame;
    const name = (frame.functionName || '(anon)').replace(/\[[0-9a-f]+\]/g, '').slice(0, 60);
    within.set(name, (within.get(name) ?? 0) + us);
  });
  return [...within].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.HOT ?? 5)).map(([n, us]) => `${n} ${(us / 1000).toFixed(1)}`).join(' | ');
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 22);
console.log('\nmain thread self time by event (ms)');
for (const [name, us] of rows) console.log(String((us / 1000).toFixed(1)).padStart(8), name);

// CPU profile: self time per function.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const hits = new Map();
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => hits.set(id, (hits.get(id) ?? 0) + (dt[i + 1] ?? 0)));
const fn = new Map();
for (const [id, us] of hits) {
  const n = byId.get(id);
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
}
// Self time by script (the wasm, its glue, the loader; blank: the browser).
const byFile = new Map();
for (const [id, us] of hits) {
  const file = byId.get(id).callFrame.url.split('/').pop() || '(browser)';
  byFile.set(file, (byFile.get(file) ?? 0) + us);
}
console.log('\nCPU profile self time by script (ms)');
for (const [name, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(String((us / 1000).toFixed(1)).padStart(8), name);
// INCLUSIVE=parse,normalize: the time spent in (and below) functions whose
// names contain each word, counted once however they nest.
for (const word of (process.env.INCLUSIVE ?? '').split(',').filter(Boolean)) {
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  let us = 0;
  for (const [id, t] of hits) {
    for (let at = id; at !== undefined; at = parentOf.get(at)) {
      if (byId.get(at).callFrame.functionName.includes(word)) { us += t; break; }
    }
  }
  console.log(`inclusive ${word}: ${(us / 1000).toFixed(1)} ms`);
}
// CALLERS=word: where the time in functions named with the word comes from,
// by the nearest caller with another name.
for (const word of (process.env.CALLERS ?? '').split(',').filter(Boolean)) {
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const callers = new Map();
  for (const [id, t] of hits) {
    if (!byId.get(id).callFrame.functionName.includes(word)) continue;
    let at = id;
    while (at !== undefined && byId.get(at).callFrame.functionName.includes(word)) at = parentOf.get(at);
    const name = at === undefined ? '(root)' : byId.get(at).callFrame.functionName.replace(/\[[0-9a-f]+\]/g, '').slice(0, 110);
    callers.set(name, (callers.get(name) ?? 0) + t);
  }
  console.log(`\ncallers of ${word} (ms)`);
  for (const [name, us] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(String((us / 1000).toFixed(1)).padStart(8), name);
}
console.log('\nCPU profile self time (ms)');
for (const [name, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(String((us / 1000).toFixed(1)).padStart(8), name.slice(0, 140));
await browser.close();
server.close();
process.exit(0);
