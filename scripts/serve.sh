#!/usr/bin/env bash
# Builds the widget and serves the demo article on http://127.0.0.1:8080/,
# rebuilding on every change. Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
cargo fetch --locked
exec trunk serve --offline "$@"
