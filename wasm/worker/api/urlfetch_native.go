//go:build !js

package api

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"time"
)

// Outside a Worker, the URL endpoint sends through net/http, without
// following redirects (the guard follows them, checking each hop), and
// resolves names with the system's resolver.
func init() {
	URLFetch.Client = &http.Client{
		Timeout:       60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	URLFetch.Resolve = func(ctx context.Context, host string) ([]netip.Addr, error) {
		return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	}
}
