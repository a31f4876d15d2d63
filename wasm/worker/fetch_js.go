//go:build js && wasm

package main

import (
	"net/http"

	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/fetch"

	"github.com/ovacheck/ovacheck/wasm/worker/api"
)

// testAllowLoopbackVar is the Worker variable that, set to "1", lets
// POST /api/v1/validate-url read http:// URLs on loopback addresses. Only
// the workerd tests set it (url_workerd_test.go); a deployment must not.
const testAllowLoopbackVar = "OVACHECK_TEST_ALLOW_LOOPBACK_URLS"

// The URL endpoint's subrequests go through the Workers fetch, with
// redirects handed back to the API's guard (which checks each hop), and
// names are resolved over DNS-over-HTTPS, the only resolver a Worker has.
func init() {
	// The transport alone: http.Client.Do would link net/http's own
	// transport (TLS, HTTP/2) into the Worker, 0.7 MB gzipped.
	client := roundTripper{fetch.NewClient().HTTPClient(fetch.RedirectModeManual).Transport}
	api.URLFetch.Client = client
	api.URLFetch.Resolve = api.DoHResolver(client, "https://cloudflare-dns.com/dns-query")
	api.URLFetch.AllowLoopbackHTTP = func() (allow bool) {
		defer func() {
			if recover() != nil {
				allow = false // no request context: not a test
			}
		}()
		return cloudflare.Getenv(testAllowLoopbackVar) == "1"
	}
}

// roundTripper sends a request as it is: no redirect is followed.
type roundTripper struct{ rt http.RoundTripper }

func (r roundTripper) Do(req *http.Request) (*http.Response, error) { return r.rt.RoundTrip(req) }
