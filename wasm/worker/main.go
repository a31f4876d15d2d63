//go:build js && wasm

// Command worker is ovacheck's Cloudflare Worker: the API of package api
// served by syumai/workers. Static assets (the site) are served by the
// Workers runtime itself, from wrangler.jsonc's assets directory; only
// /api/* reaches this program. Build it with build/worker/build.sh.
package main

import (
	"github.com/syumai/workers"

	"github.com/ovacheck/ovacheck/wasm/worker/api"
)

func main() { workers.Serve(api.New()) }
