#!/usr/bin/env bash
# Builds the release bundle into dist/: `trunk build --release --offline`,
# with the standard library rebuilt for size when its source is installed
# (see small_std_env in scripts/toolchain.sh: about 12 KB gzip less wasm).
# Extra arguments go to trunk.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
cargo fetch --locked --quiet
small_std_env
exec trunk build --release --offline "$@"
