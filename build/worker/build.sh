#!/usr/bin/env bash
# Builds the Cloudflare Worker into build/worker-dist: workers-assets-gen's
# JavaScript glue (worker.mjs, runtime.mjs, wasm_exec.js, all for this Go)
# and the Go program of wasm/worker compiled to app.wasm. When the site has
# been built (site/dist), it also writes site/dist/_headers so the static
# assets carry the same security headers as the API. wrangler.jsonc names
# both. Run from anywhere. With a folder argument (an absolute path), it
# builds the Worker there instead and leaves site/dist alone: the workerd
# tests (wasm/worker) build this way.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${1:-build/worker-dist}
go run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o "$out" >/dev/null
# Each request runs a fresh Go instance (worker.mjs: new Go() per fetch);
# give it the environment the Go runtime reads at start. gcstoptheworld=1
# makes every collection finish when it starts: under js/wasm nothing
# preempts a goroutine that does not block, so a concurrent collection
# started during a check only ends when the check does, and everything
# allocated meanwhile stays. Measured under workerd on the worst accepted
# descriptor: the Go heap (runtime.MemStats.Sys) peaked at 37 MiB with
# concurrent collection and 22 MiB with this, the same in every run.
glue="$out/worker.mjs"
grep -q 'const go = new Go();' "$glue" || { echo "$glue no longer creates its Go instance as build.sh expects: set GODEBUG for it another way" >&2; exit 1; }
sed -i 's|const go = new Go();|const go = new Go();\n  go.env = { GODEBUG: "gcstoptheworld=1" };|' "$glue"
# -gcflags=all=-l (no inlining) makes app.wasm 4% larger but 10% smaller
# gzipped (2.71 MiB instead of 3.01 MiB when this was written), which keeps
# the Worker under the free plan's 3 MiB compressed limit; the check a
# request runs is small, so the slower calls cost little.
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -gcflags=all=-l -o "$out/app.wasm" ./wasm/worker
if [ $# -gt 0 ]; then
  : # a build for a test: the site is not served from there
elif [ -d site/dist ]; then
  go run ./build/worker/headers >site/dist/_headers
else
  echo "site/dist does not exist: run 'npm run build' first, or the Worker serves no static pages" >&2
fi
raw=$(wc -c <"$out/app.wasm")
gz=$(gzip -9 -c "$out/app.wasm" | wc -c)
echo "worker built in $out (app.wasm: $raw bytes, $gz gzip)"
