#!/usr/bin/env bash
# Builds the static site into site/dist: templ code, the pages and samples,
# the wasm engine, wasm_exec.js from this Go's GOROOT and hash-wasm from
# node_modules. Run from anywhere; works on the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

out=site/dist
go tool templ generate -log-level warn
rm -rf "$out"
mkdir -p "$out"
go run ./build/sitegen -o "$out"
cp site/static/app.js site/static/engine-worker.js site/static/hash-pool.js site/static/hash-worker.js "$out"/
cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$out"/
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$out/ovacheck.wasm" ./wasm/browser

hashwasm=node_modules/hash-wasm/dist/index.esm.min.js
if [ ! -f "$hashwasm" ]; then
  if [ -f package.json ]; then npm install --no-audit --no-fund >&2; else npm install --no-save --no-package-lock --no-audit --no-fund hash-wasm >&2; fi
fi
cp "$hashwasm" "$out/hash-wasm.js"

raw=$(wc -c <"$out/ovacheck.wasm")
gz=$(gzip -9 -c "$out/ovacheck.wasm" | wc -c)
echo "site built in $out (ovacheck.wasm: $raw bytes, $gz gzip)"
