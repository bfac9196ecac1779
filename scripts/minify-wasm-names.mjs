// Shortens the names the widget's wasm and its wasm-bindgen glue know each
// other by, in trunk's staging directory (run by post-build.sh, release
// builds only):
//   node scripts/minify-wasm-names.mjs <wasm> <glue.js>
// (with binaryen's wasm-opt on PATH, or named by WASM_OPT).
// wasm-bindgen names every import after its function plus a 16-digit hash
// (`__wbg_addEventListener_847fd86b8c33ec43`) and its closure exports after
// their whole Rust type (up to 300 characters); both files carry each name,
// and the hashes do not compress. Binaryen's
// --minify-imports-and-exports-and-modules pass renames them all in the wasm
// (imports `a`, `b`…, the module `a`) and prints the mapping, which this
// script then applies to the glue: the import object's keys and module, and
// every `wasm.<export>`. About 7 KB gzip of the download. On the way it
// takes out what the widget never uses of the glue and the wasm:
// wasm-streams' classes (below), and import functions only their code
// called.
//
// The glue is rewritten only where it names the wasm, and the rewrite is
// checked: every import the wasm now asks for must be a key of the glue's
// import object, and no `wasm.<name>` may be left that the wasm does not
// export. Anything unexpected (a new wasm-bindgen shaping its glue
// differently) stops the build with a message rather than shipping a
// widget that cannot start.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error('usage: node scripts/minify-wasm-names.mjs <wasm> <glue.js>');
  process.exit(2);
}

const fail = (message) => {
  console.error(`minify-wasm-names: ${message}`);
  process.exit(1);
};

// The features trunk's wasm-opt run enabled (index.html), so that the pass
// reads the module it wrote.
const FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-reference-types',
  '--enable-sign-ext',
];
// The levels of trunk's -Oz, so that the module is written out as that
// run wrote it (optimised StackIR): at level 0 the same code takes 0.9 KB
// more.
const LEVELS = ['--optimize-level=2', '--shrink-level=2'];

let glue = readFileSync(gluePath, 'utf8');

// wasm-streams, which Leptos's server functions bring, exports three
// classes for JavaScript's streams to call into Rust; kibitz has no server
// functions, and no import of the wasm makes one of these objects. They go
// from the glue (class, dispose alias, finalization registry), and then
// their exports and the code only they reach from the wasm: 1.5 KB gzip.
const UNUSED_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
const removeOnce = (pattern, what) => {
  const matches = glue.match(new RegExp(pattern.source, 'gm')) ?? [];
  if (matches.length !== 1) fail(`expected one ${what} in the glue, found ${matches.length}`);
  glue = glue.replace(pattern, '');
};
const removed = UNUSED_CLASSES.filter((name) => glue.includes(`export class ${name} {`));
for (const name of removed) {
  removeOnce(new RegExp(`^export class ${name} \\{\\n[^]*?^\\}\\n`, 'm'), `class ${name}`);
  removeOnce(
    new RegExp(`^if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`, 'm'),
    `dispose alias of ${name}`,
  );
  removeOnce(new RegExp(`^const ${name}Finalization = [^;]*;\\n`, 'm'), `finalization registry of ${name}`);
  if (glue.includes(name)) fail(`the glue still names ${name} once its class is gone`);
}
const removeExports = removed.length
  ? ['--remove-exports', '--pass-arg=remove-exports@*intounderlying*', '--remove-unused-module-elements']
  : [];

const printed = execFileSync(
  process.env.WASM_OPT ?? 'wasm-opt',
  [
    wasmPath,
    ...FEATURES,
    ...LEVELS,
    ...removeExports,
    '--minify-imports-and-exports-and-modules',
    // Custom sections no browser reads (the toolchain's versions, and the
    // features the options above name anyway).
    '--strip-producers',
    '--strip-target-features',
    '-o',
    wasmPath,
  ],
  { encoding: 'utf8', maxBuffer: 64 << 20 },
);
const mapping = JSON.parse(printed.slice(printed.indexOf('{')));
const wasm = new WebAssembly.Module(readFileSync(wasmPath));

// The import object: `"./kibitz-widget_bg.js": import0` in
// `__wbg_get_imports`, whose members are written `name: function(`.
const modules = new Set(mapping.imports.map(([module]) => module));
const newModules = new Set(WebAssembly.Module.imports(wasm).map((i) => i.module));
if (modules.size !== 1 || newModules.size !== 1) {
  fail(`expected one import module, found ${[...modules]} -> ${[...newModules]}`);
}
const [oldModule] = modules;
const [newModule] = newModules;
const moduleKey = `${JSON.stringify(oldModule)}: import0`;
if (glue.split(moduleKey).length !== 2) fail(`the glue does not name its imports as ${moduleKey}`);
glue = glue.replace(moduleKey, `${JSON.stringify(newModule)}: import0`);

// Each member of the import object is written from `        name: function(`
// to its first line that starts `        }`. Members the wasm no longer
// imports (those only removed code called) go.
const importNames = new Map(mapping.imports.map(([, name, short]) => [name, short]));
let renamedImports = 0;
const member = /^( {8})([A-Za-z_$][\w$]*)(: function\([^]*?^ {8}\}[^\n]*\n)/gm;
glue = glue.replace(member, (whole, indent, name, rest) => {
  const short = importNames.get(name);
  if (short === undefined) return '';
  renamedImports += 1;
  return `${indent}${JSON.stringify(short)}${rest}`;
});
if (renamedImports !== importNames.size) {
  fail(`renamed ${renamedImports} of the glue's imports, but the wasm has ${importNames.size}`);
}

// Exports: the glue calls them all as `wasm.<name>`.
const exportNames = new Map(mapping.exports);
const exported = new Set(WebAssembly.Module.exports(wasm).map((e) => e.name));
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (whole, name) => {
  const short = exportNames.get(name);
  if (short !== undefined) return `wasm.${short}`;
  if (exported.has(name)) return whole;
  fail(`the glue calls wasm.${name}, which the wasm does not export`);
});

// Every import the wasm asks for is now a key of the import object.
for (const { name } of WebAssembly.Module.imports(wasm)) {
  if (!glue.includes(`${JSON.stringify(name)}: function(`)) {
    fail(`the wasm imports ${name}, which the glue does not provide`);
  }
}

writeFileSync(gluePath, glue);
