// Command headers writes the _headers file that gives the Worker's static
// assets the same security headers as its API responses: the site's own
// Content-Security-Policy (site.PageCSP) with frame-ancestors added, which
// a <meta> tag cannot set, and nosniff, DENY and no-referrer. The Workers
// runtime reads _headers from the assets directory; build.sh runs this.
package main

import (
	"fmt"
	"os"

	"github.com/ovacheck/ovacheck/site"
)

func main() {
	fmt.Fprintf(os.Stdout, `# Written by build/worker/headers: security headers for every static asset.
/*
  Content-Security-Policy: %s; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
  X-Frame-Options: DENY
  Referrer-Policy: no-referrer
`, site.PageCSP)
}
