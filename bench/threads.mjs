// Deterministic synthetic threads for the benchmark, in kibitz's native
// format (docs/thread-format.md): flat comments with `parent` ids, in the
// order they were written, as most exports hold them.
//
// Every thread comes from a seeded PRNG, so the same command writes the same
// bytes on every machine; bench/out/threads/manifest.json records each file's
// SHA-256 and shape so a changed generator shows up in the results.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: tiny, fast, and good enough for test data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const between = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

// Names from many scripts, so text shaping, bidi and font fallback are part
// of what is measured, as on a real international site.
const NAMES = [
  'Zofia Wiśniewska', 'Joaquín Sepúlveda', 'Ana-Luísa Gonçalves', 'Émile Lefèvre',
  'Søren Kjærgaard', 'Björk Guðmundsdóttir', 'Çağla Yılmaz', 'Nguyễn Thị Hương',
  'Antonín Dvořák', 'Marisol Etxeberria', 'Jürgen Groß', 'Łukasz Żółkiewski',
  'Анна Павлова', 'Дмитрий Соколов', 'Олена Шевченко', 'Νίκος Παπαδόπουλος',
  'Ελένη Γεωργίου', 'فاطمة الزهراء', 'محمد العلي', 'نورا حداد', 'נועה כהן',
  'יוסף לוי', 'प्रिया शर्मा', 'अर्जुन मेहता', 'সুমন দাস', 'கார்த்திக் ராஜா',
  '大村 健', '王小明', '李娜', 'さくら', 'タナカ ユウキ', '김민준', '이서연',
  'สมชาย ใจดี', 'ნინო ბერიძე', 'Արամ Պետրոսյան', 'አበበ ቢቂላ', 'Kwame Mensah',
  'Aroha Ngata', 'Siobhán Ní Bhriain', 'Ólafur Arnalds', 'Tomás Ó Floinn',
];

const WORDS = (
  'the summit ridge wind camp rope descent weather forecast oxygen glacier ' +
  'we turned back at noon because daylight was short and my fingers were cold ' +
  'honestly I think the decision is harder than the climb itself every time ' +
  'acclimatisation matters more than fitness people underestimate altitude ' +
  'our guide said the mountain will still be there next year which helped ' +
  'I read your post twice and it reminded me of a trip in the Andes years ago ' +
  'good call nobody regrets turning around but many regret pushing on'
).split(' ');

// A share of the bodies is written in other scripts, as replies often are.
const FOREIGN = [
  'мы повернули назад за триста метров до вершины и ни о чём не жалеем'.split(' '),
  'قررنا العودة قبل القمة بثلاثمائة متر وكان القرار صائبا تماما'.split(' '),
  '山頂 の 手前 で 引き返した 判断 は 正しかった と 思います 天気 が 急変 した'.split(' '),
  'ο άνεμος στην κορυφογραμμή ήταν πολύ δυνατός και γυρίσαμε πίσω νωρίς'.split(' '),
  'शिखर से पहले लौटना कठिन था लेकिन सही निर्णय था मौसम खराब था'.split(' '),
];

const LINKS = [
  'https://www.mountain-forecast.com/peaks/Aconcagua',
  'https://example.com/trip-reports/2019/aconcagua-polish-glacier',
  'https://en.wikipedia.org/wiki/Aconcagua',
  'https://example.org/gear?list=high-altitude&sort=weight',
  'https://blog.example.net/posts/turning-back/',
];

/** Body length: 50 to 1,500 characters, skewed short like real comments. */
function bodyLength(rand) {
  return Math.round(50 * 30 ** (rand() ** 1.4));
}

function sentence(rand, words) {
  const n = between(rand, 5, 18);
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(pick(rand, words));
  if (rand() < 0.12) parts.splice(between(rand, 1, n - 1), 0, pick(rand, LINKS));
  const text = parts.join(' ');
  return text[0].toUpperCase() + text.slice(1) + pick(rand, ['.', '.', '.', '?', '!']);
}

/**
 * A plain-text body of 50 to 1,500 characters: sentences grouped into
 * paragraphs (blank lines), now and then a single line break, bare URLs.
 */
