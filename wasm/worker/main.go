//go:build js && wasm

// Command worker is ovacheck's Cloudflare Worker: the API of package api
// served by syumai/workers. Static assets (the site) are served by the
// Workers runtime itself, from wrangler.jsonc's assets directory; only
// /api/* reaches this program. Build it with build/worker/build.sh.
package main

import (
	"runtime/debug"

	"github.com/syumai/workers"

	"github.com/ovacheck/ovacheck/wasm/worker/api"
)

func main() {
	// A request's check runs in a 128 MB isolate: collect garbage when the
	// heap has grown by a quarter rather than doubled, trading a little
	// CPU for a lower peak (memory_test.go measures it under workerd).
	// build/worker/build.sh also runs this program with
	// GODEBUG=gcstoptheworld=1, so that each collection ends when it
	// starts (see there why); a memory limit (debug.SetMemoryLimit) did
	// not lower the peak, as collections that cannot finish cannot keep
	// to it.
	debug.SetGCPercent(25)
	workers.Serve(api.New())
}
