#!/usr/bin/env bash
# Prints the Worker's upload size as Cloudflare counts it (gzip), against
# the free plan's 3 MB limit: wrangler deploy --dry-run bundles exactly what
# a deploy would upload, offline. Builds the Worker first when
# build/worker-dist is missing. Exits 1 when the bundle is over the limit.
set -euo pipefail
cd "$(dirname "$0")/../.."
export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false \
  CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true

wrangler=node_modules/.bin/wrangler
[ -x "$wrangler" ] || { echo "wrangler is not installed: run npm install" >&2; exit 2; }
[ -f build/worker-dist/app.wasm ] || bash build/worker/build.sh >&2

limit_kib=3072 # Workers Free: 3 MB after compression
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# A site that is not built yet does not change the Worker's size.
assets=()
if [ ! -d site/dist ]; then
  mkdir -p "$out/assets" && echo '<!doctype html><title>ovacheck</title>' >"$out/assets/index.html"
  assets=(--assets "$out/assets")
fi
log=$("$wrangler" deploy --dry-run --outdir "$out/bundle" "${assets[@]}" 2>&1) || { echo "$log" >&2; exit 2; }
gzip_kib=$(printf '%s\n' "$log" | sed -n 's/.*Total Upload: .* gzip: \([0-9.]*\) KiB.*/\1/p' | tail -1)
[ -n "$gzip_kib" ] || { echo "$log" >&2; echo "could not read the bundle size from wrangler's output" >&2; exit 2; }
pct=$(awk -v s="$gzip_kib" -v l="$limit_kib" 'BEGIN { printf "%.0f", 100 * s / l }')
echo "worker bundle: ${gzip_kib} KiB gzip of ${limit_kib} KiB free-plan limit (${pct}%)"
awk -v s="$gzip_kib" -v l="$limit_kib" 'BEGIN { exit !(s <= l) }' || { echo "the Worker is over the free-plan limit" >&2; exit 1; }
