#!/bin/sh
# Trunk's post_build hook (see Trunk.toml): splits the widget's wasm into the
# part every visit needs and the lazy parts (src/ui/lazy.rs), then does what
# Trunk would have done to the one module, to each part. Trunk 0.21 has no
# step between cargo and wasm-bindgen, so this redoes wasm-bindgen from the
# wasm cargo linked and replaces the files Trunk staged:
#
#   1. wasm-split-cli (wasm_split_cli_support, pinned in scripts/lib/common.sh)
#      reads the linked wasm (its relocations are kept: .cargo/config.toml) and
#      writes the main module, one split_<part>.wasm per lazy part, the
#      chunk_<n>.wasm that two parts share, and __wasm_split.js, which fetches
#      them from its own folder when the code in them is first called.
#   2. wasm-bindgen on the main module, with Trunk's options (--target web, no
#      typescript, out name put-right) and --keep-lld-exports: the parts call
#      functions the main module exports.
#   3. The stylesheet written into the loader (scripts/lib/inline-css.mjs).
#   4. Release only: wasm-opt -Oz on every module (Trunk's own wasm-opt is off:
#      data-wasm-opt="0" in public/index.html), and terser on the JS.
set -eu

: "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
out="$TRUNK_STAGING_DIR"
target_dir="$(cargo metadata --format-version 1 --no-deps --offline | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
linked="$target_dir/wasm32-unknown-unknown/$TRUNK_PROFILE/put-right.wasm"
[ -f "$linked" ] || { echo "lazy parts: $linked is missing" >&2; exit 1; }
command -v wasm-split-cli >/dev/null || { echo "lazy parts: wasm-split-cli is missing (scripts/lib/common.sh installs it)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/split" "$work/bindgen"

wasm-split-cli --target web --out-name put-right "$linked" "$work/split"
wasm-bindgen --target web --no-typescript --out-name put-right --keep-lld-exports \
  --out-dir "$work/bindgen" "$work/split/put-right.wasm"

# Only what this build wrote: no part left over from an earlier build.
rm -f "$out"/put-right_bg.wasm "$out"/put-right.js "$out"/__wasm_split.js "$out"/split_*.wasm "$out"/chunk_*.wasm
mv "$work/bindgen/put-right_bg.wasm" "$work/bindgen/put-right.js" "$out/"
rm "$work/split/put-right.wasm"
mv "$work/split/"*.wasm "$work/split/__wasm_split.js" "$out/"

# The stylesheet into the loader, for the plain first question (both profiles).
node scripts/lib/inline-css.mjs "$out"

[ "$TRUNK_PROFILE" = release ] || exit 0

for f in "$out"/put-right_bg.wasm "$out"/split_*.wasm "$out"/chunk_*.wasm; do
  [ -f "$f" ] || continue
  # Its only complaint is about a name section it does not know, which it drops.
  wasm-opt -Oz "$f" --output="$f.opt" 2>&1 | grep -v 'unknown name subsection' >&2 || true
  [ -s "$f.opt" ] || { echo "lazy parts: wasm-opt failed on $f" >&2; exit 1; }
  mv "$f.opt" "$f"
done

t=scripts/node_modules/.bin/terser
[ -x "$t" ] || { echo "terser is missing: scripts/bench and scripts/test install it (npm ci in scripts/)" >&2; exit 1; }
for f in put-right.js putright.js __wasm_split.js; do
  "$t" "$out/$f" --module --compress --mangle --format comments=false -o "$out/$f.min"
  mv "$out/$f.min" "$out/$f"
done
