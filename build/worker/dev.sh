#!/usr/bin/env bash
# npm run worker: builds the site and the Worker, then runs them locally
# under workerd through wrangler dev on http://127.0.0.1:${PORT:-8787},
# offline (no metrics, error reports, Request.cf download or update check).
set -euo pipefail
cd "$(dirname "$0")/../.."
export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false \
  CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true

wrangler=node_modules/.bin/wrangler
[ -x "$wrangler" ] || npm install --no-audit --no-fund
bash build/build-site.sh
bash build/worker/build.sh
# exec, so that stopping this script (Ctrl-C) stops wrangler and workerd.
exec "$wrangler" dev --ip 127.0.0.1 --port "${PORT:-8787}" --show-interactive-dev-session=false
