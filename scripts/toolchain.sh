#!/usr/bin/env bash
# Installs what building and testing kibitz needs, skipping whatever is already
# present at the right version. Sourced by scripts/serve.sh and scripts/test.sh;
# safe to run again. Works on a fresh Debian or Ubuntu machine with rustup's
# Rust, Node.js with npm, git and curl.
#
# Every tool comes from a package registry (crates.io, npm, the distribution):
# trunk's own download of wasm-bindgen and wasm-opt is never used.
set -euo pipefail

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version in Cargo.lock.
WASM_BINDGEN_VERSION=0.2.130

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '[toolchain] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
command -v gzip >/dev/null 2>&1 || need_apt+=(gzip)
command -v brotli >/dev/null 2>&1 || need_apt+=(brotli)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} from the distribution"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The standard library's source: release builds compile std for size with
# it (small_std_env below). Optional: without it they are plain builds.
if ! rustup component list --installed 2>/dev/null | grep -qx rust-src; then
  say "adding the rust-src component (optional: smaller release wasm)"
  rustup component add rust-src || say "rust-src could not be installed; release builds stay plain"
fi

if ! trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}$"; then
  say "installing trunk ${TRUNK_VERSION} (about 15 minutes on 2 cores, once)"
  cargo install --locked trunk --version "${TRUNK_VERSION}"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\b"; then
  say "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (about 5 minutes, once)"
  # Not --locked: one of its locked dependencies is no longer on the registry.
  cargo install --force wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

if [ ! -d "${root_dir}/node_modules/playwright-core" ] \
  || [ "${root_dir}/package-lock.json" -nt "${root_dir}/node_modules/.package-lock.json" ]; then
  say "installing npm packages from package-lock.json"
  (cd "${root_dir}" && npm ci --no-audit --no-fund --loglevel=error)
fi

# binaryen from npm: Debian's wasm-opt silently corrupts wasm-bindgen output.
export PATH="${root_dir}/node_modules/.bin:${HOME}/.cargo/bin:${PATH}"

# For release builds of the shipped bundle (scripts/build.sh, scripts/bloat.sh):
# the standard library compiled with the widget, at its opt-level and with
# LTO across it, using std's smaller algorithms (optimize_for_size), and
# without Debug formatting or panic locations (no shipped message uses
# Debug; a panic report keeps its text). About 12 KB gzip less wasm. These
# are unstable cargo and rustc options: RUSTC_BOOTSTRAP lets the stable
# compiler take them in this build only. Without rust-src, or when std's own
# crates cannot be fetched, it says why and returns 1, setting nothing.
small_std_env() {
  local library
  library="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
  if [ ! -f "${library}/Cargo.toml" ]; then
    say "no rust-src component (the release wasm is about 12 KB gzip bigger without it)"
    return 1
  fi
  if ! RUSTC_BOOTSTRAP=1 cargo fetch --quiet --manifest-path "${library}/Cargo.toml"; then
    say "the standard library's own crates could not be fetched"
    return 1
  fi
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export RUSTFLAGS="-Zfmt-debug=none -Zlocation-detail=none"
}
