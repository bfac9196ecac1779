// What a reader downloads for the widget, computed from the bundle's files:
// raw bytes, gzip at level 9 and brotli at quality 11 (what a server that
// precompresses would send).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const BUNDLE_FILES = [
  ['kibitz.js', 'loader'],
  ['kibitz-widget.js', 'glue'],
  ['kibitz-widget_bg.wasm', 'wasm'],
  ['kibitz.css', 'css'],
];

function brotli(bytes) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;
}

/** [{ file, role, raw, gzip, brotli }] plus a total row. */
export function bundleSizes(dir) {
  const rows = BUNDLE_FILES.map(([file, role]) => {
    const bytes = readFileSync(path.join(dir, file));
    return { file, role, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotli(bytes) };
  });
  const total = { file: 'total', role: '', raw: 0, gzip: 0, brotli: 0 };
  for (const row of rows) for (const k of ['raw', 'gzip', 'brotli']) total[k] += row[k];
  return [...rows, total];
}
