#!/usr/bin/env bash
# Builds the release bundle into dist/: `trunk build --release --offline`,
# with the standard library rebuilt for size when its source is installed
# (see small_std_env in scripts/toolchain.sh: about 12 KB gzip less wasm).
# Should that build fail (its options are unstable ones, so a different
# compiler may refuse them), the plain build runs instead. Extra arguments
# go to trunk.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
cargo fetch --locked --quiet
if (small_std_env && trunk build --release --offline "$@"); then
  exit 0
fi
say "building with the prebuilt standard library"
exec trunk build --release --offline "$@"
