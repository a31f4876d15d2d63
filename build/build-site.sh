#!/usr/bin/env bash
# Builds the static site into site/dist: templ code, the wasm engine,
# wasm_exec.js from this Go's GOROOT, hash-wasm's SHA builds from
# node_modules, the scripts, and then (build/sitegen) the pages, samples,
# the demo vendor page, the single-file offline page and the service
# worker, which lists every other file and so comes last. Run from
# anywhere; works on the repository root.
#
# site/dist is rebuilt from scratch, except for _headers, which the
# Worker's build (build/worker/build.sh) writes there and which is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

out=site/dist
go tool templ generate -log-level warn
kept=""
if [ -f "$out/_headers" ]; then kept=$(mktemp); cp "$out/_headers" "$kept"; fi
rm -rf "$out"
mkdir -p "$out"
if [ -n "$kept" ]; then mv "$kept" "$out/_headers"; fi

GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$out/ovacheck.wasm" ./wasm/browser
cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$out"/
for f in app.js engine-client.js engine-worker.js hash-pool.js hash-worker.js ova-verify.js ova-verify.css; do
  cp "site/static/$f" "$out/"
done

# The hash workers are classic workers: they load hash-wasm's UMD builds
# of the three algorithms the engine asks for (smaller than the full
# bundle), which share one global, hashwasm.
hw=node_modules/hash-wasm/dist
if [ ! -f "$hw/sha256.umd.min.js" ]; then
  if [ -f package.json ]; then npm install --no-audit --no-fund >&2; else npm install --no-save --no-package-lock --no-audit --no-fund hash-wasm >&2; fi
fi
cat "$hw/sha1.umd.min.js" "$hw/sha256.umd.min.js" "$hw/sha512.umd.min.js" >"$out/hash-wasm.umd.js"

go run ./build/sitegen -o "$out" -static site/static

# Precompressed copies of the engine, which build/serve sends to browsers
# that accept brotli or gzip. Written after the service worker's list, so
# they are not assets of their own (the worker caches ovacheck.wasm as the
# browser received it).
go run ./build/compress "$out/ovacheck.wasm"
# The pages, scripts and style sheets too (a first visit's HTML, CSS and
# JS shrink to about a third), but not the single-file offline page, a
# download of 17 MB that would take brotli long to compress at each build.
find "$out" \( -name '*.html' -o -name '*.js' -o -name '*.css' \) ! -name ovacheck-offline.html -print0 |
  xargs -0 go run ./build/compress >/dev/null
# Cloudflare compresses on its own: the Worker does not upload the copies.
printf "*.br\n*.gz\n" >"$out/.assetsignore"
echo "site built in $out (ovacheck-offline.html: $(wc -c <"$out/ovacheck-offline.html") bytes)"
