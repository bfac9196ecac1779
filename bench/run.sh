#!/usr/bin/env bash
# The kibitz benchmark, one command:
#
#   bash bench/run.sh [--no-build] [--runs N] [--only CASE[,CASE…]] [--check]
#
# Builds the release bundle (scripts/build.sh) unless
# --no-build, then runs bench/bench.mjs with the remaining options. Results:
# the console, bench/out/results.md and bench/out/results.json.
set -euo pipefail
root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root_dir"

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

# shellcheck source=../scripts/toolchain.sh
source scripts/toolchain.sh

if [ "$build" = 1 ]; then
  echo "[bench] building the release bundle (scripts/build.sh)" >&2
  if ! bash scripts/build.sh; then
    echo "[bench] the build failed; bash bench/run.sh --no-build measures dist/ as it is" >&2
    exit 1
  fi
fi

exec node bench/bench.mjs "${args[@]+"${args[@]}"}"
