#!/usr/bin/env bash
# npm start: install what is needed, build the site and serve it on
# http://127.0.0.1:${PORT:-8080} until interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/hash-wasm ] || npm install --no-audit --no-fund
go mod download
bash build/build-site.sh
go build -o build/dist/serve ./build/serve
echo "ovacheck: serving the validator on http://127.0.0.1:${PORT:-8080} (Ctrl-C stops it)"
exec build/dist/serve -addr "127.0.0.1:${PORT:-8080}" -dir site/dist