export function body(rand) {
  const target = bodyLength(rand);
  const words = rand() < 0.15 ? pick(rand, FOREIGN) : WORDS;
  const paragraphs = [[]];
  let length = 0;
  while (length < target) {
    const s = sentence(rand, words);
    if (length + s.length + 2 > 1500) break;
    const current = paragraphs[paragraphs.length - 1];
    if (current.length >= between(rand, 1, 4)) paragraphs.push([s]);
    else current.push(s);
    length += s.length + 2;
  }
  const text = paragraphs
    .map((p) => p.join(rand() < 0.1 ? '\n' : ' '))
    .join('\n\n');
  // A short target may end below 50 if the first sentence is short: pad.
  return text.length >= 50 ? text : `${text} ${sentence(rand, WORDS)}`.slice(0, 1500);
}

/** RFC 3339 UTC, second precision, as most exports write it. */
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Where a new ordinary reply goes: a recent comment, walked up towards the
 * top level while a coin weighted by depth says no, so each level of nesting
 * is about half as likely as the one above it.
 */
function replyParent(rand, pool, byIndex) {
  let node = pool[Math.max(0, pool.length - 1 - Math.floor(rand() * Math.min(pool.length, 300)))];
  while (node.parent !== null && rand() > 0.55 ** (node.depth - 1)) node = byIndex.get(node.parent);
  return node;
}

/**
 * A thread of `size` comments: many top-level comments, replies nesting
 * with decreasing probability, `chains` back-and-forth chains of 30 to 45
 * replies each (so 31 to 46 deep), and optionally a `hot` top-level comment
 * (always c1) whose subtree grows to that many replies.
 */
export function treeThread({ id, size, seed, chains = 0, hot = 0, topShare = 0.3 }) {
  const rand = prng(seed);
  const comments = [];
  const byIndex = new Map();
  const general = []; // candidates for ordinary replies (not chain links, not the hot subtree)
  const hotPool = [];
  let time = Date.UTC(2024, 1, 14, 21, 8);

  const add = (parentNode, pool) => {
    const n = comments.length + 1;
    time += between(rand, 20, 1800) * 1000;
    const node = {
      id: `c${n}`,
      parent: parentNode ? parentNode.id : null,
      depth: parentNode ? parentNode.depth + 1 : 1,
      author: { name: pick(rand, NAMES) },
      created: iso(time),
      body: body(rand),
      score: Math.floor(rand() ** 3 * 60),
    };
    comments.push(node);
    byIndex.set(node.id, node);
    pool?.push(node);
    return node;
  };

  const hotRoot = hot > 0 ? add(null, hotPool) : null;
  const chainLengths = Array.from({ length: chains }, () => between(rand, 30, 45));
  const chainState = chainLengths.map((length) => ({ length, last: null }));
  let hotLeft = hot;
  let chainLeft = chainLengths.reduce((a, b) => a + b, 0);
  if (comments.length + hotLeft + chainLeft > size) throw new Error(`${id}: ${size} is too small`);

  while (comments.length < size) {
    const left = size - comments.length;
    const r = rand();
    if (r < hotLeft / left) {
      add(replyParent(rand, hotPool, byIndex), hotPool);
      hotLeft--;
    } else if (r < (hotLeft + chainLeft) / left && general.some((c) => c.parent === null)) {
      // Advance one unfinished chain: it starts under an existing top-level
      // comment, then each link answers the one before.
      const open = chainState.filter((c) => c.length > 0);
      const chain = pick(rand, open);
      const parent = chain.last ?? pick(rand, general.filter((c) => c.parent === null));
      chain.last = add(parent, null);
      chain.length--;
      chainLeft--;
    } else if (general.length === 0 || rand() < topShare) {
      add(null, general);
    } else {
      add(replyParent(rand, general, byIndex), general);
    }
  }
  return { json: serialize(id, comments), comments, hotRootId: hotRoot?.id ?? null };
}

