#!/usr/bin/env bash
# Prints what a reader downloads for the widget from dist/: raw, gzip -9
# and brotli -q 11 bytes of the loader, glue, wasm and stylesheet.
set -euo pipefail
cd "$(dirname "$0")/../dist"
files=(kibitz.js kibitz-widget.js kibitz-widget_bg.wasm kibitz.css)
printf '%-24s %9s %9s %9s\n' file raw gzip brotli
total=(0 0 0)
for f in "${files[@]}"; do
  raw=$(wc -c <"$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-24s %9d %9d %9d\n' "$f" "$raw" "$gz" "$br"
  total=($((total[0] + raw)) $((total[1] + gz)) $((total[2] + br)))
done
printf '%-24s %9d %9d %9d\n' total "${total[@]}"
