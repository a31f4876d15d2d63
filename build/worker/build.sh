#!/usr/bin/env bash
# Builds the Cloudflare Worker into build/worker-dist: workers-assets-gen's
# JavaScript glue (worker.mjs, runtime.mjs, wasm_exec.js, all for this Go)
# and the Go program of wasm/worker compiled to app.wasm. When the site has
# been built (site/dist), it also writes site/dist/_headers so the static
# assets carry the same security headers as the API. wrangler.jsonc names
# both. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=build/worker-dist
go run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o "$out" >/dev/null
# -gcflags=all=-l (no inlining) makes app.wasm 4% larger but 10% smaller
# gzipped (2.71 MiB instead of 3.01 MiB when this was written), which keeps
# the Worker under the free plan's 3 MiB compressed limit; the check a
# request runs is small, so the slower calls cost little.
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -gcflags=all=-l -o "$out/app.wasm" ./wasm/worker
if [ -d site/dist ]; then
  go run ./build/worker/headers >site/dist/_headers
else
  echo "site/dist does not exist: run 'npm run build' first, or the Worker serves no static pages" >&2
fi
raw=$(wc -c <"$out/app.wasm")
gz=$(gzip -9 -c "$out/app.wasm" | wc -c)
echo "worker built in $out (app.wasm: $raw bytes, $gz gzip)"
