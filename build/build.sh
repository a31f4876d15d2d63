#!/usr/bin/env bash
# Builds everything that is served or shipped: the command-line program
# (build/dist/ovacheck), the static site with the wasm engine (site/dist) and
# the Cloudflare Worker (build/worker-dist).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/dist
go build -trimpath -o build/dist/ovacheck ./cmd/ovacheck
bash build/build-site.sh
# The Worker last: it writes site/dist/_headers, which the site build clears.
bash build/worker/build.sh
