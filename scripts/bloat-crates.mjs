// Sums twiggy's `top -f csv` rows by the crate their name starts with
// (generic instances count for the crate of the function, not of its type
// arguments); data segments and unnamed items get their own rows.
import { readFileSync } from 'node:fs';

const rows = readFileSync(process.argv[2], 'utf8').trim().split('\n').slice(1);
const sums = new Map();
let total = 0;
for (const row of rows) {
  // Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent:
  // the name may hold commas (then it is quoted, with "" for a quote).
  const match = row.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),[^,]*,[^,]*,[^,]*$/);
  if (!match) continue;
  const name = match[1].replace(/^"|"$/g, '').replace(/""/g, '"');
  const size = match[2];
  // Names exist only in this build (-g), not in the shipped wasm.
  if (name.includes('names" subsection')) continue;
  const bytes = Number(size);
  total += bytes;
  sums.set(crateOf(name), (sums.get(crateOf(name)) ?? 0) + bytes);
}

function crateOf(name) {
  if (name.startsWith('data[') || name.startsWith('data segment')) return '(data segments)';
  if (/^(code|type|elem|table|import|export|global|memory)\b/.test(name)) return `(${name.split(/[[ ]/)[0]} section)`;
  // `<T as Trait>::f` counts for the crate of T; `core::ptr::drop_in_place<x>` for core.
  const path = name.replace(/^<+/, '').replace(/^&(mut )?/, '').replace(/^dyn /, '');
  // v0 symbols (std built with the widget) name crates as `core[1a2b3c]::`.
  const head = path.match(/^([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
  return head ? head[1] : '(other)';
}

const sorted = [...sums].sort((a, b) => b[1] - a[1]);
for (const [crate, bytes] of sorted.slice(0, 30)) {
  console.log(`${String(bytes).padStart(8)}  ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${crate}`);
}
console.log(`${String(total).padStart(8)}  100.0%  total`);
