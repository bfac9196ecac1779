// The benchmark's judging of its budgets (bench/report.mjs): ratios round
// by round, so that a machine drifting in speed moves both halves of a
// ratio; and the default (lazy) tag's check on the host page's load event.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { aggregate, budgets, mainTable, roundDifferences, roundRatios } from '../../bench/report.mjs';

/** One load's figures, as `figures()` makes them, with `all` painted at `ms`. */
const load = (ms) => ({
  figures: {
    shown: 2000, mode: 'count', complete: true, first: ms / 2, allDom: ms, all: ms,
    firstData: ms / 4, allData: ms / 2, heapMB: 1, wasmMB: 1, longest: 10, loadEnd: 50,
    beforeLoad: [], collapse: null,
  },
});
const failed = { error: 'timed out' };

/** A case's result from the rounds' times, kibitz's and the reference's. */
function result(name, kibitz, reference) {
  const loads = { kibitz: kibitz.map((x) => (x === null ? failed : load(x))), reference: reference.map((x) => (x === null ? failed : load(x))) };
  return {
    case: { name, thread: `bench-${name}`, pageSize: 'all', impls: ['kibitz', 'reference'] },
    runs: kibitz.length,
    loads,
    rows: { kibitz: aggregate(loads.kibitz), reference: aggregate(loads.reference) },
  };
}

// Rounds where the reference's time and kibitz's went different ways: the
// two medians are equal (1.00x), the rounds' own ratios 0.33, 2.0 and 1.6.
const unpaired = result('2000', [100, 200, 320], [300, 100, 200]);

test('a ratio is taken round by round, not from the two medians', () => {
  assert.equal(unpaired.rows.kibitz.all.median / unpaired.rows.reference.all.median, 1);
  const r = roundRatios(unpaired, (f) => f.all);
  assert.deepEqual(
    [r.n, r.min, r.median, r.max].map((x) => Number(x.toFixed(2))),
    [3, 0.33, 1.6, 2],
  );
  assert.equal(roundRatios(unpaired, (f) => f.first).median, 1.6, 'any figure');
});

test('a round with a failed load is left out of the ratios', () => {
  const r = roundRatios(result('2000', [100, null, 300], [100, 50, null]), (f) => f.all);
  assert.deepEqual({ n: r.n, median: r.median }, { n: 1, median: 1 });
  assert.equal(roundRatios(result('2000', [null], [100]), (f) => f.all), null);
});

test('the 2,000-comment budget is judged on the rounds, and says both figures', () => {
  const line = (r) => budgets([r], [{ gzip: 1 }]).find((b) => b.text.startsWith('2,000'));
  const good = result('2000', [120, 240, 360], [100, 200, 300]);
  assert.equal(line(good).ok, true, line(good).text);
  assert.match(line(good).text, /median of 3 rounds' ratios 1\.20× \(1\.20–1\.20\); medians 240 ms vs 200 ms = 1\.20×/);
  // Equal medians, but kibitz took 1.6x the reference in the median round.
  assert.equal(line(unpaired).ok, false, line(unpaired).text);
  assert.equal(line(result('2000', [160, 320, 480], [100, 200, 300])).ok, false);
  assert.equal(line(result('2000', [null], [100])).ok, null, 'not measured');
});

test("the table's ratio row is the median of the rounds' ratios", () => {
  const table = mainTable([unpaired]);
  const row = table.split('\n').find((l) => l.startsWith('| 2000 | kibitz/reference'));
  const cells = row.split('|').map((c) => c.trim());
  assert.equal(cells[7], '1.60×', row);
});

/**
 * The lazy case's result: kibitz's loads with the widget requests that
 * started before the load event, the other pages' load events.
 */
function lazyResult({ beforeLoad = [['loader']], complete = true, loadEnd = [90], idle = [80], bare = [50] } = {}) {
  const with_ = (loadEnd, extra) => ({ figures: { ...load(300).figures, loadEnd, ...extra } });
  const loads = {
    kibitz: beforeLoad.map((roles, i) => with_(loadEnd[i] ?? 90, { beforeLoad: roles, complete })),
    'idle-script': idle.map((ms) => with_(ms, { beforeLoad: ['idle.js'], shown: 0 })),
    bare: bare.map((ms) => with_(ms, { shown: 0 })),
  };
  return {
    case: { name: 'lazy', thread: 'bench-200', pageSize: 'all', loading: 'lazy', impls: Object.keys(loads) },
    runs: beforeLoad.length,
    loads,
    rows: Object.fromEntries(Object.entries(loads).map(([impl, list]) => [impl, aggregate(list)])),
  };
}

test('the lazy tag passes only when the loader alone came before the load event and every comment showed', () => {
  const line = (r) => budgets([r], [{ gzip: 1 }]).find((b) => b.text.startsWith('lazy'));
  const good = lazyResult({ beforeLoad: [['loader'], ['loader']], loadEnd: [90, 100], idle: [80, 70], bare: [50, 60] });
  assert.equal(line(good).ok, true, line(good).text);
  assert.match(line(good).text, /so in 2\/2 loads; load event \+40 ms against the bare article, \+20 ms against one with an idle async script of the loader's size/);
  const early = line(lazyResult({ beforeLoad: [['loader'], ['loader', 'wasm', 'thread']] }));
  assert.equal(early.ok, false, early.text);
  assert.match(early.text, /wasm, thread started before it/);
  assert.equal(line(lazyResult({ complete: false })).ok, false, 'a widget that never showed its comments fetched nothing early trivially');
  assert.equal(line(lazyResult({ beforeLoad: [] })).ok, null, 'not measured');
  assert.equal(budgets([], [{ gzip: 1 }]).find((b) => b.text.startsWith('lazy')).ok, null);
});

test('a difference is taken round by round, over the rounds where both loads succeeded', () => {
  const r = lazyResult({ beforeLoad: [['loader'], ['loader'], ['loader']], loadEnd: [100, 50, 90], bare: [40, 45, 50] });
  r.loads.bare[2] = failed;
  const d = roundDifferences(r, 'bare', (f) => f.loadEnd);
  assert.deepEqual({ n: d.n, min: d.min, max: d.max }, { n: 2, min: 5, max: 60 });
});
