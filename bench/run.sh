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
  # The build leaves the machine busy for a while (its 1-minute load
  # average stays near the core count): the first cases would measure that.
  # Wait until it falls below 1, for at most a minute.
  for _ in $(seq 12); do
    load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
    awk -v l="$load" 'BEGIN { exit !(l < 1) }' && break
    echo "[bench] waiting for the build's load to settle (load average $load)" >&2
    sleep 5
  done
fi

exec node bench/bench.mjs "${args[@]+"${args[@]}"}"