/** A single chain: comment k answers comment k − 1, `size` deep. */
export function chainThread({ id, size, seed }) {
  const rand = prng(seed);
  const comments = [];
  let time = Date.UTC(2024, 1, 14, 21, 8);
  const pair = [pick(rand, NAMES), pick(rand, NAMES)];
  for (let k = 1; k <= size; k++) {
    time += between(rand, 20, 600) * 1000;
    comments.push({
      id: `n${k}`,
      parent: k === 1 ? null : `n${k - 1}`,
      depth: k,
      author: { name: pair[k % 2] },
      created: iso(time),
      body: body(rand),
      score: 0,
    });
  }
  return { json: serialize(id, comments), comments, hotRootId: null };
}

function serialize(id, comments) {
  const out = comments.map(({ depth, ...c }) => c);
  return JSON.stringify({ version: 1, thread: { id }, comments: out });
}

/** Shape of a thread, for the manifest and the report. */
export function stats(comments, hotRootId) {
  const children = new Map();
  for (const c of comments) {
    if (c.parent !== null) {
      if (!children.has(c.parent)) children.set(c.parent, []);
      children.get(c.parent).push(c);
    }
  }
  const descendants = new Map();
  // Comments come after their parents, so one reverse pass sums subtrees.
  for (let i = comments.length - 1; i >= 0; i--) {
    const c = comments[i];
    const d = (children.get(c.id) ?? []).reduce((sum, k) => sum + 1 + descendants.get(k.id), 0);
    descendants.set(c.id, d);
  }
  const depths = comments.map((c) => c.depth);
  const lengths = comments.map((c) => c.body.length);
  return {
    comments: comments.length,
    topLevel: comments.filter((c) => c.parent === null).length,
    maxDepth: depths.reduce((a, b) => Math.max(a, b), 0),
    deeperThan6: comments.filter((c) => c.depth > 6).length,
    // kibitz lists everything below its default max depth (6) flat, paged.
    largestBelowDepth6: comments
      .filter((c) => c.depth === 6)
      .reduce((m, c) => Math.max(m, descendants.get(c.id)), 0),
    bodyChars: { min: Math.min(...lengths), max: Math.max(...lengths) },
    hotRootId,
    hotReplies: hotRootId ? descendants.get(hotRootId) : null,
  };
}

/** The benchmark's threads. The collapse figure uses bench-2000's c1. */
export const THREADS = [
  { id: 'bench-6', size: 6, seed: 6, kind: 'tree' },
  { id: 'bench-200', size: 200, seed: 200, kind: 'tree', chains: 1 },
  { id: 'bench-2000', size: 2000, seed: 2000, kind: 'tree', chains: 3, hot: 1000 },
  { id: 'bench-10000', size: 10000, seed: 10000, kind: 'tree', chains: 5 },
  { id: 'bench-chain-10000', size: 10000, seed: 1, kind: 'chain' },
];

/** Writes every thread and manifest.json into `dir`; returns the manifest. */
export function writeThreads(dir) {
  mkdirSync(dir, { recursive: true });
  const manifest = {};
  for (const spec of THREADS) {
    const { json, comments, hotRootId } = spec.kind === 'chain' ? chainThread(spec) : treeThread(spec);
    writeFileSync(path.join(dir, `${spec.id}.json`), json);
    manifest[spec.id] = {
      ...stats(comments, hotRootId),
      bytes: Buffer.byteLength(json),
      sha256: createHash('sha256').update(json).digest('hex'),
    };
  }
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/**
 * A copy of thread `id` (already written to `dir`) in which every comment
 * has an https avatar (one of 50 pictures, on a host that does not
 * resolve), as `${id}-avatars`: for comparing builds on threads with
 * pictures (bench/ab.mjs), not part of the benchmark's table.
 */
export function writeAvatarThread(dir, manifest, id) {
  const thread = JSON.parse(readFileSync(path.join(dir, `${id}.json`), 'utf8'));
  thread.comments.forEach((c, i) => { c.author.avatar = `https://avatars.invalid/${i % 50}.png`; });
  const json = JSON.stringify(thread);
  writeFileSync(path.join(dir, `${id}-avatars.json`), json);
  manifest[`${id}-avatars`] = { ...manifest[id], bytes: Buffer.byteLength(json) };
}
