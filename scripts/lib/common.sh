# Shared by scripts/serve, scripts/test and scripts/bench. Source it; do not run it.
# Installs only what is missing, each at the exact version the project pins.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/scripts/node_modules/.bin:$PATH"
# Trunk must never download tools: everything below is installed by us.
export TRUNK_OFFLINE=true

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root for: $*"; return 1; fi
}

# The wasm-bindgen version that Cargo.lock resolved (and Cargo.toml pins with '=').
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (slow the first time: about 9 minutes)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

# twiggy reads the names-kept wasm for the bench's table of what is large.
TWIGGY_VERSION=0.8.0
ensure_twiggy() {
  if ! twiggy --version 2>/dev/null | grep -q " $TWIGGY_VERSION$"; then
    say "installing twiggy $TWIGGY_VERSION (for the bench's size table; about 2 minutes)"
    cargo install twiggy --version "$TWIGGY_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local v
  v="$(wasm_bindgen_version)"
  [ -n "$v" ] || { say "Cargo.lock has no wasm-bindgen"; return 1; }
  if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $v" \
     || ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q "$v"; then
    say "installing wasm-bindgen-cli $v (about 3 minutes the first time)"
    # Not --locked: one of its locked dependencies is no longer in the registry.
    cargo install wasm-bindgen-cli --version "$v" --force
  fi
}

ensure_wasm_opt() {
  # terser (release builds minify the JS with it) comes from the same package list.
  if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION" || [ ! -x "$ROOT/scripts/node_modules/.bin/terser" ]; then
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) and terser"
    (cd "$ROOT/scripts" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# wasm-split-cli splits the wasm into the lazy parts (scripts/lib/lazy-parts.sh,
# Trunk's post-build hook).
WASM_SPLIT_VERSION=0.2.4
ensure_wasm_split() {
  if [ "$(cargo install --list 2>/dev/null | sed -n 's/^wasm_split_cli_support v\([0-9.]*\):$/\1/p')" != "$WASM_SPLIT_VERSION" ] \
     || ! command -v wasm-split-cli >/dev/null; then
    say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 4 minutes the first time)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
  fi
}

ensure_build_tools() {
  (cd "$ROOT" && cargo fetch --quiet)
  ensure_rust_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_opt
  ensure_wasm_split
}

ensure_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing chromium and chromium-driver from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
}

ensure_e2e_packages() {
  local dir="$ROOT/tests/e2e"
  if [ ! -d "$dir/node_modules/playwright-core" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing end-to-end test packages (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Wait until an HTTP URL answers, or fail after $2 seconds.
wait_for_http() {
  local url="$1" secs="${2:-60}" i=0
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    i=$((i + 1))
    [ "$i" -le $((secs * 4)) ] || { say "timed out waiting for $url"; return 1; }
    sleep 0.25
  done
}
