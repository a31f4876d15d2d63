#!/usr/bin/env bash
# Builds everything that is served or shipped: the static site with the wasm
# engine (site/dist) and the command-line program (build/dist/ovacheck).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/dist
go build -trimpath -o build/dist/ovacheck ./cmd/ovacheck
bash build/build-site.sh
