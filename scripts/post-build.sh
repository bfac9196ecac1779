#!/usr/bin/env bash
# Trunk post_build hook: minifies the wasm-bindgen glue and the loader, and
# writes kibitz.css from style.css, in trunk's staging directory. Release
# builds also shorten the names the wasm and the glue share
# (scripts/minify-wasm-names.mjs). The loader is written last, with the
# build's version in it.
set -euo pipefail
src=${TRUNK_SOURCE_DIR:?run by trunk}
out=${TRUNK_STAGING_DIR:?run by trunk}
esbuild="${src}/node_modules/.bin/esbuild"
if [ ! -x "$esbuild" ]; then
  echo "post-build: $esbuild is missing; run scripts/toolchain.sh (npm ci)" >&2
  exit 1
fi
minify=()
[ "${TRUNK_PROFILE:-debug}" = release ] && minify=(--minify)
"$esbuild" "${src}/style.css" "${minify[@]}" --log-level=warning --outfile="${out}/kibitz.css"
if [ ${#minify[@]} -gt 0 ]; then
  WASM_OPT="${src}/node_modules/.bin/wasm-opt" node "${src}/scripts/minify-wasm-names.mjs" \
    "${out}/kibitz-widget_bg.wasm" "${out}/kibitz-widget.js"
  "$esbuild" "${out}/kibitz-widget.js" --minify --format=esm --target=es2020 --log-level=warning \
    --allow-overwrite --outfile="${out}/kibitz-widget.js"
fi
# The build's version: the first 12 hex digits of the SHA-256 of the glue,
# the wasm and the stylesheet, in that order. The loader asks for the three
# by it (?v=…), so a browser's cached copy of another build's is never used.
version=$(cat "${out}/kibitz-widget.js" "${out}/kibitz-widget_bg.wasm" "${out}/kibitz.css" \
  | sha256sum | cut -c1-12)
"$esbuild" "${src}/loader/kibitz.js" "${minify[@]}" --target=es2020 --log-level=warning \
  --define:KIBITZ_BUILD="\"${version}\"" --outfile="${out}/kibitz.js"
