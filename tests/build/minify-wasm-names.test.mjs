// scripts/minify-wasm-names.mjs (run by the release build's hook): the
// names it shortens in a wasm are shortened alike in its glue, so that the
// pair still links and runs, and a glue that does not match its wasm stops
// the build. On a small module in wasm-bindgen's shape, built with
// binaryen's wasm-as from node_modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const script = path.join(root, 'scripts/minify-wasm-names.mjs');

const WAT = `(module
  (import "./kibitz-widget_bg.js" "__wbg_twice_0123456789abcdef" (func $twice (param i32) (result i32)))
  (import "./kibitz-widget_bg.js" "__wbg_plus_one_fedcba9876543210" (func $plus_one (param i32) (result i32)))
  (import "./kibitz-widget_bg.js" "__wbg_enqueue_00112233aabbccdd" (func $enqueue (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "wasm_bindgen_12a3___convert__closures_____invoke___true_") (param i32) (result i32)
    (call $plus_one (call $twice (local.get 0))))
  (func (export "mount") (param i32) (result i32)
    (call $twice (local.get 0)))
  (func (export "intounderlyingsink_write") (param i32) (result i32)
    (call $enqueue (local.get 0)))
  (func (export "__wbg_intounderlyingsink_free") (param i32)))`;

// The parts of wasm-bindgen's glue that name the wasm: the import object
// and `wasm.<export>` calls.
const GLUE = `export class IntoUnderlyingSink {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        IntoUnderlyingSinkFinalization.unregister(this);
        return ptr;
    }
    write(chunk) {
        return wasm.intounderlyingsink_write(this.__wbg_ptr, chunk);
    }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;
let wasm;
export function run(x) {
    return wasm.wasm_bindgen_12a3___convert__closures_____invoke___true_(x) + wasm.mount(x);
}
export function pages() {
    return wasm.memory.buffer.byteLength / 65536;
}
export function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_twice_0123456789abcdef: function(arg0) {
            return arg0 * 2;
        },
        __wbg_plus_one_fedcba9876543210: function(arg0) {
            return arg0 + 1;
        },
        __wbg_enqueue_00112233aabbccdd: function() { return handleError(function (arg0) {
            arg0.enqueue();
        }, arguments); },
    };
    return {
        __proto__: null,
        "./kibitz-widget_bg.js": import0,
    };
}
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));
export function init(module) {
    wasm = new WebAssembly.Instance(module, __wbg_get_imports()).exports;
}
`;

function pair(glue = GLUE) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kibitz-minify-'));
  const wat = path.join(dir, 'widget.wat');
  const wasm = path.join(dir, 'widget.wasm');
  const js = path.join(dir, 'widget.mjs');
  writeFileSync(wat, WAT);
  execFileSync(bin('wasm-as'), [wat, '-o', wasm]);
  writeFileSync(js, glue);
  return { wasm, js };
}

function minify({ wasm, js }) {
  return spawnSync('node', [script, wasm, js], {
    encoding: 'utf8',
    env: { ...process.env, WASM_OPT: bin('wasm-opt') },
  });
}

test('the wasm and its glue still link and run once their names are shortened', async () => {
  const files = pair();
  const before = readFileSync(files.wasm).length;
  const run = minify(files);
  assert.equal(run.status, 0, run.stderr);

  const module = new WebAssembly.Module(readFileSync(files.wasm));
  const names = [
    ...WebAssembly.Module.imports(module).flatMap((i) => [i.module, i.name]),
    ...WebAssembly.Module.exports(module).map((e) => e.name),
  ];
  assert.ok(names.every((name) => name.length <= 2), `short names: ${names}`);
  assert.ok(readFileSync(files.wasm).length < before);
  const glue = readFileSync(files.js, 'utf8');
  assert.doesNotMatch(glue, /0123456789abcdef|__convert__closures|kibitz-widget_bg/);
  // wasm-streams' class, never made by the widget, is gone from both, with
  // the import only it called.
  assert.doesNotMatch(glue, /IntoUnderlying|intounderlying|enqueue/i);
  assert.equal(WebAssembly.Module.exports(module).length, 3);
  assert.equal(WebAssembly.Module.imports(module).length, 2);

  const widget = await import(pathToFileURL(files.js));
  widget.init(module);
  assert.equal(widget.run(5), 5 * 2 + 1 + 5 * 2);
  assert.equal(widget.pages(), 1);
});

test('a glue that lacks an import of its wasm stops the build', () => {
  const files = pair(GLUE.replace(/ {8}__wbg_plus_one_[^]*?\n {8}\},\n/, ''));
  const run = minify(files);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /renamed 1 of the glue's imports, but the wasm has 2/);
});

test('a glue that calls what its wasm does not export stops the build', () => {
  const files = pair(GLUE.replace('wasm.mount(x)', 'wasm.unmount(x)'));
  const run = minify(files);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /the glue calls wasm\.unmount, which the wasm does not export/);
});

test('a glue whose imports are not under the module the wasm names stops the build', () => {
  const files = pair(GLUE.replace('"./kibitz-widget_bg.js": import0', '"./other.js": import0'));
  const run = minify(files);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /the glue does not name its imports as/);
});

test('a wasm-streams class the glue writes in an unknown shape stops the build', () => {
  const files = pair(GLUE.replace(/^const IntoUnderlyingSinkFinalization[^;]*;\n/m, ''));
  const run = minify(files);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /expected one finalization registry of IntoUnderlyingSink in the glue, found 0/);
});
