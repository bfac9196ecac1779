#!/usr/bin/env bash
# Where the wasm's bytes go: builds the release widget as trunk does, but
# keeps function names, and prints twiggy's biggest items and a sum per
# crate. Run scripts/toolchain.sh first; installs twiggy if it is missing.
#
#   bash scripts/bloat.sh [N]     # N biggest items (default 40)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/toolchain.sh
# The same build as the shipped one (scripts/build.sh), when it can be had.
small_std_env || true
top=${1:-40}
out=${BLOAT_DIR:-target/bloat}
mkdir -p "$out"

command -v twiggy >/dev/null || cargo install --locked twiggy

cargo build --release --target wasm32-unknown-unknown --bin kibitz-widget --quiet
wasm-bindgen --keep-debug --target web --no-typescript --out-dir "$out" \
  target/wasm32-unknown-unknown/release/kibitz-widget.wasm
# The flags of index.html's data-wasm-opt-params, plus -g to keep names.
wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-sign-ext -ocimfs=30 \
  "$out/kibitz-widget_bg.wasm" -o "$out/named.wasm"

twiggy top -n 100000 -f csv "$out/named.wasm" >"$out/top.csv"
echo "# ${top} biggest items (shallow bytes, names kept: a little bigger than dist/)"
twiggy top -n "$top" "$out/named.wasm"
echo
echo "# shallow bytes by crate (from the demangled names)"
node "$root/scripts/bloat-crates.mjs" "$out/top.csv"
