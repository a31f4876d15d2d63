#!/usr/bin/env bash
# npm test: every test. Go natively (engine, CLI, site, schemas), the engine
# compiled to wasm under Node, the browser tests in Chromium against the
# built site, and the Worker under workerd.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step "dependencies"
[ -d node_modules/hash-wasm ] && [ -x node_modules/.bin/wrangler ] || npm install --no-audit --no-fund
go mod download

step "generated templ code matches the .templ files"
go tool templ generate -log-level warn
if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --exit-code --stat -- '*_templ.go'; then
  echo "generated *_templ.go files differ from the committed ones: run 'go tool templ generate' and commit" >&2
  exit 1
fi

step "go vet (native and wasm)"
go vet ./...
go vet -tags e2e ./e2e/...
go vet -tags workerd ./wasm/worker
GOOS=js GOARCH=wasm go vet ./engine/... ./schemas/... ./site/... ./wasm/browser/... ./wasm/worker/...

step "go test"
go test -count=1 ./...

step "engine under Node (GOOS=js GOARCH=wasm)"
GOOS=js GOARCH=wasm go test -count=1 -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./engine/... ./schemas/... ./site/... ./wasm/worker/...

step "build the site"
bash build/build.sh

step "browser tests in Chromium"
if ! command -v chromium >/dev/null; then
  echo "chromium is not installed: .ci/run installs it (apt-get install chromium)" >&2
  exit 1
fi
go test -count=1 -tags e2e ./e2e/...

step "the Worker under workerd"
go test -count=1 -tags workerd ./wasm/worker
