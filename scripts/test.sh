#!/usr/bin/env bash
# Runs every test: formatting and lints, native unit tests and doctests,
# component tests in headless Chromium (wasm-bindgen-test), the release
# build's own scripts, then the release bundle end to end in Chromium
# driven by Playwright.
# Installs whatever is missing first (scripts/toolchain.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

step() { printf '\n== %s\n' "$*"; }

step "fetch crates (locked)"
cargo fetch --locked

step "format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --offline -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bins --tests --offline -- -D warnings

step "native unit tests and doctests"
cargo test --offline

step "component tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --offline --target wasm32-unknown-unknown --test web

step "build and benchmark scripts"
node --test tests/build/*.test.mjs tests/bench/*.test.mjs

step "release bundle"
bash scripts/build.sh
bash scripts/size.sh

step "end to end in Chromium (Playwright)"
node --test --test-concurrency=1 tests/e2e/*.test.mjs
