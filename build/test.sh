#!/usr/bin/env bash
# npm test: every test. Go natively (engine, CLI, site, schemas), the engine
# compiled to wasm under Node, the browser tests in Chromium against the
# built site, and the Worker under workerd.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

# The tools the tests run: real consumers and producers of OVF packages act
# as oracles (engine/oracle), Chromium runs the browser tests. Installed from
# Debian when missing, which needs root; the oracle tests fail rather than
# skip when one is missing (OVACHECK_REQUIRE_TOOLS=1).
step "system packages"
need=()
have() { command -v "$1" >/dev/null 2>&1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
have chromium || need+=(chromium)
have qemu-img || need+=(qemu-utils)
have virt-v2v || need+=(virt-v2v)
have vmdkinfo || need+=(libvmdk-utils)
installed python3-vmdkstream || need+=(python3-vmdkstream)
have openssl || need+=(openssl)
have tar || need+=(tar)
have zip || need+=(zip)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! have apt-get; then
    echo "missing tools; as root on Debian run: apt-get install --no-install-recommends ${need[*]}" >&2
    exit 1
  fi
  echo "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
export OVACHECK_REQUIRE_TOOLS=1

step "dependencies"
# axe-core is injected into the page by the accessibility test (e2e/axe_test.go).
[ -d node_modules/hash-wasm ] && [ -x node_modules/.bin/wrangler ] && [ -f node_modules/axe-core/axe.min.js ] || npm install --no-audit --no-fund
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
go test -count=1 $(go list ./... | grep -v '/engine/oracle$')

step "oracles: virt-v2v, qemu-img and vmdkinfo against ovacheck"
# Verbose, so that the agreement figures show; the per-test lines are left out.
go test -count=1 -v ./engine/oracle | grep -v -E '^=== (RUN|PAUSE|CONT)'

step "engine under Node (GOOS=js GOARCH=wasm)"
GOOS=js GOARCH=wasm go test -count=1 -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./engine/... ./schemas/... ./site/... ./wasm/worker/...

step "build the site"
bash build/build.sh

step "browser tests in Chromium"
if ! command -v chromium >/dev/null; then
  echo "chromium is not installed: apt-get install chromium" >&2
  exit 1
fi
go test -count=1 -tags e2e ./e2e/...

step "the Worker under workerd"
go test -count=1 -tags workerd ./wasm/worker
