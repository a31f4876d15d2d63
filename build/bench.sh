#!/usr/bin/env bash
# npm run bench: speed and memory against references measured in the same
# run (Go's own SHA-256 and openssl for the command line; hash-wasm for the
# browser), and the sizes of what the browser and the Worker load.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/dist
go build -trimpath -o build/dist/ovacheck ./cmd/ovacheck
echo "== command line"
go run ./build/bench "$@"
echo
echo "== browser (Chromium): the validator page, choice to final verdict, against raw hash-wasm"
bash build/build-site.sh >/dev/null
go run ./build/bench-browser
echo
echo "== the Worker"
bash build/worker/size.sh
